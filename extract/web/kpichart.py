"""The KPI chart page (``/-/kpi-chart?indicator=KEY[&council=NAME]``): a Vega-Lite spec drawn in the browser.

One indicator of one council (one series per indicator per council): its own
values on a time axis, each period at the middle of the span it covers, one line
per granularity (monthly values and annual values are never joined into one
line); targets and comparators drawn as labelled reference lines, never as
points of the time line; the y axis starts at zero (and says so); each point
links to the page of the paper it was read from, and the table under the chart
lists every value with that link too.

Vega, Vega-Lite and vega-embed (BSD-3-Clause, licences beside them in
``static/vega/``) are vendored in the package and served from here, so nothing
is fetched at run time. Text from papers goes into the page only as escaped
HTML or as JSON with ``<``, ``>`` and ``&`` escaped, so it cannot open a tag.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response

from ..parse.kpis.cells import column_kind, period_bounds, period_type

STATIC = Path(__file__).with_name("static") / "vega"
TEMPLATE = Path(__file__).with_name("templates") / "kpi_chart.html"
SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
GRANULARITY_NAMES = {"month": "monthly", "quarter": "quarterly", "financial_year": "financial year",
                     "year": "calendar year", "date": "on a date", "range": "over a range"}
REFERENCE_DASH = {"target": [6, 3], "comparator": [2, 2]}


def _midpoint(bounds: tuple[str, str]) -> str:
    start, end = date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])
    return date.fromordinal((start.toordinal() + end.toordinal()) // 2).isoformat()


def series_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stored KPI rows of one indicator and council -> points (period values with a date), reference lines
    (targets and comparators: the latest report's value of each) and the rest (listed, not drawn)."""
    points: list[dict[str, Any]] = []
    references: dict[tuple[str, str], dict[str, Any]] = {}
    listed: list[dict[str, Any]] = []
    for row in rows:
        kind = row.get("column_kind") or column_kind(row.get("column_label"))
        period = row.get("period") if kind not in ("target", "comparator") else None
        bounds = period_bounds(period) if kind == "period" else None
        link = doc_href(row.get("sha256"), row.get("page"))
        item = {"column": row.get("column_label"), "kind": kind, "period": period, "value": row.get("value"),
                "raw": row.get("raw"), "report_date": row.get("report_date"), "page": row.get("page"), "href": link}
        listed.append(item)
        if row.get("value") is None:
            continue
        if bounds:
            ptype = period_type(period) or "other"
            points.append({**item, "date": _midpoint(bounds), "start": bounds[0], "end": bounds[1],
                           "granularity": GRANULARITY_NAMES.get(ptype, ptype)})
        elif kind in ("target", "comparator"):
            key = (kind, str(row.get("column_label") or kind))
            previous = references.get(key)
            if previous is None or str(row.get("report_date") or "") >= str(previous.get("report_date") or ""):
                references[key] = {**item, "label": f"{key[1]}: {row.get('raw') or row.get('value')}"}
    # one value per period and granularity: a later report's reading of the same period replaces an earlier one
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for point in sorted(points, key=lambda p: str(p.get("report_date") or "")):
        latest[(point["granularity"], str(point["period"]))] = point
    return {"points": sorted(latest.values(), key=lambda p: (p["date"], p["granularity"])),
            "references": list(references.values()), "listed": listed}


def chart_spec(title: str, unit: Optional[str], data: dict[str, Any]) -> dict[str, Any]:
    """The Vega-Lite spec: a temporal x axis, one line per granularity, reference rules, y from zero."""
    suffix = " (%)" if unit == "percentage" else (" (money)" if unit == "money" else "")
    y_title = f"value{suffix}, axis from 0"
    values = [p["value"] for p in data["points"]] + [r["value"] for r in data["references"]]
    domain_max = max([v for v in values if v is not None] + [0])
    domain_min = min([v for v in values if v is not None] + [0])
    y = {"field": "value", "type": "quantitative", "title": y_title,
         "scale": {"zero": True, "domain": [domain_min, domain_max], "nice": True}}
    layers: list[dict[str, Any]] = [{
        "data": {"values": data["points"]},
        "mark": {"type": "line", "point": {"filled": True, "size": 60}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": "period (each value at the middle of its period)",
                  "axis": {"format": "%b %Y", "labelAngle": -30}},
            "y": y,
            "color": {"field": "granularity", "type": "nominal", "title": "values"},
            "detail": {"field": "granularity"},
            "href": {"field": "href"},
            "tooltip": [{"field": "period", "title": "period"}, {"field": "granularity"},
                        {"field": "raw", "title": "value"}, {"field": "column", "title": "column"},
                        {"field": "page", "title": "page"}],
        },
    }]
    for kind in ("target", "comparator"):
        refs = [r for r in data["references"] if r["kind"] == kind]
        if not refs:
            continue
        layers.append({
            "data": {"values": refs},
            "mark": {"type": "rule", "strokeDash": REFERENCE_DASH[kind], "strokeWidth": 1.5,
                     "color": "#d4351c" if kind == "target" else "#505a5f"},
            "encoding": {"y": {"field": "value", "type": "quantitative"}, "href": {"field": "href"},
                         "tooltip": [{"field": "label", "title": kind}, {"field": "page", "title": "page"}]},
            "name": kind,
        })
        layers.append({
            "data": {"values": refs},
            "mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "fontSize": 11,
                     "color": "#d4351c" if kind == "target" else "#505a5f"},
            "encoding": {"y": {"field": "value", "type": "quantitative"}, "x": {"value": 0},
                         "text": {"field": "label"}},
        })
    return {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "title": title, "width": 720,
            "height": 320, "layer": layers, "resolve": {"scale": {"y": "shared"}},
            "config": {"axisY": {"titleColor": "#0b0c0c"}, "legend": {"orient": "bottom"}}}


def doc_href(sha256: Optional[str], page: Any) -> Optional[str]:
    """``/-/doc/SHA#page=N`` (the document route serves only files the database knows)."""
    if not sha256 or not re.fullmatch(r"[0-9a-f]{64}", str(sha256)):
        return None
    anchor = f"#page={int(page)}" if page not in (None, "") and str(page).isdigit() else ""
    return f"/-/doc/{sha256}{anchor}"


def _json_for_script(value: Any) -> str:
    """JSON safe inside a <script> element: no character of it can close the element or open a tag."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(title: str, council: Optional[str], councils: list[str], indicator_key: str, unit: Optional[str],
                data: dict[str, Any]) -> str:
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    others = [(c, f"/-/kpi-chart?indicator={quote(indicator_key)}&council={quote(c)}") for c in councils if c != council]
    return template.render(title=title, council=council, others=others, unit=unit, data=data,
                           spec_json=_json_for_script(chart_spec(title, unit, data)) if data["points"] else None,
                           scripts=[f"/-/kpi-chart/static/{name}" for name in SCRIPTS])


SQL = """SELECT k.indicator, k.column_label, k.period, k.raw, k.value, k.unit, k.rag, k.council, k.date AS report_date,
                k.sha256, k.page, json_extract(k.extra, '$.column_kind') AS column_kind,
                json_extract(k.extra, '$.breakdown') AS breakdown
         FROM kpi_values k LEFT JOIN indicators i ON i.key = k.indicator_ref
         WHERE COALESCE(i.indicator_key, k.indicator_ref) = :key
         ORDER BY k.date, k.page"""


async def kpi_chart(request: Any, datasette: Any) -> Response:
    key = request.args.get("indicator") or ""
    rows = [dict(r) for r in (await datasette.get_database().execute(SQL, {"key": key})).rows]
    if not rows:
        return Response.html(render_page(key, None, [], key, None, series_rows([])), status=404)
    councils = sorted({str(r["council"]) for r in rows if r["council"]})
    council = request.args.get("council") or (councils[0] if councils else None)
    chosen = [r for r in rows if council is None or r["council"] == council]
    first = chosen[0] if chosen else {}
    title = f"{first['breakdown']}: {first['indicator']}" if first.get("breakdown") else str(first.get("indicator") or key)
    unit = next((r["unit"] for r in chosen if r["unit"]), None)
    return Response.html(render_page(title, council, councils, key, unit, series_rows(chosen)))


async def kpi_chart_static(request: Any, datasette: Any) -> Response:
    name = request.url_vars["name"]
    if name not in SCRIPTS:
        return Response.text("not found", status=404)
    return Response((STATIC / name).read_text(encoding="utf-8"), content_type="application/javascript; charset=utf-8",
                    headers={"Cache-Control": "max-age=86400", "X-Content-Type-Options": "nosniff"})


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/kpi-chart$", kpi_chart),
            (r"^/-/kpi-chart/static/(?P<name>[a-z.-]+\.js)$", kpi_chart_static)]
