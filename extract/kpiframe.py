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


def matching(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The rows of ``indicator`` as the CLI's ``--indicator`` finds them: its ``indicator_key``, or every
    indicator whose printed label (or key) holds the text, ignoring case and spacing."""
    exact = frame[(frame["indicator_key"] == indicator)
                  | (frame["indicator"].map(lambda s: fold(str(s))) == fold(indicator))]
    if not exact.empty:
        return exact
    wanted = indicator.casefold().strip()
    folded = fold(indicator)
    labels = frame["indicator"].fillna("").astype(str)
    keys = frame["indicator_key"].fillna("").astype(str)
    return frame[labels.str.casefold().str.contains(wanted, regex=False)
                 | (keys.str.contains(folded, regex=False) if folded else False)]


def kpi_series(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Indicators wide by period: index ``period``, columns ``indicator``, ``value`` and one per other heading.

    ``indicator`` is an ``indicator_key``, a printed label, or part of one ("re-referrals"), matched as the
    CLI's ``--indicator`` matches; when several indicators match, each has its rows (``wide.groupby("indicator")``).
    Cells with no period (Target, comparators) are repeated on every period row, as a chart wants them.
    """
    rows = matching(frame, indicator)
    if rows.empty:
        raise KeyError(f"no indicator matching {indicator!r} in the frame; see frame['indicator'].unique()")
    parts = [_wide(group) for _, group in rows.groupby("indicator_key", sort=True, dropna=False)]
    series = pd.concat(parts) if len(parts) > 1 else parts[0]
    series.index.name = "period"
    return series


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    """One indicator's rows wide by period."""
    dated = rows[rows["period"].notna()]
    undated = rows[rows["period"].isna()]
    series = (dated.groupby("period", sort=True)["value"].last().to_frame("value") if not dated.empty
              else pd.DataFrame(columns=["value"]))
    for column, group in undated.groupby(undated["column"].fillna("(no heading)")):
        series[str(column)] = group["value"].iloc[-1]
    series.insert(0, "indicator", str(rows["indicator"].iloc[0]))
    series.index.name = "period"
    return series
