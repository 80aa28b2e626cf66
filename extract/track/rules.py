"""Which decisions ask someone for something, and how a later paper answers them.

Whether a decision asks someone to act is the NLP layer's sentence classifier's call
(``extract/nlp/classify.py``, the same answer the actions list got); the wordings that rule a
decision out (``procedural``) and those that say a later paper answered, re-asked or left a
request open live in ``patterns/tracker.json`` so a scrutiny team can add its own without
touching code.
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
    answer_cues: tuple[re.Pattern[str], ...]
    open_cues: tuple[re.Pattern[str], ...]
    revisit_cues: tuple[re.Pattern[str], ...]
    monitoring_titles: tuple[re.Pattern[str], ...]
    owed_cues: tuple[re.Pattern[str], ...]
    decided: tuple[re.Pattern[str], ...]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> TrackerRules:
    spec = load_json("tracker.json")

    def compiled(name: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in spec[name])

    return TrackerRules(compiled("procedural"), compiled("answer_cues"), compiled("open_cues"),
                        compiled("revisit_cues"), compiled("monitoring_titles"), compiled("owed_cues"), compiled("decided"),
                        frozenset(w.lower() for w in spec["stopwords"]))


def _clean(text: str) -> str:
    return " ".join((text or "").split()).strip()


def is_procedural(text: str) -> bool:
    t = _clean(text)
    return any(p.search(t) for p in rules().procedural)


def is_request(text: str, source: str = "resolution") -> bool:
    """A decision (``source``: resolution or recommendation) that asks someone to act, as the classifier says."""
    from ..nlp.classify import classify_text

    t = _clean(text)
    if not t or is_procedural(t) or any(p.search(t) for p in rules().decided):
        return False  # procedure, or a decision taken there and then: nobody owes an answer
    return classify_text(t, source).is_request


def is_owed(text: str, owner: str | None, council: str | None = None, source: str = "commitment") -> bool:
    """An action found in a meeting's text that someone named owes: "the Clerk will write", "Cllr Hunt to
    obtain estimates", a row of an action list (``source`` next_steps). Reports of ongoing work ("the team
    are working on ..."), sentences naming nobody and the council speaking of itself ("we continue to
    monitor") are narrative, not items a manager chases."""
    who = _clean(owner or "").lower()
    if not who or who in {"we", "us", "i", "you"} or council and who.removeprefix("the ") == council.lower():
        return False
    if source == "next_steps":
        return True
    t = _clean(text)
    lead = t.lower().find(who)
    if 0 <= lead <= 4 and re.match(r"\s+(?:also\s+|is\s+|are\s+)?to\s+(?!be\b)[a-z]", t[lead + len(who):], re.I):
        return True  # "Clerk to write", "Cllrs Evans & Richards to meet"
    return any(p.search(t) for p in rules().owed_cues)


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
