"""Small numbers are withheld, and so is any figure that would let a withheld one be worked out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from sendsupport.core.suppression import Shown, Sum, determined, suppress, suppress_column


def shown(result: dict) -> dict:
    return {key: count.value for key, count in result.items()}


def test_it_withholds_counts_from_one_to_four_and_shows_nought_and_five(settings):
    settings.SMALL_NUMBER_THRESHOLD = 5
    assert [c.value for c in suppress_column([0, 1, 4, 5, 30])] == [0, None, None, 5, 30]
    assert str(Shown(None)) == "withheld" and str(Shown(7)) == "7"


def test_the_threshold_is_the_setting(settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    assert [c.value for c in suppress_column([7, 10])] == [None, 10]


def test_one_small_count_on_a_line_takes_the_next_smallest_with_it():
    values = {"a": 3, "b": 10, "c": 12, "total": 25}
    assert shown(suppress(values, [Sum("total", ["a", "b", "c"])])) == {"a": None, "b": None, "c": 12, "total": 25}


def test_a_nought_is_not_enough_cover_when_a_larger_figure_is_there():
    # Withholding the nought would tell the reader that the pair holds 3 between them.
    values = {"a": 3, "b": 0, "c": 12, "total": 15}
    assert shown(suppress(values, [Sum("total", ["a", "b", "c"])])) == {"a": None, "b": 0, "c": None, "total": 15}


def test_two_small_counts_on_a_line_cover_each_other_and_the_total_stays():
    values = {"a": 2, "b": 3, "c": 12, "total": 17}
    assert shown(suppress(values, [Sum("total", ["a", "b", "c"])])) == {"a": None, "b": None, "c": 12, "total": 17}


def test_the_total_goes_when_it_is_the_only_other_figure():
    values = {"a": 3, "total": 3}
    assert shown(suppress(values, [Sum("total", ["a"])])) == {"a": None, "total": None}


def test_a_hidden_figure_that_the_reader_can_add_up_still_protects_its_parts():
    # Support and plans add up to the pupils with SEN, and so do the areas of need: the reader knows
    # the SEN total from the first, so one withheld area would follow from the others.
    values = {"K": 20, "E": 6, "sen": 26, "a1": 1, "a2": 10, "a3": 15}
    result = shown(suppress(values, [Sum("sen", ["K", "E"]), Sum("sen", ["a1", "a2", "a3"])], hidden=["sen"]))
    assert "sen" not in result
    assert result == {"K": 20, "E": 6, "a1": None, "a2": None, "a3": 15}


def test_it_finds_a_figure_pinned_by_a_chain_of_lines_that_the_rule_of_thumb_misses():
    # Two blocks of four withheld cells joined by one more: every row and column has two or more
    # withheld, yet the joining cell is fixed (it is the difference of the blocks' known sums).
    cells = {(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (3, 4), (4, 3), (4, 4), (2, 3)}
    sums = [Sum(("row", i), [(i, j) for j in range(1, 5)]) for i in range(1, 5)]
    sums += [Sum(("col", j), [(i, j) for i in range(1, 5)]) for j in range(1, 5)]
    assert determined(cells, sums) == {(2, 3)}


def test_a_block_of_four_withheld_cells_cannot_be_worked_out():
    cells = {(1, 1), (1, 2), (2, 1), (2, 2)}
    sums = [Sum(("row", i), [(i, j) for j in range(1, 4)]) for i in range(1, 3)]
    sums += [Sum(("col", j), [(i, j) for i in range(1, 3)]) for j in range(1, 4)]
    assert determined(cells, sums) == set()


def table(cells: list[list[int]]) -> tuple[dict, list[Sum]]:
    """A table with its row totals, column totals and grand total, all shown unless withheld."""
    rows, cols = len(cells), len(cells[0])
    values: dict = {("cell", i, j): cells[i][j] for i in range(rows) for j in range(cols)}
    values.update({("row", i): sum(cells[i]) for i in range(rows)})
    values.update({("col", j): sum(cells[i][j] for i in range(rows)) for j in range(cols)})
    values["grand"] = sum(map(sum, cells))
    sums = [Sum(("row", i), [("cell", i, j) for j in range(cols)]) for i in range(rows)]
    sums += [Sum(("col", j), [("cell", i, j) for i in range(rows)]) for j in range(cols)]
    sums += [Sum("grand", [("row", i) for i in range(rows)]), Sum("grand", [("col", j) for j in range(cols)])]
    return values, sums


def edge(key) -> tuple[str, str]:
    """The table as a graph: a node per row and column equation (and the totals' row and column); each
    figure joins the two equations it is in. A withheld figure can be worked out exactly when it lies on
    no cycle of withheld figures (a bridge): an independent check of the linear algebra."""
    if key == "grand":
        return ("R", "total"), ("C", "total")
    kind, *where = key
    if kind == "cell":
        return ("R", where[0]), ("C", where[1])
    if kind == "row":
        return ("R", where[0]), ("C", "total")
    return ("R", "total"), ("C", where[0])


def on_a_cycle(key, withheld: set) -> bool:
    start, goal = edge(key)
    links: dict = {}
    for other in withheld - {key}:
        a, b = edge(other)
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for nxt in links.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return goal in seen


counts = st.integers(min_value=0, max_value=12)


@hypothesis_settings(max_examples=120, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=6)
    )
)
def test_no_withheld_figure_can_be_worked_out_from_the_figures_shown(cells):
    values, sums = table(cells)
    result = suppress(values, sums, limit=5)
    withheld = {key for key, count in result.items() if count.withheld}
    assert {key for key, value in values.items() if 0 < value < 5} <= withheld, "every small count is withheld"
    assert all(result[key].value == value for key, value in values.items() if key not in withheld)
    for key in withheld:
        assert on_a_cycle(key, withheld), f"{key} = {values[key]} can be worked out from {cells}"
    for s in sums:  # and so the rule of thumb holds: never one withheld figure alone on a line
        assert sum(1 for key in s.figures() if key in withheld) != 1


@hypothesis_settings(max_examples=80, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8))
def test_a_list_with_its_total_never_has_exactly_one_figure_withheld(parts):
    values = {i: value for i, value in enumerate(parts)} | {"total": sum(parts)}
    result = suppress(values, [Sum("total", list(range(len(parts))))], limit=5)
    assert sum(1 for count in result.values() if count.withheld) != 1
    assert determined({k for k, c in result.items() if c.withheld}, [Sum("total", list(range(len(parts))))]) == set()


@pytest.mark.parametrize("limit", [1, 0])
def test_a_threshold_of_one_or_less_withholds_nothing(limit):
    values, sums = table([[1, 2], [3, 4]])
    assert all(not count.withheld for count in suppress(values, sums, limit=limit).values())
