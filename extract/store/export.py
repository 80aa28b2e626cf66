"""Tables out to files (CSV, JSON, Parquet), one file per table, typed from the schema.

Column types come from SQLite's declared types (INTEGER, REAL, TEXT), so a
Parquet file keeps an integer column with gaps as integers and ``read_table``
(pandas) reads every format back to the values the database holds. The search
index (``search_rows`` and the FTS5 tables) is derived data and not exported.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import sqlite_utils

from ..errors import BadQuery
from .schema import FTS_TABLE

FORMATS = ("csv", "json", "parquet")
INTERNAL = ("search_rows",)


def exportable_tables(db: sqlite_utils.Database) -> list[str]:
    """Every data table: not the search index, not FTS5's shadow tables."""
    return [t for t in db.table_names() if not t.startswith(FTS_TABLE) and t not in INTERNAL
            and not t.startswith("sqlite_")]


def export_tables(db: sqlite_utils.Database, directory: str | Path, fmt: str = "csv",
                  tables: Optional[Sequence[str]] = None) -> list[dict[str, Any]]:
    """Write each table to ``directory/TABLE.fmt``; returns ``[{table, rows, file}]``."""
    if fmt not in FORMATS:
        raise BadQuery(f"--format {fmt}: use one of {', '.join(FORMATS)}")
    available = exportable_tables(db)
    wanted = list(tables) if tables else available
    unknown = [t for t in wanted if t not in available]
    if unknown:
        raise BadQuery(f"no table named {', '.join(unknown)}; tables are: {', '.join(available)}")
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in wanted:
        columns = _types(db, name)
        rows = [dict(r) for r in db[name].rows]
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            _write_csv(path, columns, rows)
        elif fmt == "json":
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            _write_parquet(path, columns, rows)
        written.append({"table": name, "rows": len(rows), "file": str(path)})
    return written


def _types(db: sqlite_utils.Database, table: str) -> dict[str, str]:
    """Column -> ``int``, ``float`` or ``str`` from the declared type."""
    out = {}
    for column in db[table].columns:
        declared = (column.type or "").upper()
        out[column.name] = "int" if "INT" in declared else "float" if declared in ("REAL", "FLOAT", "DOUBLE") \
            else "str"
    return out


def _write_csv(path: Path, columns: dict[str, str], rows: Iterable[dict[str, Any]]) -> None:
    # NULL is written as an empty field and read back as NULL (CSV cannot tell it from an empty string).
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(list(columns))
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])


def _write_parquet(path: Path, columns: dict[str, str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    schema = pa.schema([(name, arrow[kind]) for name, kind in columns.items()])
    data = [{c: _coerce(row.get(c), columns[c]) for c in columns} for row in rows]
    pq.write_table(pa.Table.from_pylist(data, schema=schema), path)


def _coerce(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "str" and not isinstance(value, str):
        return str(value)
    return value


def read_table(path: str | Path, columns: Optional[dict[str, str]] = None) -> Any:
    """An exported file back as a pandas DataFrame, NULLs as ``None`` and integer columns as nullable ints.

    ``columns`` (name -> int/float/str, as ``_types`` gives) types CSV and JSON columns; Parquet carries its own.
    """
    import pandas as pd

    p = Path(path)
    if p.suffix == ".parquet":
        frame = pd.read_parquet(p, dtype_backend="numpy_nullable")
    elif p.suffix == ".json":
        frame = pd.DataFrame(json.loads(p.read_text(encoding="utf-8")), columns=list(columns) if columns else None)
    else:
        frame = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
    if columns:
        for name, kind in columns.items():
            if name not in frame:
                continue
            if kind == "int":
                frame[name] = pd.to_numeric(frame[name]).astype("Int64")
            elif kind == "float":
                frame[name] = pd.to_numeric(frame[name]).astype("Float64")
            else:
                frame[name] = frame[name].astype("string")
    return frame


def table_frame(db: sqlite_utils.Database, table: str) -> Any:
    """A table as pandas reads it from the database, typed as ``read_table`` types exports."""
    import pandas as pd

    columns = _types(db, table)
    frame = pd.DataFrame([dict(r) for r in db[table].rows], columns=list(columns))
    for name, kind in columns.items():
        frame[name] = frame[name].astype({"int": "Int64", "float": "Float64", "str": "string"}[kind])
    return frame
