"""Batch ingest throughput with 1 and 2 workers, and peak memory per worker.

    .venv/bin/python benchmarks/bench_batch.py [--rounds N]

Ingests ../shared/seeds and ../shared/pdfs (OCR off, so scans count as failures and
the figure is about parsing) into a fresh database, once per worker count, each in
its own process so ``ru_maxrss`` of its children is that configuration's alone.
Each configuration runs the batch twice: cold (loading the parsers included) and
then ``--force`` (parsers loaded, every document parsed and stored again), and
reports pages per second for both. The reference is the 1-worker run measured here,
so the printed ratio is the parallel speed-up: ideally near the number of cores
when documents are many and similar.

Peak memory: the largest resident set of any worker process or per-document child
(``RUSAGE_CHILDREN``), and the largest one document's parse reached.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def one(workers: int, rounds: int) -> dict:
    """Run in a child process: ingest the shared papers with ``workers`` workers."""
    from extract.batch.runner import run_batch

    inputs = [SHARED / "seeds", SHARED / "pdfs"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        cold = run_batch(db, inputs, {"workers": workers, "ocr": "never"})
        cold_seconds = time.perf_counter() - start
        warm_pages, warm_seconds, peak_doc = 0, 0.0, cold.peak_rss_kb
        for _ in range(rounds):
            start = time.perf_counter()
            again = run_batch(db, inputs, {"workers": workers, "ocr": "never", "force": True})
            warm_seconds += time.perf_counter() - start
            warm_pages += again.pages
            peak_doc = max(peak_doc, again.peak_rss_kb)
        conn = sqlite3.connect(db)
        [(total, longest)] = conn.execute("SELECT sum(seconds), max(seconds) FROM run_files "
                                          "WHERE run_id = (SELECT max(id) FROM runs)").fetchall()
        conn.close()
    return {"workers": workers, "files": cold.files, "pages": cold.pages, "failed": cold.failed,
            "cold_pages_per_s": cold.pages / cold_seconds, "pages_per_s": warm_pages / warm_seconds,
            "peak_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "peak_document_mb": peak_doc / 1024,
            "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "bound": (total or 0) / (longest or 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="forced re-ingests timed per configuration")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.rounds)))
        return
    if not (SHARED / "seeds").exists() or not (SHARED / "pdfs").exists():
        print(f"skipped: {SHARED} not present (the shared development papers are not part of the project)")
        return
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (others' work skews the ratio)")
    results = {}
    for workers in (1, 2):
        out = subprocess.run([sys.executable, __file__, "--one", str(workers), "--rounds", str(args.rounds)],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        results[workers] = json.loads(out.stdout.strip().splitlines()[-1])
    for r in results.values():
        print(f"{r['workers']} worker(s): {r['files']} files, {r['pages']} pages, {r['failed']} failed; "
              f"cold {r['cold_pages_per_s']:.1f} pages/s, warm {r['pages_per_s']:.1f} pages/s; "
              f"peak memory: worker or child {r['peak_child_mb']:.0f} MB, one document {r['peak_document_mb']:.0f} MB, "
              f"parent {r['parent_mb']:.0f} MB")
    ratio = results[2]["pages_per_s"] / results[1]["pages_per_s"]
    cold_ratio = results[2]["cold_pages_per_s"] / results[1]["cold_pages_per_s"]
    bound = min(2.0, results[1]["bound"])
    print(f"speed-up 2 workers / 1 worker: {ratio:.2f}x warm, {cold_ratio:.2f}x cold "
          f"(at best {bound:.2f}x: the longest document alone takes 1/{results[1]['bound']:.1f} of the work)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
