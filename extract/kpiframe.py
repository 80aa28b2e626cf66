"""KPI records as pandas DataFrames: the long form, and one indicator's series by period.

``kpi_frame`` takes the records of one or many documents (``Kpi`` objects or the
dicts of ``Record.to_dict()["kpis"]``, optionally with a ``document`` key) and
gives the tidy long form, one row per cell, with each cell's ``column_kind``
(period, target, comparator, budget, other), typed period (``period_type``:
month, quarter, year, financial_year, date, range) and the period's first and
last day. ``kpi_series`` gives one indicator of one council (found as the CLI's
``--indicator`` finds it) as a series: one row per period of the indicator's own
values; targets and comparators are attributes of the series (``series.attrs``,
and one column each, repeated on every row as a chart wants them), never periods.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterable, Optional, Union

import pandas as pd

from .parse.kpis.cells import column_kind, period_bounds, period_type
from .parse.kpis.indicators import IndicatorSettings, assign_keys, fold
from .record import Kpi

COLUMNS = ["document", "page", "table", "breakdown", "indicator", "indicator_key", "column", "column_kind", "period",
           "period_type", "period_start", "period_end", "raw", "value", "unit", "rag"]
ATTRIBUTE_KINDS = ("target", "comparator")


def kpi_frame(records: Iterable[Union[Kpi, dict[str, Any]]], settings: Optional[Any] = None) -> pd.DataFrame:
    """The long form: one row per value cell, with ``indicator_key``, ``column_kind`` and ``period_type`` filled
    where missing (records of an older version); a target's or comparator's cell never keeps a period."""
    rows: list[dict[str, Any]] = []
    for rec in records:
        row = asdict(rec) if isinstance(rec, Kpi) else dict(rec)
        rows.append(row)
    if any(not r.get("indicator_key") for r in rows):
        kpis = [Kpi(indicator=r.get("indicator") or "", column=r.get("column"), raw=r.get("raw") or "",
                    value=r.get("value"), breakdown=r.get("breakdown")) for r in rows]
        assign_keys(kpis, IndicatorSettings.resolve(settings))
        for row, kpi in zip(rows, kpis):
            row["indicator_key"] = row.get("indicator_key") or kpi.indicator_key
    for row in rows:
        kind = row.get("column_kind") or column_kind(row.get("column"))
        row["column_kind"] = kind
        if kind in ATTRIBUTE_KINDS:
            row["period"] = None
        row["period_type"] = period_type(row.get("period"))
        bounds = period_bounds(row.get("period"))
        row["period_start"], row["period_end"] = bounds if bounds else (None, None)
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
    exact = _exact(frame, indicator)
    if not exact.empty:
        return exact
    wanted = indicator.casefold().strip()
    folded = fold(indicator)
    labels = frame["indicator"].fillna("").astype(str)
    keys = frame["indicator_key"].fillna("").astype(str)
    return frame[labels.str.casefold().str.contains(wanted, regex=False)
                 | (keys.str.contains(folded, regex=False) if folded else False)]


def _exact(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The rows of an ``indicator_key``, or else of a printed label (folding case and spacing)."""
    rows = frame[frame["indicator_key"] == indicator]
    if rows.empty:
        rows = frame[frame["indicator"].map(lambda s: fold(str(s))) == fold(indicator)]
    return rows


def kpi_series(frame: pd.DataFrame, indicator: str, council: Optional[str] = None,
               granularity: Optional[str] = None) -> pd.DataFrame:
    """One indicator of one council as a series: index ``period`` (in time order), columns ``indicator``,
    ``indicator_key``, ``value``, ``period_type``, ``period_start``, ``period_end``, then one column per target,
    comparator or other heading (its value repeated on every row). ``series.attrs`` holds ``targets`` and
    ``comparators`` ({heading: value}).

    ``indicator`` is matched as the CLI's ``--indicator`` matches: an ``indicator_key``, a printed label (folding
    case and spacing), or else part of a label ("re-referrals"). Part of a label may match several indicators:
    each is its own series, one after another (``wide.groupby("indicator_key")``; ``attrs`` are then empty, ask
    for one key to get them). A whole label naming several series (a service in two breakdown tables) is
    refused: pass its ``indicator_key``. Where the frame holds several councils' values, name the ``council``:
    each has its own series. ``granularity`` keeps one ``period_type`` (month, quarter, financial_year, ...): a
    line should join periods of one kind only.
    """
    if "column_kind" not in frame.columns or frame["column_kind"].isna().any():
        frame = kpi_frame(frame.to_dict("records"))
    rows = _exact(frame, indicator)
    keys = sorted({str(k) for k in rows["indicator_key"].dropna()})
    if len(keys) > 1:  # a printed label: one series only (a service in two breakdown tables is two series)
        raise ValueError(f"{indicator!r} names {len(keys)} series ({', '.join(keys)}): pass an indicator_key")
    if rows.empty:
        rows = matching(frame, indicator)
    if rows.empty:
        raise KeyError(f"no indicator matching {indicator!r} in the frame; see frame['indicator'].unique()")
    if "council" in rows.columns:
        councils = sorted({str(c) for c in rows["council"].dropna()})
        if council is not None:
            rows = rows[rows["council"] == council]
            if rows.empty:
                raise KeyError(f"no values of {indicator!r} for council {council!r}; councils: {', '.join(councils)}")
        elif len(councils) > 1:
            raise ValueError(f"{indicator!r} is reported by {len(councils)} councils ({', '.join(councils)}): "
                             "pass council=... (one series per indicator per council)")
    parts = [_one_series(group, granularity) for _, group in rows.groupby("indicator_key", sort=True, dropna=False)]
    if len(parts) == 1:
        return parts[0]
    series = pd.concat(parts)
    series.attrs = {}
    series.index.name = "period"
    return series


def _one_series(rows: pd.DataFrame, granularity: Optional[str]) -> pd.DataFrame:
    """One indicator's rows (of one council) by period, its targets and comparators as attributes."""
    dated = rows[(rows["column_kind"] == "period") & rows["period"].notna()]
    if granularity:
        dated = dated[dated["period_type"] == granularity]
    undated = rows[~rows.index.isin(dated.index) & (rows["column_kind"] != "period")]
    if dated.empty:
        series = pd.DataFrame(columns=["value", "period_type", "period_start", "period_end"])
    else:
        last = dated.groupby("period", sort=False).last()
        series = last[["value", "period_type", "period_start", "period_end"]].copy()
        series = series.sort_values(["period_end", "period_start"], na_position="first", kind="stable")
    series.insert(0, "indicator", str(rows["indicator"].iloc[0]))
    series.insert(1, "indicator_key", str(rows["indicator_key"].iloc[0]))
    attrs: dict[str, dict[str, Any]] = {"targets": {}, "comparators": {}}
    for column, group in undated.groupby(undated["column"].fillna("(no heading)"), sort=False):
        value = group["value"].iloc[-1]
        series[str(column)] = value
        kind = group["column_kind"].iloc[-1]
        if kind in ATTRIBUTE_KINDS:
            attrs["targets" if kind == "target" else "comparators"][str(column)] = None if pd.isna(value) else float(value)
    series.index.name = "period"
    series.attrs.update(attrs)
    return series
