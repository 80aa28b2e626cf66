"""What went into the store, and the actions still open: the README's main job ends here.

An action is open unless someone has closed it: actions whose resolution (or the
action itself) the tracker follows (``tracked_items.source_key``) with a latest
``rec_history`` status in ``CLOSED_STATUSES`` are left out, as are actions named in
a table ``action_status`` (``action_key``, ``status``) with such a status. Without
those tables every action is open.
"""

from __future__ import annotations

from typing import Any, Optional

import sqlite_utils

from .schema import table_names

COUNTED = (("documents", "documents"), ("pages", "pages"), ("meetings", "meetings"),
           ("minute_items", "minute items"), ("resolutions", "resolutions"), ("reports", "reports"),
           ("recommendations", "recommendations"), ("actions", "actions"), ("kpi_values", "KPI values"),
           ("metrics", "metrics"))
CLOSED_STATUSES = ("done", "closed", "completed", "complete", "dropped", "superseded", "answered")
ACTION_SOURCES = ("resolution", "next_steps", "recommendation")


def counts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """``[{what, count}]`` for each kind of row stored."""
    names = set(db.table_names())
    return [{"what": label, "count": db[table].count if table in names else 0} for table, label in COUNTED]


def open_actions(db: sqlite_utils.Database, limit: Optional[int] = None,
                 sources: tuple[str, ...] = ACTION_SOURCES) -> list[dict[str, Any]]:
    """Actions not closed, newest meeting first: date, body, owner, text, document, page, key."""
    where = [f"a.source IN ({', '.join('?' for _ in sources)})"]
    params: list[Any] = list(sources)
    if "action_status" in db.table_names() and {"action_key", "status"} <= set(db["action_status"].columns_dict):
        where.append(f"a.key NOT IN (SELECT action_key FROM action_status WHERE lower(status) IN "
                     f"({', '.join('?' for _ in CLOSED_STATUSES)}))")
        params += list(CLOSED_STATUSES)
    tables = table_names(db)
    if {"tracked_items", "rec_history"} <= tables:
        # the tracker's status per tracked resolution/recommendation (its source_key): the latest one a
        # person set, else the one its evidence proposes
        proposed = "t.proposed_status" if "proposed_status" in db.table("tracked_items").columns_dict else "NULL"
        where.append(f"""coalesce(a.resolution_key, a.key) NOT IN (
            SELECT t.source_key FROM tracked_items t
            WHERE lower(coalesce((SELECT h.status FROM rec_history h WHERE h.item_key = t.key
                                  ORDER BY h.id DESC LIMIT 1), {proposed}, 'open'))
                  IN ({', '.join('?' for _ in CLOSED_STATUSES)}))""")
        params += list(CLOSED_STATUSES)
    sql = f"""SELECT a.date, a.body, a.owner, a.text, a.source, d.file, a.page, a.key
              FROM actions a JOIN documents d ON d.sha256 = a.sha256
              WHERE {' AND '.join(where)}
              ORDER BY a.date IS NULL, a.date DESC, d.file, a.page"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    if rows:
        from .names import namer

        name = namer(db)  # one spelling per committee
        for row in rows:
            row["body"] = name(row["body"])
    return rows


def last_run(db: sqlite_utils.Database) -> Optional[dict[str, Any]]:
    if "runs" not in db.table_names():
        return None
    rows = list(db["runs"].rows_where(order_by="id DESC", limit=1))
    return dict(rows[0]) if rows else None


def summary(db: sqlite_utils.Database, limit: Optional[int] = 50) -> dict[str, Any]:
    """Counts, the last run, recent errors and the open actions, as plain data."""
    errors = failing_files(db)
    return {"counts": counts(db) + [{"what": "files failing", "count": len(errors)}], "last_run": last_run(db),
            "errors": errors, "open_actions": open_actions(db, limit), "open_action_count": len(open_actions(db))}


def failing_files(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Each path's latest error, for paths with no document stored since (a fixed file drops out);
    ``since``: when that path first failed with the same content, ``runs``: how many runs it failed in
    (more than one: a known failure, which no longer fails the nightly run)."""
    if "errors" not in db.table_names():
        return []
    sql = """SELECT e.path, e.reason, e.at,
                    (SELECT min(o.at) FROM errors o WHERE o.path = e.path AND o.sha256 IS e.sha256) AS since,
                    (SELECT count(DISTINCT o.run_id) FROM errors o WHERE o.path = e.path AND o.sha256 IS e.sha256)
                        AS runs
             FROM errors e
             WHERE e.id = (SELECT max(id) FROM errors WHERE path = e.path)
               AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.path = e.path AND d.ingested_at >= e.at)
             ORDER BY e.id DESC"""
    cursor = db.execute(sql)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
