"""KPI records as pandas DataFrames: the long form, and one indicator's series by period.

``kpi_frame`` takes the records of one or many documents (``Kpi`` objects or the
dicts of ``Record.to_dict()["kpis"]``, optionally with a ``document`` key) and
gives the tidy long form, one row per cell. ``kpi_series`` pivots one
indicator wide: one row per period (columns that name a period, "Sep-21",
"Q3 2024/25"), one column per non-period heading ("Target", "England") plus
``value`` for the period's own cell, so a month-by-month table becomes a series.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterable, Optional, Union

import pandas as pd

from .parse.kpis.indicators import IndicatorSettings, assign_keys, fold
from .record import Kpi

COLUMNS = ["document", "page", "table", "indicator", "indicator_key", "column", "period", "raw", "value", "unit", "rag"]


def kpi_frame(records: Iterable[Union[Kpi, dict[str, Any]]], settings: Optional[Any] = None) -> pd.DataFrame:
    """The long form: one row per value cell, with ``indicator_key`` filled where missing."""
    rows: list[dict[str, Any]] = []
    missing_keys: list[Kpi] = []
    for rec in records:
        row = asdict(rec) if isinstance(rec, Kpi) else dict(rec)
        rows.append(row)
    if any(not r.get("indicator_key") for r in rows):
        kpis = [Kpi(indicator=r.get("indicator") or "", column=r.get("column"), raw=r.get("raw") or "",
                    value=r.get("value")) for r in rows]
        assign_keys(kpis, IndicatorSettings.resolve(settings))
        missing_keys = kpis
        for row, kpi in zip(rows, missing_keys):
            row["indicator_key"] = row.get("indicator_key") or kpi.indicator_key
    frame = pd.DataFrame(rows)
    for col in COLUMNS:
        if col not in frame.columns:
            frame[col] = None
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    extra = [c for c in frame.columns if c not in COLUMNS]
    return frame[COLUMNS + extra]


def kpi_series(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One indicator wide by period: index ``period``, column ``value`` and one column per other heading.

    ``indicator`` is an ``indicator_key`` or a printed label (matched after folding case and spacing).
    Cells with no period (Target, comparators) are repeated on every period row, as a chart wants them.
    """
    rows = frame[(frame["indicator_key"] == indicator) | (frame["indicator"].map(lambda s: fold(str(s))) == fold(indicator))]
    if rows.empty:
        raise KeyError(f"no indicator {indicator!r} in the frame; see frame['indicator_key'].unique()")
    dated = rows[rows["period"].notna()]
    undated = rows[rows["period"].isna()]
    series = (dated.groupby("period", sort=True)["value"].last().to_frame("value") if not dated.empty
              else pd.DataFrame(columns=["value"]))
    for column, group in undated.groupby(undated["column"].fillna("(no heading)")):
        series[str(column)] = group["value"].iloc[-1]
    series.index.name = "period"
    return series
