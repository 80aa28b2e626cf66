"""KPI tables in running text: header lines, wrapped labels, then a line of values.

Text extracted from PDFs loses the grid. A table arrives as its heading words
(wrapped headings split over lines: "Southampt" / "on 19/20"), then each
indicator's label wrapped over a few lines, then one line of values, often led
by the row's unit word ("PERCENTAGE 31% 24% … N/A"). Other tables keep the label
on the value line ("Restorative Practice 385"). This reader finds runs of such
value lines, reads the heading lines above the first one and splits them into
as many column headings as the rows have values (counting from the right: the
label and unit columns come first). A row with fewer values than columns is
never shifted silently: the cells that can be placed are kept and ``warnings``
says which row was short.

It reads the page model's lines, so it serves text files and PDF pages alike
(on PDFs, runs of text far apart arrive separated by three spaces, which keeps
"+ 23.3" one cell).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ...load.model import Document
from ...record import Kpi
from ..text.dates import month_names
from ..text.wrapping import join_wrapped
from .aligned import CURRENCY, column_of, headings_by_position, value_spans
from .cells import (is_breakdown_heading, is_rag_heading, is_reference_code, measure_line, parse_cell,
                    parse_period, rag_of, unit_of_heading, unit_of_word, words)

MAX_GAP_LINES = 14  # non-blank lines allowed between two rows of one table (a label wrapped over many lines)
MAX_LABEL_WORDS = 30  # more words than this between two rows is prose: the table has ended
MAX_HEADER_LINES = 14

_YEARISH = re.compile(r"^(?:(?:19|20)\d{2}|\d{2,4}\s*/\s*\d{2,4}|(?:19|20)\d{2}\s*-\s*\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|"
                      r"q[1-4]|[a-z]{3,9}[-'’]\d{2})$", re.I)
_FUNCTION = {"of", "on", "to", "the", "and", "per", "in", "&", "for", "at", "by", "a", "as", "with", "vs", "v", "/", "-", "–"}
_SENTENCE_END = re.compile(r"[.!?;:]$")


@lru_cache(maxsize=1)
def _month_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A whole month name ("Declarations" is no December) and a bare period (a quarter or a month) before a
    number; month names: the vocabulary's ``months``."""
    months = month_names()
    return (re.compile(r"^" + months + r"\.?$", re.I),
            re.compile(r"^(?:q[1-4]|quarter\s*[1-4]|qtr\s*[1-4]|" + months + r")$", re.I))


@dataclass
class TLine:
    """One line of the document, classified for table reading."""

    page: int
    text: str
    tokens: list[str]
    values: list[str] = field(default_factory=list)  # the trailing run of value tokens
    prefix: str = ""  # what precedes the values (a label or the row's unit word)
    bold: bool = False
    rag: Optional[str] = None  # a RAG word printed after the values ("… 94% Green")
    rag_letter: bool = False  # the RAG is a lone letter ("… 94% G"): a rating only under a RAG heading
    x0: Optional[float] = None  # where the line starts on the page (PDFs), to tell an indented continuation
    runs: Optional[list[tuple[float, float, str]]] = None  # (x0, x1, text) of the line's runs (PDFs)
    direction: Optional[str] = None  # a direction of travel printed after the values ("Improving", "↑")

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def numeric(self) -> int:
        return sum(parse_cell(v).value is not None for v in self.values)


def tokens_of(text: str) -> list[str]:
    """Split a line into cells: wide gaps first (PDF runs), then spaces, keeping "+ 23.3" and "£ 400" whole."""
    out: list[str] = []
    for chunk in re.split(r"\s{3,}", text.strip()):
        if not chunk:
            continue
        if parse_cell(chunk).is_value and " " in chunk:
            out.append(chunk)
            continue
        parts = chunk.split()
        merged: list[str] = []
        for part in parts:
            if merged and merged[-1] in ("+", "£", "$", "€", "+£", "-£") and parse_cell(merged[-1] + part).is_value:
                merged[-1] = merged[-1] + part
            else:
                merged.append(part)
        out.extend(merged)
    return out


def _run_tokens(text: str, runs: Optional[list[tuple[float, float, str]]]) -> list[str]:
    """A line's cells: a run of the page model that is one value is one cell ("25.3 days", printed close to the
    next value, reaches the line parted from it by one space only); other runs split as ``tokens_of`` splits
    text. Without runs, or where they do not spell the line, the line's text alone."""
    if not runs or " ".join(r[2] for r in runs).split() != text.split():
        return with_currency(tokens_of(text))
    out: list[str] = []
    for _, _, run in runs:
        out.extend([" ".join(run.split())] if parse_cell(run).is_value else tokens_of(run))
    return with_currency(out)


def with_currency(toks: list[str]) -> list[str]:
    """A currency sign printed apart from its amount (accounting format: "$" at the left of the cell, the figure
    at its right, "$   1,234,567", "$   -") joined to it: one cell, "$ 1,234,567"."""
    out: list[str] = []
    for tok in toks:
        if out and out[-1] in CURRENCY and parse_cell(out[-1] + " " + tok).is_value:
            out[-1] = out[-1] + " " + tok
        else:
            out.append(tok)
    return out


def _direction_tail(toks: list[str]) -> int:
    """How many trailing tokens are a direction of travel ("Improving", "No change", "↑") after a value."""
    known = words().get("direction_words", [])
    for k in (2, 1):
        if len(toks) > k + 1 and " ".join(toks[-k:]).lower() in known and parse_cell(toks[-k - 1]).is_value:
            return k
    return 0


def _label_tokens(toks: list[str], runs: Optional[list[tuple[float, float, str]]]) -> int:
    """How many leading tokens are the label's own run, printed apart from the values ("Missed bins per 100,000"
    is a label ending in a number, not a label and a value): 0 when positions are not known or the first run
    is a value itself."""
    if not runs or len(runs) < 2:
        return 0
    first = tokens_of(runs[0][2])
    if not first or all(parse_cell(t).is_value for t in first) or toks[:len(first)] != first:
        return 0
    return len(first)


def classify(page: int, text: str, bold: bool = False, x0: Optional[float] = None,
             runs: Optional[list[tuple[float, float, str]]] = None) -> TLine:
    toks = _run_tokens(text, runs)
    line = TLine(page=page, text=text, tokens=toks, bold=bold, x0=x0, runs=runs)
    tail = _direction_tail(toks)  # "… 41.2%   45%   Improving": the trend, not a cell
    if tail:
        line.direction, toks = " ".join(toks[-tail:]), toks[:-tail]
    if len(toks) >= 3 and len(toks[-1]) > 1 and rag_of(toks[-1]) and parse_cell(toks[-2]).value is not None:
        line.rag = rag_of(toks[-1])
        toks = toks[:-1]
    elif len(toks) >= 4 and len(toks[-1]) <= 5 and rag_of(toks[-1], rag_column=True) \
            and parse_cell(toks[-2]).is_value and parse_cell(toks[-3]).is_value:
        line.rag, line.rag_letter = rag_of(toks[-1], rag_column=True), True
        toks = toks[:-1]
    i = len(toks)
    floor = _label_tokens(toks, runs)
    while i > floor and parse_cell(toks[i - 1]).is_value:
        i -= 1
    values = toks[i:]
    # a lone dash or star ending a label is punctuation, not a cell
    while values and parse_cell(values[0]).value is None and i > 0 and len(values) > 1 and values[0] in ("-", "–", "*"):
        values = values[1:]
        i += 1
    line.values = values
    line.prefix = " ".join(toks[:i])
    return line


def is_row(line: TLine) -> bool:
    """A line that carries a row of a table: at least two values, one of them a number; not a heading line of
    years ("Area   2019   2020   2021", a statistics table's years as columns)."""
    if len(line.values) < 2 or line.numeric < 1 or years_heading(line.values):
        return False
    prefix_words = line.prefix.split()
    if len(prefix_words) > 14 or _SENTENCE_END.search(line.prefix or "x "):
        return False
    return True


MAX_YEAR_STEP = 10  # years apart, evenly: 2011 2021 (censuses) is a heading line as much as 2021 2022
_YEAR_CELL = re.compile(r"^((?:19|20)\d{2})(?:\s*[-/–]\s*(?:\d{2}|(?:19|20)\d{2}))?$")


def years_heading(values: list[str]) -> bool:
    """Cells that are years in order, one a column ("2019 2020 2021", "2021/22 2022/23"): headings, not values."""
    years = [_YEAR_CELL.match(v.strip("*")) for v in values]
    if len(values) < 2 or not all(years):
        return False
    starts = [int(m.group(1)) for m in years if m]
    steps = {b - a for a, b in zip(starts, starts[1:])}
    return len(steps) == 1 and 0 < abs(steps.pop()) <= MAX_YEAR_STEP


def _unit_prefix(prefix: str) -> Optional[str]:
    return unit_of_word(prefix) if prefix and len(prefix.split()) == 1 else None


# ---- headers ---------------------------------------------------------------------------------------------------

def _header_token(tok: str) -> Optional[bool]:
    """True: heading-like; False: label-like; None: neutral (function words, punctuation)."""
    low = tok.lower().strip("()*:,")
    if not low or low in _FUNCTION:
        return None
    if _YEARISH.match(low) or _month_forms()[0].match(low) or parse_period(tok):
        return True
    if low in words()["column_words"] or unit_of_heading(low):
        return True
    return False


def header_score(text: str) -> float:
    marks = [m for m in (_header_token(t) for t in text.split()) if m is not None]
    score = sum(marks) / len(marks) if marks else 0.0
    chunks = [c for c in re.split(r"\s{3,}", text.strip()) if c]
    if len(chunks) >= 3:  # headings set out with wide gaps: a chunk naming a period ("Jan – Mar 24",
        # "FY 2020-21 Adopted") is a heading
        periods = sum(1 for c in chunks if _names_period(c))
        score = max(score, (periods + sum(1 for c in chunks if not _names_period(c) and header_score(c) >= 0.6))
                    / len(chunks))
    return score


def _names_period(chunk: str) -> bool:
    """A chunk that is a period, or names one among a few words ("FY 2020-21 Adopted", "2019/20 Outturn")."""
    if parse_period(chunk):
        return True
    toks = chunk.split()
    return len(toks) <= 5 and any(_YEARISH.match(t.lower().strip("()*:,")) for t in toks)


def _header_words(text: str) -> int:
    return sum(bool(_header_token(t)) for t in text.split())


def _is_header_line(line: TLine) -> bool:
    if line.blank or len(line.text.split()) > 20 or _SENTENCE_END.search(line.text.strip()):
        return False
    return header_score(line.text) >= 0.6


def segment_header(pieces: list[str]) -> list[str]:
    """Heading lines -> column headings, left to right.

    Fragments of a word broken across lines are rejoined ("Southampt" + "on 19/20");
    multi-word comparator names stay whole; a month and its year, a name and its
    year ("Southampton 19/20"), and lower-case words continue the heading before them.
    """
    known = words()
    toks: list[str] = []
    last_piece_words = 0
    for piece in pieces:
        parts = piece.split()
        if not parts:
            continue
        broken = last_piece_words == 1 and bool(toks) and re.search(r"[A-Za-z]$", toks[-1]) is not None \
            and _header_token(toks[-1]) is False
        last_piece_words = len(parts)
        if broken and re.match(r"^[a-z]", parts[0]):
            toks[-1] = toks[-1] + parts[0]
            parts = parts[1:]
        toks.extend(parts)
    phrases = sorted((p.split() for p in known["comparator_phrases"]), key=len, reverse=True)
    cells: list[str] = []
    i = 0
    glue_next = False
    while i < len(toks):
        tok = toks[i]
        matched = None
        for phrase in phrases:
            n = len(phrase)
            if [t.lower() for t in toks[i:i + n]] == phrase:
                matched = " ".join(toks[i:i + n])
                i += n
                break
        if matched:
            cells.append(matched)
            glue_next = False
            continue
        low = tok.lower()
        joins = False
        if cells:
            prev = cells[-1]
            prev_last = prev.split()[-1]
            if glue_next or low in _FUNCTION or re.match(r"^[a-z(%]", tok):
                joins = True
            elif re.match(r"^\d", tok) and (_month_forms()[1].match(prev) or (
                    not parse_period(prev) and not re.match(r"^\d", prev_last)
                    and not _YEARISH.match(prev_last.lower()))):
                joins = True  # "April 2022", "Southampton 19/20", "Actual 30/11/2024"
        glue_next = low in _FUNCTION and bool(cells) and not low.startswith("(")
        i += 1
        if joins:
            cells[-1] = cells[-1] + " " + tok
        else:
            cells.append(tok)
    return [re.sub(r"\s+([-–])\s*$", "", c).strip() for c in cells]


def _chunks(text: str) -> list[str]:
    """A line's runs parted by wide gaps (three spaces or more)."""
    return [c for c in re.split(r"\s{3,}", text.strip()) if c]


def _gap_cells(text: str) -> list[str]:
    """A one-line heading set out with wide gaps (space-aligned text, PDF runs): the gaps part the headings,
    so "Plot size      2025/26" stays two; within a chunk the usual segmenting applies."""
    chunks = [c for c in re.split(r"\s{3,}", text.strip()) if c]
    if len(chunks) < 2:
        return []
    return [cell for chunk in chunks for cell in segment_header([chunk])]


@dataclass
class Header:
    columns: list[Optional[str]]
    units: list[Optional[str]]
    first_line: int  # index of its top line
    warning: Optional[str] = None
    rag_column: bool = False  # its last heading, dropped from the columns, heads the rows' RAG ratings
    label_heading: Optional[str] = None  # the label column's own heading ("Indicator", "Service area")
    spans: Optional[list[tuple[float, float]]] = None  # where each value column lies (PDFs with runs)


_RAG_HEADING = re.compile(r"^(?:rag|rag status|rag rating|status|rating)$", re.I)


def find_header(lines: list[TLine], first_row: int, label_start: int, n: int,
                trailing_rag: bool = False, full_row: Optional[int] = None) -> Optional[Header]:
    """The heading lines above a table's first row, split into ``n`` value columns."""
    idx = label_start - 1
    pieces: list[str] = []
    top = None
    units: list[str] = []
    pending: list[tuple[int, str]] = []
    placed: list[Optional[list[tuple[float, float, str]]]] = []  # the heading lines' runs, as ``pieces``
    seen = 0
    while idx >= 0 and seen < MAX_HEADER_LINES:
        line = lines[idx]
        if line.blank:
            idx -= 1
            continue
        seen += 1
        if all(unit_of_heading(t) for t in line.tokens) and not pieces:
            units = line.tokens
            idx -= 1
            continue
        if _is_header_line(line):
            for k, text in reversed(pending):
                pieces.insert(0, text)
                placed.insert(0, lines[k].runs)
            pending = []
            pieces.insert(0, line.text)
            placed.insert(0, line.runs)
            top = idx
        elif len(line.tokens) <= 2 and not line.values and not _SENTENCE_END.search(line.text.strip()):
            pending.insert(0, (idx, line.text))  # "Southampt": kept if a heading line lies above it
        else:
            break
        idx -= 1
    if not pieces or top is None:
        return None
    chunked = [p for p in pieces if len(_chunks(p)) >= 2]  # lines set out in gap-parted chunks
    if len(pieces) == 1:
        cells = _gap_cells(pieces[0])
    elif len(chunked) == 1 and len(_gap_cells(chunked[0])) >= n:
        cells = _gap_cells(chunked[0])  # one line of headings under a title ("Performance Summary")
    else:
        cells = []
    if len(cells) < n:
        cells = segment_header(pieces)
    rag_headed = bool(cells) and (bool(_RAG_HEADING.match(cells[-1])) or is_rag_heading(cells[-1]))
    if trailing_rag and rag_headed:
        cells = cells[:-1]
    if len(chunked) == 1 and len(cells) not in (n, n + 1) and n >= 2:
        # split at its words the heading line gives too many or too few headings, its chunks as many as the rows
        # have values (and the label column's): the gaps part the headings ("FY 2021-22 Proposed" is one)
        chunks = _chunks(chunked[0])
        if trailing_rag and chunks and (_RAG_HEADING.match(chunks[-1]) or is_rag_heading(chunks[-1])):
            chunks = chunks[:-1]
        if len(chunks) in (n, n + 1):
            cells = chunks
    # the label column's own heading sits leftmost: count the value columns from the right
    columns: list[Optional[str]] = list(cells[-n:]) if len(cells) >= n else [None] * (n - len(cells)) + list(cells)
    row = lines[first_row if full_row is None else full_row]  # a row with a value in every column
    spans = value_spans(_value_runs(row), row.values) if len(row.values) == n else None
    stacked = headings_by_position(placed, spans) if spans else None
    if stacked is not None:  # the headings over each value column, by where they stand
        columns, cells = list(stacked), list(cells[:-n] if len(cells) >= n else []) + list(stacked)
    warning = None
    if len(cells) < n:
        warning = f"{n - len(cells)} column heading(s) missing"
    unit_cols: list[Optional[str]] = [unit_of_heading(u) for u in units[-n:]] if len(units) >= n else [None] * n
    return Header(columns=columns, units=unit_cols, first_line=top, warning=warning,
                  rag_column=trailing_rag and rag_headed, label_heading=" ".join(cells[:-n]) or None,
                  spans=spans)


def _value_runs(line: TLine) -> Optional[list[tuple[float, float, str]]]:
    """The line's runs without those of a rating or a trend printed after its values."""
    runs = list(line.runs or [])
    if runs and line.values:
        last = " ".join(line.values[-1].split())
        for _ in range(2):
            if runs and " ".join(runs[-1][2].split()) != last and (line.rag or line.direction):
                runs.pop()
    return runs or None


def _title_above(lines: list[TLine], top: int, reach: int = 40) -> Optional[str]:
    """The table's title: the nearest short line above it set in bold or in Title Case (not a sentence)."""
    idx = top - 1
    while idx >= 0 and top - idx <= reach:
        line = lines[idx]
        idx -= 1
        text = line.text.strip()
        if not text or line.values or _SENTENCE_END.search(text) or len(text.split()) > 10:
            continue
        if text.lower().startswith("rag") or rag_of(text):
            continue
        content = [w for w in re.findall(r"[A-Za-z][\w'’&/-]*", text) if w.lower() not in _FUNCTION]
        if not content:
            continue
        capitalised = sum(w[0].isupper() for w in content) / len(content)
        if line.bold or (len(content) >= 2 and capitalised >= 0.6):
            return text
    return None


# ---- rows ------------------------------------------------------------------------------------------------------

def join_label(parts: list[str]) -> str:
    """Wrapped label lines -> one line; "re-" + "referrals" -> "re-referrals"."""
    return join_wrapped(parts, hyphen_before_lower=False)


def _label_lines_ok(block: list[TLine]) -> bool:
    text = [ln.text for ln in block if not ln.blank]
    n_words = sum(len(t.split()) for t in text)
    return n_words <= MAX_LABEL_WORDS and not any(len(t) > 110 for t in text)


def read_text_tables(doc: Document, warnings: list[str]) -> list[Kpi]:
    lines = [classify(page.number, line.text, line.bold, line.x0, line.runs) for page in doc.pages
             for line in page.lines]
    out: list[Kpi] = []
    out.extend(_multi_value_tables(lines, warnings))
    out.extend(_single_value_tables(lines))
    return out


def _multi_value_tables(lines: list[TLine], warnings: list[str]) -> list[Kpi]:
    rows = [i for i, ln in enumerate(lines) if is_row(ln)]
    blocks: list[list[int]] = []
    for i in rows:
        if blocks:
            prev = blocks[-1][-1]
            between = lines[prev + 1:i]
            nonblank = [b for b in between if not b.blank]
            first_n = len(lines[blocks[-1][0]].values)
            if len(nonblank) <= MAX_GAP_LINES and _label_lines_ok(between) and \
                    not any(_is_header_line(b) and _header_words(b.text) >= 2 for b in nonblank) and \
                    first_n - 2 <= len(lines[i].values) <= first_n + 1:
                blocks[-1].append(i)
                continue
        blocks.append([i])
    out: list[Kpi] = []
    previous: Optional[tuple[Header, int, int]] = None  # the last header read, its value count and page
    for block in blocks:
        records, header = _read_block(lines, block, warnings, previous)
        out.extend(records)
        if header is not None:
            previous = (header, len(header.columns), lines[block[0]].page)
    return out


def _read_block(lines: list[TLine], block: list[int], warnings: list[str],
                previous: Optional[tuple["Header", int, int]] = None) -> tuple[list[Kpi], Optional["Header"]]:
    """The records of one run of rows, and the header they were read under. A run with no heading lines of
    its own, on the page of the last table read and with as many values a row, continues that table (rows
    parted by lines of explanation: "Section 6 … 11,603 17,616 6,013" under "31/3/2016 31/3/2017 Variance")."""
    counts = Counter(len(lines[i].values) for i in block)
    n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    first = block[0]
    # the first row's label: the label-like lines straight above it (none when it carries its label)
    label_start = first
    first_line = lines[first]
    if not first_line.prefix or _unit_prefix(first_line.prefix) or _goes_on(first_line.prefix):
        idx = first - 1
        taken = 0
        while idx >= 0:
            ln = lines[idx]
            if ln.blank:
                idx -= 1
                continue
            if _is_header_line(ln) or taken >= 6 or len(ln.text) > 110 or _SENTENCE_END.search(ln.text.strip()):
                break
            taken += 1
            label_start = idx
            idx -= 1
    rated = sum(1 for i in block if lines[i].rag) * 2 >= len(block)
    full = next((i for i in block if len(lines[i].values) == n), None)
    header = find_header(lines, first, label_start, n, trailing_rag=rated, full_row=full)
    if header is None and previous is not None and previous[1] == n and previous[2] == lines[first].page:
        header = previous[0]
    if header is None:
        return [], None
    if header.warning:  # headings unreadable (rotated, images): cells without a column would be guesses
        warnings.append(f"KPI table on page {lines[first].page}: {header.warning}; table skipped")
        return [], None
    title = _title_above(lines, header.first_line)
    breakdown = None
    if is_breakdown_heading(header.label_heading):  # rows of services or areas: the measure is above the table
        above = [ln.text for ln in reversed(lines[max(0, header.first_line - 12):header.first_line])]
        breakdown = measure_line(above) or title
    out: list[Kpi] = []
    previous_end = label_start - 1
    for i in block:
        line = lines[i]
        lone = [k for k in range(previous_end + 1, i) if _lone_cell(lines[k], header) is not None]
        for k in lone:  # a row of the table with one cell filled ("Water Fund   $ 50,000" under three columns)
            out.extend(_lone_record(lines[k], header, title, breakdown))
        between = [ln.text for k, ln in enumerate(lines[previous_end + 1:i], previous_end + 1)
                   if not ln.blank and k not in lone]
        previous_end = i
        unit = _unit_prefix(line.prefix)
        if line.prefix and not unit and _goes_on(line.prefix) and between:
            label = join_label(between + [line.prefix])  # "Percentage of children subject to a" / "child … 12%"
        elif line.prefix and not unit:
            label = _without_code(line)
            rest = continuation(lines, i)
            if rest is not None:  # "Section 9 Total Fixed Assets plus long term  42,310" / "   Investments and assets"
                label = join_label([label, lines[rest].text])
                previous_end = rest
        else:
            label = join_label(between)
        scale = re.search(r"\(([^()]{1,12})\)\s*$", label)
        unit = unit or (unit_of_heading(scale.group(1)) if scale else None)  # "Council tax collected (£m)"
        if not label or len(label) < 2:
            continue
        values = line.values
        if len(values) > n:  # extra leading numbers belong to the label ("… per 10,000")
            label = (label + " " + " ".join(values[:len(values) - n])).strip()
            values = values[len(values) - n:]
        columns = header.columns
        slots = list(range(len(values)))  # the header column of each value
        placed = _placed_by_position(line, values, header) if len(values) < n else None
        if placed is not None:  # blank cells: each value under the column it stands in
            slots = placed
            columns = [header.columns[k] for k in slots]
        elif len(values) < n:
            values, columns = _align_short(values, header.columns)
            dropped = len(line.values) - len(values)
            warnings.append(f"KPI table on page {line.page}: row '{label[:60]}' has {len(line.values)} values for "
                            f"{n} columns; " + (f"kept the {len(values)} that can be placed, dropped the rest"
                                                if dropped else "read them left to right; check the row"))
        rag = line.rag if not line.rag_letter or header.rag_column else None  # a lone letter needs a RAG heading
        current = _current_column(columns[:len(values)]) if rag else None
        for col_index, (raw, column) in enumerate(zip(values, columns)):
            cell = parse_cell(raw)
            slot = slots[col_index] if col_index < len(slots) else col_index
            col_unit = header.units[slot] if slot < len(header.units) else None
            out.append(Kpi(indicator=label, column=column, raw=cell.raw, value=cell.value,
                           unit=unit or (cell.unit if cell.unit == "percentage" else col_unit or cell.unit),
                           page=line.page, rag=rag if col_index == current else cell.rag,
                           period=parse_period(column), table=title, breakdown=breakdown))
    return out, header


INDENT = 6.0  # points: a line starting this far right of a row's label continues it (a hanging indent)
MAX_CONTINUATION_WORDS = 8


def continuation(lines: list[TLine], i: int) -> Optional[int]:
    """The line under row ``i`` that finishes its label, if any: wrapped under a label printed beside its values,
    with a hanging indent (it starts right of the label) or going on in lower case ("sent for reuse"), short,
    with no values and no sentence end. Any other line starting where the labels start is the next row's
    label or prose."""
    row = lines[i]
    j = i + 1
    if row.x0 is None or j >= len(lines):
        return None
    nxt = lines[j]
    text = nxt.text.strip()
    if nxt.page != row.page or nxt.blank or nxt.values or nxt.x0 is None or nxt.x0 < row.x0 - INDENT:
        return None
    if nxt.x0 < row.x0 + INDENT and not text[:1].islower():  # at the margin only a line going on in lower case
        return None
    if len(text.split()) > MAX_CONTINUATION_WORDS or _SENTENCE_END.search(text) or _is_header_line(nxt):
        return None
    return j


def _lone_cell(line: TLine, header: Header) -> Optional[int]:
    """The header column of the one value of a line between a table's rows, when the line is a row with the other
    cells blank: a label beside one value that stands in a value column (positions known). None otherwise."""
    if len(line.values) != 1 or not line.prefix or not header.spans or _SENTENCE_END.search(line.prefix):
        return None
    if len(line.prefix.split()) > 14 or parse_cell(line.values[0]).value is None:
        return None
    spans = value_spans(_value_runs(line), line.values)
    columns = column_of(spans, header.spans) if spans else None
    return columns[0] if columns else None


def _lone_record(line: TLine, header: Header, title: Optional[str], breakdown: Optional[str]) -> list[Kpi]:
    k = _lone_cell(line, header)
    if k is None:
        return []
    cell = parse_cell(line.values[0])
    unit = header.units[k] if k < len(header.units) else None
    return [Kpi(indicator=_without_code(line), column=header.columns[k], raw=cell.raw, value=cell.value,
                unit=cell.unit if cell.unit == "percentage" else unit or cell.unit, page=line.page,
                period=parse_period(header.columns[k]), table=title, breakdown=breakdown)]


def _goes_on(prefix: str) -> bool:
    """A label beside the values that starts in lower case goes on from the lines above it."""
    return prefix[:1].islower()


def _without_code(line: TLine) -> str:
    """A row's label without the reference code or account number printed in a column of its own before or after
    it ("PI 01   Calls answered in 60s", "Marriage Licenses   08-103   4,545"); a code is kept where it is the
    whole label or not set apart."""
    runs = line.runs or []
    label = line.prefix
    if len(runs) >= 2 and is_reference_code(runs[0][2]):
        code = " ".join(runs[0][2].split())
        rest = label[len(code):].strip() if label.startswith(code) else ""
        if rest and re.search(r"[A-Za-z]{3}", rest):
            label = rest
    tails = [" ".join(r[2].split()) for r in runs[1:] if is_reference_code(r[2])]  # "Marriage Licenses   08-103"
    for code in tails:
        if label.endswith(" " + code) and re.search(r"[A-Za-z]{3}", label[:-len(code)]):
            label = label[:-len(code)].strip()
    return label


def _current_column(columns: list[Optional[str]]) -> int:
    """Which column holds the current value a row's RAG rates: one headed Latest/Actual/…, else the latest
    period, else the last."""
    current = words()["current_columns"]
    for j, col in enumerate(columns):
        head = (col or "").lower()
        if any(head == c or head.startswith(c + " ") for c in current):
            return j
    periods = [(parse_period(col) or "", j) for j, col in enumerate(columns) if parse_period(col)]
    if periods:
        return max(periods)[1]
    return len(columns) - 1


def _placed_by_position(line: TLine, values: list[str], header: Header) -> Optional[list[int]]:
    """The header column of each of a short row's values (blank cells left out), by where each value's run lies
    against the columns' places; None where positions are not known or a value stands under none."""
    if not header.spans:
        return None
    spans = value_spans(_value_runs(line), values)
    if spans is None:
        return None
    columns = column_of(spans, header.spans)
    if columns is None or len(set(columns)) != len(columns):
        return None
    return columns


def _align_short(values: list[str], columns: list[Optional[str]]) -> tuple[list[str], list[Optional[str]]]:
    """A row with fewer values than columns: keep the values left-aligned, but drop a trailing run of two or
    more identical cells ("N/A N/A N/A N/A" for five columns: one of those is blank, and which cannot be told)."""
    end = len(values)
    while end > 1 and values[end - 1] == values[-1]:
        end -= 1
    keep = values[:end] if len(values) - end >= 2 else values
    return keep, list(columns[:len(keep)])


# ---- two-column tables: "Label 385" under a "Heading Number" line -------------------------------------------------

_INLINE_ROW = re.compile(r"^(?P<label>[A-Z][^\d£%]{1,60}?)\s+(?P<value>[£(+\-–]?\d[\d,]*(?:\.\d+)?%?\)?)(?:\s+(?P<rest>[A-Z].*))?$")


def _single_value_tables(lines: list[TLine]) -> list[Kpi]:
    out: list[Kpi] = []
    i = 0
    while i < len(lines):
        header = lines[i]
        if header.blank or header.values or not (2 <= len(header.tokens) <= 6) or _SENTENCE_END.search(header.text.strip()):
            i += 1
            continue
        cells = segment_header([header.text])
        if len(cells) != 2 or not any(_header_token(w) for w in cells[1].split()):
            i += 1
            continue
        rows: list[tuple[TLine, str, str]] = []
        j = i + 1
        gap = 0
        while j < len(lines) and gap <= 8:
            ln = lines[j]
            j += 1
            if ln.blank:
                continue
            m = _INLINE_ROW.match(ln.text.strip()) if not is_row(ln) else None  # a row of several values
            if m and len(m.group("label").split()) <= 6 and (not m.group("rest") or len(m.group("rest").split()) >= 4):
                rows.append((ln, m.group("label").strip(), m.group("value")))
                gap = 0
            elif not rows and gap < 2 and len(ln.tokens) <= 2:
                gap += 1  # a side heading ("Analysis") between the header and the first row
            elif rows:
                gap += 1
            else:
                break
        if len(rows) >= 2:
            title = _title_above(lines, i)
            for ln, label, raw in rows:
                cell = parse_cell(raw)
                out.append(Kpi(indicator=label, column=cells[1], raw=cell.raw, value=cell.value, unit=cell.unit,
                               page=ln.page, period=parse_period(cells[1]), table=title))
            i = j
        else:
            i += 1
    return out
