"""Due dates: an ISO date where the text states one, else None.

"by February 2021" gives the month's last day (2021-02-28): a deadline named by
month is met until the month ends. A full date ("by 20th November 2018") is that
day; "next meeting" is the date of the meeting the pack is for, when it is later
than the minutes' own meeting. A month without a year takes the year of the
meeting (or the document), moved on a year when it would fall before it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from ..parse.text.dates import iso_date, month_names, month_number

SEASON = re.compile(r"\b(?:by|in)\s+(spring|summer|autumn|winter)\s+(\d{4})\b", re.I)
SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}
NEXT_MEETING = re.compile(r"\bnext\s+(?:\w+\s+){0,3}(?:meeting|agenda)\b", re.I)


@dataclass(frozen=True)
class _Forms:
    """The forms that name a month (its names: the ``months`` slot of ``patterns/vocabulary.json``)."""

    full: re.Pattern[str]
    full_noyear: re.Pattern[str]
    month_year: re.Pattern[str]
    month_agenda: re.Pattern[str]
    next_date: re.Pattern[str]


@lru_cache(maxsize=1)
def _forms() -> _Forms:
    month = "(" + month_names() + ")"
    return _Forms(
        full=re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + month + r"\.?,?\s+(\d{4})\b", re.I),
        full_noyear=re.compile(r"\b(?:by|on|before)\s+(?:\w+day\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                               + month + r"\b", re.I),
        month_year=re.compile(r"\b(?:by|in|during|before|from|until|end of|for)\s+(?:the\s+end\s+of\s+)?"
                              r"(?:early\s+|late\s+|mid[- ])?" + month + r"\.?,?\s+(\d{4})\b", re.I),
        month_agenda=re.compile(r"\b" + month + r"\s+(?:\w+\s+){0,2}(?:meeting|agenda)\b", re.I),
        next_date=re.compile(r"\bnext\s+(?:\w+\s+){0,4}meeting\b[^.\n]{0,80}?\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                             + month + r"\.?,?(?:\s+(\d{4}))?", re.I),
    )


def _month(name: str) -> int:
    number = month_number(name)
    assert number is not None, name  # the name was matched by the months slot it is looked up in
    return number


def next_meeting_date(text: str, meeting_date: Optional[str]) -> Optional[str]:
    """The next meeting's date where the paper prints it ("The next meeting ... on Tuesday 17th August")."""
    for m in _forms().next_date.finditer(text):
        day, month, year = int(m.group(1)), _month(m.group(2)), m.group(3)
        if year:
            found = iso_date(int(year), month, day)
        elif meeting_date:
            base = date.fromisoformat(meeting_date)
            found = iso_date(base.year + (1 if month < base.month else 0), month, day)
        else:
            continue
        if found and (not meeting_date or found > meeting_date):
            return found
    return None


def due_date(text: str, meeting_date: Optional[str] = None, next_meeting: Optional[str] = None) -> Optional[str]:
    """The date by which ``text`` says the work is due, ISO 8601, or None."""
    m = _forms().full.search(text)
    if m:
        return iso_date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
    m = _forms().month_year.search(text)
    if m:
        y, mo = int(m.group(2)), _month(m.group(1))
        return iso_date(y, mo, calendar.monthrange(y, mo)[1])
    m = SEASON.search(text)
    if m:
        y = int(m.group(2))
        mo, d = SEASON_END[m.group(1).lower()]
        return iso_date(y + (1 if mo == 2 else 0), mo, d)
    m = _forms().full_noyear.search(text)
    if m and meeting_date:
        base = date.fromisoformat(meeting_date)
        mo = _month(m.group(2))
        y = base.year + (1 if mo < base.month else 0)
        return iso_date(y, mo, int(m.group(1)))
    if next_meeting and (not meeting_date or next_meeting > meeting_date):
        if NEXT_MEETING.search(text):
            return next_meeting
        m = _forms().month_agenda.search(text)
        if m and _month(m.group(1)) == int(next_meeting[5:7]):
            return next_meeting  # "on the March agenda", when the next meeting is in March
    return None
