"""The API pupil list for one school's SENCO reads that school's pupils through the school index,
not every pupil in the database: in an LA's database of 200 schools a sequential scan made each
school's list slower with every other school added."""

from __future__ import annotations

import pytest
from django.db import connection

from sendsupport.accounts.access import MEMO_ATTR
from sendsupport.api.selectors import PupilFilters, api_pupils
from sendsupport.pupils.tests.bulk import bulk_register
from sendsupport.schools.models import School

pytestmark = pytest.mark.django_db

PER_OTHER_SCHOOL = 1500


def plan_of(senco) -> str:
    setattr(senco, MEMO_ATTR, {})  # as in a request: the token's owner gets the request memo
    queryset = api_pupils(senco, PupilFilters())[:50]
    return queryset.explain()


def test_the_list_uses_the_school_index(school, la, senco):
    bulk_register(school, 40)
    for n in range(4):
        other = School.objects.create(
            urn=f"10010{n}", local_authority=la, estab=f"21{n:02d}", name=f"Other {n}", phase=School.Phase.PRIMARY
        )
        bulk_register(other, PER_OTHER_SCHOOL, first_serial=1000 + n * PER_OTHER_SCHOOL)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "ANALYZE main")
    plan = plan_of(senco)
    if connection.vendor == "postgresql":
        assert "Seq Scan on pupils_pupil" not in plan, plan
        assert "pupils_pupil" in plan and "Index" in plan, plan
    else:
        # SQLite says SCAN for a full table scan and SEARCH ... USING INDEX for an index.
        assert "SCAN pupils_pupil" not in plan.replace("SCAN pupils_pupil USING", "SEARCH"), plan
        assert "SEARCH pupils_pupil" in plan or "USING INDEX" in plan, plan
