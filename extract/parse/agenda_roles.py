"""The agenda list from role-labelled lines: numbered headings outside any minutes.

Why: the rule-based agenda parser finds a list by its layout conventions (a
"Page" column, numbers in a margin) and misses the lists of councils that set
theirs otherwise.  The layout reader labels every item heading; the headings of
a part of the paper that records no meeting (no attendance, no decision) are
the agenda.  Splitting a heading into number, title and printed pages stays a
rule (``minutes.items.parse_heading``, ``agenda.split_page_ref``).
"""

from __future__ import annotations

import re
from typing import Optional

from ..record import AgendaItem
from .agenda import split_page_ref
from .layout.features import clean
from .layout.model import LabelledLine
from .minutes.from_roles import is_minutes, segments
from .minutes.items import parse_heading

ITEM_ROLES = ("item", "agenda_item")


def agenda_from_roles(roles: list[LabelledLine]) -> list[AgendaItem]:
    """The agenda entries of the parts of the paper that are not minutes, in order."""
    entries: list[AgendaItem] = []
    for seg in segments(roles):
        if is_minutes(seg):
            continue
        current: Optional[AgendaItem] = None
        prev_label: Optional[str] = None
        for r in seg.lines:
            text = clean(r.line.text)
            if r.label not in ITEM_ROLES:
                prev_label = r.label
                continue
            parsed = parse_heading(text)
            if current is not None and prev_label in ITEM_ROLES and _continues(current, parsed):
                current.title = f"{current.title} {text}".strip()
            else:
                number, title, _rest = parsed if parsed is not None else (None, text, "")
                current = AgendaItem(number=number.rstrip(".") if number else None, title=title, page=r.page.number)
                entries.append(current)
            prev_label = r.label
    for entry in entries:
        title, pages = split_page_ref(re.sub(r"\s+", " ", entry.title).strip())
        entry.title = title.strip(" :-–")
        entry.pages = pages
    return [e for e in entries if e.title or e.number]


def _continues(entry: AgendaItem, parsed: Optional[tuple[Optional[str], str, str]]) -> bool:
    """A wrapped title: the line carries no number of its own, or the entry's number stood alone."""
    if not entry.title:
        return True
    return parsed is None and not re.search(r"[.:;]$", entry.title) and len(entry.title.split()) < 40


__all__ = ["agenda_from_roles"]
