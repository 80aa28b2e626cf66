"""One spelling per council and committee: names that differ only in case are one name.

Papers print a committee's name as a heading ("CABINET") and in running text
("Cabinet"); the meeting keys already fold case (``keys.norm``), but facets,
reports and listings group on the name as printed, and would show one committee
twice. ``name_forms`` picks one spelling per case-folded name from everything
stored: the most used one that is not all capitals (a heading), so "Cabinet"
wins over "CABINET" and "Children and Families" over "CHILDREN AND FAMILIES".

The ingest keeps them in the table ``name_forms`` (``folded`` -> ``name``) so SQL
views can use them (``COALESCE((SELECT name FROM name_forms WHERE folded =
lower(body)), body)``); ``fold`` is SQLite's ``lower()``: ASCII letters only.
"""

from __future__ import annotations

from collections import Counter
from string import ascii_lowercase, ascii_uppercase
from typing import Callable, Optional

import sqlite_utils

TABLE = "name_forms"
# Where names are stored: (table, columns). Counts weigh each spelling by how often it is used.
SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("documents", ("council", "body")), ("meetings", ("council", "body")), ("reports", ("council", "decision_maker")),
    ("search_rows", ("council", "body")), ("tracked_items", ("council", "body")),
    ("fetched_documents", ("council", "committee")))
_LOWER = str.maketrans(ascii_uppercase, ascii_lowercase)


def fold(name: str) -> str:
    """The name as SQLite's ``lower()`` folds it (ASCII letters only), so SQL and Python agree."""
    return name.translate(_LOWER)


def pick(counts: Counter[str]) -> dict[str, str]:
    """``folded -> spelling`` from spellings and how often each is used."""
    best: dict[str, tuple[tuple[bool, int, int, str], str]] = {}
    for name, n in counts.items():
        if not name:
            continue
        shouting = name.upper() == name and name.lower() != name
        # not a heading first, then the most used, then the one with capitals ("Annual Engagement Meeting"),
        # then a stable order
        score = (not shouting, n, sum(c.isupper() for c in name), name)
        key = fold(name)
        if key not in best or score > best[key][0]:
            best[key] = (score, name)
    return {key: name for key, (_, name) in best.items()}


def name_forms(db: sqlite_utils.Database) -> dict[str, str]:
    """Every stored council and committee name, ``folded -> spelling`` (computed, nothing written)."""
    counts: Counter[str] = Counter()
    tables = set(db.table_names())
    for table, columns in SOURCES:
        if table not in tables:
            continue
        present = set(db[table].columns_dict)
        for column in columns:
            if column not in present:
                continue
            for name, n in db.execute(f"SELECT [{column}], count(*) FROM [{table}] WHERE [{column}] IS NOT NULL "
                                      f"GROUP BY [{column}]").fetchall():
                counts[str(name)] += int(n)
    return pick(counts)


def refresh_names(db: sqlite_utils.Database) -> int:
    """Rebuild the ``name_forms`` table (after an ingest) if its names changed; returns how many it holds."""
    forms = name_forms(db)
    if TABLE in db.table_names() and dict(db.execute(f"SELECT folded, name FROM {TABLE}").fetchall()) == forms:
        return len(forms)
    with db.atomic():
        db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (folded TEXT PRIMARY KEY, name TEXT NOT NULL)")
        db.execute(f"DELETE FROM {TABLE}")
        db.conn.executemany(f"INSERT INTO {TABLE} (folded, name) VALUES (?, ?)", sorted(forms.items()))
    return len(forms)


def namer(db: sqlite_utils.Database) -> Callable[[Optional[str]], Optional[str]]:
    """A function giving each name its one spelling: from the table when stored, else computed."""
    if TABLE in db.table_names():
        forms = {str(k): str(v) for k, v in db.execute(f"SELECT folded, name FROM {TABLE}").fetchall()}
    else:
        forms = name_forms(db)

    def name(value: Optional[str]) -> Optional[str]:
        return forms.get(fold(value), value) if value else value

    return name


def sql_name(column: str) -> str:
    """SQL giving ``column``'s one spelling (for views over a database with ``name_forms``)."""
    return f"COALESCE((SELECT nf.name FROM {TABLE} nf WHERE nf.folded = lower({column})), {column})"
