"""Dates whose day is written in words, as resolutions and ordinances date their adoption.

"PASSED AND ADOPTED THIS TWENTY-THIRD DAY OF JANUARY, A.D., 2024", "given this
first day of March in the year 2023": the form of US resolutions and
ordinances and of UK deeds and orders. The ordinal words are the vocabulary's
``{day_ordinals}`` slot (first .. thirty-first, in order) and the months its
``{months}``, so a council's own spelling is added in ``patterns/``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...patterns import vocabulary

if TYPE_CHECKING:
    from .dates import DateMatch


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
    words = vocabulary()
    ordinals = list(words.get("day_ordinals", ()))
    months = "|".join(words.get("months", ()))
    pattern = re.compile(
        r"\b(?P<day>" + "|".join(f"(?:{o})" for o in ordinals) + r")\s+day\s+of\s+(?P<month>" + months
        + r")\b\.?,?\s+(?:in\s+the\s+year\s+)?(?:A\.?\s?D\.?,?\s+)?(?P<year>(?:19|20)\d{2})\b",
        re.I)
    return pattern, [re.compile(o, re.I) for o in ordinals]


def worded_dates(text: str) -> list["DateMatch"]:
    """Every date in ``text`` with its day in words ("twenty-third day of January, 2024" -> 2024-01-23)."""
    from .dates import DateMatch, iso_date, month_number

    pattern, ordinals = _rules()
    out = []
    for m in pattern.finditer(text):
        day = next((n for n, o in enumerate(ordinals, 1) if o.fullmatch(m.group("day"))), None)
        month = month_number(m.group("month"))
        iso = iso_date(int(m.group("year")), month, day) if day and month else None
        if iso:
            out.append(DateMatch(m.start(), m.end(), m.group(0).strip(), iso))
    return out


__all__ = ["worded_dates"]
