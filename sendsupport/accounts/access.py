"""Which schools a person works at, and in what role. The one place role membership is read."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from sendsupport.core import prepared, rows
from sendsupport.schools.memo import (
    EVERY_SCHOOL,
    PAGES,
    SCHOOL_SCOPE_PREFIX,
    page_scopes,
    school_scope,
    tokens_in_order,
)
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role, School

STAFF_ROLES = REGISTER_MANAGERS | CLASSROOM_STAFF

# ``accounts.middleware.RequestMemoMiddleware`` puts an empty dict here on the signed-in user at the
# start of each request, so roles, parenthood and pupil visibility are read once per request, not
# once per rule. Outside a request (services, tests, commands) there is no memo: always read afresh.
MEMO_ATTR = "_sendsupport_memo"


def request_memo(user: Any) -> dict | None:
    return getattr(user, MEMO_ATTR, None) if user is not None else None


def _memoised(user: Any, key: Any, read: Any) -> Any:
    memo = request_memo(user)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_active_user(user: Any) -> bool:
    """Signed in and not deactivated: a read written as SQL checks this first, as the rules here do."""
    return _active(user)


def school_ids_with_roles(user: Any, roles: frozenset[str] | set[str]) -> QuerySet:
    """Ids of schools where the user holds one of ``roles`` (a subquery, not a list)."""
    from sendsupport.schools.models import StaffMembership

    if not _active(user):
        return StaffMembership.objects.none().values("school_id")
    return StaffMembership.objects.filter(user=user, active=True, role__in=roles).values("school_id")


def memoised_school_ids_with_roles(user: Any, roles: frozenset[str] | set[str]) -> list[int] | None:
    """In a request, the ids of schools where the user holds one of ``roles``, as a list, from the
    roles read once per request; outside a request ``None`` (use ``school_ids_with_roles``)."""
    if request_memo(user) is None or not _active(user):
        return None
    by_school = _who(user)["memberships"][0]
    return sorted(school_id for school_id, held in by_school.items() if held & roles)


def memoised(user: Any, key: Any, read: Any) -> Any:
    """``read()`` once per request for this user (every time outside a request)."""
    return _memoised(user, key, read)


def schools_for(user: Any) -> QuerySet[School]:
    """Every school where the user holds any active role."""
    if not _active(user):
        return School.objects.none()
    return School.objects.filter(memberships__user=user, memberships__active=True).distinct()


def memoised_schools(user: Any) -> dict[int, School] | None:
    """In a request, the schools where the user holds an active role (with their local authority),
    read in the same query as the roles; outside a request ``None`` (use ``schools_for``)."""
    if request_memo(user) is None or not _active(user):
        return None
    return _who(user)["memberships"][1]


def _who(user: Any) -> dict[str, Any]:
    """This request's memo, holding the user's roles with their schools ("memberships"), whether they
    are a parent and an LA officer ("standing"), and the versions of the records of those schools
    ("versions", see ``memoised_page_versions``): read together, in one query, the first time any of
    them is asked for. Every signed-in page asks for the first two (the navigation and the account
    bar), and every remembered page for the versions; as three queries they cost two more round
    trips to the database on every page."""
    memo = request_memo(user)
    if "memberships" not in memo:  # all three are read together; only "standing" may come first
        for key, value in _read_who(user).items():
            memo.setdefault(key, value)  # what a caller already recorded (``remember_standing``) stands
    return memo


def _read_who(user: Any) -> dict[str, Any]:
    from sendsupport.schools.models import LocalAuthority

    found: dict[int, set[str]] = {}
    schools: dict[int, School] = {}
    tokens: dict[str, str | None] = {}
    school_width = rows.width(School)
    authority_width = rows.width(LocalAuthority)
    with prepared.cursor() as cursor:
        cursor.execute(_who_sql(), [user.pk, user.pk, True, EVERY_SCHOOL, PAGES, SCHOOL_SCOPE_PREFIX, user.pk, True])
        fetched = cursor.fetchall()
    parent, la_officer, tokens[EVERY_SCHOOL], tokens[PAGES] = fetched[0][:4]
    for row in fetched:
        role, *values = row[4:]
        if role is None:  # no role anywhere: the one row carries only the flags and tokens
            continue
        school = rows.instance(School, values[:school_width])
        authority = rows.instance(LocalAuthority, values[school_width : school_width + authority_width])
        School.local_authority.field.set_cached_value(school, authority)
        school = schools.setdefault(school.pk, school)
        found.setdefault(school.pk, set()).add(role)
        tokens[school_scope(school.pk)] = values[school_width + authority_width]
    ids = sorted(found)
    return {
        "memberships": ({school_id: frozenset(roles) for school_id, roles in found.items()}, schools),
        "standing": {"is_parent": bool(parent), "is_la_officer": bool(la_officer)},
        "versions": (ids, tokens_in_order(page_scopes(ids), tokens)),
    }


@functools.cache
def _who_sql() -> str:
    """Whether the user is a parent and an LA officer, the versions every school's pages share, and
    one row per active role with its school, the school's local authority and the school's records
    version; a user with no role gets one row of the first four. Written as SQL once per process:
    built with the ORM's subqueries, these reads cost more than the rest of an empty signed-in page."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from sendsupport.schools.models import LocalAuthority, LocalAuthorityMembership, RecordsVersion, StaffMembership

    quote = connection.ops.quote_name
    # Reached through the user's reverse relation (as ``user.contacts`` is): accounts sits below pupils.
    contacts = get_user_model()._meta.get_field("contacts").related_model._meta
    officers = LocalAuthorityMembership._meta
    membership = StaffMembership._meta
    authority = LocalAuthority._meta
    school = School._meta
    versions = RecordsVersion._meta
    scope, token = quote(versions.get_field("scope").column), quote(versions.get_field("token").column)
    version_table = quote(versions.db_table)

    def column(meta: Any, alias: str, name: str) -> str:
        return f"{alias}.{quote(meta.get_field(name).column)}"

    # Every name comes from the models, never from input; the user, flags and scopes are parameters.
    standing = (
        f"SELECT EXISTS(SELECT 1 FROM {quote(contacts.db_table)} c WHERE {column(contacts, 'c', 'user')} = %s) AS p, "  # noqa: S608
        f"EXISTS(SELECT 1 FROM {quote(officers.db_table)} o WHERE {column(officers, 'o', 'user')} = %s "
        f"AND {column(officers, 'o', 'active')} = %s) AS o, "
        f"(SELECT {token} FROM {version_table} WHERE {scope} = %s) AS every_school, "
        f"(SELECT {token} FROM {version_table} WHERE {scope} = %s) AS pages"
    )
    roles = (
        f"SELECT {column(membership, 'm', 'role')} AS role, {rows.columns(School, 's')}, "  # noqa: S608
        f"{rows.columns(LocalAuthority, 'la')}, v.{token} AS school_version "
        f"FROM {quote(membership.db_table)} m "
        f"JOIN {quote(school.db_table)} s ON s.{quote(school.pk.column)} = {column(membership, 'm', 'school')} "
        f"JOIN {quote(authority.db_table)} la ON la.{quote(authority.pk.column)} = {column(school, 's', 'local_authority')} "
        f"LEFT JOIN {version_table} v ON v.{scope} = %s || CAST(s.{quote(school.pk.column)} AS VARCHAR(20)) "
        f"WHERE {column(membership, 'm', 'user')} = %s AND {column(membership, 'm', 'active')} = %s"
    )
    return f"SELECT st.p, st.o, st.every_school, st.pages, r.* FROM ({standing}) st LEFT JOIN ({roles}) r ON 1 = 1"  # noqa: S608


def memoised_page_versions(user: Any, school_ids: Iterable[int]) -> tuple[str, ...] | None:
    """In a request, ``schools.memo.page_versions(school_ids)`` when ``school_ids`` are exactly the
    schools where the user holds a role, as read with their roles; otherwise None (ask
    ``page_versions``). Read before the page is drawn, as ``page_versions`` would be, so a change
    made while it is drawn is seen on the next visit."""
    if request_memo(user) is None or not _active(user):
        return None
    ids, versions = _who(user)["versions"]
    return versions if sorted(set(school_ids)) == ids else None


def roles_at(user: Any, school: School | None) -> set[str]:
    """The user's active roles at ``school``: in a request, one query for every school at once."""
    if school is None or not _active(user):
        return set()
    if request_memo(user) is None:
        return set(school.memberships.filter(user=user, active=True).values_list("role", flat=True))
    return set(_who(user)["memberships"][0].get(school.pk, ()))


def works_at_several(user: Any) -> bool:
    """More than one active role (at one school or several): the page offers "Change school"."""
    if not _active(user):
        return False
    if request_memo(user) is None:
        return user.memberships.filter(active=True).count() > 1
    by_school = _who(user)["memberships"][0]
    return sum(len(roles) for roles in by_school.values()) > 1


def is_parent(user: Any) -> bool:
    """Linked to a pupil's contact record (the parent portal's way in)."""
    if not _active(user):
        return False
    if request_memo(user) is None:
        return user.contacts.exists()
    return _who(user)["standing"]["is_parent"]


def is_la_officer(user: Any) -> bool:
    if not _active(user):
        return False
    if request_memo(user) is None:
        return la_ids_for(user).exists()
    return _who(user)["standing"]["is_la_officer"]


def remember_standing(user: Any, *, parent: bool, la_officer: bool) -> None:
    """Record, for this request, what a caller has just read in a query of its own (the API's check
    that a token's owner still holds a role), so ``is_parent`` and ``is_la_officer`` do not ask again."""
    memo = request_memo(user)
    if memo is not None:
        memo["standing"] = {"is_parent": parent, "is_la_officer": la_officer}


def la_ids_for(user: Any) -> QuerySet:
    from sendsupport.schools.models import LocalAuthorityMembership

    if not _active(user):
        return LocalAuthorityMembership.objects.none().values("local_authority_id")
    return LocalAuthorityMembership.objects.filter(user=user, active=True).values("local_authority_id")


def manages(user: Any, school: School | None) -> bool:
    """SENCOs and heads keep the register, manage staff and parents, and read the audit log."""
    return bool(roles_at(user, school) & REGISTER_MANAGERS)


def sees_aggregates(user: Any, school: School | None) -> bool:
    """Governors, SENCOs and heads see the school's counts (never names, for governors)."""
    return bool(roles_at(user, school) & (REGISTER_MANAGERS | {Role.GOVERNOR}))


def is_staff_at(user: Any, school: School | None) -> bool:
    """The one definition of staff: a SENCO, head, teacher or TA at ``school``. A governor is not
    staff: a governor who is also a parent sees their own child as a parent does."""
    return bool(roles_at(user, school) & STAFF_ROLES)


def is_staff_for(user: Any, pupil: Any) -> bool:
    """True for SENCOs, heads, teachers and TAs working at the pupil's school."""
    return pupil is not None and is_staff_at(user, pupil.school)


def staff_school_ids(user: Any) -> set[int]:
    """Ids of the schools where the user is staff (``is_staff_at``), for lists of many pupils."""
    known = memoised_school_ids_with_roles(user, STAFF_ROLES)
    if known is not None:  # in a request: from the roles already read
        return set(known)
    return set(school_ids_with_roles(user, STAFF_ROLES).values_list("school_id", flat=True))


def memoised_school_ids(user: Any) -> list[int]:
    """In a request, the ids of every school where the user holds an active role; outside one, []."""
    if request_memo(user) is None or not _active(user):
        return []
    return sorted(_who(user)["memberships"][0])


def reach(user: Any) -> tuple | None:
    """Everything that decides what this user may see and what their menu shows, as read once this
    request: their active roles by school, and whether they are a parent and an LA officer. A page
    remembered for one reach is never served for another (``audit.remembered_pages``). None
    outside a request."""
    if request_memo(user) is None or not _active(user):
        return None
    by_school = _who(user)["memberships"][0]
    roles = tuple(sorted((school_id, tuple(sorted(held))) for school_id, held in by_school.items()))
    return roles, is_parent(user), is_la_officer(user)
