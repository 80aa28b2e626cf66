"""Line features for the layout reader: how a line is set, how it is shaped, what cues it holds.

Why these: a council's template shows itself in layout (size and weight against
the page's running text, indentation, gaps, position on the page, text that
repeats on every page) and in the shape of numbers ("15/03/1", "292.", "5a",
"(ii)"), which carry from one council to the next better than any one wording.
Wordings still help, so the cue features come from the pattern files a user
edits (decision leads, attendance labels, meeting headers, cover labels, vote
wordings): patterns stay data and become features.  Each line also sees its
neighbours' main features, as in GROBID's feature templates.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ...load.model import Document, Line, Page
from ...load.stamps import printed_page_number, stamp_of
from ..minutes.attendance import match_label
from ..minutes.header import find_date, is_header
from ..minutes.resolutions import lead
from ..minutes.votes import find_vote
from ..reports.labels import find_label
from ..text.listmarkers import read_marker
from .cues import cue_words, has_initials_tail

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"\*\*|__|^#+\s*|^>\s*|^\s*\|+|\|+\s*$")
_CELL_BAR = re.compile(r"\s*\|\s*")
_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|\b\d{1,2}[.:]\d{2}\b", re.I)
_MONEY = re.compile(r"[£$€]\s?\d|\d\s?(?:k|m|bn)\b", re.I)
_PERCENT = re.compile(r"\d\s?%")
_NUMBER = re.compile(r"(?<![\w.])[-(]?\d[\d,]*(?:\.\d+)?%?\)?(?![\w])")
_PAGE_REF = re.compile(r"(?:\bpages?\s*\d+(?:\s*[-–]\s*\d+)?|\.{3,}\s*\d+|\s\d{1,3}\s*[-–]\s*\d{1,3})\s*\)?$", re.I)
_DIGITS = re.compile(r"\d")
_UNDERSCORES = re.compile(r"_{3,}|\.{6,}")


def shape(token: str) -> str:
    """The shape of a token with runs collapsed: "15/03/1" -> "d/d/d", "292." -> "d.", "5a" -> "dx", "(ii)" -> "(x)"."""
    out: list[str] = []
    for ch in token[:12]:
        c = "d" if ch.isdigit() else "X" if ch.isupper() else "x" if ch.islower() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _bucket(value: float, edges: tuple[float, ...], names: tuple[str, ...]) -> str:
    for edge, name in zip(edges, names):
        if value < edge:
            return name
    return names[-1]


def clean(text: str) -> str:
    """The line as features read it: markup dropped, spaces folded."""
    return _SPACE.sub(" ", _CELL_BAR.sub("  ", _MARKUP.sub("", text))).strip()


@dataclass
class _DocStats:
    body_size: Optional[float]
    repeated: set[str]  # folded lines (digits masked) that repeat on several pages
    margins: dict[int, float]  # page -> left margin
    top_words: set[str]  # words of the first lines of the document


def _mask(text: str) -> str:
    return _DIGITS.sub("#", clean(text).casefold())


def doc_stats(doc: Document) -> _DocStats:
    sizes: Counter[float] = Counter()
    seen: Counter[str] = Counter()
    margins: dict[int, float] = {}
    for page in doc.pages:
        xs = []
        on_page = set()
        for line in page.lines:
            if not line.text.strip():
                continue
            if line.size:
                sizes[round(line.size, 1)] += len(line.text)
            if line.x0 is not None:
                xs.append(line.x0)
            on_page.add(_mask(line.text))
        seen.update(on_page)
        if xs:
            xs.sort()
            margins[page.number] = xs[max(0, len(xs) // 10 - 1)] if len(xs) > 10 else xs[0]
    body = sizes.most_common(1)[0][0] if sizes else None
    pages = len(doc.pages)
    repeated = {t for t, n in seen.items() if n >= 2 and pages >= 2 and n >= 0.3 * pages and len(t) < 120}
    first = [clean(line.text) for _, line in doc.lines()[:15]]
    top_words = set(re.findall(r"[a-z]+", " ".join(first).casefold()))
    return _DocStats(body, repeated, margins, top_words)


def line_features(page: Page, index: int, line: Line, stats: _DocStats, prev: Optional[Line],
                  blank_before: bool) -> dict[str, float]:
    """The features of one line on its own (neighbours are added by ``document_features``)."""
    text = clean(line.text)
    f: dict[str, float] = {"bias": 1.0}
    words = text.split()
    first = words[0] if words else ""
    f["shape=" + shape(first)] = 1.0
    if len(words) > 1:
        f["shape2=" + shape(first) + " " + shape(words[1])] = 1.0
    f["first=" + re.sub(r"[^a-z]", "", first.casefold())[:12]] = 1.0
    f["words=" + _bucket(len(words), (2, 4, 8, 16, 30), ("1", "2-3", "4-7", "8-15", "16-29", "30+"))] = 1.0
    letters = [c for c in text if c.isalpha()]
    if letters:
        upper = sum(c.isupper() for c in letters) / len(letters)
        f["caps=" + _bucket(upper, (0.2, 0.6, 0.95), ("low", "mixed", "most", "all"))] = 1.0
        titled = sum(w[:1].isupper() for w in words if w[:1].isalpha()) / max(1, sum(w[:1].isalpha() for w in words))
        f["titled=" + _bucket(titled, (0.5, 0.8), ("no", "some", "yes"))] = 1.0
        f["starts_lower"] = float(letters[0].islower() and text[:1].isalpha())
    f["end=" + (text[-1:] if text[-1:] in ".:;,?!-)" else "w" if text[-1:].isalnum() else "o")] = 1.0
    marker = read_marker(text)
    if marker is not None:
        f["marker"] = 1.0
    if re.match(r"^(?:item|minute|min\.?|no\.?)\s*\d", text, re.I):
        f["item_word_number"] = 1.0
    if re.match(r"^\d{1,4}(?:[./-]\d{1,4}){0,3}[a-z]?[.):]?\s+[A-Z]", text):
        f["number_then_capital"] = 1.0
    if _PAGE_REF.search(text):
        f["page_ref"] = 1.0
    if find_date(text):
        f["date"] = 1.0
    if _TIME.search(text):
        f["time"] = 1.0
    numbers = _NUMBER.findall(text)
    f["numbers=" + _bucket(len(numbers), (1, 2, 4), ("0", "1", "2-3", "4+"))] = 1.0
    if _MONEY.search(text):
        f["money"] = 1.0
    if _PERCENT.search(text):
        f["percent"] = 1.0
    if _UNDERSCORES.search(text):
        f["underscores"] = 1.0
    if has_initials_tail(line.text.rstrip()):
        f["initials_tail"] = 1.0
    # cues from the pattern files
    if is_header(text):
        f["cue:meeting_header"] = 1.0
    label = match_label(text)
    if label:
        f["cue:attendance=" + label[0]] = 1.0
    hit = lead(text)
    if hit:
        f["cue:decision_lead"] = 1.0
        if hit[0].isupper():
            f["cue:decision_caps"] = 1.0
    if find_vote(text) is not None:
        f["cue:vote"] = 1.0
    if find_label(text) is not None:
        f["cue:cover_label"] = 1.0
    if printed_page_number(text) is not None:
        f["cue:page_number"] = 1.0
    if stamp_of(text) is not None:
        f["cue:stamp"] = 1.0
    for name in cue_words(text):
        f["cue:" + name] = 1.0
    if _mask(line.text) in stats.repeated:
        f["repeated"] = 1.0
    # layout
    if blank_before:
        f["blank_before"] = 1.0
    if index == 0:
        f["page_first"] = 1.0
    if line.bold:
        f["bold"] = 1.0
    if line.size and stats.body_size:
        f["size=" + _bucket(line.size / stats.body_size, (0.9, 1.08, 1.3), ("small", "body", "large", "huge"))] = 1.0
    if page.width and line.x0 is not None:
        margin = stats.margins.get(page.number, 0.0)
        indent = (line.x0 - margin) / page.width
        f["indent=" + _bucket(indent, (0.01, 0.05, 0.15, 0.35), ("0", "s", "m", "l", "far"))] = 1.0
        if line.x1 is not None:
            width = (line.x1 - line.x0) / page.width
            f["width=" + _bucket(width, (0.2, 0.5, 0.75), ("short", "half", "most", "full"))] = 1.0
            centre = abs((line.x0 + line.x1) / 2 - page.width / 2) / page.width
            if centre < 0.04 and width < 0.7:
                f["centred"] = 1.0
    if page.height and line.top is not None:
        pos = line.top / page.height
        f["vpos=" + _bucket(pos, (0.08, 0.2, 0.85, 0.93), ("head", "upper", "mid", "lower", "foot"))] = 1.0
        if prev is not None and prev.bottom is not None and line.size:
            gap = (line.top - prev.bottom) / line.size
            f["gap=" + _bucket(gap, (-0.5, 0.6, 1.5), ("same", "tight", "para", "wide"))] = 1.0
    runs = line.runs or []
    if len(runs) > 1:
        gaps = sum(1 for a, b in zip(runs, runs[1:]) if b[0] - a[1] > 15)
        if gaps:
            f["columns=" + ("1" if gaps == 1 else "2+")] = 1.0
    return f


_LEAD_NUMBER = re.compile(r"^(?:(?:item|minute|min\.?|no\.?)\s*)?\(?(?P<num>\d{1,4}(?:[./\-]\d{1,4}){0,3}|[a-z]|[ivx]{1,5})[.):]?(?:\s|$)",
                          re.I)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
          "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}


def _number_value(token: str) -> Optional[tuple[str, int]]:
    """(kind, value) of a leading number: its last figure, or a letter's or roman numeral's place."""
    low = token.lower()
    if low in _ROMAN and (len(low) > 1 or low in "ivx"):
        return "roman" if len(low) > 1 or low != "i" else "letter?", _ROMAN[low]
    if len(low) == 1 and low.isalpha():
        return "letter", ord(low) - ord("a") + 1
    digits = re.findall(r"\d+", token)
    return (shape(token), int(digits[-1])) if digits else None


def number_sequence(texts: list[str]) -> list[dict[str, float]]:
    """Whether each line's leading number follows the last one of its kind (2 after 1, "19.09.03" after
    "19.09.02", "c" after "b"): numbered headings and lists count up; amounts and dates in text do not."""
    last: dict[str, int] = {}
    out: list[dict[str, float]] = []
    for text in texts:
        f: dict[str, float] = {}
        m = _LEAD_NUMBER.match(text)
        got = _number_value(m.group("num")) if m else None
        if got is not None:
            kind, value = got
            kinds = ("letter", "roman") if kind == "letter?" else (kind,)
            if any(last.get(k) == value - 1 for k in kinds):
                f["num_next"] = 1.0
            elif value == 1:
                f["num_first"] = 1.0
            else:
                f["num_other"] = 1.0
            for k in kinds:
                last[k] = value
        out.append(f)
    return out


# the features a line passes to its neighbours (prefixed -1: / +1:)
_SHARED = re.compile(r"^(?:num_|shape=|words=|caps=|end=|marker|number_then_capital|bold|size=|indent=|gap=|blank_before|"
                     r"cue:|date|time|page_ref|columns=|repeated|underscores|initials_tail|numbers=)")


def document_features(doc: Document) -> tuple[list[tuple[Page, Line]], list[dict[str, float]]]:
    """Every non-blank line of ``doc`` with its features, in reading order."""
    stats = doc_stats(doc)
    lines: list[tuple[Page, Line]] = []
    feats: list[dict[str, float]] = []
    for page in doc.pages:
        prev: Optional[Line] = None
        blank = True
        k = 0
        for line in page.lines:
            if not line.text.strip():
                blank = True
                continue
            lines.append((page, line))
            feats.append(line_features(page, k, line, stats, prev, blank))
            prev, blank, k = line, False, k + 1
    for f, extra in zip(feats, number_sequence([clean(line.text) for _, line in lines])):
        f.update(extra)
    out: list[dict[str, float]] = []
    for i, f in enumerate(feats):
        g = dict(f)
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(feats):
                for name, value in feats[j].items():
                    if abs(off) == 1 and _SHARED.match(name) or abs(off) == 2 and name.startswith(("cue:", "shape=")):
                        g[f"{off:+d}:{name}"] = value
            else:
                g[f"{off:+d}:none"] = 1.0
        out.append(g)
    return lines, out
