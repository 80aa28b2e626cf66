"""Minute item headings: numbered headings found by structure, not by wording.

Candidates are lines that open with a number and read as a heading (capital
first, short, not a decision, not a date). The items are the longest run of
candidates whose numbers rise in small steps and whose punctuation and margin
agree, weighted by how much each looks like a heading (bold, capitals, standing
apart), so paragraph numbers ("1.", "2." inside a minute), sub-resolution
lists and an address in the header fall away. Layout lets a heading set like
the others through with a misprinted number. Titles are joined over wrapped
lines; "(Item n)" references are dropped; a heading glued to the end of a
line of text (a page break lost in extraction) is found too. A heading set as
table cells (the number in a margin column, "Min. 23/114" / "24/64", the title
beside it, an Action cell far right) is read from its cells, and a title wraps
onto a line set under the title column even when that line opens with a figure.
Minutes without numbered headings fall back to ``find_unnumbered_items``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ...patterns import load_json
from .attendance import is_prose, match_label
from .header import find_date, is_header
from .rows import Row
from ..text.pattern_rules import pattern_rules
from .motions import mover_line, starts_own_paragraph
from .resolutions import is_abbreviation, lead, tidy
from ..text.listmarkers import roman_value


@dataclass
class ItemHeading:
    number: Optional[str]
    title: str
    row: int  # index of the heading row
    body_start: int
    page: int
    rest: str = ""  # text printed after the title on the heading line


@pattern_rules("minutes.json")
def _rules() -> dict:
    p = load_json("minutes.json")
    return {
        "item": re.compile(p["item"], re.I),
        "item_ref": re.compile(p["item_ref"], re.I),
        "item_trailing": re.compile(p["item_trailing"], re.I),
        "title_stop": re.compile(p["title_stop"]),
        "not_title": re.compile(r"^(?:" + "|".join(p["not_item_titles"]) + r")", re.I),
        "weak_title": re.compile(r"^(?:" + "|".join(p["weak_item_titles"]) + r")", re.I),
        "gap": int(p["max_item_gap"]),
        "heading_number": re.compile(p["heading_number"], re.I),
        "bare_number": re.compile(p["bare_heading_number"], re.I),
    }


def is_item_heading(text: str) -> bool:
    """Does ``text`` open with an item number (used to confirm a minutes header)?"""
    return bool(_rules()["item"].match(text))


def _num_value(num: str) -> float:
    """Where a number stands in its sequence: its last figure ("19.09.04" -> 4), or a capital roman numeral's value."""
    digits = re.findall(r"\d+", num)
    if digits:
        return float(digits[-1])
    return float(roman_value(num.lower())) if re.fullmatch(r"[IVXL]+", num) else -1.0


def _figures(num: str) -> tuple[list[int], int]:
    """The figure groups of an item number and its letter suffix ("15/03/1" -> [15, 3, 1], 0; "5b" -> [5], 2;
    "1.C" -> [1], 3)."""
    letter = re.search(r"\d\.?([a-zA-Z])$", num)
    return [int(d) for d in re.findall(r"\d+", num)], (ord(letter.group(1).lower()) - 96 if letter else 0)


def _rises(a: str, b: str, gap: int) -> bool:
    """Does item number ``b`` follow ``a`` in one sequence? Exactly one figure group rises by a small step
    and the others stay: the running number may stand last ("24/001", "15/03/1", "2025-26 (25)") or first
    ("12/24", "01-24", the minute before the year), and "5a", "5b" run on their letter. Numbers of
    different shapes compare their last figures, as a bare "7" after "6" does."""
    fa, la = _figures(a)
    fb, lb = _figures(b)
    if re.fullmatch(r"(?-i:[A-HJ-UWYZ])", a) and re.fullmatch(r"(?-i:[A-Z])", b):
        return ord(a) < ord(b) <= ord(a) + gap  # lettered sections ("A.", "B."; "I", "V", "X" read as numerals)
    if not fa or not fb:
        return _num_value(a) < _num_value(b) <= _num_value(a) + gap
    if len(fa) != len(fb):
        return fa[-1] < fb[-1] <= fa[-1] + gap
    changed = [k for k in range(len(fa)) if fa[k] != fb[k]]
    if not changed:
        return la < lb <= la + gap and (la > 0 or lb == 1)
    return len(changed) == 1 and fa[changed[0]] < fb[changed[0]] <= fa[changed[0]] + gap and lb <= 1


def numbering_continues(rows: list[Row], at: int, start: int, end: int, look: int = 15) -> bool:
    """Does the item numbering above row ``at`` go on within a few lines below it? A signature line
    ("Signed ...... Chairman") printed at the foot of every page of a two-page paper, where running
    footers are not yet told apart, is then no end of the minutes (the caller asks only at a page's
    foot); a report that follows them numbers its paragraphs from 1 again."""
    before = next((m.group("num") for k in range(at - 1, start - 1, -1)
                   for m in [_rules()["item"].match(rows[k].text.strip())] if m and not rows[k].table), None)
    after = next((m.group("num") for k in range(at + 1, min(end, at + 1 + look))
                  for m in [_rules()["item"].match(rows[k].text.strip())] if m and not rows[k].table), None)
    return before is not None and after is not None and _rises(before, after, _rules()["gap"])


def _sep_style(sep: Optional[str]) -> str:
    sep = (sep or "").strip()
    return "-" if sep in ("-", "–") else sep


def _parse_heading(text: str, next_text: str = "", agenda: bool = False) -> Optional[tuple[str, str, str, str]]:
    """(number, separator style, title, text after the title) of a candidate item heading.

    A colon ends the title only where the minute's text follows it on the line
    ("Police Report: Attached. CSO ... present."); a heading that merely has a
    colon in it ("Bus Franchising: Outcome of Consultation") keeps it whole.
    ``next_text``: the line below, which shows whether the text after the colon runs on.
    """
    m = _rules()["item"].match(text.strip())
    if not m:
        return None
    num = re.sub(r"(?<=\d)\s+(?=\d)", "", m.group("num"))  # a figure split by extraction; "PB 25/031" stays as printed
    title = _rules()["item_ref"].sub(" ", m.group("title")).strip()
    rest = ""
    stop = _rules()["title_stop"].search(title)
    if stop and _runs_on(title[stop.end():], next_text, agenda):
        title, rest = title[: stop.start()], title[stop.end():]
    if not rest and not agenda:
        title, rest = _run_in(title)
    title = title.strip(" :-–")
    return num, _sep_style(m.group("sep")), title, rest


def _run_in(title: str) -> tuple[str, str]:
    """A heading run into the minute's first sentence after a full stop ("Highways. Potholes on School Lane
    were reported again.", "Declarations of interest. None."): (the heading, the text). Unchanged where
    the part before the stop is no short heading or ends in an abbreviation ("St. Mary's Church")."""
    m = re.match(r"^(?P<head>[^.:;]{3,70}?)\.\s+(?P<text>[A-Z(£\d].*)$", title)
    if not m:
        return title, ""
    head, text = m.group("head").strip(), m.group("text").strip()
    last = head.split()[-1].lower() if head.split() else ""
    if len(head.split()) > 8 or is_prose(head) or len(last) == 1 or is_abbreviation(last) \
            or any(w.lower() in _sentence_words() for w in re.findall(r"[A-Za-z]+", head)) \
            or not (re.search(r"[.!?)]$", text) or len(text.split()) >= 4) or lead(head):
        return title, ""
    return head, text


@pattern_rules("minutes.json")
def _sentence_words() -> set[str]:
    return {w.lower() for w in load_json("minutes.json")["sentence_words"]}


def parse_heading(text: str) -> Optional[tuple[Optional[str], str, str]]:
    """(number as printed, title, text after the title) of a line known to be an item heading.

    The strict item form first (it knows where a title ends and the minute's text
    begins), then any number shape councils print, then a number printed after
    the title ("Allotments (12/34)"); None when the line carries no number.
    """
    text = re.sub(r"\(\s*(\w{1,4})\s*\)", r"(\1)", text.strip())  # "( e ) Panshanger Park": letter-spaced
    text = re.sub(r"^(\d{1,4})\s+([.)])\s", r"\1\2 ", text)  # "87 . MINUTES"
    if _rules()["bare_number"].match(text):
        return text.rstrip(".):").strip() or text, "", ""
    parsed = _parse_heading(text)
    if parsed is not None:
        num, _, title, rest = parsed
        return num, title, rest
    m = _rules()["heading_number"].match(text)
    if m:
        title = _rules()["item_ref"].sub(" ", m.group("title")).strip()
        return m.group("num").strip(), title.strip(" :-–"), ""
    m = _rules()["item_trailing"].match(text)
    if m:
        return m.group("num"), m.group("title").strip(" :-–"), ""
    return None


def _runs_on(after: str, next_text: str, agenda: bool = False) -> bool:
    """Is the text after a heading's colon the minute itself rather than the rest of the title?
    ``agenda``: an agenda's titles end in a full stop as often as not ("City's COVID-19 Response:
    Emergency Rental Assistance Program."), so there the full stop alone does not make it the text."""
    after = after.strip()
    if not after:
        return True  # "Accounts for payment:" with the minute below
    words = after.split()
    stop = after.endswith(("!", "?", ",", ";", "–", "-")) or (after.endswith(".") and not agenda)
    return stop or len(words) > 9 or is_prose(after) or next_text[:1].islower()


def _title_like(title: str, cut: bool = False) -> bool:
    """A heading, not a sentence: starts with a capital or a figure, is short, and is not a decision.
    ``cut``: the title was cut at a colon, so a sentence may follow it on the line."""
    if not _weak_title(title):
        return False
    if not cut and title.rstrip().endswith(".") and len(title.split()) > 8:
        return False
    return not _rules()["weak_title"].match(title)


def _weak_title(title: str) -> bool:
    """A numbered line that may be a heading, though it may read like a sentence or a decision ("To approve
    the minutes of 1 March 2023.", "Receive declarations of interest in accordance with the Localism Act
    2011."): parish minutes often print the agenda's wording as the heading, and only the numbering tells
    it from a numbered paragraph. ``_title_like`` is this and no sentence."""
    if not title or not re.search(r"[A-Za-z]{2}", title) or _rules()["not_title"].match(title):
        return False
    return bool(re.match(r"[A-Z0-9\"'“‘(£]", title)) and not lead(title) and len(title.split()) <= 30


_BARE_NUMBER = re.compile(r"^(?:(?:minute|min\.?|item)\s+(?:no\.?\s*)?)?(?:(?:[A-Z]{1,4}[/.\-]?)?\d{1,4}(?:/\d{1,4})?"
                          r"(?:\.\d{1,2})?[.):]?|(?-i:[IVXL]{1,6})\.)$", re.I)
_GLUED = re.compile(r"(?<=[.;:!?)])\s+(?P<num>\d{1,4})\.\s+(?P<title>[A-Z][A-Z0-9 ,'’&\-–()/]{3,})$")


@dataclass
class _Candidate:
    row: int
    num: str
    sep: str
    title: str
    rest: str
    value: float
    x0: Optional[float]
    bold: bool
    two_rows: bool = False  # number alone on its line, title on the next
    glued_at: Optional[int] = None  # heading printed at this offset of a line of running text
    weight: float = 1.0  # how much the line looks like a heading
    weak: bool = False  # titled like a sentence: a heading only where the numbering puts it


def _candidates(rows: list[Row], start: int, end: int, extra: Optional[re.Pattern[str]] = None) -> list[_Candidate]:
    """Every line in the minutes that could be an item heading. ``extra``: a further heading shape with
    groups num, sep and title (an agenda's lettered outline, "A.", "A.-1.")."""
    out: list[_Candidate] = []
    for i in range(start, end):
        row = rows[i]
        text = row.text.strip()
        beside = ""
        if row.table:
            margin = _margin_heading(row)
            if margin is None:
                continue
            text, beside = margin
        head = _parse_heading(text, rows[i + 1].text.strip() if i + 1 < end and not rows[i + 1].blank_before else "",
                              agenda=extra is not None)
        if head is not None and len(beside.split()) >= 4:  # the minute's text in its own column, not an owner
            head = (head[0], head[1], head[2], f"{head[3]} {beside}".strip())
        two_rows = False
        if head is None and extra is not None:
            m = extra.match(text)
            head = (m.group("num"), m.group("sep") or "", m.group("title").strip(), "") if m else None
        trailing = _rules()["item_trailing"].match(text)
        if trailing and _title_like(trailing.group("title").strip()):
            # the minute number printed after the title in brackets: "Allotments (12/34)"
            head = (trailing.group("num"), "()", trailing.group("title").strip(" :-–"), "")
        if head is None and i + 1 < end and _BARE_NUMBER.match(text) and not rows[i + 1].table:
            # the number alone on its line, the title on the next (table-set minutes)
            head = _parse_heading(f"{text}   {rows[i + 1].text.strip()}")
            two_rows = head is not None
        x0 = row.line.x0 if row.line is not None else None
        bold = bool(row.line.bold) if row.line is not None else False
        # an agenda's titles end in a full stop as often as not ("Presentation of the 2023 Holiday Window
        # Contest Winners."); in minutes a long line so ended is a numbered paragraph
        numbered = head is not None and not _starts_with_date(text) and not list_marker_letter(text) \
            and not mover_line(text)
        if head and numbered and _title_like(head[2], cut=bool(head[3]) or extra is not None) \
                and not (i == start and is_header(text)):
            num, sep, title, rest = head
            out.append(_Candidate(i, num, sep, title, rest, _num_value(num), x0, bold, two_rows,
                                  weight=_heading_weight(rows, i, end, title, rest, bold)))
            continue
        if head and numbered and not head[3] and not row.table and extra is None and _weak_title(head[2]):
            out.append(_Candidate(i, head[0], head[1], head[2], "", _num_value(head[0]), x0, bold, two_rows,
                                  weak=True))
            continue
        glued = _GLUED.search(row.text)
        if glued and _title_like(glued.group("title")):
            out.append(_Candidate(i, glued.group("num"), ".", glued.group("title").strip(), "",
                                  _num_value(glued.group("num")), None, False, glued_at=glued.start()))
    return out


def _margin_heading(row: Row) -> Optional[tuple[str, str]]:
    """A heading set as table cells: the minute number in a margin column ("Min. 23/114", "24/64"),
    the title beside it, and perhaps further cells to the right: an "Action" cell (an owner), or the
    minute's own text in a wide column ("Minutes | RESOLVED that the minutes be approved."), neither part
    of the title. Returns ("number   title", the further cells' text), or None when the row is some other
    table row."""
    runs = row.line.runs if row.line is not None else None
    if not runs or len(runs) < 2 or not _BARE_NUMBER.match(runs[0][2].strip()):
        return None
    title = [runs[1][2].strip()]
    beyond: list[str] = []
    for (_, a1, _), (b0, _, bt) in zip(runs[1:], runs[2:]):
        if beyond or b0 - a1 > 20:
            beyond.append(bt.strip())  # the next column: an action or owner, or the minute's text
            continue
        title.append(bt.strip())
    return f"{runs[0][2].strip()}   {' '.join(title)}", " ".join(beyond)


def _heading_weight(rows: list[Row], i: int, end: int, title: str, rest: str, bold: bool) -> float:
    """Headings are bold or in capitals, short, and stand apart; numbered paragraphs run on as sentences."""
    w = 1.0
    if bold:
        w += 0.5
    if _is_caps(title):
        w += 0.5
    if rest or (len(title.split()) <= 10 and not title.rstrip().endswith((".", ","))):
        w += 0.5
    if i + 1 < end:
        nxt = rows[i + 1]
        if nxt.blank_before:
            w += 0.25
        elif not rest and not re.search(r"[.:;!?)]$", title) and nxt.text[:1].islower():
            w -= 0.75  # the sentence carries on onto the next line
    return w


def _chain(cands: list[_Candidate], any_style: bool = False) -> list[_Candidate]:
    """The longest run of candidates whose numbers rise in small steps and whose style agrees:
    item headings, not paragraph numbers, list entries or an address in the header."""
    gap = _rules()["gap"]
    n = len(cands)
    best = [c.weight for c in cands]
    prev = [-1] * n
    for b in range(n):
        for a in range(b):
            ca, cb = cands[a], cands[b]
            nested = _outline_step(ca.num, cb.num, gap) and (any_style or _same_heading_style(ca.title, cb.title))
            if not nested:
                if ca.sep != cb.sep and cb.glued_at is None:
                    continue
                if ca.x0 is not None and cb.x0 is not None and abs(ca.x0 - cb.x0) > 6:
                    continue
                if not _rises(ca.num, cb.num, gap):
                    continue
            if best[a] + cb.weight > best[b]:
                best[b], prev[b] = best[a] + cb.weight, a
    if not n:
        return []
    # longest chain; among equals the one with the smallest steps, then the earliest
    end = max(range(n), key=lambda k: (best[k], -_span(cands, prev, k), -k))
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = prev[end]
    chain.reverse()
    return _with_layout_twins(cands, chain)


_OUTLINE = re.compile(r"((?:\d{1,3}|(?-i:[A-Z]))(?:\.-?(?:\d{1,3}|(?-i:[A-Z]))){0,2})\.?")


def _outline(num: str) -> Optional[tuple[tuple[str, int], ...]]:
    """The parts of an outline number printed with full stops ("2", "2.", "2.1", "3.1.2", "1.A"), or with
    Legistar's ".-" ("A.-1", "1.-10"), each part a figure or a capital letter (its place in the alphabet),
    typed so that a figure never follows a letter at one level; None for other shapes."""
    m = _OUTLINE.fullmatch(num.strip())
    if not m:
        return None
    return tuple(("d", int(part)) if part.isdigit() else ("l", ord(part) - 64)
                 for part in re.split(r"\.-?", m.group(1)))


def _outline_step(a: str, b: str, gap: int) -> bool:
    """Does item number ``b`` follow ``a`` one level down or up an outline, as hierarchically numbered
    minutes run ("2. Consent", "2.1 ...", "2.2 ...", "3. Scheduled Items")? A sub-item opens at .1
    under its parent's number; after a sub-item the numbering goes on at a higher level. Such a step may
    change the separator and the indent, which a step at one level may not."""
    pa, pb = _outline(a), _outline(b)
    if pa is None or pb is None or len(pa) == len(pb):
        return False
    if len(pb) == len(pa) + 1:
        return pb[:-1] == pa and 0 <= pb[-1][1] <= 1
    depth = len(pb)
    if depth > len(pa) or pb[:-1] != pa[:depth - 1]:
        return False
    (ta, va), (tb, vb) = pa[depth - 1], pb[-1]
    return ta == tb and va < vb <= va + gap


def _same_heading_style(a: str, b: str) -> bool:
    """Two headings of one outline are set alike: both in capitals or neither, and neither a sentence
    (numbered paragraphs under a heading, "108.1 It was reported that ...", are minute text, not items)."""
    return _is_caps(a) == _is_caps(b) and not any(t.rstrip().endswith(".") or len(t.split()) > 15 for t in (a, b))


def _span(cands: list[_Candidate], prev: list[int], k: int) -> float:
    first = k
    while prev[first] >= 0:
        first = prev[first]
    return cands[k].value - cands[first].value


def _with_layout_twins(cands: list[_Candidate], chain: list[_Candidate]) -> list[_Candidate]:
    """Headings set exactly like the chain's (same margin, bold) but with a misprinted number ("6" between 55 and 57)."""
    if len(chain) < 2 or any(c.x0 is None for c in chain) or not all(c.bold for c in chain):
        return chain
    x0 = sorted(c.x0 for c in chain if c.x0 is not None)[len(chain) // 2]
    rows = {c.row for c in chain}
    twins = [c for c in cands if c.row not in rows and c.bold and c.x0 is not None and abs(c.x0 - x0) <= 3
             and c.sep == chain[0].sep and chain[0].row < c.row < chain[-1].row]
    return sorted(chain + twins, key=lambda c: c.row)


def _fill_by_numbering(chain: list[_Candidate], weak: list[_Candidate]) -> list[_Candidate]:
    """The chain with the sentence-titled headings its numbering asks for: a weak candidate whose number is
    the next one after a heading (or the one before the first), set in the same style (separator and
    margin), fills the gap before the following heading or goes on after the last. One step at a time:
    a list numbered 1, 2, 3 inside item 7 does not follow 7."""
    if not chain or not weak:
        return chain

    def follows(a: _Candidate, b: _Candidate) -> bool:
        return (a.sep == b.sep and (a.x0 is None or b.x0 is None or abs(a.x0 - b.x0) <= 6)
                and _rises(a.num, b.num, 1))

    out = list(chain)
    for k in range(len(chain)):
        cur, until = chain[k], chain[k + 1].row if k + 1 < len(chain) else None
        for w in weak:
            if w.row > cur.row and (until is None or w.row < until) and follows(cur, w):
                out.append(w)
                cur = w
    first = chain[0]
    for w in sorted((w for w in weak if w.row < chain[0].row), key=lambda c: -c.row):
        if follows(w, first):
            out.append(w)
            first = w
    return sorted(out, key=lambda c: c.row)


def find_items(rows: list[Row], start: int, end: int, outline_any_style: bool = False,
               extra: Optional[re.Pattern[str]] = None) -> tuple[list[ItemHeading], dict[int, int]]:
    """The meeting's items, and the lines whose tail is a glued heading (row -> where to cut).
    ``outline_any_style``: a sub-item under an outline heading counts whatever its style (an agenda's
    "2.1 Approval of Minutes." under "2. CONSENT CALENDAR"); in minutes such lines are often numbered
    paragraphs, so there it must be set like its parent. It also lets an agenda's titles wrap onto the
    lines set under their column. ``extra``: a further heading shape (``_candidates``)."""
    cands = _candidates(rows, start, end, extra)
    chain = _fill_by_numbering(_chain([c for c in cands if not c.weak], outline_any_style),
                               [c for c in cands if c.weak])
    items: list[ItemHeading] = []
    cuts: dict[int, int] = {}
    taken_until = start
    for k, c in enumerate(chain):
        if c.row < taken_until:
            continue  # swallowed as a wrapped title line of the item before
        nxt_row = chain[k + 1].row if k + 1 < len(chain) else end
        if c.glued_at is not None:
            cuts[c.row] = c.glued_at
            items.append(ItemHeading(number=c.num, title=tidy(c.title), row=c.row, body_start=c.row + 1,
                               page=rows[c.row].page))
            taken_until = c.row + 1
            continue
        j = c.row + (2 if c.two_rows else 1)
        title = c.title
        if not c.rest:
            title, j = _wrap_title(rows, c.row, j, nxt_row, title, column_titles=outline_any_style)
        while j < nxt_row and _rules()["item_ref"].fullmatch(rows[j].text.strip()):
            j += 1
        items.append(ItemHeading(number=c.num, title=tidy(title), row=c.row, body_start=j, page=rows[c.row].page,
                           rest=c.rest))
        taken_until = j
    return items, cuts


def _starts_with_date(text: str) -> bool:
    m = re.match(r"\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]+\.?,?\s+(?:19|20)\d\d\b", text)
    return bool(m and find_date(m.group(0)))


def list_marker_letter(text: str) -> bool:
    """'a) ...' or '(i) ...': a lettered list entry is never an item heading."""
    return bool(re.match(r"^\(?[a-z]{1,4}\)", text.strip(), re.I))


def _wrap_title(rows: list[Row], i: int, j: int, end: int, title: str,
                column_titles: bool = False) -> tuple[str, int]:
    """Join a heading's title over the lines it wraps onto. ``column_titles``: an agenda's title set in a
    column of its own (number, file number, title) wraps onto every line set under it; in minutes such a
    line is usually the minute's text, set under the title in a table."""
    head = rows[i]
    for _ in range(8 if column_titles else 3):  # a resolution's title on an agenda runs to many lines
        if j >= end:
            break
        nxt = rows[j]
        text = nxt.text.strip()
        # a line set under the title (not under the number in the margin) carries the title on, even
        # when it opens with a figure ("12 MARKET ROW")
        under_title = bool(head.line is not None and head.line.runs and len(head.line.runs) > 1
                           and nxt.line is not None and nxt.line.x0 is not None
                           and any(abs(nxt.line.x0 - run[0]) <= 4 for run in head.line.runs[1:])
                           and nxt.line.x0 > head.line.runs[0][1])
        if (nxt.blank_before or nxt.table or nxt.page != head.page or _rules()["item_ref"].fullmatch(text)
                or (_heading_shaped(text) and not under_title) or lead(text) or match_label(text)
                or starts_own_paragraph(text)):
            break  # a mover, seconder, vote or outcome line is the minute's record, never the title's end
        # a title wraps only when its line runs (nearly) full width or ends mid-phrase; a short
        # heading followed by a bold line is a heading and a sub-heading ("Matters Arising" / "Trim Trail")
        open_end = bool(re.search(r"(?:\b(?:and|of|the|for|to|in|on|with|from|by|a|an)|[-–&,(])\s*$", title, re.I))
        if head.line is not None and head.line.x0 is not None and nxt.line is not None:
            width = _page_width(rows, head)
            full = head.line.x1 is not None and head.line.x1 >= 0.6 * width
            ok = head.line.bold and nxt.line.bold and len(text.split()) <= 20 and (full or open_end)
            # a title set in its own column (number, file number, title) wraps onto lines set under it
            ok = ok or (column_titles and under_title and len(text.split()) <= 20 and not _LABEL_START.match(text))
        else:
            if _is_caps(title):
                ok = _is_caps(text) and len(text.split()) <= 15 and (len(head.text) >= 40 or open_end)
            else:  # a mixed-case title wraps onto a short line that is not a sentence ("2024-25")
                ok = (not is_prose(text) and not text.endswith(".") and len(text.split()) <= 8
                      and (len(head.text) >= 55 or open_end))
            # an agenda's long title runs on over full lines until its full stop
            ok = ok or (column_titles and len(head.text) >= 55 and not re.search(r"[.:;]$", title)
                        and not _LABEL_START.match(text))
        if not ok:
            break
        ref = _rules()["item_ref"].search(text)
        title = f"{title} {_rules()['item_ref'].sub(' ', text).strip()}"
        j += 1
        if ref:
            break
    return title, j


_LABEL_START = re.compile(r"^[A-Z][\w’' /]{0,30}:")  # "Recommendation: ..." under a title opens the item's text


def _heading_shaped(text: str) -> bool:
    """A line that opens with a number and goes on like a heading; a title's wrapped tail that opens with
    a figure runs on in small letters ("2025-35 and Treasury Management Strategy")."""
    parsed = _parse_heading(text)
    return parsed is not None and _title_like(parsed[2], cut=bool(parsed[3]))


def _page_width(rows: list[Row], row: Row) -> float:
    xs = [r.line.x1 for r in rows if r.page == row.page and r.line is not None and r.line.x1 is not None]
    return max(595.0 * 0.85, max(xs, default=0.0))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def find_sectioned_items(rows: list[Row], start: int, end: int) -> list[ItemHeading]:
    """Minutes set out in sections: headings in capitals standing apart ("UNFINISHED BUSINESS", "CONSENT
    AGENDA", "COMMITTEE REPORTS") with the items under each numbered from 1 again. Every section heading
    is an item (number null) and so is every numbered heading under one; [] when the minutes are not
    set out so (fewer than three section headings, or fewer than two sections numbering their items).

    Why: the item chain takes one rising run of numbers, so minutes whose numbering restarts in every
    section gave only the longest run.
    """
    cands = _candidates(rows, start, end)
    heads = sorted({i for i in range(start + 1, end) if is_section_heading(rows, i)}
                   | {c.row - 1 for c in cands if c.value == 1 and _restart_heading(rows, c.row - 1, start)})
    if len(heads) < 3:
        return []
    picked: list[_Candidate] = []
    numbered = 0
    for k, h in enumerate(heads):
        until = heads[k + 1] if k + 1 < len(heads) else end
        run: list[_Candidate] = []
        for c in cands:
            if h < c.row < until and c.glued_at is None and c.value == len(run) + 1 and (not run or c.sep == run[0].sep):
                run.append(c)
        if len(run) >= 1:
            numbered += 1
            picked.extend(run)
    if numbered < 2:
        return []
    out: list[ItemHeading] = []
    marks = sorted([(h, None) for h in heads] + [(c.row, c) for c in picked], key=lambda m: m[0])
    for k, (row, cand) in enumerate(marks):
        nxt = marks[k + 1][0] if k + 1 < len(marks) else end
        if cand is None:
            lettered = re.match(r"^(?P<num>(?-i:[A-Z]|[IVX]{1,4}))[.)]\s+(?P<title>\S.*)$", rows[row].text.strip())
            number, title = (lettered.group("num"), lettered.group("title")) if lettered else (None, rows[row].text)
            out.append(ItemHeading(number=number, title=tidy(title.strip()), row=row, body_start=row + 1,
                                   page=rows[row].page))  # "A. CONSENT CALENDAR": a lettered section's letter
            continue
        j = row + (2 if cand.two_rows else 1)
        title, j = (cand.title, j) if cand.rest else _wrap_title(rows, row, j, nxt, cand.title)
        out.append(ItemHeading(number=cand.num, title=tidy(title), row=row, body_start=j, page=rows[row].page,
                               rest=cand.rest))
    return out


def _restart_heading(rows: list[Row], i: int, start: int) -> bool:
    """The line over an item numbered 1 that is no numbered line itself, a short heading standing apart
    ("Landmarks Committee – R. Byrom, Chair" over "1) 26 Broadway ..."): the heading of a section whose
    items number from 1 again, in whatever case it is printed."""
    if i <= start or rows[i].table:
        return False
    text = rows[i].text.strip()
    line = rows[i].line
    bold = line is not None and bool(line.bold)
    return ((rows[i].blank_before or bold) and len(text.split()) <= 12 and _parse_heading(text) is None
            and not _BARE_NUMBER.match(text) and _column_head(text.rstrip(":")) and not match_label(text))


def is_section_heading(rows: list[Row], i: int, colon: bool = False) -> bool:
    """A section heading: a short line in capitals with no number, standing apart (a gap or bold).
    ``colon``: the heading may end in a colon ("PUBLIC COMMENTS:"), as agendas print them."""
    row = rows[i]
    text = row.text.strip()
    if colon:
        text = text.rstrip(":").rstrip()
    if row.table or not _is_caps(text) or not _heading_line(text) or len(text.split()) > 8:
        return False
    if not colon and re.match(r"^[^:]{2,25}:\s*\S", text):
        return False  # a label with its value ("TIME: 6:00 PM", "PLACE: Town Hall"), not a heading
    if _parse_heading(text) is not None or _BARE_NUMBER.match(text):
        return False
    bold = row.line is not None and bool(row.line.bold)
    prev = rows[i - 1].text.strip() if i > 0 else ""
    return bold or row.blank_before or not _is_caps(prev)


_LETTERED = re.compile(r"^(?P<num>\(?\s?(?P<letter>[a-z])\s?[.)]|(?P<capital>(?-i:[A-Z]))\.)\s+(?P<title>\S.*)$")
_BARE_LETTER = re.compile(r"^(?P<num>\(?(?P<letter>[a-zA-Z])[.)])$")


def find_subheadings(rows: list[Row]) -> list[tuple[int, str, str, str]]:
    """Lettered sub-headings inside one item's body ("(a) Current Applications", "(b) Payment of Accounts
    Due"), which minutes print as items of their own: (index in ``rows``, number as printed, title, the
    text run in after a title in capitals: "a. POLICE MATTERS. Strathclyde Police gave ...").

    Why apart from the item chain: the letters restart under every item, so they never rise with the
    item numbers. A run counts only from (a), letter after letter, each a short heading (capital first,
    no sentence end) or a title in capitals run into its text; a lettered list that a line ending in a
    colon introduces, or whose entries are decisions, is the item's text, not its sub-items, unless
    every entry is headed so in capitals.
    """
    found: list[tuple[int, str, str, str]] = []
    expect = "a"
    after_colon = False
    for k, row in enumerate(rows):
        lettered = _lettered_heading(rows, k) if not row.table else None
        if lettered is None or lettered[1].lower() != expect:
            continue
        num, _, title = lettered
        run_in = _RUN_IN_CAPS.match(title)
        rest = ""
        if run_in:
            title, rest = run_in.group("title"), run_in.group("rest")
        elif not _sub_title(title):
            continue
        if lead(title):
            return []
        if not found and k > 0 and rows[k - 1].text.rstrip().endswith((":", ":-")):
            after_colon = True
        if after_colon and not run_in:
            return []
        found.append((k, num, title, rest))
        expect = chr(ord(expect) + 1)
    return found if len(found) >= 2 else []


# a title in capitals run into the text that follows it: "POLICE MATTERS. Strathclyde Police gave ..."
_RUN_IN_CAPS = re.compile(r"^(?P<title>(?-i:[A-Z][A-Z0-9&'’/(),\- ]{2,80}?))[.:]\s+(?P<rest>(?-i:[A-Z]).*[a-z].*)$")


def _lettered_heading(rows: list[Row], k: int) -> Optional[tuple[str, str, str]]:
    """(number as printed, letter, title) of a lettered heading at ``rows[k]``: "(a) Current Applications",
    "A. Access-on-Demand Contract", or the letter alone on its line ("B.") with the title on the next line,
    as table-set minutes print it."""
    text = rows[k].text.strip()
    m = _LETTERED.match(text)
    if m:
        return re.sub(r"\s+", "", m.group("num")), m.group("letter") or m.group("capital"), m.group("title").strip()
    bare = _BARE_LETTER.match(text)
    if bare and k + 1 < len(rows) and not rows[k + 1].table and rows[k + 1].text.strip():
        return bare.group("num"), bare.group("letter"), rows[k + 1].text.strip()
    return None


def _sub_title(title: str) -> bool:
    return (title[:1].isupper() and len(title.split()) <= 10 and not title.endswith((".", ",", ";", ":"))
            and not is_prose(title))


def find_unnumbered_items(rows: list[Row], start: int, end: int) -> list[ItemHeading]:
    """Item headings printed without numbers, for minutes that number nothing: lines set like headings
    (bold in a PDF, capitals standing apart in text), short, not a sentence, a label or a decision,
    and set alike (same margin). Two at least, or none: one bold line is emphasis, not a structure."""
    found: list[tuple[int, Optional[float]]] = []
    for i in range(start + 1, end):
        row = rows[i]
        text = row.text.strip()
        if row.table or not _heading_line(text):
            continue
        line = row.line
        if line is not None and line.x0 is not None:
            # bold, or in capitals standing apart (a gap above it)
            marked = line.bold or (_is_caps(text) and row.blank_before and i + 1 < end and not rows[i + 1].table)
            if not marked or (line.x0 > 0.3 * _page_width(rows, row)):
                continue
        else:
            nxt = rows[i + 1].text.strip() if i + 1 < end else ""
            # capitals (or a Markdown heading or bold line) standing apart, over a line that is not another
            # such heading (a block of capitals)
            marked = _is_caps(text) or (line is not None and bool(line.bold))
            if not (marked and (row.blank_before or i == start + 1) and nxt
                    and not (_is_caps(nxt) and _heading_line(nxt))):
                continue
        found.append((i, line.x0 if line is not None else None))
    if len(found) < 2:
        return _column_headings(rows, start, end)
    xs = [x for _, x in found if x is not None]
    if xs:
        margin = min(xs)
        found = [(i, x) for i, x in found if x is None or abs(x - margin) <= 6]
    items: list[ItemHeading] = []
    for k, (i, _) in enumerate(found):
        nxt_row = found[k + 1][0] if k + 1 < len(found) else end
        title, j = _wrap_title(rows, i, i + 1, nxt_row, rows[i].text.strip())
        items.append(ItemHeading(number=None, title=tidy(title), row=i, body_start=j, page=rows[i].page))
    return items if len(items) >= 2 else []


def _column_headings(rows: list[Row], start: int, end: int) -> list[ItemHeading]:
    """Unnumbered headings set in a column of their own at the left margin with the minute's text beside
    them ("Planning      The council considered application 25/0456 ..."): the heading is the first cell,
    the text runs on in the column to its right. Two at least, set alike (the same heading margin and
    the same text column), or none: a single line so set is a table row, not a structure."""
    found: list[tuple[int, float, float]] = []
    for i in range(start + 1, end):
        line = rows[i].line
        runs = line.runs if line is not None else None
        if not runs or len(runs) < 2:
            continue
        head, text = runs[0][2].strip(), " ".join(r[2].strip() for r in runs[1:])
        label = match_label(f"{head}:")
        if runs[1][0] - runs[0][1] < 20 or len(head.split()) > 6 or not _column_head(head) \
                or (label and label[0] != "apologies") or not re.search(r"[a-z]{3}", text) or len(text.split()) < 4:
            continue
        found.append((i, runs[0][0], runs[1][0]))
    if len(found) < 2:
        return []
    margin = min(x for _, x, _ in found)
    column = sorted(t for _, _, t in found)[len(found) // 2]
    found = [f for f in found if abs(f[1] - margin) <= 6 and abs(f[2] - column) <= 6]
    if len(found) < 2:
        return []
    out = []
    for i, _, _ in found:
        line = rows[i].line
        runs = (line.runs if line is not None else None) or []
        out.append(ItemHeading(number=None, title=tidy(runs[0][2]), row=i, body_start=i + 1, page=rows[i].page,
                               rest=" ".join(r[2].strip() for r in runs[1:])))
    return out


def _column_head(text: str) -> bool:
    """A heading in a column of its own: a few words with letters, not a sentence, a decision or a date
    (labels such as "Apologies" and "Minutes" head items there)."""
    return (bool(re.match(r"[A-Z0-9\"'“‘(£]", text)) and bool(re.search(r"[A-Za-z]{3}", text))
            and not text.endswith((".", ",", ";")) and not lead(text) and not is_prose(text) and not find_date(text))


def _heading_line(text: str) -> bool:
    """A heading's words: a few, with letters, not ending a sentence or opening a list, a label or a decision."""
    words = text.split()
    if not words or len(words) > 14 or not re.search(r"[A-Za-z]{3}", text) or re.search(r"\S\s{3,}\S", text):
        return False
    if text.endswith((".", ",", ";", ":")) or not re.match(r"[A-Z0-9\"'“‘(£]", text):
        return False
    if match_label(text) or lead(text) or is_header(text) or _rules()["not_title"].match(text):
        return False
    return not (find_date(text) and len(words) <= 5)
