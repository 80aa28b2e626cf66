"""A full date in a file's name: the last resort for dating a paper that prints no meeting date.

Councils' publishing systems and the people who save papers name files after
the meeting ("Minutes-2024-03-05.pdf", "2024_03_05_agenda.pdf",
"Cabinet 5 March 2024.pdf"), and an appendix or a budget table often prints no
date at all. A name is weaker evidence than the page, so only what cannot be
misread counts: a year-first numeric date (2024-03-05, 2024_03_05, 20240305)
or a date with its month named (5 March 2024, March-5-2024). A bare year or
month ("2020-01", "2016-17"), a two-digit year and a day-month-year or
month-day-year in figures ("05-03-2024": 5 March or 3 May?) are not read, and
a name holding two different dates gives none.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Optional

from .dates import find_dates, iso_date

# year first, one separator used throughout or none: 2024-03-05, 2024_03_05, 2024.03.05, 20240305
_YEAR_FIRST = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<sep>[-_.]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?!\d)")
_SEPARATORS = re.compile(r"[_.\-+]+")


def date_from_file_name(name: str) -> Optional[str]:
    """The one full date a file name holds, as ISO 8601, or None (none, only part of one, or two)."""
    stem = PurePath(name).name
    stem = stem[: stem.rfind(".")] if "." in stem else stem
    found: set[str] = set()
    for m in _YEAR_FIRST.finditer(stem):
        iso = iso_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if iso:
            found.add(iso)
    for d in find_dates(_SEPARATORS.sub(" ", stem)):
        if any(c.isalpha() for c in d.text):  # the month named: not a day/month order to guess
            found.add(d.iso)
    return found.pop() if len(found) == 1 else None


__all__ = ["date_from_file_name"]
