"""Every support page and form, every persona (the shared loop of ``sendsupport.testing.permissions``).

``w.record``: Maya's cycle 1 reviewed and closed, cycle 2 open with a draft plan; Ben's cycle 1 open
with an agreed plan (see ``conftest.record``).
"""

from __future__ import annotations

from sendsupport.support.models import Concern
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import FAMILY, MANAGERS, NOBODY, SEES_OTHER_PUPIL, STAFF

BLANK = {"blank": ""}


def p(*rest):
    """Args for Maya's pages: her id, then the rest (a cycle number, an outcome...)."""
    return lambda w: [w.record["p"], *(w.record[r] if isinstance(r, str) else r for r in rest)]


def o(*rest):
    """Args for Ben's pages."""
    return lambda w: [w.record["o"], *rest]


def of_concern(under: str = "p"):
    """Args for the teacher's concern about Maya (``conftest.concern``), under Maya's id or another's."""
    return lambda w: [w.record[under], w.concern.pk]


def concern_answer(w):
    """Whether the concern was looked at, and the audited changes: a refused answer changes neither."""
    return Concern.objects.filter(pk=w.concern.pk).values_list("looked_at_on", "looked_at_note").get(), changes(w)


def post(name, args, allowed, status, **kwargs) -> Case:
    """A form posted with none of its fields (so bound, unlike ``{}``): 400 for those let in (302 for a
    button with no fields), 404 for the rest, who change nothing."""
    return Case(name, args, allowed, status=status, method="post", data=BLANK, unchanged=changes, **kwargs)


TABLE = Table(
    "support",
    [
        Case("support:timeline", p(), FAMILY),
        Case("support:timeline", o(), SEES_OTHER_PUPIL, label="other pupil"),
        Case("support:concern_new", p(), STAFF),
        Case("support:concern", of_concern(), STAFF),
        Case("support:concern", of_concern(under="o"), NOBODY, label="under another pupil"),
        Case("support:concern_looked_at", of_concern(), MANAGERS),
        Case("support:cycle_new", p(), MANAGERS),
        Case("support:notify_pupil", p(), MANAGERS),
        Case("support:cycle", p(1), STAFF, label="reviewed"),
        Case("support:cycle", p(2), STAFF, label="open"),
        Case("support:cycle", o(1), MANAGERS, label="other pupil"),
        Case("support:cycle_close", p(2), MANAGERS),
        Case("support:correction_new", p(1), MANAGERS),
        Case("support:assessment", p(2), MANAGERS),
        Case("support:notify", p(2), MANAGERS),
        Case("support:letter", p(2), MANAGERS),
        Case("support:letter_pdf", p(2), MANAGERS),
        Case("support:plan", p(2), FAMILY, label="draft"),
        Case("support:plan", p(1), FAMILY, label="reviewed"),
        Case("support:plan", o(1), SEES_OTHER_PUPIL, label="other pupil"),
        Case("support:plan_parent", p(2), FAMILY),
        Case("support:plan_pdf_staff", p(2), STAFF),
        Case("support:plan_pdf_parent", p(2), FAMILY),
        Case("support:plan_new", p(2), MANAGERS, status=302, label="the plan exists: go to it"),
        Case("support:plan_new", lambda w: [w.assessed_newcomer.pupil_id, 1], MANAGERS, label="no plan yet"),
        Case("support:plan_edit", p(2), MANAGERS),
        Case("support:plan_agree", p(2), MANAGERS),
        Case("support:outcome_new", p(2), MANAGERS),
        Case("support:outcome_edit", p(2, "outcome"), MANAGERS),
        Case("support:note_new", p(2, "outcome"), STAFF),
        Case("support:review", p(1), FAMILY),
        Case("support:review_new", o(1), MANAGERS),
        Case("support:bank", allowed=MANAGERS),
        Case("support:bank_new", allowed=MANAGERS),
        Case("support:bank_edit", lambda w: [w.record["entry"]], MANAGERS),
        post("support:concern_new", p(), STAFF, 400),
        post("support:cycle_new", p(), MANAGERS, 400),
        Case(
            "support:concern_looked_at",
            of_concern(),
            MANAGERS,
            status=302,
            method="post",
            data={"looked_at_on": "2025-11-05", "note": "No further action: in line with the class."},
            unchanged=concern_answer,
        ),
        post("support:assessment", p(2), MANAGERS, 400),
        post("support:notify", p(2), MANAGERS, 400),
        post("support:letter_email", p(2), MANAGERS, 302),
        post("support:plan_edit", p(2), MANAGERS, 400),
        post("support:plan_agree", p(2), MANAGERS, 400),
        post("support:outcome_new", p(2), MANAGERS, 400),
        post("support:outcome_remove", p(2, "outcome"), MANAGERS, 302),
        post("support:note_new", p(2, "outcome"), STAFF, 400),
        post("support:review_new", o(1), MANAGERS, 400),
        post("support:cycle_close", p(2), MANAGERS, 400),
        post("support:correction_new", p(1), MANAGERS, 400),
        post("support:bank_remove", lambda w: [w.record["entry"]], MANAGERS, 302),
    ],
)
test_permissions = TABLE.test()
