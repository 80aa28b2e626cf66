"""Attendance printed side by side: "Present | Apologies" as columns, not as running lists.

Some templates set the attendance lists next to each other, in a ruled table
(PDF cells) or as space-aligned text columns::

    PRESENT                          APOLOGIES
    Cllr A Smith (Chair)             Cllr D Jones
    Cllr B Brown

Read line by line, the two lists would run together under the first label. The
header row (every cell an attendance label) gives the columns' positions: in a
PDF the x-position of each run (``Line.runs``), in a text file the character
offset. Each cell of the rows below goes to the column whose header is nearest,
and the block is handed on as one labelled list per column, the form
``parse_attendance`` reads. The block ends at a row that spans the columns, a
new label, running text, or (text files) a blank line.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

from ...load.model import Line
from ...patterns import load_json
from .attendance import is_prose, match_label
from ..text.pattern_rules import pattern_rules

Cell = tuple[float, float, str]  # (start, end, text); points in a PDF, characters in a text file


def cells(text: str, line: Optional[Line]) -> list[Cell]:
    """The cells of a line: PDF runs (close runs joined), else text split at runs of 2+ spaces."""
    if line is not None and line.runs and line.x0 is not None:
        out: list[Cell] = []
        for a, b, t in line.runs:
            if out and a - out[-1][1] < 12:
                out[-1] = (out[-1][0], b, f"{out[-1][2]} {t.strip()}")
            elif t.strip():
                out.append((a, b, t.strip()))
        return out
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", text.rstrip())]


def _header(row: list[Cell]) -> bool:
    """A row of two or more cells, each opening with an attendance label ("Present", "Apologies:",
    "Present: Cllr A Smith")."""
    return len(row) >= 2 and all(match_label(text) for _, _, text in row)


def _nearest(columns: list[Cell], start: float, end: float) -> int:
    def distance(col: Cell) -> float:
        if start <= col[1] and end >= col[0]:
            return 0.0
        return min(abs(start - col[0]), abs(start - col[1]), abs(end - col[0]))

    return min(range(len(columns)), key=lambda k: distance(columns[k]))


def unfold_columns(rows: Iterable[tuple[str, bool, Optional[Line]]]) -> list[tuple[str, bool]]:
    """The header lines as (text, blank_before), with a side-by-side attendance block rewritten as one
    labelled list per column; every other line passes through unchanged."""
    rows = list(rows)
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(rows):
        text, blank, line = rows[i]
        head = cells(text, line)
        if _name_table_header(head) and out and match_label(out[-1][0]) and not match_label(out[-1][0])[1].strip():  # type: ignore[index]
            i = _name_column(rows, i + 1, head, out)
            continue
        if not _header(head):
            out.append((text, blank))
            i += 1
            continue
        columns: list[list[str]] = [[] for _ in head]
        positioned = line is not None and line.x0 is not None
        j = len(rows)
        for k, text_j, blank_j, row in _cell_rows(rows, i + 1):
            if (match_label(text_j) or is_prose(text_j) or (blank_j and not positioned and any(columns))
                    or _spans(row, head)):
                j = k
                break
            for start, end, cell in row:
                columns[_nearest(head, start, end)].append(cell)
        for (_, _, label), names in zip(head, columns):
            out.append((label if match_label(label)[1].strip() else label.rstrip(":") + ":", True))  # type: ignore[index]
            out.extend((name, False) for name in names)
        i = j
    return out


def _name_table_header(row: list[Cell]) -> bool:
    """A table header under an attendance label ("Member | Party | Ward"): the first cell names
    the column of people, the others (group, ward, role) hold something else."""
    if len(row) < 2 or len(row) > 4:
        return False
    first = _name_heading().match(row[0][2].strip(" :"))
    return bool(first) and all(len(t.split()) <= 4 and not match_label(t) for _, _, t in row[1:])


@pattern_rules("minutes.json")
def _name_heading() -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(load_json("minutes.json")["name_column_headings"]) + r")$", re.I)


def _name_column(rows: list[tuple[str, bool, Optional[Line]]], j: int, head: list[Cell],
                 out: list[tuple[str, bool]]) -> int:
    """Append the names column of a names table (one name per row) to ``out``; the index after the table."""
    first = True
    for k, text_j, blank_j, row in _cell_rows(rows, j):
        if match_label(text_j) or is_prose(text_j) or (blank_j and not first) or _spans(row, head):
            return k
        names = [cell for start, end, cell in row if _nearest(head, start, end) == 0]
        if names:
            out.append((" ".join(names), False))
        first = False
    return len(rows)


def _cell_rows(rows: list[tuple[str, bool, Optional[Line]]], j: int) -> Iterator[tuple[int, str, bool, list[Cell]]]:
    """(index, text, blank_before, cells) of each row from ``j`` on that holds any cell (empty rows skipped)."""
    for k in range(j, len(rows)):
        text, blank, line = rows[k]
        row = cells(text, line)
        if row:
            yield k, text, blank, row


def _spans(row: list[Cell], head: list[Cell]) -> bool:
    """A cell that runs from its column into the next one: a full-width line, not a list entry."""
    order = sorted(range(len(head)), key=lambda k: head[k][0])
    for start, end, _ in row:
        k = order.index(_nearest(head, start, end))
        if k + 1 < len(order) and end > head[order[k + 1]][0] + 2:
            return True
    return False
