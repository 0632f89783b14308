"""An annual review's advice and its report to the local authority: recording them, bad input, the
report as a page and a PDF, and the audit of both."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY
from sendsupport.audit.models import AuditEvent
from sendsupport.statutory import services
from sendsupport.statutory.models import AdviceRequest, AnnualReview, OutcomeProgress

pytestmark = pytest.mark.django_db


def _review_url(name, review, *extra):
    return reverse(f"statutory:{name}", args=[review.pupil_id, review.plan_id, review.pk, *extra])


def test_advice_is_recorded_and_shown_on_the_review_page(annual_review, senco, login):
    client = login(senco)
    response = client.post(
        _review_url("advice_add", annual_review), {"source": "ep", "asked_on": "2025-04-01", "received_on": ""}
    )
    assert response.status_code == 302
    advice = AdviceRequest.objects.get()
    assert (advice.source, advice.received_on, advice.pupil_id) == ("ep", None, annual_review.pupil_id)
    page = client.get(_review_url("review", annual_review)).content.decode()
    assert "Educational psychologist" in page and "1 April 2025" in page and "Not yet" in page


def test_advice_received_before_it_was_asked_for_is_refused(annual_review, senco, login):
    response = login(senco).post(
        _review_url("advice_add", annual_review),
        {"source": "health", "asked_on": "2025-04-10", "received_on": "2025-04-01"},
    )
    assert response.status_code == 400
    assert "The advice cannot arrive before it was asked for (10/04/2025)." in response.content.decode()
    assert not AdviceRequest.objects.exists()


def test_advice_from_the_future_is_refused(annual_review, senco):
    with pytest.raises(ValidationError) as error:
        services.save_advice_request(
            review=annual_review, by=senco, source="parent", asked_on=date(2025, 12, 1), today=TODAY
        )
    assert "asked_on" in error.value.message_dict


def test_the_report_records_views_progress_towards_each_outcome_and_the_recommendation(
    annual_review, plan_outcome, senco, login
):
    response = login(senco).post(
        _review_url("review_report", annual_review),
        {
            "pupil_views": "I like my new table.",
            "parent_views": "Happier.",
            f"progress_{plan_outcome.pk}": "Asks for help most days.",
            "recommendation": "amend",
            "report_sent_on": "2025-05-30",
        },
    )
    assert response.status_code == 302
    annual_review.refresh_from_db()
    assert (annual_review.recommendation, annual_review.report_sent_on) == ("amend", date(2025, 5, 30))
    assert OutcomeProgress.objects.get().progress == "Asks for help most days."
    assert annual_review.history.first().history_user == senco


def test_a_report_needs_a_recommendation(annual_review, plan_outcome, senco, login):
    response = login(senco).post(_review_url("review_report", annual_review), {"pupil_views": "Fine"})
    assert response.status_code == 400
    assert "Choose whether to keep the plan as it is, amend it or cease it." in response.content.decode()
    annual_review.refresh_from_db()
    assert annual_review.pupil_views == "" and not OutcomeProgress.objects.exists()


def test_a_meeting_not_yet_held_has_no_report(ehc_plan, senco):
    review = AnnualReview.objects.create(plan=ehc_plan, pupil=ehc_plan.pupil, meeting_on=date(2025, 12, 10))
    with pytest.raises(ValidationError) as error:
        services.save_review_report(
            review=review, by=senco, pupil_views="", parent_views="", recommendation="keep", progress={}, today=TODAY
        )
    assert "held" in error.value.messages[0]


def test_a_report_sent_before_the_meeting_is_refused(annual_review, senco):
    with pytest.raises(ValidationError) as error:
        services.save_review_report(
            review=annual_review,
            by=senco,
            pupil_views="",
            parent_views="",
            recommendation="keep",
            progress={},
            report_sent_on=date(2025, 5, 1),
            today=TODAY,
        )
    assert "report_sent_on" in error.value.message_dict


def test_the_report_page_and_pdf(reported_review, plan_outcome, senco, login):
    client = login(senco)
    page = client.get(_review_url("review", reported_review)).content.decode()
    assert "Keep the plan as it is" in page and "Asks for help most days." in page
    assert "Sent to the local authority on 30 May 2025" in page
    response = client.get(_review_url("review_report_pdf", reported_review))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "annual-review-2025-05-20-ben-ward.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(pupil=reported_review.pupil, action="exported").exists()


def test_the_ehc_page_leads_to_the_review_with_its_advice_and_report_state(annual_review, advice, senco, login):
    page = login(senco).get(reverse("statutory:pupil", args=[annual_review.pupil_id])).content.decode()
    assert _review_url("review", annual_review) in page
    assert "0 of 1" in page and "Not written" in page
