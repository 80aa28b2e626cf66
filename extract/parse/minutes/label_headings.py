"""Minute items headed by a label and a colon, as many community and parish councils set their minutes:
"Police Matters:", "Treasurer's Report.:", "Declarations of Interest: None", the minute's text on the
same line or below, with no item numbers, and numbered lists under some labels that restart at 1
("Matters Arising:" then "1. ... 2. ...", "Planning:" then "1. ..."). Read as numbered items, those
lists gave one run of list entries instead of the items; read as unnumbered headings, the colon hid them.

The labels that open something other than an item (attendance, movers and seconders, "Action:",
"Note:", a role before a name) are data in ``patterns/minutes.json`` ``label_headings``.
"""

from __future__ import annotations

import re
from typing import Optional

from ...patterns import load_json
from ..text.pattern_rules import pattern_rules
from .attendance import is_prose, match_label
from .header import find_date
from .items import ItemHeading
from .motions import mover_line, outcome_line, seconder_line, vote_line
from .resolutions import lead, tidy
from .rows import Row

_LABEL = re.compile(r"^(?P<title>[A-Z][^:]{1,80}?)[\s.]*:{1,2}-?(?:\s+(?P<rest>\S.*))?$")


@pattern_rules("minutes.json")
def _rules() -> dict:
    p = load_json("minutes.json")["label_headings"]
    return {"not_titles": re.compile(r"(?:" + "|".join(p["not_titles"]) + r")", re.I),
            "max_words": int(p["max_words"]), "least": int(p["least"]),
            "list_start": re.compile(p["list_start"])}


def label_heading(row: Row) -> Optional[tuple[str, str]]:
    """(title, text after the colon) when ``row`` opens with a heading label, else None."""
    text = row.text.strip()
    m = _LABEL.match(text)
    if row.table or not m:
        return None
    title, rest = m.group("title").strip(" .-–"), (m.group("rest") or "").strip()
    words = title.split()
    dated = find_date(title) is not None  # "Minutes of previous meeting – 3rd April 2017"
    if not words or len(words) > _rules()["max_words"] or (re.search(r"\d", title) and not dated) \
            or (dated and len(words) <= 3) or is_prose(re.sub(r"\d+(?:st|nd|rd|th)?", "", title)):
        return None
    if _rules()["not_titles"].fullmatch(title) or match_label(text) or lead(title):
        return None
    if mover_line(text) or seconder_line(text) or vote_line(text) or outcome_line(text):
        return None
    return title, rest


def find_label_headings(rows: list[Row], start: int, end: int) -> list[ItemHeading]:
    """The label headings of the minutes between ``start`` and ``end``, set at one margin; [] when fewer
    than ``least`` (a couple of labels in running text are not the minutes' structure)."""
    found: list[tuple[int, str, str, Optional[float]]] = []
    for i in range(start + 1, end):
        head = label_heading(rows[i])
        if head is not None:
            line = rows[i].line
            found.append((i, head[0], head[1], line.x0 if line is not None else None))
    xs = [x for *_, x in found if x is not None]
    if xs:
        found = [f for f in found if f[3] is None or f[3] - min(xs) <= 6]
    if len(found) < _rules()["least"]:
        return []
    return [ItemHeading(number=None, title=tidy(title), row=i, body_start=i + 1, page=rows[i].page, rest=rest)
            for i, title, rest, _ in found]


def lists_under_labels(items: list[ItemHeading], labels: list[ItemHeading], rows: list[Row]) -> bool:
    """Are the numbered "items" lists under the labels, or are there none? Then the labels are the
    minutes' items and the numbers the lists' entries: all the numbered items stand between the same two
    labels, or numbering starts again at 1 under two labels or more. Numbered items below a few labelled
    header lines, with no label after them, stay the items."""
    if not labels or not items:
        return bool(labels)
    sections = {sum(1 for label in labels if label.row < item.row) for item in items}
    if len(sections) == 1 and 0 < next(iter(sections)) < len(labels):
        return True
    first = _rules()["list_start"]
    restarts = {sum(1 for label in labels if label.row < k) for k in range(labels[0].row, len(rows))
                if first.match(rows[k].text.strip())}
    return len(restarts - {0}) >= 2
