"""Printed page numbers and system stamps at the top and bottom of a page.

ModernGov and similar systems stamp "Agenda Item 7", "Appendix 2" and "Public
Document Pack" on pages of a pack, and print page numbers in footers ("Page 9",
"- 15 -", "9"). Agenda splitting and provenance use both.
"""

from __future__ import annotations

import re
from typing import Optional

from .model import Page
from ..patterns import load_json

EDGE_LINES = 4  # how many lines at the top and at the bottom may hold a footer or stamp
BARE_NUMBER = re.compile(r"\d{1,3}")  # a footer that prints only the number


def _compiled() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    spec = load_json("stamps.json")
    numbers = [re.compile(p, re.I) for p in spec["page_numbers"]]
    stamps = [re.compile(p, re.I) for p in spec["stamps"]]
    return numbers, stamps


_CACHE: dict[str, tuple[list[re.Pattern[str]], list[re.Pattern[str]]]] = {}


def patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    if "p" not in _CACHE:
        _CACHE["p"] = _compiled()
    return _CACHE["p"]


def printed_page_number(text: str) -> Optional[str]:
    """The page number a footer line prints ("Page 9", "Page 9 of 40", "- 15 -"), else None."""
    numbers, _ = patterns()
    line = text.strip()
    for pattern in numbers:
        m = pattern.fullmatch(line)
        if m:
            return m.group("n")
    return None


def stamp_of(text: str) -> Optional[str]:
    """The stamp a line is ("Agenda Item 7"), normalised to single spaces, else None."""
    _, stamps = patterns()
    line = " ".join(text.split())
    for pattern in stamps:
        if pattern.fullmatch(line):
            return line
    return None


def annotate(page: Page) -> Page:
    """Fill ``printed_number`` and ``stamps`` from the lines at the page's edges."""
    lines = page.lines
    edge = list(range(min(EDGE_LINES, len(lines)))) + list(range(max(0, len(lines) - EDGE_LINES), len(lines)))
    seen = set()
    for index in edge:
        if index in seen:
            continue
        seen.add(index)
        text = lines[index].text
        if page.printed_number is None:
            number = printed_page_number(text)
            if number is not None:
                page.printed_number = number
                continue
        if page.printed_number is None and index in (len(lines) - 1, 0) and BARE_NUMBER.fullmatch(text.strip()):
            page.printed_number = text.strip()  # a footer or header that is only a number
            continue
        stamp = stamp_of(text)
        if stamp and stamp not in page.stamps:
            page.stamps.append(stamp)
    return page
