"""The graduated approach as data: Assess, Plan, Do, Review, one cycle after another.

A pupil's record is a sequence of ``Cycle`` rows (numbered 1, 2, 3 ...), kept for the pupil's
whole time at the school. Each cycle holds at most one ``Assessment`` (with its decision and
``AssessmentScore`` rows), any ``ParentNotification``, at most one ``Plan`` (with ``Outcome`` rows,
and ``OutcomeNote`` rows added while it runs) and at most one ``Review`` (with one
``OutcomeRating`` per outcome). A ``Concern`` raised by staff starts it all. Once a cycle is closed
it is read-only: a ``Correction`` records a dated change beside the original.

Every model holding pupil data has a direct ``pupil`` foreign key (denormalised, for scoping,
bulk queries and the audit log) and ``history = HistoricalRecords()``.
"""

from sendsupport.support.models.assessment import Assessment, AssessmentScore, ParentNotification
from sendsupport.support.models.bank import OutcomeBankEntry
from sendsupport.support.models.cycle import Concern, Correction, Cycle
from sendsupport.support.models.plan import Outcome, OutcomeNote, Plan
from sendsupport.support.models.review import OutcomeRating, Review

__all__ = [
    "Assessment",
    "AssessmentScore",
    "Concern",
    "Correction",
    "Cycle",
    "Outcome",
    "OutcomeBankEntry",
    "OutcomeNote",
    "OutcomeRating",
    "ParentNotification",
    "Plan",
    "Review",
]
