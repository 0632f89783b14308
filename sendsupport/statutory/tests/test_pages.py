"""EHC records from the pupil page: who may see and record them, bad input, audit, and the to-do list."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY
from sendsupport.audit.models import AuditEvent
from sendsupport.compliance.engine import todo_list
from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest

pytestmark = pytest.mark.django_db

MANAGERS = frozenset({"senco", "head"})
STAFF = MANAGERS | {"teacher", "ta"}


def assert_only(login, personas, url: str, allowed) -> None:
    for name, user in personas.items():
        status = login(user).get(url).status_code
        assert status == (200 if name in allowed else 404), f"{name} on {url}: {status}"
    response = login(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.fixture
def records(other_pupil, senco):
    request = EHCRequest.objects.create(pupil=other_pupil, requested_on=date(2024, 1, 10), requested_by="parent")
    plan = EHCPlan.objects.create(pupil=other_pupil, issued_on=date(2024, 6, 1))
    review = AnnualReview.objects.create(plan=plan, pupil=other_pupil, meeting_on=date(2025, 5, 20), held=True)
    return request, plan, review


def test_staff_who_see_the_pupil_read_the_ehc_page(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("statutory:pupil", args=[pupil.pk]), STAFF)
    assert_only(login, personas, reverse("statutory:pupil", args=[other_pupil.pk]), MANAGERS)


def test_only_the_senco_and_head_open_the_forms(personas, other_pupil, records, login):
    request, plan, review = records
    pid = other_pupil.pk
    for url in (
        reverse("statutory:request_add", args=[pid]),
        reverse("statutory:request_edit", args=[pid, request.pk]),
        reverse("statutory:plan_add", args=[pid]),
        reverse("statutory:plan_edit", args=[pid, plan.pk]),
        reverse("statutory:review_add", args=[pid, plan.pk]),
        reverse("statutory:review_edit", args=[pid, plan.pk, review.pk]),
    ):
        assert_only(login, personas, url, MANAGERS)


def test_another_pupils_record_under_this_pupil_is_not_found(pupil, records, senco, login):
    request, plan, review = records
    client = login(senco)
    assert client.get(reverse("statutory:request_edit", args=[pupil.pk, request.pk])).status_code == 404
    assert client.get(reverse("statutory:plan_edit", args=[pupil.pk, plan.pk])).status_code == 404
    assert client.get(reverse("statutory:review_edit", args=[pupil.pk, plan.pk, review.pk])).status_code == 404


def test_the_pupil_page_links_to_the_ehc_page_for_staff_only(pupil, senco, parent, login):
    url = reverse("statutory:pupil", args=[pupil.pk])
    assert url in login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert url not in login(parent).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()


def test_the_senco_records_a_request_a_plan_and_a_review_and_each_is_audited(other_pupil, senco, login):
    client = login(senco)
    pid = other_pupil.pk
    response = client.post(
        reverse("statutory:request_add", args=[pid]),
        {"requested_on": "2024-01-10", "requested_by": "school", "outcome": "agreed", "outcome_on": "2024-02-20"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("statutory:plan_add", args=[pid]), {"issued_on": "2024-06-01", "next_transfer_on": "2027-09-01"}
    )
    assert response.status_code == 302
    plan = EHCPlan.objects.get(pupil=other_pupil)
    response = client.post(
        reverse("statutory:review_add", args=[pid, plan.pk]),
        {
            "meeting_on": "2025-05-20",
            "invitations_sent_on": "2025-05-01",
            "advice_circulated_on": "2025-05-02",
            "held": "on",
        },
    )
    assert response.status_code == 302
    assert AnnualReview.objects.get(plan=plan).held
    page = client.get(reverse("statutory:pupil", args=[pid])).content.decode()
    main = page[page.index("<main") :]
    assert "The local authority agreed to assess" in main, main[:3000]
    assert "1 September 2027" in main
    for model in ("ehc", "annual"):
        assert AuditEvent.objects.filter(pupil_id=pid, object_type__icontains=model).exists(), model
    assert AuditEvent.objects.filter(pupil_id=pid, action="viewed").exists()


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        (
            "request_add",
            {"requested_on": "", "requested_by": "school", "outcome": "pending"},
            "Enter the date of the request",
        ),
        (
            "request_add",
            {"requested_on": "2024-03-01", "requested_by": "school", "outcome": "refused"},
            "Enter the date of the local authority&#x27;s decision",
        ),
        (
            "request_add",
            {"requested_on": "2024-03-01", "requested_by": "school", "outcome": "refused", "outcome_on": "2024-02-01"},
            "The decision cannot be before the request",
        ),
        ("plan_add", {"issued_on": "2099-01-01"}, "must be today"),
        (
            "plan_add",
            {"issued_on": "2024-06-01", "next_transfer_to_post16": "on"},
            "Enter the date of the move to post-16",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(other_pupil, senco, login, url_name, data, message):
    response = login(senco).post(reverse(f"statutory:{url_name}", args=[other_pupil.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EHCRequest.objects.exists() and not EHCPlan.objects.exists()


def test_invitations_after_the_meeting_are_refused(other_pupil, records, senco, login):
    _, plan, _ = records
    response = login(senco).post(
        reverse("statutory:review_add", args=[other_pupil.pk, plan.pk]),
        {"meeting_on": "2025-06-10", "invitations_sent_on": "2025-06-11"},
    )
    assert response.status_code == 400
    assert "The invitations cannot be sent after the meeting" in response.content.decode()
    assert AnnualReview.objects.count() == 1


def test_the_to_do_list_asks_for_the_plan_then_checks_its_annual_review(school, other_pupil, senco):
    def duties() -> list[str]:
        return [i.gap.duty for i in todo_list(senco, school, today=TODAY).items if i.gap.pupil_id == other_pupil.pk]

    assert "ehc_plan_missing" in duties()
    plan = EHCPlan.objects.create(pupil=other_pupil, issued_on=date(2024, 6, 1))
    assert "annual_review_due" in duties()  # due by 1 June 2025, not held
    item = next(i for i in todo_list(senco, school, today=TODAY).items if i.gap.duty == "annual_review_due")
    assert item.link == reverse("statutory:pupil", args=[other_pupil.pk])
    AnnualReview.objects.create(plan=plan, pupil=other_pupil, meeting_on=date(2025, 5, 20), held=True)
    assert "annual_review_due" not in duties() and "ehc_plan_missing" not in duties()
