"""Minutes: meetings, attendance, numbered minute items and what was resolved.

A document may hold several sets of minutes (an agenda pack carries the minutes
of earlier meetings). Each set opens with a header line ("MINUTES OF THE
MEETING HELD ON ...", see ``meeting_header``) or, for minutes printed without
one, with a date and a "Present:" label at the top of a page. It runs to the
next header, a line that ends minutes (a report cover sheet, the signature
block) or a change of "Agenda Item" stamp.

Inside a set, the lines are read as rows (``minute_rows``), the numbered item
headings found by structure (``minute_items``), each item's body split into
paragraphs, and the decisions read from them (``resolutions``, ``votes``);
attendance comes from the header lines (``attendance``, ``names``), with lists
printed side by side unfolded first (``attendance_columns``). Minutes that
number nothing take their bold or capitalised headings as items (number null);
minutes with no headings at all still give the meeting when they say who
attended, so the set is never lost. In minutes set as a table, a short note in a
right-hand "Action" column beside a line of text is dropped and the text kept.
"""

from __future__ import annotations

import re
from typing import Optional

from ...load.model import Document, Line
from ...patterns import load_json
from ...record import Meeting, MinuteItem, Resolution
from .attendance import Attendance, is_prose, match_label, parse_attendance
from .attendance_columns import unfold_columns
from .header import find_date, find_yearless_date, header_body, is_header
from .label_headings import find_label_headings, lists_under_labels
from .items import (ItemHeading, find_items, find_sectioned_items, find_subheadings, find_unnumbered_items,
                    is_item_heading, numbering_continues)
from .rows import Row, build_rows
from .table_items import split_item_columns
from .names import split_names
from ..text.dates import find_dates
from ..text.pattern_rules import pattern_rules
from .motions import decided_by_vote, read_decisions, starts_own_paragraph
from .resolutions import Para, lead, list_marker, tidy

__all__ = ["parse_minutes", "build_rows", "Row"]


@pattern_rules("minutes.json")
def _rules() -> dict:
    p = load_json("minutes.json")
    return {"end": [re.compile(r"^\s*(?:" + rx + r")", re.I) for rx in p["meeting_end"]],
            "vote_line": re.compile(r"^(?:" + "|".join(p["vote_line"]) + r")", re.I),
            "apologies_from": re.compile(p["apologies_from"], re.I)}


# ---------------------------------------------------------------- meetings


def parse_minutes(doc: Document) -> list[Meeting]:
    """Every set of minutes in ``doc``, in order."""
    rows = build_rows(doc)
    starts = _meeting_starts(rows)
    meetings: list[Meeting] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(rows)
        meeting = _parse_meeting(doc, rows, start, end)
        if meeting is not None:
            meetings.append(meeting)
    return meetings


def _meeting_starts(rows: list[Row]) -> list[int]:
    starts: list[int] = []
    heads: set[str] = set()
    for i, row in enumerate(rows):
        if row.table or not is_header(row.text):
            continue
        if " ".join(row.text.lower().split()) in heads:
            continue  # the same header again: a running head, not another meeting
        heads.add(" ".join(row.text.lower().split()))
        if starts and i - starts[-1] <= 3:
            continue
        if _confirmed(rows, i):
            starts.append(i)
    if starts:
        return starts
    # minutes printed without a "Minutes of ..." line: a date and "Present:" near the top of a page
    for i, row in enumerate(rows[:400]):
        label = match_label(row.text)
        if label and label[0] == "present":
            first = i
            while first > 0 and rows[first - 1].page == row.page and i - first < 8:
                first -= 1
            if any(find_date(r.text) for r in rows[first:i]) and _confirmed(rows, i):
                return [first]
    return []


def _confirmed(rows: list[Row], i: int) -> bool:
    """A header is followed soon by attendance lines or a numbered item; a bare "Minutes" line
    needs a date beside it and attendance lines below it."""
    text = rows[i].text.strip()
    if re.search(r"\(\s*pages?\s+\d|\bpages?\s+\d+\s*[-–]\s*\d+", text, re.I):
        return False  # an agenda entry pointing at the minutes, not the minutes
    attendance = any(match_label(r.text) for r in rows[i + 1: i + 30])
    if re.fullmatch(r"(?:\w+\s+)?minutes", text, re.I):
        near = " ".join(r.text for r in rows[max(0, i - 3): i + 5])
        return bool(find_date(near)) and attendance
    if attendance:
        return True
    # no attendance lines: the header must open its page and numbered items must follow
    on_page = [k for k in range(max(0, i - 4), i) if rows[k].page == rows[i].page]
    return len(on_page) <= 3 and any(is_item_heading(r.text) and not r.table for r in rows[i + 1: i + 40])


_SUB_MARKER = re.compile(r"^\(?[a-z][.)]\s+")  # "a. Present", "(b) Apologies:"


def _opening_item_attendance(rows: list[Row], items: list[ItemHeading], end: int) -> Optional[Attendance]:
    """Who came, where the minutes list it under the opening item's lettered sub-heads ("1. Introductions
    and welcome", "a. Present", ..., "b. Apologies:") instead of above the first item."""
    until = items[1].row if len(items) > 1 else end
    lines: list[tuple[str, bool, Optional[Line]]] = []
    for row in rows[items[0].body_start: until]:
        text = _SUB_MARKER.sub("", row.text)
        if text != row.text and lines and not match_label(text):
            break  # the next sub-head that is no attendance label ("c. Declarations of interest")
        lines.append((text, row.blank_before, row.line))
    found = parse_attendance(unfold_columns(lines))
    return found if found.present or found.apologies else None


def _parse_meeting(doc: Document, rows: list[Row], start: int, end: int) -> Optional[Meeting]:
    end = _meeting_end(doc, rows, start, end)
    items, cuts = find_items(rows, start, end)
    sectioned = find_sectioned_items(rows, start, end)
    if len(sectioned) > len(items):
        items, cuts = sectioned, {}
    elif len(items) < 2 or _paragraph_numbers(rows, items):  # one numbered line is no numbering
        plain = find_unnumbered_items(rows, start, end)
        if len(items) == 1 and any(is_item_heading(rows[p.row].text) or p.row <= start + 1 for p in plain):
            plain = []  # the numbered line is one of them, or the header is: that one item stands
        if plain or not items:
            items, cuts = plain, {}
    if not sectioned or len(sectioned) <= len(items):
        labels = find_label_headings(rows, start, end)
        if lists_under_labels(items, labels, rows):
            items, cuts = labels, {}
    if not items and not _has_attendance(rows, start, end):
        return None
    first = items[0].row if items else end
    header_rows = rows[start: first]
    if items and items[0].row in cuts:
        header_rows = header_rows + [_cut(rows[items[0].row], cuts[items[0].row])]
    head_text = " ".join(r.text for r in header_rows[:4])
    above = [r.text for r in rows[max(0, start - 4): start] if r.page == rows[start].page]
    if is_header(rows[start].text):
        date = find_date(head_text) or find_date(" ".join(above)) or find_date(" ".join(r.text for r in header_rows))
        body = header_body(head_text, above)
    else:  # no header line: body above the date line
        date = find_date(head_text)
        date_at = next((j for j, r in enumerate(header_rows) if find_date(r.text)), 0)
        body = header_body("", [r.text for r in header_rows[:date_at]] or [header_rows[0].text])
    if date is None:  # a date printed without its year: the year that puts it among the minutes' dates
        dated = [d.iso for r in rows[start: end] for d in find_dates(r.text)]
        date = find_yearless_date(" ".join(r.text for r in header_rows[:8]), dated)
    attendance = parse_attendance(unfold_columns((r.text, r.blank_before, r.line) for r in header_rows))
    if not attendance.present and not attendance.apologies and items:
        attendance = _opening_item_attendance(rows, items, end) or attendance
    if not items and not attendance.present:
        return None  # no headings and nobody named as present: not a set of minutes after all
    meeting = Meeting(body=body, date=date, page=rows[start].page,
                      present=_unique(attendance.present), apologies=_unique(attendance.apologies),
                      in_attendance=_unique(attendance.in_attendance))
    if not items:
        unheaded = _unheaded_decisions(meeting, rows, start, end)
        if unheaded is not None:
            meeting.items.append(unheaded)
    for k, item in enumerate(items):
        body_end = items[k + 1].row if k + 1 < len(items) else end
        if k + 1 < len(items) and items[k + 1].row in cuts:
            body_end += 1  # the line that carries the next heading on its end
        body_rows = [_cut(r, cuts[n]) if n in cuts else r for n, r in enumerate(rows[item.body_start: body_end],
                                                                                  item.body_start)]
        item, body_rows = split_item_columns(item, rows[item.row], body_rows)
        subs = find_subheadings(body_rows)
        parts = [(item, body_rows[: subs[0][0]] if subs else body_rows)]
        for s, (at, number, title, rest) in enumerate(subs):
            until = subs[s + 1][0] if s + 1 < len(subs) else len(body_rows)
            heading = ItemHeading(number=number, title=tidy(title), row=item.body_start + at,
                                  body_start=item.body_start + at + 1, page=body_rows[at].page, rest=rest)
            parts.append((heading, body_rows[at + 1: until]))
        for heading, part_rows in parts:
            meeting.items.append(_minute_item(meeting, heading, part_rows))
    last = rows[end - 1].page if end > start else rows[start].page
    meeting.pages = [rows[start].page, last]
    return meeting


def _minute_item(meeting: Meeting, heading: ItemHeading, body_rows: list[Row]) -> MinuteItem:
    """One minute item from its heading and body rows: its text, resolutions and any apologies noted in it."""
    minute = MinuteItem(number=heading.number, title=heading.title, page=heading.page)
    paras = _paragraphs(heading, body_rows)
    minute.text = "\n".join(p.text for p in paras) or None
    minute.resolutions = read_decisions(paras) + _table_decisions(body_rows)
    if not minute.resolutions and heading.title:
        voted = decided_by_vote(heading.title, paras)
        minute.resolutions = [voted] if voted is not None else []
    minute.resolutions.sort(key=lambda r: r.page or 0)
    _note_item_attendance(meeting, heading, paras)
    return minute


def _unheaded_decisions(meeting: Meeting, rows: list[Row], start: int, end: int) -> Optional[MinuteItem]:
    """The decisions of minutes whose item headings were not found: one item without number or title that
    holds them. A resolution is the record a scrutiny manager tracks; it must not be lost because the
    council sets its headings in a way no rule knows. None when the text holds no decision."""
    heading = ItemHeading(number=None, title="", row=start, body_start=start + 1, page=rows[start].page)
    item = _minute_item(meeting, heading, rows[start + 1: end])
    if not item.resolutions:
        return None
    item.title = None
    return item


def _paragraph_numbers(rows: list[Row], items: list[ItemHeading]) -> bool:
    """The numbered "items" are numbered paragraphs ("1. The ranger reported on stocking levels"): none is
    set bold, every one reads as a sentence. Unnumbered headings, where there are any, are the items then."""
    return all(not (rows[i.row].line is not None and rows[i.row].line.bold)  # type: ignore[union-attr]
               and (is_prose(i.title) or i.title.rstrip().endswith(".")) for i in items)


def _has_attendance(rows: list[Row], start: int, end: int) -> bool:
    """Minutes with no item headings at all are still a meeting when they say who attended."""
    return any(match_label(r.text) for r in rows[start + 1: min(end, start + 30)])


def _cut(row: Row, offset: int) -> Row:
    """The running text of a line before a heading glued onto its end."""
    return Row(text=row.text[:offset].strip(), page=row.page, blank_before=row.blank_before, line=row.line,
               table=row.table)


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def _meeting_end(doc: Document, rows: list[Row], start: int, end: int) -> int:
    """Where the minutes stop: a report cover sheet, a signature block, or another agenda item's stamp."""
    stamp_of = {p.number: next((s for s in p.stamps if re.match(r"agenda\s+item\b", s, re.I)), None) for p in doc.pages}
    current = None
    for i in range(start, end):
        row = rows[i]
        stamp = stamp_of.get(row.page)
        if stamp:
            if current and stamp.lower() != current.lower():
                return i
            current = stamp
        if i > start + 3 and any(rx.match(row.text) for rx in _rules()["end"]) \
                and not (_page_foot(rows, i, end) and numbering_continues(rows, i, start, end)):
            return i
    return end


def _page_foot(rows: list[Row], i: int, end: int) -> bool:
    """Is row ``i`` the last of its page (a signature line there may be printed on every page)?"""
    return i + 1 < end and rows[i + 1].page != rows[i].page


# ---------------------------------------------------------------- item bodies

_BULLET = re.compile(r"^(?:[•●▪◦■□\-–*]|o\s|\uf0b7|\uf0a7)\s*")
# a labelled block after a finished sentence ("Reasons for decision: ..."): a paragraph of its own
_LABELLED = re.compile(r"^[A-Z][A-Za-z’' ]{2,40}:\s")


def _paragraphs(item: ItemHeading, rows: list[Row]) -> list[Para]:
    """The item's body as paragraphs (the text after the title on the heading line first)."""
    paras: list[Para] = []
    cur: list[str] = []
    cur_pages: list[int] = []
    cur_page = item.page
    cur_marker: Optional[str] = None

    def flush() -> None:
        nonlocal cur, cur_pages
        if cur:
            breaks = []
            for k in range(1, len(cur)):
                if cur_pages[k] != cur_pages[k - 1]:
                    breaks.append((len(_join(cur[:k])) + 1, cur_pages[k]))
            paras.append(Para(text=_join(cur), page=cur_page, marker=cur_marker, breaks=breaks or None))
        cur, cur_pages = [], []

    if item.rest:
        cur, cur_pages, cur_page = [item.rest], [item.page], item.page
    after_own = bool(item.rest) and starts_own_paragraph(item.rest)  # the line before stands alone
    for row in rows:
        text = row.text.strip()
        if row.table:
            beside = _text_beside_note(row)
            if beside is None:
                flush()
                after_own = False
                continue
            text = beside
        marker = list_marker(text)
        own = starts_own_paragraph(text)
        starts = (row.blank_before or marker is not None or _BULLET.match(text) is not None
                  or own or (cur and after_own)
                  or _rules()["vote_line"].match(text) is not None
                  or (lead(text) is not None and (not cur or re.search(r"[.:;?!]\s*$", cur[-1])))
                  or (cur and cur[-1].rstrip().endswith(":"))
                  or (cur and _LABELLED.match(text) is not None and re.search(r"[.;?!]\s*$", cur[-1]) is not None))
        if starts:
            flush()
            cur_page, cur_marker = row.page, (marker[0] if marker else None)
        cur.append(text)
        cur_pages.append(row.page)
        after_own = own
    flush()
    return paras


def _text_beside_note(row: Row) -> Optional[str]:
    """A line of the minute's text with a short note in a right-hand column beside it (the "Action"
    column of minutes set as a table: "Resolved: to repaint the shelter.   Clerk"): the text alone.
    None for other table rows."""
    line = row.line
    runs = line.runs if line is not None else None
    if not runs or line is None or line.x0 is None or line.x0 > 0.4 * 595:
        return None
    cut = next((k for k in range(1, len(runs)) if runs[k][0] - runs[k - 1][1] > 20), None)
    if cut is None:
        return None
    notes = runs[cut:]
    if any(a < 0.6 * 595 or len(t.split()) > 5 for a, _, t in notes):
        return None
    left = " ".join(t.strip() for _, _, t in runs[:cut])
    return left if len(left.split()) >= 3 else None


def _join(lines: list[str]) -> str:
    out = ""
    for text in lines:
        if out.endswith("-") and not out.endswith(" -") and text[:1].islower():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return re.sub(r"\s+", " ", out).strip()


def _table_decisions(rows: list[Row]) -> list[Resolution]:
    """Decisions worded inside a table cell ("Committee resolved to fund ..."), read down the cell's column."""
    out: list[Resolution] = []
    for k, row in enumerate(rows):
        if not row.table or row.line is None or not row.line.runs:
            continue
        runs = row.line.runs
        for r, (x0, _, text) in enumerate(runs):
            if r == 0 and row.line.x0 is not None and x0 < 0.4 * 595 and len(runs) > 1:
                continue
            cell = _column_text(rows, k, x0)
            hit = lead(cell)
            if hit and hit[1]:
                out.append(Resolution(text=tidy(hit[1]), number=None, page=row.page, keyword=hit[0]))
                break
    return out


def _column_text(rows: list[Row], k: int, x: float) -> str:
    """Text of the column starting at ``x`` from row ``k`` down to the end of its first sentence."""
    parts: list[str] = []
    for row in rows[k: k + 12]:
        if row.line is None or not row.line.runs:
            break
        if row is not rows[k] and row.page != rows[k].page:
            break
        cell = [(a, b, t) for a, b, t in row.line.runs if a >= x - 8]
        if not cell:
            continue
        text = ""
        last_x1 = None
        for a, b, t in cell:
            glue = last_x1 is not None and a - last_x1 < 1.5 and text[-1:].isalpha() and t[:1].isalpha()
            text = text + t if glue or not text else f"{text} {t}"
            last_x1 = b
        parts.append(text.strip())
        if re.search(r"\.\s*$", text):
            break
    return _join(parts)


def _note_item_attendance(meeting: Meeting, item: ItemHeading, paras: list[Para]) -> None:
    """Attendance printed inside a numbered item: apologies go to apologies_in_items; a numbered
    "Present:" / "Those attending:" item (parish style) is the attendance list itself."""
    label = match_label(f"{item.title}:")
    if label and label[0] == "present" and not meeting.present:
        att = parse_attendance([(f"{item.title}: {item.rest}", False)] + [(p.text, True) for p in paras[1:2]])
        meeting.present = _unique(att.present)
        meeting.in_attendance = _unique(meeting.in_attendance + att.in_attendance)
        return
    if not re.search(r"apolog", item.title, re.I):
        return
    for n, para in enumerate(paras):
        if n and not re.search(r"apolog", para.text, re.I):
            continue
        m = _rules()["apologies_from"].search(para.text)
        text = m.group(1) if m else (para.text if not lead(para.text) and not is_prose(para.text)
                                     and len(para.text.split()) <= 25 else "")
        if text:
            people, _ = split_names(text)
            meeting.apologies_in_items.extend(p for p in people if p not in meeting.apologies_in_items)
