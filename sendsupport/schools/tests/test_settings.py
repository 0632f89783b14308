"""The head or SENCO sets the school's term dates and the figures the to-do list checks."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.compliance.figures import school_figures
from sendsupport.core.dates import today
from sendsupport.schools.models import AcademicYear, SchoolPolicy, Term

pytestmark = pytest.mark.django_db

MANAGERS = {"senco", "head"}


def _urls() -> list[str]:
    year = AcademicYear.start_year_for(today())
    return [reverse("schools:settings"), reverse("schools:policy_edit"), reverse("schools:terms_edit", args=[year])]


def test_only_the_senco_and_head_open_the_settings_pages(personas, login):
    for url in _urls():
        for name, user in personas.items():
            status = login(user).get(url).status_code
            assert status == (200 if name in MANAGERS else 404), f"{name} on {url}: {status}"
        response = login(None).get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_settings_page_is_linked_from_the_home_page_and_the_staff_page(senco, login):
    client = login(senco)
    assert reverse("schools:settings") in client.get(reverse("home")).content.decode()
    assert reverse("schools:settings") in client.get(reverse("schools:staff")).content.decode()


def test_a_school_with_no_figures_uses_the_national_defaults(school, senco, login):
    html = login(senco).get(reverse("schools:settings")).content.decode()
    assert "Meetings with parents a year" in html
    figures = school_figures(school, date(2025, 11, 20))
    assert figures["parent_meetings_per_year"] == 3 and figures["max_review_weeks"] == 16
    assert [t.name for t in figures["terms"]] == ["autumn", "spring", "summer"]


def _policy_post(**changes) -> dict:
    data = {name: SchoolPolicy._meta.get_field(name).default for name in SchoolPolicy.FIGURES}
    data["element2_threshold_pence"] = "6,000.00"  # money is typed in pounds
    data.update(changes)
    return data


def test_the_figures_are_saved_audited_and_used(school, senco, login):
    response = login(senco).post(reverse("schools:policy_edit"), _policy_post(parent_meetings_per_year=4))
    assert response.status_code == 302
    assert SchoolPolicy.objects.get(school=school).parent_meetings_per_year == 4
    assert school_figures(school, date(2025, 11, 20))["parent_meetings_per_year"] == 4
    assert AuditEvent.objects.filter(school_id=school.pk, object_type__icontains="policy").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"parent_meetings_per_year": 0}, "must be 1 or more"),
        ({"max_review_weeks": "a term"}, "as a whole number"),
        ({"meeting_record_days": ""}, "Enter a number for"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(school, senco, login, changes, message):
    response = login(senco).post(reverse("schools:policy_edit"), _policy_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SchoolPolicy.objects.filter(school=school).exists()


def _terms_post(year: int, **changes: str) -> dict:
    """This school year's terms; ``changes`` give "MM-DD" in the year's autumn (A) or next calendar year (N)."""
    data = {
        "autumn_start": "A-09-02",
        "autumn_end": "A-12-18",
        "spring_start": "N-01-05",
        "spring_end": "N-03-26",
        "summer_start": "N-04-12",
        "summer_end": "N-07-21",
    }
    data.update(changes)
    return {key: value.replace("A-", f"{year}-").replace("N-", f"{year + 1}-") for key, value in data.items()}


def test_term_dates_are_saved_and_used(school, senco, login):
    year = AcademicYear.start_year_for(today())
    response = login(senco).post(reverse("schools:terms_edit", args=[year]), _terms_post(year))
    assert response.status_code == 302
    assert Term.objects.filter(school=school, academic_year__start_year=year).count() == 3
    autumn = school_figures(school, date(year, 10, 1))["terms"][0]
    assert autumn.start == date(year, 9, 2) and autumn.end == date(year, 12, 18)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"autumn_end": "A-09-01"}, "Autumn term must end after it starts"),
        ({"spring_start": "A-12-01"}, "Spring term must start after the term before it ends"),
        ({"summer_end": "N-09-10"}, "Summer term must fall between"),
        ({"summer_end": ""}, "Enter the date the summer term ends"),
    ],
)
def test_bad_term_dates_are_refused_and_nothing_is_saved(school, senco, login, changes, message):
    year = AcademicYear.start_year_for(today())
    response = login(senco).post(reverse("schools:terms_edit", args=[year]), _terms_post(year, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Term.objects.filter(school=school).exists()


def test_term_dates_are_only_for_last_this_or_next_year(senco, login):
    year = AcademicYear.start_year_for(today())
    assert login(senco).get(reverse("schools:terms_edit", args=[year + 5])).status_code == 404


def test_the_element_2_share_is_typed_in_pounds_and_kept_in_pence(school, senco, login):
    client = login(senco)
    assert 'value="6000' in client.get(reverse("schools:policy_edit")).content.decode()
    response = client.post(
        reverse("schools:policy_edit"),
        _policy_post(element2_threshold_pence="£6,500.50", one_to_one_hours_cap="20.5", teaching_weeks_per_year=38),
    )
    assert response.status_code == 302
    policy = SchoolPolicy.objects.get(school=school)
    assert (policy.element2_threshold_pence, str(policy.one_to_one_hours_cap), policy.teaching_weeks_per_year) == (
        650050,
        "20.50",
        38,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"element2_threshold_pence": "-1"}, "cannot be negative"),
        ({"element2_threshold_pence": "six thousand"}, "in pounds, like £6,000.00"),
        ({"teaching_weeks_per_year": 53}, "must be 52 or less"),
        ({"one_to_one_hours_cap": "0.1"}, "must be 0.25 or more"),
    ],
)
def test_bad_money_weeks_and_hours_are_refused(school, senco, login, changes, message):
    response = login(senco).post(reverse("schools:policy_edit"), _policy_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SchoolPolicy.objects.filter(school=school).exists()
