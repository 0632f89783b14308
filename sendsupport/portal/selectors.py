"""What a parent sees about one of their children, on one page, in a fixed number of queries.

Every read starts from the parent: the child is found through ``pupils.selectors.children_of`` (only
adults recorded with parental responsibility), and that finding is remembered for the request, so each
part of the record filters on the child alone (``scoped_for_pupil``) rather than rebuilding the scope of the
user's visible pupils for every query: the answer is the same, for a pupil the user has just been
shown to see. Parents see only what the school has shared: a plan once agreed or once the parents were
consulted on it, reviews, and meeting records the school marked as shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sendsupport.meetings.models import Meeting
from sendsupport.provision.models import ProvisionMember
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import children_of, remember_seen, scoped_for_pupil
from sendsupport.schools.models import LocalOfferRead, LocalOfferService, SchoolSenco
from sendsupport.schools.selectors import SencoContact
from sendsupport.support.choices import Rating, lower_first
from sendsupport.support.models import Cycle, Outcome
from sendsupport.support.voice.selectors import remember_cycle_awaiting_review

# How far an outcome was met, in the words a parent would use.
RATING_WORDS = {
    Rating.NOT_MET: _("Not achieved yet"),
    Rating.PARTLY_MET: _("Partly achieved"),
    Rating.MET: _("Achieved"),
    Rating.EXCEEDED: _("Achieved, and more"),
}
RATING_COLOURS = {Rating.NOT_MET: "orange", Rating.PARTLY_MET: "yellow", Rating.MET: "green", Rating.EXCEEDED: "green"}

# Services from the Local Offer shown on the page; the rest are one link away.
LOCAL_OFFER_SHOWN = 5


@dataclass(frozen=True)
class SupportItem:
    """One provision the child is in: what it is, who gives it, how often, where."""

    name: str
    what: str
    who: str
    how_often: str
    where: str
    since: date
    until: date | None


@dataclass(frozen=True)
class RatedOutcome:
    description: str
    words: str
    colour: str
    latest_measure: str


@dataclass(frozen=True)
class PastReview:
    held_on: date
    plan_from: date
    expected_progress: bool | None
    summary: str
    next_step: str
    outcomes: list[RatedOutcome]
    url: str


@dataclass(frozen=True)
class Document:
    title: str
    on: date
    url: str
    pdf_url: str = ""


@dataclass
class ChildPage:
    pupil: Pupil
    first_name: str
    plan: Any = None  # the current plan, only once shared with the parents
    plan_cycle: Any = None
    plan_being_written: bool = False  # a plan exists but is not shared with the parents yet
    review_overdue: bool = False  # the plan's review date has passed and no review is recorded
    outcomes: list[Outcome] = field(default_factory=list)
    class_teacher: str = ""
    support: list[SupportItem] = field(default_factory=list)
    reviews: list[PastReview] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    senco: SencoContact | None = None
    deputy: SencoContact | None = None
    services: list[LocalOfferService] = field(default_factory=list)
    more_services: bool = False
    services_read_on: Any = None


def is_shared_with_parents(plan: Any) -> bool:
    """A plan reaches the portal once agreed, or once the parents were consulted on it."""
    return plan.is_agreed or plan.parents_consulted_on is not None


def get_child(user: Any, pupil_id: int) -> Pupil:
    """The user's own child (parental responsibility recorded), or 404 for anyone else, staff included."""
    pupil = (
        children_of(user)
        .filter(pk=pupil_id)
        # The school's named SENCO and deputy come with the school: "Who to contact" on the page.
        .select_related(
            "school",
            "school__local_authority",
            "registration_group",
            "school__senco_record__senco",
            "school__senco_record__deputy",
        )
        .first()
    )
    if pupil is None:
        raise Http404("Not found")
    # children_of has just shown both: the page's sections need not ask the database again.
    remember_seen(user, pupil, parental_responsibility=True)
    return pupil


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _contact(user: Any, email: str, phone: str, title: str) -> SencoContact | None:
    if user is None:
        return None
    return SencoContact(name=_name(user), email=email or user.email, phone=phone, title=title)


def _long_date(value: date) -> str:
    """A date as parents read it, like "19 November 2025" (month names translated)."""
    return date_format(value, "j F Y")


def _how_often(provision: Any) -> str:
    sessions = provision.sessions_per_week
    if sessions == 2:
        times = gettext("twice a week")
    else:
        times = ngettext("once a week", "%(count)d times a week", sessions) % {"count": sessions}
    minutes = provision.session_minutes
    return ngettext("%(minutes)d minute, %(times)s", "%(minutes)d minutes, %(times)s", minutes) % {
        "minutes": minutes,
        "times": times,
    }


def _support(user: Any, pupil: Pupil, today: date) -> list[SupportItem]:
    members = (
        scoped_for_pupil(ProvisionMember.objects, user, pupil)
        .filter(pupil=pupil, joined_on__lte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .filter(Q(provision__ends_on__isnull=True) | Q(provision__ends_on__gte=today))
        .select_related("provision", "provision__intervention")
        .prefetch_related("provision__deliverers")
        .order_by("provision__name", "pk")
    )
    items = []
    for member in members:
        provision = member.provision
        people = ", ".join(_name(person) for person in provision.deliverers.all())
        who = people or provision.external_deliverer or provision.get_deliverer_role_display()
        if people and provision.external_deliverer:
            who = gettext("%(people)s and %(external)s") % {"people": people, "external": provision.external_deliverer}
        items.append(
            SupportItem(
                name=provision.name,
                what=provision.intervention.description,
                who=who,
                how_often=(
                    gettext("One-to-one: %(how_often)s") % {"how_often": _how_often(provision)}
                    if provision.one_to_one
                    else _how_often(provision)
                ),
                where=provision.place,
                since=member.joined_on,
                until=member.left_on or provision.ends_on,
            )
        )
    return items


def child_page(user: Any, pupil: Pupil, *, today: date) -> ChildPage:
    """Everything on the child's portal page; ``pupil`` comes from ``get_child``."""
    page = ChildPage(pupil=pupil, first_name=pupil.preferred_first_name or pupil.legal_first_name)
    # Every cycle, with or without a plan: the one still open is the voice section's (the review to
    # send views before), kept on the pupil so that section does not read the cycles again.
    cycles = list(
        scoped_for_pupil(Cycle.objects, user, pupil)
        .filter(pupil=pupil)
        .select_related("plan", "review", "class_teacher")
        .prefetch_related(
            Prefetch(
                "plan__outcomes",
                queryset=scoped_for_pupil(Outcome.objects, user, pupil)
                .filter(pupil=pupil)
                .select_related("rating")
                .order_by("position", "id"),
            )
        )
        .order_by("-number")
    )
    remember_cycle_awaiting_review(pupil, cycles)
    for cycle in cycles:
        plan = getattr(cycle, "plan", None)
        if plan is None:  # nothing of a cycle before its plan is shown here
            continue
        shared = is_shared_with_parents(plan)
        review = getattr(cycle, "review", None)
        if review is None and page.plan is None and not page.plan_being_written:
            if shared:
                page.plan, page.plan_cycle = plan, cycle
                page.outcomes = list(plan.outcomes.all())
                page.class_teacher = _name(cycle.class_teacher)
                page.review_overdue = plan.review_date < today
            else:
                page.plan_being_written = True
        if shared:
            args = [pupil.pk, cycle.number]
            page.documents.append(
                Document(
                    gettext("SEN support plan from %(date)s") % {"date": _long_date(cycle.opened_on)},
                    plan.agreed_on or plan.created_on,
                    reverse("support:plan_parent", args=args),
                    reverse("support:plan_pdf_parent", args=args),
                )
            )
        if review is not None:
            url = reverse("support:review", args=[pupil.pk, cycle.number])
            rated = [
                RatedOutcome(
                    description=outcome.description,
                    words=RATING_WORDS.get(outcome.rating.rating, outcome.rating.get_rating_display()),
                    colour=RATING_COLOURS.get(outcome.rating.rating, "grey"),
                    latest_measure=outcome.rating.latest_measure,
                )
                for outcome in plan.outcomes.all()
                if getattr(outcome, "rating", None) is not None
            ]
            page.reviews.append(
                PastReview(
                    held_on=review.held_on,
                    plan_from=cycle.opened_on,
                    expected_progress=review.expected_progress,
                    summary=review.progress_summary,
                    next_step=lower_first(review.get_next_step_display()),
                    outcomes=rated,
                    url=url,
                )
            )
            page.documents.append(
                Document(
                    gettext("Review of the plan, %(date)s") % {"date": _long_date(review.held_on)}, review.held_on, url
                )
            )
    # Only shared records: the parent's rule in ``Meeting.objects.visible_to``, which adds nothing
    # more for a pupil the user sees (staff see every record, and this list keeps the shared ones).
    meetings = (
        scoped_for_pupil(Meeting.objects, user, pupil)
        .filter(pupil=pupil, shared_with_parents_on__isnull=False)
        .only("pk", "pupil_id", "held_on", "kind")
        .order_by("-held_on", "-pk")
    )
    for meeting in meetings:
        args = [pupil.pk, meeting.pk]
        page.documents.append(
            Document(
                gettext("Record of the %(kind)s, %(date)s")
                % {"kind": meeting.get_kind_display().lower(), "date": _long_date(meeting.held_on)},
                meeting.held_on,
                reverse("meetings:copy", args=args),
                reverse("meetings:copy_pdf", args=args),
            )
        )
    page.documents.sort(key=lambda document: document.on, reverse=True)
    page.support = _support(user, pupil, today)

    record = _senco_record(pupil)
    if record is not None:
        page.senco = _contact(record.senco, record.senco_email, record.senco_phone, gettext("SENCO"))
        page.deputy = _contact(record.deputy, record.deputy_email, record.deputy_phone, gettext("Deputy SENCO"))

    la_id = pupil.school.local_authority_id
    # When the directory was last read comes with the services, in the same query (the same for each row).
    last_read = (
        LocalOfferRead.objects.filter(local_authority_id=la_id, succeeded=True)
        .order_by("-attempted_at", "-id")
        .values("attempted_at")[:1]
    )
    services = list(
        LocalOfferService.objects.filter(local_authority_id=la_id)
        .annotate(directory_read_on=Subquery(last_read))
        .order_by("name")[: LOCAL_OFFER_SHOWN + 1]
    )
    if services:
        page.services = services[:LOCAL_OFFER_SHOWN]
        page.more_services = len(services) > LOCAL_OFFER_SHOWN
        page.services_read_on = services[0].directory_read_on
    return page


def _senco_record(pupil: Pupil) -> SchoolSenco | None:
    """The school's SENCO record, read with the pupil by ``get_child`` (one query otherwise)."""
    try:
        return pupil.school.senco_record
    except SchoolSenco.DoesNotExist:
        return None
