"""A ruled row stacking several items in its cells, split into one row per item by where the lines lie.

Capital forecasts and budget schedules put all of a year's projects in one ruled
row: the description cell lists them one under another, some wrapped over
several lines, with a little space between items, and the estimate cell beside
it lists their amounts, each level with its item (at its first line, or centred
beside it)::

    2028 | Pump 2 year 1 of 5                 | $700,000
         |                                    |
         | Station 1/Comm Centre Exterior     | $87,500
         | ***may be repainted, lowering      | (1/2 w/ Rec)
         | estimate depending on building     |
         | condition.                         |

Counting lines cannot tell the items apart (five description lines, two
amounts); their positions can. The description's lines are grouped into items
at the gaps wider than the line spacing (or one item a line, where another column
prints something level with each line: a funding method per project), and each amount goes to the item nearest
to it, in order (an amount takes no item above the one before it); a line of the
amounts cell that is no number ("(1/2 w/ Rec)") is a note, left out. Items given
no amount stay as label-only rows. A row is split only where its amounts fall to
two or more items, or its one amount to an item below the first: a wrapped label
with its value beside it is one item, however its lines are spaced.
"""

from __future__ import annotations

from typing import Optional

from .cells import COVERED, CellLines, parse_cell

ITEM_GAP = 0.8  # of a line's height: a wider gap between two lines of a cell parts two items
ALIGN = 2.5  # points: two lines whose tops differ by less stand side by side


def _value_lines(cell: str) -> list[int]:
    return [i for i, part in enumerate(cell.split("\n")) if parse_cell(part.strip()).is_value]


def _anchor(row: list[str]) -> Optional[int]:
    """The column of the row's stacked amounts: the positioned cell with the most value lines, its first line a
    value (lines after may be notes)."""
    best, count = None, 0
    for j, cell in enumerate(row):
        if j == 0 or not isinstance(cell, CellLines) or not cell.lines:
            continue
        values = _value_lines(cell)
        if values and values[0] == 0 and len(values) > count:
            best, count = j, len(values)
    return best


def items_of(text: CellLines) -> list[tuple[int, int]]:
    """(first, end) line indexes of each item of a cell: lines parted by a gap wider than ``ITEM_GAP``."""
    out: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(text.lines)):
        (_, above), (top, bottom) = text.lines[i - 1], text.lines[i]
        if top - above > ITEM_GAP * (bottom - top):
            out.append((first, i))
            first = i
    out.append((first, len(text.lines)))
    return out


def _line_by_line(label: CellLines, other: str) -> bool:
    """Whether another stacked text cell has a line level with each of the label's lines, and no more."""
    if not isinstance(other, CellLines) or len(other.lines) != len(label.lines):
        return False
    return all(abs(a[0] - b[0]) < ALIGN for a, b in zip(label.lines, other.lines))


def _middle(span: tuple[float, float]) -> float:
    return (span[0] + span[1]) / 2


def assign(items: list[tuple[float, float]], amounts: list[tuple[float, float]]) -> Optional[list[int]]:
    """The item of each amount: the nearest by their middles, never above the previous amount's item."""
    out: list[int] = []
    for amount in amounts:
        floor = out[-1] + 1 if out else 0
        if floor >= len(items):
            return None
        out.append(min(range(floor, len(items)), key=lambda k: abs(_middle(items[k]) - _middle(amount))))
    return out


def split_by_position(row: list[str]) -> Optional[list[list[str]]]:
    """The row's items, one row each (cells of one line stay on the first), or None when the row is not stacked."""
    j = _anchor(row)
    if j is None:
        return None
    anchor = row[j]
    assert isinstance(anchor, CellLines)
    values = _value_lines(anchor)
    texts = [k for k, c in enumerate(row) if k != j and isinstance(c, CellLines) and len(c.lines) >= 2
             and not _value_lines(c)]
    if not texts:
        return None
    label = row[texts[0]]
    assert isinstance(label, CellLines)
    items = items_of(label)
    if any(_line_by_line(label, row[k]) for k in texts[1:]):  # a method printed against each line: one item a line
        items = [(i, i + 1) for i in range(len(label.lines))]
    spans = [(label.lines[a][0], label.lines[b - 1][1]) for a, b in items]
    owners = assign(spans, [anchor.lines[i] for i in values])
    if owners is None or len(items) < 2 or (len(owners) == 1 and owners[0] == 0):
        return None
    out: list[list[str]] = []
    for n, (first, end) in enumerate(items):
        top = label.lines[first][0] - 0.5
        bottom = label.lines[end][0] - 0.5 if end < len(label.lines) else float("inf")
        cells: list[str] = []
        for k, cell in enumerate(row):
            if k == j:
                cells.append(anchor.split("\n")[values[owners.index(n)]] if n in owners else "")
            elif isinstance(cell, CellLines) and len(cell.lines) >= 2:
                parts = cell.split("\n")
                cells.append("\n".join(p for p, (t, _) in zip(parts, cell.lines) if top <= t < bottom))
            else:  # a cell of one line (the year, the payee) spans the items: the rows below it are covered
                cells.append(cell if n == 0 else (COVERED if k == 0 else ""))
        out.append(cells)
    return out



def level_of(cell: str, row: list[str]) -> int:
    """Which line of the row's stacked cells a one-line cell is printed beside ("2031" in a FOR USE column,
    level with the third reserve listed); 0 when positions are not known or it is beside none."""
    if not isinstance(cell, CellLines) or len(cell.lines) != 1:
        return 0
    top = cell.lines[0][0]
    for other in row:
        if isinstance(other, CellLines) and len(other.lines) >= 2:
            near = [i for i, (t, _) in enumerate(other.lines) if abs(t - top) < ALIGN]
            if near:
                return near[0]
    return 0
