"""List markers of numbered and lettered lists: "(i)", "1)", "a)", "(b)", "2.", "•".

Recommendations and resolutions are printed as lists; the record keeps each
entry's text without its marker. A marker is read together with its *style*
(roman in brackets, letter with a closing bracket, ...), because a list keeps
one style for its entries and uses another for their sub-points: splitting on
the first style seen keeps "(i) That the Panel: a) ... b) ..." as one entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")

# "(ii)", "(b)", "(3)", "ii)", "b)", "3)", "3.", "b.", "3.2", "•", "-"; then a space or a tab
_MARKER = re.compile(
    r"^\s*(?P<marker>"
    r"\((?P<p_both>[ivxlc]{1,6}|[a-z]|\d{1,2})\)"
    r"|(?P<p_right>[ivxlc]{1,6}|[a-z]|\d{1,2})\)"
    r"|(?P<decimal>\d{1,2}(?:\.\d{1,2})+)\.?"
    r"|(?P<dot>[ivxlc]{1,6}|[a-z]|\d{1,2})\."
    r"|(?P<bullet>[•\u25cf\u25aa\u25a0\u2022\u2023\u2043\u2219\uf0b7\uf0a7o\-–*])"
    r")(?=\s)\s*", re.I)


@dataclass(frozen=True)
class Marker:
    """A list marker at the start of a line."""

    text: str  # as printed: "(ii)"
    token: str  # the numeral alone: "ii"
    style: str  # "(r)", "r)", "r.", "(a)", "a)", "a.", "(1)", "1)", "1.", "1.1", "•"
    ordinal: Optional[int]  # 1-based position it claims (ii -> 2, b -> 2), None for bullets
    end: int  # characters to skip to reach the entry's text


def _ordinal(token: str, kind: str) -> tuple[str, Optional[int]]:
    """('r', 2) for 'ii', ('a', 2) for 'b', ('1', 3) for '3'; a single 'i'/'v'/'x' may be either."""
    if token.isdigit():
        return "1", int(token)
    low = token.lower()
    if len(low) == 1 and low not in "ivx":
        return "a", ord(low) - 96
    if _ROMAN.match(low):
        return "r", roman_value(low)
    if len(low) == 1:
        return "a", ord(low) - 96
    return "?", None


def roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values[a]
        total += -v if values.get(b, 0) > v else v
    return total


def read_marker(text: str) -> Optional[Marker]:
    """The list marker a line starts with, or None."""
    m = _MARKER.match(text)
    if not m:
        return None
    if m.group("bullet"):
        bullet = m.group("bullet")
        if bullet.lower() == "o" and not text.lstrip().startswith(("o ", "o\t")):
            return None
        return Marker(m.group("marker"), bullet, "•", None, m.end())
    if m.group("decimal"):
        return Marker(m.group("marker"), m.group("decimal"), "1.1", None, m.end())
    for kind, shape in (("p_both", "({})"), ("p_right", "{})"), ("dot", "{}.")):
        token = m.group(kind)
        if token:
            base, ordinal = _ordinal(token, kind)
            if base == "?":
                return None
            return Marker(m.group("marker"), token, shape.format(base), ordinal, m.end())
    return None


_SWAP = {"(r)": "(a)", "r)": "a)", "r.": "a."}


def letter_value(marker: Marker) -> Optional[int]:
    """'i' read as the ninth letter (a list that has reached 'h' goes on with 'i')."""
    token = marker.token.lower()
    return ord(token) - 96 if len(token) == 1 and token.isalpha() else None


def same_list(first: Marker, other: Marker, expected: Optional[int] = None) -> bool:
    """Does ``other`` continue the list that ``first`` opened? ("(i)" then "(ii)"; "a)" then "b)").

    "(i)" is roman in a list that opened with "(i)" and the ninth letter in a list
    that opened with "(a)": only the letter that comes next (``expected``) may cross.
    """
    if first.style == other.style:
        return True
    if _SWAP.get(other.style) == first.style or _SWAP.get(first.style) == other.style:
        return expected is not None and letter_value(other) == expected
    return False


def position(first: Marker, other: Marker) -> Optional[int]:
    """``other``'s place in the list ``first`` opened (letters count as letters in a lettered list)."""
    if first.style in _SWAP.values():
        return letter_value(other) or other.ordinal
    return other.ordinal


_INLINE = {
    "a)": r"(?<![\w(])(?P<m>[a-z])\)\s",
    "(a)": r"(?<![\w(])\((?P<m>[a-z])\)\s",
    "1)": r"(?<![\w(.])(?P<m>\d{1,2})\)\s",
    "(1)": r"(?<![\w(])\((?P<m>\d{1,2})\)\s",
    "(r)": r"(?<![\w(])\((?P<m>[ivx]{1,5})\)\s",
    "r)": r"(?<![\w(])(?P<m>[ivx]{1,5})\)\s",
}


def split_inline(text: str) -> list[str]:
    """Split "approve a) the budget, b) the precept" at markers printed in sequence on one line.

    The markers must run a, b, c... (or 1, 2, 3 / i, ii, iii) from the first one,
    so "section 3(a)" or a lone "b)" in a sentence never splits anything. The text
    before the first marker (the lead-in) comes back first, possibly empty.
    """
    for style, pattern in _INLINE.items():
        hits = list(re.finditer(pattern, text))
        if len(hits) < 2:
            continue
        chosen = []
        want = 1
        for hit in hits:
            token = hit.group("m").lower()
            value = int(token) if token.isdigit() else (roman_value(token) if style in ("(r)", "r)") else ord(token) - 96)
            if value == want:
                chosen.append(hit)
                want += 1
        if len(chosen) < 2:
            continue
        pieces = [text[: chosen[0].start()]]
        for hit, nxt in zip(chosen, chosen[1:] + [None]):
            pieces.append(text[hit.end(): nxt.start() if nxt else len(text)])
        return [p.strip() for p in pieces]
    return [text.strip()]


__all__ = ["Marker", "read_marker", "same_list", "position", "letter_value", "split_inline", "roman_value"]
