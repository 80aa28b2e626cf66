"""Write extraction results into the store, one transaction per document.

A document is identified by its content (sha256). Writing a result whose sha is
already stored changes nothing; a new sha at a path that held another removes
that older document's rows first (in the same transaction), then writes. Shared
rows (meetings, resolutions, actions, ...) are inserted once by natural key and
gain a ``sources`` entry per copy; removing a document removes only the rows no
other copy still carries, and re-points the survivors at a remaining copy.
Nothing here touches tables it does not own, so user-entered data keyed on
these natural keys (tracker status, notes) survives any re-ingest.

The batch runner uses ``start_run`` / ``record_outcome`` / ``record_error`` /
``finish_run`` to log each run; ``make_result`` builds the result dict from a
loaded document and its record.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Optional

import sqlite_utils

from .rows import DocumentRows, rows_for
from .schema import FOREIGN_KEYS, SHARED_NAMES

OUTCOMES = ("ingested", "unchanged", "replaced", "failed", "timeout")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def make_result(doc: Any, record: Any, path: Optional[str] = None) -> dict[str, Any]:
    """The result dict ``write_document`` takes, from a loaded ``Document`` and its ``Record``."""
    return {"record": record.to_dict() if hasattr(record, "to_dict") else record,
            "pages": [{"page": p.number, "text": p.text, "text_source": p.text_source} for p in doc.pages],
            "path": str(path or doc.path)}


def with_fetched_metadata(db: sqlite_utils.Database, result: dict[str, Any]) -> dict[str, Any]:
    """A fetched paper carries what the council's web service said: its council, committee and meeting date.

    The service knows these for certain; the parser only reads them off the page. The record's
    own readings are kept under ``parsed_council`` / ``parsed_body`` / ``parsed_date``.
    """
    if "fetched_documents" not in db.table_names():
        return result
    from ..fetch.fetcher import document_metadata

    record = result.get("record") or {}
    if hasattr(record, "to_dict"):
        record = record.to_dict()
    meta = document_metadata(db, (record.get("source") or {}).get("sha256") or "")
    if not meta:
        return result
    record = dict(record)
    for field in ("council", "body", "date"):
        if meta.get(field) and meta[field] != record.get(field):
            record[f"parsed_{field}"] = record.get(field)
            record[field] = meta[field]
    return {**result, "record": record}


def is_stored(db: sqlite_utils.Database, sha256: str) -> bool:
    """Is a document with this content already in the store?"""
    return db.execute("SELECT 1 FROM documents WHERE sha256 = ?", [sha256]).fetchone() is not None


def write_document(db: sqlite_utils.Database, result: dict[str, Any], run_id: Optional[int] = None,
                   force: bool = False) -> str:
    """Store one result; returns ``ingested``, ``unchanged`` or ``replaced``.

    ``force`` rewrites a document already stored (after a parser upgrade): its rows are replaced.
    """
    result = with_fetched_metadata(db, result)
    rows = rows_for(result)
    sha, path = rows.document["sha256"], rows.document["path"]
    with db.atomic():
        stored = is_stored(db, sha)
        older = [r[0] for r in db.execute("SELECT sha256 FROM documents WHERE path = ? AND sha256 != ?",
                                          [path, sha]).fetchall()]
        if stored and force:
            older.append(sha)
            stored = False
        if stored and not older:
            return "unchanged"
        for old in older:
            remove_document(db, old)
        if not stored:
            _insert(db, rows, run_id)
    return "replaced" if older else "ingested"


def _insert(db: sqlite_utils.Database, rows: DocumentRows, run_id: Optional[int]) -> None:
    sha = rows.document["sha256"]
    db.table("documents").insert({**rows.document, "ingested_at": now(), "run_id": run_id})
    if rows.pages:
        db.table("pages").insert_all(rows.pages)
    for table in SHARED_NAMES:
        table_rows = rows.shared.get(table)
        if not table_rows:
            continue
        db.table(table).insert_all(table_rows, ignore=True)
        db.table("sources").insert_all(({"tbl": table, "key": r["key"], "sha256": sha, "page": r.get("page")}
                                  for r in table_rows), ignore=True)
    if rows.search:
        # A shared row already indexed from another copy keeps its index entry (unique tbl, key).
        db.table("search_rows").insert_all(({**s, "sha256": sha} for s in rows.search), ignore=True)


def remove_document(db: sqlite_utils.Database, sha256: str) -> None:
    """Delete a document and every row only it carried; shared rows other copies carry stay, re-pointed."""
    with db.atomic():
        db.execute("DELETE FROM sources WHERE sha256 = ?", [sha256])
        for table in reversed(SHARED_NAMES):
            orphans = (f"SELECT key FROM [{table}] WHERE sha256 = :sha AND NOT EXISTS "
                       f"(SELECT 1 FROM sources s WHERE s.tbl = '{table}' AND s.key = [{table}].key)")
            for child, fks in FOREIGN_KEYS.items():
                for column, parent, _ in fks:
                    if parent == table:
                        db.execute(f"UPDATE [{child}] SET [{column}] = NULL WHERE [{column}] IN ({orphans})",
                                   {"sha": sha256})
            db.execute(f"DELETE FROM search_rows WHERE tbl = '{table}' AND key IN ({orphans})", {"sha": sha256})
            db.execute(f"DELETE FROM [{table}] WHERE key IN ({orphans})", {"sha": sha256})
            db.execute(f"""UPDATE [{table}] SET (sha256, page) = (SELECT s.sha256, s.page FROM sources s
                           WHERE s.tbl = '{table}' AND s.key = [{table}].key ORDER BY s.rowid LIMIT 1)
                           WHERE sha256 = :sha""", {"sha": sha256})
            db.execute(f"""UPDATE search_rows SET (sha256, page) = (SELECT t.sha256, t.page FROM [{table}] t
                           WHERE t.key = search_rows.key) WHERE tbl = '{table}' AND sha256 = :sha""",
                       {"sha": sha256})
        db.execute("DELETE FROM search_rows WHERE sha256 = ?", [sha256])
        db.execute("DELETE FROM pages WHERE sha256 = ?", [sha256])
        db.execute("DELETE FROM documents WHERE sha256 = ?", [sha256])


# ---------------------------------------------------------------- batch bookkeeping


def start_run(db: sqlite_utils.Database, options: dict[str, Any]) -> int:
    """Open a run; returns its id for ``record_outcome`` / ``finish_run``."""
    with db.atomic():
        table = db.table("runs").insert({"started_at": now(), "options": json.dumps(options, default=str)})
    return int(table.last_pk)  # type: ignore[arg-type]


def record_outcome(db: sqlite_utils.Database, run_id: int, path: str, sha256: Optional[str], outcome: str,
                   reason: Optional[str] = None, seconds: Optional[float] = None,
                   pages: Optional[int] = None) -> None:
    """Log what happened to one file in a run."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome {outcome!r}: use one of {', '.join(OUTCOMES)}")
    with db.atomic():
        db.table("run_files").insert({"run_id": run_id, "path": str(path), "sha256": sha256, "outcome": outcome,
                                "reason": reason, "seconds": seconds, "pages": pages, "at": now()})


def record_error(db: sqlite_utils.Database, path: str, sha256: Optional[str], reason: str,
                 run_id: Optional[int] = None) -> None:
    """Log a file that could not be ingested, with the reason to show the user."""
    with db.atomic():
        db.table("errors").insert({"run_id": run_id, "path": str(path), "sha256": sha256, "reason": reason, "at": now()})


def failed_before(db: sqlite_utils.Database, path: str, sha256: Optional[str], run_id: Optional[int] = None
                  ) -> Optional[str]:
    """When the file at ``path`` first failed with this same content (sha256) in an earlier run; None if never.

    A file that fails again unchanged is a known failure: reported, but no reason to fail the run."""
    row = db.execute("SELECT min(at) FROM errors WHERE path = ? AND sha256 IS ? AND run_id IS NOT ?",
                     [str(path), sha256, run_id]).fetchone()
    return row[0] if row and row[0] else None


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict[str, int]) -> None:
    """Close a run with its per-outcome counts."""
    with db.atomic():
        db.table("runs").update(run_id, {"finished_at": now(), "counts": json.dumps(counts),
                                   **{k: int(counts.get(k, 0)) for k in OUTCOMES}})
