"""Find and load the pattern files a user edits (``patterns/``), data not code.

Installed from a wheel the files live in ``extract/patterns``; in a source
checkout (or an editable install) they live in the repository's top-level
``patterns/``. ``COUNCIL_EXTRACT_PATTERNS`` points elsewhere, so a user can keep
their council's additions outside the package.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def patterns_dir() -> Path:
    """The folder holding the pattern files."""
    override = os.environ.get("COUNCIL_EXTRACT_PATTERNS")
    if override:
        return Path(override)
    for candidate in (_PACKAGE / "patterns", _PACKAGE.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("pattern files not found: reinstall council-extract or set COUNCIL_EXTRACT_PATTERNS")


def pattern_path(name: str) -> Path:
    return patterns_dir() / name


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """Records of a ``.jsonl`` file; blank lines and lines starting with ``//`` are skipped."""
    rows = []
    with open(pattern_path(name), encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{pattern_path(name)} line {number}: not JSON ({exc.msg})") from exc
    return tuple(rows)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-blank lines of a word list; ``#`` starts a comment line."""
    with open(pattern_path(name), encoding="utf-8") as fh:
        return tuple(s for s in (line.strip() for line in fh) if s and not s.startswith("#"))


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    with open(pattern_path(name), encoding="utf-8") as fh:
        return json.load(fh)


class PatternFileError(ValueError):
    """A pattern file that cannot be used: the message names the file, the key and what is wrong."""


_SLOT = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[str, ...]]:
    """The shared words of ``vocabulary.json``, slot -> alternatives (each a regex fragment)."""
    raw = load_json("vocabulary.json")
    out: dict[str, tuple[str, ...]] = {}
    for slot, words in raw.items():
        if slot.startswith("_"):
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise PatternFileError(f"{pattern_path('vocabulary.json')}: slot {slot!r} must be a list of non-empty strings")
        for word in words:
            try:
                re.compile(word)
            except re.error as exc:
                raise PatternFileError(f"{pattern_path('vocabulary.json')}: slot {slot!r}: {word!r} does not compile "
                                       f"({exc})") from exc
        out[slot] = tuple(words)
    return out


def expand_slots(regex: str, where: str) -> str:
    """``regex`` with each ``{slot}`` replaced by the vocabulary's alternatives; ``where`` names file and key."""

    def replace(m: re.Match[str]) -> str:
        words = vocabulary().get(m.group(1))
        if words is None:
            raise PatternFileError(f"{where}: unknown vocabulary slot {{{m.group(1)}}}; "
                                   f"one of {', '.join(sorted(vocabulary()))}")
        return "(?:" + "|".join(words) + ")"

    return _SLOT.sub(replace, regex)


def compile_pattern(regex: str, where: str, flags: int = re.I) -> re.Pattern[str]:
    """Compile a user's regular expression (slots expanded); a bad one is an error naming ``where``."""
    try:
        return re.compile(expand_slots(regex, where), flags)
    except re.error as exc:
        raise PatternFileError(f"{where}: {regex!r} does not compile ({exc})") from exc
