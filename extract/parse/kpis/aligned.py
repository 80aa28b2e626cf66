"""Headings of an unruled table read by where they stand: each heading goes to the value column under it.

A PDF table without rules prints its headings above its columns, often over two
or three lines ("Actual" / "2023/24", "Direction" / "of travel"). Read as text,
the heading lines are runs of words, and splitting them by words alone cannot say
which words stack into one heading. The page model keeps each run's place on the
line (``Line.runs``), and so do the rows: a heading run belongs to the value
column whose cells lie under it. Runs over the label column, over a column of
ratings or trends printed after the values, or across two value columns (a
spanning "2023/24" over "Budget" and "Actual", dropped as the ruled reader drops
it) name no value column. Where every value column gets a heading this way, those
are the headings; otherwise the word-based reading stands. A row with blank cells
puts each value under the column it stands in (``column_of``), not left to right.
"""

from __future__ import annotations

from typing import Optional, Sequence

from .cells import unit_of_heading

Run = tuple[float, float, str]
CURRENCY = ("$", "£", "€")


def value_spans(runs: Optional[Sequence[Run]], values: Sequence[str]) -> Optional[list[tuple[float, float]]]:
    """The x-extent of each of a row's trailing values, when each is a run of its own; else None."""
    if not runs or not values:
        return None
    merged: list[Run] = []
    for run in runs:  # "$" printed apart from its amount is one cell with it (accounting format)
        if merged and merged[-1][2].strip() in CURRENCY:
            merged[-1] = (merged[-1][0], run[1], merged[-1][2].strip() + " " + run[2])
        else:
            merged.append(run)
    if len(merged) < len(values) + 1:
        return None
    tail = merged[-len(values):]
    if [" ".join(r[2].split()) for r in tail] != [" ".join(v.split()) for v in values]:
        return None
    return [(r[0], r[1]) for r in tail]


def _bounds(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each column's reach: halfway to its neighbours, as far again beyond the outer columns."""
    out = []
    for k, (x0, x1) in enumerate(spans):
        left = (spans[k - 1][1] + x0) / 2 if k > 0 else None
        right = (x1 + spans[k + 1][0]) / 2 if k + 1 < len(spans) else None
        if left is None:
            left = x0 - ((right - x1) if right is not None else 10.0)
        if right is None:
            right = x1 + (x0 - left)
        out.append((left, right))
    return out


def headings_by_position(header_runs: Sequence[Optional[Sequence[Run]]],
                         spans: list[tuple[float, float]]) -> Optional[list[str]]:
    """One heading per value column from the heading lines' runs (top line first), or None when a line has no
    runs or a column gets no heading."""
    bounds = _bounds(spans)
    parts: list[list[str]] = [[] for _ in spans]
    for runs in header_runs:
        if not runs:
            return None
        for x0, x1, text in runs:
            centre = (x0 + x1) / 2
            over = [k for k, (a, b) in enumerate(spans) if x0 < b and x1 > a]
            if len(over) >= 2:
                continue  # a heading spanning several columns
            home = [k for k, (left, right) in enumerate(bounds) if left <= centre < right]
            if home and not (parts[home[0]] and unit_of_heading(text)):  # a unit under a heading is no part of it
                parts[home[0]].append(" ".join(text.split()))
    if not all(parts):
        return None
    return [" ".join(p) for p in parts]


def column_of(cells: list[tuple[float, float]], spans: list[tuple[float, float]]) -> Optional[list[int]]:
    """The value column each cell stands in (its centre within the column's reach), or None if one stands in
    none: a row with blank cells keeps its values under their own headings."""
    bounds = _bounds(spans)
    out = []
    for x0, x1 in cells:
        centre = (x0 + x1) / 2
        home = [k for k, (left, right) in enumerate(bounds) if left <= centre < right]
        if not home:
            return None
        out.append(home[0])
    return out
