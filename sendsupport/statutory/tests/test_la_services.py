"""The steps of a request, recorded in order (``statutory.la.services``): bad input changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.statutory.la import services
from sendsupport.statutory.models import EHCAccess, EHCPlan, EHCRequest

RECEIVED = date(2026, 1, 5)
TODAY = date(2026, 7, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(other_pupil) -> EHCRequest:
    return EHCRequest.objects.create(pupil=other_pupil, requested_on=RECEIVED, requested_by="school")


def step(row, name, on, by, outcome=""):
    return services.record_step(ehc_request=row, step=name, by=by, on=on, outcome=outcome, today=TODAY)


def refused(row, name, on, by, outcome=""):
    before = list(EHCRequest.objects.values())
    with pytest.raises(ValidationError) as caught:
        step(row, name, on, by, outcome)
    assert list(EHCRequest.objects.values()) == before
    return caught.value.message_dict


def test_a_whole_request_from_decision_to_final_plan(request_, la_officer, senco):
    step(request_, "decision", date(2026, 2, 9), la_officer, "agreed")
    step(request_, "advice_requested", date(2026, 2, 10), la_officer)
    step(request_, "advice_sent", date(2026, 3, 10), senco)
    step(request_, "draft", date(2026, 4, 20), la_officer)
    step(request_, "representations", date(2026, 5, 4), la_officer)
    row = step(request_, "final", date(2026, 5, 20), la_officer)
    assert (row.outcome, row.outcome_on, row.final_issued_on) == ("agreed", date(2026, 2, 9), date(2026, 5, 20))
    # The final plan is the pupil's EHC plan, through the one service that records plans.
    assert list(EHCPlan.objects.filter(pupil=request_.pupil).values_list("issued_on", flat=True)) == [date(2026, 5, 20)]
    history = request_.history.order_by("history_date")
    assert {h.history_user for h in history if h.history_type == "~"} == {la_officer, senco}


def test_a_date_before_the_request_is_refused(request_, la_officer):
    errors = refused(request_, "decision", RECEIVED - timedelta(days=1), la_officer, "agreed")
    assert errors["on"] == ["The date cannot be before the request (5 January 2026)."]


def test_a_date_in_the_future_is_refused(request_, la_officer):
    errors = refused(request_, "decision", TODAY + timedelta(days=1), la_officer, "agreed")
    assert errors["on"] == ["The date must be today (1 July 2026) or in the past."]


def test_the_decision_needs_agreed_or_refused(request_, la_officer):
    assert "outcome" in refused(request_, "decision", date(2026, 2, 1), la_officer, "pending")


@pytest.mark.parametrize("name", ["advice_requested", "no_plan", "draft", "final"])
def test_no_later_step_comes_before_the_decision_to_assess(request_, la_officer, name):
    errors = refused(request_, name, date(2026, 2, 1), la_officer)
    assert errors["on"] == ["Record the decision to assess first: this step comes after it."]


def test_after_a_refusal_to_assess_no_plan_step_follows(request_, la_officer):
    step(request_, "decision", date(2026, 2, 9), la_officer, "refused")
    assert "after it" in refused(request_, "draft", date(2026, 3, 1), la_officer)["on"][0]


def test_a_step_is_recorded_once(request_, la_officer):
    step(request_, "decision", date(2026, 2, 9), la_officer, "agreed")
    assert "already recorded" in refused(request_, "decision", date(2026, 2, 10), la_officer, "refused")["on"][0]


def test_the_advice_is_sent_after_it_was_asked_for(request_, la_officer, senco):
    step(request_, "decision", date(2026, 2, 9), la_officer, "agreed")
    assert "asked for the school's advice first" in refused(request_, "advice_sent", date(2026, 3, 1), senco)["on"][0]
    step(request_, "advice_requested", date(2026, 2, 20), la_officer)
    errors = refused(request_, "advice_sent", date(2026, 2, 19), senco)
    assert errors["on"] == ["The advice cannot be sent before it was asked for (20 February 2026)."]


def test_representations_end_no_earlier_than_the_fifteenth_day(request_, la_officer):
    step(request_, "decision", date(2026, 2, 9), la_officer, "agreed")
    step(request_, "draft", date(2026, 4, 1), la_officer)
    errors = refused(request_, "representations", date(2026, 4, 14), la_officer)
    assert errors["on"] == [
        "Parents have at least 15 days from the draft (1 April 2026) for representations: the earliest they can "
        "end is 15 April 2026."
    ]
    step(request_, "representations", date(2026, 4, 15), la_officer)


def test_the_final_plan_follows_the_representations(request_, la_officer):
    step(request_, "decision", date(2026, 2, 9), la_officer, "agreed")
    step(request_, "draft", date(2026, 4, 1), la_officer)
    assert "end of representations" in refused(request_, "final", date(2026, 4, 20), la_officer)["on"][0]
    assert not EHCPlan.objects.exists()


def test_a_decision_not_to_issue_closes_the_way_to_a_plan(request_, la_officer):
    step(request_, "decision", date(2026, 2, 9), la_officer, "agreed")
    step(request_, "no_plan", date(2026, 4, 20), la_officer)
    assert "no plan follows it" in refused(request_, "draft", date(2026, 4, 21), la_officer)["on"][0]


def test_an_exception_needs_a_note(request_, la_officer):
    with pytest.raises(ValidationError) as caught:
        services.record_exception(ehc_request=request_, by=la_officer, exception="personal", note=" ")
    assert "exception_note" in caught.value.message_dict
    request_.refresh_from_db()
    assert request_.exception == ""
    services.record_exception(ehc_request=request_, by=la_officer, exception="personal", note="Bereavement.")
    request_.refresh_from_db()
    assert (request_.exception, request_.exception_note) == ("personal", "Bereavement.")


def test_access_goes_only_to_an_officer_of_the_schools_own_authority(request_, senco, teacher, la_officer):
    from conftest import make_user
    from sendsupport.schools.models import LocalAuthority, LocalAuthorityMembership

    elsewhere = make_user("elsewhere")
    other = LocalAuthority.objects.create(number="802", name="Somewhere Else")
    LocalAuthorityMembership.objects.create(user=elsewhere, local_authority=other)
    for person in (teacher, elsewhere):
        with pytest.raises(ValidationError) as caught:
            services.grant_access(ehc_request=request_, officer=person, by=senco)
        assert caught.value.message_dict["officer"] == ["Choose an officer of Bristol, City of."]
    grant = services.grant_access(ehc_request=request_, officer=la_officer, by=senco)
    with pytest.raises(ValidationError):
        services.grant_access(ehc_request=request_, officer=la_officer, by=senco)
    services.revoke_access(access=grant, by=senco)
    assert EHCAccess.objects.get().revoked_by == senco
    # The grant and its end are in the pupil's audit log.
    assert AuditEvent.objects.filter(pupil=request_.pupil, object_type__contains="local authority").count() == 2


def test_a_step_out_of_order_on_the_page_is_a_400_naming_the_field(request_, la_officer, senco, login):
    EHCAccess.objects.create(request=request_, user=la_officer, granted_by=senco)
    client = login(la_officer)
    response = client.post(reverse("ehc:la_step", args=[request_.pk, "draft"]), {"on": "2026-03-01"})
    assert response.status_code == 400
    assert "Record the decision to assess first" in response.content.decode()
    url = reverse("ehc:la_step", args=[request_.pk, "decision"])
    response = client.post(url, {"on": "2026-01-01", "outcome": "agreed"})
    assert response.status_code == 400
    assert "The date cannot be before the request (5 January 2026)." in response.content.decode()
    response = client.post(url, {"on": "2026-02-01"})
    assert response.status_code == 400
    assert "Choose whether the local authority agreed to assess or refused." in response.content.decode()
    request_.refresh_from_db()
    assert request_.outcome == "pending"


def test_revoked_access_shows_nothing(request_, la_officer, senco, login):
    grant = EHCAccess.objects.create(request=request_, user=la_officer, granted_by=senco)
    client = login(la_officer)
    assert client.get(reverse("ehc:la_request", args=[request_.pk])).status_code == 200
    services.revoke_access(access=grant, by=senco)
    assert client.get(reverse("ehc:la_request", args=[request_.pk])).status_code == 404
    assert request_.pupil.display_name not in client.get(reverse("ehc:la_requests")).content.decode()


@pytest.mark.django_db
def test_the_old_form_cannot_reset_a_decision_that_later_steps_hang_on(senco, la_request):
    from sendsupport.statutory.services import save_request

    decided = la_request.requested_on + timedelta(days=10)
    EHCRequest.objects.filter(pk=la_request.pk).update(
        outcome="agreed", outcome_on=decided, advice_requested_on=decided + timedelta(days=1)
    )
    la_request.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        save_request(
            pupil=la_request.pupil,
            by=senco,
            request=la_request,
            requested_on=la_request.requested_on,
            requested_by="school",
            outcome="pending",
        )
    assert "later steps are recorded" in str(refused.value)
    la_request.refresh_from_db()
    assert la_request.outcome == "agreed" and la_request.outcome_on == decided
    # Its notes can still be corrected.
    save_request(
        pupil=la_request.pupil,
        by=senco,
        request=la_request,
        requested_on=la_request.requested_on,
        requested_by="school",
        outcome="agreed",
        outcome_on=decided,
        notes="Corrected note",
    )
    la_request.refresh_from_db()
    assert la_request.notes == "Corrected note"
