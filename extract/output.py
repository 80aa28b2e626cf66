"""Rows out, in the format the user asked for: one place for every listing command.

Listing commands take ``@output_options`` (``--csv``, ``--tsv``, ``--json``,
``--nl``, ``--md``, default a plain table for people) and hand their rows to
``emit``; no command formats output by itself (as sqlite-utils' ``output_options``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Optional, Sequence

import click

FORMATS = ("table", "csv", "tsv", "json", "nl", "md")


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command ``--csv/--tsv/--json/--nl/--md`` (default: a table), passed as ``fmt``."""
    func = click.option("--md", "fmt", flag_value="md", help="Markdown table")(func)
    func = click.option("--nl", "fmt", flag_value="nl", help="newline-delimited JSON")(func)
    func = click.option("--json", "fmt", flag_value="json", help="a JSON array")(func)
    func = click.option("--tsv", "fmt", flag_value="tsv", help="tab-separated values")(func)
    func = click.option("--csv", "fmt", flag_value="csv", help="comma-separated values")(func)
    func = click.option("--table", "fmt", flag_value="table", default=True, help="a table for people (default)")(func)
    return func


def render(rows: Sequence[dict[str, Any]], fmt: str = "table", columns: Optional[Sequence[str]] = None,
           width: int = 60) -> str:
    """The rows as text in ``fmt``; ``columns`` picks and orders the keys shown."""
    cols = list(columns or _columns(rows))
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)
    if fmt == "nl":
        return "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore",
                                delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c), None) for c in cols})
        return buf.getvalue().rstrip("\n")
    if fmt == "md":
        lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
        for row in rows:
            lines.append("| " + " | ".join(_cell(row.get(c), None).replace("|", "\\|") for c in cols) + " |")
        return "\n".join(lines)
    return _table(rows, cols, width)


def emit(rows: Sequence[dict[str, Any]], fmt: str = "table", columns: Optional[Sequence[str]] = None,
         width: int = 60) -> None:
    text = render(rows, fmt, columns, width)
    if text:
        click.echo(text)
    elif fmt == "table":
        click.echo("(nothing found)", err=True)


def _columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for row in rows:
        for key in row:
            if key not in cols:
                cols.append(key)
    return cols


def _cell(value: Any, width: Optional[int]) -> str:
    if value is None:
        text = ""
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    text = " ".join(text.split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _table(rows: Sequence[dict[str, Any]], cols: list[str], width: int) -> str:
    if not rows:
        return ""
    cells = [[_cell(r.get(c), width) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    out = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(out)
