"""At sign-in, mark the session of a pupil's own account, so the middleware can keep it to its page
without asking the database on every request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SESSION_KEY = "voice_pupil_account"


@receiver(user_logged_in, dispatch_uid="voice_mark_pupil_session")
def mark_pupil_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from sendsupport.support.voice.models import PupilAccount

    if request is None or not hasattr(request, "session"):
        return
    if PupilAccount.objects.filter(user=user).exists():
        request.session[SESSION_KEY] = True
    else:
        request.session.pop(SESSION_KEY, None)
