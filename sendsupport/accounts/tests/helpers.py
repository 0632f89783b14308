"""Following an invitation email the way a person would: open the link, choose a password, sign in."""

from __future__ import annotations

import re

from django.core import mail
from django.db import connection
from django.test import Client


def commit_pending() -> None:
    """Run what would happen when the test's transaction commits: invitations are emailed by the
    worker only after the request's writes commit (``core.outbox``), never inside them."""
    while connection.run_on_commit:
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in pending:
            callback()


def invitation_for(email: str) -> tuple[str, str]:
    """The (username, path of the invitation link) from the last invitation sent to ``email``."""
    commit_pending()
    sent = [message for message in mail.outbox if email in message.to]
    assert sent, f"no email was sent to {email}"
    body = sent[-1].body
    username = re.search(r"Your username is: (\S+)", body).group(1)
    link = re.search(r"https?://[^/\s]+(/invitation/\S+)", body).group(1)
    return username, link


def choose_password(client: Client, link: str, password: str):
    """Open the link and submit the new password; returns the response to the submission."""
    assert client.get(link).status_code == 200
    return client.post(link, {"new_password1": password, "new_password2": password})


def sign_in(client: Client, username: str, password: str):
    return client.post("/sign-in/", {"username": username, "password": password})
