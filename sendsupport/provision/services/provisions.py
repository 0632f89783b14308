"""Every write to provisions and their members. Keyword-only; one transaction each; "today" injectable.

Field changes are audited through django-simple-history (``_history_user``). The links a provision
keeps in many-to-many fields (its deliverers and the outcomes it serves) are not in its history, so
each change of them is recorded here with ``audit.services.record_change``.

The one-to-one cap is a warning, not a rule: ``selectors_library.over_one_to_one_cap`` after saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.provision import selectors_library
from sendsupport.provision.models import Intervention, Provision, ProvisionMember
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School
from sendsupport.support.models import Outcome

Errors = dict[str, str]
SCHEDULE = ("sessions_per_week", "session_minutes")
EDITABLE = (
    "name",
    "deliverer_role",
    "external_deliverer",
    "sessions_per_week",
    "session_minutes",
    "starts_on",
    "ends_on",
    "place",
    "funding",
)


def minutes_from_hours(*, hours_per_week: Decimal, days_per_week: int) -> tuple[int, int]:
    """One-to-one support is entered in hours a week over some days, and kept as sessions a week x
    minutes: 16.25 hours over 5 days is 5 sessions of 195 minutes. Refused unless it shares into
    whole minutes."""
    if hours_per_week is None or hours_per_week <= 0:
        raise ValidationError({"hours_per_week": "Enter the hours a week: more than 0."})
    if days_per_week is None or not 1 <= days_per_week <= 7:
        raise ValidationError({"days_per_week": "Enter the days a week: from 1 to 7."})
    minutes = hours_per_week * 60 / days_per_week
    if minutes != minutes.to_integral_value():
        raise ValidationError(
            {
                "hours_per_week": f"{hours_per_week} hours over {days_per_week} days is not a whole number of minutes a day: change the hours or the days."
            }
        )
    return days_per_week, int(minutes)


def _check(row: Provision, errors: Errors) -> None:
    """The provision's own fields: our messages first (they name the rule), then the model's."""
    if not row.name:
        errors.setdefault("name", "Enter a name for the provision, for example: Year 3 phonics group A.")
    if row.sessions_per_week is None or row.sessions_per_week < 1:
        errors.setdefault("sessions_per_week", "Enter at least 1 session a week.")
    if row.session_minutes is None or row.session_minutes < 1:
        errors.setdefault("session_minutes", "Enter a session length of at least 1 minute.")
    try:
        row.full_clean(exclude=["school", "intervention", "created_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])


def _check_deliverers(school: School, deliverers: list[Any], external: str, errors: Errors) -> None:
    staff = set(selectors_library.staff_choices(school).values_list("pk", flat=True))
    strangers = [user for user in deliverers if user.pk not in staff]
    if strangers:
        names = ", ".join(user.get_full_name() or user.get_username() for user in strangers)
        errors["deliverers"] = f"Only staff of the school can deliver a provision: {names} is not."
    elif not deliverers and not external.strip():
        errors["deliverers"] = "Choose the staff who deliver it, or name someone from outside the school."


def _check_pupils(school: School, pupils: list[Pupil], errors: Errors, field: str) -> None:
    strangers = [pupil for pupil in pupils if pupil.school_id != school.pk]
    if strangers:
        errors[field] = "Choose pupils of this school only."


def _check_outcomes(outcomes: list[Outcome], pupil_ids: list[int], errors: Errors) -> None:
    allowed = set(selectors_library.outcome_choices(pupil_ids).values_list("pk", flat=True)) if pupil_ids else set()
    if any(outcome.pk not in allowed for outcome in outcomes):
        errors["outcomes"] = "Choose outcomes from the current plans of the provision's members only."


def _audit_links(
    *, by: Any, provision: Provision, what: str, before: set, after: set, names: dict, pupil_id: int | None = None
) -> None:
    if before == after:
        return
    record_change(
        user=by,
        school_id=provision.school_id,
        pupil_id=pupil_id,
        action=AuditEvent.Action.CHANGED,
        object_type="provision",
        object_id=str(provision.pk),
        summary=f"Changed {what} of provision: {provision}",
        changes=[
            {"field": what, "before": sorted(names[pk] for pk in before), "after": sorted(names[pk] for pk in after)}
        ],
    )


def _set_deliverers(provision: Provision, deliverers: list[Any], by: Any) -> None:
    before = set(provision.deliverers.values_list("pk", flat=True))
    provision.deliverers.set(deliverers)
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in [*deliverers, *provision.deliverers.model.objects.filter(pk__in=before)]
    }
    _audit_links(
        by=by,
        provision=provision,
        what="the staff who deliver it",
        before=before,
        after={u.pk for u in deliverers},
        names=names,
    )


def _link_outcomes(provision: Provision, add: Iterable[Outcome], remove: Iterable[Outcome], by: Any) -> None:
    """Link and unlink outcomes, with one audited change for each pupil whose plan is touched."""
    add, remove = list(add), list(remove)
    provision.outcomes.add(*add)
    provision.outcomes.remove(*remove)
    for pupil_id in sorted({o.pupil_id for o in add} | {o.pupil_id for o in remove}):
        record_change(
            user=by,
            school_id=provision.school_id,
            pupil_id=pupil_id,
            action=AuditEvent.Action.CHANGED,
            object_type="provision",
            object_id=str(provision.pk),
            summary=f"Changed the outcomes served by provision: {provision}",
            changes=[
                {
                    "field": "outcomes",
                    "before": None,
                    "after": {
                        "linked": [str(o) for o in add if o.pupil_id == pupil_id],
                        "unlinked": [str(o) for o in remove if o.pupil_id == pupil_id],
                    },
                }
            ],
        )


def _save(row: Any, by: Any) -> Any:
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def create_provision(
    *,
    school: School,
    by: Any,
    intervention: Intervention,
    name: str,
    deliverer_role: str,
    sessions_per_week: int,
    session_minutes: int,
    starts_on: date,
    funding: str,
    members: Sequence[Pupil],
    one_to_one: bool = False,
    deliverers: Sequence[Any] = (),
    external_deliverer: str = "",
    ends_on: date | None = None,
    place: str = "",
    outcomes: Sequence[Outcome] = (),
) -> Provision:
    """Give an intervention of the school's library to a group, or one-to-one to a pupil. Each member
    joins on the start date; others join later with ``add_member``."""
    deliverers, members, outcomes = list(deliverers), list(members), list(outcomes)
    errors: Errors = {}
    if not Intervention.objects.for_school(school).filter(pk=intervention.pk).exists():
        errors["intervention"] = "Choose an intervention from your school's library."
    elif not intervention.active:
        errors["intervention"] = f"“{intervention}” is no longer offered: offer it again in the library first."
    row = Provision(
        school=school,
        intervention=intervention,
        name=name.strip(),
        one_to_one=one_to_one,
        deliverer_role=deliverer_role,
        external_deliverer=external_deliverer.strip(),
        sessions_per_week=sessions_per_week,
        session_minutes=session_minutes,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        funding=funding,
        created_by=by,
    )
    _check(row, errors)
    _check_deliverers(school, deliverers, external_deliverer, errors)
    if not members:
        errors["members"] = (
            "Choose the pupil who receives it."
            if one_to_one
            else "Choose at least one pupil: a group with no members cannot run."
        )
    elif one_to_one and len(members) > 1:
        errors["members"] = "One-to-one support is for one pupil: choose one, or start a group instead."
    else:
        _check_pupils(school, members, errors, "members")
    if "members" not in errors:
        _check_outcomes(outcomes, [pupil.pk for pupil in members], errors)
    if errors:
        raise ValidationError(errors)
    _save(row, by)
    _set_deliverers(row, deliverers, by)
    for pupil in members:
        _save(ProvisionMember(provision=row, pupil=pupil, joined_on=starts_on), by)
    if outcomes:
        _link_outcomes(row, outcomes, [], by)
    return row


@transaction.atomic
def update_provision(*, provision: Provision, by: Any, deliverers: list[Any], **fields: Any) -> Provision:
    """Change a provision's name, who delivers it, its schedule, dates, place and funding."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unknown provision fields: {', '.join(sorted(unknown))}")
    deliverers = list(deliverers)
    for name, value in fields.items():
        setattr(provision, name, value.strip() if isinstance(value, str) else value)
    errors: Errors = {}
    _check(provision, errors)
    _check_deliverers(provision.school, deliverers, provision.external_deliverer, errors)
    early = provision.members.filter(joined_on__lt=provision.starts_on).first() if provision.starts_on else None
    if early is not None and "starts_on" not in errors:
        errors["starts_on"] = f"A member joined on {in_words(early.joined_on)}: the start date cannot be after that."
    _check_sessions_within(provision, errors, "ends_on")
    if errors:
        raise ValidationError(errors)
    _save(provision, by)
    _set_deliverers(provision, deliverers, by)
    return provision


def _check_sessions_within(provision: Provision, errors: Errors, field: str) -> None:
    if provision.ends_on is None or field in errors:
        return
    last = provision.sessions.filter(held_on__gt=provision.ends_on).order_by("-held_on").first()
    if last is not None:
        errors[field] = f"A session was registered on {in_words(last.held_on)}: the end date cannot be before it."


@transaction.atomic
def add_member(*, provision: Provision, by: Any, pupil: Pupil, joined_on: date) -> ProvisionMember:
    """A pupil joins the provision on a date within its dates."""
    errors: Errors = {}
    _check_pupils(provision.school, [pupil], errors, "pupil")
    if joined_on is None:
        errors["joined_on"] = "Enter the date they joined."
    elif not provision.runs_on(joined_on):
        ends = f" to {in_words(provision.ends_on)}" if provision.ends_on else ""
        errors["joined_on"] = (
            f"The date they joined must be within the provision's dates ({in_words(provision.starts_on)}{ends})."
        )
    if "pupil" not in errors and joined_on is not None:
        if provision.members.filter(pupil=pupil).exclude(left_on__lt=joined_on).exists():
            errors["pupil"] = f"{pupil.display_name} is already a member on that date."
        elif provision.one_to_one and provision.members.exclude(left_on__lt=joined_on).exclude(pupil=pupil).exists():
            errors["pupil"] = "One-to-one support is for one pupil: record the current pupil leaving first."
    if errors:
        raise ValidationError(errors)
    return _save(ProvisionMember(provision=provision, pupil=pupil, joined_on=joined_on), by)


@transaction.atomic
def record_leaving(*, member: ProvisionMember, by: Any, left_on: date) -> ProvisionMember:
    """A member leaves the provision on a date: not before they joined."""
    errors: Errors = {}
    if left_on is None:
        errors["left_on"] = "Enter the date they left."
    elif left_on < member.joined_on:
        errors["left_on"] = (
            f"The date they left must be on or after the date they joined ({in_words(member.joined_on)})."
        )
    elif member.left_on is not None:
        errors["left_on"] = f"{member.pupil.display_name} already left on {in_words(member.left_on)}."
    if errors:
        raise ValidationError(errors)
    member.left_on = left_on
    return _save(member, by)


@transaction.atomic
def end_provision(*, provision: Provision, by: Any, ends_on: date) -> Provision:
    """The provision stops on a date (its last day)."""
    errors: Errors = {}
    if ends_on is None:
        errors["ends_on"] = "Enter the date it ends."
    elif ends_on < provision.starts_on:
        errors["ends_on"] = f"The end date must be on or after the start date ({in_words(provision.starts_on)})."
    else:
        provision.ends_on = ends_on
        _check_sessions_within(provision, errors, "ends_on")
    if errors:
        raise ValidationError(errors)
    return _save(provision, by)


@transaction.atomic
def review_provision(
    *, provision: Provision, by: Any, reviewed_on: date, review_note: str, today: date | None = None
) -> Provision:
    """Record that the provision was reviewed, and what the review found."""
    today = today or dates.today()
    errors: Errors = {}
    if reviewed_on is None:
        errors["reviewed_on"] = "Enter the date of the review."
    elif reviewed_on > today:
        errors["reviewed_on"] = f"The date of the review must be today ({in_words(today)}) or in the past."
    elif reviewed_on < provision.starts_on:
        errors["reviewed_on"] = (
            f"The review cannot come before the provision started ({in_words(provision.starts_on)})."
        )
    if not review_note.strip():
        errors["review_note"] = "Say what the review found: is it working, and what happens next."
    if errors:
        raise ValidationError(errors)
    provision.reviewed_on, provision.review_note = reviewed_on, review_note.strip()
    return _save(provision, by)


@transaction.atomic
def set_outcomes(*, provision: Provision, by: Any, outcomes: list[Outcome]) -> Provision:
    """Choose which outcomes of the members' current plans the provision serves. Links to outcomes of
    older plans (the history of what it served) are kept."""
    outcomes = list(outcomes)
    pupil_ids = selectors_library.current_member_ids(provision)
    errors: Errors = {}
    _check_outcomes(outcomes, pupil_ids, errors)
    if errors:
        raise ValidationError(errors)
    offered = set(selectors_library.outcome_choices(pupil_ids))
    linked = set(provision.outcomes.filter(pk__in=[o.pk for o in offered]))
    chosen = set(outcomes)
    _link_outcomes(provision, chosen - linked, linked - chosen, by)
    return provision
