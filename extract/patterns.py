"""Find, load and check the pattern files a user edits (``patterns/``), data not code.

Installed from a wheel the files live in ``extract/patterns``; in a source
checkout (or an editable install) they live in the repository's top-level
``patterns/``. ``COUNCIL_EXTRACT_PATTERNS`` points elsewhere, so a user can keep
their council's additions outside the package.

Every file is read through one loader and checked, on first load, against its
declared shape (``extract/pattern_schema.py``): a misspelt or missing key, a
value of the wrong type or a regular expression that does not compile is a
``PatternFileError`` naming the file, the key (and the line, in a JSONL file or
a word list). Keys left out that have a default come back filled in, and
vocabulary ``{slot}`` references come back expanded, so code reading a file
repeats neither. A copy kept with ``COUNCIL_EXTRACT_PATTERNS`` that is older than
the code is told so, with the command that brings it up to date
(``council-extract patterns update``, ``extract/pattern_update.py``).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from .pattern_schema import FILES, RENAMED_FILES, RENAMED_KEYS, SLOT, At, PatternFileError, gone_keys

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir() -> Path:
    """The folder of the pattern files that came with this version (whatever ``COUNCIL_EXTRACT_PATTERNS`` says)."""
    for candidate in (_PACKAGE / "patterns", _PACKAGE.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("pattern files not found: reinstall council-extract or set COUNCIL_EXTRACT_PATTERNS")


def patterns_dir() -> Path:
    """The folder holding the pattern files."""
    override = os.environ.get("COUNCIL_EXTRACT_PATTERNS")
    return Path(override) if override else shipped_dir()


def pattern_path(name: str) -> Path:
    return patterns_dir() / name


def update_hint(folder: Path) -> str:
    """What to do about a file or key an older copy of the patterns lacks."""
    try:
        shipped = shipped_dir().resolve()
    except FileNotFoundError:
        shipped = None
    if folder.resolve() == shipped:
        return "restore it from a fresh install of council-extract"
    return (f"this patterns folder is older than council-extract: run `council-extract patterns update {folder}` "
            f"to bring it up to date with the shipped files (your additions are kept)")


# --- reading one file --------------------------------------------------------------------------------------

def _expander(words: Callable[[], dict[str, tuple[str, ...]]]) -> Callable[[str, tuple[str, ...], At], str]:
    """Replaces each vocabulary ``{slot}`` of a regex by ``(?:word|word|...)`` (``words``: the vocabulary);
    the key's ``placeholders`` are left for the code that reads it."""

    def expand(regex: str, placeholders: tuple[str, ...], at: At) -> str:
        def replace(m: re.Match[str]) -> str:
            if m.group(1) in placeholders:
                return m.group(0)
            alternatives = words().get(m.group(1))
            if alternatives is None:
                known = ", ".join(sorted(words())) + "".join(f", {{{p}}}" for p in placeholders)
                raise at.error(f"unknown vocabulary slot {{{m.group(1)}}}; one of {known}")
            return "(?:" + "|".join(alternatives) + ")"

        return SLOT.sub(replace, regex)

    return expand


def _records(path: Path, form: str) -> list[tuple[int, str]]:
    """(line number, text) of the non-blank, non-comment lines of a JSONL file or a word list."""
    comment = "//" if form == "jsonl" else "#"
    with open(path, encoding="utf-8") as fh:
        return [(n, s) for n, s in ((n, line.strip()) for n, line in enumerate(fh, 1)) if s and not s.startswith(comment)]


def read_pattern_file(path: str | Path, name: str,
                      slots: Optional[Callable[[], dict[str, tuple[str, ...]]]] = None) -> Any:
    """The content of the file at ``path``, checked as the pattern file ``name`` (defaults filled in, slots
    expanded): a dict (JSON, TOML), a tuple of records (JSONL) or of words (word list). ``slots``: the
    vocabulary to expand with (default: the patterns folder's)."""
    path = Path(path)
    spec = FILES.get(name)
    if spec is None:
        raise PatternFileError(f"{path}: not a pattern file council-extract reads (it reads {', '.join(sorted(FILES))})")
    if not path.is_file():
        old = next((o for o, n in RENAMED_FILES.items() if n == name and (path.parent / o).is_file()), None)
        reason = f"renamed from {old}" if old else "missing"
        raise PatternFileError(f"{path}: {reason}; {update_hint(path.parent)}")
    at = At(str(path), hint=update_hint(path.parent), renamed=RENAMED_KEYS.get(name, {}),
            expand=_expander(slots or vocabulary), retired=gone_keys(name))
    try:
        if spec.form == "json":
            with open(path, encoding="utf-8") as fh:
                try:
                    raw = json.load(fh)
                except json.JSONDecodeError as exc:
                    raise PatternFileError(f"{path} line {exc.lineno}: not JSON ({exc.msg})") from None
            return spec.shape.check(raw, at)
        if spec.form == "toml":
            with open(path, "rb") as fh:
                try:
                    raw = tomllib.load(fh)
                except tomllib.TOMLDecodeError as exc:
                    raise PatternFileError(f"{path}: not TOML ({exc})") from None
            return spec.shape.check(raw, at)
        rows = []
        for number, text in _records(path, spec.form):
            line_at = At(at.path, line=number, expand=at.expand)  # records are the user's: nothing to update
            if spec.form == "jsonl":
                try:
                    text = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise line_at.error(f"not JSON ({exc.msg})") from None
            rows.append(spec.shape.check(text, line_at))
        return tuple(rows)
    except UnicodeDecodeError as exc:
        raise PatternFileError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise PatternFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None


# --- the loaders the code calls (each file read and checked once per process) ------------------------------

@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A JSON pattern file, checked, defaults filled in and vocabulary slots expanded."""
    return read_pattern_file(pattern_path(name), name)


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """Records of a ``.jsonl`` file; blank lines and lines starting with ``//`` are skipped."""
    rows: tuple[dict[str, Any], ...] = read_pattern_file(pattern_path(name), name)
    return rows


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-blank lines of a word list; ``#`` starts a comment line."""
    words: tuple[str, ...] = read_pattern_file(pattern_path(name), name)
    return words


def load_toml(name: str) -> dict[str, Any]:
    """A TOML pattern file (read each time: it names what to fetch, which a user may change between runs)."""
    data: dict[str, Any] = read_pattern_file(pattern_path(name), name)
    return data


def clear_caches() -> None:
    """Forget every file read, so the next load reads the folder ``COUNCIL_EXTRACT_PATTERNS`` names now."""
    for cached in (load_json, load_jsonl, load_lines, vocabulary):
        cached.cache_clear()


def check_folder(folder: str | Path) -> list[str]:
    """Every problem of the pattern files in ``folder``, one line each (none: the folder is usable)."""
    folder = Path(folder)
    problems = []
    try:
        words = {k: tuple(v) for k, v in read_pattern_file(folder / "vocabulary.json", "vocabulary.json").items()
                 if not k.startswith("_")}
    except PatternFileError as exc:
        problems.append(str(exc))
        words = {}
    for name in FILES:
        if name == "vocabulary.json":
            continue
        try:
            read_pattern_file(folder / name, name, slots=lambda: words)
        except PatternFileError as exc:
            if not (problems and not words and "unknown vocabulary slot" in str(exc)):
                problems.append(str(exc))
    return problems


# --- the shared vocabulary ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[str, ...]]:
    """The shared words of ``vocabulary.json``, slot -> alternatives (each a regex fragment)."""
    return {slot: tuple(words) for slot, words in load_json("vocabulary.json").items() if not slot.startswith("_")}


def expand_slots(regex: str, where: str) -> str:
    """``regex`` with each ``{slot}`` replaced by the vocabulary's alternatives; ``where`` names file and key."""
    path, _, key = where.partition(": ")
    return _expander(vocabulary)(regex, (), At(path, key))


def compile_pattern(regex: str, where: str, flags: int = re.I) -> re.Pattern[str]:
    """Compile a user's regular expression (slots expanded); a bad one is an error naming ``where``."""
    try:
        return re.compile(expand_slots(regex, where), flags)
    except re.error as exc:
        raise PatternFileError(f"{where}: {regex!r} does not compile ({exc})") from exc


__all__ = ["PatternFileError", "check_folder", "clear_caches", "compile_pattern", "expand_slots", "load_json",
           "load_jsonl", "load_lines", "load_toml", "pattern_path", "patterns_dir", "read_pattern_file", "shipped_dir",
           "update_hint", "vocabulary"]
