"""The duty "concern raised, not yet looked at": trigger, silence and age on fixed dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.compliance.basis import Basis, standing_of
from sendsupport.compliance.concerns import concern_not_looked_at
from sendsupport.compliance.engine import todo_list
from sendsupport.compliance.facts import ConcernFacts, PupilFacts
from sendsupport.support import services
from sendsupport.support.models import Concern

FIGURES = {"PARENT_MEETINGS_PER_YEAR": 3, "REVIEWS_BEFORE_SPECIALIST": 2}


def facts_with(*concerns: ConcernFacts) -> PupilFacts:
    return PupilFacts(
        pupil_id=7,
        name="Ella Kelly",
        year_group="4",
        registration_group_id=10,
        group_ids=frozenset({10}),
        teacher_ids=frozenset(),
        provision="N",
        support_started_on=None,
        open_concerns=list(concerns),
    )


def test_it_is_silent_without_an_open_concern():
    assert concern_not_looked_at(facts_with(), TODAY, FIGURES) == []


def test_it_flags_an_open_concern_with_its_age_in_days():
    [gap] = concern_not_looked_at(facts_with(ConcernFacts(1, date(2025, 11, 3), "Tara Hughes")), TODAY, FIGURES)
    assert gap.duty == "concern_open"
    assert gap.days_overdue == 17
    assert gap.message == "Tara Hughes raised a concern on 3 November 2025 (17 days ago); not yet looked at."


def test_a_concern_raised_today_is_flagged_with_age_zero():
    [gap] = concern_not_looked_at(facts_with(ConcernFacts(1, TODAY, "Tara Hughes")), TODAY, FIGURES)
    assert gap.days_overdue == 0
    assert "(today)" in gap.message


def test_one_gap_per_pupil_dated_from_the_oldest_concern():
    gaps = concern_not_looked_at(
        facts_with(ConcernFacts(1, date(2025, 11, 19), "A"), ConcernFacts(2, date(2025, 11, 20), "B")),
        TODAY,
        FIGURES,
    )
    assert len(gaps) == 1
    assert gaps[0].days_overdue == 1
    assert "1 day ago" in gaps[0].message and "1 more concern waiting" in gaps[0].message


def test_the_concern_duty_is_good_practice():
    assert standing_of("concern_open").basis is Basis.GOOD_PRACTICE


@pytest.mark.django_db
class TestOnTheList:
    def raise_one(self, pupil, teacher, raised_on=date(2025, 11, 3)) -> Concern:
        return services.raise_concern(
            pupil=pupil,
            by=teacher,
            noticed="Struggles to read",
            since=date(2025, 10, 1),
            raised_on=raised_on,
            today=TODAY,
        )

    def test_a_pupil_off_the_register_with_a_concern_is_on_the_senco_list(self, senco, school, class_4a, teacher):
        ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
        concern = self.raise_one(ella, teacher)
        todo = todo_list(senco, school, today=TODAY)
        [line] = [line for line in todo.lines if line.pupil_id == ella.pk]
        assert [item.gap.duty for item in line.items] == ["concern_open"]
        assert line.items[0].link == reverse("support:concern", args=[ella.pk, concern.pk])
        assert todo.pupils_checked == 0  # Ella is not on the register

    def test_starting_a_cycle_from_it_clears_it(self, senco, school, class_4a, teacher):
        ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
        concern = self.raise_one(ella, teacher)
        services.start_cycle(pupil=ella, by=senco, opened_on=TODAY, concerns=[concern], today=TODAY)
        assert not [line for line in todo_list(senco, school, today=TODAY).lines if line.pupil_id == ella.pk]

    def test_recording_it_was_looked_at_clears_it(self, senco, school, class_4a, teacher):
        ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
        concern = self.raise_one(ella, teacher)
        services.record_concern_looked_at(
            concern=concern, by=senco, looked_at_on=TODAY, note="No further action", today=TODAY
        )
        assert not [line for line in todo_list(senco, school, today=TODAY).lines if line.pupil_id == ella.pk]

    def test_the_senco_home_page_shows_the_concern(self, senco, school, class_4a, teacher, login):
        ella = make_pupil(school, first="Ella", last="Kelly", registration_group=class_4a)
        self.raise_one(ella, teacher)
        html = login(senco).get(reverse("home")).content.decode()
        assert "Concern raised, not yet looked at" in html
        assert "Ella Kelly" in html
