"""KPI values as stored, in the shape of the record's ``kpis`` (so ``kpiframe.kpi_frame`` takes them),
with the document and meeting they came from: the series across reports."""

from __future__ import annotations

from typing import Any, Optional

import sqlite_utils

from .search import contains


COLUMNS = ("document", "page", "table", "indicator", "indicator_key", "column", "period", "raw", "value", "unit",
           "rag", "council", "date")


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
                     k.period, k.raw, k.value, k.unit, k.rag, k.council, k.date
              FROM kpi_values k JOIN documents d ON d.sha256 = k.sha256
              LEFT JOIN indicators i ON i.key = k.indicator_ref
              {where}
              ORDER BY indicator_key, COALESCE(k.period, k.date), k.column_label"""
    return [dict(row) for row in db.query(sql, params)]
