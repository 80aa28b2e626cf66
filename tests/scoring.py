"""Score an extraction record against a gold record, section by section.

The project's own scorer, so the tests need nothing outside the repository. It
follows the matching rules of FORMAT.md ("Scoring"): text is compared after
folding case, whitespace, dashes, quotes and trailing punctuation, and two text
fields match when their rapidfuzz ``ratio`` reaches 90 (85 for names and
actions, 80 for metrics). Records are paired one-to-one, best pair first; each
section reports matched / gold / predicted counts and precision, recall, F1.

Sections scored (only where the gold has the section): ``agenda`` (number +
title) and ``agenda.pages``; ``meetings`` (by date), ``meetings.present``,
``meetings.apologies``, ``items`` (number + title), ``resolutions`` (text) and
``resolutions.votes`` (exact counts and outcome); ``reports`` (subject),
``reports.fields`` (decision-maker, date, report of), ``reports.recommendations``;
``kpis`` (column + value + indicator) and ``kpis.rag``; ``actions`` (text) and
``actions.owner``; ``metrics`` (value + text); ``SECTION.page`` for matched
records whose gold gives a page; ``kind`` and ``document`` (council, body, date).

Gold conventions honoured: ``borderline`` records are neither owed nor wrong,
``scope`` limits a section to some pages, ``actions_sources`` limits the actions
scored, a meeting with ``items_scored: false`` scores its resolutions only.

    python tests/scoring.py PRED.json GOLD.json     # prints the table
    python tests/scoring.py --corpus                # parses corpus/, scores against tests/gold/
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from rapidfuzz import fuzz

Rec = dict[str, Any]
Key = Callable[[Rec, Rec], Optional[float]]  # a pair's score, or None when the pair cannot match

TEXT, NAMES, ACTIONS, METRICS = 90.0, 85.0, 85.0, 80.0
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032`"} | {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"}
_TITLES = re.compile(r"^(?:councillors?|cllrs?\.?|dr\.?|mr\.?|mrs\.?|ms\.?|miss)\s+")
_LABEL_PREFIX = re.compile(r"^(?:item|minute|no\.?)\s*")
# "RESOLVED that", "It was AGREED:", "The Panel resolved to" all compare from "that"/"to"
_DECISION_LEAD = re.compile(
    r"^(?:(?:the\s+)?(?:committee|panel|board|council|cabinet|members?|sub-committee)\s+)?(?:it\s+was\s+)?"
    r"(?:unanimously\s+)?(?:resolved|agreed|approved|decided)(?:\s+unanimously)?\s*(?=that\b|to\b|:|-|,)[:\-,]?\s*")


def fold(text: Any) -> str:
    """Lower case, one space, plain dashes and quotes; ``None`` folds to ""."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_DASHES).translate(_QUOTES)
    return " ".join(folded.split()).lower()


def fold_label(text: Any) -> str:
    """Item numbers: "84.", "(84)", "Item 84" and "84" are one number."""
    return _LABEL_PREFIX.sub("", fold(text)).strip(" .():")


def fold_number(value: Any) -> str:
    """31, 31.0 and "31" are one value; "71.2%" and "£1,200" keep their unit."""
    folded = fold(value).replace(",", "").replace(" ", "")
    try:
        return repr(float(folded))
    except ValueError:
        return folded


def similar(a: Any, b: Any, threshold: float = TEXT) -> Optional[float]:
    """The ratio of two folded texts (trailing ".:;-" ignored), or None below ``threshold``."""
    ratio = fuzz.ratio(fold(a).strip(" .:;-"), fold(b).strip(" .:;-"))
    return ratio if ratio >= threshold else None


def person(name: Any) -> str:
    return _TITLES.sub("", fold(name))


def decision(text: Any) -> str:
    return _DECISION_LEAD.sub("", fold(text), count=1)


@dataclass
class Count:
    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (0.0 if self.gold else 1.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Scores(dict[str, Count]):
    """Counts per section; adding two ``Scores`` pools their counts."""

    def add(self, section: str, matched: int, gold: int, predicted: int) -> None:
        count = self.setdefault(section, Count())
        count.matched += matched
        count.gold += gold
        count.predicted += predicted

    def merge(self, other: "Scores") -> "Scores":
        for section, c in other.items():
            self.add(section, c.matched, c.gold, c.predicted)
        return self

    def table(self) -> str:
        rows = [f"{'section':26} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for section, c in self.items():
            rows.append(f"{section:26} {c.gold:5} {c.predicted:5} {c.matched:5} "
                        f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
        return "\n".join(rows)


def pair_up(gold: list[Rec], pred: list[Rec], key: Key) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), taking the best-scoring pairs first."""
    candidates = sorted(((s, g, p) for g, gr in enumerate(gold) for p, pr in enumerate(pred)
                         if (s := key(gr, pr)) is not None), key=lambda t: (-t[0], t[1], t[2]))
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in gold_used and p not in pred_used:
            gold_used.add(g)
            pred_used.add(p)
            pairs.append((g, p))
    return pairs


def drop_borderline(gold: list[Rec], pred: list[Rec], key: Key) -> tuple[list[Rec], list[Rec]]:
    """Remove borderline gold records and the predictions that match them (after the firm ones chose)."""
    firm = [g for g in gold if not g.get("borderline")]
    loose = [g for g in gold if g.get("borderline")]
    if not loose:
        return firm, pred
    taken = {p for _, p in pair_up(firm, pred, key)}
    spare = [i for i in range(len(pred)) if i not in taken]
    excused = {spare[p] for _, p in pair_up(loose, [pred[i] for i in spare], key)}
    return firm, [r for i, r in enumerate(pred) if i not in excused]


def _pages(scores: Scores, section: str, gold: list[Rec], pred: list[Rec], pairs: list[tuple[int, int]]) -> None:
    paged = [(g, p) for g, p in pairs if gold[g].get("page") is not None]
    if paged:
        same = sum(gold[g]["page"] == pred[p].get("page") for g, p in paged)
        scores.add(f"{section}.page", same, len(paged), len(paged))


def _numbered_title(a: Rec, b: Rec) -> Optional[float]:
    if fold_label(a.get("number")) != fold_label(b.get("number")):
        return None
    return similar(a.get("title"), b.get("title"))


def score_agenda(scores: Scores, gold: list[Rec], pred: list[Rec]) -> None:
    pairs = pair_up(gold, pred, _numbered_title)
    scores.add("agenda", len(pairs), len(gold), len(pred))
    scores.add("agenda.pages", sum(gold[g].get("pages") == pred[p].get("pages") for g, p in pairs),
               len(gold), len(pred))
    _pages(scores, "agenda", gold, pred, pairs)


def score_meetings(scores: Scores, gold: list[Rec], pred: list[Rec]) -> None:
    pairs = pair_up(gold, pred, lambda g, p: 100.0 if fold(g.get("date")) == fold(p.get("date")) else None)
    scores.add("meetings", len(pairs), len(gold), len(pred))
    _pages(scores, "meetings", gold, pred, pairs)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        for field in ("present", "apologies"):
            gn = [person(n) for n in g.get(field) or []]
            pn = [person(n) for n in p.get(field) or []]
            scores.add(f"meetings.{field}", len(pair_up([{"n": n} for n in gn], [{"n": n} for n in pn],
                                                         lambda a, b: similar(a["n"], b["n"], NAMES))),
                       len(gn), len(pn))
        gitems, pitems = g.get("items") or [], p.get("items") or []
        if g.get("items_scored", True):
            item_pairs = pair_up(gitems, pitems, _numbered_title)
            scores.add("items", len(item_pairs), len(gitems), len(pitems))
            _pages(scores, "items", gitems, pitems, item_pairs)
        score_resolutions(scores, _resolutions(gitems), _resolutions(pitems))
    paired_gold, paired_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    for i, g in enumerate(gold):  # a meeting not found loses its items and resolutions too
        if i not in paired_gold:
            scores.add("items", 0, len(g.get("items") or []), 0)
            scores.add("resolutions", 0, len([r for r in _resolutions(g.get("items")) if not r.get("borderline")]), 0)
    for i, p in enumerate(pred):  # an invented meeting brings invented items
        if i not in paired_pred:
            scores.add("items", 0, 0, len(p.get("items") or []))
            scores.add("resolutions", 0, 0, len(_resolutions(p.get("items"))))


def _resolutions(items: Optional[Iterable[Rec]]) -> list[Rec]:
    return [r for item in items or [] for r in item.get("resolutions") or []]


def _vote_fields(vote: Optional[Rec]) -> tuple[str, ...]:
    vote = vote or {}
    return tuple(fold(vote.get(k)) for k in ("for", "against", "abstain", "outcome"))


def score_resolutions(scores: Scores, gold: list[Rec], pred: list[Rec]) -> None:
    def key(g: Rec, p: Rec) -> Optional[float]:
        return similar(decision(g.get("text")), decision(p.get("text")))

    gold, pred = drop_borderline(gold, pred, key)
    pairs = pair_up(gold, pred, key)
    scores.add("resolutions", len(pairs), len(gold), len(pred))
    _pages(scores, "resolutions", gold, pred, pairs)
    voted = [(g, p) for g, p in pairs if gold[g].get("vote")]
    if voted:
        same = sum(_vote_fields(gold[g]["vote"]) == _vote_fields(pred[p].get("vote")) for g, p in voted)
        scores.add("resolutions.votes", same, len(voted), len(voted))


def score_reports(scores: Scores, gold: list[Rec], pred: list[Rec]) -> None:
    pairs = pair_up(gold, pred, lambda g, p: similar(g.get("subject"), p.get("subject")))
    scores.add("reports", len(pairs), len(gold), len(pred))
    _pages(scores, "reports", gold, pred, pairs)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        for field in ("decision_maker", "date", "report_of"):
            scores.add("reports.fields", int(similar(g.get(field), p.get(field)) is not None), 1, 1)
        grecs = [{"t": t} for t in g.get("recommendations") or []]
        precs = [{"t": t} for t in p.get("recommendations") or []]
        matched = pair_up(grecs, precs, lambda a, b: similar(a["t"], b["t"]))
        scores.add("reports.recommendations", len(matched), len(grecs), len(precs))


def _kpi_key(g: Rec, p: Rec) -> Optional[float]:
    if fold(g.get("column")) != fold(p.get("column")) or fold_number(g.get("value")) != fold_number(p.get("value")):
        return None
    return similar(g.get("indicator"), p.get("indicator"))


def score_kpis(scores: Scores, gold: list[Rec], pred: list[Rec]) -> None:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for k in pred:  # the same indicator repeated in a second table counts once
        signature = (fold(k.get("indicator")), fold(k.get("column")), fold_number(k.get("value")))
        if signature not in seen:
            seen.add(signature)
            unique.append(k)
    gold, pred = drop_borderline(gold, unique, _kpi_key)
    pairs = pair_up(gold, pred, _kpi_key)
    scores.add("kpis", len(pairs), len(gold), len(pred))
    _pages(scores, "kpis", gold, pred, pairs)
    rated = [(g, p) for g, p in pairs if gold[g].get("rag")]
    if rated:
        scores.add("kpis.rag", sum(fold(gold[g]["rag"]) == fold(pred[p].get("rag")) for g, p in rated),
                   len(rated), len(rated))


def score_actions(scores: Scores, gold: list[Rec], pred: list[Rec], sources: Optional[list[str]] = None) -> None:
    if sources:
        pred = [p for p in pred if p.get("source") in sources]

    def key(g: Rec, p: Rec) -> Optional[float]:
        return similar(g.get("text"), p.get("text"), ACTIONS)

    gold, pred = drop_borderline(gold, pred, key)
    pairs = pair_up(gold, pred, key)
    scores.add("actions", len(pairs), len(gold), len(pred))
    _pages(scores, "actions", gold, pred, pairs)
    owned = [(g, p) for g, p in pairs if gold[g].get("owner")]
    scores.add("actions.owner", sum(similar(gold[g]["owner"], pred[p].get("owner"), ACTIONS) is not None
                                    for g, p in owned), len(owned), len(owned))


def score_metrics(scores: Scores, gold: list[Rec], pred: list[Rec]) -> None:
    def key(g: Rec, p: Rec) -> Optional[float]:
        if fold_number(g.get("value")) != fold_number(p.get("value")):
            return None
        return similar(g.get("text"), p.get("text"), METRICS)

    gold, pred = drop_borderline(gold, pred, key)
    pairs = pair_up(gold, pred, key)
    scores.add("metrics", len(pairs), len(gold), len(pred))
    _pages(scores, "metrics", gold, pred, pairs)


def score_document(scores: Scores, gold: Rec, pred: Rec) -> None:
    if "kind" in gold:
        scores.add("kind", int(fold(gold["kind"]) == fold(pred.get("kind"))), 1, 1)
    for field in ("council", "body", "date"):
        if field not in gold:
            continue
        g, p = gold[field], pred.get(field)
        if field == "date" or g is None:
            ok = fold(g) == fold(p)
        else:
            ok = similar(re.sub(r"^the ", "", fold(g)), re.sub(r"^the ", "", fold(p)), NAMES) is not None
        scores.add("document", int(ok), 1, 1)


def score(pred: Rec, gold: Rec) -> Scores:
    """The scores of one predicted record against its gold record."""
    scores = Scores()
    score_document(scores, gold, pred)
    for section, pages in (gold.get("scope") or {}).items():
        keep = set(pages)
        pred = {**pred, section: [r for r in pred.get(section) or [] if r.get("page") is None or r.get("page") in keep]}
    sections = {"agenda": score_agenda, "meetings": score_meetings, "reports": score_reports,
                "kpis": score_kpis, "metrics": score_metrics}
    for section, scorer in sections.items():
        if section in gold:
            scorer(scores, gold[section] or [], pred.get(section) or [])
    if "actions" in gold:
        score_actions(scores, gold["actions"] or [], pred.get("actions") or [], gold.get("actions_sources"))
    return scores


def main(argv: list[str]) -> int:
    if argv == ["--corpus"]:
        from scored_sets import main as score_set

        return score_set(["corpus"])
    if len(argv) != 2:
        print("usage: python tests/scoring.py PRED.json GOLD.json | --corpus", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        pred = json.load(fh)
    with open(argv[1], encoding="utf-8") as fh:
        gold = json.load(fh)
    print(score(pred, gold).table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
