"""``sendsupport refresh-local-offer``: read every local authority's service directory now.

Run it daily from cron (or a systemd timer) beside the worker; the SENCO's "Read it again" button
asks the worker to do the same for one authority.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sendsupport.schools.models import LocalAuthority
from sendsupport.schools.services import refresh_local_offer


class Command(BaseCommand):
    help = "Read the SEND services of every local authority's Open Referral UK directory."

    def handle(self, *args: Any, **options: Any) -> None:
        authorities = LocalAuthority.objects.exclude(directory_url="")
        if not authorities.exists():
            self.stdout.write("No local authority has a directory address recorded.")
        for la in authorities:
            read = refresh_local_offer(local_authority=la)
            if read.succeeded:
                self.stdout.write(f"{la.name}: {read.services_found} SEND services read.")
            else:
                self.stdout.write(f"{la.name}: not read. {read.message}")
