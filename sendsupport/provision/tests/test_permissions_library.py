"""Every library and provision page and form, every persona (the shared loop of ``sendsupport.testing.permissions``).

Staff of the school read the library and the provisions they may see; only the SENCO and head change
them. ``provision`` (conftest) has Maya and Ben, delivered by the TA; ``bens_group`` has only Ben (whom
neither the teacher nor the TA sees) and no deliverer; ``elsewhere`` is another school's.
"""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import Intervention, Provision, ProvisionMember
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY, STAFF


@pytest.fixture
def bens_group(school, intervention, other_pupil) -> Provision:
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Phonics group B",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=2,
        session_minutes=20,
        starts_on=date(2026, 9, 7),
        funding=FundingStream.NOTIONAL_SEN,
    )
    ProvisionMember.objects.create(provision=group, pupil=other_pupil, joined_on=date(2026, 9, 7))
    return group


@pytest.fixture
def bens_membership(provision, other_pupil) -> ProvisionMember:
    return provision.members.get(pupil=other_pupil)


@pytest.fixture
def elsewhere_intervention(other_school) -> Intervention:
    return Intervention.objects.create(
        school=other_school, name="Their own reading group", area="cognition", description="Reading.", delivered_by="ta"
    )


@pytest.fixture
def elsewhere(other_school, elsewhere_intervention) -> Provision:
    return Provision.objects.create(
        school=other_school,
        intervention=elsewhere_intervention,
        name="Elm Tree reading",
        deliverer_role=DelivererRole.TA,
        external_deliverer="A visiting tutor",
        sessions_per_week=1,
        session_minutes=30,
        starts_on=date(2026, 9, 7),
        funding=FundingStream.OTHER,
    )


INTERVENTION = {
    "name": "Lego-based social group",
    "area": "communication",
    "description": "Building together, taking turns as builder, supplier and engineer.",
    "group_size": "3",
    "session_minutes": "45",
    "sessions_per_week": "1",
    "delivered_by": "ta",
    "extra_cost_pence": "0",
    "active": "on",
}


def schedule(w) -> dict:
    return {
        "name": "Phonics group C",
        "deliverer_role": "ta",
        "deliverers": [w.ta.pk],
        "sessions_per_week": "3",
        "session_minutes": "30",
        "starts_on": "2026-09-07",
        "funding": "notional_sen",
    }


def group(w) -> dict:
    return {**schedule(w), "members": [w.pupil.pk]}


def one_to_one(w) -> dict:
    data = {**schedule(w), "member": w.pupil.pk, "hours_per_week": "5", "days_per_week": "5"}
    del data["sessions_per_week"], data["session_minutes"]
    return data


def records(w):
    """Every library and provision row and the audited changes: a refused form changes none of them."""
    return (
        list(Intervention.objects.values()),
        list(Provision.objects.values()),
        list(ProvisionMember.objects.values()),
        list(Provision.outcomes.through.objects.values()),
        changes(w),
    )


def post(name, args, data, **extra) -> Case:
    return Case(name, args, MANAGERS, status=302, method="post", data=data, unchanged=records, **extra)


def of(fixture: str):
    return lambda w: [getattr(w, fixture).pk]


def start(kind: str):
    return lambda w: [w.intervention.pk, kind]


TABLE = Table(
    "provision library",
    [
        Case("provision:library", allowed=STAFF, needs=("intervention", "elsewhere_intervention")),
        Case("provision:library_detail", of("intervention"), STAFF, needs=("provision",)),
        Case("provision:library_detail", of("elsewhere_intervention"), NOBODY, label="another school's"),
        Case("provision:library_add", allowed=MANAGERS),
        Case("provision:library_edit", of("intervention"), MANAGERS),
        Case("provision:library_edit", of("elsewhere_intervention"), NOBODY, label="another school's"),
        post("provision:library_add", lambda w: [], INTERVENTION),
        post("provision:library_edit", of("intervention"), {**INTERVENTION, "name": "Phonics catch-up"}),
        post("provision:library_add_common", lambda w: [], {}),
        Case("provision:provisions", allowed=STAFF, needs=("provision", "bens_group", "elsewhere")),
        Case("provision:provision_detail", of("provision"), STAFF),
        Case("provision:provision_detail", of("bens_group"), MANAGERS, label="only Ben, no deliverer"),
        Case("provision:provision_detail", of("elsewhere"), NOBODY, label="another school's"),
        Case("provision:provision_add", start("group"), MANAGERS),
        Case("provision:provision_add", start("one-to-one"), MANAGERS, label="one-to-one"),
        Case("provision:provision_add", start("triple"), NOBODY, label="no such kind"),
        Case("provision:provision_add", lambda w: [w.elsewhere_intervention.pk, "group"], NOBODY, label="another school's"),
        post("provision:provision_add", start("group"), group),
        post("provision:provision_add", start("one-to-one"), one_to_one, label="one-to-one"),
        Case("provision:provision_edit", of("provision"), MANAGERS),
        Case("provision:provision_edit", of("elsewhere"), NOBODY, label="another school's"),
        post("provision:provision_edit", of("provision"), schedule),
        Case("provision:provision_outcomes", of("provision"), MANAGERS),
        post("provision:provision_outcomes", of("provision"), {}),
        Case("provision:provision_member_add", of("bens_group"), MANAGERS),
        post("provision:provision_member_add", of("bens_group"), lambda w: {"pupil": w.pupil.pk, "joined_on": "2026-10-01"}),
        Case("provision:provision_member_leave", lambda w: [w.provision.pk, w.bens_membership.pk], MANAGERS),
        Case(
            "provision:provision_member_leave",
            lambda w: [w.bens_group.pk, w.bens_membership.pk],
            NOBODY,
            label="member of another provision",
        ),
        post(
            "provision:provision_member_leave",
            lambda w: [w.provision.pk, w.bens_membership.pk],
            {"left_on": "2026-10-01"},
        ),
        Case("provision:provision_end", of("provision"), MANAGERS),
        post("provision:provision_end", of("provision"), {"ends_on": "2027-07-20"}),
        Case("provision:provision_review", of("provision"), MANAGERS),
        Case("provision:provision_review", of("elsewhere"), NOBODY, label="another school's"),
        post("provision:provision_review", of("provision"), {"reviewed_on": "2026-10-01", "review_note": "Working well."}),
    ],
)
test_permissions = TABLE.test()
