"""Build the sentence classifier from annotated papers: ``make train`` (deterministic).

    python -m extract.nlp.train [--annotations DIR ...] [--papers DIR] [--out FILE] [--cv]

Examples come from three places: the annotated real papers (``tests/gold/papers/train``, or
``COUNCIL_EXTRACT_ANNOTATIONS``), the shared gold (``../shared/gold``, papers in ``../shared/seeds``
and ``../shared/pdfs``) and the demo corpus gold (``tests/gold/*.json``, papers in ``corpus/``).
Each paper is read and parsed as ``parse`` does, every candidate sentence the NLP layer would
offer is collected, and each is labelled from the annotation: a sentence matching an action is a
``request`` (a ``borderline`` one is left out), a resolution or recommendation takes its ``class``,
anything else is ``other`` (a resolution without a class: ``decision``, ``noting`` or
``procedure`` by the tracker's procedural wordings). The annotated resolutions and
recommendations are examples in their own words too, so a stored decision is classified as the
annotators did.

``--cv`` measures instead of building: for each body of the real papers, a model trained on
everything but that body decides its sentences, and the contract's scorer counts actions,
owners and due dates (pooled), with the rules-only figures beside them.

Training is full-batch gradient descent (AdaGrad steps, L2) from zero weights over papers read in
sorted order: no randomness, so the same annotations give the same model file.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import pickle
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np
from rapidfuzz import fuzz

from .classify import LABELS, MODEL_PATH, SentenceModel

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("COUNCIL_EXTRACT_SHARED", ROOT.parent / "shared"))
DEFAULT_ANNOTATIONS = [ROOT / "tests" / "gold" / "papers" / "train"]
CACHE = ROOT / "out" / "cache"
MIN_COUNT = 2  # a feature seen fewer times is dropped
L2 = 0.002
STEPS = 400
RATE = 0.3
THRESHOLD = 0.7  # P(request) needed, chosen by --cv on the real papers (precision first: a false action costs trust)
MATCH = 85.0  # the contract's action matching threshold (fuzz.ratio on folded text)


@dataclass
class Paper:
    """One annotated paper: its gold record, the file, the body it belongs to, where it came from."""

    gold: Path
    paper: Path
    body: str
    group: str  # real | shared | demo


@dataclass
class Example:
    feats: list[str]
    label: str
    body: str


def fold(text: Any) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", str(text or ""))
    text = text.translate(dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-"))
    text = text.translate({ord(c): "'" for c in "\u2018\u2019\u201b\u2032`"} | {ord(c): '"' for c in "\u201c\u201d\u201f\u2033"})
    return " ".join(text.split()).lower().strip(" .:;-")


def similar(a: Any, b: Any, threshold: float = MATCH) -> bool:
    return fuzz.ratio(fold(a), fold(b)) >= threshold


# -- which papers ---------------------------------------------------------------------------------
def _bodies() -> dict[str, str]:
    """Paper stem -> body, for the dev-train bodies of the split file (nothing else is read from it)."""
    split = ROOT / "tests" / "gold" / "papers" / "split.json"
    out: dict[str, str] = {}
    if split.exists():
        for body, files in json.loads(split.read_text(encoding="utf-8")).get("dev_train", {}).items():
            for name in files:
                out[Path(name).stem] = body
    return out


def papers(folders: list[Path], papers_dir: Path, extra: bool = True) -> list[Paper]:
    """The annotated papers to learn from, sorted; ``extra`` adds the shared and demo gold."""
    bodies = _bodies()
    out: list[Paper] = []
    for folder in folders:
        for gold in sorted(folder.glob("*.json")):
            name = json.loads(gold.read_text(encoding="utf-8")).get("source", {}).get("file")
            paper = papers_dir / name if name else None
            if paper is None or not paper.exists():
                paper = next(iter(sorted(papers_dir.glob(gold.stem + ".*"))), None)
            if paper is not None:
                out.append(Paper(gold, paper, bodies.get(gold.stem, gold.stem), "real"))
    if not extra:
        return out
    shared_gold = SHARED / "gold"
    for gold in sorted(shared_gold.glob("*.json")) if shared_gold.exists() else []:
        if gold.name.count(".") > 1:
            continue  # STEM.kpis.json and the like: no actions
        paper = next((p for d in ("seeds", "pdfs") for p in sorted((SHARED / d).glob(gold.stem + ".*"))), None)
        if paper is not None:
            out.append(Paper(gold, paper, "shared:" + gold.stem.split("_")[0], "shared"))
    for gold in sorted((ROOT / "tests" / "gold").glob("*.json")):
        paper = next(iter(sorted((ROOT / "corpus").glob(gold.stem + ".*"))), None)
        if paper is not None:
            out.append(Paper(gold, paper, "demo:" + gold.stem.split("_")[0], "demo"))
    return out


# -- reading a paper (cached) ---------------------------------------------------------------------
def _code_hash(*folders: Path) -> str:
    digest = hashlib.sha1()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".py", ".json", ".jsonl", ".txt", ".toml"} and path.name != MODEL_PATH.name:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _cached(kind: str, key: str, make: Callable[[], Any]) -> Any:
    path = CACHE / kind / f"{key}.pickle"
    if path.exists():
        with open(path, "rb") as fh:
            return pickle.load(fh)
    value = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two runs at once (--cv beside a build) must not share one
    with open(tmp, "wb") as fh:
        pickle.dump(value, fh)
    tmp.replace(path)
    return value


def load_doc(paper: Path) -> Any:
    """The page model (the same cache as ``scripts/score.py``: file hash and loader code)."""
    from ..load import sha256_of
    from ..pipeline import load_file

    return _cached("load", f"{sha256_of(paper)[:16]}-{_code_hash(ROOT / 'extract' / 'load')}", lambda: load_file(paper))


def read(paper: Path) -> tuple[Any, list[Any]]:
    """(record without actions, candidate sentences) of ``paper``."""
    from ..load import sha256_of
    from ..pipeline import ExtractOptions, extract_document
    from . import collect

    def parsed() -> Any:
        return extract_document(load_doc(paper), ExtractOptions(tag=False))

    def make() -> tuple[Any, list[Any]]:
        doc = load_doc(paper)
        structure = _code_hash(ROOT / "extract" / "load", ROOT / "extract" / "parse", ROOT / "patterns")
        record = _cached("record", f"{sha256_of(paper)[:16]}-{structure}", parsed)
        finder, metrics = collect(doc, record)
        record.metrics = metrics
        return record, finder.candidates

    code = _code_hash(ROOT / "extract" / "load", ROOT / "extract" / "parse", ROOT / "extract" / "nlp", ROOT / "patterns")
    return _cached("nlp", f"{sha256_of(paper)[:16]}-{code}", make)


# -- labels ---------------------------------------------------------------------------------------
def _resolution_classes(gold: dict[str, Any]) -> list[tuple[str, Optional[str], str]]:
    """(text, class, source) of every annotated resolution and recommendation."""
    out: list[tuple[str, Optional[str], str]] = []
    for meeting in gold.get("meetings") or []:
        for item in meeting.get("items") or []:
            for res in item.get("resolutions") or []:
                if res.get("text"):
                    out.append((res["text"], res.get("class"), "resolution"))
    for report in gold.get("reports") or []:
        for rec in report.get("recommendations") or []:
            if isinstance(rec, dict):
                out.append((rec.get("text") or "", rec.get("class"), "recommendation"))
            elif rec:
                out.append((rec, None, "recommendation"))
    return out


def _guess_class(text: str) -> str:
    from ..track.rules import is_procedural

    low = fold(text)
    if is_procedural(text):
        return "procedure"
    if low.startswith(("noted", "that the report be noted", "received")) or " be noted" in low or " noted the " in low:
        return "noting"
    return "decision"


def label_candidates(cands: list[Any], gold: dict[str, Any]) -> list[Optional[str]]:
    """The label of each candidate from the annotation (None: leave it out of training)."""
    actions = gold.get("actions")
    sources = gold.get("actions_sources")
    strict = [a["text"] for a in actions or [] if not a.get("borderline")]
    loose = [a["text"] for a in actions or [] if a.get("borderline")]
    classes = _resolution_classes(gold)
    out: list[Optional[str]] = []
    for cand in cands:
        if actions is None or (sources and cand.source not in sources):
            out.append(None)
            continue
        if any(similar(t, cand.text) for t in strict):
            out.append("request")
            continue
        if any(similar(t, cand.text) for t in loose):
            out.append(None)
            continue
        label: Optional[str] = "other"
        if cand.source in {"resolution", "recommendation"}:
            known = [c for t, c, s in classes if similar(t, cand.text)]
            label = (known[0] if known[0] != "request" else None) if known and known[0] else _guess_class(cand.text)
        out.append(label)
    return out


def gold_examples(gold: dict[str, Any], body: str) -> list[Example]:
    """The annotated resolutions and recommendations in their own words, with their class."""
    from ..record import Record, Source
    from .actions import ActionFinder
    from .owners import Context
    from .pipeline import get_nlp

    nlp = get_nlp()
    requested = [a["text"] for a in gold.get("actions") or [] if not a.get("borderline")]
    finder = ActionFinder(Record(source=Source(file="", sha256="", pages=0)), Context())
    labels: list[str] = []
    for text, cls, source in _resolution_classes(gold):
        if not text.strip():
            continue
        label = cls or ("request" if any(similar(t, text) for t in requested) else None)
        if label is None:
            continue
        before = len(finder.candidates)
        doc = nlp(" ".join(text.split()))
        if source == "resolution":
            finder.from_resolution(doc, None, None)
        else:
            finder.from_recommendation(doc, None)
        labels.extend([label] * (len(finder.candidates) - before))
    return [Example(c.feats, label, body) for c, label in zip(finder.candidates, labels)]


def examples(items: list[Paper], log: Callable[[str], None] = lambda s: None) -> list[Example]:
    out: list[Example] = []
    for item in items:
        gold = json.loads(item.gold.read_text(encoding="utf-8"))
        try:
            _, cands = read(item.paper)
        except Exception as exc:  # an unreadable paper costs its examples, and is said
            log(f"{item.paper.name}: skipped ({exc.__class__.__name__}: {exc})")
            continue
        for cand, label in zip(cands, label_candidates(cands, gold)):
            if label is not None:
                out.append(Example(cand.feats, label, item.body))
        out.extend(gold_examples(gold, item.body))
    return out


# -- the learner ----------------------------------------------------------------------------------
def fit(data: list[Example], threshold: float = 0.5) -> SentenceModel:
    """Multinomial logistic regression over the sparse features, deterministic."""
    counts = Counter(f for ex in data for f in set(ex.feats))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    labels = list(LABELS)
    rows: list[int] = []
    cols: list[int] = []
    for r, ex in enumerate(data):
        for f in sorted(set(ex.feats)):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    row_idx, col_idx = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    # sums per row and per feature as segment sums (np.add.reduceat) over entries sorted once: the same
    # arithmetic as scattering with np.add.at, many times faster, so --cv over every body takes minutes
    by_col = np.argsort(col_idx, kind="stable")
    row_by_col = row_idx[by_col]
    used_cols, col_starts = np.unique(col_idx[by_col], return_index=True)
    used_rows, row_starts = np.unique(row_idx, return_index=True)
    y = np.zeros((len(data), len(labels)))
    for r, ex in enumerate(data):
        y[r, labels.index(ex.label)] = 1.0
    # each class weighs as much in total as the request class, at most 4x a single example
    totals = y.sum(axis=0)
    weight_of = np.minimum(4.0, np.where(totals > 0, totals[0] / np.maximum(totals, 1.0), 1.0))
    weight_of[0] = 1.0
    sample_w = (y * weight_of).sum(axis=1)
    w = np.zeros((len(vocab), len(labels)))
    b = np.zeros(len(labels))
    gw2 = np.full_like(w, 1e-8)
    gb2 = np.full_like(b, 1e-8)
    n = float(sample_w.sum())
    for _ in range(STEPS):
        scores = np.tile(b, (len(data), 1))
        if len(col_idx):
            scores[used_rows] += np.add.reduceat(w[col_idx], row_starts, axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        err = (p - y) * sample_w[:, None] / n
        gw = np.zeros_like(w)
        if len(col_idx):
            gw[used_cols] = np.add.reduceat(err[row_by_col], col_starts, axis=0)
        gw += L2 * w
        gb = err.sum(axis=0)
        gw2 += gw * gw
        gb2 += gb * gb
        w -= RATE * gw / np.sqrt(gw2)
        b -= RATE * gb / np.sqrt(gb2)
    weights = {f: [round(float(v), 4) for v in w[i]] for i, f in enumerate(vocab) if np.abs(w[i]).max() >= 1e-3}
    return SentenceModel(labels, [round(float(v), 4) for v in b], weights, threshold)


def save(m: SentenceModel, out: Path, meta: dict[str, Any]) -> None:
    data = {"labels": m.labels, "threshold": m.threshold, "bias": m.bias, "meta": meta,
            "weights": dict(sorted(m.weights.items()))}
    out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")


# -- cross-validation by body ---------------------------------------------------------------------
def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("ce_score", ROOT / "scripts" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predicted(record: Any, cands: list[Any], judge: Callable[[Any], str]) -> dict[str, Any]:
    """The record as ``parse --json`` would print it with ``judge`` deciding the candidates."""
    from .actions import ActionFinder
    from .owners import Context

    finder = ActionFinder(record, Context(council=record.council, kind=record.kind))
    finder.candidates = [type(c)(**{**asdict(c), "label": None}) for c in cands]
    actions = finder.decide(judge)
    pred = record.to_dict()
    pred["actions"] = [asdict(a) for a in actions]
    return pred


def cross_validate(items: list[Paper], thresholds: list[float], log: Callable[[str], None]) -> dict[str, Any]:
    """Pooled action scores on the real papers, each body decided by a model trained without it."""
    score = _scorer()
    S = score.scorer()
    data = examples(items, log)
    real = [p for p in items if p.group == "real"]
    tallies: dict[str, dict[str, list[int]]] = {}

    def tally(name: str, rows: dict[str, list[int]]) -> None:
        acc = tallies.setdefault(name, {})
        for section, (m, g, p) in rows.items():
            if section.startswith("actions"):
                row = acc.setdefault(section, [0, 0, 0])
                row[0] += m
                row[1] += g
                row[2] += p

    for body in sorted({p.body for p in real}):
        fold_model = fit([ex for ex in data if ex.body != body])
        for item in [p for p in real if p.body == body]:
            try:
                record, cands = read(item.paper)
            except Exception:
                continue
            tally("rules", score.score_one(S, predicted(record, cands, lambda c: "request" if c.rule else "other"),
                                           [item.gold]))
            for t in thresholds:
                fold_model.threshold = t
                pred = predicted(record, cands, lambda c: fold_model.predict(c.feats).label)
                tally(f"model@{t:.2f}", score.score_one(S, pred, [item.gold]))
        log(f"fold {body}: done")
    return tallies


def _prf(m: int, g: int, p: int) -> tuple[float, float, float]:
    precision = m / p if p else (1.0 if not g else 0.0)
    recall = m / g if g else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", type=Path, action="append",
                    help="folders of STEM.json annotations (default tests/gold/papers/train, or COUNCIL_EXTRACT_ANNOTATIONS)")
    ap.add_argument("--papers", type=Path, default=Path(os.environ.get("COUNCIL_EXTRACT_PAPERS", SHARED / "papers")))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--threshold", type=float, default=None, help="P(request) needed to call a sentence a request")
    ap.add_argument("--no-extra", action="store_true", help="learn from the real papers only (no shared or demo gold)")
    ap.add_argument("--cv", action="store_true", help="cross-validate by body instead of building")
    args = ap.parse_args(argv)
    env = os.environ.get("COUNCIL_EXTRACT_ANNOTATIONS")
    folders = args.annotations or ([Path(p) for p in env.split(os.pathsep)] if env else DEFAULT_ANNOTATIONS)
    items = papers(folders, args.papers, extra=not args.no_extra)
    if not items:
        print(f"no annotated papers found in {', '.join(map(str, folders))} (papers in {args.papers})", file=sys.stderr)
        return 3
    log = lambda s: print(s, file=sys.stderr)  # noqa: E731
    if args.cv:
        thresholds = [args.threshold] if args.threshold is not None else [0.3, 0.4, 0.5, 0.6, 0.7]
        tallies = cross_validate(items, thresholds, log)
        print(f"{'cross-validated by body':24} {'actions P/R/F1':>22} {'owner':>7} {'due':>7}")
        for name, rows in tallies.items():
            a = _prf(*rows.get("actions", [0, 0, 0]))
            o = _prf(*rows.get("actions.owner", [0, 0, 0]))
            d = _prf(*rows.get("actions.due", [0, 0, 0]))
            print(f"{name:24} {a[0]:6.2f} {a[1]:6.2f} {a[2]:6.2f}   {o[2]:6.2f}  {d[2]:6.2f}   "
                  f"({rows.get('actions', [0, 0, 0])})")
        return 0
    data = examples(items, log)
    model = fit(data, args.threshold if args.threshold is not None else THRESHOLD)
    counts = Counter(ex.label for ex in data)
    save(model, args.out, {"examples": dict(sorted(counts.items())), "papers": len(items),
                           "bodies": len({p.body for p in items})})
    print(f"{args.out}: {len(model.weights)} features from {len(data)} sentences of {len(items)} papers "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); threshold {model.threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
