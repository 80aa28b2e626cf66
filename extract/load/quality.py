"""Is a page's text real? Tells scans (no text layer) and garbled layers from good text.

A font with a broken ToUnicode map extracts as control characters and symbol
soup; a scan has images and no characters. Both are judged page by page, so a
document with one bad page still parses (with a warning) and OCR can target
only the pages that need it. A blank page is blank, not a scan. Three signals: control and private-use
characters, tokens that do not look like words, and (where there are enough
letters) the share of dictionary words, which catches a character map that
shifts letters into other letters; a ToUnicode map being present proves nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import dictionary_share
from .model import Page

MIN_CHARS = 25  # fewer non-space characters than this: no usable text layer
MIN_WORDLIKE = 0.45  # share of tokens that look like words, below which text is garbled
MAX_ODD = 0.08  # share of control / private-use characters above which text is garbled
MIN_DICTIONARY = 0.5  # share of dictionary words below which text is garbled (a shifted character map)
MIN_TOKENS_FOR_DICTIONARY = 20  # judge by the dictionary only with this many alphabetic tokens

_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"^[(\"'‘“]*[A-Za-z][A-Za-z]*(?:[-'’][A-Za-z]+)*[)\"'’”.,;:!?]*$|^[(£$€]?\d[\d,.]*%?[)]?[.,;:]?$")
_ALPHA = re.compile(r"[A-Za-z]{2,}")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")


@dataclass
class PageQuality:
    status: str  # good | blank | no_text | garbled
    chars: int
    wordlike: float
    odd: float
    dictionary: float = 1.0


_ODD = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def _odd_share(text: str) -> float:
    """Share of control, private-use and replacement characters: a broken font map's signature."""
    if not text:
        return 0.0
    return len(_ODD.findall(text)) / len(text)


def wordlike_share(text: str) -> float:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return 0.0
    good = sum(1 for t in tokens if _WORD.match(t) and (not t[0].isalpha() or len(t) < 4 or _VOWEL.search(t)))
    return good / len(tokens)


def judge_text(text: str, has_images: bool = False) -> PageQuality:
    chars = len(text) - sum(map(str.isspace, text))  # non-space characters, counted in C
    if chars < MIN_CHARS:
        return PageQuality("no_text" if has_images else "blank", chars, 0.0, 0.0)
    odd = _odd_share(text)
    share = wordlike_share(text)
    status = "garbled" if odd > MAX_ODD or share < MIN_WORDLIKE else "good"
    dictionary = 1.0
    if status == "good" and len(_ALPHA.findall(text)) >= MIN_TOKENS_FOR_DICTIONARY:
        dictionary = dictionary_share(text)
        if dictionary < MIN_DICTIONARY:
            status = "garbled"
    return PageQuality(status, chars, round(share, 3), round(odd, 3), round(dictionary, 3))


def judge(page: Page) -> PageQuality:
    return judge_text(page.text, page.has_images)
