"""Action logs a council prints itself: "Who / What / Status" grids, "Action / Owner / Update" tables.

Minutes often end with a summary of actions, or open with the status of the last meeting's
actions; both are tables whose columns the text layer keeps apart by runs of spaces. A log
starts at a header line naming at least two of its columns (``patterns/tracker.json``:
``log_columns``) and ends at a numbered heading, a page footer or a blank line. Each row gives
the action as printed (the "what" cell), who owes it (the "who" cell) and, where the log has a
status column, the council's own status: the tracker's truth (``status_of``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..patterns import load_json

CELL_GAP = re.compile(r"\s{2,}")
REF = re.compile(r"^(?:[A-Z][a-z]{2,4}\s?\d{2}\.\d{2}|\d{1,3}[./]\d{1,3}(?:[./]\d{1,3})?)\b")
END = re.compile(r"^\s*(?:\d{1,2}\.\s+[A-Z]|\d{2}\.\d{2}\.\d{2}\s+[A-Z]|page\s+\d+(?:\s+of\s+\d+)?\s*$|signed\b|date of (?:the )?next)", re.I)

FOOTER = re.compile(r"^(?:page\b|p a g e|parish clerk|clerk to the council|tel\b|mobile\b|e-?mail\b|www\.)", re.I)


@dataclass
class LogRow:
    """One row of a council's action log."""

    text: str
    owner: Optional[str]
    status: Optional[str]  # the status cell as printed
    page: int
    ref: Optional[str] = None
    item: Optional[str] = None
    lines: tuple[str, ...] = ()
    kind: str = "table"  # table: a log with columns; list: a "Matters arising" list, its status in its words


def _spec() -> dict:
    return load_json("tracker.json")


def _column(cell: str) -> Optional[str]:
    """Which column a header cell names: who, what, status, item or ref."""
    low = cell.strip().lower().rstrip(":")
    for name, words in _spec()["log_columns"].items():
        if low in words:
            return name
    return None


def header(line: str) -> Optional[list[str]]:
    """The columns a log's header line names, in order, or None when it is not a header."""
    cells = [c for c in CELL_GAP.split(line.strip()) if c]
    if len(cells) < 2:
        return None
    names = [_column(c) for c in cells]
    if None in names or "what" not in names or len(set(names)) < 2:
        return None
    return [n for n in names if n]


def status_words() -> re.Pattern[str]:
    words = sorted(_spec()["log_statuses"]["answered"] + _spec()["log_statuses"]["outstanding"], key=len, reverse=True)
    return re.compile(r"(?:^|\s)(" + "|".join(re.escape(w) for w in words) + r")\b(?:[\s,]+[\w.,()]+){0,4}\s*$", re.I)


def status_of(cell: Optional[str], in_words: bool = False) -> Optional[str]:
    """The tracker status a council's status cell means: ``answered``, ``in progress`` or None (unreadable).

    ``in_words``: the status is told in a sentence (a matters-arising entry), so more wordings keep it open.

    Only a plain word of completion ("Done", "Completed", "Closed") answers an action; anything that
    also says it is pending, on hold or to be chased keeps it outstanding."""
    if not cell:
        return None
    low = " ".join(cell.lower().split())
    spec = _spec()["log_statuses"]
    pending = spec["outstanding"] + (spec["outstanding_in_words"] if in_words else [])
    if any(re.search(r"\b" + re.escape(w) + r"\b", low) for w in pending):
        return "in progress"
    if any(re.search(r"\b" + re.escape(w) + r"\b", low) for w in spec["answered"]):
        return "answered"
    return "in progress"


MATTERS = re.compile(r"^(?:\d{1,2}[.)]?\s+)?matters arising\b[^.]{0,40}$", re.I)
MARKER = re.compile(r"^(?:(?P<bullet>[•●▪■◦○·\-–*]|\uf0b7|\uf0a7|)|(?P<digit>\d{1,2}[.)])|(?P<letter>[a-z][.)]))\s+(?=\S)", re.I)
COLUMN_OWNER = re.compile(r"\s{2,}([A-Z]{2,3}(?:\s*[/&,]\s*[A-Z]{2,3})*)\s*$")


def read_logs(lines: Iterable[tuple[int, str]]) -> list[LogRow]:
    """Every row of every action log in ``lines`` ((page, text) in reading order)."""
    rows: list[LogRow] = []
    columns: Optional[list[str]] = None
    owner_only = False
    listing: Optional[str] = None  # inside a matters-arising list: the marker its rows start with
    trailing = status_words()
    for page, raw in lines:
        text = raw.strip()
        if MATTERS.match(text):
            columns, listing = None, ""
            continue
        if listing is not None:
            listing = _list_line(rows, page, text, listing)
            continue
        found = header(text) if text else None
        if found:
            columns, owner_only = found, False
            if _minutes_table(found, text):
                # minutes set as a table ("No. | Item | Action"): the item cell is the minute, the action
                # cell names who acts on it; a row with that cell empty records no action
                columns = ["who" if c == "what" else "what" if c == "item" else c for c in found]
                owner_only = True
            continue
        if columns is None:
            continue
        if not text or END.match(text) or FOOTER.match(text):
            columns = None if not text or END.match(text) else columns
            continue
        cells = [c for c in CELL_GAP.split(text) if c]
        status: Optional[str] = None
        if "status" in columns:
            m = trailing.search(cells[-1]) if cells else None
            if m and (len(cells) > 1 or m.start(1) > 0):
                status = cells[-1][m.start(1):].strip()
                head = cells[-1][:m.start(1)].strip()
                cells = cells[:-1] + ([head] if head else [])
        ref = None
        m = REF.match(cells[0]) if cells else None
        if cells and "ref" in columns and re.fullmatch(r"\d{1,4}[a-z]?[.)]?", cells[0]):
            ref, cells = cells[0], cells[1:]  # the number column ("No.") holds the item's number
        elif m:
            ref = m.group(0)
            rest = cells[0][m.end():].strip()
            cells = ([rest] if rest else []) + cells[1:]
        row = _assign(cells, [c for c in columns if c not in {"ref"} and (c != "status" or status is None)])
        if status is not None:
            row["status"] = status
        what = row.get("what")
        prev = rows[-1] if rows and rows[-1].page == page or rows and not ref else None
        starts_row = bool(ref) or status is not None or (what and what[:1].isupper() and (row.get("who") or row.get("item")))
        if prev is not None and not starts_row:
            # a wrapped line: more of the last row's cells
            prev.text = " ".join(filter(None, [prev.text, what or row.get("item") or ""])).strip()
            if row.get("status") and prev.status:
                prev.status = f"{prev.status} {row['status']}"
            elif row.get("status") and "update" in columns:
                prev.status = row["status"]
            prev.lines += (text,)
            continue
        if not what:
            continue
        owner = row.get("who") or (prev.owner if prev is not None and not row.get("item") and not ref else None)
        if owner_only:
            owner = row.get("who")
        rows.append(LogRow(what, owner, row.get("status"), page, ref, row.get("item"), (text,),
                           kind="minutes" if owner_only and not owner else "table"))
    return [r for r in rows if len(r.text.split()) >= 2]


def _minutes_table(columns: list[str], line: str) -> bool:
    """Is the header that of minutes set as a table, not of an action log? An item column holding the
    minute, then an "Action" column last, and no column of owners."""
    cells = [c.strip().lower().rstrip(":") for c in CELL_GAP.split(line.strip()) if c]
    return ("item" in columns and columns[-1] == "what" and "who" not in columns
            and cells[-1] in _spec()["minutes_table_action_columns"] and columns.index("item") < len(columns) - 1)


def action_rows(rows: list[LogRow]) -> list[LogRow]:
    """The rows that are actions in their own right (a log's columns), not a matters-arising narrative."""
    return [r for r in rows if r.kind == "table"]


def _list_line(rows: list[LogRow], page: int, text: str, listing: str) -> Optional[str]:
    """One line of a matters-arising list: a new row, more of the last one, or the list's end (None)."""
    if not text:
        return listing
    if FOOTER.match(text):
        return listing
    m = MARKER.match(text)
    kind = next((k for k, v in (m.groupdict().items() if m else []) if v), None)
    if listing == "" and kind is None:
        return None if rows and rows[-1].kind == "list" or text.endswith(":") else listing
    if kind is not None and (listing in ("", kind)):
        body = text[m.end():] if m else text
        owner_m = COLUMN_OWNER.search(body)
        owner = owner_m.group(1) if owner_m else None
        body = body[:owner_m.start()] if owner_m else body
        rows.append(LogRow(body.strip(), owner, body.strip(), page, None, None, (text,), kind="list"))
        return kind
    if kind is not None or text.endswith(":") or END.match(text) or not rows:
        return None  # a numbered heading or a new section: the list is over
    last = rows[-1]
    owner_m = COLUMN_OWNER.search(text)
    if owner_m:
        last.owner = last.owner or owner_m.group(1)
        text = text[:owner_m.start()]
    last.text = f"{last.text} {text.strip()}"
    last.status = last.text
    last.lines += (text,)
    return listing


def _assign(cells: list[str], columns: list[str]) -> dict[str, str]:
    """Cells to columns: all of them in order, else the rightmost ones (left columns are often left blank)."""
    if not cells:
        return {}
    if len(cells) >= len(columns):
        out = dict(zip(columns, cells[:len(columns) - 1] + [" ".join(cells[len(columns) - 1:])]))
        return out
    if len(cells) == 1:
        return {"what": cells[0]}
    # fewer cells than columns: keep "what" for the longest cell, "who" for a short one before it
    what_i = max(range(len(cells)), key=lambda i: len(cells[i]))
    out = {"what": cells[what_i]}
    before = cells[:what_i]
    after = cells[what_i + 1:]
    order = columns[:columns.index("what")] if "what" in columns else []
    for name, cell in zip(reversed(order), reversed(before)):
        out[name] = cell
    later = columns[columns.index("what") + 1:] if "what" in columns else []
    for name, cell in zip(later, after):
        out[name] = cell
    return out
