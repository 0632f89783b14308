"""Every pupils page and form, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.pupils.models import Pupil, PupilContact, SENStatus
from sendsupport.pupils.tests.test_parents_and_carers import contact_data
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import FAMILY, MANAGERS, PARENTS, SEES_OTHER_PUPIL, STAFF


def pupil(w):
    return [w.pupil.pk]


def parents_link(w):
    """Maya's link to ``parent``."""
    return [w.pupil.pk, w.pupil.contact_links.get(contact__user=w.parent).pk]


def sen_statuses(w) -> int:
    return SENStatus.objects.filter(pupil=w.pupil).count()


def membership(w):
    """Maya's SEN unit and resourced provision flags: a refused form changes neither."""
    return Pupil.objects.filter(pk=w.pupil.pk).values_list("in_sen_unit", "in_resourced_provision").get()


def links(w) -> int:
    return PupilContact.objects.filter(pupil=w.pupil).count()


TABLE = Table(
    "pupils",
    [
        Case("pupils:register", allowed=STAFF),
        Case("pupils:detail", pupil, FAMILY),
        Case("pupils:detail", lambda w: [w.other_pupil.pk], SEES_OTHER_PUPIL, label="other pupil"),
        Case("pupils:add", allowed=MANAGERS),
        Case("pupils:edit", pupil, MANAGERS),
        Case("pupils:sen_status", pupil, MANAGERS),
        Case(
            "pupils:sen_status",
            pupil,
            MANAGERS,
            status=302,
            method="post",
            data={"provision": "N", "start_date": "2025-01-01", "reason": "x"},
            unchanged=sen_statuses,
        ),
        Case("pupils:contact_add", pupil, MANAGERS),
        Case(
            "pupils:contact_add",
            pupil,
            MANAGERS,
            status=302,
            method="post",
            data=contact_data(),
            unchanged=links,
        ),
        Case("pupils:contact_edit", parents_link, MANAGERS),
        Case("pupils:contact_remove", parents_link, MANAGERS, status=302, method="post", unchanged=links),
        Case("pupils:provision_membership", pupil, MANAGERS, needs=("sen_unit",)),
        Case(
            "pupils:provision_membership",
            pupil,
            MANAGERS,
            status=302,
            method="post",
            data={"in_sen_unit": "on"},
            unchanged=membership,
            needs=("sen_unit",),
        ),
        Case("pupils:my_children", allowed=PARENTS),
        Case("pupils:class_list", lambda w: [w.pupil.registration_group_id], STAFF, label="their class"),
        # Staff who do not teach 5B still open its list; it shows only the pupils they may see.
        Case("pupils:class_list", lambda w: [w.other_pupil.registration_group_id], STAFF, label="another class"),
    ],
)
test_permissions = TABLE.test()
