"""Recommendations: the section after a heading or a recommending sentence, one text per entry.

Officer reports print what they ask the decision maker to do under a heading
("RECOMMENDATIONS:", "Recommendation(s):") or in a sentence that opens them
("The Cabinet is asked to ...", "It is recommended that ...", "That Committee:").
The section ends at the report's next heading: a listed end heading ("REASONS
FOR REPORT RECOMMENDATIONS", "Background"), a bold line where the
recommendations are not bold, an ALL-CAPS line, a short numbered heading
("1. Introduction"), a cover label.

Each numbered or lettered entry gives one text without its marker; a lead-in
("That Committee:", "Council is recommended to approve") opens the list and is
no entry; markers printed in sequence on one line ("approve a) the budget, b)
the precept") split too. ``recommendations_in_text`` reads the same shapes from
free text, so a minutes or agenda parser can split a town council's
"Council is recommended to approve a) ... b) ..." the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ...load.model import Line, Page
from ...load.stamps import printed_page_number, stamp_of
from .labels import CoverLabels, cover_labels, find_label, value_cell
from ..text.wrapping import join_wrapped
from ..text.listmarkers import Marker, position, read_marker, same_list, split_inline

MAX_REC_BLANKS = 4  # this many blank lines in a row end the recommendations (text files)
REC_GAP = 4.0  # font sizes of vertical space that end the recommendations (PDFs)
PARAGRAPH_GAP = 1.7  # font sizes between two lines that make a new paragraph (PDFs)
HEADING_WORDS = 10  # a bold or numbered heading has at most this many words

LineRef = tuple[Page, Line]


def read_recommendations(lines: list[LineRef], first: int, limit: int, p: Optional[CoverLabels] = None,
                         sentences_from: Optional[int] = None) -> list[str]:
    """The recommendations printed in ``lines[first:limit]``: under the first heading, else after
    the first recommending sentence at or after ``sentences_from`` (default ``first``)."""
    p = p or cover_labels()
    start, first_text = find_recommendations(lines, first, limit, p, sentences_from)
    if start is None:
        return []
    cell = _box_cell(lines, start)
    if cell:  # a heading that is a label of a ruled box: its value cell, which may start above it
        section = [_SectionLine(text, False, read_marker(text)) for text in cell]
        return _entries(section, p)
    section = _section_lines(lines, start, limit, first_text, p)
    return _entries(section, p)


def _box_cell(lines: list[LineRef], start: int) -> Optional[list[str]]:
    """The value cell beside a recommendations label in a ruled cover box (PDFs), when the label is set
    vertically centred and the value's first lines print above it; None otherwise."""
    page, line = lines[start]
    if line.top is None:
        return None
    index = next((n for n, other in enumerate(page.lines) if other is line), None)
    return value_cell(page.lines, index) if index is not None else None


def recommendations_in_text(text: str, p: Optional[CoverLabels] = None) -> list[str]:
    """The recommendations in a stretch of free text (a minute, an agenda item), or [] when it makes none.

    "Council is recommended to approve a) the budget, b) the precept" gives
    ["the budget", "the precept"]; "RECOMMENDATIONS: (i) That ... (ii) That ..." gives both.
    """
    page = Page(number=1, lines=[Line(text=raw.replace("\t", "   ")) for raw in text.splitlines()])
    refs = [(page, line) for line in page.lines]
    return read_recommendations(refs, 0, len(refs), p)


def find_recommendations(lines: list[LineRef], first: int, limit: int, p: CoverLabels,
                         sentences_from: Optional[int] = None) -> tuple[Optional[int], Optional[str]]:
    """The line where the recommendations start, and the text on it after the heading."""
    for k in range(first, limit):
        text = lines[k][1].text
        m = p.rec_heading_re.match(text)
        if m and not _sentence_heading(m):
            return k, m.group("rest").strip()
    for k in range(first if sentences_from is None else sentences_from, limit):
        text = lines[k][1].text
        if p.rec_lead_re.match(_strip_marker(text)):
            return k, None
    return None, None


def _sentence_heading(m: re.Match[str]) -> bool:
    """'Recommendation 3 of the review was ...' is prose, and 'Recommendations   3' a contents line: no heading."""
    rest = m.group("rest")
    if re.fullmatch(r"[\d.\s]+", rest or ""):
        return True  # "Recommendations   3": a contents line and its page number
    return bool(rest) and rest[:1].islower() and ":" not in m.group(0)[: m.start("rest")]


@dataclass
class _SectionLine:
    text: str
    gap_before: bool  # a blank line or a wide vertical gap before it
    marker: Optional[Marker]
    bold: bool = False


def _section_lines(lines: list[LineRef], start: int, limit: int, first_text: Optional[str],
                   p: CoverLabels) -> list[_SectionLine]:
    out: list[_SectionLine] = []
    if first_text is None:  # a recommending sentence: the line itself is the start
        text = lines[start][1].text
        out.append(_SectionLine(text.strip(), False, read_marker(text.strip()), lines[start][1].bold))
    elif first_text:
        out.append(_SectionLine(first_text.strip(), False, read_marker(first_text.strip()), lines[start][1].bold))
    blanks = 0
    gap = False
    prev: Optional[LineRef] = lines[start]
    for k in range(start + 1, limit):
        page, line = lines[k]
        text = line.text
        if not text.strip():
            blanks += 1
            gap = True
            if blanks >= MAX_REC_BLANKS and out:
                break
            continue
        if is_page_furniture(text):
            continue
        blanks = 0
        if prev is not None and prev[0] is page and out and pitch(prev[1], line) > REC_GAP:
            break
        if prev is not None and prev[0] is page and pitch(prev[1], line) > PARAGRAPH_GAP:
            gap = True
        if _ends_recommendations(line, out, p):
            break
        marker = read_marker(text.strip())
        if marker is not None and _wrapped_number(marker, text.strip(), out, gap):
            marker = None
        out.append(_SectionLine(text.strip(), gap, marker, line.bold))
        gap = False
        prev = (page, line)
    return out


def _wrapped_number(marker: Marker, text: str, so_far: list[_SectionLine], gap: bool) -> bool:
    """'... set out in paragraph' / '3.2 of the report.': a number that a sentence wrapped onto the line start."""
    if gap or not so_far or marker.style not in ("1.", "1.1"):
        return False
    rest = text[marker.end:]
    return rest[:1].islower() and not re.search(r"[.:;]$", so_far[-1].text)


def _ends_recommendations(line: Line, so_far: list[_SectionLine], p: CoverLabels) -> bool:
    """Does ``line`` open the report's next part (a heading, a label) rather than continue the recommendations?"""
    text = line.text.strip()
    if p.end_re.match(text) or p.rec_heading_re.match(text) and _is_headingish(text):
        return True
    hit = find_label(text, p)
    if hit is not None and hit.known and hit.colon and hit.field is not None:
        return True
    marker = read_marker(text)
    words = text.split()
    if marker is None and _is_caps_heading(text):
        return True
    if line.bold and marker is None and so_far and not any(sl.bold for sl in so_far) and _is_headingish(text):
        return True
    if marker is None and so_far and re.match(r"^[A-Z][^.:;]{0,60}:$", text) and len(words) <= 8 and (
            any(sl.marker for sl in so_far) or not p.rec_lead_re.match(text)):
        return True  # "Corporate Strategy alignment:" - the next labelled part of the report
    return _numbered_heading(line, so_far, p)


def _numbered_heading(line: Line, so_far: list[_SectionLine], p: CoverLabels) -> bool:
    """'1. Introduction', '4 Background', '2 | Financial implications': the report's next section.

    A short numbered line is also what a recommendation list looks like ("1. Approve
    the budget"), so it ends the section only when it is set bold (and the
    recommendations are not), or when it breaks the style of the list under way.
    """
    m = re.match(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s*(?:\|\s*)?(?P<body>[A-Z].*)$", line.text.strip())
    if not m:
        return False
    body = m.group("body")
    if not _is_headingish(body) or body.endswith(":") or p.rec_lead_re.match(body):
        return False
    if line.bold and not any(sl.bold for sl in so_far):
        return True
    if not so_far or len(body.split()) > 6:
        return False
    first = next((sl.marker for sl in so_far if sl.marker is not None), None)
    marker = read_marker(line.text.strip())
    return first is None or marker is None or first.style != marker.style


def _is_headingish(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= HEADING_WORDS and not re.search(r"[.;,]$", text.strip()) and text.strip()[:1].isupper()


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters) and len(text.split()) >= 2


def _entries(section: list[_SectionLine], p: CoverLabels) -> list[str]:
    """One text per numbered or lettered entry, without its marker; unmarked paragraphs alike."""
    groups = _split_list(section, p)
    listed = any(marked for marked, _ in groups)
    out: list[str] = []
    # only a list's single entry opens a sub-list of recommendations ("3.1 Cabinet is asked to: (a) ... (b) ...");
    # the sub-points of one of several entries stay inside it
    expand = sum(1 for marked, _ in groups if marked) <= 1
    for n, (marked, lines) in enumerate(groups):
        texts = _entry_texts(marked, lines, p, expand)
        if n == 0 and not marked and listed and len(texts) == 1 and _is_lead_in(texts[0]):
            continue  # "That Committee:", "The Cabinet is asked to:" opens the list but is no entry
        out.extend(texts)
    seen: set[str] = set()
    result = []
    for text in (_clean_item(t) for t in out):
        key = re.sub(r"\W+", " ", text.lower()).strip()
        if text and key not in seen:
            seen.add(key)
            result.append(text)
    return result


def _split_list(section: list[_SectionLine], p: CoverLabels) -> list[tuple[bool, list[_SectionLine]]]:
    """The lines grouped into entries at the markers of the list's own style (sub-points stay inside)."""
    items: list[tuple[bool, list[_SectionLine]]] = []
    first: Optional[Marker] = None
    expected: Optional[int] = None
    for sl in section:
        m = sl.marker
        if m is not None and (first is None or same_list(first, m, expected)):
            first = first or m
            place = position(first, m)
            expected = place + 1 if place is not None else None
            items.append((True, [sl]))
        elif not items:
            items.append((False, [sl]))
        elif sl.gap_before and m is None and not sl.text[:1].islower():
            if any(marked for marked, _ in items):
                break  # prose after the list
            if not _opens_recommendation(sl.text, p):
                break
            items.append((False, [sl]))
        else:
            items[-1][1].append(sl)
    return items


def _entry_texts(marked: bool, lines: list[_SectionLine], p: CoverLabels, expand: bool = True) -> list[str]:
    """The entry's text; an entry that is a lead-in over a sub-list gives the sub-list's entries."""
    head = lines[0].text[lines[0].marker.end:].strip() if marked and lines[0].marker else lines[0].text
    subs = [sl for sl in lines[1:] if sl.marker is not None]
    if expand and len(subs) >= 2:
        first_sub = next(n for n, sl in enumerate(lines) if n > 0 and sl.marker is not None)
        lead = join_wrapped([head] + [sl.text for sl in lines[1:first_sub]])
        if _is_lead_in(lead):
            inner = _split_list([_SectionLine(sl.text, False, sl.marker, sl.bold) for sl in lines[first_sub:]], p)
            if sum(1 for m, _ in inner if m) >= 2:
                return [t for m, ls in inner if m for t in _entry_texts(m, ls, p, expand=False)]
    text = join_wrapped([head] + [sl.text for sl in lines[1:]])
    pieces = split_inline(text) if not subs else [text]  # sub-points on lines of their own stay inside
    if len(pieces) > 1:
        lead, rest = pieces[0], pieces[1:]
        return ([lead] if lead and not _is_lead_in(lead) else []) + rest
    return [text]


def _opens_recommendation(text: str, p: CoverLabels) -> bool:
    return bool(re.match(r"^(?:that|to)\b", text, re.I) or p.rec_lead_re.match(text))


def _is_lead_in(text: str) -> bool:
    """'That Committee:', 'The Cabinet is asked to:', 'Council is recommended to approve'."""
    t = text.strip()
    return t.endswith((":", "-", "–")) or not re.search(r"[.;]$", t) and len(t.split()) <= 12 or bool(
        re.search(r"\b(?:to|that)$", t, re.I))


def _clean_item(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"[;,]?\s+(?:and|or)$", "", text, flags=re.I)
    return text.rstrip(" ;,").strip()


# ---------------------------------------------------------------- small helpers


def _strip_marker(text: str) -> str:
    m = read_marker(text)
    return text[m.end:] if m else text.strip()


def pitch(a: Line, b: Line) -> float:
    """Vertical distance from line ``a`` to line ``b`` in font sizes (0 for text files)."""
    if a.top is None or b.top is None:
        return 0.0
    size = a.size or b.size or 10.0
    return (b.top - a.top) / size


def is_page_furniture(text: str) -> bool:
    return printed_page_number(text) is not None or stamp_of(text) is not None


__all__ = ["read_recommendations", "recommendations_in_text", "find_recommendations", "pitch",
           "is_page_furniture"]
