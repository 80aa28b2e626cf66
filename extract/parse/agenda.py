"""The front sheet's agenda: item number, title, printed page range.

An agenda list opens under a heading ("AGENDA", "Business", "... to transact
the following business:") and is a run of numbered lines whose numbers go up
one at a time (1, 2, 3 ... or 2579, 2580 ...; 5a or 5.1 may follow 5). A title
may wrap: the next line belongs to it when it follows without a gap, is set
under the title rather than under the number, and the title has not ended
(a page reference "(Pages 5 - 12)" ends it, unless it stands in a right-hand
column and the next line carries the sentence on). Sub-items numbered under a
heading item (6.1, 6.2 or (a), (b)) may be set indented under it. Lines after an
item that introduces a list ("Accounts for payment:-") are its sub-items, unless they
are lettered in the numbers' column of a table agenda ("6  Group reports:" / "(a) ...",
read as items). Under a table heading row whose last cell is "Page", a lone number
set apart at a line's end is a single page ("35" -> [35, 35]). What the
templates print (headings, page references, section headings that are not
items) lives in ``patterns/agenda.json``.

Positions are used where the page model has them (PDF) and ignored otherwise
(text, where a blank line separates a title from its description).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional

from ..load.model import Document, Line, Page
from ..patterns import load_json
from ..record import AgendaItem

if TYPE_CHECKING:
    from .minutes.items import ItemHeading
    from .minutes.rows import Row

FIRST_ITEM_WITHIN = 40  # non-blank lines between the heading and the first item, at most
MAX_TITLE_LINES = 5  # an item title wraps onto at most this many lines


@dataclass
class _Spec:
    headings: list[re.Pattern[str]]
    heading_phrases: list[re.Pattern[str]]
    item: re.Pattern[str]
    page_refs: list[re.Pattern[str]]
    not_items: list[re.Pattern[str]]
    list_end: list[re.Pattern[str]]
    list_end_headings: list[re.Pattern[str]]
    max_gap: int
    intro_colon: tuple[str, ...]
    page_column_headings: list[re.Pattern[str]]
    file_number: re.Pattern[str]  # a legislative file number between an item's number and title
    outline_item: re.Pattern[str]  # a lettered outline heading ("A.", "A.-1.") the item chain reads too
    purpose_clause: re.Pattern[str]  # where an item's purpose after its title begins ("- to receive ...")
    title_notes: re.Pattern[str]  # who brought the item, after its title ("(Sponsored by ...)")


@lru_cache(maxsize=1)
def spec() -> _Spec:
    raw: dict[str, Any] = load_json("agenda.json")
    comp = lambda items: [re.compile(p, re.I) for p in items]  # noqa: E731
    return _Spec(
        headings=comp(raw["headings"]), heading_phrases=comp(raw.get("heading_phrases", [])),
        item=re.compile(raw["item"], re.I), page_refs=comp(raw["page_refs"]),
        not_items=comp(raw["not_items"]), list_end=comp(raw.get("list_end", [])),
        list_end_headings=comp(raw.get("list_end_headings", [])), max_gap=int(raw.get("max_gap_lines", 16)),
        intro_colon=tuple(raw.get("intro_colon", [":", ":-"])),
        page_column_headings=comp(raw.get("page_column_headings", [])),
        file_number=re.compile(raw["file_number"]), outline_item=re.compile(raw["outline_item"]),
        purpose_clause=re.compile(raw["purpose_clause"], re.I),
        title_notes=re.compile(raw["title_notes"], re.I),
    )


@dataclass
class _Row:
    page: Page
    line: Line
    text: str  # the line's text, stripped

    @property
    def blank(self) -> bool:
        return not self.text


def _rows(doc: Document) -> list[_Row]:
    # inner runs of spaces are kept: they set a right-hand page column apart ("Budget   5 - 12")
    return [_Row(page, line, line.text.replace("\t", "   ").strip()) for page, line in doc.lines()]


# --- numbers -------------------------------------------------------------------------------------------

_NUM = re.compile(r"(?:(?P<prefix>\d{2,4})/)?(?P<base>\d+)(?:[.\s]?(?P<sub>\d+|[a-z]|\([a-z]\)))?", re.I)


def _number_key(number: str) -> Optional[tuple[int, str]]:
    """(number, sub-number) of an item label; a year prefix ("24/101") is folded into the number so that
    24/101 -> 24/102 follows and 23/101 -> 24/102 does not."""
    m = _NUM.fullmatch(number.strip())
    if not m:
        return None
    base = int(m.group("base")) + (int(m.group("prefix")) * 100000 if m.group("prefix") else 0)
    return base, (m.group("sub") or "").strip("()").lower()


def _follows(previous: Optional[str], number: str) -> bool:
    """Whether ``number`` may come next after ``previous`` on an agenda (7 -> 8, 7 -> 7a, 7.1 -> 7.2, 7a -> 8)."""
    key = _number_key(number)
    if key is None:
        return False
    if previous is None:
        return True
    prev = _number_key(previous)
    if prev is None:
        return False
    (pb, ps), (b, s) = prev, key
    if b == pb:
        if not s:
            return False
        if not ps:
            return s in ("a", "1")
        if s.isdigit() and ps.isdigit():
            return int(s) == int(ps) + 1
        return len(s) == 1 and len(ps) == 1 and ord(s) == ord(ps) + 1
    return b in (pb + 1, pb + 2) and (not s or s in ("a", "1"))


_LETTERED = re.compile(r"(?P<num>\((?P<l1>[a-z])\)|(?P<l2>[a-z])[.)])\s+(?P<title>[A-Z0-9\"“‘'].*)")


def _lettered(row: _Row) -> Optional[tuple[str, re.Match[str]]]:
    """A sub-item printed with a letter only ("(a)  Revenue monitoring", "b)  Capital programme"):
    its letter and the match."""
    m = _LETTERED.fullmatch(row.text) if row.text else None
    return ((m.group("l1") or m.group("l2")).lower(), m) if m else None


def _next_letter(previous: Optional[str], letter: str) -> bool:
    """``letter`` opens (a) or continues (b after a) the lettered sub-items under the item ``previous``."""
    key = _number_key(previous) if previous else None
    if key is None:
        return False
    return letter == "a" if not key[1] else (len(key[1]) == 1 and key[1].isalpha() and ord(letter) == ord(key[1]) + 1)


def _is_subitem(previous: Optional[str], number: str) -> bool:
    """``number`` is a sub-item (6.1, 6a, 6(b)) of the item ``previous`` or of its parent, so it may be set
    indented under it."""
    key, prev = _number_key(number), _number_key(previous) if previous else None
    return bool(key and prev and key[1] and key[0] == prev[0])


# --- lines ---------------------------------------------------------------------------------------------

def _fullmatch_any(patterns: list[re.Pattern[str]], text: str) -> bool:
    return any(p.fullmatch(text) for p in patterns)


def _heading_like(row: _Row) -> bool:
    letters = [c for c in row.text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return row.line.bold or upper or len(row.text.split()) <= 4


def is_heading(text: str) -> bool:
    """Whether a line opens an agenda list."""
    s = spec()
    text = " ".join(text.split()).strip()
    if re.fullmatch(r"(?:[A-Za-z] ){3,}[A-Za-z]", text):  # letter-spaced display type: "A G E N D A"
        text = text.replace(" ", "")
    return _fullmatch_any(s.headings, text) or any(p.search(text) for p in s.heading_phrases)


_COLUMN_PAGE = re.compile(r"(?:\s{2,}|\t)(?P<first>(?!(?:19|20)\d\d\b)\d{1,4})\s*$")


def split_page_ref(title: str, page_column: bool = False) -> tuple[str, Optional[list[int]]]:
    """The title without its printed page reference, and the reference as [first, last].

    With ``page_column`` (the list is a table whose last column is headed "Page"), a lone number set
    apart at the line end ("Work programme   35") is a page too: [35, 35]."""
    patterns = spec().page_refs + ([_COLUMN_PAGE] if page_column else [])
    for pattern in patterns:
        m = pattern.search(title)
        if m:
            first = int(m.group("first"))
            last = int(m.group("last")) if m.groupdict().get("last") else first
            if last < first:
                continue
            return title[: m.start()].rstrip(" .-–,"), [first, last]
    return title, None


def _page_column_heading(text: str) -> bool:
    """The heading row of an agenda set as a table whose last column holds page numbers ("Item  Business  Page")."""
    cells = [c for c in re.split(r"\s{2,}|\t", text.strip()) if c]
    return len(cells) >= 2 and _fullmatch_any(spec().page_column_headings, cells[-1])


def _open_page_ref(title: str) -> bool:
    """A page reference cut by the line end: "... (Pages" or "(Pages 461 -"."""
    return bool(re.search(r"\(\s*pages?(?:\s+\d+\s*[-–]?)?\s*$", title, re.I))


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _unbalanced(text: str) -> bool:
    body = split_page_ref(text)[0]
    return body.count("(") > body.count(")")


_OPEN_END = re.compile(r"(?:[,:;/&\-–—]|\b(?:of|and|or|the|for|to|at|in|on|with|by|from|a|an))\s*$", re.I)


def _column_ref(title: str) -> bool:
    """The page reference is set apart in a right-hand column (a run of spaces or a tab before it), not
    printed straight after the title's last word."""
    body = split_page_ref(title)[0]
    rest = title[len(body):]
    return bool(re.match(r"\s{2,}|\t", rest))


def _runs_on(title: str, nxt: _Row) -> bool:
    """A title whose page reference stands in a right-hand column on its first line may still wrap:
    an open bracket, a capitals title carried on in capitals, or (the column beside the first line
    only) a next line that carries the sentence on: it starts in lower case, or the first line
    stopped on a comma, colon, dash or joining word ("... erection of 46" / "dwellings with ...")."""
    body = split_page_ref(title)[0]
    if _unbalanced(title) or (_capitals(body) and _capitals(nxt.text)):
        return True
    if not _column_ref(title) or _item_match(nxt):
        return False
    return nxt.text[:1].islower() or bool(_OPEN_END.search(body))


def _item_match(row: _Row) -> Optional[re.Match[str]]:
    return spec().item.fullmatch(row.text) if row.text else None


def _indent(row: _Row) -> float:
    if row.line.x0 is not None:
        return row.line.x0
    raw = row.line.text
    return float(len(raw) - len(raw.lstrip()))


def _line_size(a: Line, b: Line) -> float:
    """The font size two neighbouring lines are set in (small runs such as a footnote mark do not shrink it)."""
    return max(a.size or 0.0, b.size or 0.0, 10.0)


def _continues(prev: _Row, row: _Row, number_x: float, title_bold: bool) -> bool:
    """Whether ``row`` carries on the title on ``prev`` (PDF: no gap, set under the title, same weight)."""
    if row.blank or prev.page is not row.page:
        return False
    line, before = row.line, prev.line
    if line.top is not None and before.top is not None:
        if line.top - before.top > 1.75 * _line_size(before, line) or line.top <= before.top:
            return False
        if line.x0 is not None and line.x0 < number_x + 4:
            return False
        if title_bold and not line.bold:
            return False
    body = split_page_ref(prev.text)[0]
    if _ends_short(prev) and not _OPEN_END.search(body) and not _unbalanced(prev.text) \
            and not (_capitals(body) and _capitals(row.text)):
        return False  # the title stopped well short of the margin: the line below is its description
    return True


def _ends_short(row: _Row) -> bool:
    """Whether ``row`` stops well before the page's right margin (by under two thirds of the text width).

    Why: a title that wraps fills its line; a short title ("Correspondence")
    over a line of description ("To discuss correspondence received") does not.
    """
    right, left = _text_edges(row.page)
    line = row.line  # positions only: in text a blank line separates a title from its description
    return line.x1 is not None and line.x0 is not None and right > left and line.x1 - left < (2 / 3) * (right - left)


def _text_edges(page: Page) -> tuple[float, float]:
    xs = [(ln.x0, ln.x1) for ln in page.lines if ln.x0 is not None and ln.x1 is not None and ln.text.strip()]
    if not xs:
        return 0.0, 0.0
    return max(x1 for _, x1 in xs), min(x0 for x0, _ in xs)


# --- the list ------------------------------------------------------------------------------------------

def _parse_from(rows: list[_Row], start: int) -> tuple[list[AgendaItem], Optional[int]]:
    """The agenda list that follows the heading at ``rows[start]``, and the row its first item stands on."""
    s = spec()
    items: list[AgendaItem] = []
    first_row: Optional[int] = None
    last_number: Optional[str] = None
    number_x: Optional[float] = None
    gap = 0
    page_column = False  # the list is a table with a "Page" column: a lone number there is a page
    i = start + 1
    while i < len(rows):
        row = rows[i]
        if row.blank:
            i += 1
            continue
        if _page_column_heading(row.text):
            page_column = True
            i += 1
            continue
        m = _item_match(row)
        number = m.group("num").replace(" ", "") if m else None
        if number is None and re.fullmatch(r"\d{1,4}[a-z]?\.?", row.text, re.I):
            # the number printed on a line of its own, the title on the next
            nxt = next((j for j in range(i + 1, min(i + 3, len(rows))) if not rows[j].blank), None)
            if nxt is not None and not _item_match(rows[nxt]):
                number = row.text.rstrip(".")
                merged = _Row(row.page, rows[nxt].line, f"{number} {rows[nxt].text}")
                m = _item_match(merged)
                if m:
                    rows = rows[:i] + [merged] + rows[nxt + 1:]
                    row = merged
                else:
                    number = None
        aligned = number_x is None or abs(_indent(row) - number_x) <= (12 if row.line.x0 is not None else 2)
        # only straight under an item or its sibling: a lettered list after a description line is the description's
        lettered = _lettered(row) if m is None and last_number and gap == 0 else None
        # indented under its item, or (a table's item column) in the numbers' column right after a heading item
        # that introduces them ("Task group reports:") or after the sub-item before it
        placed = lettered is not None and number_x is not None and (
            _indent(row) > number_x + (4 if row.line.x0 is not None else 1)
            or (aligned and (lettered[0] != "a" or bool(items and items[-1].title.endswith(s.intro_colon)))))
        if lettered and placed and _next_letter(last_number, lettered[0]):
            # a sub-item with a letter only, indented under its item: kept as printed ("(a)"), counted as 3a
            letter, lm = lettered
            parent = re.match(r"(?:\d{2,4}/)?\d+", last_number or "")
            printed = lm.group("num") if lm.group("l1") else lm.group("num").rstrip(".)")
            i = _take_item(rows, i, lm, printed, _indent(row), items, page_column)
            last_number = f"{parent.group(0) if parent else ''}{letter}"
            gap = 0
            continue
        nested = (number_x is not None and number is not None and _is_subitem(last_number, number)
                  and number_x < _indent(row) <= number_x + (90 if row.line.x0 is not None else 12))
        if m and number and (aligned or nested) and _follows(last_number, number) and not _fullmatch_any(s.not_items, row.text):
            if number_x is None:
                number_x = _indent(row)
                first_row = i
            i = _take_item(rows, i, m, number, _indent(row) if nested and not aligned else number_x, items,
                           page_column)
            last_number = number
            gap = 0
            continue
        if _fullmatch_any(s.list_end, row.text) or (_heading_like(row) and _fullmatch_any(s.list_end_headings, row.text)):
            break
        if not _fullmatch_any(s.not_items, row.text):
            gap += 1
            limit = FIRST_ITEM_WITHIN if not items else s.max_gap
            if gap > limit:
                break
        i += 1
    return items, first_row


def _take_item(rows: list[_Row], i: int, m: re.Match[str], number: str, number_x: float,
               items: list[AgendaItem], page_column: bool = False) -> int:
    """Read the item starting at ``rows[i]`` into ``items``; return the index after its title (and sub-items)."""
    s = spec()
    row = rows[i]
    title = m.group("title").strip()
    title_bold = row.line.bold and row.line.x0 is not None
    j, prev, taken = i + 1, row, 1
    saved: Optional[list[int]] = None
    while j < len(rows) and taken < MAX_TITLE_LINES:
        nxt = rows[j]
        if not nxt.text:
            if nxt.line.x0 is None and _open_page_ref(title):
                j += 1
                continue
            break
        if title.endswith(s.intro_colon) and not _open_page_ref(title):
            break
        if split_page_ref(title, page_column)[1] is not None and not _open_page_ref(title) and not _runs_on(title, nxt):
            break
        if _capitals(title) and not _capitals(nxt.text) and not _open_page_ref(title) and not _unbalanced(title):
            break  # a title set in capitals, a description in sentence case
        if _item_match(nxt) and _follows(number, _item_match(nxt).group("num").replace(" ", "")):  # type: ignore[union-attr]
            break
        if _lettered(nxt) and _indent(nxt) > number_x and (_lettered(nxt)[0] == "a" or _lettered(row)):  # type: ignore[index]
            break  # the first lettered sub-item under this heading item, or the next one after this
        if _fullmatch_any(s.not_items, nxt.text) or not _continues(prev, nxt, number_x, title_bold):
            if not _open_page_ref(title):
                break
        if not _open_page_ref(title):
            title, found = split_page_ref(title, page_column)  # a right-hand page column printed on an earlier line
            saved = found or saved
        title = f"{title} {nxt.text}"
        prev, j, taken = nxt, j + 1, taken + 1
    clean, pages = split_page_ref(title, page_column)
    pages = pages or saved
    clean = s.purpose_clause.split(clean, maxsplit=1)[0]  # the item's purpose printed after its title
    item = AgendaItem(number=number.rstrip("."), title=agenda_title(clean), pages=pages, page=row.page.number)
    if clean.rstrip().endswith(s.intro_colon):
        j = _take_subitems(rows, j, number, number_x, item)
    items.append(item)
    return j


def _take_subitems(rows: list[_Row], j: int, number: str, number_x: float, item: AgendaItem) -> int:
    """Un-numbered lines listed under an item that introduces them, up to the next item or a gap."""
    s = spec()
    prev: Optional[_Row] = None
    while j < len(rows):
        row = rows[j]
        if row.blank:
            if row.line.x0 is None and item.subitems:
                break
            j += 1
            continue
        m = _item_match(row)
        if m and _follows(number, m.group("num").replace(" ", "")):
            break
        lettered = _lettered(row)
        if lettered and lettered[0] == "a" and abs(_indent(row) - number_x) <= (12 if row.line.x0 is not None else 2):
            break  # "(a)" in the numbers' column: lettered sub-items, read as items
        if _fullmatch_any(s.not_items, row.text) or _fullmatch_any(s.list_end, row.text):
            break
        if prev is not None and prev.line.top is not None and row.line.top is not None:
            if row.line.top - prev.line.top > 1.75 * _line_size(prev.line, row.line) or row.page is not prev.page:
                break
        wraps = (prev is not None and item.subitems and row.text[:1].islower()
                 and not item.subitems[-1].rstrip().endswith((".", ";")))
        if wraps:
            item.subitems[-1] = f"{item.subitems[-1]} {row.text}"
        else:
            item.subitems.append(row.text)
        prev = row
        j += 1
        if len(item.subitems) > 30:
            break
    return j


def find_agenda(doc: Document, max_pages: int = 12) -> tuple[Optional[int], list[AgendaItem]]:
    """The agenda list of the document's own meeting and the page its heading is on.

    Only the first pages are searched (a front sheet leads its pack); of several
    headings the first that opens a list of at least two items wins. A document
    that opens with a minutes header has no agenda of its own.
    """
    from .document.cues import is_minutes_header

    rows = [r for r in _rows(doc) if r.page.number <= max_pages or len(doc.pages) == 1]
    for index, row in enumerate(rows):
        if row.text and is_minutes_header(row.text):
            return None, []  # minutes: any agenda printed inside them is an earlier meeting's
        if row.text and is_heading(row.text):
            start = index
            for _ in range(5):  # a stray number under the heading ("30 January 2025") is not the first item
                items, first_row = _parse_from(rows, start)
                if len(items) >= 2:
                    return row.page.number, items
                if first_row is None:
                    break
                start = first_row
    return None, []


_CELL_NUMBER = re.compile(r"(?:item\s+)?\(?(?P<n>\d{1,3})(?:\.\d{1,2})?(?:[a-z]|\s?\([a-z]\))?\)?\.?|\(?[a-z]\)|[a-z]\.", re.I)
_CELL_RANGE = re.compile(r"(?:pages?\s+)?\d{1,4}\s*(?:-|–|—|to)\s*\d{1,4}|\d{1,4}", re.I)


def is_agenda_table(rows: list[list[str]]) -> bool:
    """A table that is an agenda (item numbers going up in its first column, page numbers or ranges in its
    last, or a last column headed "Page"), so table readers looking for figures leave it alone."""
    if len(rows) < 3 or min(len(r) for r in rows) < 3:
        return False
    firsts = [" ".join(r[0].split()) for r in rows if r[0].strip()]
    numbered = [m for m in (_CELL_NUMBER.fullmatch(c) for c in firsts) if m]
    if len(numbered) < 3 or len(numbered) < 0.7 * (len(firsts) - 1):
        return False
    numbers = [int(m.group("n")) for m in numbered if m.group("n")]
    if any(b < a for a, b in zip(numbers, numbers[1:])) or len(set(numbers)) < 3:  # 3, 3(a), 3(b) share a number
        return False
    lasts = [" ".join(r[-1].split()) for r in rows if r[-1].strip()]
    headed = any(_page_column_heading(f"{r[0]}   {r[-1]}") for r in rows[:2])
    ranges = [c for c in lasts if _CELL_RANGE.fullmatch(c) and re.search(r"\d\s*(?:-|–|—|to)\s*\d", c)]
    return headed or len(ranges) >= 2 and len(ranges) >= 0.6 * len(lasts)


def parse_agenda(doc: Document) -> list[AgendaItem]:
    """The agenda items of the meeting the document is for, with where the pack holds each one."""
    page, items = find_agenda(doc)
    if page is not None or _agenda_title_on_first_page(doc):
        outline = outline_agenda(doc, page or 1, first_page=_first_heading_page(doc))
        if len(outline) >= max(OUTLINE_MIN_ITEMS, 2 * len(items)):
            items = outline
    if items:
        from .document.sections import annotate_items

        annotate_items(doc, items)
    return items


OUTLINE_MIN_ITEMS = 6  # an outline read in place of the list only where it is clearly the longer reading
OUTLINE_PAGES = 30  # how far past its heading an agenda's outline may run (a city agenda runs to twenty pages)


def _first_heading_page(doc: Document, max_pages: int = 12) -> Optional[int]:
    """The first page with an agenda heading line: where an outline starts, though the list walker may have
    found its first list on a later page (a running header "Notice and Agenda" on every page, the first
    pages' items set in a shape the walker does not take)."""
    for row in _rows(doc):
        if row.page.number > max_pages:
            break
        if row.text and is_heading(row.text):
            return row.page.number
    return None


def _agenda_title_on_first_page(doc: Document) -> bool:
    """The first page names the paper an agenda ("Agenda - Final Revised", "Amended Agenda") though no line
    there is the heading the list walker starts from."""
    phrases = spec().heading_phrases
    if not phrases:
        return False
    rx = phrases[-1]  # the title-line phrase ("... Agenda ..."), compiled once with the others
    return bool(doc.pages) and any(rx.search(line.text.strip()) for line in doc.pages[0].lines[:40])


def _opens_minutes(rows: "list[Row]", k: int) -> bool:
    """A pack's minutes start at the row: a minutes header with attendance lines soon below it (a line
    "Draft Minutes - November 18, 2020" in an item's list of papers has none)."""
    from .document.cues import is_minutes_header
    from .minutes.attendance import match_label

    return is_minutes_header(rows[k].text) and any(match_label(r.text) for r in rows[k + 1: k + 30])


def outline_agenda(doc: Document, page: int, first_page: Optional[int] = None) -> list[AgendaItem]:
    """An agenda read as the minutes' item reader reads headings: the longest chain of numbered headings,
    hierarchical numbering ("2.", "2.1", "2.13", "3.") included. City agendas (Legistar, Granicus, eScribe)
    open with pages of public-participation notes whose own numbered lists stop a walker that reads the
    first list under the heading; their business is a long outline further on. The outline starts at
    ``first_page`` (the first agenda heading) where that is earlier than ``page`` (where the walker found
    its list), and runs to ``OUTLINE_PAGES`` past ``page``."""
    from .minutes.items import find_items
    from .minutes.rows import build_rows

    rows = build_rows(doc)
    start = next((k for k, r in enumerate(rows) if r.page >= min(page, first_page or page)), len(rows))
    end = next((k for k, r in enumerate(rows) if r.page > page + OUTLINE_PAGES
                or (k > start and _opens_minutes(rows, k))), len(rows))  # a pack's minutes are not its agenda
    if end - start < 3:
        return []
    headings, _ = find_items(rows, start, end, outline_any_style=True, extra=spec().outline_item)
    headings = sorted(headings + _section_headings(rows, start, headings), key=lambda h: h.row)
    out = []
    for h in headings:
        title = agenda_title(spec().file_number.sub("", h.title, count=1))
        out.append(AgendaItem(number=h.number.rstrip(".") if h.number else None, title=title, page=h.page))
    return out


def agenda_title(title: str) -> str:
    """An agenda item's title as its heading prints it: without a note of who brought it ("(Sponsored by
    Commissioner X)"), and without the description a city agenda prints on after a title in capitals
    ("COMMUNITY INPUT Members of the public wishing to address ...": the title is the capitals)."""
    title = " ".join(spec().title_notes.sub("", title).split())
    words = title.split()
    caps = 0
    while caps < len(words) and not re.search(r"[a-z]", words[caps]):
        caps += 1
    lettered = sum(1 for w in words[:caps] if re.search(r"[A-Z]{2}", w))
    if lettered >= 2 and caps < len(words) and re.fullmatch(r"[A-Z][a-z’']+[,.:]?", words[caps]):
        return " ".join(words[:caps])
    return title


def _section_headings(rows: "list[Row]", start: int, items: "list[ItemHeading]") -> "list[ItemHeading]":
    """The unnumbered headings in capitals among a numbered outline ("CALL TO ORDER", "ROLL CALL",
    "PLEDGE OF ALLEGIANCE", "ADJOURNMENT"): US city agendas list their opening and closing business so,
    and each is an item of the agenda. Only where the outline has numbered items, after the agenda's
    heading and from the page before the first numbered item's (the masthead and notices come earlier)
    to the end of the last numbered item's page (a pack's reports follow on later pages), and never a line
    a numbered item's title took."""
    from .minutes.header import find_date
    from .minutes.items import ItemHeading, is_section_heading
    from .minutes.resolutions import tidy

    if len(items) < 3:
        return []
    taken = {k for h in items for k in range(h.row, max(h.body_start, h.row + 1))}
    first_page, last_page = rows[items[0].row].page - 1, rows[items[-1].row].page
    heading = next((k for k in range(start, items[0].row) if is_heading(rows[k].text)), start - 1)
    out = []
    for k in range(heading + 1, len(rows)):
        if rows[k].page > last_page:
            break
        if rows[k].page >= first_page and k not in taken and is_section_heading(rows, k, colon=True) \
                and not _unbalanced(rows[k].text) and not find_date(rows[k].text):
            out.append(ItemHeading(number=None, title=tidy(rows[k].text.strip().rstrip(":")), row=k,
                                   body_start=k + 1, page=rows[k].page))
    return out


__all__ = ["parse_agenda", "find_agenda", "split_page_ref", "is_heading", "is_agenda_table"]
