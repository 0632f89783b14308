"""Every costs and funding page and form, every persona: the SENCO and head only; everyone else
gets 404, as for a page that does not exist (costs can reveal a salary)."""

from __future__ import annotations

from sendsupport.provision.models import ExtraCost, FundingAllocation, Provision, StaffMemberCost, StaffRoleCost, TopUp
from sendsupport.provision.tests.funding_fixtures import *  # noqa: F403 (the fixtures)
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY

EXTRA = {"description": "Licence", "amount_pence": "12.50", "recurrence": "one_off", "on_date": "2026-09-14"}
ALLOCATION = {"start_year": "2027", "notional_sen_pence": "80000.00", "imf_pence": "0.00"}
TOP_UP = {
    "start_year": "2026",
    "amount_pence": "3000.00",
    "status": "requested",
    "requested_on": "2026-10-02",
    "source": "The local authority",
}


def records(w):
    """Every costs and funding row and the audited changes: a refused form changes none of them."""
    return (
        list(StaffRoleCost.objects.values()),
        list(StaffMemberCost.objects.values()),
        list(ExtraCost.objects.values()),
        list(FundingAllocation.objects.values()),
        list(TopUp.objects.values()),
        list(Provision.objects.values("reviewed_on", "review_note")),
        changes(w),
    )


def post(name, args, data, *, label: str = "") -> Case:
    return Case(name, args, MANAGERS, status=302, method="post", data=data, unchanged=records, label=label)


def provision(*fixtures: str):
    return lambda w: [w.provision.pk, *(getattr(w, name).pk for name in fixtures)]


def maya(*fixtures: str):
    return lambda w: [w.pupil.pk, *(getattr(w, name).pk for name in fixtures)]


TABLE = Table(
    "provision (costs and funding)",
    [
        Case("provision:costs", allowed=MANAGERS, needs=("provision", "role_costs", "staff_cost")),
        Case("provision:costs_role", lambda w: ["ta"], MANAGERS, needs=("role_costs",)),
        Case("provision:costs_role", lambda w: ["nobody"], NOBODY, label="no such role"),
        Case("provision:costs_staff_add", allowed=MANAGERS),
        Case("provision:costs_provision", provision(), MANAGERS, needs=("extra_cost", "role_costs")),
        Case("provision:costs_review", provision(), MANAGERS),
        Case("provision:funding", allowed=MANAGERS, needs=("provision", "role_costs", "allocation", "top_up")),
        Case("provision:funding_allocation_add", allowed=MANAGERS),
        Case("provision:funding_allocation_edit", lambda w: [w.allocation.start_year], MANAGERS),
        Case("provision:top_ups", maya(), MANAGERS, needs=("top_up", "provision", "role_costs")),
        Case("provision:top_ups", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case("provision:top_up_add", maya(), MANAGERS),
        Case("provision:top_up_edit", maya("top_up"), MANAGERS),
        Case("provision:top_up_edit", lambda w: [w.other_pupil.pk, w.top_up.pk], NOBODY, label="under another pupil"),
        post("provision:costs_role", lambda w: ["teacher"], {"hourly_pence": "46.00"}),
        post("provision:costs_staff_add", lambda w: [], lambda w: {"user": w.ta.pk, "hourly_pence": "20.00"}),
        post("provision:costs_staff_remove", lambda w: [w.staff_cost.pk], {}),
        post("provision:costs_provision", provision(), EXTRA),
        post("provision:costs_extra_remove", provision("extra_cost"), {}),
        post("provision:costs_review", provision(), {"reviewed_on": "2026-11-02", "review_note": "It helped."}),
        post("provision:funding_allocation_add", lambda w: [], ALLOCATION),
        post("provision:funding_allocation_edit", lambda w: [w.allocation.start_year], ALLOCATION),
        post("provision:top_up_add", maya(), TOP_UP),
        post("provision:top_up_edit", maya("top_up"), {**TOP_UP, "status": "agreed", "decided_on": "2026-11-01"}),
    ],
)
test_permissions = TABLE.test()
