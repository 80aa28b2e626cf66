"""Line-label files: the role of every line of a paper, as annotated by a person.

Why a file of its own: the record gold (FORMAT.md) says what a paper holds, not
which lines hold it, and a sequence model learns from lines.  The file names
each line by page and by a short hash of its folded text, so it keeps no copy
of the paper and survives small changes in how the loader splits lines
(``align`` matches by page and hash, then by similarity).

Format (tab-separated, ``#`` starts a comment)::

    page  label  key           text (first 60 characters, for the reader only)
    1     masthead  3fa2c1d9e0b7  SOULDERN PARISH COUNCIL
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ...load.model import Document

# The roles a line can play.  Order matters only for display.
ROLES: tuple[str, ...] = (
    "furniture",       # running header or footer, page number, stamp, logo text
    "masthead",        # who publishes and what the paper is: "SOULDERN PARISH COUNCIL", "MINUTES", "AGENDA"
    "meeting",         # which meeting: body, date, time, place ("held on 25 January 2024 at 7.30pm")
    "present",         # members present, with their label ("Present:", "Roll call")
    "apologies",       # apologies and absences in the minutes' header
    "attendance",      # others attending: officers, public ("In attendance:", "Also present:")
    "agenda_item",     # an entry of the agenda list: number and title (and its wrapped lines)
    "item",            # a minute item's heading: number and title
    "decision",        # what the body decided (a resolution, motion carried, "AGREED ..."), every line of it
    "vote",            # how it was decided: proposer and seconder, "Carried", counts, roll-call votes
    "action",          # who must do what, set apart ("Action: Clerk", an action column)
    "cover",           # a report cover sheet's fields: To, From, Subject, Date, Report of, Wards ...
    "recommendation",  # a report's recommendations (each line of them)
    "heading",         # any other heading
    "table",           # a row of a data table (KPIs, finance, names laid out as a table)
    "signature",       # signing off: "Signed ... Chair", "Meeting closed at 9.15pm"
    "text",            # everything else: running prose
)
DEFAULT = "text"
HEADER = "# council-extract line labels v1: page\tlabel\tkey\ttext (first 60 characters)"
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The form lines are compared in: NFKC, case-folded, spaces collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


_MARKUP = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);|[\s>|#*_`]+", re.I)


def match_form(text: str) -> str:
    """What alignment compares: the folded text without markup, entities or spaces, first 24 characters.

    A loader that now decodes ``&nbsp;`` or drops a Markdown quote mark still
    finds the annotated line by this form (the file's hint is the line's start)."""
    return _MARKUP.sub("", html.unescape(fold(text)))[:24]


def line_key(text: str) -> str:
    """A short, stable name for a line's text (no copy of the text)."""
    return hashlib.sha1(fold(text).encode("utf-8")).hexdigest()[:12]


@dataclass
class LabelledLine:
    page: int
    label: str
    key: str
    text: str = ""  # the hint kept in the file (may be cut short)


def template(doc: Document, guess: Optional[list[str]] = None) -> list[LabelledLine]:
    """Every line of ``doc`` with the default label (or ``guess``, one label per line)."""
    rows: list[LabelledLine] = []
    for index, (page, line) in enumerate(doc.lines()):
        if not line.text.strip():
            continue
        label = guess[index] if guess else DEFAULT
        rows.append(LabelledLine(page.number, label, line_key(line.text), _hint(line.text)))
    return rows


def _hint(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:60]


def write(rows: Iterable[LabelledLine], path: str | Path) -> None:
    out = [HEADER]
    out += [f"{r.page}\t{r.label}\t{r.key}\t{r.text}" for r in rows]
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


class LabelFileError(ValueError):
    """A line-label file that cannot be read: names the file, the line and what is wrong."""


def read(path: str | Path) -> list[LabelledLine]:
    rows: list[LabelledLine] = []
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 3:
            raise LabelFileError(f"{path} line {number}: expected page, label, key (tab-separated)")
        try:
            page = int(cells[0])
        except ValueError:
            raise LabelFileError(f"{path} line {number}: page {cells[0]!r} is not a number") from None
        label = cells[1].strip() or DEFAULT
        if label not in ROLES:
            raise LabelFileError(f"{path} line {number}: unknown label {label!r}; one of {', '.join(ROLES)}")
        rows.append(LabelledLine(page, label, cells[2].strip(), cells[3] if len(cells) > 3 else ""))
    return rows


def align(doc: Document, rows: list[LabelledLine]) -> list[Optional[str]]:
    """The annotated label of each non-blank line of ``doc``, in reading order (``None`` where none matches).

    Lines are matched page by page in order by key, so a loader that now splits
    one line differently loses only that line's label.
    """
    from difflib import SequenceMatcher

    labels: list[Optional[str]] = []
    by_page: dict[int, list[LabelledLine]] = {}
    for r in rows:
        by_page.setdefault(r.page, []).append(r)
    for page in doc.pages:
        keys_doc = [match_form(line.text) for line in page.lines if line.text.strip()]
        ann = by_page.get(page.number, [])
        matcher = SequenceMatcher(None, keys_doc, [match_form(a.text) for a in ann], autojunk=False)
        page_labels: list[Optional[str]] = [None] * len(keys_doc)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                page_labels[block.a + k] = ann[block.b + k].label
        labels.extend(page_labels)
    return labels
