"""Who may read and record provision, sessions and costs.

- The library and the provision map: staff of the school. Only the SENCO and head change them.
- Sessions: the staff who deliver a provision register them, as do the SENCO and head.
- Costs (hourly costs, planned and delivered cost, funding): the SENCO and head only. Salaries can
  be worked out from a one-to-one provision's cost, so no other role sees any cost, anywhere.
"""

from __future__ import annotations

from typing import Any

import rules

from sendsupport.accounts import access


@rules.predicate
def works_at(user: Any, school: Any) -> bool:
    return access.is_staff_at(user, school)


@rules.predicate
def manages_school(user: Any, school: Any) -> bool:
    return access.manages(user, school)


@rules.predicate
def delivers(user: Any, provision: Any) -> bool:
    if provision is None or not access.is_staff_at(user, provision.school):
        return False
    return provision.deliverers.filter(pk=user.pk).exists()


@rules.predicate
def manages_provision(user: Any, provision: Any) -> bool:
    return provision is not None and access.manages(user, provision.school)


rules.add_rule("provision.view_library", works_at)
rules.add_rule("provision.change_library", manages_school)
rules.add_rule("provision.view_map", works_at)
rules.add_rule("provision.change_provision", manages_provision)
rules.add_rule("provision.register_sessions", manages_provision | delivers)
# Costs and funding: only the SENCO and head, for the school given.
rules.add_rule("provision.view_costs", manages_school)
