"""At sign-in, decide once whether this session needs a second factor (see ``middleware``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from sendsupport.twofactor.middleware import remember_whether_needed


@receiver(user_logged_in, dispatch_uid="twofactor_decide_at_sign_in")
def decide_at_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        remember_whether_needed(request.session, user)
