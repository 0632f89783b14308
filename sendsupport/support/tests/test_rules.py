"""The support rules, tested with rules.test_rule (no free pass for anyone)."""

from __future__ import annotations

import pytest
import rules

from sendsupport.testing.personas import FAMILY, MANAGERS, STAFF

EXPECTED = {
    "support.view": FAMILY,
    "support.view_staff_record": STAFF,
    "support.raise_concern": STAFF,
    "support.add_note": STAFF,
    "support.manage": MANAGERS,
}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_rule_allows_only_the_right_personas(rule, personas, pupil):
    allowed = {name for name, user in personas.items() if rules.test_rule(rule, user, pupil)}
    assert allowed == EXPECTED[rule]


def test_staff_of_another_school_get_nothing(pupil, other_school):
    from conftest import make_user
    from sendsupport.schools.models import Role, StaffMembership

    outsider = make_user("outsider")
    StaffMembership.objects.create(user=outsider, school=other_school, role=Role.SENCO)
    assert not any(rules.test_rule(rule, outsider, pupil) for rule in EXPECTED)
    assert not rules.test_rule("support.manage_outcome_bank", outsider, pupil.school)


def test_the_outcome_bank_is_kept_by_senco_and_head(personas, school):
    allowed = {name for name, user in personas.items() if rules.test_rule("support.manage_outcome_bank", user, school)}
    assert allowed == MANAGERS
