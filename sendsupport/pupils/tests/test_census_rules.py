import pytest

from sendsupport.pupils.census_rules import check_sen_record


def rules_broken(provision, needs):
    return {rule_break.rule for rule_break in check_sen_record(provision, needs)}


@pytest.mark.parametrize(
    ("provision", "needs"),
    [("N", []), ("K", [("SLCN", 1)]), ("K", [("NSA", 1)]), ("E", [("ASD", 1), ("SLCN", 2)])],
)
def test_it_accepts_valid_records(provision, needs):
    assert rules_broken(provision, needs) == set()


@pytest.mark.parametrize(
    ("provision", "needs", "rule"),
    [
        ("N", [("SLCN", 1)], "no_needs_with_n"),
        ("K", [], "need_required"),
        ("E", [], "need_required"),
        ("E", [("NSA", 1)], "nsa_only_with_k"),
        ("K", [("SLCN", 1), ("ASD", 1)], "ranks_distinct"),
        ("K", [("SLCN", 2)], "single_is_rank_1"),
        ("K", [("SLCN", 1), ("SLCN", 2)], "types_distinct"),
        ("K", [("SLCN", 1), ("ASD", 2), ("MLD", 3)], "at_most_two"),
        ("K", [("XYZ", 1)], "need_type_valid"),
        ("S", [], "provision_valid"),
        ("A", [], "provision_valid"),
    ],
)
def test_it_names_each_broken_census_rule(provision, needs, rule):
    assert rule in rules_broken(provision, needs)


def test_every_break_has_a_field_and_plain_message():
    for rule_break in check_sen_record("E", [("NSA", 2)]):
        assert rule_break.field in {"provision", "primary_need", "secondary_need"}
        assert rule_break.message.endswith(".")
