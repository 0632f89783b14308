"""The report for governors: the figures a governing body checks its best-endeavours duty against,
counted the way the to-do list counts them, with small numbers withheld, for the year chosen."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.provision.models import FundingAllocation
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.services import change_sen_status
from sendsupport.staff import governors
from sendsupport.statutory.models import AnnualReview, EHCPlan
from sendsupport.support.choices import CycleStatus, NextStep, PlanStatus
from sendsupport.support.models import Cycle, Plan, Review

pytestmark = pytest.mark.django_db

YEAR_END = date(2026, 8, 31)  # the report for 2025 to 2026, as at its last day


def _cycle(pupil, *, number=1, review_date, reviewed_on=None, parents_attended=False, closed=False):
    cycle = Cycle.objects.create(
        pupil=pupil,
        number=number,
        opened_on=date(2025, 9, 1),
        status=CycleStatus.CLOSED if closed else CycleStatus.OPEN,
        closed_on=reviewed_on if closed else None,
    )
    plan = Plan.objects.create(
        cycle=cycle,
        pupil=pupil,
        review_date=review_date,
        status=PlanStatus.AGREED,
        created_on=date(2025, 9, 10),
        agreed_on=date(2025, 9, 12),
    )
    if reviewed_on:
        Review.objects.create(
            cycle=cycle,
            plan=plan,
            pupil=pupil,
            held_on=reviewed_on,
            expected_progress=True,
            attendees="Class teacher, SENCO",
            parents_attended=parents_attended,
            next_step=NextStep.CONTINUE,
        )
    return plan


@pytest.fixture
def year_of_records(school):
    """2025 to 2026: three SEN support plans due for review (on time, late, never reviewed), one
    pupil whose parents came to three review meetings, and three EHC plans whose annual reviews
    fell due (held on time, held late, not held)."""
    on_time, late, missing = (make_pupil(school, provision="K", needs=[("SLCN", 1)]) for _ in range(3))
    _cycle(on_time, review_date=date(2025, 12, 1), reviewed_on=date(2025, 11, 28), closed=True)
    _cycle(late, review_date=date(2026, 2, 1), reviewed_on=date(2026, 3, 2), closed=True)
    _cycle(missing, review_date=date(2026, 3, 1))
    met = make_pupil(school, provision="K", needs=[("SPLD", 1)])
    for number, day in enumerate([date(2025, 10, 1), date(2026, 2, 1), date(2026, 6, 1)], start=1):
        _cycle(met, number=number, review_date=day, reviewed_on=day, parents_attended=True, closed=True)
    plans = []
    for issued in (date(2024, 10, 1), date(2024, 11, 1), date(2024, 12, 1)):
        pupil = make_pupil(school, provision="E", needs=[("ASD", 1)])
        plans.append(EHCPlan.objects.create(pupil=pupil, issued_on=issued))
    AnnualReview.objects.create(plan=plans[0], pupil=plans[0].pupil, meeting_on=date(2025, 9, 20), held=True)
    AnnualReview.objects.create(plan=plans[1], pupil=plans[1].pupil, meeting_on=date(2025, 12, 1), held=True)
    FundingAllocation.objects.create(school=school, start_year=2025, notional_sen_pence=4_500_000, imf_pence=1_200_000)


def _figures(shown) -> tuple:
    return tuple(
        None if figure.withheld else figure.value for figure in (shown.due, shown.on_time, shown.late, shown.not_yet)
    )


def test_reviews_are_on_time_late_or_missing_as_the_to_do_list_judges_them(year_of_records, school, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1  # nothing withheld: the counts themselves are right
    section = governors.timeliness_section(school, today=YEAR_END)
    # The three plans above, plus the parents' pupil's three reviews, each held on its review date.
    assert _figures(section["support_reviews"]) == (6, 4, 1, 1)
    assert _figures(section["annual_reviews"]) == (3, 1, 1, 1)
    # Seven pupils on the register; only the one whose parents came to three reviews met them three times.
    assert _figures(section["meetings"]) == (7, 1, 0, 6)


def test_small_counts_are_withheld_with_whatever_would_give_them_away(year_of_records, school):
    section = governors.timeliness_section(school, today=YEAR_END)
    # Due 3, on time 1, late 1, not held 1: every figure is under 5.
    assert _figures(section["annual_reviews"]) == (None, None, None, None)
    meetings = _figures(section["meetings"])
    assert meetings[1] is None, "one pupil met their parents often enough: fewer than 5"
    assert meetings[3] is None, "withheld too: with the total shown it would give the 1 away"


def test_a_governor_reads_the_report_for_an_earlier_year(year_of_records, governor, login):
    response = login(governor).get(reverse("schools:governors_report"), {"year": 2025})
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert response.status_code == 200
    assert "Report for governors: 2025 to 2026" in text
    assert "Notional SEN budget £45,000.00" in text
    assert "Inclusive Mainstream Fund £12,000.00" in text
    assert "Meetings and reviews held on time" in text
    assert "A count of fewer than 5 is withheld" in text
    assert "The register as it stood on 31 August 2026" in text


def test_an_earlier_years_register_is_read_from_the_history(school, settings):
    settings.SMALL_NUMBER_THRESHOLD = 1
    stayed = make_pupil(school, provision="K", needs=[("SLCN", 1)])
    make_pupil(school, provision="E", needs=[("ASD", 1)])
    later_plan = make_pupil(school, provision="K", needs=[("SPLD", 1)])
    left = make_pupil(school, provision="K", needs=[("SEMH", 1)])
    Pupil.objects.filter(pk=left.pk).update(on_roll_until=date(2026, 7, 1))
    # After the year ended: one pupil's EHC plan arrived, and another came off the register.
    change_sen_status(
        pupil=later_plan, provision="E", needs=[("SPLD", 1)], start_date=date(2026, 10, 1), reason="Plan", by=None
    )
    change_sen_status(pupil=stayed, provision="N", needs=[], start_date=date(2026, 10, 1), reason="Met", by=None)

    figures = governors.register_as_at(school, YEAR_END)

    assert (figures.on_roll.value, figures.sen_support.value, figures.ehc_plan.value) == (3, 2, 1)
    areas = {label: shown.value for _, label, shown in figures.by_area}
    assert areas["Communication and interaction"] == 2, "SLCN and ASD"
    assert areas["Cognition and learning"] == 1 and areas["Social, emotional and mental health"] == 0


def test_this_year_is_the_default_and_shows_the_register(year_of_records, governor, login):
    response = login(governor).get(reverse("schools:governors_report"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    this_year = governors.this_year()
    assert f"Report for governors: {this_year} to {this_year + 1}" in text
    assert "Pupils on roll 7" in text
    assert "On SEN support (K) withheld" in text and "With an EHC plan (E) withheld" in text, "4 and 3"
    assert "Not recorded for this year" in text


def test_a_year_not_offered_is_refused_with_a_message(year_of_records, governor, login):
    for value in ("1999", "next", "2025abc"):
        response = login(governor).get(reverse("schools:governors_report"), {"year": value})
        assert response.status_code == 400
        assert "School year: choose one of the years listed" in response.content.decode()


def test_the_pdf_has_the_sections_and_is_logged_as_an_export(year_of_records, governor, login, school):
    from io import BytesIO

    response = login(governor).get(reverse("schools:governors_report_pdf"), {"year": 2025})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report-for-governors-2025-2026.pdf"'
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Report for governors: 2025 to 2026" in text
    assert "Provision and spending" in text and "Meetings and reviews held on time" in text
    assert "Page 1 of" in text and "Oakfield Primary School: report for governors, 2025 to 2026" in text
    event = AuditEvent.objects.get(action="exported")
    assert event.pupil is None and event.school_id == school.pk and "governors" in event.summary


def test_other_apps_add_sections_through_the_setting(year_of_records, governor, login, settings):
    settings.GOVERNOR_REPORT_SECTIONS = [
        *settings.GOVERNOR_REPORT_SECTIONS,
        "sendsupport.staff.tests.test_governors_report.extra_section",
        "sendsupport.staff.tests.test_governors_report.empty_section",
    ]
    html = login(governor).get(reverse("schools:governors_report")).content.decode()
    assert '<a class="govuk-link" href="#extra">Inclusion decisions</a>' in html
    assert '<h2 class="govuk-heading-m" id="extra">Inclusion decisions</h2>' in html
    assert "as it stood on" in html, "the section's own context ({current: False}) is used"


def extra_section(school, *, today):
    # Any template with the contract's heading does: the register's, told it is an earlier year.
    return {
        "template": "schools/governors/register.html",
        "title": "Inclusion decisions",
        "id": "extra",
        "current": False,
    }


def empty_section(school, *, today):
    return {}


def test_a_section_with_only_a_template_still_shows(year_of_records, governor, login, settings):
    settings.GOVERNOR_REPORT_SECTIONS = ["sendsupport.staff.tests.test_governors_report.bare_section"]
    html = login(governor).get(reverse("schools:governors_report")).content.decode()
    assert "The register as it stood on" in html


def bare_section(school, *, today):
    return {"template": "schools/governors/register.html", "current": False}


@pytest.mark.parametrize("rows", [1, 6])
def test_the_report_reads_in_the_same_number_of_queries_however_many_records(
    rows, school, governor, login, django_assert_num_queries
):
    for index in range(rows):
        pupil = make_pupil(school, provision="K", needs=[("SLCN", 1)])
        _cycle(pupil, review_date=date(2025, 12, 1), reviewed_on=date(2025, 11, 28 - index), parents_attended=True)
        plan = EHCPlan.objects.create(
            pupil=make_pupil(school, provision="E", needs=[("ASD", 1)]), issued_on=date(2024, 10, 1)
        )
        AnnualReview.objects.create(plan=plan, pupil=plan.pupil, meeting_on=date(2025, 9, 20), held=True)
    client = login(governor)
    client.get(reverse("schools:governors_report"), {"year": 2025})  # warm the session and the per-request memos
    with django_assert_num_queries(QUERIES):
        assert client.get(reverse("schools:governors_report"), {"year": 2025}).status_code == 200


# +1 the EHC requests section, +1 the inclusion decisions section (one query each, whatever the numbers).
# -1: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1: the session is read with its user, in one query (accounts.sessions).
QUERIES = (
    23  # -2 the identity reads; -9: the school's costs, asked for by two sections, are worked out once (remembered)
)
