"""Template tags for other apps' pages: the provision section of the pupil page and of the plan page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rules
from django import template

from sendsupport.provision import costing, selectors
from sendsupport.provision import selectors_library as library
from sendsupport.schools.models import SchoolPolicy

register = template.Library()


@dataclass
class PupilSection:
    """What the pupil receives; with costs only for those who may see them."""

    items: list[library.PupilProvision] = field(default_factory=list)
    show_costs: bool = False
    planned_to_date: int = 0
    delivered_to_date: int = 0
    projected_year: int = 0
    threshold: int = 0

    @property
    def over_threshold(self) -> bool:
        return self.projected_year > self.threshold


@register.simple_tag
def pupil_provision(pupil: Any, user: Any) -> PupilSection:
    """The pupil's provisions (for ``provision/_pupil_section.html``), and, for the SENCO and head, what
    they cost to date and projected for the year against the element 2 threshold."""
    section = PupilSection(items=library.pupil_provisions(user, pupil))
    if not section.items or not rules.test_rule("provision.view_costs", user, pupil.school):
        return section
    costs = selectors.pupil_costs(pupil)
    shares = {share.provision_id: share for share in costs.pupils.get(pupil.pk, ())}
    for item in section.items:
        share = shares.get(item.provision.pk)
        if share is not None:
            item.planned_to_date, item.delivered_to_date = share.planned_to_date, share.delivered_to_date
            item.projected_year = share.projected_year
    section.show_costs = True
    section.planned_to_date = costs.pupil_total(pupil.pk, "planned_to_date")
    section.delivered_to_date = costs.pupil_total(pupil.pk, "delivered_to_date")
    section.projected_year = costs.pupil_total(pupil.pk, "projected_year")
    section.threshold = SchoolPolicy.for_school(pupil.school).element2_threshold_pence
    return section


@register.filter
def pounds(pence: int | None) -> str:
    """£1,234.56, the way every provision page shows money."""
    return "" if pence is None else costing.pence_in_words(pence)


@register.inclusion_tag("provision/_plan_section.html", takes_context=True)
def plan_provision(context: template.Context, plan: Any) -> dict[str, Any]:
    """The pupil's provisions running while the plan is in place, each with the outcomes of this plan
    it serves, for the plan page (beside its free-text "Support and interventions")."""
    user = context["request"].user
    # The plan page has the cycle and pupil already: reading them through the plan would cost queries.
    cycle = context.get("cycle") or plan.cycle
    pupil = context.get("pupil") or plan.pupil
    until = cycle.closed_on or plan.review_date
    items = library.pupil_provisions(user, pupil, since=plan.starts_on, until=until)
    for item in items:
        item.outcomes = [outcome for outcome in item.outcomes if outcome.plan_id == plan.pk]
    return {"items": items, "plan": plan}
