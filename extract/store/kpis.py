"""KPI values as stored, in the shape of the record's ``kpis`` (so ``kpiframe.kpi_frame`` takes them),
with the document and meeting they came from: the series across reports.

``column_kind`` and ``period_type`` travel in the row's ``extra`` JSON (no schema
change); rows stored before they existed get them from the column heading here,
and a target's or comparator's cell is never listed with a period."""

from __future__ import annotations

from typing import Any, Optional

import sqlite_utils

from ..parse.kpis.cells import column_kind, period_type
from .search import contains


COLUMNS = ("document", "page", "table", "indicator", "indicator_key", "column", "period", "raw", "value", "unit",
           "rag", "council", "date", "column_kind", "period_type", "breakdown")


def stored_kpis(db: sqlite_utils.Database, indicator: Optional[str] = None) -> list[dict[str, Any]]:
    """Every stored KPI value (or those whose indicator contains ``indicator``), in period order."""
    if "kpi_values" not in db.table_names():
        return []
    conditions: list[str] = []
    params: dict[str, Any] = {}
    contains(conditions, params, "indicator", "k.indicator", indicator)
    where = "WHERE " + " AND ".join(conditions) if conditions else ""
    sql = f"""SELECT d.file AS document, k.page, k.table_name AS "table", k.indicator,
                     COALESCE(i.indicator_key, k.indicator_ref) AS indicator_key, k.column_label AS "column",
                     k.period, k.raw, k.value, k.unit, k.rag, k.council, k.date,
                     json_extract(k.extra, '$.column_kind') AS column_kind,
                     json_extract(k.extra, '$.period_type') AS period_type,
                     json_extract(k.extra, '$.breakdown') AS breakdown
              FROM kpi_values k JOIN documents d ON d.sha256 = k.sha256
              LEFT JOIN indicators i ON i.key = k.indicator_ref
              {where}
              ORDER BY indicator_key, COALESCE(k.period, k.date), k.column_label"""
    rows = [dict(row) for row in db.query(sql, params)]
    for row in rows:
        if not row["column_kind"]:
            row["column_kind"] = column_kind(row["column"])
        if row["column_kind"] in ("target", "comparator"):
            row["period"] = None
        row["period_type"] = row["period_type"] or period_type(row["period"])
    return rows
