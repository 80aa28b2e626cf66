"""The Dask path against the local pool, and the single writer's ceiling (issue 13).

    .venv/bin/python benchmarks/bench_dask.py

1. Per-document overhead of running the batch on a Dask LocalCluster against the local
   process pool, with the same number of workers, on the same papers (parsers warm, every
   document parsed and stored again with --force), as a share of parse time (goal < 5%).
2. Pages per second with 1 and 2 workers on a LocalCluster.
3. The writer's ceiling: results parsed once, then written again and again under new hashes,
   gives the records and pages per second one writing process can insert. Divided by one
   worker's parse rate, that is how many workers one writer can feed.
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def inputs() -> list[Path]:
    found = [ROOT / "corpus"]
    if SHARED.exists():
        found += [SHARED / "seeds", SHARED / "pdfs"]
    return found


def timed_run(db: Path, workers: int, cluster: str | None) -> tuple[float, int, int]:
    from extract.batch.runner import run_batch

    options = {"workers": workers, "ocr": "never", "cluster": cluster}
    run_batch(db, inputs(), options)  # cold: fills the database, loads the parsers
    start = time.perf_counter()
    report = run_batch(db, inputs(), {**options, "force": True})
    return time.perf_counter() - start, report.pages, report.files - report.failed


def writer_ceiling(rounds: int = 40) -> tuple[float, float, float]:
    from extract.load import load_document
    from extract.pipeline import extract_document
    from extract.store.ingest import make_result, write_document
    from extract.store.schema import open_db

    results = []
    for path in sorted((ROOT / "corpus").iterdir()):
        doc = load_document(path)
        results.append(make_result(doc, extract_document(doc)))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "writer.db")
        pages = records = 0
        start = time.perf_counter()
        for n in range(rounds):
            for result in results:
                copy_ = copy.deepcopy(result)
                sha = f"{n:08x}" + copy_["record"]["source"]["sha256"][8:]
                copy_["record"]["source"]["sha256"] = sha
                copy_["record"]["date"] = f"20{10 + n % 15}-01-{1 + n % 28:02d}"  # new meetings, not copies
                for meeting in copy_["record"]["meetings"]:
                    meeting["date"] = copy_["record"]["date"]
                copy_["path"] = f"/bench/{n}/{copy_['path']}"
                write_document(db, copy_)
                pages += len(copy_["pages"])
        seconds = time.perf_counter() - start
        for table in ("pages", "meetings", "minute_items", "resolutions", "actions", "metrics", "kpi_values",
                      "agenda_items", "reports", "sources", "search_rows"):
            records += db[table].count
    return pages / seconds, records / seconds, rounds * len(results) / seconds


def main() -> int:
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        rows = {}
        for workers in (1, 2):
            # a running cluster, as a deployment keeps one: its start-up is not a per-document cost
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=50)
            try:
                plural = "s" if workers > 1 else ""
                for label, spec in ((f"local pool, {workers} worker{plural}", None),
                                    (f"LocalCluster, {workers} worker{plural}", cluster.scheduler_address)):
                    db = Path(tmp) / f"{label.replace(' ', '_').replace(',', '')}.db"
                    seconds, pages, docs = timed_run(db, workers, spec)
                    rows[label] = (seconds, pages, docs)
                    print(f"{label:26} {pages} pages in {seconds:6.1f} s  {pages / seconds:6.1f} pages/s")
            finally:
                cluster.close()
    for workers in (1, 2):
        local = rows[f"local pool, {workers} worker{'s' if workers > 1 else ''}"]
        dask = rows[f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}"]
        per_doc = (dask[0] - local[0]) / max(1, local[2])
        share = (dask[0] - local[0]) / local[0]
        print(f"{workers} worker(s): Dask overhead {per_doc * 1000:+.0f} ms per document, {share:+.1%} of the local "
              f"run's time (goal < 5%)")
    one_worker = rows["local pool, 1 worker"][1] / rows["local pool, 1 worker"][0]
    pages_s, records_s, docs_s = writer_ceiling()
    print(f"single writer: {pages_s:.0f} pages/s, {records_s:.0f} records/s, {docs_s:.1f} documents/s "
          f"-> feeds about {pages_s / one_worker:.0f} workers parsing at {one_worker:.1f} pages/s each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
