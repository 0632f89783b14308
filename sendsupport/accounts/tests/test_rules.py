"""The permission rules, persona by persona: deny by default, for superusers too."""

from __future__ import annotations

import pytest
import rules

from sendsupport.testing.personas import FAMILY, MANAGERS

pytestmark = pytest.mark.django_db

EXPECTED = {
    # rule: (object, personas allowed)
    "manage_school": ("school", MANAGERS),
    "view_school_audit": ("school", MANAGERS),
    "view_school_aggregates": ("school", MANAGERS | {"governor"}),
    "view_pupil": ("pupil", FAMILY),
    "change_pupil": ("pupil", MANAGERS),
}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_rule_allows_only_the_right_personas(rule, personas, school, pupil):
    target, allowed = EXPECTED[rule]
    obj = {"school": school, "pupil": pupil}[target]
    for persona, user in personas.items():
        assert rules.test_rule(rule, user, obj) == (persona in allowed), f"{rule} for {persona}"


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_no_rule_allows_anything_at_another_school(rule, personas, other_school):
    from conftest import make_pupil

    target, _ = EXPECTED[rule]
    obj = {"school": other_school, "pupil": make_pupil(other_school)}[target]
    assert not any(rules.test_rule(rule, user, obj) for user in personas.values())


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_a_superuser_and_a_missing_object_get_nothing(rule, school, pupil, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    target, _ = EXPECTED[rule]
    assert not rules.test_rule(rule, root, {"school": school, "pupil": pupil}[target])
    assert not rules.test_rule(rule, root, None)
