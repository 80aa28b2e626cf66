"""Datasette metadata for a council-extract database: titles, descriptions, facets,
labels, sort orders, hidden FTS tables, and the canned queries people need."""

from __future__ import annotations

from typing import Any

from .views import VIEWS

TABLES: dict[str, dict[str, Any]] = {
    "documents": {"title": "Documents", "description": "Every file ingested, keyed on its content (sha256).",
                  "label_column": "file", "facets": ["kind", "council", "body"], "sort_desc": "date",
                  "columns": {"sha256": "Content hash: the document's identity", "path": "Where the file was read from",
                              "kind": "agenda_pack, agenda, minutes, report, decision_notice, presentation, letter or other",
                              "council": "The authority that published it", "body": "The committee it is for",
                              "date": "The meeting (or decision) date", "pages": "Physical pages",
                              "ingested_at": "When it was stored", "warnings": "What the parser warned about"}},
    "document_list": {"title": "Documents (browse)", "facets": ["kind", "council", "body", "year"], "sort_desc": "date",
                      "description": "Documents with the council's own meeting page where the paper was fetched."},
    "pages": {"title": "Pages", "description": "The text of every page, and whether it came from OCR.",
              "facets": ["text_source"], "columns": {"text_source": "text_layer, ocr or none"}},
    "meetings": {"title": "Meetings", "label_column": "date", "facets": ["council", "body"], "sort_desc": "date",
                 "description": "Each meeting once, however many copies of its minutes arrived."},
    "attendance": {"title": "Attendance", "facets": ["role"], "description": "Who was present, sent apologies or attended."},
    "agenda_items": {"title": "Agenda items", "label_column": "title", "facets": ["council", "body"], "sort_desc": "date"},
    "minute_items": {"title": "Minute items", "label_column": "title", "description": "Numbered items of minutes."},
    "resolutions": {"title": "Resolutions", "label_column": "text", "facets": ["keyword", "text_source"],
                    "description": "What bodies decided, one row per numbered or lettered resolution."},
    "decisions": {"title": "Decisions (browse)", "facets": ["council", "body", "year", "outcome"],
                  "sort_desc": "meeting_date", "description": "Resolutions with their meeting, item and vote."},
    "votes": {"title": "Votes", "facets": ["outcome"]},
    "reports": {"title": "Officer reports", "label_column": "subject", "facets": ["council", "decision_maker"],
                "sort_desc": "date"},
    "recommendations": {"title": "Report recommendations", "label_column": "text"},
    "actions": {"title": "Actions", "label_column": "text", "facets": ["council", "source", "owner"], "sort_desc": "date",
                "columns": {"owner": "Who must act, as worded in the paper", "owner_key": "The owner, normalised",
                            "due": "Due date where the paper states one"}},
    "action_list": {"title": "Actions (browse)", "facets": ["council", "body", "owner", "source", "year"],
                    "sort_desc": "meeting_date", "description": "Actions with their meeting, owner and due date."},
    "owners": {"title": "Owners", "label_column": "name", "facets": ["council"]},
    "metrics": {"title": "Figures in the text", "label_column": "text", "facets": ["council", "body"]},
    "indicators": {"title": "Indicators", "label_column": "label", "facets": ["council", "unit"]},
    "kpi_values": {"title": "KPI values", "label_column": "indicator", "facets": ["council", "unit", "rag"],
                   "units": {}, "description": "One row per table cell; `unit` says whether a value is a percentage, "
                                               "a number, a rate or money (amounts keep the printed scale)."},
    "kpi_series": {"title": "KPI series (browse)", "facets": ["council", "unit", "rag", "year"], "sort": "period",
                   "description": "KPI values with their indicator key; follow the chart link of a series."},
    "tracked_items": {"title": "Tracked requests", "label_column": "request", "facets": ["body", "proposed_status", "owner"]},
    "recommendation_status": {"title": "Recommendation status (browse)", "facets": ["body", "status", "owner", "year"],
                              "sort": "raised",
                              "description": "Every tracked request with its status, why it has it, and the evidence."},
    "outstanding_recommendations": {
        "title": "Outstanding recommendations by committee", "facets": ["body", "status", "owner"], "size": 50,
        "description": "Requests not yet answered or closed, by committee and date raised, with days outstanding "
                       "and the evidence for each status; page links open the source. (For reading: /-/outstanding.)",
        "columns": {"status_basis": "Why it has this status: set by a person, evidence from a later paper, or none",
                    "evidence": "The latest paper's words that bear on it"}},
    "overdue_actions": {"title": "Overdue actions by owner", "facets": ["owner", "body"], "size": 50,
                        "description": "Actions whose stated due date has passed, by owner."},
    "rec_links": {"title": "Follow-up evidence", "facets": ["proposed_status", "tbl"]},
    "rec_history": {"title": "Status history (entered by people)", "sort_desc": "at"},
    "runs": {"title": "Batch runs", "sort_desc": "started_at"},
    "run_files": {"title": "Files per run", "facets": ["outcome"]},
    "errors": {"title": "Unreadable files", "sort_desc": "at"},
    "fetch_log": {"title": "Fetch log", "facets": ["council", "status"]},
    "fetched_documents": {"title": "Fetched documents", "facets": ["council", "committee"], "sort_desc": "meeting_date"},
    "sources": {"title": "Copies", "description": "Every copy (document and page) of each stored record."},
    "search_rows": {"title": "Search index rows", "hidden": True},
    "name_forms": {"title": "Name spellings", "hidden": True,
                   "description": "One spelling per council and committee name (names differing only in case)."},
}

HIDDEN_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")

# Saved queries for people who want the SQL too: titled and described, their SQL shown only when asked for
# ("show" beside the query). Each is capped; the paginated pages for people are the browse views and /-/search.
QUERIES: dict[str, dict[str, Any]] = {
    "new_since": {
        "title": "What is new since a date",
        "description": "Documents stored on or after the date (YYYY-MM-DD), with what they hold (newest 500).",
        "hide_sql": True,
        "sql": """SELECT d.ingested_at, d.kind, d.council, d.body, d.date, d.file,
                         (SELECT count(*) FROM sources s WHERE s.sha256 = d.sha256 AND s.tbl = 'resolutions') AS resolutions,
                         (SELECT count(*) FROM sources s WHERE s.sha256 = d.sha256 AND s.tbl = 'actions') AS actions,
                         doc_link(d.sha256, 1) AS source_link
                  FROM documents d WHERE d.ingested_at >= :since ORDER BY d.ingested_at DESC LIMIT 500""",
    },
    "search_minutes": {
        "title": "Search the papers (SQL)",
        "description": "Full-text search (words, \"phrases\", OR, prefix*) as SQL, best 200 hits; matches are marked "
                       "«like this». The search page (/-/search) has filters, pages of results and each sentence once.",
        "hide_sql": True,
        "sql": """SELECT snippet(search_fts, 1, '«', '»', '…', 16) AS snippet, r.tbl AS found_in, d.file AS document,
                         r.council, r.body, r.date, r.page, doc_link(r.sha256, r.page) AS source_link,
                         (SELECT MAX(meeting_url) FROM fetched_documents f WHERE f.sha256 = r.sha256) AS meeting_page
                  FROM search_fts JOIN search_rows r ON r.id = search_fts.rowid
                  JOIN documents d ON d.sha256 = r.sha256
                  WHERE search_fts MATCH fts_query(:q) ORDER BY rank LIMIT 200""",
    },
    "resolutions_matching": {
        "title": "Resolutions matching a phrase, across councils",
        "description": "Resolutions whose text holds the phrase (any case), newest meeting first (500 at most).",
        "hide_sql": True,
        "sql": """SELECT council, body, meeting_date, item_number, item_title, text, outcome,
                         doc_link(sha256, page) AS source_link
                  FROM decisions WHERE text LIKE '%' || :phrase || '%' ORDER BY meeting_date DESC LIMIT 500""",
    },
    "kpi_series": {
        "title": "One KPI's series across reports",
        "description": "Values of an indicator (give part of its name), in period order, with a chart (500 at most).",
        "hide_sql": True,
        "sql": """SELECT indicator, period, column_label, raw, value, unit, rag, council, report_date,
                         chart_link(indicator_key) AS chart, doc_link(sha256, page) AS source_link
                  FROM kpi_series WHERE indicator LIKE '%' || :indicator || '%'
                  ORDER BY indicator_key, COALESCE(period, column_label) LIMIT 500""",
    },
}


def build_metadata(table_names: list[str], database: str = "council") -> dict[str, Any]:
    """Metadata for the tables and views present in the database."""
    tables: dict[str, Any] = {}
    for name in table_names:
        spec = dict(TABLES.get(name, {}))
        if name.endswith(HIDDEN_SUFFIXES) or name.startswith("search_fts"):
            spec["hidden"] = True
        if spec:
            tables[name] = spec
    return {
        "title": "council-extract",
        "description": "Committee papers as data: search, decisions, tracked recommendations and KPI series. "
                       "Text comes from published PDFs; rows marked text_source = ocr were read by OCR.",
        "about": "council-extract",
        "databases": {database: {"tables": tables, "queries": QUERIES,
                                 "description": f"{len(VIEWS)} browse views start with the record's context."}},
    }
