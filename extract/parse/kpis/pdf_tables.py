"""KPI tables in PDFs, read with pdfplumber's table finder on the pages that need it.

The finder runs on pdfium's drawing and characters (``pdfium_page``), not on
pdfminer's parse of the page, which cost some 0.2 s a table page; it still runs
only on pages the page model says hold a table (lines with several runs of
text and numbers, RAG words, "Latest: 97%" cells), and closes each page at once:
memory stays flat however long the document.

A found table becomes rows of cells; the header rows (above the first row with a
value) name the columns, a heading that is only a unit ("£000s", "%") gives the
unit instead; a table that runs on to the next page is joined to the part
before it (a repeated header row is dropped, a first row with no label continues
the last row). Each value cell becomes one record; a RAG word in the row rates
the row's current value; "Target: 97%, Floor: 90%" gives one record per label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ...load.model import Document, Page
from ...record import Kpi
from .panels import split_panels
from .stacked import level_of, split_by_position
from .text_tables import join_label, years_heading
from .cells import (COVERED, CellLines, Covered, amount_in_cell, is_reference_code, inline_pairs, is_breakdown_heading, is_rag_heading, measure_line, norm,
                    parse_cell, parse_period, rag_of, unit_of_heading, words)

MIN_NUMERIC_LINES = 2  # page-model lines with several runs, one a number, before pdfplumber is asked


def likely_table_page(page: Page) -> bool:
    """Cheap test on the page model: could pdfplumber find a KPI table here?"""
    numeric = inline = 0
    for line in page.lines:
        runs = line.runs or []
        if len(runs) >= 2 and any(parse_cell(r[2]).value is not None or amount_in_cell(r[2]) for r in runs):
            numeric += 1
        if ":" in line.text and inline_pairs(line.text):
            inline += 1
    # RAG words alone (a traffic-light list) or many runs of prose in columns hold no values: not worth pdfplumber
    return numeric >= MIN_NUMERIC_LINES or inline >= 1


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    page_height: float
    rows: list[list[str]]
    header: list[list[str]] = field(default_factory=list)
    body: list[tuple[int, list[str]]] = field(default_factory=list)  # (page, cells)
    units: list[Optional[str]] = field(default_factory=list)
    title: Optional[str] = None
    above: list[str] = field(default_factory=list)  # the page's lines above the table, nearest first


def _clean(rows: list[list[Optional[str]]]) -> list[list[str]]:
    """None (a merged cell) and whitespace-only cells as '', columns empty in every row dropped."""
    grid = [[norm_cell(c) for c in row] for row in rows]
    if not grid:
        return []
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    grid = [r for r in grid if any(r)]
    if len(grid) < 2:  # a lone row carried over to the next page keeps its width, to be joined to its table
        return grid
    keep = [j for j in range(width) if any(r[j] for r in grid)]
    return [[r[j] for j in keep] for r in grid]


def norm_cell(cell: Optional[str]) -> str:
    """A cell's lines stripped; a cell that knows where its lines lie (``CellLines``) keeps them."""
    if cell is None:
        return COVERED
    parts = [part.strip() for part in str(cell).split("\n")]
    text = "\n".join(parts).strip()
    lines = getattr(cell, "lines", ())
    if lines and len(lines) == len(parts) and text.count("\n") == len(parts) - 1:
        return CellLines.of(text, lines)
    return text


def _one_line(cell: str) -> str:
    return join_label(cell.split("\n"))


def _has_value(row: list[str]) -> bool:
    for cell in row[1:]:
        if not cell:
            continue
        parsed = parse_cell(_one_line(cell))
        if parsed.value is not None or inline_pairs(_one_line(cell)) or amount_in_cell(cell):
            return True
    return False


def _years_row(row: list[str]) -> bool:
    """A heading row of years, one a column ("Area | 2019 | 2020 | 2021"): its numbers are headings, not values."""
    return years_heading([_one_line(c) for c in row[1:] if c.strip()])


def _rated_label(row: list[str]) -> bool:
    """A label with only a RAG rating beside it: an indicator's title row, not a heading row."""
    others = [c for c in row[1:] if c]
    return bool(row[0]) and len(others) == 1 and rag_of(_one_line(others[0])) is not None


def read_pdf_tables(doc: Document, warnings: list[str]) -> tuple[list[Kpi], set[int]]:
    """Records from pdfplumber tables, and the pages they came from (the text reader skips those)."""
    candidates = [p.number for p in doc.pages if p.text_source != "none" and likely_table_page(p)]
    if not candidates:
        return [], set()
    from ...load.pdf import open_pdf
    from .pdfium_page import find_table_boxes

    tables: list[_Table] = []
    try:
        pdf = open_pdf(doc.path, password=doc.metadata.get("password") or None)
    except Exception as exc:  # the loader read it a moment ago; if it cannot now, tables are read from text
        warnings.append(f"KPI tables: cannot reopen this PDF ({exc.__class__.__name__}); tables read from text")
        return [], set()
    try:
        for number in candidates:
            if number - 1 >= len(pdf):
                continue
            page = pdf[number - 1]
            try:
                height = float(page.get_height())
                for bbox, found in find_table_boxes(page, spaced=True):
                    for rows in split_panels(found):  # tables set side by side in one grid: one table each
                        grid = split_stacked_rows(merge_split_columns(_clean(rows)))
                        if len(grid) >= 1 and len(grid[0]) >= 2:
                            above = [ln.text for ln in reversed(doc.pages[number - 1].lines)
                                     if ln.bottom is not None and ln.bottom <= bbox[1] + 1]
                            tables.append(_Table(page=number, top=bbox[1], bottom=bbox[3], page_height=height,
                                                 rows=grid, above=above))
            except Exception as exc:  # one odd page must not lose the document's other tables
                warnings.append(f"page {number}: table finder failed ({exc.__class__.__name__}); skipped")
            finally:
                page.close()
    finally:
        pdf.close()
    from ..agenda import is_agenda_table

    tables = [t for t in tables if not is_label_form(t.rows) and not is_agenda_table(t.rows)
              and not is_fragmented(t.rows)]
    logical = _join_continued(tables)
    records: list[Kpi] = []
    pages: set[int] = set()
    for table in logical:
        cells = _records(table, warnings)
        if cells:
            records.extend(cells)
            pages.update(p for p, _ in table.body)
            pages.add(table.page)
    return records, pages


def merge_split_columns(grid: list[list[str]]) -> list[list[str]]:
    """Join neighbouring columns that no row fills both of: a ruling drawn a little off splits one printed
    column in two, and its cells land in either half ("2026" under YEAR in one row, beside it in the next)."""
    if len(grid) < 3 or not grid[0]:
        return grid
    cols = [list(col) for col in zip(*grid)]
    j = 0
    while j + 1 < len(cols):
        a, b = cols[j], cols[j + 1]
        filled_a, filled_b = sum(1 for c in a if c), sum(1 for c in b if c)
        if filled_a and filled_b and not any(x and y for x, y in zip(a, b)) and \
                sum(1 for x, y in zip(a, b) if x or y) >= 3:
            cols[j] = [x or y for x, y in zip(a, b)]
            del cols[j + 1]
            continue
        j += 1
    return [list(row) for row in zip(*cols)]


def split_stacked_rows(grid: list[list[str]]) -> list[list[str]]:
    """One ruled row holding several items stacked line by line ("Computer server\nMunicipal Election" beside
    "$4,000\n$3,000") becomes one row per item, where every stacked cell has as many lines as the values do; a
    cell of one line goes with the item it is printed beside (the first, where positions are not known)."""
    out: list[list[str]] = []
    for row in grid:
        placed = split_by_position(row)  # amounts lined up with the items they cost
        if placed is not None:
            out.extend(placed)
            continue
        stacked = [c.split("\n") for c in row]
        value_lines = [len(parts) for c, parts in zip(row, stacked)
                       if c and len(parts) > 1 and all(parse_cell(p.strip()).is_value for p in parts)]
        n = value_lines[0] if value_lines else 0
        texts = [parts for c, parts in zip(row, stacked) if c and len(parts) > 1 and not (
            all(parse_cell(p.strip()).is_value for p in parts))]
        if n < 2 or any(v != n for v in value_lines) or not texts or any(len(t) != n for t in texts):
            out.append(row)
            continue
        levels = [level_of(c, row) for c in row]  # a one-line cell goes with the item it is printed beside
        for k in range(n):
            out.append([parts[k].strip() if len(parts) == n else (c if k == at else "")
                        for c, parts, at in zip(row, stacked, levels)])
    return out


FRAGMENT_SHARE = 0.5  # share of a grid's cells that are scraps of words before it is no table
MIN_FRAGMENT_CELLS = 6


def is_fragmented(rows: list[list[str]]) -> bool:
    """A grid whose cells are mostly scraps of letters ("C" | "o" | "vid" | "kill" | "e"): the finder drew cells
    over a slide's text or a drawing, not a table. A table's short cells are a minority (RAG letters, "Q1")."""
    cells = [c.strip() for r in rows for c in r if c and c.strip()]
    if len(cells) < MIN_FRAGMENT_CELLS:
        return False
    scraps = sum(1 for c in cells if len(c) <= 3 and c.isalpha() and (c.islower() or len(c) == 1)
                 and not rag_of(c, rag_column=True))  # "Yes", "No", "N/A" are whole words, not scraps
    return scraps >= FRAGMENT_SHARE * len(cells)


FORM_LABEL_SHARE = 0.6  # share of first-column cells that are labels ("Date:", "Report to") in a form
FORM_VALUE_SHARE = 0.34  # a form's other cells hold numbers less often than this


def _cover_label(cell: str) -> bool:
    """A cell that is a cover-sheet label and nothing else ("Report to", "Agenda item", "Lead director")."""
    from ..reports.labels import find_label

    hit = find_label(cell)
    return hit is not None and hit.known and not hit.negative and not hit.value


def is_label_form(rows: list[list[str]]) -> bool:
    """A ruled cover table ("Meeting: | Board", "Date: | 6 June", "Agenda item: | 9") is a form of labels and
    their values, not a table of indicators: its first column is labels (ending in ":", or cover-sheet labels
    from ``patterns/cover_labels.json``) and its other cells are mostly text. A finance table whose row labels
    carry a colon ("Income: | 1,200 | 1,300") is still numbers, so it stays a table."""
    firsts = [_one_line(r[0]) for r in rows if r and r[0].strip()]
    if len(firsts) < 2:
        return False
    labelled = sum(1 for f in firsts if f.rstrip().endswith(":") or _cover_label(f))
    if labelled < FORM_LABEL_SHARE * len(firsts):
        return False
    others = [_one_line(c) for r in rows for c in r[1:] if c.strip()]
    if not others:
        return True
    numeric = sum(1 for c in others if parse_cell(c).value is not None)
    return numeric < FORM_VALUE_SHARE * len(others)


def _split_header(table: _Table) -> None:
    rows = table.rows
    first_value = next((i for i, r in enumerate(rows) if (_has_value(r) and not _years_row(r)) or _rated_label(r)),
                       len(rows))
    while 0 < first_value < len(rows) and isinstance(rows[first_value][0], Covered):
        first_value -= 1  # its label cell spans the rows above (a year over its projects): they are body rows too
    header = rows[:first_value]
    body = rows[first_value:]
    # a first row with text in its first cell only is a title or a units note ("All figures in £m")
    while header and not any(header[0][1:]) and len(header) > 1:
        text = _one_line(header[0][0])
        if unit_of_heading(text):
            table.units = [unit_of_heading(text)] * len(header[0])
        else:
            table.title = text
        header = header[1:]
    if header and not any(c for row in header for c in row[1:]):
        body = header + body  # text in the first column only: label rows (or a label carried over), not headings
        header = []
    table.header = header
    table.body = [(table.page, r) for r in body]


def _same_header(a: list[list[str]], b: list[list[str]]) -> bool:
    return bool(a) and bool(b) and [[_one_line(c).lower() for c in r] for r in a] == \
        [[_one_line(c).lower() for c in r] for r in b]


def _join_continued(tables: list[_Table]) -> list[_Table]:
    """Join a table carried over to the next page onto its first part."""
    out: list[_Table] = []
    for table in tables:
        _split_header(table)
        prev = out[-1] if out else None
        places = _carried_columns(prev, table) if prev is not None else None
        continued = (prev is not None and table.page == max(p for p, _ in prev.body or [(prev.page, [])]) + 1
                     and table.top < 0.3 * table.page_height and places is not None
                     and (not table.header or _same_header(table.header, prev.header)))
        if continued and prev is not None and places is not None:
            body = list(table.body)
            if not table.header and table.rows and not body:
                body = [(table.page, r) for r in table.rows]
            width = len(prev.rows[0])
            body = [(page, _placed(row, places, width)) for page, row in body]
            if body and prev.body:
                page, first = body[0]
                if not first[0] or not any(first[1:]):
                    last_page, last = prev.body[-1]
                    merged = [("\n".join(x for x in (a, b) if x)) for a, b in zip(last, first)]
                    prev.body[-1] = (last_page, merged)
                    body = body[1:]
            prev.body.extend(body)
            continue
        out.append(table)
    return out


def _carried_columns(prev: _Table, table: _Table) -> Optional[list[int]]:
    """Where each column of a table carried over to the next page goes in its first part: the same place when
    the grids are as wide; when the part carried over has no headings of its own and as many columns as the
    first part has headings, the headed columns in order (the first page's grid split a column the next page's
    does not: "Alsace Road (" | "1.5 km" | ") Phase 1" under one heading). None: not the same table."""
    width, carried = len(prev.rows[0]), len(table.rows[0])
    if width == carried:
        return list(range(width))
    if table.header or not prev.header:
        return None
    last = prev.header[-1]
    headed = [j for j, c in enumerate(_columns(prev, width)[0])  # each heading once, not the columns it spans
              if c and not (j < len(last) and isinstance(last[j], Covered))]
    return headed if len(headed) == carried else None


def _placed(row: list[str], places: list[int], width: int) -> list[str]:
    out = [""] * width
    for cell, j in zip(row, places):
        out[j] = cell
    return out


def _columns(table: _Table, width: int) -> tuple[list[Optional[str]], list[Optional[str]]]:
    """Column headings and units from the header rows: a heading that is only a unit gives the unit; a column
    under a heading merged over several columns (``Covered`` in the last heading row) has that heading (the
    first page of a forecast rules "ESTIMATE" over four columns and prints the amount in the second)."""
    columns: list[Optional[str]] = [None] * width
    units: list[Optional[str]] = list(table.units) + [None] * (width - len(table.units))
    for j in range(width):
        parts: list[str] = []
        for r, row in enumerate(table.header):
            cell = _one_line(row[j]) if j < len(row) else ""
            if not cell:
                continue
            spans = j + 1 < len(row) and not row[j + 1] and r < len(table.header) - 1
            unit = unit_of_heading(cell)
            if unit and parts:
                units[j] = unit  # a units row under the headings
                continue
            if unit and r > 0 and not parts:
                units[j] = unit
                parts.append(cell)  # the unit is the only heading: it is the column
                continue
            if not spans:
                parts.append(cell)
                if unit and units[j] is None:
                    units[j] = unit  # "Budget £000": the heading as printed, and its unit
        columns[j] = " ".join(parts) if parts else None
    last = table.header[-1] if table.header else []
    for j in range(1, min(width, len(last))):
        if columns[j] is None and isinstance(last[j], Covered):  # under a heading merged over several columns
            k = j - 1
            while k > 0 and isinstance(last[k], Covered):
                k -= 1
            columns[j] = columns[k] if k > 0 and last[k] else None
    return columns, units


def _current_index(columns: list[Optional[str]], value_cols: list[int]) -> Optional[int]:
    current = words()["current_columns"]
    for j in value_cols:
        head = (columns[j] or "").lower()
        if any(head == c or head.startswith(c + " ") for c in current):
            return j
    periods = [(parse_period(columns[j]), j) for j in value_cols if parse_period(columns[j])]
    if periods:
        return max(periods)[1]
    return value_cols[0] if value_cols else None


_KEY_CELL = re.compile(r"^(?:(?:19|20)\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$")


def _keyed_by_date(table: _Table) -> bool:
    """A first column of years or dates beside a column of words (a capital programme by year, a payments
    list by date): the row's label is the two together ("2026 Computer server", "04/04/2023 OALC"), as
    neither alone names the row."""
    body = [r for _, r in table.body if len(r) >= 3]
    keys = [_one_line(r[0]) for r in body if r[0].strip()]
    texts = [_one_line(r[1]) for r in body if r[1].strip()]
    if len(keys) < 2 or len(texts) < 2 or not all(_KEY_CELL.match(k) for k in keys):
        return False
    return _worded(texts)


SHORT_TEXT_WORDS = 8  # a second label column ("Clerk Salary", "(re above)"), not a summary in prose
DESCRIPTION_HEADINGS = re.compile(r"\b(?:detail|details|description|purpose|item|items|narrative|payee|supplier)\b",
                                  re.I)


def _worded(texts: list[str]) -> bool:
    worded = sum(1 for t in texts if not parse_cell(t).is_value and not rag_of(t) and re.search(r"[A-Za-z]{2}", t))
    return worded >= 0.8 * len(texts)


def _two_label_columns(table: _Table, columns: list[Optional[str]]) -> bool:
    """Whether the first two columns together name a row: a year or date and words (``_keyed_by_date``), or
    two short columns of words (a payments table: "Cathy Fleet" | "Clerk Salary"), the second headed as a
    description or by no known column word. A second column of long prose (a project summary) is not part of
    the label, nor a column of polarity, frequency or units."""
    if _keyed_by_date(table):
        return True
    body = [r for _, r in table.body if len(r) >= 3]
    firsts = [_one_line(r[0]) for r in body if r[0].strip()]
    seconds = [_one_line(r[1]) for r in body if r[1].strip()]
    if len(firsts) < 2 or len(seconds) < 2 or not _worded(firsts) or not _worded(seconds):
        return False
    if max(len(t.split()) for t in seconds) > SHORT_TEXT_WORDS:
        return False
    heading = (columns[1] if len(columns) > 1 else None) or ""
    if heading and not DESCRIPTION_HEADINGS.search(heading):
        known = words()
        folded = heading.lower().strip(" :")
        if folded in known["column_words"] or unit_of_heading(heading) or is_rag_heading(heading) or \
                any(w in known["column_words"] for w in folded.split()):
            return False
    return True


def _coded(table: _Table, columns: list[Optional[str]]) -> bool:
    """A first column of reference codes ("PI 01", "ASC1", "2.3") beside a column of indicator names (headed as
    a label column, or not at all): the names are the rows' labels, the codes only file them."""
    body = [r for _, r in table.body if len(r) >= 3]
    codes = [_one_line(r[0]) for r in body if r[0].strip()]
    names = [_one_line(r[1]) for r in body if r[1].strip()]
    if len(codes) < 2 or len(names) < len(codes) or not all(is_reference_code(c) for c in codes):
        return False
    heading = (columns[1] if len(columns) > 1 else None) or ""
    if heading and heading.lower().strip(" :") not in words().get("label_headings", []):
        return False
    return _worded(names)


def _records(table: _Table, warnings: list[str]) -> list[Kpi]:
    width = len(table.rows[0])
    columns, units = _columns(table, width)
    out: list[Kpi] = []
    indicator: Optional[str] = None
    pending_rag: Optional[str] = None
    coded = _coded(table, columns)
    keyed = not coded and _two_label_columns(table, columns)
    key: str = ""
    breakdown = (table.title or measure_line(table.above)) if is_breakdown_heading(columns[0]) else None
    for page, row in table.body:
        label = _one_line(row[1] if coded else row[0])
        row_period: Optional[str] = None
        if keyed:  # the first two cells name the row; a stacked item keeps the year or payee above it
            key = label or (key if row[1].strip() or isinstance(row[0], Covered) else "")
            label = " ".join(x for x in (key, _one_line(row[1])) if x) if row[1].strip() else label
            row_period = parse_period(key) if key and _KEY_CELL.match(key) else None
        cells: list[tuple[Optional[str], Any, int]] = []  # (column, parsed cell, column index)
        row_rag: Optional[str] = None
        for j in range(2 if keyed or coded else 1, len(row)):
            text = row[j]
            if not text:
                continue
            one = _one_line(text)
            parsed = parse_cell(one, rag_column=is_rag_heading(columns[j]))
            if parsed.rag and not parsed.is_value and is_rag_heading(columns[j]):
                row_rag = parsed.rag
                continue
            if parsed.is_value:
                cells.append((columns[j], parsed, j))
                continue
            amount = amount_in_cell(text) if re.search(r"\b(?:total|overall)\b", one, re.I) else None
            if amount is not None:
                cells.append((columns[j], amount, j))
                continue
            pairs = inline_pairs(one)
            if pairs:
                for pair_label, raw in pairs:
                    cells.append((pair_label, parse_cell(raw), j))
                continue
            if parsed.rag:
                row_rag = parsed.rag
                continue
            amount = amount_in_cell(text)
            if amount is not None:
                cells.append((columns[j], amount, j))
        first_pairs = inline_pairs(label) if label else []
        if first_pairs:  # a box whose first cell is "Latest: 97%": the indicator is the box's title row
            cells = [(pair_label, parse_cell(raw), 0) for pair_label, raw in first_pairs] + cells
            label = ""
        if label and not cells:
            # a title row of a box layout ("Percentage of …", RAG): the indicator of the cells below it
            indicator, pending_rag = label, row_rag
            continue
        if not cells:
            continue
        name: Optional[str] = label or indicator
        if not name:
            continue
        rag = row_rag or (pending_rag if not label else None)
        value_cols = [j for _, c, j in cells if c.value is not None]
        named = [c for c, _, _ in cells]
        current = None
        if rag:
            current_names = words()["current_columns"]
            current = next((i for i, n in enumerate(named) if n and n.lower() in current_names), None)
            if current is None and value_cols:
                target = _current_index(columns, sorted(set(value_cols)))
                current = next((i for i, (_, c, j) in enumerate(cells) if j == target and c.value is not None), 0)
        for i, (column, cell, j) in enumerate(cells):
            unit = cell.unit if cell.unit == "percentage" or not (j < len(units) and units[j]) else units[j]
            out.append(Kpi(indicator=name, column=column, raw=cell.raw, value=cell.value, unit=unit, page=page,
                           rag=cell.rag if i != current else (rag or cell.rag),
                           period=parse_period(column) or row_period, table=table.title, breakdown=breakdown))
            if i == current and rag:
                out[-1].rag = rag
        if label:
            indicator = label
    return out
