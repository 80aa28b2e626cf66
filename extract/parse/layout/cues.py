"""Cue words for the layout reader, from ``patterns/layout.json`` (data a user extends)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...patterns import PatternFileError, compile_pattern, load_json, pattern_path


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    raw = load_json("layout.json")
    unknown = set(raw) - {"_comment", "cues"}
    if unknown or not isinstance(raw.get("cues"), dict):
        raise PatternFileError(f"{pattern_path('layout.json')}: expected keys 'cues' (and '_comment'), "
                               f"found {', '.join(sorted(raw))}")
    out: list[tuple[str, tuple[re.Pattern[str], ...]]] = []
    for name, regexes in raw["cues"].items():
        if not isinstance(regexes, list) or not regexes:
            raise PatternFileError(f"{pattern_path('layout.json')}: cues.{name} must be a non-empty list of regexes")
        out.append((name, tuple(compile_pattern(rx, f"{pattern_path('layout.json')}: cues.{name}") for rx in regexes)))
    return tuple(out)


def cue_words(text: str) -> list[str]:
    """The names of the cues that fire on ``text``."""
    return [name for name, regexes in _cues() if any(rx.search(text) for rx in regexes)]
