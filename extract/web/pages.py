"""The pages for people who do not write SQL: front page, search, outstanding recommendations, KPI series.

Each page gathers its rows with the library (``store.search``, ``track.status``) on a
read-only connection and renders a template in ``templates/`` (Datasette's look, every
value escaped by Jinja). Long lists come a page at a time (``PAGE_SIZE``, ``?page=N``),
so no page renders thousands of rows; council and committee names show one spelling
(``store.names``); columns a page would leave empty are not drawn.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, Optional
from urllib.parse import urlencode

from datasette.utils.asgi import Response

PAGE_SIZE = 25
LATEST = 8
TABLE_LABELS = {"pages": "Page", "agenda_items": "Agenda item", "minute_items": "Minute item",
                "resolutions": "Resolution", "actions": "Action", "recommendations": "Recommendation"}
FILTERS = ("council", "body", "since", "until", "kind")


def page_number(request: Any) -> int:
    text = request.args.get("page") or "1"
    return max(1, int(text)) if text.isdigit() else 1


def page_links(request: Any, page: int, has_next: bool, pages: Optional[int] = None) -> dict[str, Any]:
    """Previous/next links that keep the page's other arguments."""
    def url(n: int) -> str:
        args = [(k, v) for k in request.args.keys() if k != "page" for v in request.args.getlist(k)]
        args += [("page", str(n))] if n > 1 else []
        return request.path + ("?" + urlencode(args) if args else "")

    return {"page": page, "pages": pages, "previous": url(page - 1) if page > 1 else None,
            "next": url(page + 1) if has_next else None}


def nice_date(value: Optional[str]) -> str:
    """"2021-09-30" -> "30 Sep 2021"; anything else as it is."""
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%-d %b %Y")
    except ValueError:
        return str(value)


def _rows(db: Any, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# ---------------------------------------------------------------- what the pages show


def choices(db: Any) -> dict[str, Any]:
    """Councils, committees and paper types to filter by (one spelling each), from the documents stored."""
    from ..record import KINDS
    from ..store.names import namer

    name = namer(db)

    def distinct(column: str) -> list[str]:
        values = {name(r[0]) for r in db.execute(f"SELECT DISTINCT {column} FROM documents WHERE {column} IS NOT NULL")}
        return sorted((v for v in values if v), key=str.casefold)

    kinds = {r[0] for r in db.execute("SELECT DISTINCT kind FROM documents")}
    return {"councils": distinct("council"), "committees": distinct("body"), "kinds": [k for k in KINDS if k in kinds]}


def front_data(db: Any) -> dict[str, Any]:
    from ..store.names import namer

    name = namer(db)
    tables = set(db.table_names()) | set(db.view_names())
    count = (lambda sql: db.execute(sql).fetchone()[0])  # noqa: E731
    latest = _rows(db, "SELECT sha256, file, kind, council, body, date, pages FROM documents "
                       "ORDER BY date IS NULL, date DESC, ingested_at DESC LIMIT ?", [LATEST])
    for doc in latest:
        doc["council"], doc["body"], doc["when"] = name(doc["council"]), name(doc["body"]), nice_date(doc["date"])
    return {
        "documents": count("SELECT count(*) FROM documents"),
        "meetings": count("SELECT count(*) FROM meetings"),
        "resolutions": count("SELECT count(*) FROM resolutions"),
        "outstanding": count("SELECT count(*) FROM outstanding_recommendations")
        if "outstanding_recommendations" in tables else 0,
        "indicators": count("SELECT count(DISTINCT COALESCE(i.indicator_key, k.indicator_ref)) FROM kpi_values k "
                            "LEFT JOIN indicators i ON i.key = k.indicator_ref"),
        "latest": latest, **choices(db)}


def search_data(db: Any, args: dict[str, str], page: int) -> dict[str, Any]:
    """One page of hits, each sentence once; a query FTS5 cannot read raises ``BadQuery`` (the CLI's message)."""
    from ..store.names import namer
    from ..store.search import search

    name = namer(db)
    hits = search(db, args["q"], council=args.get("council") or None, body=args.get("body") or None,
                  since=args.get("since") or None, until=args.get("until") or None, kind=args.get("kind") or None,
                  limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, marks=("\x02", "\x03"))
    for hit in hits:
        hit["label"] = TABLE_LABELS.get(hit["table"], hit["table"])
        hit["also"] = [TABLE_LABELS.get(t, t).lower() for t in hit["also_in"]]
        hit["body"], hit["council"], hit["when"] = name(hit["body"]), name(hit["council"]), nice_date(hit["date"])
        hit["parts"] = snippet_parts(hit["snippet"])
    return {"hits": hits[:PAGE_SIZE], "has_next": len(hits) > PAGE_SIZE}


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as (text, is a match) pieces, for the template to escape and mark."""
    out: list[tuple[str, bool]] = []
    for i, piece in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        if piece:
            out.append((re.sub(r"\s+", " ", piece), i % 2 == 1))
    return out


OUTSTANDING_COLUMNS = (("id", "ID"), ("request", "Request"), ("body", "Committee"), ("raised", "Raised"),
                       ("age_days", "Days"), ("owner", "Owner"), ("status", "Status"), ("evidence", "Latest evidence"),
                       ("source", "Source"))


def outstanding_data(db: Any, args: dict[str, str], page: int) -> dict[str, Any]:
    """Outstanding requests (open or in progress), by committee and date raised; columns no row fills are left out."""
    from ..track.status import effective_rows, select

    rows = select(effective_rows(db), body=args.get("body") or None, status="outstanding",
                  owner=args.get("owner") or None)
    rows.sort(key=lambda r: ((r["body"] or "").casefold(), r["raised"] or "", r["id"]))
    total = len(rows)
    shown = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    for r in shown:
        r["raised"] = nice_date(r["raised"])
        r["source"] = f"{r['file']}, page {r['page']}" if r.get("file") else None
        r["source_url"] = _doc(r["sha256"], r["page"])
        r["evidence"] = (f"{nice_date(r['evidence_date'])}: {r['evidence']}" if r.get("evidence") else None)
        r["evidence_url"] = _doc(r.get("evidence_sha256"), r.get("evidence_page")) if r.get("evidence") else None
    columns = [(key, label) for key, label in OUTSTANDING_COLUMNS if any(r.get(key) not in (None, "") for r in shown)]
    committees = sorted({r["body"] for r in effective_rows(db) if r["body"]}, key=str.casefold)
    return {"rows": shown, "columns": columns, "total": total, "pages": max(1, math.ceil(total / PAGE_SIZE)),
            "has_next": page * PAGE_SIZE < total, "committees": committees}


def _doc(sha256: Optional[str], page: Any) -> Optional[str]:
    from .plugin import doc_link

    return doc_link(sha256, page)


def kpi_data(db: Any, args: dict[str, str], page: int) -> dict[str, Any]:
    """Indicators (filtered by part of the name), each with its values' span and a chart link."""
    from ..store.names import namer
    from ..store.search import contains

    name = namer(db)
    where: list[str] = ["indicator_key IS NOT NULL"]
    params: dict[str, Any] = {"limit": PAGE_SIZE + 1, "offset": (page - 1) * PAGE_SIZE}
    contains(where, params, "q", "indicator", args.get("q") or None)
    rows = _rows(db, f"""SELECT indicator_key, MAX(indicator) AS indicator, MAX(council) AS council,
                                MAX(unit) AS unit, count(*) AS n_values, MIN(period) AS first, MAX(period) AS last
                         FROM kpi_series WHERE {' AND '.join(where)} GROUP BY indicator_key
                         ORDER BY lower(MAX(indicator)) LIMIT :limit OFFSET :offset""", params)
    for r in rows:
        r["council"] = name(r["council"])
        from .plugin import chart_link

        r["chart"] = chart_link(r["indicator_key"])
    return {"rows": rows[:PAGE_SIZE], "has_next": len(rows) > PAGE_SIZE}


# ---------------------------------------------------------------- routes


def _args(request: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {n: (request.args.get(n) or "").strip() for n in names}


async def _render(datasette: Any, request: Any, template: str, context: dict[str, Any], status: int = 200) -> Response:
    db = datasette.get_database()
    context = {"database": db.name, "nice_date": nice_date, **context}
    return Response.html(await datasette.render_template(template, context, request=request), status=status)


async def front(request: Any, datasette: Any) -> Response:
    from .plugin import run_on

    data = await run_on(datasette, front_data)
    return await _render(datasette, request, "ce_front.html", {**data, "args": _args(request, ("q", *FILTERS))})


async def search(request: Any, datasette: Any) -> Response:
    from ..errors import BadQuery
    from .plugin import run_on

    args = _args(request, ("q", *FILTERS))
    page = page_number(request)
    context: dict[str, Any] = {"args": args, "error": None, "hits": [], **(await run_on(datasette, choices))}
    status = 200
    if args["q"]:
        try:
            found = await run_on(datasette, lambda db: search_data(db, args, page))
            context.update(found, paging=page_links(request, page, found["has_next"]), first=(page - 1) * PAGE_SIZE + 1)
        except BadQuery as exc:
            context["error"], status = str(exc), 400
    return await _render(datasette, request, "ce_search.html", context, status)


async def outstanding(request: Any, datasette: Any) -> Response:
    from .plugin import run_on

    args = _args(request, ("body", "owner"))
    page = page_number(request)
    data = await run_on(datasette, lambda db: outstanding_data(db, args, page))
    return await _render(datasette, request, "ce_outstanding.html",
                         {**data, "args": args, "paging": page_links(request, page, data["has_next"], data["pages"])})


async def kpis(request: Any, datasette: Any) -> Response:
    from .plugin import run_on

    args = _args(request, ("q",))
    page = page_number(request)
    data = await run_on(datasette, lambda db: kpi_data(db, args, page))
    return await _render(datasette, request, "ce_kpis.html",
                         {**data, "args": args, "paging": page_links(request, page, data["has_next"])})


STYLE = """
.ce-search{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0 1.5rem}
.ce-search label{display:flex;flex-direction:column;font-size:.85rem;color:#444}
.ce-search label.ce-q{flex:1 1 100%}
.ce-search label.ce-q input{font-size:1.15rem;padding:.4rem .6rem;width:100%;max-width:44rem;box-sizing:border-box}
.ce-search select,.ce-search input[type=date]{padding:.3rem}
.ce-search button{font-size:1rem;padding:.4rem 1.2rem}
.ce-cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
.ce-cards a{display:block;border:1px solid #ccc;border-radius:6px;padding:.8rem 1rem;min-width:14rem;text-decoration:none}
.ce-cards strong{display:block;font-size:1.6rem}
.ce-hits{padding-left:1.2rem}.ce-hits li{margin-bottom:1rem}
.ce-hits .snippet{margin:.1rem 0}.ce-hits mark{background:#fff2a8;padding:0 .1rem}
.ce-where{color:#555;font-size:.9rem;margin:.1rem 0}
.ce-error{color:#a00;font-weight:600}
.ce-paging{margin:1rem 0;display:flex;gap:1.5rem}
table.ce-table{border-collapse:collapse;width:100%;table-layout:auto}
table.ce-table th,table.ce-table td{border-bottom:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}
table.ce-table td.col-source,table.ce-table td.col-evidence{overflow-wrap:anywhere}
table.ce-table .col-request{width:46%;min-width:20rem}
table.ce-table .col-evidence{width:20%;font-size:.9rem;color:#444}
table.ce-table .col-source{width:13%;font-size:.85rem}
table.ce-table .col-body{width:11%}
table.ce-table td.col-id,table.ce-table td.col-raised,table.ce-table td.col-age_days,
table.ce-table td.col-status,table.ce-table td.col-date{white-space:nowrap}
.table-outstanding_recommendations td.col-request,.query-outstanding_recommendations td.col-request{min-width:24rem}
"""


async def stylesheet(request: Any, datasette: Any) -> Response:
    return Response(STYLE, content_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})
