"""The head of a set of minutes: where it starts, whose meeting, which day.

Councils open minutes with a line such as "MINUTES OF THE MEETING HELD ON 30
SEPTEMBER 2021", "MINUTES of a meeting of the Cabinet held ... on Thursday, 30
January 2025" or "Minutes of X Parish Council Meeting held ...". The body is
named in that line, or (when it says "the meeting" or "the above Council") on
the lines printed above it. The wordings are data (``patterns/minutes.json``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Optional

from ...patterns import load_json
from ..text.dates import month_names, month_number, numeric_date
from ..text.pattern_rules import pattern_rules

_DATE_NUM = re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d{2})\b")


@lru_cache(maxsize=1)
def _date_forms() -> tuple[re.Pattern[str], ...]:
    """A header's date forms: day month year, month day year (month names: the vocabulary's ``months``), numeric."""
    month = month_names()
    return (re.compile(r"\b(?P<d>\d{1,2})\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<m>" + month + r")\.?,?\s+(?P<y>(?:19|20)\d{2})\b", re.I),
            re.compile(r"\b(?P<m>" + month + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b", re.I),
            _DATE_NUM)


def find_date(text: str) -> Optional[str]:
    """The first date printed in ``text``, ISO 8601 ("Monday 29th October 2018" -> "2018-10-29")."""
    text = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", text)
    best = None
    for rx in _date_forms():
        m = rx.search(text)
        if not m or (best and best[0] <= m.start()):
            continue
        if m.group("m").isdigit():  # "12/01/2021": in the paper's order (a US paper's is month first)
            iso = numeric_date(int(m.group("y")), int(m.group("d")), int(m.group("m")))
            if iso is None:
                continue
        else:
            try:
                iso = date(int(m.group("y")), month_number(m.group("m")) or 0, int(m.group("d"))).isoformat()
            except ValueError:
                continue
        best = (m.start(), iso)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _yearless_forms() -> tuple[re.Pattern[str], ...]:
    month = month_names()
    return (re.compile(r"\b(?P<d>\d{1,2})\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<m>" + month
                       + r")\b\.?(?!,?\s*(?:19|20)\d{2})", re.I),
            re.compile(r"\b(?P<m>" + month + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d{2})", re.I))


def find_yearless_date(text: str, dated: list[str]) -> Optional[str]:
    """A date printed without its year ("Date held: 17th January", common in small councils' web minutes),
    given the year that puts it nearest the full dates printed elsewhere in the minutes (the last meeting,
    the next one): "17th January" between "1st November 2013" and "11th April 2014" is 17 January 2014.
    None where ``text`` holds no such date or nothing else is dated."""
    if not dated:
        return None
    text = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", text)
    known = [date.fromisoformat(d) for d in dated]
    for rx in _yearless_forms():
        m = rx.search(text)
        if not m:
            continue
        month = month_number(m.group("m"))
        if not month:
            continue
        best: Optional[tuple[int, date]] = None
        for year in sorted({k.year + step for k in known for step in (-1, 0, 1)}):
            try:
                day = date(year, month, int(m.group("d")))
            except ValueError:
                continue
            distance = min(abs((day - k).days) for k in known)
            if best is None or distance < best[0]:
                best = (distance, day)
        if best is not None:
            return best[1].isoformat()
    return None


@pattern_rules("minutes.json")
def _rules() -> dict:
    p = load_json("minutes.json")
    return {
        "header": [re.compile(r"^\s*(?:" + rx + r")", re.I) for rx in p["meeting_headers"]],
        "kind_header": [re.compile(rx, re.I) for rx in p["kind_headers"]],
        "body": [re.compile(rx, re.I) for rx in p["header_body"]],
        "no_body": re.compile(r"^(?:" + "|".join(p["header_no_body"]) + r")\b", re.I),
        "generic": re.compile(r"^(?:the\s+|a\s+|an\s+)?(?:" + "|".join(p["header_generic_body"]) + r")$", re.I),
        "whole": re.compile(r"^(?:" + "|".join(p["whole_authority_body"]) + r")$", re.I),
    }


def is_header(text: str) -> bool:
    """Does ``text`` open a set of minutes?"""
    return any(rx.match(text) for rx in _rules()["header"])


def shows_minutes(text: str) -> bool:
    """Does the line ``text`` show that a paper is minutes: a header the parser reads, or one of the further
    forms only the kind detector goes by (``kind_headers``)? Both lists live in ``minutes.json``, so a
    council's new header wording is one line there."""
    folded = " ".join(text.split())
    return is_header(folded) or any(rx.search(folded) for rx in _rules()["kind_header"])


def header_body(header_text: str, lines_above: list[str]) -> Optional[str]:
    """The body whose minutes these are, as printed (all-capitals lines re-cased)."""
    text = re.sub(r"\s+", " ", header_text).strip()
    for rx in _rules()["body"]:
        m = rx.search(text)
        if m:
            body = m.group("body").strip(" ,")
            body = re.sub(r"\s+(?:held|meeting)$", "", body, flags=re.I)
            if _rules()["whole"].match(body):
                # the authority meeting as a whole ("Full Town Council"): the authority's name printed above
                last = body.split()[-1].lower()
                named = [l.strip() for l in lines_above if _title_line(l) and l.strip().lower().endswith(last)
                         and len(l.split()) > 1 and not _rules()["whole"].match(l.strip())]
                return tidy_body(named[-1] if named else body)
            if (not _rules()["no_body"].match(body) and not _rules()["generic"].match(body)
                    and len(body.split()) <= 12 and not find_date(body)):
                return tidy_body(body)
            break
    # the title line nearest the header names the committee; a council name above it is the authority
    above = [l.strip() for l in lines_above if _title_line(l)]
    return tidy_body(above[-1]) if above else None


def _title_line(text: str) -> bool:
    """A short heading line (a body's name), not running text or a date."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > 10 or text.endswith((".", ",", ";")) or find_date(text):
        return False
    caps = [w for w in words if w[:1].isupper() or w.lower() in _SMALL]
    return len(caps) >= 0.8 * len(words)


_SMALL = {"and", "of", "the", "for", "on", "in", "to", "a", "an", "at", "with", "by", "&"}


def tidy_body(body: str) -> str:
    body = body.strip(" .,:;")
    if body.isupper():
        words = body.lower().split()
        body = " ".join(w if (i and w in _SMALL) else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
                        for i, w in enumerate(words))
    return body
