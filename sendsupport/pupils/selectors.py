"""Every read of pupil data starts here, scoped by the user. Views never query Pupil directly.

Functions that take ``user`` start from ``Model.objects.visible_to(user)`` (see ``pupils.models``).
Functions that take only a ``pupil`` need one fetched through the scoped lookup
(``pupils.lookup.pupil_for``/``visible_pupil`` or ``get_visible_pupil``). ``school_aggregates``
returns counts only, for callers that have checked ``view_school_aggregates`` on the school.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from sendsupport.accounts.access import is_active_user, is_staff_for, memoised, request_memo, staff_school_ids
from sendsupport.core import dates, prepared
from sendsupport.core.suppression import Shown, Sum, suppress, suppress_column
from sendsupport.pupils.codes import Provision, year_groups_for_phase
from sendsupport.pupils.models import Pupil, PupilContact, SENNeed, SENStatus, on_roll_q
from sendsupport.schools.memo import records_versions, remembered
from sendsupport.schools.models import REGISTER_MANAGERS, Group, School


def visible_pupils(user: Any) -> QuerySet[Pupil]:
    """The pupils this user may see (``Pupil.objects.visible_to``; the rules are written there)."""
    return Pupil.objects.visible_to(user)


def get_visible_pupil(user: Any, pupil_id: int) -> Pupil:
    """The pupil, or 404 whether it does not exist or the user may not see it (no difference shown)."""
    pupil = (
        visible_pupils(user)
        .select_related("school", "school__local_authority", "registration_group")
        .filter(pk=pupil_id)
        .first()
    )
    if pupil is None:
        raise Http404("No such pupil")
    remember_seen(user, pupil)  # found through visible_pupils: the view_pupil rule need not ask again
    return pupil


def remember_seen(user: Any, pupil: Pupil, *, parental_responsibility: bool = False) -> None:
    """Record for the request what a scoped read has just shown: ``user`` sees ``pupil`` and, for a
    parent found through ``children_of``, holds parental responsibility for them.
    ``pupils.rules.can_see_pupil`` and ``holds_parental_responsibility`` read these answers instead of
    asking the database again. Outside a request nothing is recorded."""
    memo = request_memo(user)
    if memo is None:
        return
    memo[("visible_pupil", pupil.pk)] = True
    if parental_responsibility:
        memo[("parental_responsibility", pupil.pk)] = True


def still_on_roll(day: date | None = None) -> Q:
    """Pupils who have not left by ``day`` (today if not given): ``pupils.models.on_roll_q``."""
    return on_roll_q(day)


def with_current_sen(queryset: QuerySet[Pupil]) -> QuerySet[Pupil]:
    """Annotate each pupil with current provision and primary/secondary need, in the same query.

    Read from the stored one-row-per-pupil ``CurrentSEN`` (a join) rather than worked out from the
    history per pupil: the correlated subqueries cost most of the LA overview's time at scale.
    """
    return queryset.annotate(
        current_provision=F("current_sen__provision"),
        primary_need=F("current_sen__primary_need"),
        secondary_need=F("current_sen__secondary_need"),
    )


def on_roll_at(user: Any, school: School) -> QuerySet[Pupil]:
    """Everyone on roll at ``school`` that ``user`` may see, SEN or not; filter with ``pupils.filters``."""
    return visible_pupils(user).filter(still_on_roll(), school=school).select_related("registration_group")


def groups_at(school: School) -> QuerySet[Group]:
    return Group.objects.filter(school=school).order_by("kind", "name")


def year_group_choices(school: School) -> list[tuple[str, str]]:
    """Year groups that fit the school's phase, plus any a pupil on roll is actually in."""
    rows = Pupil.objects.on_roll().filter(school=school).order_by().values_list("year_group", flat=True)
    on_roll = set(rows.distinct())  # order_by() first: the model ordering would defeat DISTINCT
    return year_groups_for_phase(school.phase, also=on_roll)


def get_visible_group(user: Any, group_id: int) -> Group:
    """A group at a school where the user is on the staff (SENCO, head, teacher or TA); else 404."""
    group = Group.objects.filter(pk=group_id, school_id__in=staff_school_ids(user)).select_related("school").first()
    if group is None:
        raise Http404("Not found")
    return group


def class_list(user: Any, group: Group) -> QuerySet[Pupil]:
    """The pupils on roll in ``group`` (registered or taught there) that ``user`` may see, with SEN status."""
    taught = Pupil.teaching_groups.through.objects.filter(group=group).values("pupil_id")
    pupils = on_roll_at(user, group.school).filter(Q(registration_group=group) | Q(pk__in=taught))
    return with_current_sen(pupils).order_by("legal_last_name", "legal_first_name", "pk")


def same_name_and_birthday(
    user: Any, school: School, *, first_name: str, last_name: str, date_of_birth: Any
) -> list[Pupil]:
    """Pupils at ``school`` (on roll or left) with this legal name and date of birth: probably the same child."""
    return list(
        visible_pupils(user)
        .filter(
            school=school,
            legal_first_name__iexact=first_name.strip(),
            legal_last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )
        .order_by("pk")
    )


def status_history(pupil: Pupil) -> QuerySet[SENStatus]:
    return pupil.sen_statuses.select_related("decided_by").order_by("-start_date", "-id")


# The pupil page reads the whole status history (newest first) to show it; the sections on the page
# then ask for the current status and for when the current time on support began. The view leaves
# the history on the pupil object (which lives for one request and is only read on that page), so
# the sections read it from there instead of asking the database three more times.
_STATUS_HISTORY_ATTR = "_status_history_read"


def remember_status_history(pupil: Pupil, statuses: list[SENStatus]) -> None:
    """Keep ``statuses`` (``status_history(pupil)``, read in full) on ``pupil`` for this request."""
    setattr(pupil, _STATUS_HISTORY_ATTR, statuses)


def statuses_newest_first(pupil: Pupil) -> list[tuple[str, date]]:
    """The pupil's (provision, start date) pairs, newest first: from the history the page already
    read when there is one, otherwise one query."""
    known: list[SENStatus] | None = getattr(pupil, _STATUS_HISTORY_ATTR, None)
    if known is not None:
        return [(status.provision, status.start_date) for status in known]
    return list(pupil.sen_statuses.order_by("-start_date", "-id").values_list("provision", "start_date"))


def current_needs(pupil: Pupil) -> list[SENNeed]:
    return list(pupil.sen_needs.filter(end_date__isnull=True).order_by("rank"))


def need_history(pupil: Pupil) -> QuerySet[SENNeed]:
    return pupil.sen_needs.order_by("-start_date", "rank")


def seen_as_staff(user: Any, pupil: Pupil) -> bool:
    """Whether ``pupil`` is in ``Pupil.objects.seen_as_staff_by(user)`` (visible, at a school where the
    user is staff), from the checks a request has already made: ``get_visible_pupil`` records the pupil
    as visible and the roles are read once a request. A section that scopes a pupil's rows with
    ``visible_to(user)`` can filter on the pupil alone when this is true, without rebuilding the scope."""
    from sendsupport.pupils.rules import can_see_pupil  # the rules import this module

    return is_staff_for(user, pupil) and can_see_pupil(user, pupil)


def contacts_for(user: Any, pupil: Pupil, *, staff_view: bool) -> QuerySet[PupilContact]:
    """Staff see every parent and carer of the pupil; a parent sees only their own entry."""
    # Staff who read the pupil's whole record see every link of the pupil: the scope adds nothing.
    scoped = PupilContact.objects if seen_as_staff(user, pupil) else PupilContact.objects.visible_to(user)
    links = scoped.filter(pupil=pupil).select_related("contact", "contact__user").order_by("contact__last_name")
    if staff_view:
        return links
    return links.filter(contact__user=user)


def current_provision(pupil: Pupil) -> str:
    statuses = statuses_newest_first(pupil)
    return statuses[0][0] if statuses else Provision.NONE


def register_started_on(pupil: Pupil) -> date | None:
    """When the pupil's current unbroken time on the SEN register (SEN support or an EHC plan) began."""
    started = None
    for provision, start_date in statuses_newest_first(pupil):
        if provision not in ("K", "E"):
            break
        started = start_date
    return started


def register_counts(user: Any, school: School) -> dict[str, int]:
    """How many pupils this user can see at ``school`` are on SEN support and have EHC plans."""
    pupils = with_current_sen(visible_pupils(user).filter(still_on_roll(), school=school))
    counts = {"K": 0, "E": 0}
    for row in pupils.filter(current_provision__in=["K", "E"]).values("current_provision").annotate(n=Count("pk")):
        counts[row["current_provision"]] = row["n"]
    counts["total"] = counts["K"] + counts["E"]
    return counts


def my_pupils_on_register(user: Any, school: School | None) -> QuerySet[Pupil]:
    """For a teacher or TA: the pupils on the register in the groups they teach or support."""
    if school is None:
        return Pupil.objects.none()
    taught = Group.objects.filter(staff=user, school=school).values("pk")
    pupils = (
        visible_pupils(user)
        .filter(still_on_roll(), school=school)
        .filter(
            Q(registration_group_id__in=taught)
            | Q(pk__in=Pupil.teaching_groups.through.objects.filter(group_id__in=taught).values("pupil_id"))
        )
    )
    return (
        with_current_sen(pupils.select_related("registration_group"))
        .filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])
        .order_by("legal_last_name", "legal_first_name")
    )


def holds_parental_responsibility(user: Any, pupil: Any) -> bool:
    """Whether ``user`` is a parent or carer of ``pupil`` with parental responsibility (read once per request)."""
    if pupil is None or user is None or not user.is_authenticated or not user.is_active:
        return False
    return memoised(
        user,
        ("parental_responsibility", pupil.pk),
        lambda: PupilContact.objects.filter(pupil=pupil, contact__user=user, parental_responsibility=True).exists(),
    )


def children_of(user: Any) -> QuerySet[Pupil]:
    own = PupilContact.objects.filter(contact__user=user, parental_responsibility=True).values("pupil_id")
    return with_current_sen(visible_pupils(user).filter(pk__in=own).select_related("school")).order_by(
        "legal_first_name"
    )


@dataclass(frozen=True)
class Aggregates:
    """Counts only: what governors and LA officers may see. Never a name or a UPN."""

    on_roll: int
    by_provision: dict[str, int]
    by_area: dict[str, int]
    by_year_group: list[tuple[str, int, int]]  # (year label, SEN support, EHC plan)


def school_aggregates(school: School) -> Aggregates:
    """The school's register in numbers, for governors (appropriate authority) and the SENCO."""
    from sendsupport.pupils.codes import YEAR_GROUP_ORDER, YEAR_GROUPS, BroadArea, broad_area

    pupils = with_current_sen(Pupil.objects.filter(still_on_roll(), school=school))
    on_roll = pupils.count()
    by_provision = {"K": 0, "E": 0}
    by_area = {area.label: 0 for area in BroadArea}
    per_year: dict[str, dict[str, int]] = {}
    rows = (
        pupils.filter(current_provision__in=["K", "E"])
        .values("current_provision", "primary_need", "year_group")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        by_provision[row["current_provision"]] += row["n"]
        if row["primary_need"]:
            by_area[broad_area(row["primary_need"]).label] += row["n"]
        per_year.setdefault(row["year_group"], {"K": 0, "E": 0})[row["current_provision"]] += row["n"]
    labels = dict(YEAR_GROUPS)
    by_year = [
        (labels[year], counts["K"], counts["E"])
        for year, counts in sorted(per_year.items(), key=lambda item: YEAR_GROUP_ORDER[item[0]])
    ]
    return Aggregates(on_roll=on_roll, by_provision=by_provision, by_area=by_area, by_year_group=by_year)


@dataclass(frozen=True)
class ShareableFigures:
    """The school's figures as governors, LA officers and API callers see them: small counts withheld
    (``sendsupport.core.suppression``), with any figure that would let one be worked out."""

    on_roll: Shown
    sen_support: Shown
    ehc_plan: Shown
    by_area: list[tuple[str, str, Shown]]  # (code, label, pupils)
    by_year_group: list[tuple[str, str, Shown, Shown]]  # (code, label, SEN support, EHC plan)


def shareable_figures(school: School) -> ShareableFigures:
    """``school_aggregates`` made safe to share. The sums a reader can check are declared, so a withheld
    figure cannot be recovered from them: support and plans add up to the pupils with SEN (not shown, but
    known from the two), so do the areas of need, and each year-group column adds up to its total."""
    from sendsupport.pupils.codes import YEAR_GROUPS, BroadArea

    figures = school_aggregates(school)
    area_codes = {area.label: area.value for area in BroadArea}
    year_codes = {label: code for code, label in YEAR_GROUPS}
    values: dict[Any, int] = {
        "on_roll": figures.on_roll,
        "K": figures.by_provision["K"],
        "E": figures.by_provision["E"],
        "sen": figures.by_provision["K"] + figures.by_provision["E"],
    }
    values.update({("area", label): count for label, count in figures.by_area.items()})
    for label, support, plan in figures.by_year_group:
        values[("year", label, "K")] = support
        values[("year", label, "E")] = plan
    sums = [
        Sum("sen", ["K", "E"]),
        Sum("sen", [("area", label) for label in figures.by_area]),
        Sum("K", [("year", label, "K") for label, _, _ in figures.by_year_group]),
        Sum("E", [("year", label, "E") for label, _, _ in figures.by_year_group]),
    ]
    shown = suppress(values, sums, hidden=["sen"])
    return ShareableFigures(
        on_roll=shown["on_roll"],
        sen_support=shown["K"],
        ehc_plan=shown["E"],
        by_area=[(area_codes[label], label, shown[("area", label)]) for label in figures.by_area],
        by_year_group=[
            (year_codes[label], label, shown[("year", label, "K")], shown[("year", label, "E")])
            for label, _, _ in figures.by_year_group
        ],
    )


def _la_schools(user: Any) -> list[dict[str, Any]]:
    """The schools in the LA officer's authorities, by name: read once per request.

    Every visit to the LA overview reads them (they name the versions of the remembered page), so
    the query is SQL written once and prepared on PostgreSQL: built with the ORM and planned afresh
    each time, it cost about as much as the rest of a remembered visit.
    """

    def read() -> list[dict[str, Any]]:
        if not is_active_user(user):
            return []
        with prepared.cursor() as cursor:
            cursor.execute(_la_schools_sql(), [user.pk, True])
            return [{"pk": pk, "name": name, "urn": urn} for pk, name, urn in cursor.fetchall()]

    return memoised(user, "la-schools", read)


@functools.cache
def _la_schools_sql() -> str:
    from django.db import connection

    from sendsupport.schools.models import LocalAuthorityMembership

    quote = connection.ops.quote_name
    school, officers = School._meta, LocalAuthorityMembership._meta

    def column(meta: Any, name: str) -> str:
        return quote(meta.get_field(name).column)

    # Names come from the models, never from input; the user and the flag are parameters.
    return (
        f"SELECT {column(school, 'id')}, {column(school, 'name')}, {column(school, 'urn')} "  # noqa: S608
        f"FROM {quote(school.db_table)} WHERE {column(school, 'local_authority')} IN ("
        f"SELECT {column(officers, 'local_authority')} FROM {quote(officers.db_table)} "
        f"WHERE {column(officers, 'user')} = %s AND {column(officers, 'active')} = %s) "
        f"ORDER BY {column(school, 'name')}"
    )


def la_school_ids(request: Any, user: Any) -> list[int]:
    """The ids of the schools in the LA officer's authorities (``remember_page``'s ``schools``)."""
    return [school["pk"] for school in _la_schools(user)]


def la_school_counts(user: Any) -> list[dict[str, Any]]:
    """For an LA officer: each school in their authority with register counts, no pupil detail.

    The counts for every school come from one grouped query over the authority's pupils (on roll,
    SEN support and EHC plan as filtered counts of the same rows), so the page costs the same number
    of queries for 2 schools as for 200, and PostgreSQL reads the pupils once, not once per figure.
    """
    from sendsupport.accounts.access import la_ids_for

    authorities = la_ids_for(user)
    schools = _la_schools(user)
    if not schools:
        return []
    # Counting an authority's pupils reads every one of them (200,000 for 200 schools), so each web
    # process remembers the counts until a record of one of its schools changes or the day does.
    day = dates.today()
    ids = tuple(school["pk"] for school in schools)
    key = ("la-counts", ids, day, records_versions(ids))
    counts = remembered(key, lambda: _school_counts(authorities, day))
    none = {"on_roll": 0, "support": 0, "plan": 0}
    rows = []
    for school in schools:
        found = counts.get(school["pk"], none)
        # No totals across schools are shown, so each school's figures are withheld on their own when small.
        on_roll, support, plan = suppress_column([found["on_roll"], found["support"], found["plan"]])
        rows.append({"school": school, "on_roll": on_roll, "sen_support": support, "ehc_plan": plan})
    return rows


def _school_counts(authorities: Any, day: date) -> dict[int, dict[str, int]]:
    return {
        row["school_id"]: row
        for row in Pupil.objects.filter(still_on_roll(day), school__local_authority_id__in=authorities)
        .order_by()
        .values("school_id")
        .annotate(
            on_roll=Count("pk"),
            support=Count("pk", filter=Q(current_sen__provision=Provision.SEN_SUPPORT)),
            plan=Count("pk", filter=Q(current_sen__provision=Provision.EHC_PLAN)),
        )
    }


@dataclass(frozen=True)
class LocalOffer:
    """What a family can turn to in one local authority: its contacts, and the directory's SEND services."""

    local_authority: Any
    services: list
    last_read: Any  # the latest successful read, or None
    last_attempt: Any  # the latest attempt, successful or not, or None


def local_authorities_for(user: Any) -> list[LocalOffer]:
    """The authorities of the user's children's schools, of the schools where they are staff, and
    their own (LA officers), each with its cached services. Three queries whatever the number."""
    from sendsupport.accounts.access import la_ids_for, staff_school_ids
    from sendsupport.schools.models import LocalAuthority, LocalOfferRead, LocalOfferService

    if user is None or not user.is_authenticated:
        return []
    own_children_schools = (
        visible_pupils(user)
        .filter(pk__in=PupilContact.objects.filter(contact__user=user, parental_responsibility=True).values("pupil_id"))
        .values("school__local_authority_id")
    )
    authorities = list(
        LocalAuthority.objects.filter(
            Q(pk__in=own_children_schools) | Q(schools__pk__in=staff_school_ids(user)) | Q(pk__in=la_ids_for(user))
        )
        .distinct()
        .order_by("name")
    )
    ids = [la.pk for la in authorities]
    services: dict[int, list] = {la_id: [] for la_id in ids}
    for service in LocalOfferService.objects.filter(local_authority_id__in=ids):
        services[service.local_authority_id].append(service)
    latest: dict[int, Any] = {}
    latest_success: dict[int, Any] = {}
    for read in LocalOfferRead.objects.filter(local_authority_id__in=ids).order_by("-attempted_at", "-id")[:200]:
        latest.setdefault(read.local_authority_id, read)
        if read.succeeded:
            latest_success.setdefault(read.local_authority_id, read)
    return [LocalOffer(la, services[la.pk], latest_success.get(la.pk), latest.get(la.pk)) for la in authorities]


def managed_local_authority_ids(user: Any) -> set[int]:
    """Authorities of the schools where the user is SENCO or head: they may ask for a fresh read."""
    from sendsupport.accounts.access import school_ids_with_roles

    return set(
        School.objects.filter(pk__in=school_ids_with_roles(user, REGISTER_MANAGERS)).values_list(
            "local_authority_id", flat=True
        )
    )


def scoped_for_pupil(manager: Any, user: Any, pupil: Pupil) -> Any:
    """``manager`` (a model reaching a pupil by ``pupil``, not staff-only) scoped for ``user``: the
    manager itself when ``user`` sees ``pupil`` (as ``remember_seen`` recorded), since then
    ``visible_to(user).filter(pupil=pupil)`` and ``filter(pupil=pupil)`` are the same rows; the
    scoped queryset otherwise. Callers always go on to filter on ``pupil``."""
    from sendsupport.pupils.rules import can_see_pupil  # the rules import the pupils' selectors

    return manager if can_see_pupil(user, pupil) else manager.visible_to(user)
