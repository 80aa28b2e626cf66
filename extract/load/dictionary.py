"""Which tokens are words: the dictionary behind garbled-text and OCR-quality checks.

The English word list comes from pyspellchecker's frequency list (a well-kept
package; read here as plain data, the spell checker itself is not used), plus
council vocabulary a user can extend in ``patterns/council_words.txt``
(abbreviations such as Cllr, KPI, SEND, place names) and the words of the other
languages councils print beside English (``patterns/language_words.txt``: Welsh,
Gaelic, Irish), so a page in Welsh is text, not a garbled layer to OCR in
English. No system file is read.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

from ..patterns import load_lines

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """Lower-case English words, council vocabulary and the other languages' words."""
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    english = json.loads(gzip.decompress(data))
    council = {w.lower() for w in load_lines("council_words.txt")}
    languages = {w.lower() for w in load_lines("language_words.txt")}
    return frozenset(english) | council | languages


def dictionary_share(text: str) -> float:
    """Share of alphabetic tokens (two letters or more) found in the dictionary; 1.0 where there are none."""
    vocabulary = words()
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(text) if len(t) > 1]
    if not tokens:
        return 1.0
    known = sum(1 for t in tokens if t in vocabulary or t.strip("'") in vocabulary
                or all(part in vocabulary for part in t.split("-") if part))
    return known / len(tokens)
