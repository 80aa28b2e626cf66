"""The Datasette plugin behind ``council-extract serve``: links to source pages and KPI charts.

Text in the database comes from PDFs anyone can publish, so nothing from a
document is ever rendered as HTML: cells are escaped by Datasette, and the only
HTML this plugin makes is links built from our own values (document hashes,
page numbers, indicator keys), escaped too. Source files are served only by
hash (``/-/doc/SHA256``) and only when the database knows them; HTML and text
sources go out as plain text so a hostile page cannot run in the browser.
"""

from __future__ import annotations

import html
import mimetypes
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

LINK_COLUMNS = {"source_link", "evidence_link", "chart", "meeting_page", "meeting_url", "source_url"}


class _State:
    paths: dict[str, str] = {}


def configure(paths: dict[str, str]) -> None:
    """Which file each document hash may serve (set before the server starts)."""
    _State.paths = dict(paths)


def doc_link(sha256: Optional[str], page: Any = None) -> Optional[str]:
    if not sha256 or sha256 not in _State.paths:
        return None
    anchor = f"#page={int(page)}" if page not in (None, "") and str(page).isdigit() else ""
    return f"/-/doc/{sha256}{anchor}"


def chart_link(indicator_key: Optional[str]) -> Optional[str]:
    return f"/-/kpi-chart?indicator={quote(str(indicator_key))}" if indicator_key else None


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.create_function("doc_link", 2, doc_link, deterministic=True)
    conn.create_function("chart_link", 1, chart_link, deterministic=True)


def _anchor(url: str, label: str) -> Markup:
    return Markup(f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>')


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: Optional[str], database: str, datasette: Any) -> Optional[Markup]:
    if not isinstance(value, str) or not value:
        return None
    if column == "indicator_key" and table in ("kpi_series", "indicators"):
        return _anchor(chart_link(value) or "", f"{value} (chart)")
    if column in LINK_COLUMNS and (value.startswith("/-/") or value.startswith(("https://", "http://"))):
        label = {"chart": "chart", "meeting_page": "meeting page", "meeting_url": "meeting page"}.get(column, "open")
        return _anchor(value, label)
    return None


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/doc/(?P<sha256>[0-9a-f]{64})$", serve_document)]  # the KPI chart: kpichart.py


async def serve_document(request: Any, datasette: Any) -> Response:
    sha = request.url_vars["sha256"]
    path = _State.paths.get(sha)
    if not path or not Path(path).is_file():
        return Response.text("no such document in this database", status=404)
    data = Path(path).read_bytes()
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind != "application/pdf":
        kind = "text/plain; charset=utf-8"  # never let a stored HTML page render
    return Response(data, content_type=kind, headers={"Content-Disposition": f'inline; filename="{Path(path).name}"',
                                                       "X-Content-Type-Options": "nosniff"})
