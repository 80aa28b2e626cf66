"""Cue words for the layout reader, from ``patterns/layout.json`` (data a user extends)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...patterns import load_json


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """Each cue's name and regular expressions (checked by the loader against the file's schema)."""
    return tuple((name, tuple(re.compile(rx, re.I) for rx in regexes))
                 for name, regexes in load_json("layout.json")["cues"].items() if not name.startswith("_"))


@lru_cache(maxsize=1)
def _initials_tail() -> re.Pattern[str]:
    return re.compile(load_json("layout.json")["initials_tail"], re.I)


def has_initials_tail(text: str) -> bool:
    """Does the line end, after a wide gap, in capital initials or a role ("... RB", "... Clerk")?"""
    return bool(_initials_tail().search(text))


def cue_words(text: str) -> list[str]:
    """The names of the cues that fire on ``text``."""
    return [name for name, regexes in _cues() if any(rx.search(text) for rx in regexes)]
