"""Recognise "LABEL: value" lines of cover sheets, from the labels in ``patterns/cover_labels.json``.

Cover sheets are forms: a label, then its value in the same table row (a colon
or a wide gap between them; the PDF loader prints a gap between runs as three
spaces, the text loader turns a tab into three spaces) or on the lines below.
Which label fills which field is data, so a council's own wording is one line in
the pattern file. Known labels may appear without a colon (table cells); any
other short "Label: value" line is a label only with its colon, and only counts
inside a block that known labels have already marked as a cover.

``value_cell`` reads a ruled box by position instead: a label set vertically
centred in a tall cell prints its value's first lines above its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ...patterns import load_json

PATTERN_FILE = "cover_labels.json"

# a generic label: a short phrase starting with a letter, then a colon (not "10:30", not a URL)
_GENERIC = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9'’()/&,.?\- ]{0,45}?)\s*:(?!//)\s*(?P<value>.*)$")
# a question in a form's cell: "Is this a key decision?   Yes"
_QUESTION = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9'’()/&,.\- ]{2,60}\?)(?:\s{2,}|\s*$)(?P<value>.*)$")
_MAX_GENERIC_WORDS = 6
_MAX_QUESTION_WORDS = 10
_MAX_PROSE_LABEL_WORDS = 10


def fold_label(text: str) -> str:
    """'DECISION-MAKER:' and 'Decision  maker' fold alike."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").lower()
    text = re.sub(r"[\s\-]+", " ", text)
    return text.strip(" :.")


@dataclass(frozen=True)
class LabelHit:
    """A label found at the start of a line."""

    label: str  # as printed, without the colon
    value: str  # the rest of the line (may be empty: the value is below)
    field: Optional[str]  # decision_maker | subject | date | report_of | None
    known: bool  # a label from the pattern file (or one of its 'not_cover' labels)
    value_offset: int  # characters from the line start to the value
    negative: bool = False  # a label that says "this block is not a report cover"
    colon: bool = False


@dataclass(frozen=True)
class CoverLabels:
    """The pattern file, compiled."""

    field_of: dict[str, str]  # folded label -> field
    priority: dict[str, list[str]]  # field -> folded labels, most telling first
    other: frozenset[str]
    negative: frozenset[str]
    known_re: re.Pattern[str]
    prose_re: re.Pattern[str]  # "Report to Cabinet": a label run into its value
    prose_not: tuple[re.Pattern[str], ...]  # ... but not "Report to Follow"
    required_all: tuple[str, ...]
    required_any: tuple[str, ...]
    min_of: int
    rec_heading_re: re.Pattern[str]
    rec_lead_re: re.Pattern[str]
    end_re: re.Pattern[str]
    window_pages: int
    negative_values: dict[str, tuple[re.Pattern[str], ...]]  # field -> values that rule a cover out
    placeholders: tuple[re.Pattern[str], ...]  # values that stand in for the value printed elsewhere
    title_needs: tuple[str, ...]
    title_size_ratio: float
    title_lines_above: int


def _label_regex(labels: list[str]) -> str:
    """One alternative per label, longest first, with hyphens/spaces matching either."""
    parts = []
    for label in sorted(set(labels), key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", label.strip()) if w]
        parts.append(r"[\s\-]+".join(words))
    return "|".join(parts)


@lru_cache(maxsize=None)
def cover_labels(name: str = PATTERN_FILE) -> CoverLabels:
    """The compiled cover-sheet patterns (cached: the file is read once)."""
    data: dict[str, Any] = load_json(name)
    field_of: dict[str, str] = {}
    priority: dict[str, list[str]] = {}
    for field_name, labels in data["fields"].items():
        for label in labels:
            field_of.setdefault(fold_label(label), field_name)
            priority.setdefault(field_name, []).append(fold_label(label))
    other = frozenset(fold_label(x) for x in data.get("other_labels", []))
    negative = frozenset(fold_label(x) for x in data.get("not_cover_labels", []))
    every = [*(l for ls in data["fields"].values() for l in ls), *data.get("other_labels", []),
             *data.get("not_cover_labels", [])]
    # label, then a colon, a wide gap (table cell) or the end of the line
    known_re = re.compile(r"^\s*(?P<label>" + _label_regex(every) + r")(?P<sep>\s*:|\s{2,}|\s*$)", re.I)
    prose = data.get("prose_labels", [])
    prose_re = (re.compile(r"^\s*(?P<label>" + _label_regex(prose) + r")\s(?P<value>(?:the\s+)?[A-Z].*)$", re.I)
                if prose else re.compile(r"(?!)"))
    heading = _label_regex(data.get("recommendation_headings", []))
    rec_heading_re = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?P<label>" + heading + r")\s*(?::|-|–|\s{2,}|$)\s*(?P<rest>.*)$",
                                re.I)
    leads = data.get("recommendation_leads", [])
    rec_lead_re = re.compile(r"^\s*(?:" + "|".join(f"(?:{x})" for x in leads) + ")", re.I) if leads else re.compile(r"(?!)")
    ends = data.get("end_headings", [])
    end_re = re.compile(r"^\s*(?:" + "|".join(f"(?:{x})" for x in ends) + ")", re.I) if ends else re.compile(r"(?!)")
    required = data.get("required", {})
    title = data.get("title_heading", {})
    return CoverLabels(
        field_of=field_of, priority=priority, other=other, negative=negative, known_re=known_re, prose_re=prose_re,
        prose_not=tuple(re.compile(x, re.I) for x in data.get("prose_label_not_values", [])),
        required_all=tuple(required.get("all", ["subject"])), required_any=tuple(required.get("any", [])),
        min_of=int(required.get("min_of", 1)), rec_heading_re=rec_heading_re, rec_lead_re=rec_lead_re,
        end_re=end_re, window_pages=int(data.get("window_pages", 2)),
        negative_values={name: tuple(re.compile(x, re.I) for x in patterns_)
                         for name, patterns_ in data.get("not_cover_values", {}).items()},
        placeholders=tuple(re.compile(x, re.I) for x in data.get("placeholder_values", [])),
        title_needs=tuple(title.get("needs", ["decision_maker", "report_of"])),
        title_size_ratio=float(title.get("min_size_ratio", 1.4)),
        title_lines_above=int(title.get("lines_above", 6)),
    )


def find_label(text: str, patterns: Optional[CoverLabels] = None) -> Optional[LabelHit]:
    """The label a line starts with, or None.

    A known label needs a colon, a wide gap or the end of the line after it, and
    (without a colon) a capital first letter, so running text ("to   the") is no
    label. Any other label needs its colon and at most a few words.
    """
    p = patterns or cover_labels()
    m = p.known_re.match(text)
    if m:
        printed = m.group("label")
        sep = m.group("sep")
        colon = ":" in sep
        if colon or printed[:1].isupper():
            folded = fold_label(printed)
            value = text[m.end():].strip()
            offset = m.end() + (len(text[m.end():]) - len(text[m.end():].lstrip()))
            return LabelHit(label=printed.strip(), value=value, field=p.field_of.get(folded), known=True,
                            value_offset=offset, negative=folded in p.negative, colon=colon)
    m = p.prose_re.match(text)
    if m and m.group("label")[:1].isupper() and len(text.split()) <= _MAX_PROSE_LABEL_WORDS \
            and not text.rstrip().endswith((".", ";", ",")) \
            and re.sub(r"^the\s+", "", m.group("value").strip(), flags=re.I)[:1].isupper() \
            and not any(rx.search(m.group("value").strip()) for rx in p.prose_not):
        printed = m.group("label")
        return LabelHit(label=printed.strip(), value=m.group("value").strip(), field=p.field_of.get(fold_label(printed)),
                        known=True, value_offset=m.start("value"))
    q = _QUESTION.match(text.strip())
    if q and len(q.group("label").split()) <= _MAX_QUESTION_WORDS:
        lead = len(text) - len(text.lstrip())
        value = q.group("value").strip()
        return LabelHit(label=q.group("label").strip(), value=value, field=None, known=False,
                        value_offset=lead + q.start("value"), colon=True)
    g = _GENERIC.match(text.strip())
    if g and len(g.group("label").split()) <= _MAX_GENERIC_WORDS and g.group("label")[:1].isupper():
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        value = g.group("value").strip()
        offset = lead + (stripped.index(value) if value else len(stripped))
        return LabelHit(label=g.group("label").strip(), value=value, field=None, known=False,
                        value_offset=offset, colon=True)
    return None


# ---------------------------------------------------------------- ruled boxes: a value cell by position

ROW_GAP = 1.5  # font sizes of vertical space between two lines of one cell, at most (more: the next row)
_CELL_REACH = 8  # lines searched above and below a label for its value cell


def _runs_of(line: Any) -> list[tuple[float, float, str]]:
    if line.runs:
        return list(line.runs)
    return [(line.x0, line.x1 if line.x1 is not None else line.x0, line.text)]


def value_cell(lines: list[Any], index: int) -> Optional[list[str]]:
    """The lines of the value cell beside the label ``lines[index]`` in a ruled box (PDF page lines).

    A label set vertically centred in a tall cell prints the value's first line(s) ABOVE its own line,
    so reading order alone gives them to the row before. A value cell's lines are those whose runs start
    in the value column (right of the labels) between the previous and the next label row, cut at a row
    gap, and which centre on the label. Returns the texts top to bottom (the label line's own value run
    included), or None where the lines carry no positions or no value stands above the label (reading
    order is then right).
    """
    label = lines[index]
    if label.x0 is None or label.top is None:
        return None
    size = label.size or 10.0
    label_end = _runs_of(label)[0][1]
    # the value column: the leftmost run that starts right of the label text, near the label
    starts = [r[0] for k in range(max(0, index - _CELL_REACH), min(len(lines), index + _CELL_REACH + 1))
              if lines[k].x0 is not None for r in _runs_of(lines[k]) if r[0] > label_end + 2]
    if not starts:
        return None
    column = min(starts) - 4

    def value_text(line: Any) -> Optional[str]:
        if line.x0 is None or line.top is None or not line.text.strip():
            return None
        if line.x0 < column:
            return None  # a label row (or body text at the margin)
        return " ".join(r[2].strip() for r in _runs_of(line) if r[0] >= column).strip() or None

    above: list[Any] = []
    for k in range(index - 1, max(-1, index - _CELL_REACH), -1):
        if value_text(lines[k]) is None:
            break
        above.insert(0, lines[k])
    if not above:
        return None
    below: list[Any] = []
    for k in range(index + 1, min(len(lines), index + _CELL_REACH)):
        if value_text(lines[k]) is None:
            break
        below.append(lines[k])
    own = [r for r in _runs_of(label)[1:] if r[0] >= column]
    # which lines above and below are this cell's: evenly spaced (a row gap is wider than a line pitch,
    # where the template pads its rows) and centred on the label
    best: Optional[tuple[float, int, list[Any]]] = None
    for j in range(1, len(above) + 1):
        for m in range(0, len(below) + 1):
            cell = above[-j:] + below[:m]
            tops = sorted([line.top for line in cell] + ([label.top] if own else []))
            gaps = [b - a for a, b in zip(tops, tops[1:])]
            pitch = min(gaps) if gaps else 0.0
            if gaps and (max(gaps) > 1.3 * pitch and max(gaps) > ROW_GAP * size):
                continue
            if not own and (label.top - cell[j - 1].top) > max(pitch, ROW_GAP * size):
                continue  # the nearest line above is a row away from the label
            offset = abs((tops[0] + tops[-1]) / 2 - label.top)
            if offset > 0.6 * size:
                continue
            if best is None or (offset, len(cell)) < (best[0], best[1]):
                best = (offset, len(cell), cell)
    if best is None:
        return None  # not centred on the label: these lines are another row's
    cell = best[2]
    kept, cell_below = [line for line in cell if line.top < label.top], [line for line in cell if line.top > label.top]
    texts = [value_text(line) for line in kept]
    if own:
        texts.append(" ".join(r[2].strip() for r in own))
    texts.extend(value_text(line) for line in cell_below)
    return [t for t in texts if t]
