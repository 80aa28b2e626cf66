"""The Python entry point: ``from extract import Store``, answers as pandas DataFrames.

``Store(path)`` opens a database ``ingest`` made, for reading only: a path that does
not exist raises ``FileNotFoundError`` (nothing is created), and reading never writes
(no migration, no journal switch), so a notebook can read beside the nightly batch.
Each method is what a CLI command shows, as a DataFrame with the same columns:

    store.search("NEET", since="2021")   # council-extract search NEET --since 2021
    store.recs(status="outstanding")      # council-extract recs --status outstanding
    store.kpis("re-referrals")            # council-extract kpis --db ... --indicator re-referrals
    store.kpi_series("re-referrals")      # one row per period, as kpiframe.kpi_series
    store.documents(), store.table("decisions"), store.query("SELECT ...")

Date columns (``date``, ``raised``, ``due``, ``meeting_date``, ``evidence_date``) are
pandas datetimes; a date the paper left out is ``NaT``. ``Store.create(path)`` and
``store.ingest(paths)`` are the writing side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import pandas as pd
import sqlite_utils

DATE_COLUMNS = ("date", "raised", "due", "meeting_date", "evidence_date", "report_date")


class Store:
    """A council-extract database, read with pandas. ``Store(path)`` reads; ``Store.create(path)`` may write."""

    def __init__(self, path: str | Path, *, write: bool = False) -> None:
        from .store.schema import open_db, read_db

        self.path = Path(path)
        if write:
            self.db: sqlite_utils.Database = open_db(self.path)
        else:
            self.db = read_db(self.path)  # FileNotFoundError for a path that does not exist
        self.writable = write

    @classmethod
    def create(cls, path: str | Path) -> "Store":
        """Open ``path`` for writing, creating the database (and its folder) if missing."""
        return cls(path, write=True)

    # ---------------------------------------------------------------- reading

    def search(self, query: str, *, council: Optional[str] = None, body: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, kind: Optional[str] = None,
               tables: Optional[Sequence[str]] = None, limit: Optional[int] = 50, offset: int = 0,
               literal: bool = False) -> pd.DataFrame:
        """Full-text hits, best first, each sentence once (``search``'s syntax and filters)."""
        from .store.search import COLUMNS, search

        hits = search(self.db, query, body=body, council=council, since=since, until=until, kind=kind,
                      table=list(tables) if tables else None, limit=limit, offset=offset, as_literal=literal)
        return _frame(hits, COLUMNS)

    def recs(self, *, status: Optional[str] = None, body: Optional[str] = None, owner: Optional[str] = None,
             older_than: Optional[str] = None) -> pd.DataFrame:
        """Tracked recommendations with their status, evidence and age (``recs``'s filters)."""
        from .track.items import fresh
        from .track.status import COLUMNS, effective_rows, select

        rows = select(effective_rows(fresh(self.db)), body=body, status=status, owner=owner, older_than=older_than)
        return _frame(rows, COLUMNS)

    def kpis(self, indicator: Optional[str] = None) -> pd.DataFrame:
        """Every stored KPI value (or those whose indicator holds ``indicator``): the long form, one row a cell."""
        from .kpiframe import COLUMNS, kpi_frame
        from .store.kpis import stored_kpis

        rows = stored_kpis(self.db, indicator)
        return _dates(kpi_frame(rows)) if rows else pd.DataFrame(columns=COLUMNS)

    def kpi_series(self, indicator: str, *, council: Optional[str] = None,
                   granularity: Optional[str] = None) -> pd.DataFrame:
        """One indicator (key, label or part of one) of one council by period: ``kpiframe.kpi_series`` on
        ``kpis()``, with its ``council`` and ``granularity``."""
        from .kpiframe import kpi_frame, kpi_series
        from .store.kpis import stored_kpis

        return kpi_series(kpi_frame(stored_kpis(self.db)), indicator, council=council, granularity=granularity)

    def documents(self) -> pd.DataFrame:
        """Every stored document: file, kind, council, committee (body), date, pages, path."""
        return self.query("SELECT sha256, file, kind, council, body, date, pages, path, ingested_at FROM documents "
                          "ORDER BY date DESC, file")

    def table(self, name: str) -> pd.DataFrame:
        """A table or browse view (``decisions``, ``kpi_series``, ...) whole."""
        if name not in self.db.table_names() + self.db.view_names():
            raise KeyError(f"no table or view named {name!r}; see Store.tables()")
        return self.query(f"SELECT * FROM [{name}]")

    def tables(self) -> list[str]:
        return sorted(self.db.table_names() + self.db.view_names())

    def query(self, sql: str, params: Optional[Any] = None) -> pd.DataFrame:
        """Any SQL on the database (read-only unless opened with ``create``)."""
        cursor = self.db.execute(sql, params or [])
        columns = [c[0] for c in cursor.description or []]
        return _dates(pd.DataFrame(cursor.fetchall(), columns=columns))

    def summary(self, limit: Optional[int] = 50) -> dict[str, Any]:
        """What ``summary`` prints: counts, the last run, files failing, open actions."""
        from .store.summary import summary
        from .track.items import fresh

        return summary(fresh(self.db), limit)

    # ---------------------------------------------------------------- writing

    def ingest(self, paths: Iterable[str | Path], **options: Any) -> Any:
        """Ingest files and folders (``BatchOptions`` as keywords); the tracker and watches follow, as in the CLI."""
        from .batch.runner import run_batch

        return run_batch(self.path, [str(p) for p in paths], options or None)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', write=True' if self.writable else ''})"


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a DataFrame with ``columns`` first (present even when there are no rows)."""
    names = list(columns) + [k for row in rows[:1] for k in row if k not in columns]
    return _dates(pd.DataFrame(rows, columns=names))


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    for column in DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
    return frame
