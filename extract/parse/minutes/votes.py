"""Recorded votes: counts ("For: 52, Against: 3, Abstain: 1", "carried by 7
votes to 2"), named For/Against/Abstain lists (counted), and the outcome
(carried / lost). "CARRIED unanimously" is a vote with no counts, per FORMAT.md.
Wordings are data (``patterns/decisions.json``).
"""

from __future__ import annotations

import re
from typing import Optional

from ...patterns import load_json
from ..text.pattern_rules import pattern_rules
from ...record import Vote
from .names import split_names


@pattern_rules("decisions.json")
def _rules() -> dict:
    p = load_json("decisions.json")
    named = p["named"]
    all_labels = "|".join(sorted((lab for labs in named.values() for lab in labs), key=len, reverse=True))
    return {
        "counts": [re.compile(rx, re.I) for rx in p["counts"]],
        "carried": re.compile(r"\b(?:" + "|".join(p["outcomes"]["carried"]) + r")\b", re.I),
        "lost": re.compile(r"\b(?:" + "|".join(p["outcomes"]["lost"]) + r")\b", re.I),
        "stated": re.compile(p["stated_outcome"], re.I),
        "unanimous": [re.compile(rx, re.I) for rx in p["unanimous"]],
        "named": {k: re.compile(r"(?:^|[\s.;])(?:" + "|".join(v) + r")\s*(?:\(\s*\d+\s*\))?\s*:[ \t]*(?P<names>[^\n]+?)(?=(?:\s(?:"
                                + all_labels + r")\s*(?:\(\s*\d+\s*\))?\s*:)|\n|$)", re.I)
                  for k, v in named.items()},
    }


def lost_outcome(text: str) -> bool:
    """Does ``text`` word a lost outcome ("Defeated", "Motion fails")? The words are ``outcomes.lost``."""
    return bool(_rules()["lost"].search(text))


def find_vote(text: str, decided: bool = False) -> Optional[Vote]:
    """The vote recorded in ``text``, or None. ``decided``: the text is a decision, so a count with no outcome word carried."""
    rules = _rules()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)  # newlines kept: a named list ends with its line
    vote = Vote()
    found = False
    for rx in rules["counts"]:
        m = rx.search(text)
        if m:
            gd = m.groupdict()
            vote.for_ = int(gd["for"]) if gd.get("for") else None
            vote.against = int(gd["against"]) if gd.get("against") else None
            vote.abstain = int(gd["abstain"]) if gd.get("abstain") else None
            found = True
            break
    if not found:
        names: dict[str, list[str]] = {}
        for key, rx in rules["named"].items():
            m = rx.search(text)
            if m:
                people, officers = split_names(re.split(r"(?<=[a-z])\.\s", m.group("names"))[0])
                names[key] = people + officers
        if "for" in names and ("against" in names or "abstain" in names):
            vote.names = names
            vote.for_ = len(names.get("for", []))
            vote.against = len(names.get("against", []))
            vote.abstain = len(names["abstain"]) if "abstain" in names else None
            found = True
    if any(rx.search(text) for rx in rules["unanimous"]):
        vote.outcome = "carried"
        return vote
    if found:
        if rules["lost"].search(text):
            vote.outcome = "lost"
        elif decided or rules["carried"].search(text):
            vote.outcome = "carried"
        return vote
    # no counts: an outcome stated on its own ("the amendment was LOST", "CARRIED")
    stated = rules["stated"].search(text)
    if stated:
        word = (stated.group("o") or stated.group("alone")).lower()
        return Vote(outcome="carried" if rules["carried"].fullmatch(word) else "lost")
    return None
