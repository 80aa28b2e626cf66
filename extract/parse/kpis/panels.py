"""Tables set side by side inside one ruled grid: split into one table per panel.

Parish and town council accounts often print two small tables in one ruled box,
each under a heading that spans its own columns::

    | MAIN ACCOUNT        |   | PLAYGROUND ACCOUNT     |
    | BALANCE B/F | 8,645 |   | BALANCE B/F | 5,290    |
    | INCOME      | 9,633 |   | INCOME      | 138,547  |

pdfplumber returns that as one grid, so the second panel's labels ("BALANCE B/F")
looked like values of the first row, and the spanning headings were dropped as
headings over several columns. A heading that spans columns is told by the cells
pdfplumber leaves ``None`` (covered by a merged cell) after it. Where a row holds
two or more such spanning headings and nothing else, and each span has labels in
its first column and values beside them in the rows below, each span is a table
of its own, and its heading names its value column (the heading as printed is the
column, as FORMAT.md asks). A later row of spanning headings starts new panels
(an "Income" pair of panels followed by an "Expenditure" pair in the same box).
"""

from __future__ import annotations

from typing import Optional

from .cells import amount_in_cell, parse_cell, rag_of

Row = list[Optional[str]]


def _text(cell: Optional[str]) -> str:
    return " ".join((cell or "").split())


def _is_value(cell: Optional[str]) -> bool:
    text = _text(cell)
    return bool(text) and (parse_cell(text).is_value or amount_in_cell(text) is not None)


def heading_spans(row: Row) -> list[tuple[int, int]]:
    """(first, last) column of every spanning heading of a row that holds only such headings, else []."""
    spans: list[tuple[int, int]] = []
    j = 0
    while j < len(row):
        if not _text(row[j]):
            j += 1
            continue
        if _is_value(row[j]):
            return []
        end = j
        while end + 1 < len(row) and row[end + 1] is None:
            end += 1
        if end == j:  # a heading over one column: an ordinary heading row, not panels
            return []
        spans.append((j, end))
        j = end + 1
    return spans if len(spans) >= 2 else []


def _labelled(body: list[Row], first: int, last: int) -> bool:
    """Whether a span holds a table: rows with a label in its first column and a value in another of its columns."""
    return any(_text(r[first]) and not _is_value(r[first]) and not rag_of(_text(r[first]), rag_column=True)
               and any(_is_value(c) for c in r[first + 1:last + 1]) for r in body if len(r) > last)


def _panel(heading: str, rows: list[Row], first: int, last: int) -> list[Row]:
    """One panel's rows; the heading stands over the panel's value column when it has one, else over its first."""
    body = [list(r[first:last + 1]) for r in rows]
    width = last - first + 1
    value_cols = [j for j in range(1, width) if any(_is_value(r[j]) for r in body if j < len(r))]
    head: Row = [""] * width
    head[value_cols[0] if len(value_cols) == 1 else 0] = heading
    if len(value_cols) != 1:
        head[1:] = [None] * (width - 1)  # still a heading over all the panel's columns
    return [head] + body


def split_panels(rows: list[Row]) -> list[list[Row]]:
    """The grid as one or more tables: each run of rows under a row of spanning headings, split at the spans
    when every span holds a labelled table; other rows stay together, in order. A row that starts under a
    merged cell (its first cell ``None``) continues the row above (an item's wrapped description), so it never
    heads panels."""
    candidates = [i for i, r in enumerate(rows) if r and r[0] is not None and heading_spans(r)]
    heads = []
    for k, h in enumerate(candidates):
        end = candidates[k + 1] if k + 1 < len(candidates) else len(rows)
        spans = heading_spans(rows[h])
        if spans[0][0] == 0 and all(_labelled(rows[h + 1:end], a, b) for a, b in spans):
            heads.append(h)  # panels start at the table's left edge, each with labels of its own
    if not heads:
        return [rows]
    out: list[list[Row]] = []
    if heads[0] > 0:
        out.append(rows[:heads[0]])
    for k, h in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(rows)
        out.extend(_panel(rows[h][a] or "", rows[h + 1:end], a, b) for a, b in heading_spans(rows[h]))
    return out
