"""Every write of parents' and pupils' views and pupils' sign-ins. Keyword-only; one transaction each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from sendsupport.accounts.models import User
from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.core.outbox import queue_email
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import holds_parental_responsibility
from sendsupport.schools.models import Role, School, SchoolPolicy, StaffMembership
from sendsupport.schools.selectors import named_senco
from sendsupport.support.choices import CycleStatus
from sendsupport.support.models import Cycle
from sendsupport.support.voice import selectors
from sendsupport.support.voice.models import ParentViews, PupilAccount, PupilViews


def _save(instance: Any, by: Any, errors: dict[str, str] | None = None) -> Any:
    errors = dict(errors or {})
    try:
        instance.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages[0])
    if errors:
        raise ValidationError(errors)
    instance._history_user = by
    instance.save()
    return instance


def _closed_message(pupil: Pupil, cycle: Cycle | None) -> str:
    review = getattr(cycle, "review", None) if cycle is not None else None
    if review is not None:
        return (
            f"The review of {pupil.display_name}'s support was held on {in_words(review.held_on)}, so your views "
            "were not saved. Please contact the school's SENCO to share them."
        )
    return (
        f"There is no review of {pupil.display_name}'s support coming at the moment, so your views were not saved. "
        "Please contact the school's SENCO to share them."
    )


def senco_addresses(school: School) -> list[str]:
    """Where news for the SENCO goes: the named SENCO's address, else every SENCO at the school."""
    named = named_senco(school)
    if named is not None and named.email:
        return [named.email]
    return sorted(
        {
            email
            for email in StaffMembership.objects.filter(school=school, role=Role.SENCO, active=True).values_list(
                "user__email", flat=True
            )
            if email
        }
    )


@transaction.atomic
def send_parent_views(
    *,
    pupil: Pupil,
    cycle_id: int | None,
    by: Any,
    going_well: str = "",
    worries: str = "",
    next_steps: str = "",
    base_url: str = "",
) -> ParentViews:
    """A parent's views before the review of the open cycle ``cycle_id``; the SENCO is told by email.

    Views for a cycle already reviewed (the page was open while the review was recorded), or when no
    review is coming, are refused with a message and nothing is saved.
    """
    if not holds_parental_responsibility(by, pupil):
        raise ValidationError({"__all__": "Only a parent or carer with parental responsibility can send views."})
    cycle = Cycle.objects.select_for_update().filter(pk=cycle_id, pupil=pupil).first() if cycle_id else None
    if cycle is None or cycle.status != CycleStatus.OPEN:
        raise ValidationError({"__all__": _closed_message(pupil, cycle)})
    name = by.get_full_name() or by.get_username()
    views = _save(
        ParentViews(
            pupil=pupil,
            cycle=cycle,
            sent_by=by,
            sent_by_name=name,
            going_well=(going_well or "").strip(),
            worries=(worries or "").strip(),
            next_steps=(next_steps or "").strip(),
        ),
        by,
    )
    review_date = selectors.review_date_of(cycle)
    when = f" The review is due by {in_words(review_date)}." if review_date else ""
    link = base_url.rstrip("/") + reverse("voice:pupil_voice", args=[pupil.pk])
    for address in senco_addresses(pupil.school):
        queue_email(
            to=address,
            subject=f"{name} sent their views about {pupil.display_name} before the review",
            body=(
                f"{name} has sent their views about {pupil.display_name} ({pupil.get_year_group_display()}) "
                f"before the review of SEN support cycle {cycle.number}.{when}\n\n"
                f'They begin: "{views.first_line}"\n\n'
                f"Read them in full (sign in first): {link}\n"
                "They are also shown on the review form when you record the review.\n"
            ),
            about="Parent's views before a review",
            about_key=f"parent_views:{views.pk}",
        )
    return views


PUPIL_FIELDS = ("going_well_face", "going_well", "hard_face", "hard", "helps_face", "helps")


@transaction.atomic
def record_pupil_views(
    *,
    pupil: Pupil,
    by: Any,
    given_on: date | None = None,
    by_pupil: bool = False,
    how_gathered: str = "",
    today: date | None = None,
    **answers: Any,
) -> PupilViews:
    """The pupil's views, captured by staff with them or given through their own sign-in.

    They belong to the cycle open on the day (if any), so its review shows them.
    """
    unknown = set(answers) - set(PUPIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown answers: {', '.join(sorted(unknown))}")
    today = today or dates.today()
    given_on = given_on or today
    errors: dict[str, str] = {}
    if given_on > today:
        errors["given_on"] = f"The date must be today ({in_words(today)}) or in the past."
    cycle = Cycle.objects.filter(pupil=pupil, status=CycleStatus.OPEN, opened_on__lte=given_on).first()
    values = {
        name: (answers.get(name) or "").strip() if not name.endswith("_face") else (answers.get(name) or None)
        for name in PUPIL_FIELDS
    }
    return _save(
        PupilViews(
            pupil=pupil,
            cycle=cycle,
            given_on=given_on,
            by_pupil=by_pupil,
            recorded_by=by,
            how_gathered=(how_gathered or "").strip(),
            **values,
        ),
        by,
        errors,
    )


def _check_password(password: str, user: User | None, errors: dict[str, str]) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = " ".join(error.messages)


@transaction.atomic
def create_pupil_account(*, pupil: Pupil, by: Any, username: str, password: str) -> PupilAccount:
    """The pupil's own simple sign-in, where the school allows it and the pupil is old enough."""
    refusal = selectors.may_sign_in(pupil)
    if refusal:
        raise ValidationError({"__all__": refusal})
    if PupilAccount.objects.filter(pupil=pupil).exists():
        raise ValidationError({"__all__": f"{pupil.display_name} already has a sign-in: change its password instead."})
    username = (username or "").strip()
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = "Enter a user name for the pupil to sign in with."
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = "That user name is taken: choose another."
    candidate = User(
        username=username,
        first_name=pupil.preferred_first_name or pupil.legal_first_name,
        last_name=pupil.preferred_last_name or pupil.legal_last_name,
    )
    _check_password(password, candidate, errors)
    if errors:
        raise ValidationError(errors)
    candidate.set_password(password)
    candidate.full_clean(exclude=["password"])
    candidate.save()
    return _save(PupilAccount(pupil=pupil, user=candidate, created_by=by, active=True), by)


@transaction.atomic
def set_pupil_password(*, account: PupilAccount, by: Any, password: str) -> PupilAccount:
    errors: dict[str, str] = {}
    _check_password(password, account.user, errors)
    if errors:
        raise ValidationError(errors)
    account.user.set_password(password)
    account.user.is_active = True
    account.user.save()
    account.active = True
    return _save(account, by)


@transaction.atomic
def stop_pupil_account(*, account: PupilAccount, by: Any) -> PupilAccount:
    account.active = False
    account.user.is_active = False
    account.user.save(update_fields=["is_active"])
    return _save(account, by)


@transaction.atomic
def save_pupil_sign_in_policy(*, school: School, by: Any, allowed: bool, from_year: int) -> SchoolPolicy:
    policy = SchoolPolicy.objects.select_for_update().filter(school=school).first() or SchoolPolicy(school=school)
    policy.pupils_may_sign_in = bool(allowed)
    policy.pupil_sign_in_from_year = from_year
    return _save(policy, by)


def views_for_review(cycle: Cycle) -> dict[str, str]:
    """The views sent before the review of ``cycle``, as the review's text for the parents' and the
    pupil's views: recording the review counts them when the SENCO left those boxes empty."""
    found = {}
    parents = list(ParentViews.objects.filter(cycle=cycle).order_by("sent_at", "id"))
    if parents:
        found["parent_views"] = selectors.parent_views_text(parents)
    pupil = list(PupilViews.objects.filter(cycle=cycle).order_by("given_on", "id"))
    if pupil:
        found["pupil_views"] = selectors.pupil_views_text(pupil)
    return found
