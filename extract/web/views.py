"""SQL views the web interface browses: each record with its context, a year to facet on,
and what it needs for links (document sha256 and page). Made by every ingest (``followup``),
idempotent, and rewritten only when their SQL changed, so a running server is not disturbed.

Council and committee names show one spelling per case-folded name (``store.names``), so
"CABINET" and "Cabinet" are one facet value.
"""

from __future__ import annotations

import sqlite_utils

from ..store.names import TABLE as NAMES_TABLE
from ..store.names import sql_name as n

VIEWS: dict[str, str] = {
    "decisions": f"""
        SELECT r.key, {n('m.council')} AS council, {n('m.body')} AS body, m.date AS meeting_date, substr(m.date, 1, 4) AS year,
               r.item_number, mi.title AS item_title, r.number, r.text, r.keyword,
               v.votes_for, v.votes_against, v.votes_abstain, v.outcome,
               r.text_source, r.sha256, r.page
        FROM resolutions r
        LEFT JOIN meetings m ON m.key = r.meeting_key
        LEFT JOIN minute_items mi ON mi.key = r.item_key
        LEFT JOIN votes v ON v.resolution_key = r.key""",
    "recommendation_status": f"""
        SELECT substr(t.key, 1, 8) AS id, {n('t.council')} AS council, {n('t.body')} AS body, t.raised, substr(t.raised, 1, 4) AS year, t.item_number, t.item_title,
               t.request, t.owner, t.due,
               COALESCE((SELECT h.status FROM rec_history h WHERE h.item_key = t.key ORDER BY h.id DESC LIMIT 1),
                        t.proposed_status, 'open') AS status,
               CASE WHEN EXISTS (SELECT 1 FROM rec_history h WHERE h.item_key = t.key) THEN 'set by a person'
                    WHEN t.proposed_status IS NOT NULL THEN 'evidence' ELSE 'no evidence yet' END AS status_basis,
               CAST(julianday('now') - julianday(t.raised) AS INTEGER) AS days_outstanding,
               l.date AS evidence_date, l.snippet AS evidence, l.sha256 AS evidence_sha256, l.page AS evidence_page,
               t.text_source, t.sha256, t.page
        FROM tracked_items t LEFT JOIN rec_links l ON l.key = t.evidence_key""",
    "kpi_series": f"""
        SELECT k.key, COALESCE(i.indicator_key, k.indicator_ref) AS indicator_key, k.indicator, k.column_label,
               k.period, k.raw, k.value, k.unit, k.rag, k.table_name, {n('k.council')} AS council, k.date AS report_date,
               substr(COALESCE(k.period, k.date), 1, 4) AS year, k.sha256, k.page
        FROM kpi_values k LEFT JOIN indicators i ON i.key = k.indicator_ref""",
    "action_list": f"""
        SELECT a.key, {n('a.council')} AS council, {n('a.body')} AS body, a.date AS meeting_date, substr(a.date, 1, 4) AS year, a.owner, a.due,
               a.source, a.text, a.text_source, a.sha256, a.page
        FROM actions a""",
    "document_list": f"""
        SELECT d.sha256, d.file, d.kind, {n('d.council')} AS council, {n('d.body')} AS body, d.date, substr(d.date, 1, 4) AS year, d.pages,
               d.ingested_at, f.meeting_url, f.url AS source_url
        FROM documents d LEFT JOIN (SELECT sha256, MAX(meeting_url) AS meeting_url, MAX(url) AS url
                                    FROM fetched_documents GROUP BY sha256) f ON f.sha256 = d.sha256""",
    # What people ask for most, as views rather than saved queries: Datasette pages through them (a page
    # never renders thousands of rows) and facets them; the page column links to the source page.
    "outstanding_recommendations": """
        SELECT id, body, raised, days_outstanding, request, owner, status, status_basis, evidence_date, evidence,
               sha256, page, evidence_sha256, evidence_page
        FROM recommendation_status WHERE status IN ('open', 'in progress')
        ORDER BY body, raised, id""",
    "overdue_actions": """
        SELECT owner, due, CAST(julianday('now') - julianday(due) AS INTEGER) AS days_overdue, text, body,
               meeting_date, sha256, page
        FROM action_list WHERE due IS NOT NULL AND due < date('now') ORDER BY owner, due""",
}


def ensure_views(db: sqlite_utils.Database) -> None:
    """Create the browse views, or rewrite those whose SQL changed; the tables they read are made if missing."""
    from ..fetch.fetcher import ensure_tables as ensure_fetch_tables
    from ..store.names import refresh_names
    from ..track.items import ensure_tables as ensure_tracker_tables

    ensure_tracker_tables(db)
    ensure_fetch_tables(db)
    if NAMES_TABLE not in db.table_names():
        refresh_names(db)
    current = {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'")}
    changed = {name: sql for name, sql in VIEWS.items() if current.get(name) != view_sql(name, sql)}
    if not changed:
        return
    with db.conn:
        for name, sql in changed.items():
            db.execute(f"DROP VIEW IF EXISTS {name}")
            db.execute(view_sql(name, sql))


def view_sql(name: str, sql: str) -> str:
    """The statement as SQLite keeps it in ``sqlite_master``, to compare with what is stored."""
    return f"CREATE VIEW {name} AS {sql}"


def views_current(db: sqlite_utils.Database) -> bool:
    """Are every browse view and the tables they read there, as this version writes them?"""
    current = {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'")}
    tables = set(db.table_names())
    return all(current.get(name) == view_sql(name, sql) for name, sql in VIEWS.items()) and \
        {NAMES_TABLE, "tracked_items", "rec_links", "rec_history", "tracker_state", "fetched_documents"} <= tables
