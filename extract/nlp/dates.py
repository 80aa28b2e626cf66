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
from datetime import date
from typing import Optional

from ..parse.text.dates import MONTHS, iso_date

_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
FULL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+(\d{4})\b", re.I)
FULL_NOYEAR = re.compile(r"\b(?:by|on|before)\s+(?:\w+day\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b", re.I)
MONTH_YEAR = re.compile(r"\b(?:by|in|during|before|from|until|end of|for)\s+(?:the\s+end\s+of\s+)?(?:early\s+|late\s+|mid[- ])?"
                        + _MONTH + r"\.?,?\s+(\d{4})\b", re.I)
SEASON = re.compile(r"\b(?:by|in)\s+(spring|summer|autumn|winter)\s+(\d{4})\b", re.I)
SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}
NEXT_MEETING = re.compile(r"\bnext\s+(?:\w+\s+){0,3}(?:meeting|agenda)\b", re.I)
MONTH_AGENDA = re.compile(r"\b" + _MONTH + r"\s+(?:\w+\s+){0,2}(?:meeting|agenda)\b", re.I)
NEXT_DATE = re.compile(r"\bnext\s+(?:\w+\s+){0,4}meeting\b[^.\n]{0,80}?\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                       + r"\.?,?(?:\s+(\d{4}))?", re.I)


def next_meeting_date(text: str, meeting_date: Optional[str]) -> Optional[str]:
    """The next meeting's date where the paper prints it ("The next meeting ... on Tuesday 17th August")."""
    for m in NEXT_DATE.finditer(text):
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], m.group(3)
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
    m = FULL.search(text)
    if m:
        return iso_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = MONTH_YEAR.search(text)
    if m:
        y, mo = int(m.group(2)), MONTHS[m.group(1).lower()]
        return iso_date(y, mo, calendar.monthrange(y, mo)[1])
    m = SEASON.search(text)
    if m:
        y = int(m.group(2))
        mo, d = SEASON_END[m.group(1).lower()]
        return iso_date(y + (1 if mo == 2 else 0), mo, d)
    m = FULL_NOYEAR.search(text)
    if m and meeting_date:
        base = date.fromisoformat(meeting_date)
        mo = MONTHS[m.group(2).lower()]
        y = base.year + (1 if mo < base.month else 0)
        return iso_date(y, mo, int(m.group(1)))
    if next_meeting and (not meeting_date or next_meeting > meeting_date):
        if NEXT_MEETING.search(text):
            return next_meeting
        m = MONTH_AGENDA.search(text)
        if m and MONTHS[m.group(1).lower()] == int(next_meeting[5:7]):
            return next_meeting  # "on the March agenda", when the next meeting is in March
    return None
