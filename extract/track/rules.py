"""Which decisions ask someone for something, and how a later paper answers them: rules as data.

The wordings live in ``patterns/tracker.json`` so a scrutiny team can add its
own ("the Executive is invited to…") without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import load_json

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@dataclass(frozen=True)
class TrackerRules:
    procedural: tuple[re.Pattern[str], ...]
    request: tuple[re.Pattern[str], ...]
    answer_cues: tuple[re.Pattern[str], ...]
    open_cues: tuple[re.Pattern[str], ...]
    revisit_cues: tuple[re.Pattern[str], ...]
    monitoring_titles: tuple[re.Pattern[str], ...]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> TrackerRules:
    spec = load_json("tracker.json")

    def compiled(name: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in spec[name])

    return TrackerRules(compiled("procedural"), compiled("request"), compiled("answer_cues"), compiled("open_cues"),
                        compiled("revisit_cues"), compiled("monitoring_titles"),
                        frozenset(w.lower() for w in spec["stopwords"]))


def _clean(text: str) -> str:
    return " ".join((text or "").split()).strip()


def is_procedural(text: str) -> bool:
    t = _clean(text)
    return any(p.search(t) for p in rules().procedural)


def is_request(text: str) -> bool:
    """A decision that asks someone to act (and is not procedural)."""
    t = _clean(text)
    return bool(t) and not is_procedural(t) and any(p.search(t) for p in rules().request)


def _first_cue(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    """The words of the first of ``patterns`` found in ``text``, or None."""
    for pattern in patterns:
        m = pattern.search(text or "")
        if m:
            return m.group(0)
    return None


def open_cue(text: str) -> str | None:
    """A later paper saying the request is still not met ("had not yet been provided")."""
    return _first_cue(rules().open_cues, text)


def answer_cue(text: str) -> str | None:
    return None if open_cue(text) else _first_cue(rules().answer_cues, text)


def revisit_cue(text: str) -> str | None:
    return _first_cue(rules().revisit_cues, text)


def is_monitoring_item(title: str) -> bool:
    return any(p.search(title or "") for p in rules().monitoring_titles)


def content_words(text: str) -> list[str]:
    """Lower-case words that carry meaning (no stopwords, plural -s folded)."""
    stop = rules().stopwords
    out = []
    for word in _WORD.findall((text or "").lower()):
        if word in stop or len(word) < 3 and not word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out
