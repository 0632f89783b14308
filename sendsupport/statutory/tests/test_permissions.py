"""Every EHC records page and form, every persona (the shared loop of ``sendsupport.testing.permissions``).

Staff who see the pupil read the EHC page; only the SENCO and head record. The records are Ben's
(``other_pupil``, whom only they see): ``ehc_request``, ``ehc_plan``, ``annual_review`` (``conftest.py``).
"""

from __future__ import annotations

from sendsupport.statutory.models import AdviceRequest, AnnualReview, EHCPlan, EHCRequest, PlanEntry
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY, STAFF

REQUEST = {"requested_on": "2024-01-10", "requested_by": "school", "outcome": "agreed", "outcome_on": "2024-02-20"}
PLAN = {"issued_on": "2024-06-01", "next_transfer_on": "2027-09-01"}
LINE = {"text": "Ben has weekly speech and language therapy."}
ADVICE = {"source": "health", "asked_on": "2025-04-01", "received_on": "2025-04-20"}
REPORT = {"recommendation": "amend", "parent_views": "Going well.", "report_sent_on": "2025-05-28"}
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
        list(PlanEntry.objects.values()),
        list(AdviceRequest.objects.values()),
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
        Case("statutory:entry_add", lambda w: [w.other_pupil.pk, w.ehc_plan.pk, "F"], MANAGERS),
        Case("statutory:entry_add", lambda w: [w.other_pupil.pk, w.ehc_plan.pk, "Z"], NOBODY, label="no section"),
        Case("statutory:entry_edit", ben("ehc_plan", "plan_outcome"), MANAGERS),
        Case("statutory:entry_edit", maya("ehc_plan", "plan_outcome"), NOBODY, label="under another pupil"),
        Case("statutory:entry_delete", ben("ehc_plan", "plan_outcome"), MANAGERS),
        Case("statutory:review", lambda w: [w.pupil.pk, w.maya_plan.pk, w.maya_review.pk], STAFF, label="Maya"),
        Case("statutory:review", ben("ehc_plan", "annual_review"), MANAGERS, needs=("advice",)),
        Case("statutory:review", maya("ehc_plan", "annual_review"), NOBODY, label="under another pupil"),
        Case("statutory:review_report", ben("ehc_plan", "annual_review"), MANAGERS, needs=("plan_outcome",)),
        Case("statutory:review_report_pdf", ben("ehc_plan", "reported_review"), MANAGERS),
        Case("statutory:review_report_pdf", ben("ehc_plan", "annual_review"), NOBODY, label="no report yet"),
        Case("statutory:advice_add", ben("ehc_plan", "annual_review"), MANAGERS),
        Case("statutory:advice_edit", ben("ehc_plan", "annual_review", "advice"), MANAGERS),
        Case("statutory:advice_edit", maya("ehc_plan", "annual_review", "advice"), NOBODY, label="under another pupil"),
        post("statutory:entry_add", lambda w: [w.other_pupil.pk, w.ehc_plan.pk, "B"], LINE),
        post("statutory:entry_edit", ben("ehc_plan", "plan_outcome"), LINE),
        post("statutory:entry_delete", ben("ehc_plan", "plan_outcome"), {}),
        post("statutory:review_report", ben("ehc_plan", "annual_review"), REPORT),
        post("statutory:advice_add", ben("ehc_plan", "annual_review"), ADVICE),
        post("statutory:advice_edit", ben("ehc_plan", "annual_review", "advice"), ADVICE),
        post("statutory:request_add", ben(), REQUEST),
        post("statutory:request_edit", ben("ehc_request"), REQUEST),
        post("statutory:plan_add", ben(), PLAN),
        post("statutory:plan_edit", ben("ehc_plan"), PLAN),
        post("statutory:review_add", ben("ehc_plan"), {**REVIEW, "meeting_on": "2026-05-20"}),
        post("statutory:review_edit", ben("ehc_plan", "annual_review"), {**REVIEW, "held": "on"}),
    ],
)
test_permissions = TABLE.test()
