"""How strong each duty is in law, and where it comes from: a small registry beside the duties.

The SENCO must be able to tell a legal breach from a suggestion (DOMAIN.md, "Strength of each
duty"). Each duty's code maps to its basis and source here, as data; a new duty adds one line
(or calls ``register``). The basis is also part of the order of the to-do list: at equal
urgency, statutory duties come first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Basis(IntEnum):
    """Ordered from strongest to weakest, so sorting by basis puts the law first."""

    STATUTE = 1
    CODE_MUST = 2
    CODE_SHOULD = 3
    GOOD_PRACTICE = 4

    @property
    def label(self) -> str:
        return BASIS_LABELS[self]

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")


BASIS_LABELS = {
    Basis.STATUTE: "Law: must",
    Basis.CODE_MUST: "Code of Practice: must",
    Basis.CODE_SHOULD: "Code of Practice: should",
    Basis.GOOD_PRACTICE: "Good practice",
}
# A GOV.UK tag colour per basis, so a legal duty stands out from a suggestion.
BASIS_TAG_CLASSES = {
    Basis.STATUTE: "govuk-tag--red",
    Basis.CODE_MUST: "govuk-tag--red",
    Basis.CODE_SHOULD: "govuk-tag--blue",
    Basis.GOOD_PRACTICE: "govuk-tag--grey",
}


@dataclass(frozen=True)
class Standing:
    basis: Basis
    source: str  # the section or paragraph, e.g. "CFA 2014 s.68", "CoP 6.65"

    @property
    def label(self) -> str:
        return self.basis.label

    @property
    def tag_class(self) -> str:
        return BASIS_TAG_CLASSES[self.basis]


STANDINGS: dict[str, Standing] = {
    "parent_not_notified": Standing(Basis.STATUTE, "CFA 2014 s.68"),
    "annual_review_due": Standing(Basis.STATUTE, "CFA 2014 s.44"),
    "phase_transfer_review": Standing(Basis.STATUTE, "SEND Regulations 2014 reg. 18"),
    "annual_review_notice": Standing(Basis.STATUTE, "SEND Regulations 2014 reg. 20"),
    # Not itself a breach: without the plan's dates the statutory checks above cannot run.
    "ehc_plan_missing": Standing(Basis.GOOD_PRACTICE, "CFA 2014 s.44"),
    "review_overdue": Standing(Basis.CODE_SHOULD, "CoP 6.54"),
    "consider_ehc": Standing(Basis.CODE_SHOULD, "CoP 6.63"),
    "involve_specialists": Standing(Basis.CODE_SHOULD, "CoP 6.58-6.59"),
    "follow_up": Standing(Basis.CODE_SHOULD, "CoP 6.54-6.56"),
    "parent_meetings": Standing(Basis.CODE_SHOULD, "CoP 6.65"),
    "meeting_record": Standing(Basis.CODE_SHOULD, "CoP 6.71"),
    "plan_not_agreed": Standing(Basis.CODE_SHOULD, "CoP 6.48"),
    "views_missing": Standing(Basis.CODE_SHOULD, "CoP 6.45, 6.54"),
    "outcomes_not_smart": Standing(Basis.GOOD_PRACTICE, "CoP 9.66 (for EHC plans)"),
    "profile_unread": Standing(Basis.GOOD_PRACTICE, "CoP 6.48"),
    # DOMAIN.md: a review date further ahead than about a term is a warning (good practice: termly).
    "review_interval": Standing(Basis.GOOD_PRACTICE, "CoP 6.54"),
    "concern_open": Standing(Basis.GOOD_PRACTICE, "CoP 6.36-6.38"),
}
# A duty not (yet) in the registry is shown as good practice rather than claimed as law.
UNKNOWN = Standing(Basis.GOOD_PRACTICE, "")


def register(code: str, basis: Basis, source: str) -> None:
    """For a duty defined elsewhere to declare its standing."""
    STANDINGS[code] = Standing(basis, source)


def standing_of(code: str) -> Standing:
    return STANDINGS.get(code, UNKNOWN)


def basis_from_slug(slug: str) -> Basis | None:
    return next((basis for basis in Basis if basis.slug == slug), None)
