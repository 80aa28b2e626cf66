"""Tracked items: every resolution or recommendation that asks for something.

Tracked items are *derived*: ``refresh`` rebuilds ``tracked_items`` and
``rec_links`` from the store whenever asked (after an ingest, before a listing),
keyed on the store's natural keys. What users enter lives in ``rec_history``,
which nothing here ever deletes, so a manual status survives re-ingesting and
re-extracting every document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional

import sqlite_utils

from ..nlp.owners import owner_key
from ..store.keys import make_key
from ..store.schema import is_read_only, table_names
from .rules import is_owed, is_request

STATUSES = ("open", "in progress", "answered", "closed", "dropped")


TRACKED_COLUMNS: dict[str, Any] = {
    "key": str, "kind": str, "source_key": str, "request": str, "owner": str, "owner_key": str, "body": str,
    "council": str, "meeting_key": str, "item_number": str, "item_title": str, "raised": str, "due": str,
    "sha256": str, "page": int, "text_source": str, "proposed_status": str, "evidence_key": str,
    "refreshed_at": str}
LINK_COLUMNS: dict[str, Any] = {
    "key": str, "item_key": str, "tbl": str, "target_key": str, "sha256": str, "page": int, "date": str,
    "snippet": str, "confidence": float, "proposed_status": str, "cue": str}
HISTORY_COLUMNS: dict[str, Any] = {"id": int, "item_key": str, "status": str, "note": str, "at": str, "by": str}
# Which documents the items were built from (how many, the latest ingest time): a change means rebuild.
STATE_COLUMNS: dict[str, Any] = {"id": int, "documents": int, "ingested_at": str}
TABLES = {"tracked_items": TRACKED_COLUMNS, "rec_links": LINK_COLUMNS, "rec_history": HISTORY_COLUMNS,
          "tracker_state": STATE_COLUMNS}
DERIVED = ("tracked_items", "rec_links", "tracker_state")  # rebuilt by refresh; rec_history never is


def ensure_tables(db: sqlite_utils.Database) -> None:
    """The tracker's tables; on a read-only database, missing ones are made empty for this connection only."""
    if is_read_only(db):
        _temp_tables(db, [name for name in TABLES if name not in db.table_names()])
        return
    db.table("tracked_items").create(TRACKED_COLUMNS, pk="key", if_not_exists=True)
    db.table("tracked_items").create_index(["body", "raised"], if_not_exists=True)
    db.table("rec_links").create(LINK_COLUMNS, pk="key", if_not_exists=True)
    db.table("rec_links").create_index(["item_key"], if_not_exists=True)
    # user-entered: never rebuilt, never deleted
    db.table("rec_history").create(HISTORY_COLUMNS, pk="id", if_not_exists=True)
    db.table("rec_history").create_index(["item_key"], if_not_exists=True)
    db.table("tracker_state").create(STATE_COLUMNS, pk="id", if_not_exists=True)


def _temp_tables(db: sqlite_utils.Database, names: list[str]) -> None:
    """TEMP tables shadow the file's tables of the same name for this connection; the file is not touched."""
    types = {str: "TEXT", int: "INTEGER", float: "REAL"}
    for name in names:
        columns = ", ".join(f"[{c}] {types[t]}" + (" PRIMARY KEY" if c in ("key", "id") else "")
                            for c, t in TABLES[name].items())
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS [{name}] ({columns})")


def documents_state(db: sqlite_utils.Database) -> tuple[int, Optional[str]]:
    """What the stored documents are, cheaply: how many, and when the latest was stored."""
    count, latest = db.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone()
    return int(count), latest


def is_stale(db: sqlite_utils.Database) -> bool:
    """Have documents been stored (or removed) since the tracked items were last rebuilt?"""
    tables = table_names(db)  # TEMP ones too: a read-only connection's own rebuild
    if "documents" not in tables:
        return False
    if "tracked_items" not in tables:
        return True
    if "tracker_state" in tables:
        row = db.execute("SELECT documents, ingested_at FROM tracker_state WHERE id = 1").fetchone()
        return row is None or tuple(row) != documents_state(db)
    # built by an older version: compare times
    built = db.execute("SELECT max(refreshed_at) FROM tracked_items").fetchone()[0]
    latest = db.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
    return bool(latest) and (built is None or latest >= built)


def fresh(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """The tracker brought up to date for ``db``: rebuilt in the file when writable and stale; on a read-only
    database rebuilt in TEMP tables for this connection, so reading never writes and never shows stale items."""
    if is_stale(db):
        refresh(db, temporary=is_read_only(db))
    else:
        ensure_tables(db)
    return db


@dataclass
class Candidate:
    key: str
    kind: str  # resolution | recommendation | action
    source_key: str
    request: str
    body: Optional[str]
    council: Optional[str]
    meeting_key: Optional[str]
    item_number: Optional[str]
    item_title: Optional[str]
    raised: Optional[str]
    sha256: str
    page: Optional[int]
    text_source: Optional[str]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def requests_in_store(db: sqlite_utils.Database) -> list[Candidate]:
    """Resolutions and report recommendations that ask for something, and the other actions."""
    out: list[Candidate] = []
    if "resolutions" in db.table_names():
        rows = db.query("""
            SELECT r.key, r.text, r.item_number, r.sha256, r.page, r.text_source, r.meeting_key,
                   m.council, m.body, m.date, mi.title AS item_title
            FROM resolutions r LEFT JOIN meetings m ON m.key = r.meeting_key
            LEFT JOIN minute_items mi ON mi.key = r.item_key""")
        for r in rows:
            if is_request(r["text"] or ""):
                out.append(Candidate(make_key("tracked", "resolution", r["key"]), "resolution", r["key"], r["text"],
                                     r["body"], r["council"], r["meeting_key"], r["item_number"], r["item_title"],
                                     r["date"], r["sha256"], r["page"], r["text_source"]))
    if "recommendations" in db.table_names():
        rows = db.query("""
            SELECT c.key, c.text, c.sha256, c.page, rp.decision_maker, rp.council, rp.date, rp.subject
            FROM recommendations c LEFT JOIN reports rp ON rp.key = c.report_key""")
        for r in rows:
            if is_request(r["text"] or "", "recommendation"):
                out.append(Candidate(make_key("tracked", "recommendation", r["key"]), "recommendation", r["key"],
                                     r["text"], r["decision_maker"], r["council"], None, None, r["subject"],
                                     r["date"], r["sha256"], r["page"], None))
    if "actions" in db.table_names():
        # actions the NLP layer found outside resolutions and recommendations (action lists, "the Clerk will
        # write to ..."): only those of a meeting's record that a named owner owes; a report's account of
        # its own work ("the team are working on ...") is an action of the paper, not an item to chase.
        # One sentence is one item.
        seen = {" ".join(c.request.split()).lower() for c in out}
        rows = db.query("""
            SELECT a.key, a.text, a.owner, a.source, a.sha256, a.page, a.council, a.body, a.date, a.meeting_key, a.text_source
            FROM actions a LEFT JOIN documents d ON d.sha256 = a.sha256
            WHERE a.source IN ('next_steps', 'commitment') AND a.resolution_key IS NULL
              AND (d.kind = 'minutes' OR a.source = 'next_steps' AND a.meeting_key IS NOT NULL)
            ORDER BY a.date, a.sha256, a.page, a.key""")
        for r in rows:
            text = " ".join((r["text"] or "").split())
            if not text or text.lower() in seen or not is_owed(text, r["owner"], r["council"], r["source"]):
                continue
            seen.add(text.lower())
            out.append(Candidate(make_key("tracked", "action", r["key"]), "action", r["key"], text, r["body"],
                                 r["council"], r["meeting_key"], None, None, r["date"], r["sha256"], r["page"],
                                 r["text_source"]))
    return out


def log_items(candidates: list[Candidate], logs: list[tuple[Any, dict[str, Any]]],
              owners: dict[str, dict[str, Any]]) -> list[Candidate]:
    """Rows of a council's own action logs that no stored request matches: the log is where they are raised.

    Every row of a log with columns is an action; a matters-arising entry only where the minutes'
    action column names who owes it. Their owner is the log's "who"."""
    from .link import LOG_MATCH, log_score

    out: list[Candidate] = []
    for row, meta in logs:
        if row.kind == "list" and not row.owner:
            continue
        same = [c for c in candidates + out if c.sha256 == meta["sha256"]]
        if any(log_score(row.text, c.request) >= LOG_MATCH for c in same):
            continue
        key = make_key("tracked", "log", meta["sha256"], str(row.page), row.text)
        out.append(Candidate(key, "log", key, " ".join(row.text.split()), meta["body"], meta["council"], None,
                             row.ref, row.item, meta["date"], meta["sha256"], row.page, None))
        owners[key] = {"owner": row.owner, "owner_key": owner_key(row.owner), "due": None}
    return out


def owners_by_source(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Owner and due date the NLP layer tagged, by the resolution (or recommendation text) they came from."""
    out: dict[str, dict[str, Any]] = {}
    if "actions" not in db.table_names():
        return out
    for row in db.query("SELECT key, resolution_key, text, owner, owner_key, due, source FROM actions"):
        out.setdefault(row["key"], row)
        if row["resolution_key"]:
            out.setdefault(row["resolution_key"], row)
        if row["source"] == "recommendation" and row["text"]:
            out.setdefault("rec:" + " ".join(row["text"].split()).lower(), row)
    return out


def deciding_link(links: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
    """The evidence that sets an item's proposed status.

    The council's own action log decides where nothing later was said. Otherwise
    an answer counts unless the body asked again, or a paper said it was still not met,
    on that date or later; that keeps it ``in progress`` or ``open``; other mentions (a later
    report on the subject) count only where nothing answers or re-asks.
    """
    def latest(rows: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
        return max(rows, key=lambda l: (l["date"] or "", l["cue"] != "general", l["confidence"]), default=None)

    council = latest([l for l in links if l.get("cue") == "council's log"])
    if council and not any((l["date"] or "") > (council["date"] or "") for l in links if l is not council):
        return council  # the council's own log, and nothing said since: its status is the truth
    answer = latest([l for l in links if l["proposed_status"] == "answered"])
    asked_again = latest([l for l in links if l["proposed_status"] == "open"
                          or (l["tbl"] == "resolutions" and l["proposed_status"] != "answered")])
    if answer and (not asked_again or (answer["date"] or "") > (asked_again["date"] or "")):
        return answer
    return asked_again or latest(links)


def refresh(db: sqlite_utils.Database, temporary: bool = False) -> int:
    """Rebuild tracked items and their links from the store; returns how many items are tracked.

    ``temporary`` builds them in TEMP tables of this connection (a read-only open), leaving the file alone.
    """
    from .link import find_links, log_links, logs_in_store

    if temporary:
        _temp_tables(db, [name for name in TABLES if name in DERIVED or name not in db.table_names()])
    else:
        ensure_tables(db)
    candidates = requests_in_store(db)
    owners = owners_by_source(db)
    logs = logs_in_store(db)
    candidates += log_items(candidates, logs, owners)
    links = find_links(db, candidates)
    for key, found in log_links(db, candidates, logs).items():
        links.setdefault(key, []).extend(found)
    now = _now()
    rows = []
    for c in candidates:
        tag = owners.get(c.source_key) or owners.get("rec:" + " ".join(c.request.split()).lower()) or {}
        best = deciding_link(links.get(c.key, []))
        rows.append({"key": c.key, "kind": c.kind, "source_key": c.source_key, "request": c.request,
                     "owner": tag.get("owner"), "owner_key": tag.get("owner_key"), "body": c.body,
                     "council": c.council, "meeting_key": c.meeting_key, "item_number": c.item_number,
                     "item_title": c.item_title, "raised": c.raised, "due": tag.get("due"), "sha256": c.sha256,
                     "page": c.page, "text_source": c.text_source,
                     "proposed_status": best["proposed_status"] if best else None,
                     "evidence_key": best["key"] if best else None, "refreshed_at": now})
    all_links = [link for item_links in links.values() for link in item_links]
    count, latest = documents_state(db)
    state = [{"id": 1, "documents": count, "ingested_at": latest}]
    if temporary:
        _fill_temp(db, "tracked_items", rows)
        _fill_temp(db, "rec_links", all_links)
        _fill_temp(db, "tracker_state", state)
        return len(rows)
    with db.atomic():
        db.execute("DELETE FROM rec_links")
        db.execute("DELETE FROM tracked_items")
        if rows:
            db.table("tracked_items").insert_all(rows)
        if all_links:
            db.table("rec_links").insert_all(all_links, replace=True)
        db.table("tracker_state").insert_all(state, replace=True)
    return len(rows)


def _fill_temp(db: sqlite_utils.Database, name: str, rows: list[dict[str, Any]]) -> None:
    columns = list(TABLES[name])
    db.execute(f"DELETE FROM temp.[{name}]")
    db.conn.executemany(f"INSERT OR REPLACE INTO temp.[{name}] ({', '.join(f'[{c}]' for c in columns)}) "
                        f"VALUES ({', '.join('?' for _ in columns)})", [[r.get(c) for c in columns] for r in rows])
