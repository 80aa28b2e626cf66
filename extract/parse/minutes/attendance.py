"""Who was there: the attendance lines in the head of a set of minutes.

Only the header lines count ("Present:", "Apologies:", "In attendance:"), per
FORMAT.md; apologies recorded inside a minute item are collected separately by
the minutes parser. A section runs from its label over the lines that carry on
the list (the previous line did not end a sentence, or the line is a
continuation label such as "Appointed Members:") and stops at the next label,
a blank line after content, or a prose line, so a note printed under the list
("Under item 4(v) ... substituting") is never read as names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from ...patterns import load_json
from ..text.pattern_rules import pattern_rules
from .names import group_label, is_organisation, split_names, strip_titles


@dataclass
class Attendance:
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)


@pattern_rules("minutes.json")
def _labels() -> tuple[list[tuple[re.Pattern, str]], re.Pattern]:
    att = load_json("minutes.json")["attendance"]
    pairs = []
    for section in ("present", "apologies", "in_attendance"):
        for label in att[section]:
            pairs.append((label, section))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)  # "in attendance virtually" before "in attendance"
    # a label ends with ':' or a dash, stands alone on its line, or runs straight into a titled name
    # ("PRESENT Councillor ..."); a label that ends in a preposition ("... received from") needs nothing
    # or stands apart from the first name by a column's gap ("PRESENT   Rob Weatherston   RW")
    end = r"(?:\s*(?::|-|–|$)|\s(?=" + load_json("minutes.json")["label_runs_into"] + r")|\s{3,}(?=[A-Z][a-z]))"
    qualifier = r"(?:\s*\([^()]{1,40}\)(?=\s*:))?"  # "Present (in person):", "Apologies (for absence):"
    compiled = [(re.compile(r"^(?:\d{1,3}\.?\s+)?(?:" + lab + r")" + qualifier
                            + (r"\s+" if re.search(r"(?:from|by|for)\)?$", lab) else end) + r"\s*", re.I), sec)
                for lab, sec in pairs]
    cont = re.compile(r"^(?:" + "|".join(att["continuation"]) + r")\s*[:\-–]", re.I)
    return compiled, cont


def match_label(text: str) -> Optional[tuple[str, str]]:
    """(section, rest of line) when ``text`` opens an attendance section."""
    labels, _ = _labels()
    stripped = text.strip()
    for rx, section in labels:
        m = rx.match(stripped)
        if m:
            return section, stripped[m.end():]
    # a bilingual label ("Yn bresennol / Present:"): the label after the slash
    pair = re.match(r"^[^:/]{1,40}\s/\s*(?=[^:/]{1,40}:)", stripped)
    if pair:
        return match_label(stripped[pair.end():])
    return None


def first_sentence(text: str) -> str:
    """The list up to the first full stop that ends a sentence ('... and the Clerk. Members of the public – ...')."""
    for m in re.finditer(r"\.(?=\s+[A-Z][a-z])", text):
        before = text[: m.start()].split()
        last = before[-1] if before else ""
        if len(last) <= 1 or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", last) \
                or last.lower().strip("(") in {"mr", "mrs", "ms", "dr", "cllr", "cllrs", "st", "rev", "prof"}:
            continue
        return text[: m.start()]
    return text


_CELL_GAP = re.compile(r"\s{3,}")


def _cells_apart(lines: Iterable[tuple[str, bool]]) -> Iterable[tuple[Optional[str], bool]]:
    """Attendance printed as a table of cells ("Dave Horkan (DHO)   Councillor/Chairman   Apologies:   None"):
    a cell that is only a role ("Councillor/Chairman") is no one's name and goes; a label in a later cell
    heads a column of its own beside the names, so it and the cells after it are not this list's.
    Lines without cells pass unchanged."""
    heads = _table_heads()
    for text, blank_before in lines:
        cells = _CELL_GAP.split(text.strip())
        if len(cells) < 2:
            yield text, blank_before
            continue
        if all(" ".join(c.lower().split()).rstrip(":") in heads for c in cells):
            yield None, True  # a table's heading row ("No   Item   Action by"): the list above it is over
            continue
        kept: list[str] = []
        for k, cell in enumerate(cells):
            if k and match_label(cell):
                break
            if not all(part.strip() and not strip_titles(part) for part in cell.split("/")):
                kept.append(cell)
        if kept:  # a row of a names table: the gap above it parts table rows, not paragraphs
            yield "   ".join(kept), blank_before and not _name_row(text)


def parse_attendance(lines: Iterable[tuple[str, bool]]) -> Attendance:
    """Attendance from header lines given as (text, blank_before)."""
    _, cont = _labels()
    out = Attendance()
    section: Optional[str] = None
    buf: list[str] = []

    def flush() -> None:
        nonlocal buf
        if section and buf:
            joined = first_sentence(" ".join(buf))
            people, officers = split_names(joined)
            if section == "in_attendance" and not out.present and _members_titled().match(joined):
                # "In Attendance: Councillors S Hughes (Chair), C Burgess, ...": where no list of members
                # present is printed, councillors said to attend are the members present
                out.present.extend(people)
                out.in_attendance.extend(officers)
            elif section == "in_attendance":
                out.in_attendance.extend(people + officers)
            else:
                getattr(out, section).extend(people)
                out.in_attendance.extend(officers)
        buf = []

    for cells_text, blank_before in _cells_apart(lines):
        if cells_text is None:  # a table's heading row ends the list
            flush()
            section = None
            continue
        text = cells_text.strip()
        if not text:
            continue
        label = match_label(text)
        if label:
            flush()
            section, rest = label
            if rest:
                buf.append(rest)
            continue
        if section is None:
            continue
        if cont.match(text) or group_label(text) or (buf and is_organisation(text)):
            if buf:
                buf[-1] = buf[-1].rstrip().rstrip(".,") + ","
            buf.append(text)
            continue
        if buf and ((blank_before and not _name_row(text)) or _ends_sentence(buf[-1]) or is_prose(text)
                    or (text.isupper() and not " ".join(buf).isupper())):
            flush()
            section = None
            continue
        # one entry per line where the line above was a whole entry (ends with a bracket, holds no list)
        per_line = text[:1].isupper() and (buf[-1].rstrip().endswith(")") or "," not in buf[-1]) if buf else False
        if buf and (_row_rules()[0].match(text) or per_line) \
                and not re.search(r"(?:,|\band|&)\s*$", buf[-1]):
            buf[-1] = buf[-1].rstrip() + ","  # one person per line: "Councillor A Smith (Chair)" / "Roger Whiteley"
        buf.append(text)
    flush()
    return out


@pattern_rules("minutes.json")
def _members_titled() -> re.Pattern[str]:
    return re.compile(load_json("minutes.json")["members_by_title"], re.I)


@pattern_rules("minutes.json")
def _table_heads() -> set[str]:
    return {w.lower() for w in load_json("minutes.json")["table_header_cells"]}


@lru_cache(maxsize=1)
def _row_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A names-table row that starts with a title; a line whose full stop ends an initial or a title."""
    p = load_json("minutes.json")
    return re.compile(p["titled_row"], re.I), re.compile(p["title_abbreviation_end"], re.I)


def _name_row(text: str) -> bool:
    """A row of a names table set apart by spacing ("Dr Alan Priestley   Chair"), not a new paragraph."""
    text = text.strip()
    if text.endswith(":") or is_prose(text) or len(text.split()) > 12:
        return False
    return bool(_row_rules()[0].match(text) or re.search(r"\S[ \t]{3,}\S", text))


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return text.endswith(".") and not _row_rules()[1].search(text)


def is_prose(text: str) -> bool:
    """A line of running text rather than a list of names: many lower-case words in a row."""
    words = re.findall(r"[A-Za-z’']+", text)
    lower = [w for w in words if w[0].islower() and w not in {"and", "of", "the", "for", "de", "van", "von"}]
    return len(words) >= 6 and len(lower) >= 0.5 * len(words)
