"""Every schools page and form, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from django.core import mail

from sendsupport.core.dates import today
from sendsupport.schools.models import AcademicYear, Group, SchoolPolicy, StaffMembership, Term
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS

INVITATION = {"first_name": "Nia", "last_name": "Jones", "email": "nia.jones@school.example", "role": "teacher"}


def teachers_membership(w):
    return [StaffMembership.objects.get(user=w.teacher).pk]


def staff(w):
    """Who has which role, and the emails sent: a refused invitation or edit changes neither."""
    return sorted(StaffMembership.objects.values_list("user__username", "role", "active")), len(mail.outbox)


def groups(w) -> int:
    return Group.objects.count()


def this_year(w) -> list[int]:
    return [AcademicYear.start_year_for(today())]


def figures(w) -> dict:
    """The national defaults, with one changed: the form a head would save."""
    data = {name: SchoolPolicy._meta.get_field(name).default for name in SchoolPolicy.FIGURES}
    return {**data, "element2_threshold_pence": "6000", "parent_meetings_per_year": 4}


def terms(w) -> dict:
    year = this_year(w)[0]
    return {
        "autumn_start": f"{year}-09-02",
        "autumn_end": f"{year}-12-18",
        "spring_start": f"{year + 1}-01-05",
        "spring_end": f"{year + 1}-03-26",
        "summer_start": f"{year + 1}-04-12",
        "summer_end": f"{year + 1}-07-21",
    }


def settings(w):
    """The school's figures and term dates: a refused form changes neither."""
    return list(SchoolPolicy.objects.values()), list(Term.objects.values())


TABLE = Table(
    "schools",
    [
        Case("schools:staff", allowed=MANAGERS),
        Case("schools:staff_add", allowed=MANAGERS),
        Case("schools:staff_add", allowed=MANAGERS, status=302, method="post", data=INVITATION, unchanged=staff),
        Case("schools:staff_edit", teachers_membership, MANAGERS),
        Case(
            "schools:staff_edit",
            teachers_membership,
            MANAGERS,
            status=302,
            method="post",
            data={"role": "senco", "active": "on"},
            unchanged=staff,
        ),
        Case("schools:senco", allowed=MANAGERS),
        Case("schools:groups", allowed=MANAGERS),
        Case("schools:group_add", allowed=MANAGERS),
        Case(
            "schools:group_add",
            allowed=MANAGERS,
            status=302,
            method="post",
            data={"name": "Z", "kind": "teaching"},
            unchanged=groups,
        ),
        Case("schools:settings", allowed=MANAGERS),
        Case("schools:policy_edit", allowed=MANAGERS),
        Case("schools:policy_edit", allowed=MANAGERS, status=302, method="post", data=figures, unchanged=settings),
        Case("schools:two_factor_edit", allowed=MANAGERS),
        Case(
            "schools:two_factor_edit",
            allowed=MANAGERS,
            status=302,
            method="post",
            data={"required": "yes"},
            unchanged=lambda w: list(SchoolPolicy.objects.values_list("school_id", "staff_two_factor")),
        ),
        Case("schools:terms_edit", this_year, MANAGERS),
        Case("schools:terms_edit", this_year, MANAGERS, status=302, method="post", data=terms, unchanged=settings),
        Case("schools:overview", allowed=MANAGERS | {"governor"}),
        Case("schools:la_overview", allowed={"la_officer"}),
    ],
)
test_permissions = TABLE.test()
