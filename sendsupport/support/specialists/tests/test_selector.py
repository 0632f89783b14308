"""The selector the compliance engine uses: specialist involvement per pupil, present or not, and when."""

from __future__ import annotations

from datetime import date

from conftest import make_pupil
from sendsupport.support.specialists.selectors import specialist_involvement
from sendsupport.support.specialists.tests.conftest import refer


def test_it_lists_each_pupils_involvement_oldest_first_in_one_query(
    pupil, other_pupil, school, senco, django_assert_num_queries
):
    later = refer(pupil, senco, professional_type="educational_psychologist", referral_date=date(2025, 11, 1))
    earlier = refer(pupil, senco)
    other = refer(other_pupil, senco)
    extra = [make_pupil(school, first=f"P{i}").pk for i in range(20)]
    with django_assert_num_queries(1):
        result = specialist_involvement([pupil.pk, other_pupil.pk, *extra])
    assert result[pupil.pk] == [earlier, later]
    assert result[other_pupil.pk] == [other]
    assert all(result[pk] == [] for pk in extra)
    assert result[pupil.pk][0].referral_date == date(2025, 10, 6)


def test_it_asks_nothing_for_no_pupils(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert specialist_involvement([]) == {}
