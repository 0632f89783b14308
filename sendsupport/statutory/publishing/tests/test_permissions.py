"""Every publishing page, every persona: SENCO and head edit and publish, governors read, the public
pages are for everyone, signed in or not."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import ALL, MANAGERS

READERS = MANAGERS | {"governor"}
TEXT = {"identifying": "We watch and listen."}
TRAINING = {"course": "Makaton level 1", "attended_by": "Reception staff", "completed_on": "2026-10-01"}
ACTION = {
    "area": "information",
    "action": "Large-print letters home",
    "owner": "Office",
    "target_on": "2027-01-10",
    "status": "planned",
}
DATES = {"plan_starts_on": "2025-09-01", "plan_ends_on": "2028-08-31", "plan_review_on": "2027-07-01"}
STRATEGY = {"strategy_start_year": "2026", "strategy_aims": "Aims", "strategy_review": "Review"}

TABLE = Table(
    "publishing",
    [
        Case("publishing:report", allowed=READERS),
        Case("publishing:report", allowed=READERS, label="published", needs=("published",)),
        Case("publishing:report_edit", allowed=MANAGERS),
        Case("publishing:report_edit", allowed=MANAGERS, status=302, method="post", data=TEXT, unchanged=changes),
        Case(
            "publishing:publish_report",
            allowed=MANAGERS,
            status=302,
            method="post",
            unchanged=changes,
            needs=("complete",),
        ),
        Case(
            "publishing:publish_report",
            allowed=MANAGERS,
            status=400,
            method="post",
            unchanged=changes,
            label="items missing",
        ),
        Case("publishing:report_version", lambda w: [w.published.number], READERS),
        Case("publishing:training", allowed=MANAGERS, needs=("training_record",)),
        Case("publishing:training", allowed=MANAGERS, status=302, method="post", data=TRAINING, unchanged=changes),
        Case(
            "publishing:training_remove",
            lambda w: [w.training_record.pk],
            MANAGERS,
            status=302,
            method="post",
            unchanged=changes,
        ),
        Case("publishing:accessibility", allowed=MANAGERS, needs=("action",)),
        Case("publishing:accessibility_dates", allowed=MANAGERS),
        Case(
            "publishing:accessibility_dates", allowed=MANAGERS, status=302, method="post", data=DATES, unchanged=changes
        ),
        Case("publishing:action_new", allowed=MANAGERS),
        Case("publishing:action_new", allowed=MANAGERS, status=302, method="post", data=ACTION, unchanged=changes),
        Case("publishing:action_edit", lambda w: [w.action.pk], MANAGERS),
        Case(
            "publishing:action_edit",
            lambda w: [w.action.pk],
            MANAGERS,
            status=302,
            method="post",
            data=ACTION,
            unchanged=changes,
        ),
        Case("publishing:strategy", allowed=READERS, needs=("funded",)),
        Case("publishing:strategy_edit", allowed=MANAGERS),
        Case("publishing:strategy_edit", allowed=MANAGERS, status=302, method="post", data=STRATEGY, unchanged=changes),
        Case(
            "publishing:publish_strategy",
            allowed=MANAGERS,
            status=302,
            method="post",
            unchanged=changes,
            needs=("strategy_ready",),
        ),
        Case(
            "publishing:publish_strategy",
            allowed=MANAGERS,
            status=400,
            method="post",
            unchanged=changes,
            label="items missing",
        ),
        Case("publishing:strategy_version", lambda w: [w.published_strategy.number], READERS),
        # Public pages: everyone, signed in or not; 404 until something is published.
        Case("publishing:public_report", lambda w: [w.published.school.urn], ALL, signed_out=200),
        Case("publishing:public_report", lambda w: [w.school.urn], signed_out=404, label="not published"),
        Case("publishing:public_strategy", lambda w: [w.published_strategy.school.urn], ALL, signed_out=200),
        Case("publishing:public_strategy", lambda w: [w.school.urn], signed_out=404, label="not published"),
    ],
)
test_permissions = TABLE.test()
