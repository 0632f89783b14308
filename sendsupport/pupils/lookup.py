"""The one way a page or an API route finds a pupil: visible to the user, and passing the rule.

Both answer 404 whether the pupil does not exist, is not visible, or fails the rule, so nothing
is revealed. Pages pass the request (``pupil_for``); API routes pass the user (``visible_pupil``).
"""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404, HttpRequest

from sendsupport.audit.services import note_found
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import get_visible_pupil


def visible_pupil(user: Any, pupil_id: int, rule: str) -> Pupil:
    """The pupil, if ``user`` may see it and passes ``rule`` on it; 404 otherwise."""
    pupil = get_visible_pupil(user, pupil_id)
    if not rules.test_rule(rule, user, pupil):
        raise Http404("Not found")
    # Remembered so a successful read is logged even if the view does not say so itself.
    note_found(pupil)
    return pupil


def pupil_for(request: HttpRequest, pupil_id: int, rule: str) -> Pupil:
    """For a page: the pupil, if the signed-in user may see it and passes ``rule``; 404 otherwise."""
    return visible_pupil(request.user, pupil_id, rule)
