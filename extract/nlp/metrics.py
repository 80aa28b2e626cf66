"""Metrics in prose: quantitative statements in running text and bullets (not table cells).

A value is a number with its unit as printed ("71.2%", "£531,808", "42.9"). What
is not a value is as much data as what is (``patterns/metric_units.jsonl``):
years and dates, ages ("aged 16", "(14)" after "child"), durations ("3 years"),
labels ("KS4", "Year 7", "Priority 1"), thresholds ("3 or more"), ordinals,
hyphenated compounds ("4-bed", "24-hour"), ranges written with a dash ("12-17"),
phone numbers and page or item numbers. Numbers spelled out are left alone: they
are rarely measurements. A bullet is quoted whole, a paragraph by sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..record import Metric
from .blocks import Block

NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
FRACTION = re.compile(r"^(\d+)/(\d+)$")
AGE_NOUNS = {"child", "children", "person", "people", "boy", "girl", "yp", "young", "pupil", "learner", "baby"}
PERIOD = re.compile(
    r"\b(?:(?:in|over|during|for|since)\s+)?(?:the\s+|a\s+)?(?:past|last|previous|first|next|coming)\s+(?:\d+\s*)?"
    r"(?:12m|months?|years?|weeks?|quarters?|\d+\s+(?:months?|years?|weeks?))\b"
    r"|\b(?:this|last|next)\s+(?:year|month|week|quarter)\b|\bto date\b|\bat this time\b|\bcompared to last year\b"
    r"|\bsince\s+\w+\s+\d{4}\b|\b(?:19|20)\d\d\s*/\s*\d\d\b|\b\d\d/\d\d\b"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b"
    r"|\b(?:spring|summer|autumn|winter)\s+\d{4}\b|\b(?:19|20)\d\d\b|\ba \d+ year period\b", re.I)
FROM_TO = re.compile(r"\bfrom\s+([£$€]?\d[\d,.]*\s*%?)(?:\s*\([^)]*\))?\s+to\s+([£$€]?\d[\d,.]*\s*%?)", re.I)
STOP_AFTER = {"is", "are", "was", "were", "in", "across", "of", "with", "to", "from", "by", "and", "on", "at", "for",
              "has", "have", "had", "compared", "than", "this", "which", "that", "(", ")", ",", ".", ";", ":", "–", "-"}


@dataclass
class _Units:
    """A doc's unit spans, indexed once: by label, and per sentence (by the sentence's start token).

    Filtering every span of the doc for every sentence and value made a long block quadratic.
    Spans keep the order the rules gave them."""

    by_label: dict[str, list[Span]] = field(default_factory=dict)
    by_sentence: dict[int, dict[str, list[Span]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, sents: list[Span]) -> "_Units":
        units = cls()
        starts = [sent.start for sent in sents]
        for span in doc.spans.get("units", []):
            units.by_label.setdefault(span.label_, []).append(span)
            index = bisect_right(starts, span.start) - 1
            if index >= 0 and span.end <= sents[index].end:
                units.by_sentence.setdefault(sents[index].start, {}).setdefault(span.label_, []).append(span)
        return units

    _context: Optional[tuple[set[int], set[int], set[int]]] = None
    _edges: dict[str, dict[int, list[tuple[int, Span]]]] = field(default_factory=dict)

    def label(self, label: str) -> list[Span]:
        return self.by_label.get(label, [])

    def within(self, sent: Span, label: str) -> list[Span]:
        """The spans of ``label`` that lie inside ``sent``."""
        return self.by_sentence.get(sent.start, {}).get(label, [])

    def context(self) -> tuple[set[int], set[int], set[int]]:
        """Token positions no value may take: after a NOT_VALUE_BEFORE cue, before a NOT_VALUE_AFTER one, in a month."""
        if self._context is None:
            self._context = ({s.end for s in self.label("NOT_VALUE_BEFORE")},
                             {s.start - 1 for s in self.label("NOT_VALUE_AFTER")},
                             {i for s in self.label("MONTH") for i in range(s.start, s.end)})
        return self._context

    def touching(self, label: str, value: Span) -> list[Span]:
        """The spans of ``label`` that end where ``value`` starts or start where it ends, in the rules' order."""
        if label not in self._edges:
            edges: dict[int, list[tuple[int, Span]]] = {}
            for order, span in enumerate(self.label(label)):
                edges.setdefault(span.end, []).append((order, span))
                if span.start != span.end:
                    edges.setdefault(span.start, []).append((order, span))
            self._edges[label] = edges
        edges = self._edges[label]
        found = dict(edges.get(value.start, []) + edges.get(value.end, []))
        return [found[order] for order in sorted(found)]


def _is_plain_number(tok: Token) -> bool:
    text = tok.text
    if NUMBER.match(text):
        return True
    m = FRACTION.match(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        yearish = (b == (a + 1) % 100) or (a >= 1900 and b < 100)
        return not yearish
    return False


def _excluded(doc: Doc, tok: Token, before: set[int], after: set[int], months: set[int],
              sent_start: Optional[int] = None) -> bool:
    text = tok.text.replace(",", "")
    i = tok.i
    if NUMBER.match(text) and "," not in tok.text and "." not in text and 1900 <= int(text) <= 2100:
        return True  # a year
    if text.startswith("0") and len(text) >= 3 and "." not in text:
        return True  # a phone number or code
    if i in before or i in after or (i - 1) in months or (i + 1) in months:
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prv = doc[i - 1] if i > 0 else None
    if (prv is None or tok.is_sent_start) and (nxt is None or nxt.text in {".", ")"}):
        return True  # "2579." opening a minute, "3)" opening a list item
    if nxt is not None and nxt.text in {"-", "–", "—", "/", "+"} and (tok.whitespace_ == "" or (i + 2 < len(doc) and doc[i + 2].like_num)):
        return True  # 4-bed, 12-17, 9 – 4, 16+
    if prv is not None and prv.text in {"-", "–", "—", "/"} and i >= 2 and (doc[i - 2].like_num or prv.whitespace_ == ""):
        return True
    if prv is not None and prv.text == "(" and nxt is not None and nxt.text == ")" and i >= 2 \
            and doc[i - 2].lower_ in AGE_NOUNS:
        return True  # "One child (14)": an age
    if nxt is not None and nxt.like_num and tok.whitespace_ and NUMBER.match(nxt.text) and not nxt.text.startswith("0") is False:
        return True
    if nxt is not None and nxt.is_alpha and nxt.lower_ in {"th", "st", "nd", "rd"}:
        return True
    after2 = doc[i + 2] if i + 2 < len(doc) else None
    if nxt is not None and nxt.is_upper and nxt.is_alpha and len(nxt) >= 3 and (after2 is None or after2.is_upper):
        return True  # "4 SCHOOL ATTENDANCE", "12 ORCHARD CLOSE": an item number or an address
    if nxt is not None and nxt.text[:1].isalpha() and tok.whitespace_ == "":
        return True  # 12m, 3rd, 2x
    if sent_start is None:
        sent_start = tok.sent.start  # (finding the sentence from a token walks back to its start)
    if prv is not None and nxt is not None and prv.is_title and nxt.is_title and prv.i > sent_start \
            and not prv.is_sent_start:
        return True  # "Clive House 70 Petty France": an address
    return False


def _number_runs(sent: Span) -> set[int]:
    """Tokens of phone-number-like runs: two or more numbers in a row, one starting with 0, or three or more."""
    out: set[int] = set()
    run: list[Token] = []
    for tok in list(sent) + [None]:  # type: ignore[list-item]
        if tok is not None and re.match(r"^\d+$", tok.text):
            run.append(tok)
            continue
        if len(run) >= 3 or (len(run) >= 2 and any(t.text.startswith("0") for t in run)):
            out.update(t.i for t in run)
        run = []
    return out


def _linked(doc: Doc, tok: Token, excluded: set[int]) -> bool:
    """"aged 16 and 17", "3 and 4 year olds": a number joined by and/or/to to an excluded one."""
    for step in (-2, 2):
        j = tok.i + step
        mid = tok.i + step // 2
        if 0 <= j < len(doc) and doc[mid].lower_ in {"and", "or", "to", "&", "of"} and j in excluded \
                and not re.match(r"^(19|20)\d\d$", doc[j].text):  # "from 142 in 2022 to 187": a year links nothing
            return True
    return False


def values(doc: Doc, sent: Span, units: Optional[_Units] = None) -> list[Span]:
    """The value spans of a sentence, in order (``units``: the doc's spans indexed once, for long blocks)."""
    if units is None:
        units = _Units.of(doc, [sent])
    # keep the longest of overlapping unit matches
    chosen: list[Span] = []
    for span in sorted(units.within(sent, "VALUE"), key=lambda s: (s.start, -len(s))):
        if chosen and span.start < chosen[-1].end:
            continue
        chosen.append(span)
    covered = {i for s in chosen for i in range(s.start, s.end)}
    before, after, months = units.context()
    candidates = [t for t in sent if t.i not in covered and t.text[:1].isdigit() and _is_plain_number(t)]
    runs = _number_runs(sent) if candidates else set()
    excluded = {t.i for t in candidates if t.i in runs or _excluded(doc, t, before, after, months, sent.start)}
    for tok in candidates:
        if tok.i in excluded or _linked(doc, tok, excluded):
            continue
        chosen.append(doc[tok.i:tok.i + 1])
    # a money or percent match is subject to the same context rules as a plain number
    out = []
    for span in sorted(chosen, key=lambda s: s.start):
        if span.start in before and len(span) == 1:
            continue
        out.append(span)
    if units.within(sent, "NOT_METRIC_SENTENCE"):
        return []
    run = 1
    for a, b in zip(out, out[1:]):
        run = run + 1 if b.start == a.end else 1
        if run >= 3:
            return []  # three values side by side: a table row, which is kpis' business
    return out


MEASURE_REACH = 100  # tokens looked at either side of a value for its measure (a run-on sentence is not read whole)


def _measure(doc: Doc, sent: Span, value: Span) -> Optional[str]:
    toks = []
    after = doc[value.end:min(sent.end, value.end + MEASURE_REACH)]
    if len(after) > 1 and after[0].lower_ == "of":  # "62% of household waste was recycled"
        after = after[1:]
    for t in after:
        if t.lower_ in STOP_AFTER or t.is_punct:
            break
        toks.append(t)
    if toks and toks[0].is_alpha and not toks[0].lower_.endswith("ed"):
        return doc[toks[0].i:toks[-1].i + 1].text
    start = max(sent.start, value.start - MEASURE_REACH)
    for t in reversed(doc[start:value.start]):
        if t.is_punct and t.text not in {"'", "’"}:
            start = t.i + 1
            break
    words = [t for t in doc[start:value.start] if not t.is_space]
    while words and words[-1].lower_ in {"is", "are", "was", "were", "at", "of", "to", "by", "(", "now", "around", "data", "the"}:
        words = words[:-1]
    return doc[words[0].i:words[-1].i + 1].text if words else None


def _periods(text: str) -> list[str]:
    """The periods a sentence names, in order, each once (found once per sentence, not once per value)."""
    return list(dict.fromkeys(m.group(0).strip() for m in PERIOD.finditer(text)))


def _period(text: str, value: str, found: Optional[list[str]] = None) -> Optional[str]:
    for period in _periods(text) if found is None else found:
        if period and period not in value:
            return re.sub(r"^(in|over|during|for)\s+", "", period, flags=re.I)
    return None


def _comparator(doc: Doc, sent: Span, units: Optional[_Units] = None) -> Optional[str]:
    for s in (units or _Units.of(doc, [sent])).within(sent, "COMPARATOR"):
        return s.id_ or s.text.lower()
    return None


_NOT_SEARCHED = object()


def _change(doc: Doc, sent: Span, value: Span, units: Optional[_Units] = None,
            from_to: object = _NOT_SEARCHED) -> Optional[dict[str, str]]:
    """``from_to``: FROM_TO's match in the sentence (or None) when already searched once for the sentence."""
    m = FROM_TO.search(sent.text) if from_to is _NOT_SEARCHED else from_to
    if isinstance(m, re.Match):
        return {"from": m.group(1).replace(" ", ""), "to": m.group(2).replace(" ", "")}
    units = units or _Units.of(doc, list(doc.sents))
    for label, direction in (("CHANGE_UP", "up"), ("CHANGE_DOWN", "down")):
        for s in units.touching(label, value):
            if s.end == value.start or (s.start == value.end and s.text.lower().startswith(("reduction", "increase"))):
                return {"direction": direction, "by": value.text}
    return None


QUOTE_REACH = 1000  # characters quoted either side of a value in a sentence longer than twice this


def _quote(text: str, sent: Span, value: Span) -> str:
    """The sentence holding a value (``text``, read once per sentence); of a run-on "sentence" (a flattened
    table, a line with no full stop), the part around the value, so a long text is not repeated whole in
    every metric."""
    if len(text) <= 2 * QUOTE_REACH:
        return text.strip()
    at = value.start_char - sent.start_char
    lo, hi = max(0, at - QUOTE_REACH), min(len(text), at + len(value.text) + QUOTE_REACH)
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def block_metrics(block: Block, doc: Doc) -> list[Metric]:
    """Metrics of one block: each value with the bullet (whole) or the sentence that holds it."""
    text = block.text
    digits = sum(map(str.isdigit, text))  # every block is asked: counted in C
    if not digits:
        return []
    if digits > 0.3 * max(len(text), 1) or (block.heading and not text.endswith(".") and len(text.split()) < 3):
        return []  # a table row or a stray number, not prose
    out: list[Metric] = []
    sents = list(doc.sents)
    units = _Units.of(doc, sents)
    whole = block.bullet or block.words <= 40 and len(sents) <= 3 and block.bullet
    for sent in sents:
        found = values(doc, sent, units)
        if not found:
            continue
        sent_text = sent.text
        periods = _periods(sent_text)
        comparator = _comparator(doc, sent, units)
        from_to = FROM_TO.search(sent_text)
        for value in found:
            quoted = text if whole else _quote(sent_text, sent, value)
            out.append(Metric(text=quoted, value=value.text.strip().rstrip("."), measure=_measure(doc, sent, value),
                              period=_period(sent_text, value.text, periods), page=block.page,
                              comparator=comparator, change=_change(doc, sent, value, units, from_to)))
    return out
