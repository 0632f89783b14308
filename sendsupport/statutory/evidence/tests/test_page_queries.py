"""The evidence pack page reads the pupil's record by the pupil alone, once ``pupil_for`` has found the
pupil and the rule (SENCO or head: staff who read the whole record) has passed: the visible-pupils scope
is built once, for finding the pupil, not again for each of the pack's reads. The page's exact count
is in ``statutory/tests/test_evidence_send.py``; here, the same count for a short and a long record,
and which queries rebuild the scope."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.statutory.evidence.pack import build_pack
from sendsupport.statutory.tests import evidence_records

pytestmark = pytest.mark.django_db
# As ``test_evidence_send.PAGE_QUERIES``: the pack's 21 reads and the page's own 5.
PAGE_QUERIES = 26
# Outside a request nothing is remembered about the user: the pack reads through ``visible_to``.
BUILD_QUERIES = 21


def _record(pupil, senco, teacher, ta, *, cycles: int, extra: int):
    evidence_records.two_cycles_short_of_expected(pupil, senco, teacher, cycles=cycles)
    evidence_records.specialist_advice(pupil, senco)
    evidence_records.views_and_meeting(pupil, senco)
    evidence_records.phonics_group(pupil.school, pupil, ta)
    for _ in range(extra):
        evidence_records.specialist_advice(pupil, senco)
        evidence_records.views_and_meeting(pupil, senco)
    return evidence_records.pack(pupil, senco)


def _page(client, pupil, pack) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("ehc_evidence:pack", args=[pupil.pk, pack.pk]))
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("cycles,extra", [(1, 0), (2, 5)], ids=["short record", "long record"])
def test_the_pack_page_builds_the_pupils_scope_once(cycles, extra, login, senco, teacher, ta, pupil):
    pack = _record(pupil, senco, teacher, ta, cycles=cycles, extra=extra)
    queries = _page(login(senco), pupil, pack)

    assert len(queries) == PAGE_QUERIES
    # Only finding the pupil reads the pupils table; the cycles, outcomes, scores, advice, views and
    # meetings filter on the pupil's id.
    assert len([sql for sql in queries if 'FROM "pupils_pupil"' in sql]) == 1


def test_outside_a_request_the_pack_still_reads_through_the_scope(senco, teacher, ta, pupil):
    """Nothing is trusted without the request's checks: each read keeps ``visible_to``, and the pack is
    the same as the page's."""
    pack = _record(pupil, senco, teacher, ta, cycles=2, extra=1)
    with CaptureQueriesContext(connection) as queries:
        data = build_pack(senco, pupil, pack)
    assert len(queries) == BUILD_QUERIES
    assert len([q for q in queries.captured_queries if 'FROM "pupils_pupil"' in q["sql"]]) == 7
    assert len(data.cycles) == 2
    assert data.meetings and data.specialists and data.parent_views


def test_a_teacher_still_gets_no_pack(login, senco, teacher, ta, pupil):
    pack = _record(pupil, senco, teacher, ta, cycles=1, extra=0)
    response = login(teacher).get(reverse("ehc_evidence:pack", args=[pupil.pk, pack.pk]))
    assert response.status_code == 404
