#!/usr/bin/env python3
"""Score the toolkit on every annotated paper: the shared gold, dev-train and dev-test.

    python scripts/score.py [--split shared,train,test] [--by-doc] [--keep DIR] [--full]

Why here and not in the package: it reads ``../shared`` (the papers and the
evaluation contract's scorer, ``../shared/eval/score.py``, imported as it is, never
copied).  Figures are pooled per split: matches, gold and predicted records are
summed over the split's documents, as ``score_all.py`` does.  Dev-test is the
figure that says whether the reader generalises; dev-train is what we tuned on.

Loading (PDF text and OCR) is cached in ``out/cache/`` by file hash, so a second
run only re-parses.  Parsing runs in two processes.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COUNCIL_EXTRACT_SHARED", ROOT.parent / "shared"))
ANNOTATIONS = ROOT / "tests" / "gold" / "papers"
CACHE = ROOT / "out" / "cache" / "load"
SPLITS = ("shared", "train", "test")
SUMMARY = ("kind", "document", "agenda", "agenda.pages", "meetings", "meetings.present", "meetings.apologies",
           "items", "resolutions", "resolutions.votes", "reports", "reports.fields", "reports.recommendations",
           "kpis", "kpis.rag", "actions", "actions.owner", "actions.due", "metrics")


def scorer() -> Any:
    """The contract's scorer module, ``../shared/eval/score.py``."""
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(split: str) -> list[tuple[str, Path, list[Path]]]:
    """(stem, paper, gold files) of one split."""
    out = []
    if split == "shared":
        gold = SHARED / "gold"
        for stem in sorted({p.name.split(".")[0] for p in gold.glob("*.json")}):
            paper = next((p for d in ("seeds", "pdfs") for p in sorted((SHARED / d).glob(stem + ".*"))), None)
            if paper is not None:
                out.append((stem, paper, sorted(gold.glob(stem + ".json")) + sorted(gold.glob(stem + ".*.json"))))
        return out
    for gold_path in sorted((ANNOTATIONS / split).glob("*.json")):
        name = json.loads(gold_path.read_text(encoding="utf-8")).get("source", {}).get("file")
        paper = SHARED / "papers" / name if name else None
        if paper is None or not paper.exists():
            paper = next(iter(sorted((SHARED / "papers").glob(gold_path.stem + ".*"))), None)
        if paper is not None:
            out.append((gold_path.stem, paper, [gold_path]))
    return out


def _code_hash(folder: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def load_cached(paper: Path) -> Any:
    """The page model of ``paper``, from the cache when the file and the loader are unchanged."""
    from extract.load import sha256_of
    from extract.pipeline import load_file

    key = f"{sha256_of(paper)[:16]}-{_code_hash(ROOT / 'extract' / 'load')}"
    cached = CACHE / f"{key}.pickle"
    if cached.exists():
        with open(cached, "rb") as fh:
            return pickle.load(fh)
    doc = load_file(paper)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(doc, fh)
    tmp.replace(cached)
    return doc


def predict_cli(paper: str, cli: str) -> dict[str, Any]:
    """The record a CLI prints (``CLI parse PAPER --json``): to score another build, e.g. an older commit."""
    import subprocess

    run = subprocess.run([cli, "parse", paper, "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        return {"error": (run.stderr.strip().splitlines() or ["?"])[-1][:200]}
    return json.loads(run.stdout)


def oracle_roles(doc: Any, tsv: Path) -> list:
    """The annotated line labels as the reader's output: measures the assembly alone."""
    from extract.parse.layout import labels as label_files
    from extract.parse.layout.model import LabelledLine

    aligned = label_files.align(doc, label_files.read(tsv))
    lines = [(page, line) for page, line in doc.lines() if line.text.strip()]
    return [LabelledLine(page, line, label or "text", 1.0) for (page, line), label in zip(lines, aligned)]


def predict(paper: str, model: Optional[str] = None, oracle: Optional[str] = None) -> dict[str, Any]:
    from extract.pipeline import extract_document

    if model:
        os.environ["COUNCIL_EXTRACT_LAYOUT_MODEL"] = model
    else:
        os.environ.pop("COUNCIL_EXTRACT_LAYOUT_MODEL", None)
    try:
        doc = load_cached(Path(paper))
        roles = oracle_roles(doc, Path(oracle)) if oracle else None
        return extract_document(doc, roles=roles).to_dict()
    except Exception as exc:  # a failure costs its document, and is shown
        return {"error": f"{exc.__class__.__name__}: {exc}"}


def cv_model(stem: str) -> str:
    """A layout model trained on every dev-train body but ``stem``'s (cached by annotations and code)."""
    from extract.parse.layout import train as layout_train

    body = layout_train.body_of(stem)
    folder = ANNOTATIONS / "train"
    digest = hashlib.sha1((_code_hash(ROOT / "extract" / "parse" / "layout") + _code_hash(ROOT / "extract" / "load")).encode())
    for path in sorted((ROOT / "patterns").glob("*.json")):
        digest.update(path.read_bytes())
    for path in sorted(folder.glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    out = ROOT / "out" / "cache" / "cv" / f"{digest.hexdigest()[:12]}-{re_safe(body)}.crfsuite"
    if not out.exists():
        data = layout_train.examples([folder], SHARED / "papers", load_cached)
        out.parent.mkdir(parents=True, exist_ok=True)
        layout_train.train([ex for ex in data if ex.body != body], out)
    return str(out)


def re_safe(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)[:60]


def plain_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """Our annotations may write a recommendation as {"text", "class"}: the contract's scorer reads text."""
    for report in gold.get("reports") or []:
        report["recommendations"] = [r["text"] if isinstance(r, dict) else r for r in report.get("recommendations") or []]
    return gold


def score_one(S: Any, pred: dict[str, Any], gold_paths: list[Path]) -> dict[str, list[int]]:
    """Per-section [matched, gold, predicted] of one document, as ``score.py`` counts them."""
    gold = plain_gold(S.merge_gold([str(p) for p in gold_paths]))
    for section, pages in (gold.get("scope") or {}).items():
        keep = set(pages)
        pred[section] = [r for r in pred.get(section) or [] if r.get("page") in keep or r.get("page") is None]
    tally = S.Tally()
    if "kind" in gold:
        tally.add("kind", int(S.fold(gold["kind"]) == S.fold(pred.get("kind"))), 1, 1)
    S.score_document(gold, pred, tally)
    for section, fn in S.SECTIONS.items():
        if section in gold:
            if section == "actions":
                fn(gold[section] or [], pred.get(section) or [], tally, gold.get("actions_sources"))
                score_due(S, gold[section] or [], pred.get(section) or [], tally, gold.get("actions_sources"))
            else:
                fn(gold[section] or [], pred.get(section) or [], tally)
    return tally.rows


def score_due(S: Any, gold: list, pred: list, tally: Any, sources: Optional[list]) -> None:
    """Due dates of matched actions whose gold prints one: exactly the same ISO date?"""
    if sources:
        pred = [p for p in pred if p.get("source") in sources]
    gold = [g for g in gold if not g.get("borderline")]
    pairs = S.match(gold, pred, lambda g, p: S.text_score(g.get("text"), p.get("text"), 85.0))
    dated = [(g, p) for g, p in pairs if gold[g].get("due")]
    if dated:
        right = sum(gold[g]["due"] == pred[p].get("due") for g, p in dated)
        tally.add("actions.due", right, len(dated), len(dated))


def prf(m: int, g: int, p: int) -> tuple[float, float, float]:
    precision = m / p if p else (1.0 if not g else 0.0)
    recall = m / g if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="shared,train,test", help="comma-separated: shared, train, test")
    ap.add_argument("--by-doc", action="store_true", help="print each document's F1 per section too")
    ap.add_argument("--full", action="store_true", help="every section (page provenance too), with P and R")
    ap.add_argument("--keep", help="write each predicted record into this folder")
    ap.add_argument("--json", help="write the pooled figures to this file")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cv", action="store_true",
                    help="dev-train cross-validated: each body read by a layout model trained without it")
    ap.add_argument("--oracle", action="store_true",
                    help="use the annotated line labels as the reader's output (the assembly's upper bound)")
    ap.add_argument("--cli", help="score this council-extract executable's `parse --json` instead of the library")
    ap.add_argument("--reader", choices=("auto", "rules", "reader", "hybrid", "reader-rules"), help="which structure reader to score")
    args = ap.parse_args(argv)
    if not (SHARED / "eval" / "score.py").exists():
        print(f"no ../shared beside the project ({SHARED}): nothing to score")
        return 0
    S = scorer()
    splits = [s for s in args.split.split(",") if s]
    if args.reader:
        os.environ["COUNCIL_EXTRACT_READER"] = args.reader
    jobs = [(split, stem, paper, golds) for split in splits for stem, paper, golds in documents(split)]
    models = [cv_model(stem) if args.cv and split == "train" else None for split, stem, _, _ in jobs]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        if args.cli:
            preds = list(pool.map(predict_cli, [str(paper) for _, _, paper, _ in jobs], [args.cli] * len(jobs)))
        else:
            oracles = [str(golds[0].with_name(golds[0].name[:-5] + ".lines.tsv")) if args.oracle else None
                       for _, _, _, golds in jobs]
            preds = list(pool.map(predict, [str(paper) for _, _, paper, _ in jobs], models, oracles))
    pooled: dict[str, dict[str, list[int]]] = {s: {} for s in splits}
    broken = 0
    for (split, stem, paper, golds), pred in zip(jobs, preds):
        if "error" in pred:
            print(f"{split:6} {stem:60} parse failed: {pred['error'][:100]}")
            broken += 1
            continue
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            (Path(args.keep) / f"{stem}.json").write_text(json.dumps(pred, indent=1, ensure_ascii=False))
        rows = score_one(S, pred, golds)
        for section, (m, g, p) in rows.items():
            acc = pooled[split].setdefault(section, [0, 0, 0])
            acc[0] += m
            acc[1] += g
            acc[2] += p
        if args.by_doc:
            shown = "  ".join(f"{s} {prf(*v)[2]:.2f}" for s, v in rows.items() if "." not in s and (v[1] or v[2]))
            print(f"{split:6} {stem[:58]:58} {shown}")
    sections = list(SUMMARY) if not args.full else sorted({s for split in splits for s in pooled[split]})
    counts = {s: len([j for j in jobs if j[0] == s]) for s in splits}
    head = "".join(f" {s + ' (' + str(counts[s]) + ')':>22}" for s in splits)
    print(f"\n{'pooled F1 (P/R)':22}{head}")
    for section in sections:
        cells = []
        for split in splits:
            v = pooled[split].get(section)
            if not v or not (v[1] or v[2]):
                cells.append(f"{'-':>22}")
                continue
            p, r, f = prf(*v)
            cells.append(f"{f:>8.2f} ({p:.2f}/{r:.2f})   " if True else "")
        if any(c.strip() != "-" for c in cells):
            print(f"{section:22}" + "".join(f" {c:>22}" for c in cells))
    if args.json:
        out = {split: {s: dict(zip(("matched", "gold", "predicted"), v)) | dict(zip(("precision", "recall", "f1"),
                       (round(x, 3) for x in prf(*v)))) for s, v in pooled[split].items()} for split in splits}
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
