"""A new cycle carries provision forward like outcomes: when an outcome is carried over, the provisions
that served the old outcome serve the new one too. The support app knows nothing of provision."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from sendsupport.support.models import Outcome


@receiver(post_save, sender=Outcome, dispatch_uid="provision_follows_carried_outcome")
def provision_follows_carried_outcome(sender: Any, instance: Outcome, created: bool, **kwargs: Any) -> None:
    if not created or instance.carried_from_id is None or kwargs.get("raw"):
        return
    for provision in instance.carried_from.provisions.all():
        provision.outcomes.add(instance)
