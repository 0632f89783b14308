"""Counts that cannot identify a child: small numbers withheld, and any figure that would give one away.

Every aggregate that governors, LA officers or API callers see goes through ``suppress``:

1. Primary suppression: a count from 1 to ``SMALL_NUMBER_THRESHOLD - 1`` (default 1 to 4) is withheld.
   Nought is shown: it says no child is in a group, which picks nobody out.
2. Secondary suppression: a table's figures are tied together by its sums (a column adds up to its
   total; the areas of need add up to the pupils with SEN). If the figures still shown would let a
   withheld one be worked out, another figure on the same sum is withheld too: the smallest that is
   not nought (a nought would tell the reader the withheld pair holds fewer than 5 between them),
   otherwise the total. This repeats until no withheld figure follows from the shown ones.

"Worked out" is decided exactly, by linear algebra over the sums, not by the rule of thumb "never one
withheld figure alone on a line": that rule misses a figure pinned by a chain of lines through a table.

Every withheld figure reads the same ("withheld") whether it is small or was withheld to protect a
small one: a reader told which figures are small could narrow the others down (a pair summing to 6,
one "fewer than 5" and one not, leaves one possibility).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from django.conf import settings

K = TypeVar("K", bound=Hashable)

WITHHELD = "withheld"


def threshold() -> int:
    return settings.SMALL_NUMBER_THRESHOLD


def withheld_note() -> str:
    """The sentence a page shows above its figures."""
    return (
        f"A count of fewer than {threshold()} is withheld, and so is any other figure that would let "
        "one be worked out, so that no child can be identified."
    )


@dataclass(frozen=True)
class Shown:
    """A figure as shown: its value, or None when withheld. In a page it reads as the number or "withheld"."""

    value: int | None

    @property
    def withheld(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return WITHHELD if self.value is None else str(self.value)


@dataclass(frozen=True)
class Sum:
    """``total`` is the sum of ``parts``: a row or column and its total, as the reader can add them up."""

    total: Hashable
    parts: Sequence[Hashable]

    def figures(self) -> list[Hashable]:
        return [self.total, *self.parts]


def suppress(
    values: Mapping[K, int],
    sums: Iterable[Sum] = (),
    *,
    hidden: Iterable[K] = (),
    limit: int | None = None,
) -> dict[K, Shown]:
    """Withhold small counts and whatever would reveal them; returns every figure in ``values`` not ``hidden``.

    ``hidden`` names figures the page never shows but that take part in the sums (the pupils with SEN
    when only their split into support and plans is shown): they are unknown to the reader from the start.
    """
    limit = threshold() if limit is None else limit
    sums = list(sums)
    hidden_keys = set(hidden)
    order = {key: i for i, key in enumerate(values)}  # ties go to the figure listed first
    withheld = {key for key, value in values.items() if 0 < value < limit and key not in hidden_keys}
    # Figures that must not be worked out: the withheld ones, and hidden ones that are themselves small.
    protected = set(withheld) | {key for key in hidden_keys if 0 < values[key] < limit}
    while True:
        unknown = withheld | hidden_keys
        exposed = sorted((key for key in protected if key in determined(unknown, sums)), key=order.__getitem__)
        if not exposed:
            break
        choice = _next_to_withhold(exposed[0], values, sums, unknown, order)
        if choice is None:  # everything on the sums is withheld already
            break
        withheld.add(choice)
        protected.add(choice)
    return {key: Shown(None if key in withheld else value) for key, value in values.items() if key not in hidden_keys}


def _next_to_withhold(
    key: Hashable, values: Mapping, sums: Sequence[Sum], unknown: set, order: Mapping
) -> Hashable | None:
    near = [k for s in sums if key in s.figures() for k in s.figures() if k not in unknown]
    candidates = near or [k for s in sums for k in s.figures() if k not in unknown]
    if not candidates:
        return None
    # The smallest figure that is not nought; nought only when nothing else is left.
    return min(candidates, key=lambda k: (values[k] == 0, values[k], order[k]))


def determined(unknown: set, sums: Sequence[Sum]) -> set:
    """The unknown figures whose values follow from the sums and the figures shown.

    Each sum is the equation ``parts - total = 0``; with the shown figures moved to the right-hand
    side, an unknown is fixed exactly when its unit vector lies in the row space of the equations
    restricted to the unknowns. Exact arithmetic (fractions): no rounding can hide or invent a solution.
    """
    columns = sorted(unknown, key=repr)
    index = {key: i for i, key in enumerate(columns)}
    rows: list[list[Fraction]] = []
    for s in sums:
        row = [Fraction(0)] * len(columns)
        for key in s.parts:
            if key in index:
                row[index[key]] += 1
        if s.total in index:
            row[index[s.total]] -= 1
        if any(row):
            rows.append(row)
    reduced = _row_reduce(rows)
    found = set()
    for key, i in index.items():
        vector = [Fraction(0)] * len(columns)
        vector[i] = Fraction(1)
        for pivot, row in reduced:
            if vector[pivot]:
                factor = vector[pivot]
                vector = [a - factor * b for a, b in zip(vector, row, strict=True)]
        if not any(vector):
            found.add(key)
    return found


def _row_reduce(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form: (pivot column, row) pairs, each pivot 1 and nought in every other row."""
    rows = [list(row) for row in rows]
    reduced: list[tuple[int, list[Fraction]]] = []
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot_row = next((row for row in rows if row[column]), None)
        if pivot_row is None:
            continue
        rows.remove(pivot_row)
        pivot_row = [a / pivot_row[column] for a in pivot_row]
        rows = [[a - row[column] * b for a, b in zip(row, pivot_row, strict=True)] for row in rows]
        reduced = [(p, [a - r[column] * b for a, b in zip(r, pivot_row, strict=True)]) for p, r in reduced]
        reduced.append((column, pivot_row))
    return reduced


def suppress_column(values: Sequence[int], *, limit: int | None = None) -> list[Shown]:
    """Figures with no total shown or implied: each is withheld on its own when small."""
    shown = suppress(dict(enumerate(values)), limit=limit)
    return [shown[i] for i in range(len(values))]
