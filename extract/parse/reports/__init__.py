"""Officer report cover sheets: decision maker, subject, date, report of, recommendations.

A cover sheet is a block of "LABEL: value" lines (a form, often a table) at the
head of a report; an agenda pack carries one per report, so every block is
found, wherever it starts. Which labels fill which field is data
(``patterns/cover_labels.json``): Southampton prints DECISION-MAKER / SUBJECT /
DATE OF DECISION / REPORT OF, Kent From / To / Subject, combined authorities
REPORT TO / REPORT TITLE / RESPONSIBLE OFFICER, and a council's own wording is
one more label in the file.

A block counts as a cover only when it names a subject and enough of the other
fields (``required`` in the pattern file): minutes ("Present:", "Date:"), agenda
front sheets ("Date:", "Time:", "Venue:") and e-mail headers ("From:", "Sent:",
"To:", "Subject:") carry labels too, but not that combination, or carry a label
that rules a cover out.

A value may wrap onto the lines below its label (in a PDF: lines in the value's
column), sit below a label printed alone, or, in a table whose label is centred
in its cell, start above the label. A cover with no subject label takes its
subject from the large heading over it (PDFs only).

The recommendations (``recommendations.py``) are read from the first
recommendations heading, or recommending sentence ("Cabinet is asked to ..."),
within ``window_pages`` of the cover and before the next cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ...load.model import Document, Line, Page
from ...record import Report
from ..text.dates import find_dates, parse_date
from .labels import CoverLabels, LabelHit, cover_labels, find_label, fold_label, value_cell
from ..text.listmarkers import read_marker
from ..text.wrapping import join_wrapped
from .recommendations import is_page_furniture, pitch, read_recommendations

MAX_BLANKS_IN_COVER = 3  # blank lines allowed between two labels of one cover (text files)
MAX_LABEL_GAP = 5.0  # font sizes of vertical space that end a cover block (PDFs)
ALIGNED_PITCH = 2.7  # a value's wrapped line, aligned with the value column, within this many font sizes
WRAP_PITCH = 1.7  # a paragraph's next line, below a full-width line, within this many font sizes
FULL_WIDTH = 0.85  # a line reaching this share of the page's text width was wrapped

_LineRef = tuple[Page, Line]


@dataclass
class _Entry:
    """One label of a cover block and the lines of its value."""

    hit: LabelHit
    index: int  # line index of the label
    parts: list[str] = field(default_factory=list)
    value_x0: Optional[float] = None
    label_x0: Optional[float] = None
    label_line: Optional[Line] = None
    part_lines: list[Optional[Line]] = field(default_factory=list)  # the line of each part (None: the label's own)

    @property
    def value(self) -> str:
        return join_wrapped(self.parts)


@dataclass
class _Block:
    start: int
    end: int  # index after the block's last line
    entries: list[_Entry]
    title: Optional[str] = None  # the report's title heading, where no label names the subject


def parse_reports(doc: Document) -> list[Report]:
    """Every officer report cover sheet in the document, in order."""
    p = cover_labels()
    lines = doc.lines()
    right = {page.number: _right_edge(page) for page in doc.pages}
    blocks = [b for b in _cover_blocks(lines, p, right) if not _under_decision_notice(b, lines)]
    reports = []
    for n, block in enumerate(blocks):
        stop = blocks[n + 1].start if n + 1 < len(blocks) else len(lines)
        reports.append(_report(block, lines, stop, p, right))
    return reports


# ---------------------------------------------------------------- cover blocks

NOTICE_TITLE_LINES = 8  # non-blank lines above a block, on its page, where a decision notice's title stands


def _lines_above(block: _Block, lines: list[_LineRef], most: int) -> Iterator[tuple[int, Line]]:
    """(index, line) of the non-blank lines above ``block`` on its page, nearest first, ``most`` at the most."""
    page = lines[block.start][0]
    seen = 0
    for k in range(block.start - 1, -1, -1):
        other, line = lines[k]
        if other is not page or seen >= most:
            return
        if line.text.strip():
            seen += 1
            yield k, line


def _under_decision_notice(block: _Block, lines: list[_LineRef]) -> bool:
    """A label box under a decision notice's title ("Record of decision", "Executive decision notice")
    records a decision taken (decision maker, date, decision, reasons): it is no report's cover sheet."""
    from ..document.cues import is_decision_notice_title

    return any(is_decision_notice_title(line.text.strip()) for _, line in _lines_above(block, lines, NOTICE_TITLE_LINES))


def _cover_blocks(lines: list[_LineRef], p: CoverLabels, right: dict[int, float]) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        hit = _label_at(lines[i][1].text, p)
        if hit is None or not hit.known:
            i += 1
            continue
        block = _read_block(lines, i, p, right)
        if not _is_cover(block, p):
            block.title = _title_above(block, lines, p)
        if not _is_cover(block, p) and not block.title:
            block = _heading_between(block, lines, p, right) or block
        if not _is_cover(block, p) and not block.title:
            _heading_above(block, lines)
        if _is_cover(block, p) or block.title:
            blocks.append(block)
            i = block.end
        elif _ruled_out(block, p):
            i = max(i + 1, block.end)  # an e-mail header's "To:"/"Subject:" lines do not start a cover either
        else:
            i += 1
    return blocks


HEADING_LINES = 2  # title lines allowed between a "Report to …" line and the label box below it
HEADING_MAX_WORDS = 16


def _cues(entries: list[_Entry], p: CoverLabels) -> int:
    found = {e.hit.field for e in entries if e.hit.field and e.value}
    if any(e.hit.field == "decision_maker" and e.value and find_dates(e.value) for e in entries):
        found.add("date")
    return sum(f in found for f in p.required_any)


def _is_heading(line: Line, body_size: Optional[float]) -> bool:
    """A title line: short, no sentence, and set in bold or larger than the text around it (text files: short)."""
    text = line.text.strip()
    if not text or len(text.split()) > HEADING_MAX_WORDS or re.search(r"[.;,:]$", text):
        return False
    if line.top is None:
        return True
    return bool(line.bold) or bool(line.size and body_size and line.size > 1.1 * body_size)


def _heading_between(block: _Block, lines: list[_LineRef], p: CoverLabels,
                     right: dict[int, float]) -> Optional[_Block]:
    """"Report to Cabinet, 18 February 2025", the report's title, then a box of labels ("Lead director:"):
    the title heading between the two is the subject, and the two label groups are one cover."""
    if _ruled_out(block, p) or any(e.hit.field == "subject" for e in block.entries) or not block.entries:
        return None
    page = lines[block.start][0]
    sizes = sorted(line.size for line in page.lines if line.size)
    body_size = sizes[len(sizes) // 2] if sizes else None
    k = block.end
    heading: list[str] = []
    while k < len(lines) and lines[k][0] is page:
        line = lines[k][1]
        if not line.text.strip():
            k += 1
            continue
        hit = _label_at(line.text, p)
        if hit is not None and hit.known:
            break
        if len(heading) >= HEADING_LINES or not _is_heading(line, body_size):
            return None
        heading.append(line.text.strip())
        k += 1
    if not heading or k >= len(lines) or lines[k][0] is not page:
        return None
    after = _read_block(lines, k, p, right)
    entries = block.entries + after.entries
    merged = _Block(block.start, after.end, entries, title=join_wrapped(heading))
    if _ruled_out(merged, p) or _cues(entries, p) < p.min_of:
        return None
    return merged


HEADING_ABOVE_LINES = 3  # non-blank lines above a cover where a "COMMITTEE – 9 JUNE 2025" heading may stand


def _heading_above(block: _Block, lines: list[_LineRef]) -> None:
    """A cover with a subject but no "Report to" label: the heading above it often names the meeting and its
    date ("FINANCE COMMITTEE - 9 JUNE 2025   AGENDA ITEM 7"). Taken as the decision maker when it holds a date
    and a committee word (``body_words`` in ``patterns/authorities.json``)."""
    if not any(e.hit.field == "subject" and e.value for e in block.entries) or \
            any(e.hit.field == "decision_maker" and e.value for e in block.entries):
        return
    from ..document.identity import _title_case_caps, spec

    for k, line in _lines_above(block, lines, HEADING_ABOVE_LINES):
        chunk = re.split(r"\s{3,}", line.text.strip())[0]
        dated = find_dates(chunk)
        if not dated:
            continue
        name = chunk[: dated[0].start].strip(" ,-–—:")
        if not name or not spec().body_words.search(name) or len(name.split()) > 10:
            continue
        value = f"{_title_case_caps(name)}, {chunk[dated[0].start:dated[0].end]}"
        hit = LabelHit(label="heading", value=value, field="decision_maker", known=False, value_offset=0)
        block.entries.insert(0, _Entry(hit, k, [value], label_line=line, part_lines=[None]))
        block.start = k
        return


def _label_at(text: str, p: CoverLabels) -> Optional[LabelHit]:
    if not text.strip() or (read_marker(text) is not None and not text.lstrip()[:1].isalpha()):
        return None  # "(i) That ...", "1. Introduction": list entries and numbered headings are no labels
    return find_label(text, p)


def _read_block(lines: list[_LineRef], start: int, p: CoverLabels, right: dict[int, float]) -> _Block:
    """The label lines from ``start`` on, with the value lines each label owns."""
    entries: list[_Entry] = []
    blanks = 0
    i = start
    end = start
    prev: Optional[_LineRef] = None
    while i < len(lines):
        page, line = lines[i]
        text = line.text
        if not text.strip() or is_page_furniture(text):
            blanks += 1 if not text.strip() else 0
            if blanks > MAX_BLANKS_IN_COVER:
                break
            i += 1
            continue
        if prev is not None and prev[0] is page and pitch(prev[1], line) > MAX_LABEL_GAP:
            break
        if prev is not None and prev[0] is not page and entries and entries[-1].parts:
            break  # a cover does not run on over a page break once it has values
        if entries and (p.rec_heading_re.match(text) or p.rec_lead_re.match(text)):
            _give_back_cell(entries[-1], page, line)
            break  # the recommendations follow the cover
        hit = _label_at(text, p)
        if hit is None and entries and any(e.hit.known for e in entries):
            hit = _gap_label(text, line, entries[-1])
        if hit is not None and _bare_label_in_value(hit, entries, line, blanks):
            hit = None  # "SUBJECT: ... ENGAGEMENT" / "MEETING": a value's last word, not a label
        if hit is not None and (hit.known or any(e.hit.known for e in entries)) and not _continues(entries, prev, line, blanks, right, page, hit):
            for sub in _split_row(hit, text, p):
                entry = _Entry(sub, i, [sub.value] if sub.value else [], label_x0=line.x0, label_line=line,
                               part_lines=[None] if sub.value else [])
                entry.value_x0 = _value_x0(line, sub) if sub.value else None
                entries.append(entry)
        elif entries and _continues(entries, prev, line, blanks, right, page, None):
            entry = entries[-1]
            if entry.value_x0 is None:
                entry.value_x0 = line.x0
            entry.parts.append(text.strip())
            entry.part_lines.append(line)
        elif hit is None and (beside := _value_in_column(entries, prev, line)) is not None:
            beside.parts.append(text.strip())  # "TO: HONORABLE MAYOR   FROM: ..." / "AND CITY COUNCIL"
            beside.part_lines.append(line)
        else:
            break
        blanks = 0
        prev = (page, line)
        i += 1
        end = i
    for before, entry in zip(entries, entries[1:]):
        _take_centred_value(before, entry)
    if entries:
        start = _take_value_above_block(lines, start, entries[0])
    return _Block(start, end, entries)


def _value_in_column(entries: list[_Entry], prev: Optional[_LineRef], line: Line) -> Optional[_Entry]:
    """The entry of the line above whose value column this line is set in, where that line held two labels
    side by side ("TO: HONORABLE MAYOR   FROM: David Sykes" over "AND CITY COUNCIL" under the first value):
    the value wraps in its own column, not under the last label's."""
    if prev is None or line.x0 is None:
        return None
    row = [e for e in entries if e.label_line is prev[1] and e.value_x0 is not None]
    if len(row) < 2:
        return None
    x0 = line.x0
    left = [e for e in sorted(row, key=lambda e: e.value_x0 or 0.0) if (e.value_x0 or 0.0) <= x0 + 4]
    return left[-1] if left and x0 - (left[-1].value_x0 or 0.0) <= 20 and left[-1] is not row[-1] else None


def _give_back_cell(entry: _Entry, page: Page, label: Line) -> None:
    """A recommendations label centred in its box cell: the value lines printed above it were read as the
    previous label's; they are the recommendations' (read by ``recommendations.py``)."""
    index = next((n for n, other in enumerate(page.lines) if other is label), None)
    cell = value_cell(page.lines, index) if index is not None and label.top is not None else None
    while cell and entry.parts and entry.part_lines and entry.part_lines[-1] is not None \
            and entry.parts[-1] in cell:
        entry.parts.pop()
        entry.part_lines.pop()


def _take_value_above_block(lines: list[_LineRef], start: int, entry: _Entry) -> int:
    """The first label centred in its cell: its value's first lines stand above the block. Returns the new start."""
    label = entry.label_line
    page = lines[start][0]
    if label is None or label.top is None or label.x0 is None:
        return start
    size = label.size or 10.0
    column = entry.value_x0 - 4 if entry.hit.value and entry.value_x0 is not None else (label.x1 or 0)
    above: list[int] = []
    nearest = label.top
    for k in range(start - 1, max(-1, start - 4), -1):
        other_page, line = lines[k]
        if other_page is not page or line.top is None or line.x0 is None or not line.text.strip():
            break
        if line.x0 < column or (nearest - line.top) / size > 1.3 or find_label(line.text) is not None:
            break
        above.insert(0, k)
        nearest = line.top
    if not above:
        return start
    first_above = lines[above[0]][1]
    k = above[0] - 1
    if k >= 0 and lines[k][0] is page and lines[k][1].top is not None and first_above.top is not None \
            and (first_above.top - (lines[k][1].top or 0.0)) / size < 1.5:
        return start  # no row gap above: these lines belong to something else
    tops = [lines[k][1].top or 0.0 for k in above] + ([label.top] if entry.hit.value else []) + \
        [pl.top for pl in entry.part_lines if pl is not None and pl.top is not None]
    if abs((min(tops) + max(tops)) / 2 - label.top) > 0.5 * size:
        return start
    entry.parts[:0] = [lines[k][1].text.strip() for k in above]
    entry.part_lines[:0] = [lines[k][1] for k in above]
    if not entry.hit.value:
        entry.value_x0 = first_above.x0
    return above[0]


def _take_centred_value(before: _Entry, entry: _Entry) -> None:
    """A label centred in its table cell: the first lines of its value print above it.

    Reading order puts those lines under the previous label's value. They are
    moved when they sit in this label's value column, one line-pitch above the
    label (not a row gap), and when, with the value lines below the label, they
    centre on it.
    """
    label = entry.label_line
    if label is None or label.top is None or len(before.parts) < 2:
        return
    size = label.size or 10.0
    column = entry.value_x0 - 4 if entry.hit.value and entry.value_x0 is not None else (label.x1 or 0)
    trailing: list[Line] = []
    for part_line in reversed(before.part_lines):
        if part_line is None or part_line.x0 is None or part_line.top is None or part_line.x0 < column:
            break
        trailing.insert(0, part_line)
    if not trailing or (label.top - (trailing[-1].top or 0.0)) / size > 1.3:
        return
    below = [pl.top for pl in entry.part_lines if pl is not None and pl.top is not None]
    own = [label.top] if entry.hit.value else []
    best: Optional[tuple[float, int]] = None
    for j in range(1, len(trailing) + 1):
        moved = trailing[-j:]
        above_moved = before.part_lines[-j - 1] if len(before.part_lines) > j else None
        anchor = above_moved.top if above_moved is not None else (before.label_line.top if before.label_line else None)
        if anchor is not None and moved[0].top is not None and (moved[0].top - anchor) / size < 1.5:
            continue  # no row gap above these lines: they wrap the previous value
        tops = [line.top for line in moved if line.top is not None] + own + below
        offset = abs((min(tops) + max(tops)) / 2 - label.top)
        if offset <= 0.5 * size and (best is None or offset < best[0]):
            best = (offset, j)
    if best is None:
        return
    j = best[1]
    entry.parts[:0] = before.parts[-j:]
    entry.part_lines[:0] = before.part_lines[-j:]
    del before.parts[-j:]
    del before.part_lines[-j:]
    if not entry.hit.value:
        entry.value_x0 = trailing[-j].x0


_GAP_ROW = re.compile(r"^(?P<lead>\s*)(?P<label>[A-Z][A-Za-z0-9'’()/&,.?\- ]{1,45}?)(?P<gap>\s{3,}|\t)(?P<value>\S.*)$")
_MAX_GAP_LABEL_WORDS = 6


def _gap_label(text: str, line: Line, entry: _Entry) -> Optional[LabelHit]:
    """A row of a label | value table whose label the pattern file does not know ("Number of appendices   3"):
    only in a cover whose rows print their values beside their labels, and set where the labels are (not
    in the value column, where a wrapped value goes on)."""
    m = _GAP_ROW.match(text)
    if m is None or not entry.hit.value or entry.hit.colon or len(m.group("label").split()) > _MAX_GAP_LABEL_WORDS:
        return None
    label_line = entry.label_line
    if line.x0 is not None and label_line is not None and label_line.x0 is not None:
        if abs(line.x0 - label_line.x0) > 4:
            return None
    elif label_line is not None:
        lead = len(label_line.text) - len(label_line.text.lstrip())
        if len(m.group("lead")) != lead:
            return None
    return LabelHit(label=m.group("label").strip(), value=m.group("value").strip(), field=None, known=False,
                    value_offset=m.start("value"))


def _bare_label_in_value(hit: LabelHit, entries: list[_Entry], line: Line, blanks: int) -> bool:
    """A known label printed bare (no colon, no value) right under a value line, in the value's column."""
    if hit.colon or hit.value or not entries or not entries[-1].parts or blanks:
        return False
    entry = entries[-1]
    if not entry.hit.value:
        return False  # this cover prints its labels above their values: a bare label is a label
    if line.x0 is None or entry.value_x0 is None:
        return True
    return line.x0 >= entry.value_x0 - 4


def _continues(entries: list[_Entry], prev: Optional[_LineRef], line: Line, blanks: int,
               right: dict[int, float], page: Page, hit: Optional[LabelHit]) -> bool:
    """Is ``line`` more of the last label's value (a wrapped value, or the value below its label)?"""
    if not entries or prev is None:
        return False
    entry = entries[-1]
    if hit is not None and hit.known:
        return False  # a known label always starts a new entry
    if line.x0 is None or prev[1].x0 is None or prev[0] is not page:  # text: no positions
        if hit is not None:
            return False
        if not entry.parts:
            return blanks <= 1
        return blanks == 0
    step = pitch(prev[1], line)
    size = line.size or prev[1].size or 10.0
    if not entry.parts:  # the value sits below its label
        return step <= ALIGNED_PITCH and line.x0 >= (entry.label_x0 or 0) - 4
    if hit is not None and entry.value_x0 is not None and line.x0 < entry.value_x0 - 4:
        return False
    label_x0 = entry.label_x0 if entry.label_x0 is not None else line.x0
    if entry.value_x0 is not None and line.x0 >= entry.value_x0 - 4 and line.x0 > label_x0 + 8:
        return step <= ALIGNED_PITCH
    wrapped = (prev[1].x1 or 0) >= FULL_WIDTH * right.get(page.number, 0)
    return hit is None and wrapped and step <= WRAP_PITCH and abs(line.x0 - (prev[1].x0 or 0)) <= 6 + size


def _split_row(hit: LabelHit, text: str, p: CoverLabels) -> list[LabelHit]:
    """A table row may hold two label/value pairs ("DATE   5 March 2024   TIME   10am")."""
    out = [hit]
    while True:
        value = out[-1].value
        found = None
        for gap in _GAP.finditer(value):
            sub = find_label(value[gap.end():], p)
            if sub is not None and sub.known and sub.value:
                found = (gap.start(), sub)
                break
        if found is None:
            return out
        cut, sub = found
        last = out[-1]
        out[-1] = LabelHit(last.label, value[:cut].strip(), last.field, last.known, last.value_offset, last.negative,
                           last.colon)
        out.append(sub)


_GAP = re.compile(r"\s{3,}(?=\S)")


def _value_x0(line: Line, hit: LabelHit) -> Optional[float]:
    """Where the value starts on the page: the run after the label, else a proportional guess."""
    if line.x0 is None:
        return None
    if line.runs and len(line.runs) > 1:
        consumed = 0
        label_len = len(line.text[: hit.value_offset].strip())
        for x0, _x1, text in line.runs:
            if consumed >= label_len:
                return x0
            consumed += len(text) + 1
    if line.x1 is not None and line.text:
        return line.x0 + (line.x1 - line.x0) * hit.value_offset / max(len(line.text), 1)
    return None


def _ruled_out(block: _Block, p: CoverLabels) -> bool:
    """A label or a value that only e-mail headers, minutes or decision notices print."""
    if any(e.hit.negative for e in block.entries):
        return True
    return any(rx.search(e.value) for e in block.entries if e.hit.field
               for rx in p.negative_values.get(e.hit.field, ()))


def _is_cover(block: _Block, p: CoverLabels) -> bool:
    if _ruled_out(block, p):
        return False
    found = {e.hit.field for e in block.entries if e.hit.field and e.value}
    if not all(f in found for f in p.required_all):
        return False
    if any(e.hit.field == "decision_maker" and e.value and find_dates(e.value) for e in block.entries):
        found.add("date")  # "Report to Cabinet, 18 February 2025": to whom and when, in one line
    return sum(f in found for f in p.required_any) >= p.min_of


def _title_above(block: _Block, lines: list[_LineRef], p: CoverLabels) -> Optional[str]:
    """The title heading over a cover that has no subject label ("Finance Monitoring Report", then "By", "To").

    Only with font sizes (PDFs), only where the cover names both who reports and
    to whom (``title_heading.needs``), and only a line set well above the page's
    body size: agenda front sheets and letters have labels and headings too.
    """
    if _ruled_out(block, p) or any(e.hit.field == "subject" for e in block.entries):
        return None
    found = {e.hit.field for e in block.entries if e.hit.field and e.value}
    if not all(f in found for f in p.title_needs):
        return None
    page = lines[block.start][0]
    first = next(n for n, line in enumerate(page.lines) if line is lines[block.start][1])
    above = [line for line in page.lines[:first]
             if line.text.strip() and not is_page_furniture(line.text)]  # not an "Agenda Item 7" stamp
    sizes = sorted(line.size for line in page.lines if line.size)
    if not above or not sizes:
        return None
    body = sizes[len(sizes) // 2]
    big = [line for line in above[-p.title_lines_above:] if line.size and line.size >= p.title_size_ratio * body]
    if not big:
        return None
    top = max(line.size or 0 for line in big)
    return join_wrapped([line.text for line in big if (line.size or 0) >= 0.9 * top]) or None


# ---------------------------------------------------------------- the record


def _report(block: _Block, lines: list[_LineRef], stop: int, p: CoverLabels, right: dict[int, float]) -> Report:
    fields: dict[str, str] = {}
    for entry in block.entries:
        key = entry.hit.label
        n = 2
        while key in fields:
            key = f"{entry.hit.label} ({n})"
            n += 1
        fields[key] = entry.value
    chosen = {name: _pick(block.entries, name, p) for name in p.priority}
    decision_maker = chosen.get("decision_maker")
    date = parse_date(chosen["date"]) if chosen.get("date") else None
    if decision_maker:
        dated = find_dates(decision_maker)
        if dated:  # "Cabinet – 30 January 2025": the body, and the meeting's date
            date = date or dated[0].iso
            before, after = decision_maker[: dated[0].start], decision_maker[dated[0].end:]
            body = before if before.strip(" ,-–—:") else after.strip(" ,-–—:")
            body = re.sub(r"(?:\s*(?:[,\-–—:]|\bon\b|\bof\b|\bmeeting\b))+\s*$", "", body, flags=re.I).strip()
            decision_maker = body or decision_maker
    page = lines[block.start][0].number
    recs = _recommendations(lines, block, stop, p)
    return Report(subject=chosen.get("subject") or block.title, decision_maker=decision_maker, date=date,
                  report_of=chosen.get("report_of"), recommendations=recs, page=page, fields=fields)


def _pick(entries: list[_Entry], name: str, p: CoverLabels) -> Optional[str]:
    """The value of the most telling label for ``name`` that the cover prints."""
    ranked = [(p.priority[name].index(fold_label(e.hit.label)), n, e) for n, e in enumerate(entries)
              if e.hit.field == name and e.value and fold_label(e.hit.label) in p.priority[name]
              and not any(rx.fullmatch(e.value.strip()) for rx in p.placeholders)]  # "SUBJECT: SEE BELOW"
    if not ranked:  # a field read from a heading rather than a label
        return next((e.value for e in entries if e.hit.field == name and e.value and not e.hit.known), None)
    return min(ranked, key=lambda t: (t[0], t[1]))[2].value


# ---------------------------------------------------------------- recommendations


def _recommendations(lines: list[_LineRef], block: _Block, stop: int, p: CoverLabels) -> list[str]:
    """The cover's recommendations: from the cover on, within ``window_pages`` and before the next cover."""
    last_page = lines[block.start][0].number + p.window_pages - 1
    limit = next((k for k in range(block.start, stop) if lines[k][0].number > last_page), stop)
    return read_recommendations(lines, block.start, limit, p, sentences_from=block.end)


# ---------------------------------------------------------------- small helpers


def _right_edge(page: Page) -> float:
    xs = sorted(l.x1 for l in page.lines if l.x1 is not None and l.text.strip())
    if not xs:
        return 0.0
    return xs[int(0.9 * (len(xs) - 1))]


__all__ = ["parse_reports"]
