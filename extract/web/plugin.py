"""The Datasette plugin behind ``council-extract serve``: pages for people, links to source pages and KPI charts.

People who do not write SQL start at the front page (``/``): a search box with council,
committee, date and paper-type filters (``/-/search``, each sentence once, pages of
results), the outstanding recommendations (``/-/outstanding``), the KPI series
(``/-/kpis``) and the latest papers. Datasette's tables, views and saved queries stay one
click away for those who do; a view's SQL is shown only when asked for (``?_sql=1``).

Text in the database comes from PDFs anyone can publish, so nothing from a document is
ever rendered as HTML: templates escape every value, cells are escaped by Datasette, and
the only HTML this plugin makes is links built from our own values (document hashes,
page numbers, indicator keys), escaped too. Source files are served only by hash
(``/-/doc/SHA256``) and only when the database knows them; HTML and text sources go out
as plain text so a hostile page cannot run in the browser.

The database is read on Datasette's read-only connections, which see every commit of an
ingest running beside the server; nothing here keeps state from the start.
"""

from __future__ import annotations

import html
import mimetypes
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from . import pages
from .guard import limit_connection

LINK_COLUMNS = {"source_link", "evidence_link", "chart", "meeting_page", "meeting_url", "source_url"}
# A page column links to its document when the row names the document: (page column, hash column).
PAGE_LINKS = {"page": "sha256", "evidence_page": "evidence_sha256"}
SHA_LENGTH = 64


def doc_link(sha256: Optional[str], page: Any = None) -> Optional[str]:
    """``/-/doc/SHA#page=N`` for a document hash (the route checks the database knows it)."""
    if not sha256 or len(str(sha256)) != SHA_LENGTH or not all(c in "0123456789abcdef" for c in str(sha256)):
        return None
    anchor = f"#page={int(page)}" if page not in (None, "") and str(page).isdigit() else ""
    return f"/-/doc/{sha256}{anchor}"


def chart_link(indicator_key: Optional[str]) -> Optional[str]:
    return f"/-/kpi-chart?indicator={quote(str(indicator_key))}" if indicator_key else None


def fts_query(text: Optional[str]) -> Optional[str]:
    """The search box's words as FTS5 reads them (``store.search.fts_query``: "S.106" stays one word)."""
    from ..store.search import fts_query as to_fts

    return to_fts(text) if text else text


@hookimpl
def prepare_connection(conn: Any) -> None:
    limit_connection(conn)  # one value, one result's width: capped (guard.py)
    conn.create_function("doc_link", 2, doc_link, deterministic=True)
    conn.create_function("chart_link", 1, chart_link, deterministic=True)
    conn.create_function("fts_query", 1, fts_query, deterministic=True)


def _anchor(url: str, label: str) -> Markup:
    return Markup(f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>')


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: Optional[str], database: str, datasette: Any) -> Optional[Markup]:
    if column in PAGE_LINKS and value not in (None, "") and str(value).isdigit():
        try:
            link = doc_link(row[PAGE_LINKS[column]], value)
        except (KeyError, IndexError):
            link = None
        return _anchor(link, f"page {value}") if link else None
    if not isinstance(value, str) or not value:
        return None
    if column == "indicator_key" and table in ("kpi_series", "indicators"):
        return _anchor(chart_link(value) or "", f"{value} (chart)")
    if column in LINK_COLUMNS and (value.startswith("/-/") or value.startswith(("https://", "http://"))):
        label = {"chart": "chart", "meeting_page": "meeting page", "meeting_url": "meeting page"}.get(column, "open")
        if label == "open" and "#page=" in value:
            label = f"open page {value.rsplit('#page=', 1)[1]}"
        return _anchor(value, label)
    return None


@hookimpl
def extra_template_vars(template: str, request: Any) -> dict[str, Any]:
    """A view's (or table's) SQL only when asked for: ``?_sql=1`` (the link "Show the SQL"); the database page
    lists the browse views by title and description."""
    if template == "database.html":
        from .metadata import TABLES
        from .views import VIEWS

        return {"ce_views": [{"name": name, "title": TABLES.get(name, {}).get("title", name),
                              "description": TABLES.get(name, {}).get("description")} for name in VIEWS]}
    if template != "table.html" or request is None:
        return {}
    if request.args.get("_sql"):
        return {"sql_shown": True}
    args = [(k, v) for k in request.args.keys() if k != "_sql" for v in request.args.getlist(k)] + [("_sql", "1")]
    return {"view_definition": None, "table_definition": None, "sql_hidden": True,
            "show_sql_url": request.path + "?" + urlencode(args)}


@hookimpl
def extra_css_urls() -> list[str]:
    return ["/-/council-extract.css"]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/$", pages.front),
            (r"^/-/search$", pages.search),
            (r"^/-/outstanding$", pages.outstanding),
            (r"^/-/kpis$", pages.kpis),
            (r"^/-/council-extract\.css$", pages.stylesheet),
            (r"^/-/doc/(?P<sha256>[0-9a-f]{64})$", serve_document)]  # the KPI chart: kpichart.py


async def serve_document(request: Any, datasette: Any) -> Response:
    sha = request.url_vars["sha256"]
    rows = (await datasette.get_database().execute("SELECT path FROM documents WHERE sha256 = ?", [sha])).rows
    path = str(Path(rows[0]["path"]).resolve()) if rows and rows[0]["path"] else None
    if not path or not Path(path).is_file():
        return Response.text("no such document in this database", status=404)
    data = Path(path).read_bytes()
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind != "application/pdf":
        kind = "text/plain; charset=utf-8"  # never let a stored HTML page render
    return Response(data, content_type=kind, headers={"Content-Disposition": content_disposition(Path(path).name),
                                                       "X-Content-Type-Options": "nosniff"})


def content_disposition(name: str) -> str:
    """``inline`` with the file's name, whatever it holds: an ASCII name with quotes, backslashes, control
    characters (a newline would end the header) and non-ASCII letters replaced, and the exact name
    percent-encoded as ``filename*`` (RFC 6266), which browsers prefer."""
    plain = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name) or "document"
    return f"inline; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def run_on(datasette: Any, fn: Callable[[Any], Any]) -> Any:
    """``fn(db)`` on a read-only connection (as a ``sqlite_utils`` database), within the SQL time limit."""
    from datasette.utils import sqlite_timelimit

    from ..store.schema import ReadOnlyDatabase

    limit = datasette.setting("sql_time_limit_ms") or 5000

    def call(conn: Any) -> Any:
        with sqlite_timelimit(conn, limit):
            return fn(ReadOnlyDatabase(conn))

    return datasette.get_database().execute_fn(call)
