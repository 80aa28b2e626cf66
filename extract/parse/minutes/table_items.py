"""Items of minutes set as a table: number, title and the minute's text in columns of their own.

"24/02 | Minutes of the last | The minutes were read. RESOLVED that the minutes of the" with the next
line "        | meeting             | held on 12 December 2023 be approved." is one item whose title and
text both wrap inside their cells. Read line by line, the second line is a table row that no paragraph
takes, so the title lost its end and the decision its second half. Here the heading row's columns say
where each cell stands, and every following line is split along them: what stands under the title
(while the title wraps, before any text of its own) ends the title, what stands under the text column
is the minute's text, a line of its own joined to the paragraph above.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .items import ItemHeading
from .resolutions import tidy
from .rows import Row

COLUMN_SLACK = 6.0  # points a wrapped cell line may stand off its column's edge


def _columns(head: Row) -> Optional[tuple[float, float]]:
    """(x of the title column, x of the text column) of a heading row set as three cells or more."""
    runs = head.line.runs if head.line is not None else None
    if not head.table or not runs or len(runs) < 3:
        return None
    title_x, text_x = runs[1][0], runs[2][0]
    return (title_x, text_x) if text_x - title_x > 20 else None


def split_item_columns(heading: ItemHeading, head: Row, body: list[Row]) -> tuple[ItemHeading, list[Row]]:
    """The item's heading with its wrapped title completed, and its body rows with the text column's lines
    as plain rows. Unchanged where the heading row is not set as cells with the text beside the title."""
    columns = _columns(head)
    if columns is None or not heading.rest:
        return heading, body
    title_x, text_x = columns
    title = [heading.title]
    rows: list[Row] = []
    title_open = True
    for row in body:
        runs = row.line.runs if row.line is not None else None
        if not runs:
            rows.append(row)
            title_open = False
            continue
        in_title = [t.strip() for x, _, t in runs if abs(x - title_x) <= COLUMN_SLACK]
        in_text = [t.strip() for x, _, t in runs if x >= text_x - COLUMN_SLACK]
        if not in_title and not in_text or len(in_title) + len(in_text) < len(runs):
            rows.append(row)  # a line of some other shape (a table of its own, a note in the margin)
            title_open = False
            continue
        if in_title and title_open:
            title.append(" ".join(in_title))
        elif in_title:
            in_text = in_title + in_text
        title_open = title_open and bool(in_title)
        if in_text:
            rows.append(replace(row, text=" ".join(in_text), table=False, blank_before=False))
    return replace(heading, title=tidy(" ".join(title))), rows


__all__ = ["split_item_columns"]
