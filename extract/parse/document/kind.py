"""What kind of paper a document is: agenda_pack, agenda, minutes, report, ...

The strongest cue decides, in this order: a decision notice's title (unless the
record lists who attended and several decided items: a meeting's minutes); an agenda
list (with later papers behind it: a pack); a letter's salutation and sign-off;
a minutes header or attendance list at the top of the first page; an officer
report's cover-sheet labels; the shape of a slide deck (landscape pages, large
type, short bullet lines and few sentences); else a report when the first page
names one, else ``other``. Wordings live in ``patterns/kinds.json``; this
module holds only the order and the arithmetic.
"""

from __future__ import annotations

import re
from statistics import median

from ...load.model import Document
from ...patterns import load_json
from ...record import Record
from .cues import (cues, fold, is_attendance, is_cover, is_decision_notice_title, is_letter_closing,
                   is_letter_opening, is_meeting_record, is_minutes_header, nonblank)
from .sections import split_pack

FIRST_LINES = 30  # how far down the first page a minutes header, attendance list or salutation may stand
LATER_TEXT = 300  # non-blank lines after the agenda list that make a text file a pack by bulk alone

_BULLET = re.compile(r"^(?:[-•▪◦●■○➢✓]|o\s|\*\s)")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]?$")


def _first_lines(doc: Document, count: int = FIRST_LINES) -> list[str]:
    out: list[str] = []
    for page in doc.pages[:2]:
        out.extend(nonblank(page))
        if len(out) >= count:
            break
    return out[:count]


def _all_lines(doc: Document) -> list[str]:
    return [fold(line.text) for page in doc.pages for line in page.lines if line.text.strip()]


def is_pack(doc: Document, record: Record) -> bool:
    """An agenda with papers behind it: split sections, minutes or reports after the list, or bulk."""
    if len(split_pack(doc, record.agenda)) > 1:
        return True
    agenda_page = max(item.page or 1 for item in record.agenda)
    if any((m.page or 0) > agenda_page for m in record.meetings) or any((r.page or 0) > agenda_page for r in record.reports):
        return True
    if doc.pages and doc.pages[0].lines and doc.pages[0].lines[0].x0 is None:  # text: papers hide in one page
        lines = _all_lines(doc)
        last_title = record.agenda[-1].title[:40]
        after = next((i for i, t in enumerate(lines) if last_title and last_title in t), None)
        if after is not None:
            rest = lines[after + 1:]
            if any(is_minutes_header(t) for t in rest) or is_cover(rest) or len(rest) > LATER_TEXT:
                return True
    return len(doc.pages) > agenda_page + 2


def looks_like_letter(doc: Document) -> bool:
    head = _first_lines(doc, 60)
    return any(is_letter_opening(t) for t in head) and any(is_letter_closing(t) for t in _all_lines(doc))


def looks_like_minutes(doc: Document, record: Record) -> bool:
    head = _first_lines(doc)
    if any(is_minutes_header(t) for t in head[:12]):
        return True
    if any(is_attendance(t) for t in head) and not is_cover(head):
        return True
    return bool(record.meetings) and (record.meetings[0].page or 1) <= 1


def looks_like_slides(doc: Document) -> bool:
    """Slide decks: landscape pages or large type; in text, short bullet lines with few full sentences."""
    spec = cues().presentation
    pages = [p for p in doc.pages if p.width and p.height]
    sizes = [line.size for p in doc.pages for line in p.lines if line.size and line.text.strip()]
    if pages and sum(p.width > p.height for p in pages) / len(pages) >= 0.6:  # type: ignore[operator]
        # landscape alone is also a wide table; slides hold few lines, set large
        per_page = median(len(nonblank(p)) for p in pages)
        if per_page <= int(spec.get("max_lines_per_slide", 22)) or (sizes and median(sizes) >= 14):
            return True
    if sizes and median(sizes) >= float(spec.get("min_median_size", 17)):
        return True
    lines = _all_lines(doc)
    if len(lines) < int(spec.get("min_lines", 15)) or sizes:
        return False
    words = [len(t.split()) for t in lines]
    mean = sum(words) / len(words)
    sentences = sum(1 for t in lines if _SENTENCE_END.search(t) and len(t.split()) >= 6) / len(lines)
    bullets = sum(1 for t in lines if _BULLET.match(t)) / len(lines)
    long_lines = sum(1 for w in words if w > 30) / len(lines)
    return (mean <= float(spec.get("max_mean_words", 11)) and long_lines < 0.05
            and bullets >= float(spec.get("min_bullet_share", 0.2))
            and (sentences <= float(spec.get("max_sentence_share", 0.35)) or bullets >= 0.5))


def names_a_report(doc: Document) -> bool:
    head = _first_lines(doc, 8)
    return any(p.search(t) for t in head for p in cues().report_titles)


def classify(doc: Document, record: Record) -> str:
    """One of ``record.KINDS`` for the document as a whole."""
    head = _first_lines(doc, 10)
    if any(is_decision_notice_title(t) for t in head):
        # a "record of decisions" of a whole meeting, with its attendance and several items, is its minutes
        return "minutes" if is_meeting_record(_first_lines(doc, 60)) else "decision_notice"
    if record.agenda and not minutes_first(record) and not recommendations_as_agenda(record):
        return "agenda_pack" if is_pack(doc, record) else "agenda"
    if looks_like_letter(doc):
        return "letter"
    if looks_like_minutes(doc, record) or minutes_first(record):
        return "minutes"
    if is_cover(_first_lines(doc, 40)) or (record.reports and (record.reports[0].page or 1) <= 1):
        return "report"
    if looks_like_slides(doc) and not (record.kpis and names_a_report(doc)):
        return "presentation"  # a landscape page of tables under a report's title is a report, not a slide
    if names_a_report(doc):
        return "report"
    if tables_only(doc, record):
        return "other"
    return "report" if len(doc.pages) >= 3 else "other"


def recommendations_as_agenda(record: Record) -> bool:
    """Is the "agenda" the numbered recommendations of the report that opens the paper? A staff report
    stamped "AGENDA ITEM" lists "1. Find that ...", "2. Introduce an Ordinance ..." under its cover; the
    list walker reads them as items, but the paper is the report."""
    from rapidfuzz import fuzz

    if not record.reports or (record.reports[0].page or 1) > 1 or not record.reports[0].recommendations:
        return False
    recs = [r.lower() for r in record.reports[0].recommendations]
    titles = [a.title.lower() for a in record.agenda if a.title]
    shared = sum(1 for t in titles if any(fuzz.partial_ratio(t[:80], r) >= 90 for r in recs))
    return bool(titles) and shared >= max(1, (len(titles) + 1) // 2)


def minutes_first(record: Record) -> bool:
    """The paper opens with a meeting's record (attendance or decisions under headings), no later than any
    agenda list it carries: minutes, with their own agenda printed above them, not an agenda pack."""
    if not record.meetings:
        return False
    first = record.meetings[0]
    items = len(first.items)
    decided = sum(len(i.resolutions) for i in first.items)
    if not (items >= 2 and (bool(first.present) or decided >= 1) and (first.page or 1) <= 2):
        return False
    if not record.agenda:
        return True
    if len(record.meetings) > 1:
        return False  # several sets of minutes: a pack carrying earlier meetings
    # minutes printed under their own meeting's agenda share its business; a pack's earlier minutes share
    # only what every meeting has (apologies, minutes, any other business)
    from rapidfuzz import fuzz

    procedural = re.compile(r"\b(?:" + "|".join(load_json("kinds.json")["procedural_titles"]) + r")", re.I)
    business = [a.title.lower() for a in record.agenda if a.title and not procedural.search(a.title)]
    titles = [i.title.lower() for i in first.items if i.title and not procedural.search(i.title)]
    shared = sum(1 for a in business if any(fuzz.token_set_ratio(a, t) >= 85 for t in titles))
    return bool(business) and shared >= max(2, len(business) // 2)


def tables_only(doc: Document, record: Record) -> bool:
    """A statement or budget: table cells and little else (no meetings, no report cover, few sentences)."""
    if record.meetings or record.reports or len(record.kpis) < 10:
        return False
    lines = _all_lines(doc)
    sentences = sum(1 for t in lines if _SENTENCE_END.search(t) and len(t.split()) >= 8)
    return sentences <= max(3, len(lines) // 10)


__all__ = ["classify", "recommendations_as_agenda", "minutes_first", "tables_only", "is_pack", "looks_like_letter", "looks_like_minutes", "looks_like_slides"]
