"""SQL views the web interface browses: each record with its context, a year to facet on,
and what it needs for links (document sha256 and page). Created before serving, idempotent."""

from __future__ import annotations

import sqlite_utils

VIEWS: dict[str, str] = {
    "decisions": """
        SELECT r.key, m.council, m.body, m.date AS meeting_date, substr(m.date, 1, 4) AS year,
               r.item_number, mi.title AS item_title, r.number, r.text, r.keyword,
               v.votes_for, v.votes_against, v.votes_abstain, v.outcome,
               r.text_source, r.sha256, r.page
        FROM resolutions r
        LEFT JOIN meetings m ON m.key = r.meeting_key
        LEFT JOIN minute_items mi ON mi.key = r.item_key
        LEFT JOIN votes v ON v.resolution_key = r.key""",
    "recommendation_status": """
        SELECT substr(t.key, 1, 8) AS id, t.council, t.body, t.raised, substr(t.raised, 1, 4) AS year, t.item_number, t.item_title,
               t.request, t.owner, t.due,
               COALESCE((SELECT h.status FROM rec_history h WHERE h.item_key = t.key ORDER BY h.id DESC LIMIT 1),
                        t.proposed_status, 'open') AS status,
               CASE WHEN EXISTS (SELECT 1 FROM rec_history h WHERE h.item_key = t.key) THEN 'set by a person'
                    WHEN t.proposed_status IS NOT NULL THEN 'evidence' ELSE 'no evidence yet' END AS status_basis,
               CAST(julianday('now') - julianday(t.raised) AS INTEGER) AS days_outstanding,
               l.date AS evidence_date, l.snippet AS evidence, l.sha256 AS evidence_sha256, l.page AS evidence_page,
               t.text_source, t.sha256, t.page
        FROM tracked_items t LEFT JOIN rec_links l ON l.key = t.evidence_key""",
    "kpi_series": """
        SELECT k.key, COALESCE(i.indicator_key, k.indicator_ref) AS indicator_key, k.indicator, k.column_label,
               k.period, k.raw, k.value, k.unit, k.rag, k.table_name, k.council, k.date AS report_date,
               substr(COALESCE(k.period, k.date), 1, 4) AS year, k.sha256, k.page
        FROM kpi_values k LEFT JOIN indicators i ON i.key = k.indicator_ref""",
    "action_list": """
        SELECT a.key, a.council, a.body, a.date AS meeting_date, substr(a.date, 1, 4) AS year, a.owner, a.due,
               a.source, a.text, a.text_source, a.sha256, a.page
        FROM actions a""",
    "document_list": """
        SELECT d.sha256, d.file, d.kind, d.council, d.body, d.date, substr(d.date, 1, 4) AS year, d.pages,
               d.ingested_at, f.meeting_url, f.url AS source_url
        FROM documents d LEFT JOIN (SELECT sha256, MAX(meeting_url) AS meeting_url, MAX(url) AS url
                                    FROM fetched_documents GROUP BY sha256) f ON f.sha256 = d.sha256""",
}


def ensure_views(db: sqlite_utils.Database) -> None:
    """(Re)create the browse views; the tracker and fetch tables they read are created if missing."""
    from ..fetch.fetcher import ensure_tables as ensure_fetch_tables
    from ..track.items import ensure_tables as ensure_tracker_tables

    ensure_tracker_tables(db)
    ensure_fetch_tables(db)
    with db.conn:
        for name, sql in VIEWS.items():
            db.execute(f"DROP VIEW IF EXISTS {name}")
            db.execute(f"CREATE VIEW {name} AS {sql}")
