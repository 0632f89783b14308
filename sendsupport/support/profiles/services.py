"""Every write to passports: a new version, and a member of staff confirming they have read one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from sendsupport.core import dates
from sendsupport.core.versioning import StaleEdit, changed_fields
from sendsupport.pupils.models import Pupil
from sendsupport.support.profiles.models import SECTION_FIELDS, ProfileAcknowledgement, PupilProfile
from sendsupport.support.profiles.selectors import works_with

MISSING = {
    "liked_and_admired": "Write what people like and admire about {name}.",
    "important_to_me": "Write what is important to {name}.",
    "how_to_support_me": "Write how best to support {name}.",
    "strategies": "Write the strategies that work for {name}.",
    "pupil_contributed": "Say how {name}'s views were gathered, or why they could not be.",
}


@transaction.atomic
def save_new_version(
    *,
    pupil: Pupil,
    by: Any,
    liked_and_admired: str,
    important_to_me: str,
    how_to_support_me: str,
    strategies: str,
    pupil_contributed: str,
    changes_made: str = "",
    version: int | None = None,
    today: date | None = None,
) -> PupilProfile:
    """Save the passport as a new version. Earlier versions stay as they were.

    ``version`` is the version the edit form was drawn from (0: none yet). If someone saved a newer
    one since, saving is refused with what they changed, so their words are not silently replaced."""
    today = today or dates.today()
    # Lock the pupil row so two people saving at once cannot both make the same version.
    Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
    text = {
        "liked_and_admired": (liked_and_admired or "").strip(),
        "important_to_me": (important_to_me or "").strip(),
        "how_to_support_me": (how_to_support_me or "").strip(),
        "strategies": (strategies or "").strip(),
        "pupil_contributed": (pupil_contributed or "").strip(),
    }
    errors = {field: MISSING[field].format(name=pupil.display_name) for field, value in text.items() if not value}
    if errors:
        raise ValidationError(errors)
    current = pupil.profiles.order_by("-version").first()
    if version is not None and (current.version if current else 0) != version:
        raise _stale(pupil, current, version)
    if current is not None and all(getattr(current, f) == text[f] for f in (*SECTION_FIELDS, "pupil_contributed")):
        raise ValidationError(
            {NON_FIELD_ERRORS: f"Nothing has changed since version {current.version}, so no new version was saved."}
        )
    profile = PupilProfile(
        pupil=pupil,
        version=(current.version + 1) if current else 1,
        created_on=today,
        created_by=by,
        changes_made=(changes_made or "").strip(),
        **text,
    )
    profile._history_user = by
    profile.full_clean()
    profile.save()
    return profile


def _stale(pupil: Pupil, current: PupilProfile | None, seen: int) -> StaleEdit:
    if current is None:
        return StaleEdit("The passport you were editing has been removed.", current_version=0)
    who = (current.created_by.get_full_name() or current.created_by.get_username()) if current.created_by else "Someone"
    when = timezone.localtime(current.created_at)
    before = pupil.profiles.filter(version=seen).first()
    changes = changed_fields(before, current, names=(*SECTION_FIELDS, "pupil_contributed")) if before else []
    message = (
        f"{who} saved version {current.version} of the passport ({dates.in_words(when.date())} at {when:%H:%M}) "
        "after you opened this page, so your changes have not been saved."
    )
    if changes:
        message += " What changed: " + "; ".join(changes) + "."
    message += " What you typed is still below: check it against the newer version and save again."
    return StaleEdit(message, current_version=current.version)


@transaction.atomic
def acknowledge(*, profile: PupilProfile, by: Any, now: datetime | None = None) -> ProfileAcknowledgement:
    """Record that ``by`` has read this version. Only the current version can be acknowledged."""
    pupil = profile.pupil
    current = pupil.profiles.order_by("-version").values_list("version", flat=True).first()
    if profile.version != current:
        raise ValidationError(
            {
                "version": f"Version {profile.version} of {pupil.display_name}'s passport has been replaced by "
                f"version {current}. Read version {current} and confirm that one."
            }
        )
    if not works_with(by, pupil):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"Only teachers and teaching assistants who work with {pupil.display_name} "
                "confirm they have read the passport."
            }
        )
    existing = profile.acknowledgements.filter(user=by).first()
    if existing is not None:
        return existing
    ack = ProfileAcknowledgement(profile=profile, user=by, acknowledged_at=now or timezone.now())
    ack._history_user = by
    ack.full_clean()
    ack.save()
    return ack
