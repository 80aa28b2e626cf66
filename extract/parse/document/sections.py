"""Split an agenda pack into the papers it carries.

A pack is a front sheet followed by each item's papers: the minutes of earlier
meetings, officer reports with their cover sheets, appendices, glossaries. Three
things say where an item's papers start, strongest first: the "Agenda Item N"
stamp document systems print on an item's first page; the front sheet's page
range ("Pages 17 - 112") read against the printed page numbers; and the papers'
own openings (a minutes header, a cover sheet, an "Appendix 2" heading). The
result is plain data the store and tracker use (which pages are which paper)
and it is written back onto each ``AgendaItem`` (``document``, ``physical_pages``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ...load.model import Document
from ...record import AgendaItem
from .cues import page_start

_STAMP = re.compile(r"(?:agenda\s+)?item\s+(?P<n>[0-9]+[a-z]?(?:\.[0-9]+)?)", re.I)


@dataclass
class Section:
    """One paper in a pack: what it is, its title, its physical pages and the agenda item it belongs to."""

    kind: str  # front_sheet | minutes | report | appendix | glossary | document
    title: Optional[str]
    first_page: int
    last_page: int
    agenda_number: Optional[str] = None


def _stamp_starts(doc: Document) -> dict[str, int]:
    """Agenda number -> first physical page stamped "Agenda Item N"."""
    starts: dict[str, int] = {}
    for page in doc.pages:
        for stamp in page.stamps:
            m = _STAMP.fullmatch(stamp)
            if m and m.group("n") not in starts:
                starts[m.group("n")] = page.number
    return starts


def _printed_offset(doc: Document, after: int) -> Optional[int]:
    """physical - printed page number, where the pack's pages agree on one (the most common offset)."""
    offsets = Counter(page.number - int(page.printed_number) for page in doc.pages
                      if page.number > after and page.printed_number and page.printed_number.isdigit())
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= 2 or len(offsets) == 1 else None


def _range_starts(doc: Document, agenda: list[AgendaItem], after: int) -> dict[str, int]:
    """Agenda number -> physical page where its printed page range starts."""
    by_printed: dict[str, int] = {}
    for page in doc.pages:
        if page.number > after and page.printed_number and page.printed_number not in by_printed:
            by_printed[page.printed_number] = page.number
    offset = _printed_offset(doc, after)
    starts: dict[str, int] = {}
    for item in agenda:
        if not item.pages or item.number is None:
            continue
        first = str(item.pages[0])
        if first in by_printed:
            starts[item.number] = by_printed[first]
        elif offset is not None and 1 <= item.pages[0] + offset <= len(doc.pages):
            starts[item.number] = item.pages[0] + offset
    return starts


def split_pack(doc: Document, agenda: list[AgendaItem]) -> list[Section]:
    """The papers of a pack in page order, the front sheet first; [] for a document without an agenda."""
    if not agenda or not doc.pages:
        return []
    text_model = doc.pages[0].lines[0].x0 is None if doc.pages[0].lines else True
    last_page = len(doc.pages) and doc.pages[-1].number
    agenda_page = max(item.page or 1 for item in agenda)
    starts = _range_starts(doc, agenda, agenda_page)
    starts.update({k: v for k, v in _stamp_starts(doc).items() if v >= agenda_page})
    numbers = [item.number for item in agenda if item.number]
    item_starts = sorted((page, numbers.index(n), n) for n, page in starts.items() if n in numbers)

    papers: list[tuple[int, str, str]] = []  # (page, kind, title) of each paper's opening
    for page in doc.pages:
        if page.number < agenda_page or (page.number == agenda_page and not text_model):
            continue
        found = page_start(page, text_model)
        if found:
            papers.append((page.number, found[0], found[1]))

    candidates = [p for p, _, _ in item_starts] + [p for p, _, _ in papers if p > agenda_page]
    front_end = (min(candidates) - 1) if candidates else last_page
    front_end = max(front_end, agenda_page)
    sections = [Section("front_sheet", "Agenda", 1, front_end)]

    def item_at(page: int) -> Optional[str]:
        current = None
        for start, _, number in item_starts:
            if start <= page:
                current = number
        return current

    opens = sorted({p for p, _, _ in item_starts if p > front_end} | {p for p, _, _ in papers if p > front_end})
    kinds = {p: (k, t) for p, k, t in papers}
    titles = {p: next(it.title for it in agenda if it.number == n) for p, _, n in item_starts}
    for index, start in enumerate(opens):
        end = (opens[index + 1] - 1) if index + 1 < len(opens) else last_page
        kind, title = kinds.get(start, ("document", titles.get(start) or ""))
        sections.append(Section(kind, title or None, start, end, item_at(start)))
    return sections


def annotate_items(doc: Document, agenda: list[AgendaItem]) -> list[Section]:
    """Fill each item's ``document`` (kind of its first paper) and ``physical_pages`` from the split."""
    sections = split_pack(doc, agenda)
    for item in agenda:
        own = [s for s in sections if s.agenda_number is not None and s.agenda_number == item.number]
        if own:
            item.document = own[0].kind
            item.physical_pages = [own[0].first_page, max(s.last_page for s in own)]
    return sections


__all__ = ["Section", "split_pack", "annotate_items"]
