"""Minutes as rows: every line worth reading, with paragraph breaks and table cells marked.

Running heads and footers (on short papers: repeated lines in small type at the
page edges), page numbers (also in a footer's own cell) and page stamps are
dropped so they never join a resolution's text, even across a page break; a vertical gap larger than the line spacing
(PDF) or a blank line (text) marks a paragraph break; a line set in a
right-hand column, or with runs far apart, is a table cell.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ...load.model import Document, Line, Page
from ..text.dates import find_dates
from .header import is_header


@dataclass
class Row:
    """A line of the document with what the minutes parser needs to know about it."""

    text: str
    page: int
    blank_before: bool = False  # a blank line or a paragraph gap stands before it
    line: Optional[Line] = None
    table: bool = False  # a cell of a table (a run in a right-hand column)


_MARKUP = re.compile(r"\*\*|__")  # markdown emphasis in .md minutes
_PAGE_NUMBER = re.compile(r"^(?:page\s*\|?\s*)?[-–]?\s*\d{1,4}\s*[-–]?$|^page\s+\d+\s+of\s+\d+$", re.I)
# a running head or footer that ends with its page number set apart ("PARISH COUNCIL - 14 July 2025      Page 2")
_TRAILING_PAGE = re.compile(r"\S(?:[ \t]{3,}|\s*\|\s*)page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$", re.I)


def build_rows(doc: Document) -> list[Row]:
    """Every line worth reading, with paragraph breaks marked and running heads, footers and stamps dropped."""
    furniture = _running_lines(doc)
    small = _small_running_lines(doc)
    rows: list[Row] = []
    seen_heads: set[str] = set()
    for page in doc.pages:
        blank = not rows  # a page break does not end a paragraph
        prev: Optional[Line] = None
        stamps = {s.strip().lower() for s in page.stamps}
        filled = [k for k, l in enumerate(page.lines) if l.text.strip()]
        edges = set(filled[:2] + filled[-3:])
        for k, line in enumerate(page.lines):
            text = _pipe_cells(_MARKUP.sub("", line.text).strip())
            if not text:
                blank = True
                continue
            if (k in edges and _PAGE_NUMBER.match(text)) or text.lower() in stamps:
                continue
            if k in edges and _TRAILING_PAGE.search(line.text.rstrip()):
                continue
            if k in edges and len(line.runs or []) > 1 and _page_cell(line):
                continue  # a footer that carries the page number in its own cell ("Minutes ... | Page 1 of 2")
            if k in edges and _norm(text) in small and _small(line, page):
                continue  # a running head or footer in small type, repeated on another page
            if k in edges and _norm(text) in furniture:
                if not (is_header(text) and _norm(text) not in seen_heads):
                    continue  # a running head; a minutes header printed as one is kept where it first stands
                seen_heads.add(_norm(text))
            gap = False
            if prev is not None and line.top is not None and prev.bottom is not None:
                size = line.size or 10.0
                gap = (line.top - prev.bottom) > 0.7 * size
            rows.append(Row(text=text, page=page.number, blank_before=blank or gap, line=line,
                            table=_is_table_line(line, page)))
            blank = False
            prev = line
    return _lift_middle_numbers(rows)


_CELL_NUMBER = re.compile(r"^\d{1,4}[a-z]?\.?$")


def _lift_middle_numbers(rows: list[Row]) -> list[Row]:
    """Minutes set as a table whose number cell is centred in its row print the number beside the middle
    of the item's text: the text's first lines come before it and the rest after ("Minutes of the last
    meeting. RESOLVED that the minutes" / "3" / "be approved."). The number belongs to the cell's first
    line: it is moved there, so the heading reads "3   Minutes of the last meeting ...". Only where the
    lines above it start a cell (a gap above the first), stand right of the number's column, and run on
    past it mid-sentence."""
    out = list(rows)
    k = 1
    while k < len(out):
        row = out[k]
        runs = row.line.runs if row.line is not None else None
        if not runs or row.blank_before or not _CELL_NUMBER.match(runs[0][2].strip()):
            k += 1
            continue
        x = runs[0][0]
        b = k - 1
        while b > 0 and not out[b].blank_before and out[b].page == row.page and k - b < 6:
            b -= 1
        block = out[b:k]
        after = out[k + 1] if k + 1 < len(out) else None
        text_x = block[0].line.x0 if block[0].line is not None and block[0].line.x0 is not None else 0.0
        ok = (out[b].blank_before and all(r.page == row.page and r.line is not None and r.line.x0 is not None
                                           and r.line.x0 > x + 15 and not r.table for r in block)
              and not re.search(r"[.:;!?]$", block[-1].text)
              and (len(runs) > 1 and abs(runs[1][0] - text_x) <= 6  # the middle line beside it
                   or after is not None and after.line is not None and after.line.x0 is not None
                   and abs(after.line.x0 - text_x) <= 6))
        if not ok:
            k += 1
            continue
        first, number = out[b], runs[0]
        assert first.line is not None and row.line is not None
        lifted = Line(text=f"{number[2].strip()}   {first.text}", x0=number[0], top=first.line.top, x1=first.line.x1,
                      bottom=first.line.bottom, size=first.line.size, bold=first.line.bold,
                      runs=[number] + list(first.line.runs or [(first.line.x0 or 0, first.line.x1 or 0, first.text)]))
        out[b] = Row(text=lifted.text, page=first.page, blank_before=first.blank_before, line=lifted, table=first.table)
        rest = runs[1:]
        if rest:
            line = Line(text="   ".join(t.strip() for _, _, t in rest), x0=rest[0][0], top=row.line.top,
                        x1=row.line.x1, bottom=row.line.bottom, size=row.line.size, bold=row.line.bold, runs=rest)
            in_text = abs(rest[0][0] - (first.line.x0 or 0)) <= 6  # the cell's middle line, or an Action cell
            out[k] = Row(text=line.text, page=row.page, blank_before=False, line=line, table=not in_text)
            k += 1
        else:
            del out[k]
    return out


def _pipe_cells(text: str) -> str:
    """A row of a Markdown table ("| 1. | Apologies: |   |   |") as its cells set apart by spaces
    ("1.   Apologies:"), as a PDF's table row reads; a rule row ("| --- | --- |") or a row of empty cells
    is no text."""
    if not text.startswith("|"):
        return text
    cells = [c.strip() for c in text.strip("|").split("|")]
    if all(re.fullmatch(r"[-:\s]*", c) for c in cells):
        return ""
    return "   ".join(c for c in cells if c)


def _page_cell(line: Line) -> bool:
    """Does ``line`` end with a page number in a run of its own? Not when that run is the year of a date
    the line ends with ("... held at 1930hrs   15th June 2021", the year placed apart by the paper)."""
    last = (line.runs or [])[-1][2].strip()
    if not _PAGE_NUMBER.match(last):
        return False
    dates = find_dates(line.text.rstrip())
    return not (dates and dates[-1].end == len(line.text.rstrip()))


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _running_lines(doc: Document) -> set[str]:
    """Running heads and footers: the same line (numbers aside) at the top or foot of many pages."""
    if len(doc.pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in doc.pages:
        texts = [l.text for l in page.lines if l.text.strip()]
        edge = set(_norm(t) for t in texts[:2] + texts[-3:])
        seen.update(edge)
    need = max(3, int(0.3 * len(doc.pages)))
    return {t for t, n in seen.items() if n >= need and len(t) > 3}


def _median_size(page: Page) -> Optional[float]:
    sizes = sorted(l.size for l in page.lines if l.size and l.text.strip())
    return sizes[len(sizes) // 2] if sizes else None


def _small(line: Line, page: Page) -> bool:
    median = _median_size(page)
    return bool(line.size and median and line.size <= median - 1)


def _small_running_lines(doc: Document) -> set[str]:
    """Running heads and footers of short papers: a line in small type at a page edge that repeats at
    another page's edge (``_running_lines`` needs three pages to be sure of larger type)."""
    seen: Counter[str] = Counter()
    for page in doc.pages:
        filled = [l for l in page.lines if l.text.strip()]
        edge = filled[:2] + filled[-3:]
        seen.update({_norm(l.text) for l in edge if _small(l, page)})
    return {t for t, n in seen.items() if n >= 2 and len(t) > 3}


def _is_table_line(line: Line, page: Page) -> bool:
    """A row of a table: runs far apart on one line, or a line that starts in a right-hand column."""
    if line.x0 is None:
        return False
    width = page.width or 595.0
    if line.x0 > 0.4 * width:
        return True
    runs = line.runs or []
    for (a0, a1, at), (b0, _, _) in zip(runs, runs[1:]):
        left = at.strip()
        if b0 - a1 > 20 and len(left) > 3 and not re.match(r"^[\W\d]+$", left) and not left.endswith(":"):
            return True
    return False
