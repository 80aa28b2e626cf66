"""Rows out, in the format the user asked for: one place for every listing command.

Listing commands take ``@output_options`` (``--csv``, ``--tsv``, ``--json``,
``--nl``, ``--md``, default a plain table for people) and hand their rows to
``emit``; no command formats output by itself (as sqlite-utils' ``output_options``).

Machine formats keep their shape when nothing is found: CSV, TSV and Markdown still
print the header row (``pandas.read_csv`` reads an empty frame), JSON an empty
array. The table for people fits the terminal: the widest columns are cut (with
"…") until the lines fit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from typing import Any, Callable, Iterable, Optional, Sequence

import click

FORMATS = ("table", "csv", "tsv", "json", "nl", "md")


HELP = {"table": "a table for people (default)", "csv": "comma-separated values", "tsv": "tab-separated values",
        "json": "a JSON array", "nl": "newline-delimited JSON", "md": "Markdown table"}


def output_options(func: Optional[Callable[..., Any]] = None, **helps: str) -> Any:
    """Give a command ``--table/--csv/--tsv/--json/--nl/--md`` (default: a table), passed as ``fmt``.

    ``@output_options`` as is, or ``@output_options(json="...")`` where a format prints something else.
    """
    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        text = {**HELP, **helps}
        for fmt in ("md", "nl", "json", "tsv", "csv"):
            f = click.option(f"--{fmt}", "fmt", flag_value=fmt, help=text[fmt])(f)
        return click.option("--table", "fmt", flag_value="table", default=True, help=text["table"])(f)

    return decorate(func) if func is not None else decorate


def render(rows: Sequence[dict[str, Any]], fmt: str = "table", columns: Optional[Sequence[str]] = None,
           width: int = 60, fields: Optional[Sequence[str]] = None, max_width: Optional[int] = None) -> str:
    """The rows as text in ``fmt``; ``columns`` picks and orders the keys shown.

    ``fields`` names the columns when there are no rows to read them from (the header of an empty CSV);
    ``max_width`` is the widest line a table may have (default: the terminal's, see ``terminal_width``).
    """
    cols = list(columns or _columns(rows) or fields or [])
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
    return _table(rows, cols, width, max_width if max_width is not None else terminal_width())


def emit(rows: Sequence[dict[str, Any]], fmt: str = "table", columns: Optional[Sequence[str]] = None,
         width: int = 60, fields: Optional[Sequence[str]] = None) -> None:
    text = render(rows, fmt, columns, width, fields)
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


def terminal_width() -> Optional[int]:
    """The terminal's width when output goes to one (or ``COLUMNS`` says), else None: a file gets whole cells."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout is not None and sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def fit(widths: list[int], limit: int, gap: int = 2, least: int = 8) -> list[int]:
    """Column widths whose line fits ``limit``.

    Narrow columns (ids, dates, numbers, pages) keep their width; the wide ones (text, names,
    files) share the room left in proportion to their natural width, none below ``least``.
    If even that does not fit, the widest column loses a character at a time.
    """
    widths = list(widths)
    if sum(widths) + gap * (len(widths) - 1) <= limit:
        return widths
    wide = [i for i, w in enumerate(widths) if w > 2 * least]
    room = limit - gap * (len(widths) - 1) - sum(w for i, w in enumerate(widths) if i not in wide)
    if wide and room >= least * len(wide):
        natural = sum(widths[i] for i in wide)
        for i in wide:
            widths[i] = max(least, room * widths[i] // natural)
        spare = room - sum(widths[i] for i in wide)
        for i in sorted(wide, key=lambda i: -widths[i]):  # rounding: the remainder to the widest
            if spare <= 0:
                break
            widths[i] += 1
            spare -= 1
    while sum(widths) + gap * (len(widths) - 1) > limit:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 4:
            break  # as narrow as is readable: the line stays long
        widths[widest] -= 1
    return widths


def _table(rows: Sequence[dict[str, Any]], cols: list[str], width: int, max_width: Optional[int] = None) -> str:
    if not rows:
        return ""
    cells = [[_cell(r.get(c), width) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    if max_width:
        widths = fit(widths, max_width)
        cells = [[_clip(v, w) for v, w in zip(row, widths)] for row in cells]
    out = ["  ".join(_clip(c, w).ljust(w) for c, w in zip(cols, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(out)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
