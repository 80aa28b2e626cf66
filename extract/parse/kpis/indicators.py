"""Canonical indicator keys, so one indicator forms one series across reports and months.

The same indicator is printed differently from one report to the next: wrapped
("re- referrals"), hyphenated ("re-referrals"), with a typo, in other case.
``indicator_key`` folds those away (case, dashes, spacing, punctuation) and then
joins labels whose folded forms are near-identical by rapidfuzz ``ratio`` at or
above a threshold. Labels that differ in a number ("within 12 months" vs "within
6 months") never merge, whatever the threshold: a different number is a
different indicator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Union

from ...record import Kpi

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201b\u2032`"}


@dataclass
class IndicatorSettings:
    """How labels are joined into one indicator. ``threshold``: rapidfuzz ratio (0-100) at or above which two
    folded labels are the same indicator; 100 joins only identical folded labels."""

    threshold: float = 92.0

    def __post_init__(self) -> None:
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, float)):
            raise ValueError(f"threshold must be a number from 50 to 100, not {self.threshold!r}")
        if not 50.0 <= float(self.threshold) <= 100.0:
            raise ValueError(f"threshold must be from 50 to 100 (a rapidfuzz ratio), not {self.threshold}; "
                             "lower values would join different indicators")
        self.threshold = float(self.threshold)

    @classmethod
    def resolve(cls, settings: Union[None, dict[str, Any], "IndicatorSettings"] = None) -> "IndicatorSettings":
        """Settings from None (defaults), a dict of fields, or an instance (as pdfplumber's ``TableSettings``)."""
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, dict):
            unknown = set(settings) - {"threshold"}
            if unknown:
                raise ValueError(f"unknown indicator setting(s): {', '.join(sorted(unknown))}; known: threshold")
            return cls(**settings)
        raise TypeError(f"indicator settings must be None, a dict or IndicatorSettings, not {type(settings).__name__}")


def fold(text: str) -> str:
    """Case, dashes, quotes, spacing and punctuation folded away; "re- referrals" == "re-referrals"."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DASHES).translate(_QUOTES).lower()
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)  # a hyphen left by wrapping
    text = text.replace("-", "")
    text = re.sub(r"[^\w%&/ ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9%]+", "-", fold(text)).strip("-")[:120]


def same_indicator(a: str, b: str, settings: Optional[IndicatorSettings] = None) -> bool:
    """Whether two printed labels name the same indicator."""
    from rapidfuzz import fuzz

    s = IndicatorSettings.resolve(settings)
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if _numbers(fa) != _numbers(fb):
        return False
    return fuzz.ratio(fa, fb) >= s.threshold


class IndicatorIndex:
    """Known indicators and their keys; a new label takes the key of a known one it matches."""

    def __init__(self, settings: Optional[IndicatorSettings] = None) -> None:
        self.settings = IndicatorSettings.resolve(settings)
        self._labels: list[tuple[str, str]] = []  # (folded label, key)
        self._exact: dict[str, str] = {}

    def key(self, label: str) -> str:
        folded = fold(label)
        if folded in self._exact:
            return self._exact[folded]
        from rapidfuzz import fuzz, process

        found = None
        if self._labels:
            best = process.extractOne(folded, [f for f, _ in self._labels], scorer=fuzz.ratio,
                                      score_cutoff=self.settings.threshold)
            if best and _numbers(best[0]) == _numbers(folded):
                found = self._labels[best[2]][1]
        key = found or slug(label)
        self._exact[folded] = key
        self._labels.append((folded, key))
        return key


def assign_keys(records: Iterable[Kpi], settings: Optional[IndicatorSettings] = None,
                index: Optional[IndicatorIndex] = None) -> IndicatorIndex:
    """Set ``indicator_key`` on each record; pass ``index`` to share keys across documents. A row of a breakdown
    table ("Integrated Children's Services" under "Number of phone calls") is keyed by the measure and the row:
    the same service in a table of complaints is another series."""
    index = index or IndicatorIndex(settings)
    for rec in records:
        breakdown = getattr(rec, "breakdown", None)
        # the measure and the row matched each on its own: a long shared measure name must not make
        # "Transport Services" and "Other Services" one series
        rec.indicator_key = f"{index.key(breakdown)}--{index.key(rec.indicator)}" if breakdown else index.key(rec.indicator)
    return index
