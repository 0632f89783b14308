"""The to-do list one line per pupil: filtered by duty and by basis in law, paged, in a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.compliance.basis import STANDINGS, Basis, standing_of
from sendsupport.compliance.engine import TodoFilters, all_duties, most_urgent, todo_list
from sendsupport.compliance.tests.test_todo_list import TO_DO_LIST_QUERIES, _school_with
from sendsupport.compliance.views import TODO_PAGE_SIZE
from sendsupport.support import services
from sendsupport.support.models import ParentNotification

pytestmark = pytest.mark.django_db


def test_one_line_per_pupil_with_all_their_gaps(senco, school, pupil):
    todo = todo_list(senco, school, today=TODAY)
    [line] = todo.lines
    assert line.pupil_id == pupil.pk
    # Parents not told (the law) first, then the Code's "should"s. (No meeting is due yet on
    # 20 November: meetings with parents fall due pro rata as each term ends.)
    assert [item.gap.duty for item in line.items] == ["parent_not_notified", "plan_not_agreed"]
    assert len(todo.items) == 2


def test_each_gap_carries_its_basis_and_source(senco, school, pupil):
    [line] = todo_list(senco, school, today=TODAY).lines
    standing = {item.gap.duty: item.standing for item in line.items}
    assert standing["parent_not_notified"].basis is Basis.STATUTE
    assert standing["parent_not_notified"].source == "CFA 2014 s.68"
    assert standing["plan_not_agreed"].basis is Basis.CODE_SHOULD
    assert standing["plan_not_agreed"].source == "CoP 6.48"


def test_every_duty_has_its_basis_in_law():
    """A duty missing from the registry would be shown as good practice and sorted after the Code."""
    assert {duty.code for duty in all_duties()} <= STANDINGS.keys()
    assert standing_of("annual_review_due").basis is Basis.STATUTE
    assert standing_of("meeting_record").basis is Basis.CODE_SHOULD


def test_filter_by_duty_keeps_pupils_with_that_gap_and_shows_only_it(senco, school, pupil, class_5b):
    told = make_pupil(school, first="Ben", last="Ward", registration_group=class_5b, provision="K", needs=[("SLCN", 1)])
    ParentNotification.objects.create(pupil=told, notified_on=date(2024, 9, 2), method="letter", notified_by=senco)
    todo = todo_list(senco, school, today=TODAY, filters=TodoFilters(duty="parent_not_notified"))
    assert [line.pupil_id for line in todo.lines] == [pupil.pk]
    assert [item.gap.duty for item in todo.lines[0].items] == ["parent_not_notified"]
    # The counts by duty still count every pupil, so the summary does not change as you filter.
    assert dict((code, n) for code, _, n in todo.counts)["plan_not_agreed"] == 2


def test_filter_by_basis(senco, school, pupil):
    statutory = todo_list(senco, school, today=TODAY, filters=TodoFilters(basis=Basis.STATUTE))
    assert [item.gap.duty for item in statutory.items] == ["parent_not_notified"]
    practice = todo_list(senco, school, today=TODAY, filters=TodoFilters(basis=Basis.GOOD_PRACTICE))
    assert practice.lines == []


def test_the_page_filters_by_duty_and_basis_and_shows_the_basis(senco, pupil, login):
    client = login(senco)
    html = client.get(reverse("compliance:todo")).content.decode()
    assert "Law: must: CFA 2014 s.68" in html
    assert "Code of Practice: should: CoP 6.48" in html
    assert html.count(">Maya Evans</label>") == 1  # one line, two gaps
    html = client.get(reverse("compliance:todo"), {"basis": "good-practice"}).content.decode()
    assert "0 pupils with something to do" in html
    html = client.get(reverse("compliance:todo"), {"duty": "plan_not_agreed"}).content.decode()
    assert "1 pupil with something to do: plan not agreed" in html
    assert "Law: must" not in html.split("with something to do")[1]


def test_the_page_is_paged_25_pupils_a_page(senco, school, class_4a, login):
    for index in range(TODO_PAGE_SIZE + 3):
        make_pupil(
            school, first=f"P{index:02d}", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
        )
    client = login(senco)
    first = client.get(reverse("compliance:todo"), {"duty": "parent_not_notified"}).content.decode()
    assert "28 pupils with something to do" in first
    assert first.count('name="pupils"') == TODO_PAGE_SIZE
    assert "Page 1 of 2" in first
    assert "?duty=parent_not_notified&amp;page=2" in first
    second = client.get(reverse("compliance:todo"), {"duty": "parent_not_notified", "page": 2}).content.decode()
    assert second.count('name="pupils"') == 3
    assert "Showing 26 to 28" in second


def test_select_all_on_this_page_ticks_every_line(senco, school, class_4a, login):
    for index in range(3):
        make_pupil(
            school, first=f"P{index}", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
        )
    html = login(senco).get(reverse("compliance:todo"), {"duty": "parent_not_notified", "select": "page"}).content
    assert html.decode().count('name="pupils" type="checkbox" value=') == 3
    assert html.decode().count(" checked>") == 3


def test_statutory_first_at_equal_urgency(senco, school, pupil):
    """The pupil whose most urgent gap is in law comes before pupils with only Code or good-practice gaps."""
    other = make_pupil(school, first="Aaron", last="Able", provision="K", needs=[("SLCN", 1)])
    ParentNotification.objects.create(pupil=other, notified_on=date(2024, 9, 2), method="letter", notified_by=senco)
    assert [line.pupil_id for line in todo_list(senco, school, today=TODAY).lines] == [pupil.pk, other.pk]


def test_the_home_page_shows_a_count_per_duty_and_the_five_most_urgent(senco, school, class_4a, login):
    for index in range(7):
        make_pupil(
            school, first=f"P{index}", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
        )
    html = login(senco).get(reverse("home")).content.decode()
    assert (
        f'href="{reverse("compliance:todo")}?duty=parent_not_notified">Parents not told SEN support started</a>' in html
    )
    assert "<strong>7 pupils</strong>" in html
    assert html.count("Parents have not been told that SEN support started") == 5
    assert "See all 7 pupils with something to do" in html


@pytest.mark.parametrize("pupils", [3, 30])
def test_the_query_count_is_fixed(pupils, senco, teacher, school, class_4a, django_assert_num_queries):
    _school_with(pupils, school, class_4a, senco)
    with django_assert_num_queries(TO_DO_LIST_QUERIES):
        todo_list(senco, school, today=TODAY)


# -2: the roles, whether a parent or an LA officer and the versions are one query (accounts.access).
# -1: the session is read with its user, in one query (accounts.sessions).
PAGE_QUERIES = 48  # +1: the versions under which the page is remembered (audit.remembered_pages); the list (its records version, 13 of them for the provision duties), the filter form's year groups, groups and staff, the school items (SENCO and the SEN information report's last publication), the session with its user and the menu


@pytest.mark.parametrize("pupils", [3, 30])
def test_the_page_query_count_is_fixed(pupils, senco, teacher, school, class_4a, login, django_assert_num_queries):
    _school_with(pupils, school, class_4a, senco)
    client = login(senco)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("compliance:todo"))
    assert response.status_code == 200


def test_the_pupil_page_shows_the_pupils_gaps_with_their_basis_to_the_senco_only(senco, teacher, pupil, login):
    url = reverse("pupils:detail", args=[pupil.pk])
    html = login(senco).get(url).content.decode()
    section = html.split('id="to-do"')[1]
    assert "Law: must: CFA 2014 s.68" in section and "Code of Practice: should: CoP 6.48" in section
    assert 'id="to-do"' not in login(teacher).get(url).content.decode()


def test_the_home_page_picks_the_most_urgent_pupil_of_each_kind_first(senco, school, class_4a, teacher, login):
    for index in range(7):
        make_pupil(
            school, first=f"P{index}", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
        )
    ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
    services.raise_concern(pupil=ella, by=teacher, noticed="x", since=date(2025, 9, 1), today=TODAY)
    lines = most_urgent(todo_list(senco, school, today=TODAY).lines, 5)
    assert len(lines) == 5
    assert ella.pk in [line.pupil_id for line in lines]
    assert lines[0].first.gap.duty == "parent_not_notified"  # still in order of urgency
