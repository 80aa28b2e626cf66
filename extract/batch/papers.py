"""What counts as a paper when a folder is ingested.

A papers folder often holds more than papers: a README saying where they came from, a
SOURCES list, a licence. Those are the project's notes, not council documents, and
ingesting them files nonsense meetings under the council. So a folder walk takes files
that match the patterns (``*.pdf *.txt *.md *.html *.htm`` by default) and leaves out:

- hidden files and folders (``.git``, ``.DS_Store``);
- files whose name, before its extension, is a project note's: README, SOURCES, LICENSE,
  LICENCE, COPYING, CHANGELOG, CHANGES, HISTORY, CONTRIBUTING, AUTHORS, TODO (any case);
- whatever a ``.council-extract-ignore`` file in the folder, or a folder above it up to
  the one named, lists: one glob per line, matched against names and against paths
  relative to the ignore file's folder (``drafts/``, ``*.old.pdf``, ``2019/agenda_*.pdf``);
  ``#`` starts a comment. A glob ending in ``/`` leaves out a folder.

A file named on the command line is always taken (so a bad one is reported, not skipped),
and a path that does not exist stops the run before anything is done: a missing network
share must not pass as an empty batch.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Sequence

from ..errors import UnreadableInput

IGNORE_FILE = ".council-extract-ignore"
NOTE_NAMES = frozenset({"README", "SOURCES", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "HISTORY",
                        "CONTRIBUTING", "AUTHORS", "TODO"})


class MissingInput(UnreadableInput):
    """A file or folder named for ingest that is not there."""


@dataclass
class Collection:
    """The papers found under the paths given, and what was left out."""

    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # project notes left out (README.md, SOURCES.md, ...)
    ignored: list[str] = field(default_factory=list)  # left out by an ignore file
    empty: list[str] = field(default_factory=list)  # folders given that hold no paper

    def left_out(self) -> str:
        """One line on what was left out, or ""."""
        parts = []
        if self.notes:
            shown = ", ".join(Path(p).name for p in self.notes[:5]) + (", ..." if len(self.notes) > 5 else "")
            parts.append(f"{len(self.notes)} project notes ({shown})")
        if self.ignored:
            parts.append(f"{len(self.ignored)} listed in {IGNORE_FILE}")
        return f"left out, not papers: {'; '.join(parts)}" if parts else ""


def is_note(name: str) -> bool:
    """README.md, sources.txt, LICENSE: a project note, not a council paper."""
    stem = name.split(".", 1)[0]
    return stem.upper() in NOTE_NAMES


def _rules(folder: Path) -> list[str]:
    try:
        lines = (folder / IGNORE_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _ignored(relative: PurePosixPath, is_dir: bool, rules: Sequence[tuple[PurePosixPath, str]]) -> bool:
    """Does a rule (from an ignore file in folder ``base``) match this path (relative to the walk's root)?"""
    for base, rule in rules:
        try:
            rel = relative.relative_to(base)
        except ValueError:
            continue
        glob = rule.rstrip("/")
        if rule.endswith("/") and not is_dir:
            continue
        target = str(rel) if "/" in glob else rel.name
        if fnmatch.fnmatchcase(target.lower(), glob.lstrip("/").lower()):
            return True
    return False


def collect(paths: Iterable[str | Path], patterns: Sequence[str]) -> Collection:
    """Files named directly, plus the papers under each folder (see the module docstring).

    Order is stable (sorted per folder) so runs are repeatable; each file once.
    Raises ``MissingInput`` for a path that does not exist."""
    wanted = [p.lower() for p in patterns]
    out = Collection()
    seen: set[str] = set()

    def add(path: Path) -> bool:
        key = os.path.abspath(path)
        if key in seen:
            return False
        seen.add(key)
        out.files.append(str(path))
        return True

    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            raise MissingInput(path, "no such file or folder",
                               "check the path (is a network share or disk not mounted?)")
        if not path.is_dir():
            add(path)
            continue
        found: list[Path] = []
        rules: list[tuple[PurePosixPath, str]] = []
        for root, dirs, names in os.walk(path):
            here = PurePosixPath(Path(root).relative_to(path).as_posix())
            rules.extend((here, rule) for rule in _rules(Path(root)))
            kept = []
            for d in sorted(dirs):
                if d.startswith("."):
                    continue
                if _ignored(here / d, True, rules):
                    out.ignored.append(str(Path(root) / d) + os.sep)
                    continue
                kept.append(d)
            dirs[:] = kept
            for name in sorted(names):
                if name.startswith(".") or not any(fnmatch.fnmatchcase(name.lower(), p) for p in wanted):
                    continue
                file = Path(root) / name
                if is_note(name):
                    out.notes.append(str(file))
                elif _ignored(here / name, False, rules):
                    out.ignored.append(str(file))
                else:
                    found.append(file)
        for file in sorted(found):
            add(file)
        if not found:
            out.empty.append(str(path))
    return out
