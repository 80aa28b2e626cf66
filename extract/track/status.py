"""Statuses a person sets, kept with time and note in ``rec_history`` (never touched by a re-ingest),
and the effective status of each item: the latest manual status, else the status its
strongest evidence proposes, else ``open``."""

from __future__ import annotations

import re
from pathlib import PurePath
from datetime import date, datetime, timedelta, timezone
from typing import Any, Optional

import sqlite_utils

from ..errors import CouncilExtractError
from .items import STATUSES, ensure_tables


class TrackerError(CouncilExtractError):
    exit_code = 2


# What a listing shows first (``recs``, ``Store.recs``): the request, who owes it, its status, where it was asked.
COLUMNS = ("id", "raised", "body", "item_number", "request", "owner", "status", "age_days", "evidence_date", "file",
           "page")
# The table for people: what fits a terminal, with the source file and page.
TABLE_COLUMNS = ("id", "raised", "status", "age_days", "body", "owner", "request", "file", "page")
# ``recs --status`` takes a status or "outstanding" (open or in progress).
STATUS_FILTERS = (*STATUSES, "outstanding")


def parse_age(text: str) -> timedelta:
    """"90d", "12w", "6m", "1y" -> a timedelta (months are 30 days, years 365)."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmy]?)\s*", text or "")
    if not m:
        raise TrackerError(f"age {text!r} not understood: use a number of days, weeks, months or years such as 90d, 12w, 6m, 1y")
    n, unit = int(m.group(1)), m.group(2) or "d"
    return timedelta(days=n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit])


def resolve_id(db: sqlite_utils.Database, ident: str) -> str:
    """A tracked item's key from its full key or a unique prefix of it."""
    ensure_tables(db)
    ident = (ident or "").strip().lower()
    if len(ident) < 4:
        raise TrackerError("give at least the first 4 characters of the item's ID (as `recs` lists it)")
    rows = [r["key"] for r in db.query("SELECT key FROM tracked_items WHERE key LIKE ? ESCAPE '\\'",
                                       [ident.replace("%", "\\%").replace("_", "\\_") + "%"])]
    if not rows:
        raise TrackerError(f"no tracked item with ID {ident}; run `council-extract recs` to list them")
    if len(rows) > 1:
        raise TrackerError(f"ID {ident} is ambiguous ({len(rows)} items); give more characters")
    return rows[0]


def set_status(db: sqlite_utils.Database, ident: str, status: str, note: Optional[str] = None,
               by: Optional[str] = None) -> dict[str, Any]:
    if status not in STATUSES:
        raise TrackerError(f"status must be one of {', '.join(STATUSES)}")
    key = resolve_id(db, ident)
    row = {"item_key": key, "status": status, "note": note, "by": by,
           "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    with db.atomic():
        db.table("rec_history").insert(row)
    return row


def effective_rows(db: sqlite_utils.Database, today: Optional[date] = None) -> list[dict[str, Any]]:
    """Every tracked item with its status, its evidence and its age in days."""
    from ..store.names import namer

    ensure_tables(db)
    today = today or date.today()
    name = namer(db)
    rows = list(db.query("""
        SELECT t.*, h.status AS manual_status, h.note AS manual_note, h.at AS manual_at,
               l.snippet AS evidence, l.date AS evidence_date, l.sha256 AS evidence_sha256, l.page AS evidence_page,
               l.confidence AS evidence_confidence, d.path AS source_path, ed.path AS evidence_path
        FROM tracked_items t
        LEFT JOIN (SELECT item_key, status, note, at, MAX(id) FROM rec_history GROUP BY item_key) h ON h.item_key = t.key
        LEFT JOIN rec_links l ON l.key = t.evidence_key
        LEFT JOIN documents d ON d.sha256 = t.sha256
        LEFT JOIN documents ed ON ed.sha256 = l.sha256
        ORDER BY t.raised, t.body, t.item_number, t.key"""))
    for r in rows:
        r["body"], r["council"] = name(r["body"]), name(r["council"])
        r["file"] = PurePath(r["source_path"]).name if r["source_path"] else None
        r["status"] = r["manual_status"] or r["proposed_status"] or "open"
        r["status_basis"] = "set by a person" if r["manual_status"] else ("evidence" if r["proposed_status"] else "no evidence yet")
        r["id"] = r["key"][:8]
        try:
            r["age_days"] = (today - date.fromisoformat(r["raised"])).days if r["raised"] else None
        except ValueError:
            r["age_days"] = None
    return rows


def history(db: sqlite_utils.Database, key: str) -> list[dict[str, Any]]:
    ensure_tables(db)
    return list(db.query("SELECT status, note, at, by FROM rec_history WHERE item_key = ? ORDER BY id", [key]))


def links(db: sqlite_utils.Database, key: str) -> list[dict[str, Any]]:
    return list(db.query("""SELECT l.*, d.path FROM rec_links l LEFT JOIN documents d ON d.sha256 = l.sha256
                            WHERE l.item_key = ? ORDER BY l.date, l.confidence DESC""", [key]))


def select(rows: list[dict[str, Any]], body: Optional[str] = None, status: Optional[str] = None,
           owner: Optional[str] = None, older_than: Optional[str] = None) -> list[dict[str, Any]]:
    """Filter effective rows the way ``recs`` options ask (substring matches, ages by meeting date)."""
    out = rows
    if body:
        out = [r for r in out if body.casefold() in (r["body"] or "").casefold()]
    if status:
        wanted = "outstanding" if status == "outstanding" else status
        if wanted == "outstanding":
            out = [r for r in out if r["status"] in ("open", "in progress")]
        else:
            out = [r for r in out if r["status"] == wanted]
    if owner:
        out = [r for r in out if owner.casefold() in (r["owner"] or "").casefold()]
    if older_than:
        days = parse_age(older_than).days
        out = [r for r in out if r["age_days"] is not None and r["age_days"] > days]
    return out
