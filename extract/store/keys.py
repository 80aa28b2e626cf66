"""Stable natural keys for stored rows.

Real archives repeat themselves: the same minutes arrive alone, then inside the
next agenda pack, draft then approved. A row's identity therefore comes from
what it *is* (council, body, date, item number, normalised text), never from an
autoincrement counter, so re-ingesting any copy finds the same row and anything
a user attached to that key (tracker status, notes) survives.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any, Optional

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
                         "\u201e": '"', "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " "})
_TRAILING = " .,;:!"
KEY_LENGTH = 20  # hex characters of sha1 kept: 80 bits, no collision in any archive we will see


def norm(value: Any) -> str:
    """Fold what differs between copies of one text: case, whitespace, quotes, dashes, trailing punctuation."""
    if value is None:
        return ""
    text = " ".join(unicodedata.normalize("NFKC", str(value)).translate(_QUOTES).split()).casefold()
    return text.rstrip(_TRAILING)


def make_key(*parts: Any) -> str:
    """A short stable hash of the normalised parts (``None`` and ``""`` are the same)."""
    joined = "|".join(norm(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def context(council: Optional[str], body: Optional[str], date: Optional[str], sha256: str) -> tuple[str, ...]:
    """Where a row belongs: council, body and date. Rows of two papers are the same only when all three are
    known and equal; without one of them (a council or committee not recognised, no date) a row is only the
    same within one file, since two town councils' papers of one date are not one meeting."""
    body_key = norm(body)
    if body_key.startswith("the "):  # "The Cabinet" and "Cabinet" are one body
        body_key = body_key[4:]
    if date and body_key and norm(council):
        return (norm(council), body_key, date)
    return (norm(council), body_key, "sha:" + sha256)
