"""The local authority's side of EHC requests, every persona (``sendsupport.testing.permissions``).

Ben's request (``la_request``) is given to the LA officer (``la_access``); Maya's (``maya_request``) is
not. The officer sees and records on Ben's request only: every school page, Ben's included, stays 404
for them. The SENCO and head see both requests at school, record the school's and (on paper) the
authority's steps, and give or remove access. See ``conftest.py``.
"""

from __future__ import annotations

from datetime import timedelta

from sendsupport.core.dates import today
from sendsupport.statutory.models import EHCAccess, EHCRequest
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY, SEES_OTHER_PUPIL, STAFF

LA = frozenset({"la_officer"})


def state(w):
    """The requests, the grants and the audited changes: a refused form changes none of them."""
    return list(EHCRequest.objects.values()), list(EHCAccess.objects.values()), changes(w)


def decision(w):
    return {"outcome": "agreed", "on": (today() - timedelta(days=2)).isoformat()}


def ben(w):
    return [w.la_request.pupil_id, w.la_request.pk]


def maya(w):
    return [w.maya_request.pupil_id, w.maya_request.pk]


def shared(*extra):
    return lambda w: [w.la_request.pk, *extra]


TABLE = Table(
    "statutory (local authority)",
    [
        Case("ehc:la_requests", allowed=LA, needs=("la_access",)),
        Case("ehc:la_request", shared(), LA, needs=("la_access",)),
        Case("ehc:la_request", shared(), NOBODY, label="not shared"),
        Case("ehc:la_request", lambda w: [w.maya_request.pk], NOBODY, label="another pupil", needs=("la_access",)),
        Case("ehc:la_step", shared("decision"), LA, needs=("la_access",)),
        Case("ehc:la_step", shared("advice_sent"), NOBODY, label="the school's step", needs=("la_access",)),
        Case("ehc:la_step", shared("nonsense"), NOBODY, label="no such step", needs=("la_access",)),
        Case("ehc:la_exception", shared(), LA, needs=("la_access",)),
        Case("ehc:la_evidence_pdf", shared(), LA, needs=("la_access", "sent_evidence")),
        Case("ehc:la_evidence_json", shared(), LA, needs=("la_access", "sent_evidence")),
        Case("ehc:la_evidence_pdf", shared(), NOBODY, label="nothing sent", needs=("la_access",)),
        Case("ehc:la_evidence_json", shared(), NOBODY, label="not shared", needs=("sent_evidence",)),
        Case("ehc:la_sen2_check", allowed=LA, needs=("la_access",)),
        Case("ehc:la_sen2", allowed=LA, needs=("la_access",)),
        # Everything else about the shared pupil stays closed to the officer.
        Case("ehc:request", ben, MANAGERS, label="shared", needs=("la_access",)),
        Case("ehc:request", maya, STAFF, label="Maya's"),
        Case("statutory:pupil", lambda w: [w.other_pupil.pk], MANAGERS, label="shared request", needs=("la_access",)),
        Case("pupils:detail", lambda w: [w.other_pupil.pk], SEES_OTHER_PUPIL, label="shared", needs=("la_access",)),
        Case("ehc:request_step", lambda w: [*ben(w), "decision"], MANAGERS),
        Case("ehc:request_step", lambda w: [*ben(w), "advice_sent"], MANAGERS, label="the school's advice"),
        Case("ehc:request_exception", ben, MANAGERS),
        Case("ehc:access_grant", maya, MANAGERS),
        Case(
            "ehc:la_step",
            shared("decision"),
            LA,
            status=302,
            method="post",
            data=decision,
            unchanged=state,
            needs=("la_access",),
        ),
        Case(
            "ehc:la_exception",
            shared(),
            LA,
            status=302,
            method="post",
            data={"exception": "personal", "exception_note": "A family bereavement in March."},
            unchanged=state,
            needs=("la_access",),
        ),
        Case(
            "ehc:request_step",
            lambda w: [*ben(w), "decision"],
            MANAGERS,
            status=302,
            method="post",
            data=decision,
            unchanged=state,
        ),
        Case(
            "ehc:request_exception",
            ben,
            MANAGERS,
            status=302,
            method="post",
            data={"exception": "away", "exception_note": "Abroad for 5 weeks."},
            unchanged=state,
        ),
        Case(
            "ehc:access_grant",
            maya,
            MANAGERS,
            status=302,
            method="post",
            data=lambda w: {"officer": w.la_officer.pk},
            unchanged=state,
        ),
        Case(
            "ehc:access_revoke",
            lambda w: [*ben(w), w.la_access.pk],
            MANAGERS,
            status=302,
            method="post",
            unchanged=state,
        ),
    ],
)
test_permissions = TABLE.test()
