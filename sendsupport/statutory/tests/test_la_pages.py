"""The pages of the LA side: the officer's list (order, query count), the request page, the parent's
timeline on the portal, and the governors' report section."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.core.dates import today
from sendsupport.statutory.governors import ehc_requests_section
from sendsupport.statutory.models import EHCAccess, EHCRequest

pytestmark = pytest.mark.django_db


def shared(pupil, officer, by, *, days_ago: int, **fields) -> EHCRequest:
    row = EHCRequest.objects.create(
        pupil=pupil, requested_on=today() - timedelta(days=days_ago), requested_by="school", **fields
    )
    EHCAccess.objects.create(request=row, user=officer, granted_by=by)
    return row


def test_the_home_page_and_menu_lead_the_officer_to_their_requests(la_officer, login):
    html = login(la_officer).get(reverse("home")).content.decode()
    assert html.count(reverse("ehc:la_requests")) == 2  # the menu and the home page


def test_the_list_puts_overdue_steps_first_then_the_soonest_due(pupil, other_pupil, la_officer, senco, login):
    soon = shared(pupil, la_officer, senco, days_ago=40)  # decision due in 2 days
    late = shared(other_pupil, la_officer, senco, days_ago=50)  # decision 8 days overdue
    html = login(la_officer).get(reverse("ehc:la_requests")).content.decode()
    assert html.index(reverse("ehc:la_request", args=[late.pk])) < html.index(reverse("ehc:la_request", args=[soon.pk]))
    assert "Overdue" in html and "Decision whether to assess" in html


# The session with its user (one query: accounts.sessions), the menu's roles, schools and LA check (one
# query: accounts.access), the requests with their pupils and schools (one query), and the audit entries
# for every child shown (one statement).
LIST_QUERIES = 4


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_query_count_is_fixed(count, school, la_officer, senco, login, django_assert_num_queries):
    for n in range(count):
        pupil = make_pupil(school, first=f"Child{n}", last="Example")
        shared(pupil, la_officer, senco, days_ago=10 + n)
    client = login(la_officer)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("ehc:la_requests"))
    assert response.status_code == 200
    assert response.content.decode().count(" Example<") == count


def test_the_request_page_shows_the_clocks_and_only_the_steps_that_are_next(other_pupil, la_officer, senco, login):
    row = shared(other_pupil, la_officer, senco, days_ago=20)
    html = login(la_officer).get(reverse("ehc:la_request", args=[row.pk])).content.decode()
    assert "Ben Ward" in html and "Statutory clocks" in html
    assert reverse("ehc:la_step", args=[row.pk, "decision"]) in html
    assert reverse("ehc:la_step", args=[row.pk, "draft"]) not in html
    assert "Who at the local authority" not in html  # the school's part of the page


def test_the_senco_gives_access_from_the_request_page(pupil, la_officer, senco, login):
    row = EHCRequest.objects.create(pupil=pupil, requested_on=today() - timedelta(days=3), requested_by="parent")
    client = login(senco)
    page = client.get(reverse("statutory:pupil", args=[pupil.pk])).content.decode()
    assert reverse("ehc:request", args=[pupil.pk, row.pk]) in page
    html = client.get(reverse("ehc:request", args=[pupil.pk, row.pk])).content.decode()
    assert reverse("ehc:access_grant", args=[pupil.pk, row.pk]) in html
    response = client.post(reverse("ehc:access_grant", args=[pupil.pk, row.pk]), {"officer": la_officer.pk})
    assert response.status_code == 302
    assert EHCAccess.objects.get(request=row).user == la_officer
    response = client.post(reverse("ehc:access_grant", args=[pupil.pk, row.pk]), {"officer": senco.pk})
    assert response.status_code == 400
    assert "Choose an officer of Bristol, City of." in response.content.decode()


def test_the_parent_sees_the_timeline_in_plain_english(pupil, parent, other_parent, login):
    EHCRequest.objects.create(
        pupil=pupil,
        requested_on=today() - timedelta(days=60),
        requested_by="school",
        outcome="agreed",
        outcome_on=today() - timedelta(days=30),
        advice_requested_on=today() - timedelta(days=28),
    )
    html = login(parent).get(reverse("portal:child", args=[pupil.pk])).content.decode()
    assert "EHC needs assessment" in html
    assert "the local authority agreed to carry out an EHC needs assessment." in html
    assert "The school must send its advice to the local authority by" in html
    assert "The final EHC plan must be issued by" in html


def test_the_timeline_is_not_shown_without_a_request(pupil, parent, login):
    html = login(parent).get(reverse("portal:child", args=[pupil.pk])).content.decode()
    assert 'id="ehc-assessment"' not in html


def test_the_governors_section_counts_without_names_and_withholds_small_numbers(school, pupil, other_pupil):
    day = today()
    for who in (pupil, other_pupil):
        EHCRequest.objects.create(
            pupil=who,
            requested_on=day - timedelta(days=20),
            requested_by="school",
            outcome="agreed",
            outcome_on=day - timedelta(days=5),
        )
    section = ehc_requests_section(school, today=day)
    assert section["template"] == "statutory/_governors_section.html"
    figures = section["figures"]
    assert str(figures["requests"]) == "withheld" and str(figures["decisions"]) == "withheld"
    assert str(figures["plans"]) == "0"
    assert "decisions_late" not in figures
    from django.template.loader import render_to_string

    html = render_to_string(section["template"], section)
    assert "Maya" not in html and "Ben" not in html


def test_the_governors_section_shows_counts_of_five_or_more(school):
    day = today()
    for n in range(6):
        pupil = make_pupil(school, first=f"Child{n}", last="Example")
        EHCRequest.objects.create(
            pupil=pupil,
            requested_on=day - timedelta(days=30),
            requested_by="school",
            outcome="refused",
            outcome_on=day - timedelta(days=1),
        )
    figures = ehc_requests_section(school, today=day)["figures"]
    assert (str(figures["requests"]), str(figures["decisions"]), str(figures["decisions_on_time"])) == ("6", "6", "6")


@pytest.mark.django_db
def test_the_officer_downloads_the_pack_as_it_was_sent_and_the_download_is_audited(
    client, la_officer, la_access, sent_evidence
):
    from sendsupport.audit.models import AuditEvent

    client.force_login(la_officer)
    page = client.get(reverse("ehc:la_request", args=[sent_evidence.request_id]))
    assert "download the evidence pack (PDF)" in page.content.decode()
    pdf = client.get(reverse("ehc:la_evidence_pdf", args=[sent_evidence.request_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf) == b"%PDF-1.7 frozen copy"  # the frozen copy, not the records as they are now
    data = client.get(reverse("ehc:la_evidence_json", args=[sent_evidence.request_id]))
    assert data.json() == {"pupil": {"name": "Ben"}}
    exports = AuditEvent.objects.filter(actor=la_officer, pupil=sent_evidence.pupil, action="exported")
    assert exports.count() == 2
