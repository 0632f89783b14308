"""Preparing and sending the request: refused without the parents' involvement, nothing saved; on
success the request is recorded through ``save_request`` and the pack goes with it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.compliance.duties import Gap
from sendsupport.compliance.engine import fix_link
from sendsupport.compliance.facts import PupilFacts
from sendsupport.core import dates
from sendsupport.statutory.evidence import services
from sendsupport.statutory.models import EHCRequest, EvidencePack
from sendsupport.statutory.tests import evidence_records

TODAY = date(2025, 11, 20)
# The pack's 21 reads (test_evidence_pack), plus the session with its user (one query:
# accounts.sessions), their roles with whether a parent or an LA officer (one query: accounts.access),
# the pupil, the pack and the "viewed" audit entry: the same however long the record.
PAGE_QUERIES = 26


def _state():
    return list(EvidencePack.objects.values()), list(EHCRequest.objects.values())


def _send_url(pack):
    return reverse("ehc_evidence:send", args=[pack.pupil_id, pack.pk])


def test_it_refuses_to_send_without_the_parents_involvement(login, senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco, involved=False)
    before = _state()
    client = login(senco)

    response = client.post(_send_url(pack), {"sent_on": dates.today().isoformat()})

    assert response.status_code == 400
    assert "Record when and how the parents were involved before you send the request" in response.content.decode()
    assert _state() == before


def test_sending_records_the_schools_request_on_the_day_sent(login, senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco)
    client = login(senco)
    today = dates.today()

    response = client.post(_send_url(pack), {"sent_on": today.isoformat()})

    assert response.status_code == 302
    pack.refresh_from_db()
    request = EHCRequest.objects.get(pupil=other_pupil)
    assert (request.requested_by, request.requested_on, request.outcome) == ("school", today, "pending")
    assert pack.request == request and pack.sent_on == today
    assert pack.history.first().history_user == senco


def test_a_send_date_in_the_future_is_refused(login, senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco)
    before = _state()

    response = login(senco).post(_send_url(pack), {"sent_on": (dates.today() + timedelta(days=1)).isoformat()})

    assert response.status_code == 400
    assert "Date the request is sent: The date sent must be today" in response.content.decode()
    assert _state() == before


def test_a_sent_pack_cannot_be_changed_or_sent_again(senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco)
    services.send_pack(pack=pack, by=senco, sent_on=TODAY, today=TODAY)
    pack.refresh_from_db()

    with pytest.raises(Exception, match="can no longer be changed"):
        services.save_pack(
            pupil=other_pupil,
            by=senco,
            pack=pack,
            covering_summary="x",
            parents_involved_on=None,
            parents_involvement="",
        )
    with pytest.raises(Exception, match="can no longer be changed"):
        services.send_pack(pack=pack, by=senco, sent_on=TODAY, today=TODAY)
    assert EHCRequest.objects.count() == 1


def test_the_pack_for_a_parents_request_goes_with_it_and_makes_no_second_request(senco, other_pupil, ehc_request):
    pack = services.save_pack(
        pupil=other_pupil,
        by=senco,
        for_request=ehc_request,
        covering_summary="The school supports the parents' request.",
        parents_involved_on=date(2024, 1, 12),
        parents_involvement="Talked it through with the SENCO.",
        today=TODAY,
    )

    services.send_pack(pack=pack, by=senco, sent_on=TODAY, today=TODAY)

    assert list(EHCRequest.objects.all()) == [ehc_request]
    pack.refresh_from_db()
    assert pack.request == ehc_request and pack.sent_on == TODAY


def test_a_date_of_involvement_without_how_is_refused_naming_the_field(login, senco, other_pupil):
    before = _state()

    response = login(senco).post(
        reverse("ehc_evidence:start", args=[other_pupil.pk]),
        {"covering_summary": "Summary", "parents_involved_on": "2025-11-14", "parents_involvement": ""},
    )

    assert response.status_code == 400
    assert "How the parents were involved: Say how the parents were involved" in response.content.decode()
    assert _state() == before


def test_saving_starts_the_pack_and_starting_again_opens_it(login, senco, other_pupil):
    client = login(senco)
    start = reverse("ehc_evidence:start", args=[other_pupil.pk])

    client.post(start, {"covering_summary": "Summary", "parents_involved_on": "", "parents_involvement": ""})
    pack = EvidencePack.objects.get()

    assert client.get(start)["Location"] == reverse("ehc_evidence:pack", args=[other_pupil.pk, pack.pk])
    assert pack.prepared_by == senco and pack.history.first().history_user == senco


def test_the_pack_page_shows_the_records_and_is_audited(login, senco, pupil, teacher, ta):
    evidence_records.whole_record(pupil, senco, teacher, ta)
    pack = evidence_records.pack(pupil, senco)

    response = login(senco).get(reverse("ehc_evidence:pack", args=[pupil.pk, pack.pk]))

    page = response.content.decode()
    assert "Cycle 2" in page and "Northshire Speech and Language Therapy" in page
    assert "less than expected progress" in page
    assert AuditEvent.objects.filter(pupil=pupil, action="viewed", summary__contains="evidence pack").exists()


def test_both_downloads_are_exports_in_the_log(login, senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco)
    client = login(senco)

    pdf = client.get(reverse("ehc_evidence:pdf", args=[other_pupil.pk, pack.pk]))
    data = client.get(reverse("ehc_evidence:json", args=[other_pupil.pk, pack.pk]))

    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert data.json()["school_part"]["covering_summary"].startswith("Two cycles of SEN support")
    exports = AuditEvent.objects.filter(pupil=other_pupil, action="exported").values_list("summary", flat=True)
    assert sorted(exports) == [
        "Downloaded the EHC evidence pack as JSON",
        "Downloaded the EHC evidence pack as PDF",
    ]


def test_the_schema_is_public_and_names_no_pupil(client, other_pupil):
    response = client.get(reverse("ehc_evidence:schema"))

    assert response.status_code == 200
    assert response.json()["title"] == "EHC needs assessment evidence pack"
    assert other_pupil.legal_last_name not in response.content.decode()


def test_the_to_do_prompt_leads_to_the_evidence_pack(pupil):
    gap = Gap("consider_ehc", pupil.pk, "Consider an EHC needs assessment", urgency=3, fix="ehc_request")

    facts = PupilFacts(
        pupil_id=pupil.pk,
        name="",
        year_group="4",
        registration_group_id=None,
        group_ids=frozenset(),
        teacher_ids=frozenset(),
        provision="K",
        support_started_on=None,
    )

    assert fix_link(gap, facts) == reverse("ehc_evidence:start", args=[pupil.pk])


def test_a_change_to_a_sent_pack_is_refused_with_a_message(login, senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco)
    services.send_pack(pack=pack, by=senco, sent_on=TODAY, today=TODAY)
    before = _state()

    response = login(senco).post(
        reverse("ehc_evidence:pack", args=[other_pupil.pk, pack.pk]),
        {"covering_summary": "Changed", "parents_involved_on": "", "parents_involvement": ""},
    )

    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("many", [False, True], ids=["one of each", "many"])
def test_the_pack_page_reads_in_a_fixed_number_of_queries(
    many, login, senco, teacher, ta, pupil, django_assert_num_queries
):
    evidence_records.two_cycles_short_of_expected(pupil, senco, teacher, cycles=2 if many else 1)
    evidence_records.specialist_advice(pupil, senco)
    evidence_records.views_and_meeting(pupil, senco)
    evidence_records.phonics_group(pupil.school, pupil, ta)
    if many:
        for _ in range(3):
            evidence_records.specialist_advice(pupil, senco)
            evidence_records.views_and_meeting(pupil, senco)
        evidence_records.phonics_group(pupil.school, pupil, ta, name="Reading catch-up")
    pack = evidence_records.pack(pupil, senco)
    client = login(senco)
    url = reverse("ehc_evidence:pack", args=[pupil.pk, pack.pk])

    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url).status_code == 200


def test_sending_freezes_the_pack_as_it_went_and_later_downloads_give_that_copy(login, senco, other_pupil):
    pack = evidence_records.pack(other_pupil, senco)
    services.send_pack(pack=pack, by=senco, sent_on=TODAY, today=TODAY)
    pack.refresh_from_db()
    assert bytes(pack.sent_pdf).startswith(b"%PDF")
    assert pack.sent_json["school_part"]["covering_summary"] == pack.covering_summary
    assert pack.sent_json["school_part"]["sent_on"] == TODAY.isoformat()
    # Whatever is stored as sent is what a download gives, not the records read again.
    EvidencePack.objects.filter(pk=pack.pk).update(sent_json={**pack.sent_json, "marker": "as sent"})
    client = login(senco)
    downloaded = client.get(reverse("ehc_evidence:json", args=[other_pupil.pk, pack.pk]))
    assert downloaded.json()["marker"] == "as sent"
