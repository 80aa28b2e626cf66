"""Saved searches ("watches") and what they found, kept in the database itself.

Watches live in the store (``watches``) so they travel with the database file:
copy ``council.db`` to another machine and its alerts come along. Each watch is
either a text watch (an FTS5 query with the same syntax and filters as
``council-extract search``) or an event watch (a new resolution of a body, a KPI
value turning RED, a tracked recommendation whose status changed).

``watch_hits`` holds each match once: a hit has an ``identity`` (the content it
is about, not the copy of the file it was read from) and ``(watch_id, identity)``
is unique, so re-running an ingest, re-ingesting an unchanged file or forcing a
re-parse never repeats an alert. ``watch_rec_state`` is the last status each
rec-status watch saw per tracked item, so only changes alert.

The tables are created on first use (``ensure_tables``), not by the store's
migrations: a database that never had a watch has none of them.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

import sqlite_utils

from ..errors import CouncilExtractError

EVENTS = ("resolution", "kpi-red", "rec-status")
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Filters a watch may carry; the text ones mean what `council-extract search` means by them.
FILTER_KEYS = ("body", "council", "kind", "tables", "since", "until", "indicator", "literal")


class WatchError(CouncilExtractError):
    """A watch that cannot be added, found or run as asked (a usage problem: exit code 2)."""

    exit_code = 2


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Watch:
    """One saved search or event watch, as stored in ``watches``."""

    name: str
    query: Optional[str] = None  # FTS5 query (text watches; optional narrowing for resolution events)
    event: Optional[str] = None  # None for a text watch, else one of EVENTS
    filters: dict[str, Any] = field(default_factory=dict)
    id: Optional[int] = None
    uuid: str = ""
    created_at: str = ""
    last_run: int = 0  # the highest run id whose documents this watch has been evaluated against

    @property
    def kind(self) -> str:
        return self.event or "text"

    def describe(self) -> str:
        """One line saying what the watch looks for, e.g. ``"drain" body~Parish``."""
        what = f"event {self.event}" if self.event else "text"
        parts = [what] + ([repr(self.query)] if self.query else [])
        for key in FILTER_KEYS:
            value = self.filters.get(key)
            if value:
                parts.append(f"{key}={','.join(value) if isinstance(value, list) else value}")
        return " ".join(parts)

    def row(self) -> dict[str, Any]:
        return {"name": self.name, "uuid": self.uuid, "query": self.query, "event": self.event,
                "filters": json.dumps(self.filters, sort_keys=True), "created_at": self.created_at,
                "last_run": self.last_run}


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the watch tables if missing (idempotent)."""
    db.table("watches").create({"id": int, "name": str, "uuid": str, "query": str, "event": str, "filters": str,
                                "created_at": str, "last_run": int}, pk="id", if_not_exists=True)
    db.table("watches").create_index(["name"], unique=True, if_not_exists=True)
    db.table("watch_hits").create({
        "id": int, "watch_id": int, "run_id": int, "identity": str, "tbl": str, "tables": str, "key": str,
        "sha256": str, "page": int, "title": str, "snippet": str, "date": str, "body": str, "council": str,
        "kind": str, "file": str, "path": str, "found_at": str}, pk="id",
        foreign_keys=[("watch_id", "watches", "id")], if_not_exists=True)
    db.table("watch_hits").create_index(["watch_id", "identity"], unique=True, if_not_exists=True)
    db.table("watch_hits").create_index(["run_id"], if_not_exists=True)
    db.table("watch_hits").create_index(["found_at"], if_not_exists=True)
    db.table("watch_rec_state").create({"watch_id": int, "item_key": str, "status": str, "seen_at": str},
                                       pk=("watch_id", "item_key"), foreign_keys=[("watch_id", "watches", "id")],
                                       if_not_exists=True)


def has_watches(db: sqlite_utils.Database) -> bool:
    """Does this database hold any watch? (Cheap; creates nothing.)"""
    if "watches" not in db.table_names():
        return False
    return db.execute("SELECT 1 FROM watches LIMIT 1").fetchone() is not None


def latest_run(db: sqlite_utils.Database) -> int:
    if "runs" not in db.table_names():
        return 0
    return int(db.execute("SELECT coalesce(max(id), 0) FROM runs").fetchone()[0])


def _from_row(row: dict[str, Any]) -> Watch:
    return Watch(name=row["name"], query=row["query"], event=row["event"], filters=json.loads(row["filters"] or "{}"),
                 id=row["id"], uuid=row["uuid"], created_at=row["created_at"], last_run=row["last_run"] or 0)


def check_name(name: str) -> str:
    if not NAME_RE.fullmatch(name or ""):
        raise WatchError(f"watch name {name!r}: use letters, digits, '.', '_' or '-' (it names the feed file), "
                         "e.g. flooding or planning-objections")
    return name


def add_watch(db: sqlite_utils.Database, watch: Watch, backfill: bool = False) -> Watch:
    """Store a new watch (validated by the caller, see ``evaluate.validate``).

    It sees only documents stored from now on, or every stored document with ``backfill``.
    """
    ensure_tables(db)
    check_name(watch.name)
    if get_watch(db, watch.name, missing_ok=True) is not None:
        raise WatchError(f"a watch named {watch.name!r} exists; pick another name or remove it first "
                         f"(council-extract watch remove {watch.name})")
    watch.filters = {k: v for k, v in watch.filters.items() if v not in (None, "", [], (), False)}
    watch.uuid = watch.uuid or str(uuid.uuid4())
    watch.created_at = watch.created_at or now()
    watch.last_run = 0 if backfill else latest_run(db)
    with db.atomic():
        watch.id = int(db.table("watches").insert(watch.row()).last_pk)  # type: ignore[arg-type]
    return watch


def get_watch(db: sqlite_utils.Database, name: str, missing_ok: bool = False) -> Optional[Watch]:
    if "watches" in db.table_names():
        for row in db.query("SELECT * FROM watches WHERE name = ?", [name]):
            return _from_row(row)
    if missing_ok:
        return None
    raise WatchError(f"no watch named {name!r}; `council-extract watch list` shows them")


def list_watches(db: sqlite_utils.Database) -> list[Watch]:
    if "watches" not in db.table_names():
        return []
    return [_from_row(r) for r in db.query("SELECT * FROM watches ORDER BY name")]


def remove_watch(db: sqlite_utils.Database, name: str) -> int:
    """Delete a watch with its hits and state; returns how many hits went with it."""
    watch = get_watch(db, name)
    assert watch is not None and watch.id is not None
    with db.atomic():
        hits = int(db.execute("SELECT count(*) FROM watch_hits WHERE watch_id = ?", [watch.id]).fetchone()[0])
        db.execute("DELETE FROM watch_hits WHERE watch_id = ?", [watch.id])
        db.execute("DELETE FROM watch_rec_state WHERE watch_id = ?", [watch.id])
        db.execute("DELETE FROM watches WHERE id = ?", [watch.id])
    return hits


def watch_stats(db: sqlite_utils.Database) -> dict[int, dict[str, Any]]:
    """Per watch id: how many hits in all, and when the latest was found."""
    if "watch_hits" not in db.table_names():
        return {}
    return {r["watch_id"]: r for r in db.query(
        "SELECT watch_id, count(*) AS hits, max(found_at) AS last_found FROM watch_hits GROUP BY watch_id")}


def listing(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Rows for ``watch list``."""
    stats = watch_stats(db)
    out = []
    for w in list_watches(db):
        s = stats.get(w.id or 0, {})
        out.append({"name": w.name, "kind": w.kind, "query": w.query, "filters": {**w.filters},
                    "hits": s.get("hits", 0), "last_found": s.get("last_found"), "last_run": w.last_run,
                    "created_at": w.created_at})
    return out


def as_dict(watch: Watch) -> dict[str, Any]:
    return {**asdict(watch), "kind": watch.kind, "describe": watch.describe()}
