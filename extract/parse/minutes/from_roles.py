"""Minutes from role-labelled lines: the layout reader says which line is what, this builds the records.

Why apart from the rule-based parser: the rules find a set of minutes by its
header wording and an item by its number style, and a council that words or
numbers its minutes another way gives nothing.  Here the trained reader
(``parse.layout``) has already said which lines are meeting headings,
attendance, item headings, decisions and votes, whatever their wording; what
is left is exact work that stays rules: splitting a heading into number and
title, a decision into its numbered parts, a vote line into counts, an
attendance line into names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ...record import Meeting, MinuteItem, Resolution, Vote
from ...patterns import compile_pattern, load_json, pattern_path
from ..layout.features import clean
from ..layout.model import LabelledLine
from ..text.listmarkers import read_marker
from .attendance import match_label, parse_attendance
from .header import find_date, header_body
from .items import parse_heading
from .names import split_names
from .motions import read_decisions
from .resolutions import Para, lead, list_marker, tidy
from .votes import find_vote

HEADER_ROLES = ("masthead", "meeting")
ATTENDANCE_ROLES = ("present", "apologies", "attendance")
MINUTES_ROLES = ("present", "apologies", "item", "decision", "vote")
_ATTENDANCE_REACH = 80  # lines from a meeting's heading within which its attendance is printed
_ROLE_FIELD = {"present": "present", "apologies": "apologies", "attendance": "in_attendance"}
_SENTENCE_START = re.compile(r"(?:(?<=[.;:!?])|(?<=[.;:!?][\"'’”)]))\s+(?=[A-Z])")


@lru_cache(maxsize=1)
def _decision_rules() -> tuple[re.Pattern[str], re.Pattern[str], tuple[re.Pattern[str], ...], re.Pattern[str]]:
    p = load_json("decisions.json")
    where = str(pattern_path("decisions.json"))
    return (compile_pattern(p["trailing_vote"], f"{where}: trailing_vote"),
            compile_pattern(p["lead_noted"], f"{where}: lead_noted"),
            tuple(compile_pattern(rx, f"{where}: operative_part", re.I | re.S) for rx in p["operative_part"]),
            compile_pattern(p["stated_inside"], f"{where}: stated_inside"))


def decision_text(text: str) -> tuple[Optional[str], str]:
    """(keyword as printed, the decision's own words) of a decision line's text.

    The decision may open the text ("RESOLVED that ...", "It was noted that
    ...") or follow a topic printed before it on the line ("Christmas Lights It
    was agreed that ..."); a vote printed after it is cut off ("... approved.
    Proposed by RB, seconded by JS.").
    """
    trailing, noted, operative, inside = _decision_rules()
    for rx in operative:
        m = rx.match(text)
        if m:
            text = text[m.end():]
            break
    hit = lead(text)
    if hit is None:
        for m in _SENTENCE_START.finditer(text):
            inner = lead(text[m.end():])
            if inner is not None:
                hit = inner
                break
        if hit is None:
            m = inside.search(text)
            if m and m.start() > 0:
                hit = lead(text[m.start():])
    keyword, rest = hit if hit is not None else (None, text)
    m = noted.match(rest)
    if m:
        keyword, rest = rest[: m.end()].strip(), rest[m.end():]
    cut = trailing.search(rest)
    if cut and cut.start() > 20:
        rest = rest[: cut.start()]
    return keyword, rest


@dataclass
class _Segment:
    start: int
    header: list[LabelledLine] = field(default_factory=list)
    lines: list[LabelledLine] = field(default_factory=list)


def meetings_from_roles(roles: list[LabelledLine], decisions: str = "union") -> list[Meeting]:
    """Every set of minutes the labelled lines hold, in order.

    ``decisions``: ``reader`` takes resolutions from the lines the reader calls
    decisions; ``rules`` reads each item's body with the rule-based decision
    finder (it knows decision wordings inside a sentence); ``union`` takes both,
    a reader's decision only where the rules found nothing like it.
    """
    meetings = []
    for seg in segments(roles):
        if is_minutes(seg):
            meeting = _meeting(seg, decisions)
            if meeting is not None:
                meetings.append(meeting)
    return meetings


def segments(roles: list[LabelledLine]) -> list[_Segment]:
    """The paper cut where a new heading block (masthead or meeting lines) follows content: each part is
    one set of minutes, or an agenda, or neither."""
    lines = [r for r in roles if r.label != "furniture"]
    found: list[_Segment] = []
    current: Optional[_Segment] = None
    i = 0
    while i < len(lines):
        if lines[i].label in HEADER_ROLES:
            j = i
            while j < len(lines) and lines[j].label in HEADER_ROLES:
                j += 1
            cluster = lines[i:j]
            date = next((d for d in (find_date(clean(r.line.text)) for r in cluster) if d), None)
            content = current is not None and any(r.label in MINUTES_ROLES for r in current.lines)
            # a heading block with the current part's date again is a running head, not a new meeting
            same = current is not None and date is not None and date == _segment_date(current)
            # content before any dated heading (a cover, a list of members) belongs to the first meeting
            undated = current is not None and date is not None and _segment_date(current) is None
            if undated and current is not None:
                current.header.extend(cluster)
            elif current is None or (date is not None and content and not same):
                current = _Segment(start=i, header=list(cluster))
                found.append(current)
            elif content:
                current.lines.extend(cluster)  # a running heading inside the minutes
            else:
                current.header.extend(cluster)
            i = j
            continue
        if current is None:
            current = _Segment(start=i)
            found.append(current)
        current.lines.append(lines[i])
        i += 1
    return found


def _segment_date(seg: _Segment) -> Optional[str]:
    return next((d for d in (find_date(clean(r.line.text)) for r in seg.header) if d), None)


def is_minutes(seg: _Segment) -> bool:
    """A part is minutes when it records who attended or what was decided, not only headings.

    Why the decision is checked: the reader also calls an agenda's recommended
    actions, a report's prose and a budget's certification "decisions"; a part
    counts as deciding only where the rule-based decision finder reads a decision
    in its lines, or a vote line holds a count or an outcome.
    """
    labels = {r.label for r in seg.lines}
    if labels & {"present", "apologies"} and labels & {"present", "item", "decision"}:
        return True
    return _decides(seg)


def _decides(seg: _Segment) -> bool:
    if any(r.label == "vote" and find_vote(clean(r.line.text)) is not None for r in seg.lines):
        return True
    return bool(read_decisions(_paragraphs(MinuteItem(number=None, title=""), seg.lines)))


def _meeting(seg: _Segment, decisions: str) -> Optional[Meeting]:
    body_lines = seg.lines
    head_text = " ".join(clean(r.line.text) for r in seg.header if r.label == "meeting")
    mast_text = [clean(r.line.text) for r in seg.header if r.label == "masthead"]
    date = find_date(head_text) or find_date(" ".join(mast_text))
    if date is None:
        date = next((d for d in (find_date(clean(r.line.text)) for r in body_lines[:25]) if d), None)
    body = header_body(head_text, mast_text) if head_text or mast_text else None
    first = (seg.header or body_lines)[0]
    meeting = Meeting(body=body, date=date, page=first.page.number)
    _attendance(meeting, [r for r in body_lines if r.label in ATTENDANCE_ROLES])
    if not (meeting.present or meeting.apologies):
        _labelled_attendance(meeting, seg.header + body_lines[:_ATTENDANCE_REACH])
    meeting.items = _items(body_lines, decisions)
    last = body_lines[-1] if body_lines else first
    meeting.pages = [first.page.number, last.page.number]
    return meeting


def _labelled_attendance(meeting: Meeting, lines: list[LabelledLine]) -> None:
    """Names under printed attendance labels ("Present:", "Apologies:") above the minutes' first item.

    Why: where the reader labelled no line as attendance, the labels the rules
    know still say where the names are; they are read the rules' way.
    """
    rows, prev = [], None
    for r in lines:
        if r.label in ("item", "decision", "vote"):
            break  # attendance is printed before the business
        rows.append((clean(r.line.text), prev is not None and _gap(prev, r)))
        prev = r
    att = parse_attendance(rows)
    meeting.present, meeting.apologies = list(att.present), list(att.apologies)
    meeting.in_attendance += [n for n in att.in_attendance if n not in meeting.in_attendance]


def _attendance(meeting: Meeting, lines: list[LabelledLine]) -> None:
    """Names from attendance lines: the printed labels decide where a name goes, else the line's role."""
    groups: list[tuple[str, list[LabelledLine]]] = []
    for r in lines:
        if groups and groups[-1][0] == r.label and not match_label(clean(r.line.text)):
            groups[-1][1].append(r)
        else:
            groups.append((r.label, [r]))
    for role, group in groups:
        rows = [(clean(r.line.text), k > 0) for k, r in enumerate(group)]
        att = parse_attendance(rows)
        found = att.present or att.apologies or att.in_attendance
        if found:
            meeting.present += [n for n in att.present if n not in meeting.present]
            meeting.apologies += [n for n in att.apologies if n not in meeting.apologies]
            meeting.in_attendance += [n for n in att.in_attendance if n not in meeting.in_attendance]
            continue
        text = " ".join(t for t, _ in rows)
        label = match_label(text)
        if label:
            text = label[1]
        people, _ = split_names(text)
        target = getattr(meeting, _ROLE_FIELD[role])
        target += [p for p in people if p not in target]


def _items(lines: list[LabelledLine], decisions: str = "union") -> list[MinuteItem]:
    items: list[MinuteItem] = []
    bodies: list[list[LabelledLine]] = []
    current: Optional[MinuteItem] = None
    block: list[LabelledLine] = []  # the decision and vote lines being gathered
    prev_label = None
    for r in lines:
        text = clean(r.line.text)
        if r.label == "item":
            _flush(current, block)
            block = []
            if current is not None and prev_label == "item" and _continues_title(current, text):
                current.title = f"{current.title} {text}".strip()
            else:
                current = _heading(text, r.page.number)
                items.append(current)
                bodies.append([])
            prev_label = r.label
            continue
        if current is not None:
            bodies[-1].append(r)
        if r.label in ("decision", "vote"):
            if current is None:
                current = MinuteItem(number=None, title="", page=r.page.number)
                items.append(current)
                bodies.append([r])
            if r.label == "decision" and block and block[-1].label == "vote" and _starts_decision(text):
                _flush(current, block)
                block = []
            block.append(r)
        else:
            if block and r.label not in ("action", "table"):
                _flush(current, block)
                block = []
        prev_label = r.label
    _flush(current, block)
    for item, body in zip(items, bodies):
        item.title = tidy(item.title or "").strip(" :-–")
        if decisions == "reader":
            continue
        found = read_decisions(_paragraphs(item, body))
        if decisions == "rules":
            item.resolutions = found
            continue
        extra = [r for r in item.resolutions if not any(_same(r.text, f.text) for f in found)]
        item.resolutions = sorted(found + extra, key=lambda r: r.page or 0)
    return items


def _same(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(a.lower(), b.lower()) >= 85


def _paragraphs(item: MinuteItem, body: list[LabelledLine]) -> list[Para]:
    """The item's body as paragraphs for the rule-based decision finder: a new paragraph at a gap, a list
    marker, a bullet, a decision wording, or where the reader's role changes."""
    paras: list[Para] = []
    if item.text:
        paras.append(Para(text=item.text, page=item.page or 0))
    prev: Optional[LabelledLine] = None
    for r in body:
        text = clean(r.line.text)
        if r.label in ("table", "attendance", "present", "apologies") or not text:
            prev = None
            continue
        marker = list_marker(text)
        starts = (prev is None or _gap(prev, r) or marker is not None or lead(text) is not None
                  or prev.label != r.label
                  or re.match(r"^(?:[•●▪◦■□\-–*]|o\s)", text) is not None
                  or (paras and paras[-1].text.rstrip().endswith(":")))
        if starts or not paras:
            paras.append(Para(text=text, page=r.page.number, marker=marker[0] if marker else None))
        else:
            last = paras[-1]
            last.text = last.text[:-1] + text if last.text.endswith("-") and text[:1].islower() else f"{last.text} {text}"
        prev = r
    return paras


def _gap(prev: LabelledLine, line: LabelledLine) -> bool:
    """A paragraph break between two lines: more space than a line's height, or (text) a blank line."""
    if prev.page.number != line.page.number:
        return False
    a, b = prev.line, line.line
    if a.bottom is None or b.top is None or not b.size:
        return id(b) in _after_blank(line.page)
    return (b.top - a.bottom) > 0.8 * b.size


_BLANK_CACHE: dict[int, tuple[object, set[int]]] = {}


def _after_blank(page: object) -> set[int]:
    """ids of the lines of a text page that follow a blank line (cached per page object)."""
    cached = _BLANK_CACHE.get(id(page))
    if cached is not None and cached[0] is page:
        return cached[1]
    out: set[int] = set()
    blank = False
    for line in getattr(page, "lines", []):
        if not line.text.strip():
            blank = True
            continue
        if blank:
            out.add(id(line))
        blank = False
    if len(_BLANK_CACHE) > 64:
        _BLANK_CACHE.clear()
    _BLANK_CACHE[id(page)] = (page, out)
    return out


def _heading(text: str, page: int) -> MinuteItem:
    parsed = parse_heading(text)
    number, title, rest = parsed if parsed is not None else (None, text, "")
    title, run_in = split_run_in(title)
    item = MinuteItem(number=number, title=title, page=page)
    item.text = " ".join(t for t in (run_in, rest) if t) or None
    return item


_CAPS_RUN = re.compile(r"^(?P<title>[A-Z0-9][A-Z0-9 ,&/'’()\-–]*?[A-Z0-9)])(?:\s*[.:\-–]\s+|\s+)(?P<rest>[A-Z]?[a-z].*)$")


def split_run_in(title: str) -> tuple[str, str]:
    """A heading with the minute's text run in after it ("POLICE MATTERS. Strathclyde Police gave ..."):
    (title, the text after it). A capitals heading ends where ordinary text starts; any other at a full
    stop followed by a sentence."""
    m = _CAPS_RUN.match(title)
    if m and len(m.group("title")) >= 3 and sum(c.isalpha() for c in m.group("title")) >= 3:
        return m.group("title"), m.group("rest")
    stop = re.match(r"^(?P<title>[^.]{3,80}?)\.\s+(?P<rest>[A-Z].*)$", title)
    if stop and len(stop.group("title").split()) <= 10 and len(stop.group("rest").split()) >= 4:
        return stop.group("title"), stop.group("rest")
    return title, ""


def _continues_title(item: MinuteItem, text: str) -> bool:
    """A wrapped heading: the line does not start a numbered heading and the title did not end."""
    if not item.title:
        return True  # the number stood alone on its line: this is its title
    if parse_heading(text) is not None and item.number is not None:
        return False
    return not re.search(r"[.:;]$", item.title or "") and len((item.title or "").split()) + len(text.split()) <= 30


def _starts_decision(text: str) -> bool:
    return lead(text) is not None or list_marker(text) is not None or read_marker(text) is not None


def _flush(item: Optional[MinuteItem], block: list[LabelledLine]) -> None:
    """Turn gathered decision and vote lines into resolutions on ``item``.

    The lines fall into units: a run of decision lines (one or more resolutions,
    split at list markers and decision wordings) or a run of vote lines (one
    vote, read from the run as a whole: mover, seconder, counts, names, outcome).
    A vote belongs to the resolutions of the decision unit before it, or, where
    the minutes print the vote first, to the unit after it.
    """
    if item is None or not block:
        return
    units: list[tuple[str, list[LabelledLine]]] = []
    for r in block:
        kind = "vote" if r.label == "vote" else "decision"
        if units and units[-1][0] == kind:
            units[-1][1].append(r)
        else:
            units.append((kind, [r]))
    decided: list[list[Resolution]] = []
    pending: Optional[Vote] = None
    for kind, lines in units:
        if kind == "vote":
            vote = find_vote(" ".join(clean(r.line.text) for r in lines), decided=True)
            if vote is None:
                continue
            if decided and all(res.vote is None for res in decided[-1]):
                for res in decided[-1]:
                    res.vote = _copy_vote(vote)
            else:
                pending = vote
            continue
        resolutions = _resolutions(lines)
        if pending is not None:
            for res in resolutions:
                res.vote = _copy_vote(pending)
            pending = None
        decided.append(resolutions)
    for resolutions in decided:
        item.resolutions.extend(resolutions)


def _copy_vote(vote: Vote) -> Vote:
    from dataclasses import replace

    return replace(vote)


def _resolutions(lines: list[LabelledLine]) -> list[Resolution]:
    """The resolutions of a run of decision lines."""
    paras: list[list] = []  # [marker or None, text, page]
    for r in lines:
        text = clean(r.line.text)
        marker = read_marker(text)
        if marker is not None or not paras or lead(text) is not None:
            paras.append([marker, text[marker.end:].strip() if marker else text, r.page.number])
        else:
            prev = paras[-1][1]
            paras[-1][1] = prev[:-1] + text if prev.endswith("-") and text[:1].islower() else f"{prev} {text}"
    # nested lists ("(a) ... (i) ... (ii) ... (b)"): an entry of another list style joins the entry above it
    top = next((p[0] for p in paras if p[0] is not None), None)
    merged: list[list] = []
    for para in paras:
        marker = para[0]
        if merged and marker is not None and top is not None and marker.style != top.style:
            merged[-1][1] = f"{merged[-1][1]} {marker.text} {para[1]}"
            continue
        merged.append(para)
    out: list[Resolution] = []
    for k, (marker, text, page) in enumerate(merged):
        keyword, text = decision_text(text)
        text = tidy(re.sub(r"^[\s:;,\-–]+", "", text))
        if not text:
            continue  # "RESOLVED:" on its own: the numbered parts follow
        introduces = marker is None and k + 1 < len(merged) and merged[k + 1][0] is not None and \
            re.search(r"(?:[:\-–—]|\bfollowing\b.*|\bthat)$", text) is not None
        if introduces:
            continue  # "That the following actions be taken:" over (a), (b): the parts are the resolutions
        number = marker.token if marker is not None and marker.ordinal is not None else None
        out.append(Resolution(text=text, number=number, page=page, keyword=keyword))
    return out


__all__ = ["meetings_from_roles", "segments", "is_minutes", "split_run_in"]
