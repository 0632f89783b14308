"""Every support page, every persona: who gets it (200, or a redirect), who gets a 404; signed out, sign in."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendsupport.support.models import OutcomeBankEntry
from sendsupport.support.tests import helpers

ALL = {"senco", "head", "teacher", "ta", "parent", "other_parent", "governor", "la_officer", "stranger"}
MANAGERS = {"senco", "head"}
STAFF = MANAGERS | {"teacher", "ta"}
FAMILY = STAFF | {"parent"}


@pytest.fixture
def record(pupil, other_pupil, senco, teacher):
    """Maya: cycle 1 reviewed and closed; cycle 2 open, assessed, parents told, a draft plan carried on.
    Ben (other_pupil) has cycle 1 open with an agreed plan."""
    first = helpers.reviewed_cycle(pupil, senco, teacher)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    helpers.notify(second, senco, notified_on=date(2025, 11, 19))
    plan = helpers.plan(second, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    ben = helpers.running_cycle(other_pupil, senco, None)
    return {
        "p": pupil.pk,
        "o": other_pupil.pk,
        "first": first,
        "second": second,
        "outcome": plan.outcomes.get().pk,
        "ben": ben,
        "entry": OutcomeBankEntry.objects.create(area="semh", text="Name three feelings.").pk,
    }


# (url name, args from the record, personas allowed, status for them)
PAGES = [
    ("support:timeline", lambda r: [r["p"]], FAMILY, 200),
    ("support:timeline", lambda r: [r["o"]], MANAGERS | {"other_parent"}, 200),
    ("support:concern_new", lambda r: [r["p"]], STAFF, 200),
    ("support:cycle_new", lambda r: [r["p"]], MANAGERS, 200),
    ("support:notify_pupil", lambda r: [r["p"]], MANAGERS, 200),
    ("support:cycle", lambda r: [r["p"], 1], STAFF, 200),
    ("support:cycle", lambda r: [r["p"], 2], STAFF, 200),
    ("support:cycle", lambda r: [r["o"], 1], MANAGERS, 200),
    ("support:cycle_close", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:correction_new", lambda r: [r["p"], 1], MANAGERS, 200),
    ("support:assessment", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:notify", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:letter", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:letter_pdf", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:plan", lambda r: [r["p"], 2], FAMILY, 200),
    ("support:plan", lambda r: [r["p"], 1], FAMILY, 200),
    ("support:plan", lambda r: [r["o"], 1], MANAGERS | {"other_parent"}, 200),
    ("support:plan_parent", lambda r: [r["p"], 2], FAMILY, 200),
    ("support:plan_pdf_staff", lambda r: [r["p"], 2], STAFF, 200),
    ("support:plan_pdf_parent", lambda r: [r["p"], 2], FAMILY, 200),
    ("support:plan_new", lambda r: [r["p"], 2], MANAGERS, 302),  # the plan exists: go to it
    ("support:plan_edit", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:plan_agree", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:outcome_new", lambda r: [r["p"], 2], MANAGERS, 200),
    ("support:outcome_edit", lambda r: [r["p"], 2, r["outcome"]], MANAGERS, 200),
    ("support:note_new", lambda r: [r["p"], 2, r["outcome"]], STAFF, 200),
    ("support:review", lambda r: [r["p"], 1], FAMILY, 200),
    ("support:review_new", lambda r: [r["o"], 1], MANAGERS, 200),
    ("support:bank", lambda r: [], MANAGERS, 200),
    ("support:bank_new", lambda r: [], MANAGERS, 200),
    ("support:bank_edit", lambda r: [r["entry"]], MANAGERS, 200),
]
IDS = [f"{name}-{index}" for index, (name, *_rest) in enumerate(PAGES)]


@pytest.mark.parametrize(("name", "args", "allowed", "status"), PAGES, ids=IDS)
def test_it_lets_only_the_right_people_see_each_page(name, args, allowed, status, personas, record, login):
    url = reverse(name, args=args(record))
    for persona, user in personas.items():
        response = login(user).get(url)
        expected = status if persona in allowed else 404
        assert response.status_code == expected, f"{persona} on {url}: {response.status_code}"


@pytest.mark.parametrize(("name", "args", "allowed", "status"), PAGES, ids=IDS)
def test_it_sends_signed_out_visitors_to_sign_in(name, args, allowed, status, record, client):
    response = client.get(reverse(name, args=args(record)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_cycle_of_another_pupil_or_a_missing_one_is_not_found(record, senco, login):
    client = login(senco)
    assert client.get(reverse("support:cycle", args=[record["p"], 3])).status_code == 404
    outcome_of_ben = record["ben"].plan.outcomes.get().pk
    assert client.get(reverse("support:outcome_edit", args=[record["p"], 2, outcome_of_ben])).status_code == 404
    assert client.get(reverse("support:review", args=[record["p"], 2])).status_code == 404  # not reviewed yet


def test_a_parent_sees_the_parents_version_not_the_staff_record(record, parent, login):
    response = login(parent).get(reverse("support:plan", args=[record["p"], 2]))
    assert response.templates[0].name == "support/plan_parent.html"
    content = response.content.decode()
    assert "What we want Maya to achieve" in content
    assert "Not SMART" not in content and "Add a note" not in content


def test_a_parent_does_not_see_concerns_or_the_assessment_on_the_timeline(record, parent, teacher, login):
    from conftest import TODAY
    from sendsupport.support import services

    pupil = record["first"].pupil
    services.raise_concern(pupil=pupil, by=teacher, noticed="Secret staff worry", since=date(2025, 9, 1), today=TODAY)
    content = login(parent).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "Secret staff worry" not in content
    assert "Assess" not in content
    staff_content = login(teacher).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "Secret staff worry" in staff_content


POSTS = [
    ("support:concern_new", lambda r: [r["p"]], STAFF),
    ("support:cycle_new", lambda r: [r["p"]], MANAGERS),
    ("support:assessment", lambda r: [r["p"], 2], MANAGERS),
    ("support:notify", lambda r: [r["p"], 2], MANAGERS),
    ("support:letter_email", lambda r: [r["p"], 2], MANAGERS),
    ("support:plan_edit", lambda r: [r["p"], 2], MANAGERS),
    ("support:plan_agree", lambda r: [r["p"], 2], MANAGERS),
    ("support:outcome_new", lambda r: [r["p"], 2], MANAGERS),
    ("support:outcome_remove", lambda r: [r["p"], 2, r["outcome"]], MANAGERS),
    ("support:note_new", lambda r: [r["p"], 2, r["outcome"]], STAFF),
    ("support:review_new", lambda r: [r["o"], 1], MANAGERS),
    ("support:cycle_close", lambda r: [r["p"], 2], MANAGERS),
    ("support:correction_new", lambda r: [r["p"], 1], MANAGERS),
    ("support:bank_remove", lambda r: [r["entry"]], MANAGERS),
]


@pytest.mark.parametrize(("name", "args", "allowed"), POSTS, ids=[p[0] for p in POSTS])
def test_only_the_right_people_can_post(name, args, allowed, personas, record, login):
    from sendsupport.audit.models import AuditEvent

    url = reverse(name, args=args(record))
    for persona in sorted(ALL - allowed):
        before = AuditEvent.objects.exclude(action="viewed").count()
        response = login(personas[persona]).post(url, {})
        assert response.status_code == 404, f"{persona} posting to {url}: {response.status_code}"
        assert AuditEvent.objects.exclude(action="viewed").count() == before
