"""Measure the tracker against councils' own action logs (``tests/gold/tracker/*.json``).

    python -m extract.track.gold [GOLD_DIR] [--papers DIR]

Each gold file lists the papers of one body and the items of an action log those papers print,
each with the status the council itself gave ("Done", "On hold", "Completed", "no progress had
been made"): ``answered`` or ``outstanding``. The papers are ingested into a fresh store, the
tracker is refreshed, and each gold item is looked for among the tracked items. Two figures
matter: the precision of ``answered`` (a false "answered" hides work from the scrutiny
manager, the costliest error) and the recall of outstanding items (each outstanding item the
tracker lists as open or in progress); links are right when the deciding evidence is the log's
own paper and page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT / "tests" / "gold" / "tracker"
DEFAULT_PAPERS = Path(os.environ.get("COUNCIL_EXTRACT_SHARED", ROOT.parent / "shared")) / "papers"
MATCH = 85.0
OUTSTANDING = ("open", "in progress")


def _similar(gold: str, request: str) -> float:
    a, b = " ".join(gold.split()).lower(), " ".join(request.split()).lower()
    return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 20 else 0)


def match(gold: dict[str, Any], rows: list[dict[str, Any]], shas: set[str]) -> list[tuple[dict[str, Any], Optional[dict[str, Any]]]]:
    """Each gold item with the tracked item that is it (or None), one tracked item per gold item."""
    pool = [r for r in rows if r.get("sha256") in shas]
    used: set[str] = set()
    out = []
    for item in gold["items"]:
        scored = sorted(((_similar(item["request"], r["request"] or ""), r["key"], r) for r in pool
                         if r["key"] not in used), key=lambda x: (-x[0], x[1]))
        best = scored[0] if scored and scored[0][0] >= MATCH else None
        if best:
            used.add(best[1])
        out.append((item, best[2] if best else None))
    return out


def measure(pairs: list[tuple[dict[str, Any], Optional[dict[str, Any]]]], log_paper_sha: Optional[str]) -> dict[str, int]:
    """Counts over matched pairs: answered said/right, outstanding owed/listed, links checked/right."""
    out = {"items": len(pairs), "found": 0, "answered_said": 0, "answered_right": 0, "outstanding": 0,
           "outstanding_listed": 0, "links": 0, "links_right": 0}
    for item, row in pairs:
        if item["status"] == "outstanding":
            out["outstanding"] += 1
        if row is None:
            continue
        out["found"] += 1
        if row["status"] == "answered":
            out["answered_said"] += 1
            out["answered_right"] += item["status"] == "answered"
        if item["status"] == "outstanding" and row["status"] in OUTSTANDING:
            out["outstanding_listed"] += 1
        if row.get("evidence_key"):
            out["links"] += 1
            out["links_right"] += row.get("evidence_sha256") == log_paper_sha and row.get("evidence_page") == item["page"]
    return out


def run(gold_dir: Path, papers: Path, db_path: Path) -> dict[str, dict[str, int]]:
    """Ingest every gold file's papers into ``db_path``, refresh the tracker and count, per gold file."""
    from ..load import load_document, sha256_of
    from ..pipeline import extract_document
    from ..store.ingest import make_result, write_document
    from ..store.schema import open_db
    from .items import refresh
    from .status import effective_rows

    golds = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(gold_dir.glob("*.json"))]
    db = open_db(db_path)
    shas: dict[str, str] = {}
    for _, gold in golds:
        for name in gold["papers"]:
            if name not in shas:
                doc = load_document(papers / name)
                write_document(db, make_result(doc, extract_document(doc)))
                shas[name] = sha256_of(papers / name)
    refresh(db)
    rows = effective_rows(db)
    out = {}
    for path, gold in golds:
        pairs = match(gold, rows, {shas[n] for n in gold["papers"]})
        out[path.stem] = measure(pairs, shas.get(gold["log"]["paper"]))
    return out


def pooled(results: dict[str, dict[str, int]]) -> dict[str, float]:
    total: dict[str, int] = {}
    for counts in results.values():
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    return {"answered_precision": total["answered_right"] / total["answered_said"] if total["answered_said"] else 1.0,
            "outstanding_recall": total["outstanding_listed"] / total["outstanding"] if total["outstanding"] else 1.0,
            "links_share": total["links_right"] / total["links"] if total["links"] else 1.0,
            "found_share": total["found"] / total["items"] if total["items"] else 1.0,
            **{k: float(v) for k, v in total.items()}}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--papers", type=Path, default=DEFAULT_PAPERS)
    args = ap.parse_args(argv)
    if not args.papers.exists():
        print(f"{args.papers}: no papers folder", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory() as tmp:
        results = run(args.gold, args.papers, Path(tmp) / "tracker.db")
    for name, counts in results.items():
        print(f"{name:40} " + "  ".join(f"{k} {v}" for k, v in counts.items()))
    figures = pooled(results)
    print(f"pooled: answered precision {figures['answered_precision']:.2f} "
          f"({int(figures['answered_right'])}/{int(figures['answered_said'])}), outstanding recall "
          f"{figures['outstanding_recall']:.2f} ({int(figures['outstanding_listed'])}/{int(figures['outstanding'])}), "
          f"links right {figures['links_share']:.2f}, items found {figures['found_share']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
