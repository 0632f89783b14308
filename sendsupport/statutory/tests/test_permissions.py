"""Every EHC records page and form, every persona (the shared loop of ``sendsupport.testing.permissions``).

Staff who see the pupil read the EHC page; only the SENCO and head record. The records are Ben's
(``other_pupil``, whom only they see): ``ehc_request``, ``ehc_plan``, ``annual_review`` (``conftest.py``).
"""

from __future__ import annotations

from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY, STAFF

REQUEST = {"requested_on": "2024-01-10", "requested_by": "school", "outcome": "agreed", "outcome_on": "2024-02-20"}
PLAN = {"issued_on": "2024-06-01", "next_transfer_on": "2027-09-01"}
REVIEW = {"meeting_on": "2025-05-20", "invitations_sent_on": "2025-05-01", "advice_circulated_on": "2025-05-02"}


def ben(*fixtures: str):
    """Args for a page of Ben's records: his id, then the ids of the records named."""
    return lambda w: [w.other_pupil.pk, *(getattr(w, name).pk for name in fixtures)]


def maya(*fixtures: str):
    """Args that put Ben's records under Maya's id."""
    return lambda w: [w.pupil.pk, *(getattr(w, name).pk for name in fixtures)]


def records(w):
    """Every EHC record and the audited changes: a refused form changes none of them."""
    return (
        list(EHCRequest.objects.values()),
        list(EHCPlan.objects.values()),
        list(AnnualReview.objects.values()),
        changes(w),
    )


def post(name, args, data) -> Case:
    return Case(name, args, MANAGERS, status=302, method="post", data=data, unchanged=records)


TABLE = Table(
    "statutory",
    [
        Case("statutory:pupil", lambda w: [w.pupil.pk], STAFF),
        Case("statutory:pupil", ben(), MANAGERS, label="other pupil", needs=("ehc_plan", "annual_review")),
        Case("statutory:request_add", ben(), MANAGERS),
        Case("statutory:request_edit", ben("ehc_request"), MANAGERS),
        Case("statutory:request_edit", maya("ehc_request"), NOBODY, label="under another pupil"),
        Case("statutory:plan_add", ben(), MANAGERS),
        Case("statutory:plan_edit", ben("ehc_plan"), MANAGERS),
        Case("statutory:plan_edit", maya("ehc_plan"), NOBODY, label="under another pupil"),
        Case("statutory:review_add", ben("ehc_plan"), MANAGERS),
        Case("statutory:review_edit", ben("ehc_plan", "annual_review"), MANAGERS),
        Case("statutory:review_edit", maya("ehc_plan", "annual_review"), NOBODY, label="under another pupil"),
        post("statutory:request_add", ben(), REQUEST),
        post("statutory:request_edit", ben("ehc_request"), REQUEST),
        post("statutory:plan_add", ben(), PLAN),
        post("statutory:plan_edit", ben("ehc_plan"), PLAN),
        post("statutory:review_add", ben("ehc_plan"), {**REVIEW, "meeting_on": "2026-05-20"}),
        post("statutory:review_edit", ben("ehc_plan", "annual_review"), {**REVIEW, "held": "on"}),
    ],
)
test_permissions = TABLE.test()
