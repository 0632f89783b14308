"""The SEN2 requests and assessments modules (``statutory.sen2``): the XML parsed back, and its check."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from lxml import etree

from sendsupport.audit.models import AuditEvent
from sendsupport.statutory import sen2
from sendsupport.statutory.models import EHCAccess, EHCRequest

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(pupil, other_pupil):
    """Maya: a parent's request still waiting. Ben: assessed, plan issued late with an exception recorded,
    and an earlier refused request."""
    return [
        EHCRequest.objects.create(pupil=pupil, requested_on=date(2026, 11, 2), requested_by="parent"),
        EHCRequest.objects.create(
            pupil=other_pupil,
            requested_on=date(2025, 3, 3),
            requested_by="school",
            outcome="refused",
            outcome_on=date(2025, 4, 10),
        ),
        EHCRequest.objects.create(
            pupil=other_pupil,
            requested_on=date(2026, 1, 5),
            requested_by="school",
            outcome="agreed",
            outcome_on=date(2026, 2, 9),
            draft_issued_on=date(2026, 5, 1),
            representations_end_on=date(2026, 5, 15),
            final_issued_on=date(2026, 6, 1),  # 21 weeks after the request
            exception="away",
            exception_note="Abroad for six weeks in March and April.",
        ),
    ]


def parse(body: bytes) -> etree._Element:
    return etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))


def test_the_file_has_the_header_and_one_person_per_child_with_their_requests(requests, la):
    root = parse(sen2.export(requests, authority=la, today=TODAY))
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
    assert root.findtext("Header/Source/LEA") == "801"
    assert root.findtext("Header/Source/SourceLevel") == "L"
    persons = root.findall("Persons/Person")
    assert [p.findtext("Forename") for p in persons] == ["Maya", "Ben"]
    maya, ben = persons
    assert maya.findtext("UPN") == requests[0].pupil.upn
    [waiting] = maya.findall("Requests")
    assert waiting.findtext("ReceivedDate") == "2026-11-02"
    assert waiting.findtext("RequestSource") == "1"
    assert waiting.find("RequestOutcome") is None and waiting.find("Assessment") is None
    refused, assessed = ben.findall("Requests")
    assert (refused.findtext("RequestOutcome"), refused.findtext("RequestOutcomeDate")) == ("B", "2025-04-10")
    assert refused.find("Assessment") is None
    assert assessed.findtext("RequestSource") == "2"
    assert (assessed.findtext("RequestOutcome"), assessed.findtext("RequestOutcomeDate")) == ("A", "2026-02-09")
    assessment = assessed.find("Assessment")
    assert assessment.findtext("AssessmentOutcome") == "Y"
    assert assessment.findtext("AssessmentOutcomeDate") == "2026-06-01"
    assert assessment.findtext("Week20") == "1"  # issued after 20 weeks, an exception applies


def test_a_decision_not_to_issue_is_outcome_N_without_the_20_week_flag(other_pupil, la):
    row = EHCRequest.objects.create(
        pupil=other_pupil,
        requested_on=date(2026, 1, 5),
        requested_by="parent",
        outcome="agreed",
        outcome_on=date(2026, 2, 9),
        no_plan_on=date(2026, 4, 20),
    )
    assessment = parse(sen2.export([row], authority=la, today=TODAY)).find("Persons/Person/Requests/Assessment")
    assert assessment.findtext("AssessmentOutcome") == "N"
    assert assessment.find("Week20") is None


def test_the_check_lists_problems_by_row_and_field(requests):
    late = requests[2]
    late.exception = ""
    late.save()
    problems = sen2.validate(requests, today=TODAY)
    assert [(p.row, p.field) for p in problems] == [(1, "RequestOutcome"), (2, "Week20")]
    assert problems[1].request_id == late.pk
    assert "after 20 weeks and no exception" in problems[1].message


def test_the_officer_downloads_only_what_they_hold_and_each_child_is_logged(requests, la_officer, senco, login):
    EHCAccess.objects.create(request=requests[2], user=la_officer, granted_by=senco)
    response = login(la_officer).get(reverse("ehc:la_sen2"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="SEN2_801_')
    root = parse(response.content)
    assert [p.findtext("Forename") for p in root.findall("Persons/Person")] == ["Ben"]
    assert len(root.findall("Persons/Person/Requests")) == 1  # not the earlier request the school kept
    assert AuditEvent.objects.filter(action="exported", pupil=requests[2].pupil, actor=la_officer).count() == 1


def test_the_check_page_shows_the_problems(requests, la_officer, senco, login):
    requests[2].exception = ""
    requests[2].save()
    EHCAccess.objects.create(request=requests[2], user=la_officer, granted_by=senco)
    html = login(la_officer).get(reverse("ehc:la_sen2_check")).content.decode()
    assert "Week20" in html and "after 20 weeks and no exception is recorded" in html
