"""The school-level duty about its SENCO (SEND Regulations 2014 reg. 49): trigger, silence, boundaries."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendsupport.compliance.school_duties import months_before, school_items
from sendsupport.schools.models import Role, SchoolSenco, StaffMembership

pytestmark = pytest.mark.django_db

APPOINTED = date(2024, 9, 2)  # NPQ due 2 September 2027; notice from 2 March 2027


def qualified(school, senco, **fields):
    values = {
        "senco": senco,
        "qualified_teacher": True,
        "induction_completed": True,
        "appointed_on": APPOINTED,
        "npq": SchoolSenco.Npq.WORKING_TOWARDS,
    }
    values.update(fields)
    return SchoolSenco.objects.create(school=school, **values)


def codes(school, today):
    return [(item.code, item.level) for item in school_items(school, today=today)]


def test_no_senco_named_is_a_gap(school):
    assert codes(school, date(2025, 11, 20)) == [("senco_not_named", "gap")]
    SchoolSenco.objects.create(school=school)  # a record with nobody named is still a gap
    assert codes(school, date(2025, 11, 20)) == [("senco_not_named", "gap")]


def test_a_qualified_senco_working_towards_the_npq_in_time_is_silent(school, senco):
    qualified(school, senco)
    assert codes(school, date(2027, 3, 1)) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 3, 1), []),  # the day before the notice period
        (date(2027, 3, 2), [("senco_npq_due_soon", "notice")]),  # six months before
        (date(2027, 9, 2), [("senco_npq_due_soon", "notice")]),  # the due date itself
        (date(2027, 9, 3), [("senco_npq_overdue", "gap")]),  # the day after
    ],
)
def test_the_npq_notice_and_overdue_boundaries(school, senco, today, expected):
    qualified(school, senco)
    assert codes(school, today) == expected


def test_a_held_or_not_required_npq_is_silent_even_years_later(school, senco):
    record = qualified(school, senco, npq=SchoolSenco.Npq.HELD, npq_achieved_on=date(2026, 7, 1))
    assert codes(school, date(2030, 1, 1)) == []
    record.npq, record.npq_achieved_on = SchoolSenco.Npq.NOT_REQUIRED, None
    record.save()
    assert codes(school, date(2030, 1, 1)) == []


def test_missing_qualification_details_are_gaps(school, senco):
    qualified(school, senco, qualified_teacher=False, induction_completed=False, npq="")
    assert codes(school, date(2025, 11, 20)) == [
        ("senco_qts", "gap"),
        ("senco_induction", "gap"),
        ("senco_npq_missing", "gap"),
    ]


def test_no_appointment_date_means_the_npq_date_is_unknown(school, senco):
    qualified(school, senco, appointed_on=None)
    assert codes(school, date(2025, 11, 20)) == [("senco_appointed_missing", "gap")]


def test_the_head_as_senco_needs_no_qualified_teacher_status_record(school, head):
    qualified(school, head, qualified_teacher=False, induction_completed=False)
    assert codes(school, date(2025, 11, 20)) == []
    StaffMembership.objects.filter(user=head, role=Role.HEAD).update(active=False)
    StaffMembership.objects.create(user=head, school=school, role=Role.TEACHER)
    assert [code for code, _ in codes(school, date(2025, 11, 20))] == ["senco_qts", "senco_induction"]


def test_the_years_and_notice_are_set_figures(school, senco, settings):
    qualified(school, senco)
    settings.SENDSUPPORT = {**settings.SENDSUPPORT, "SENCO_NPQ_YEARS": 2, "SENCO_NPQ_NOTICE_MONTHS": 1}
    assert codes(school, date(2026, 8, 1)) == []
    assert codes(school, date(2026, 8, 2)) == [("senco_npq_due_soon", "notice")]
    assert codes(school, date(2026, 9, 3)) == [("senco_npq_overdue", "gap")]


def test_months_before_keeps_to_the_end_of_short_months():
    assert months_before(date(2027, 8, 31), 6) == date(2027, 2, 28)
    assert months_before(date(2027, 3, 2), 6) == date(2026, 9, 2)


def test_the_to_do_list_and_home_page_show_the_gap_and_link_to_the_senco_page(senco, head, login):
    for user in (senco, head):
        client = login(user)
        for page in (reverse("compliance:todo"), reverse("home")):
            content = client.get(page).content.decode()
            assert "No SENCO is named for the school" in content
            assert f'href="{reverse("schools:senco")}"' in content


def test_teachers_do_not_see_the_schools_gap(teacher, login):
    assert "No SENCO is named" not in login(teacher).get(reverse("home")).content.decode()
