"""Every specialists page, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import FAMILY, MANAGERS, NOBODY, SEES_OTHER_PUPIL


def of(fixture: str):
    """Args for a page of one involvement: its pupil and its id."""
    return lambda w: [getattr(w, fixture).pupil_id, getattr(w, fixture).pk]


TABLE = Table(
    "specialists",
    [
        Case("specialists:list", lambda w: [w.pupil.pk], FAMILY),
        Case("specialists:list", lambda w: [w.other_pupil.pk], SEES_OTHER_PUPIL, label="other pupil"),
        Case("specialists:add", lambda w: [w.pupil.pk], MANAGERS),
        Case("specialists:add", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case("specialists:detail", of("involvement"), FAMILY),
        Case("specialists:edit", of("involvement"), MANAGERS),
        Case("specialists:advice", of("involvement"), MANAGERS),
        Case("specialists:document", of("involvement_with_document"), FAMILY),
        Case("specialists:document", of("involvement"), NOBODY, label="none uploaded yet"),
    ],
)
test_permissions = TABLE.test()
