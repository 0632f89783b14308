"""Reads of parents' and pupils' views. Pages pass a pupil already found with ``pupil_for``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sendsupport.core import dates
from sendsupport.pupils.codes import YEAR_GROUP_ORDER
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import scoped_for_pupil, seen_as_staff
from sendsupport.schools.models import SchoolPolicy
from sendsupport.support.choices import CycleStatus
from sendsupport.support.models import Cycle
from sendsupport.support.voice.models import ParentViews, PupilAccount, PupilViews

# Where a page that has already read all the pupil's cycles (as ``user`` may see them) keeps the open
# one for ``cycle_awaiting_review``, for the rest of the request: the parent's page for their child.
_AWAITING_REVIEW_ATTR = "_cycle_awaiting_review"


def remember_cycle_awaiting_review(pupil: Pupil, cycles: list[Cycle]) -> None:
    """Keep on ``pupil`` the open cycle among ``cycles`` (every cycle of the pupil the user sees, each
    with its plan read), so ``cycle_awaiting_review`` need not read it again."""
    open_cycles = [cycle for cycle in cycles if cycle.status == CycleStatus.OPEN]
    setattr(pupil, _AWAITING_REVIEW_ATTR, max(open_cycles, key=lambda cycle: cycle.number, default=None))


def cycle_awaiting_review(user: Any, pupil: Pupil) -> Cycle | None:
    """The pupil's open cycle, whose review is coming, with its plan (for the review date); or None.
    From the cycles the page already read when it kept them (``remember_cycle_awaiting_review``)."""
    if hasattr(pupil, _AWAITING_REVIEW_ATTR):
        return getattr(pupil, _AWAITING_REVIEW_ATTR)

    # Cycles are not staff-only: for a pupil the request has already found the user sees (the parent's
    # page, the views pages), the scope would only repeat that check, at the cost of rebuilding it.
    return (
        scoped_for_pupil(Cycle.objects, user, pupil)
        .filter(pupil=pupil, status=CycleStatus.OPEN)
        .select_related("plan")
        .order_by("-number")
        .first()
    )


def review_date_of(cycle: Cycle | None) -> Any:
    plan = getattr(cycle, "plan", None) if cycle is not None else None
    return plan.review_date if plan is not None else None


def parent_views_for_cycle(user: Any, cycle: Cycle) -> list[ParentViews]:
    """Every parent's views sent before the review of ``cycle``, oldest first."""
    return list(ParentViews.objects.visible_to(user).filter(cycle=cycle).order_by("sent_at", "id"))


def parent_views_sent_by(user: Any, pupil: Pupil) -> list[ParentViews]:
    """What this parent has sent about this child, newest first, with the cycle's review if held."""
    return list(
        ParentViews.objects.visible_to(user)
        .filter(pupil=pupil, sent_by=user)
        .select_related("cycle", "cycle__review")
        .order_by("-sent_at", "-id")
    )


def pupil_views_of(user: Any, pupil: Pupil) -> QuerySet[PupilViews]:
    """The pupil's views, newest first (staff, or the pupil through their own sign-in)."""
    # Staff who read the pupil's whole record see all of the pupil's views: the scope adds nothing.
    scoped = PupilViews.objects if seen_as_staff(user, pupil) else PupilViews.objects.visible_to(user)
    return scoped.filter(pupil=pupil).select_related("recorded_by").order_by("-given_on", "-id")


def pupil_views_for_cycle(user: Any, cycle: Cycle) -> list[PupilViews]:
    return list(PupilViews.objects.visible_to(user).filter(cycle=cycle).order_by("given_on", "id"))


def latest_pupil_views(user: Any, pupil: Pupil) -> PupilViews | None:
    """The newest views the pupil gave, for the passport's "in my own words"."""
    return pupil_views_of(user, pupil).first()


def parent_views_text(views: list[ParentViews]) -> str:
    return "\n\n".join(item.as_text() for item in views)


def pupil_views_text(views: list[PupilViews]) -> str:
    return "\n\n".join(item.as_text() for item in views)


def account_of(user: Any, pupil: Pupil) -> PupilAccount | None:
    return PupilAccount.objects.visible_to(user).filter(pupil=pupil).select_related("user").first()


def own_account(user: Any) -> PupilAccount | None:
    """The pupil's own sign-in, for "My views": active, for a pupil on roll, where the school still allows it."""
    if user is None or not user.is_authenticated:
        return None
    account = PupilAccount.objects.filter(user=user, active=True).select_related("pupil", "pupil__school").first()
    if account is None or not account.pupil.on_roll(dates.today()):
        return None
    return account if may_sign_in(account.pupil) is None else None


def policy_for(pupil: Pupil) -> SchoolPolicy:
    return SchoolPolicy.for_school(pupil.school)


def year_number(year_group: str) -> int:
    """Year 1 is 1; Reception and nursery are below it (0 and less)."""
    return YEAR_GROUP_ORDER.get(year_group, 0) - YEAR_GROUP_ORDER["1"] + 1


def may_sign_in(pupil: Pupil) -> str | None:
    """Why this pupil may not have their own sign-in, or None if they may."""
    policy = policy_for(pupil)
    if not policy.pupils_may_sign_in:
        return "Your school has not chosen to let pupils sign in to give their views."
    if year_number(pupil.year_group) < policy.pupil_sign_in_from_year:
        return (
            f"Pupils may sign in from Year {policy.pupil_sign_in_from_year}; "
            f"{pupil.display_name} is in {pupil.get_year_group_display()}."
        )
    return None


def views_initial(user: Any, cycle: Cycle) -> dict[str, str]:
    """The review form's starting text for the parents' and the pupil's views, from what was sent."""
    initial = {}
    parents = parent_views_for_cycle(user, cycle)
    if parents:
        initial["parent_views"] = parent_views_text(parents)
    pupil = pupil_views_for_cycle(user, cycle)
    if pupil:
        initial["pupil_views"] = pupil_views_text(pupil)
    return initial


def parent_views_readable(user: Any, pupil: Pupil) -> QuerySet[ParentViews]:
    """For the API: parents' views about the pupil, newest first, with their cycle. Staff of the
    pupil's school read every parent's; anyone else only the views they sent themselves."""
    from sendsupport.accounts import access

    views = ParentViews.objects.visible_to(user).filter(pupil=pupil).select_related("cycle")
    if not access.is_staff_for(user, pupil):
        views = views.filter(sent_by=user)
    return views.order_by("-sent_at", "-id")
