"""``sendsupport create-token USERNAME [--name NAME]``: make an API token and print it once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sendsupport.api import services


class Command(BaseCommand):
    help = "Make an API token for a user and print it. It is shown only this once: only its hash is kept."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="The user the token acts as, with exactly their access.")
        parser.add_argument("--name", default="Made on the command line", help="A name to tell the token apart.")
        parser.add_argument(
            "--days",
            type=int,
            default=services.DEFAULT_LIFETIME_DAYS,
            help="How many days the token works (at most API_TOKEN_MAX_DAYS).",
        )

    def handle(self, *args, **options) -> None:
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user with the username {username!r}.")
        if not user.is_active:
            raise CommandError(f"The account {username!r} is switched off, so it cannot have API tokens.")
        try:
            token, secret = services.create_token(user=user, name=options["name"], days=options["days"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(secret)
        self.stderr.write(
            f"Made API token {token.name!r} (starts ss_{token.prefix}) for {username}, "
            f"working until {token.expires_at:%Y-%m-%d %H:%M} UTC. "
            "Copy it now: it will not be shown again. Revoke it on the API tokens page."
        )
