"""Every schools page and form, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from django.core import mail

from sendsupport.schools.models import Group, StaffMembership
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
        Case("schools:overview", allowed=MANAGERS | {"governor"}),
        Case("schools:la_overview", allowed={"la_officer"}),
    ],
)
test_permissions = TABLE.test()
