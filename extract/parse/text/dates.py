"""Dates as council papers print them, read into ISO 8601.

Every parser needs the same thing: a meeting header says "Thursday, 30th
January, 2025", a cover sheet "3 DECEMBER 2020", a table "16/06/2022", a
letter "26 July 2024". ``find_dates`` lists every date in a text with where it
stands; ``parse_date`` gives the first one as ``YYYY-MM-DD``. Numeric dates are
read day first (UK order), month first where the paper is a US one
(``month_first_paper``, set for a paper by ``numeric_date_order``) or where that is
the one reading that is a date ("01/26/21"). Dates without a year are not dates here: a bare
"16 June" in a list of meetings says too little. Month names are the ``months`` slot of
``patterns/vocabulary.json`` (``month_names``, ``month_number``, for every reader of dates in the
package); the day's name before a date is ``patterns/dates.json``.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterator, Optional

from ...patterns import load_json, vocabulary

_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# "16/06/2022", "16.06.22", "16-06-2022"
_NUMERIC = re.compile(r"(?<![\d/.\-])(?P<day>[0-3]?\d)(?P<sep>[/.\-])(?P<month>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)?\d{2})(?![\d/.\-]*\d)")
# "2025-01-30"
_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")


def month_names() -> str:
    """A regular expression (one non-capturing group) for a month's name: the ``months`` slot of
    ``vocabulary.json``, where a council's own spelling is added once for every reader of dates."""
    return "(?:" + "|".join(vocabulary()["months"]) + ")"


@lru_cache(maxsize=1)
def _month_forms() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(form, re.I) for form in vocabulary()["months"])


def month_number(name: str) -> Optional[int]:
    """The number of the month ``name`` names ("Sept." -> 9), by its place in the ``months`` slot (twelve
    forms, January first); None for a word that is no month."""
    word = name.strip().rstrip(".")
    return next((number for number, form in enumerate(_month_forms(), 1) if form.fullmatch(word)), None)


@lru_cache(maxsize=1)
def _written_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The forms that spell the month out, the day's name before them read from ``dates.json``."""
    day_name = r"(?:" + load_json("dates.json")["day_name"] + r"\.?,?\s+)?"
    month = r"(?P<month>" + month_names() + r")\.?"
    # "Thursday, 30th January, 2025", "3 DECEMBER 2020", "4th July 2024", "30 Jan. 2025", and the form of
    # resolutions and ordinances: "this 23rd day of January, A.D., 2024"
    dmy = re.compile(day_name + r"(?P<day>[0-3]?\d)" + _ORD + r"(?:\s+day)?(?:\s+of)?[\s\-]+" + month
                     + r"\s?,?[\s\-]+(?:A\.?\s?D\.?,?\s+)?" + _YEAR + r"\b", re.I)
    # "January 30, 2025", "Thursday, January 30th 2025", "January 13 , 2021" (a text layer's space before the comma)
    mdy = re.compile(day_name + month + r"\s+(?P<day>[0-3]?\d)" + _ORD + r"\s?,?\s+" + _YEAR + r"\b", re.I)
    return dmy, mdy


@dataclass
class DateMatch:
    """A date found in text: where it stands, what was printed and what it means."""

    start: int
    end: int
    text: str
    iso: str


def iso_date(year: int, month: int, day: int) -> Optional[str]:
    """ISO 8601 for a day that exists, else None (31 June, 29 February in a common year)."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 70 else 1900
    return value


_MONTH_FIRST: ContextVar[bool] = ContextVar("month_first", default=False)


@lru_cache(maxsize=1)
def _order_cues() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    spec = load_json("dates.json")
    return ([re.compile(rx, re.I) for rx in spec["month_first_cues"]],
            [re.compile(rx, re.I) for rx in spec["day_first_cues"]])


def month_first_paper(text: str) -> bool:
    """Does a paper print numeric dates month first ("1/12/2021" for 12 January)? Its own words say: a US
    paper counts dollars and council members and gives a state and ZIP code; a British one pounds,
    councillors and a postcode (``patterns/dates.json``). Day first where nothing tells."""
    us, uk = _order_cues()
    return sum(len(rx.findall(text)) for rx in us) > sum(len(rx.findall(text)) for rx in uk)


@contextmanager
def numeric_date_order(month_first: bool) -> Iterator[None]:
    """Read numeric dates month first (or not) while parsing one paper."""
    token = _MONTH_FIRST.set(month_first)
    try:
        yield
    finally:
        _MONTH_FIRST.reset(token)


def numeric_date(year: int, first: int, second: int) -> Optional[str]:
    """A numeric date's ISO form in the paper's order, else the other order where only that one is a date."""
    day, month = (second, first) if _MONTH_FIRST.get() else (first, second)
    return iso_date(year, month, day) or iso_date(year, day, month)


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text``, in reading order (overlapping readings keep the longest)."""
    found: list[DateMatch] = []
    for pattern in (*_written_forms(), _ISO, _NUMERIC):
        for m in pattern.finditer(text):
            month_text = m.group("month")
            month = month_number(month_text) if not month_text.isdigit() else int(month_text)
            if not month:
                continue
            if pattern is _NUMERIC:  # "16/06/2022"; "01/26/21" or a US paper's "1/12/2021": month first
                iso = numeric_date(_year(m.group("year")), int(m.group("day")), month)
            else:
                iso = iso_date(_year(m.group("year")), month, int(m.group("day")))
            if iso is None:
                continue
            found.append(DateMatch(m.start(), m.end(), m.group(0).strip(), iso))
    from .worded_dates import worded_dates  # "this twenty-third day of January, 2024"

    found.extend(worded_dates(text))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMatch] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def parse_date(text: Optional[str]) -> Optional[str]:
    """The first date printed in ``text`` as ISO 8601, or None ("3 DECEMBER 2020" -> "2020-12-03")."""
    if not text:
        return None
    dates = find_dates(text)
    return dates[0].iso if dates else None


__all__ = ["DateMatch", "find_dates", "parse_date", "iso_date", "month_names", "month_number", "month_first_paper",
           "numeric_date_order", "numeric_date"]
