"""The census rules for a pupil's SEN provision and ranked needs (DOMAIN.md).

One pure function, used by every path that writes the register: forms, services, imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sendsupport.pupils.codes import NeedType, Provision

MAX_NEEDS = 2


@dataclass(frozen=True)
class RuleBreak:
    field: str  # the form field or file element the message is about
    rule: str  # a short name for the rule, used in reports
    message: str  # plain English


def check_sen_record(provision: str, needs: Sequence[tuple[str, int]]) -> list[RuleBreak]:
    """Return every census rule the provision and (need type, rank) pairs break; empty if none."""
    breaks: list[RuleBreak] = []
    if provision not in Provision.values:
        breaks.append(
            RuleBreak("provision", "provision_valid", f"{provision!r} is not a SEN provision code: use N, K or E.")
        )
        return breaks
    for need_type, _rank in needs:
        if need_type not in NeedType.values:
            breaks.append(RuleBreak("primary_need", "need_type_valid", f"{need_type!r} is not a census SEN type code."))
    if provision == Provision.NONE:
        if needs:
            breaks.append(
                RuleBreak(
                    "primary_need",
                    "no_needs_with_n",
                    "A pupil with no special educational provision (N) cannot have need types.",
                )
            )
        return breaks
    if not needs:
        breaks.append(
            RuleBreak(
                "primary_need",
                "need_required",
                "Pupils on SEN support (K) or with an EHC plan (E) need a primary type of need.",
            )
        )
        return breaks
    if len(needs) > MAX_NEEDS:
        breaks.append(
            RuleBreak(
                "secondary_need", "at_most_two", "At most two types of need are recorded: a primary and a secondary."
            )
        )
    ranks = [rank for _, rank in needs]
    if len(set(ranks)) != len(ranks):
        breaks.append(RuleBreak("secondary_need", "ranks_distinct", "Each type of need must have a different rank."))
    if any(rank not in (1, 2) for rank in ranks):
        breaks.append(RuleBreak("secondary_need", "rank_valid", "A need's rank must be 1 (primary) or 2 (secondary)."))
    if len(needs) == 1 and ranks[0] != 1:
        breaks.append(
            RuleBreak(
                "primary_need",
                "single_is_rank_1",
                "When there is only one type of need it must be the primary need (rank 1).",
            )
        )
    types = [need_type for need_type, _ in needs]
    if len(set(types)) != len(types):
        breaks.append(
            RuleBreak("secondary_need", "types_distinct", "The secondary need must be different from the primary need.")
        )
    if NeedType.NSA in types and provision != Provision.SEN_SUPPORT:
        breaks.append(
            RuleBreak(
                "primary_need",
                "nsa_only_with_k",
                "NSA (no specialist assessment) can only be used for pupils on SEN support (K).",
            )
        )
    return breaks
