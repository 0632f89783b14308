"""The to-do list's yearly reminder to review the SEN information report: a notice a month before a
year is up, a gap after, and nothing before a report has been published here."""

from __future__ import annotations

from datetime import date

import pytest

from sendsupport.compliance.school_duties import school_items
from sendsupport.schools.models import SchoolSenco
from sendsupport.statutory.publishing import services
from sendsupport.statutory.publishing.tests.conftest import BASE

pytestmark = pytest.mark.django_db


def codes(school, today):
    return [(i.code, i.level) for i in school_items(school, today=today) if i.code.startswith("sen_report")]


def test_nothing_until_a_report_is_published(school):
    assert codes(school, date(2027, 11, 20)) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 19), []),  # the day before the month's notice
        (date(2026, 10, 20), [("sen_report_review_due", "notice")]),
        (date(2026, 11, 20), [("sen_report_review_due", "notice")]),  # a year to the day
        (date(2026, 11, 21), [("sen_report_overdue", "gap")]),
    ],
)
def test_the_review_falls_due_a_year_after_publication(complete, senco, today, expected):
    services.publish(school=complete, kind="report", by=senco, today=date(2025, 11, 20), base_url=BASE)
    assert codes(complete, today) == expected


def test_publishing_again_restarts_the_year(complete, senco):
    services.publish(school=complete, kind="report", by=senco, today=date(2025, 11, 20), base_url=BASE)
    services.publish(school=complete, kind="report", by=senco, today=date(2026, 11, 1), base_url=BASE)
    assert codes(complete, date(2026, 11, 25)) == []


def test_the_reminder_shows_without_a_senco_named(school, senco):
    SchoolSenco.objects.filter(school=school).delete()
    from sendsupport.statutory.publishing.models import Publication

    Publication.objects.create(school=school, kind="report", number=1, published_on=date(2024, 1, 1), content={})
    items = [i.code for i in school_items(school, today=date(2026, 11, 20))]
    assert items == ["senco_not_named", "sen_report_overdue"]
