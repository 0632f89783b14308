"""Every write to pupils, parents and the SEN register. Keyword-only; one transaction each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.accounts.models import Invitation
from sendsupport.accounts.services import invite_parent
from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.core import dates
from sendsupport.core.versioning import expect_version
from sendsupport.pupils.census_rules import check_sen_record
from sendsupport.pupils.models import Contact, Pupil, PupilContact, SENNeed, SENStatus
from sendsupport.schools.models import Group, School

PUPIL_FIELDS = (
    "upn",
    "legal_first_name",
    "legal_last_name",
    "preferred_first_name",
    "preferred_last_name",
    "date_of_birth",
    "sex",
    "year_group",
    "registration_group",
    "on_roll_from",
    "on_roll_until",
)


def _set_groups(pupil: Pupil, teaching_groups: Sequence[Group] | None) -> None:
    if teaching_groups is None:
        return
    wrong = [group.name for group in teaching_groups if group.school_id != pupil.school_id]
    if wrong:
        raise ValidationError({"teaching_groups": f"These groups belong to another school: {', '.join(wrong)}."})
    pupil.teaching_groups.set(teaching_groups)


@transaction.atomic
def create_pupil(*, school: School, by: Any, teaching_groups: Sequence[Group] = (), **fields: Any) -> Pupil:
    pupil = Pupil(school=school, **{name: fields[name] for name in PUPIL_FIELDS if name in fields})
    pupil._history_user = by
    pupil.full_clean()
    pupil.save()
    _set_groups(pupil, teaching_groups)
    return pupil


@transaction.atomic
def update_pupil(
    *,
    pupil: Pupil,
    by: Any,
    teaching_groups: Sequence[Group] | None = None,
    version: int | None = None,
    **fields: Any,
) -> Pupil:
    """Change the pupil's details. ``version`` is the version the edit form was drawn from: a newer
    save since is refused (with what changed), not overwritten."""
    expect_version(pupil, version)
    for name in PUPIL_FIELDS:
        if name in fields:
            setattr(pupil, name, fields[name])
    pupil._history_user = by
    pupil.full_clean()
    pupil.save()
    _set_groups(pupil, teaching_groups)
    return pupil


def _current_needs(pupil: Pupil) -> list[SENNeed]:
    return list(pupil.sen_needs.filter(end_date__isnull=True).order_by("rank"))


@transaction.atomic
def change_sen_status(
    *,
    pupil: Pupil,
    provision: str,
    needs: Sequence[tuple[str, int]],
    start_date: date,
    reason: str,
    by: Any,
    today: date | None = None,
) -> SENStatus:
    """Record a new SEN provision status with its ranked needs, after checking the census rules.

    Needs that carry over unchanged keep their original start date; others are ended the day
    before and new ones start on ``start_date``.
    """
    today = today or dates.today()
    breaks = check_sen_record(provision, needs)
    errors: dict[str, list[str]] = {}
    for rule_break in breaks:
        errors.setdefault(rule_break.field, []).append(rule_break.message)
    if start_date > today:
        errors.setdefault("start_date", []).append("The date must be today or in the past.")
    latest = pupil.sen_statuses.order_by("-start_date", "-id").first()
    if latest and start_date < latest.start_date:
        errors.setdefault("start_date", []).append(
            f"The date cannot be before the current status began ({dates.in_words(latest.start_date)})."
        )
    if start_date < pupil.date_of_birth:
        errors.setdefault("start_date", []).append("The date cannot be before the pupil's date of birth.")
    if errors:
        raise ValidationError(errors)

    status = SENStatus(pupil=pupil, provision=provision, start_date=start_date, reason=reason, decided_by=by)
    status._history_user = by
    status.save()

    wanted = {(need_type, rank) for need_type, rank in needs}
    for need in _current_needs(pupil):
        if (need.need_type, need.rank) in wanted:
            wanted.discard((need.need_type, need.rank))
            continue
        need.end_date = start_date
        need._history_user = by
        need.save()
    for need_type, rank in sorted(wanted, key=lambda item: item[1]):
        need = SENNeed(pupil=pupil, need_type=need_type, rank=rank, start_date=start_date)
        need._history_user = by
        need.save()
    return status


CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "address")


@transaction.atomic
def add_contact(
    *, pupil: Pupil, by: Any, relationship: str, parental_responsibility: bool, **fields: Any
) -> PupilContact:
    contact = Contact(school=pupil.school, **{name: fields.get(name, "") for name in CONTACT_FIELDS})
    contact._history_user = by
    contact.full_clean()
    contact.save()
    link = PupilContact(
        pupil=pupil, contact=contact, relationship=relationship, parental_responsibility=parental_responsibility
    )
    link._history_user = by
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def update_contact(
    *,
    link: PupilContact,
    by: Any,
    relationship: str,
    parental_responsibility: bool,
    version: int | None = None,
    link_version: int | None = None,
    **fields: Any,
) -> PupilContact:
    """Change a parent's details and their link to the pupil; the versions are those the edit form
    was drawn from (see ``update_pupil``)."""
    contact = link.contact
    expect_version(contact, version)
    expect_version(link, link_version)
    for name in CONTACT_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    contact._history_user = by
    contact.full_clean()
    contact.save()
    link.relationship = relationship
    link.parental_responsibility = parental_responsibility
    link._history_user = by
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def unlink_contact(*, link: PupilContact, by: Any) -> None:
    link._history_user = by
    link.delete()


# The census SEN unit and resourced provision indicators are per pupil: a pupil is marked only as a
# member of provision the LA recognises, and only where the school has it.
MEMBERSHIP = {
    "in_sen_unit": ("has_sen_unit", "the SEN unit", "a SEN unit"),
    "in_resourced_provision": ("has_resourced_provision", "resourced provision", "resourced provision"),
}


@transaction.atomic
def set_provision_membership(*, pupil: Pupil, by: Any, in_sen_unit: bool, in_resourced_provision: bool) -> Pupil:
    """Record whether the pupil is a member of the school's SEN unit and of its resourced provision."""
    wanted = {"in_sen_unit": in_sen_unit, "in_resourced_provision": in_resourced_provision}
    errors: dict[str, list[str]] = {}
    for field, member in wanted.items():
        school_field, _, named = MEMBERSHIP[field]
        if member and not getattr(pupil.school, school_field):
            errors[field] = [
                f"{pupil.school.name} does not have {named} recorded, so no pupil can be a member of it. "
                "If the school has one recognised by the local authority, record it in the census settings first."
            ]
    if errors:
        raise ValidationError(errors)
    if all(getattr(pupil, field) == value for field, value in wanted.items()):
        return pupil
    for field, value in wanted.items():
        setattr(pupil, field, value)
    pupil._history_user = by
    pupil.save(update_fields=list(wanted))
    return pupil


@transaction.atomic
def set_school_provision(*, school: School, by: Any, has_sen_unit: bool, has_resourced_provision: bool) -> School:
    """Record whether the school has a SEN unit and resourced provision. Neither can be turned off
    while pupils are recorded as members: they would be returned to the census as members of nothing."""
    wanted = {"has_sen_unit": has_sen_unit, "has_resourced_provision": has_resourced_provision}
    errors: dict[str, list[str]] = {}
    for pupil_field, (school_field, what, _) in MEMBERSHIP.items():
        if wanted[school_field]:
            continue
        members = Pupil.objects.filter(school=school, **{pupil_field: True}).count()
        if members:
            errors[school_field] = [
                f"{members} pupil{'s are' if members != 1 else ' is'} recorded as a member of {what}. "
                "Change their records first, then say the school has none."
            ]
    if errors:
        raise ValidationError(errors)
    changes = [
        {"field": name, "before": getattr(school, name), "after": value}
        for name, value in wanted.items()
        if getattr(school, name) != value
    ]
    if not changes:
        return school
    for name, value in wanted.items():
        setattr(school, name, value)
    school.save(update_fields=list(wanted))
    record_change(
        user=by,
        school_id=school.pk,
        pupil_id=None,
        action=AuditEvent.Action.CHANGED,
        object_type="school",
        object_id=str(school.pk),
        summary=f"Changed the SEN unit and resourced provision settings of {school.name}",
        changes=changes,
    )
    return school


@transaction.atomic
def give_parent_access(*, contact: Contact, by: Any, base_url: str) -> Invitation | None:
    """Invite a parent or carer with parental responsibility to sign in and see their own children.

    Nothing is linked here: the email's one-time link links the record when the person who holds
    the address follows it (see ``accounts.services``). A parent already linked needs no invitation.
    """
    if not contact.pupil_links.filter(parental_responsibility=True).exists():
        raise ValidationError(
            {"parental_responsibility": "Only a parent or carer with parental responsibility can be given access."}
        )
    if not contact.email:
        raise ValidationError({"email": "Add the parent's email address first, so we can send the invitation."})
    if contact.user_id is not None and contact.user.has_usable_password():
        return None
    return invite_parent(contact=contact, by=by, base_url=base_url)
