"""Bring an older copy of the pattern files (``COUNCIL_EXTRACT_PATTERNS``) up to date with the shipped ones.

A council that keeps its own copy of ``patterns/`` falls behind when a new version
adds a file or a key, or moves or drops one: the loader then stops with a line naming
the file and the key. ``update_folder`` adds what the shipped files have and the copy
lacks (whole files, and keys of the JSON files, at any depth of their declared
objects), renames what ``pattern_schema.RENAMED_KEYS`` / ``RENAMED_FILES`` say was
renamed, carries a key ``MOVED_KEYS`` says moved to another file there (the user's
entries merged into the new key's) and removes the keys ``RETIRED_KEYS`` says this
version no longer reads. What the user wrote otherwise stays as written: their value
of every key, their extra lines in JSONL files and word lists, their entries in maps.
A key this version does not know and never knew (a misspelling) is left for the user,
and reported with the other problems that remain.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .pattern_schema import FILES, MOVED_KEYS, RENAMED_FILES, RENAMED_KEYS, RETIRED_KEYS, Spec, Table
from .patterns import check_folder, shipped_dir


@dataclass
class UpdateReport:
    """What ``update_folder`` changed (one line a change) and the problems left for the user (one line each)."""

    folder: Path
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _read_object(path: Path) -> Optional[dict[str, Any]]:
    """A JSON file's object, or None where it is not one (left to the check that follows)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _write_object(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _merge(mine: dict[str, Any], shipped: dict[str, Any], shape: Spec, renamed: dict[str, str], retired: dict[str, str],
           path: str, notes: list[str]) -> dict[str, Any]:
    """``mine`` with the keys of ``shipped`` it lacks added (shipped order first, then my other keys); keys
    renamed at this level renamed, retired ones removed; declared sub-objects merged the same way."""
    mine = dict(mine)
    prefix = f"{path}." if path else ""
    for key in list(mine):
        if prefix + key in retired:
            del mine[key]
            notes.append(f"removed key {prefix}{key} ({retired[prefix + key]} in this version)")
    for old, new in renamed.items():
        old_parent, _, old_key = old.rpartition(".")
        new_parent, _, new_key = new.rpartition(".")
        if old_parent == path and new_parent == path and old_key in mine and new_key not in mine:
            mine[new_key] = mine.pop(old_key)
            notes.append(f"renamed key {old} to {new}")
    out: dict[str, Any] = {}
    fields = shape.fields if isinstance(shape, Table) else {}
    for key, value in shipped.items():
        if key not in mine:
            out[key] = value
            if not key.startswith("_"):
                notes.append(f"added key {prefix}{key} (the shipped value)")
        elif isinstance(fields.get(key), Table) and isinstance(mine[key], dict) and isinstance(value, dict):
            out[key] = _merge(mine[key], value, fields[key], renamed, retired, prefix + key, notes)
        else:
            out[key] = mine[key]
    for key, value in mine.items():
        out.setdefault(key, value)
    return out


def _update_file(folder: Path, shipped: Path, name: str, notes: list[str]) -> None:
    """One file of the copy in ``folder`` brought up to date (written only when something changed)."""
    target, source = folder / name, shipped / name
    if not target.exists():
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            notes.append("added (the shipped file)")
        return
    spec = FILES[name]
    if spec.form != "json" or not source.exists():
        return  # JSONL files, word lists and the councils file are the user's records: nothing to add
    mine = _read_object(target)
    if mine is None:
        return  # reported by the check that follows
    shipped_data = json.loads(source.read_text(encoding="utf-8"))
    before = len(notes)
    merged = _merge(mine, shipped_data, spec.shape, RENAMED_KEYS.get(name, {}), RETIRED_KEYS.get(name, {}), "", notes)
    if len(notes) > before:
        _write_object(target, merged)


def _move_keys(folder: Path, shipped: Path, changes: list[str]) -> None:
    """Carry each key ``MOVED_KEYS`` names from its old file to its new one in the copy in ``folder``: the
    user's list is appended to what the new file's key holds (their entries first where it has none)."""
    for old_file, moves in MOVED_KEYS.items():
        for old_key, (new_file, new_key) in moves.items():
            old = _read_object(folder / old_file)
            if old is None or old_key not in old:
                continue
            if not (folder / new_file).exists() and (shipped / new_file).exists():
                shutil.copyfile(shipped / new_file, folder / new_file)
            new = _read_object(folder / new_file)
            if new is None:
                continue  # the new file cannot be read: the check says so, and the old key stays for a later run
            value = old.pop(old_key)
            if new_key not in new:
                new[new_key] = value
            elif isinstance(new[new_key], list) and isinstance(value, list):
                new[new_key] = new[new_key] + [v for v in value if v not in new[new_key]]
            _write_object(folder / new_file, new)
            _write_object(folder / old_file, old)
            changes.append(f"{old_file}: moved key {old_key} to {new_file} as {new_key} (your entries kept)")


def update_folder(folder: str | Path, write: bool = True, shipped: Optional[Path] = None) -> UpdateReport:
    """Bring the copy of the pattern files in ``folder`` up to date with ``shipped`` (default: this version's
    files). With ``write=False`` nothing in ``folder`` changes: the report says what would."""
    folder = Path(folder)
    shipped = shipped or shipped_dir()
    report = UpdateReport(folder)
    with tempfile.TemporaryDirectory(prefix="council-extract-patterns-") as scratch:
        work = Path(scratch) / "patterns"
        shutil.copytree(folder, work)
        for old, new in RENAMED_FILES.items():
            if (work / old).exists() and not (work / new).exists():
                (work / new).parent.mkdir(parents=True, exist_ok=True)
                (work / old).rename(work / new)
                report.changes.append(f"{new}: renamed from {old}")
        _move_keys(work, shipped, report.changes)
        for name in FILES:
            notes: list[str] = []
            _update_file(work, shipped, name, notes)
            report.changes += [f"{name}: {note}" for note in notes]
        report.problems = [p.replace(str(work), str(folder)) for p in check_folder(work)]
        if write and report.changes:
            for old, new in RENAMED_FILES.items():
                if (folder / old).exists() and (work / new).exists() and not (folder / new).exists():
                    (folder / old).unlink()
            for name in FILES:
                if (work / name).exists():
                    changed = not (folder / name).exists() or (folder / name).read_bytes() != (work / name).read_bytes()
                    if changed:
                        (folder / name).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(work / name, folder / name)
    return report


__all__ = ["UpdateReport", "update_folder"]
