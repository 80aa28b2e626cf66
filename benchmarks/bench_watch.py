"""What saved searches add to an ingest: 100 watches over a database of 10,000 pages.

    .venv/bin/python benchmarks/bench_watch.py [--pages 10000] [--watches 100] [--workers N]

Builds a database of ``--pages`` synthetic pages (the demo corpus parsed once, then
written again and again under fresh hashes and paths with varied words added to
each page, through ``write_document``), adds ``--watches`` watches (text queries of
every shape, with and without filters, plus resolution, kpi-red and rec-status
events), then ingests the demo corpus with ``run_batch`` (the real ingest) and
times the watch step the CLI runs after it (``evaluate_pending``). Prints both
times and their ratio; goal: the watches cost under 10 % of the ingest
(ratio < 0.10). A second line times a re-evaluation with nothing new (the cost of
the hook on a no-op ingest).
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.batch.runner import run_batch  # noqa: E402
from extract.load import load_document  # noqa: E402
from extract.pipeline import extract_document  # noqa: E402
from extract.store.ingest import finish_run, make_result, start_run, write_document  # noqa: E402
from extract.store.schema import open_db  # noqa: E402
from extract.watch.evaluate import evaluate_pending, initialise_rec_state, validate  # noqa: E402
from extract.watch.store import Watch, add_watch, has_watches  # noqa: E402

CORPUS = ROOT / "corpus"
WORDS = ("budget precept drainage flooding highways footpath allotment playground library leisure pool carbon "
         "solar heating tenancy housing homelessness adoption fostering attendance exclusion SEND transport bus "
         "parking licensing taxi premises planning permission appeal enforcement conservation tree hedge waste "
         "recycling flytipping graffiti lighting CCTV grant reserves audit risk insurance procurement contract "
         "consultation survey petition complaint ombudsman safeguarding workforce agency vacancy sickness training "
         "youth centre museum theatre market regeneration masterplan viability affordable S106 CIL levy").split()


def corpus_results() -> list[dict[str, Any]]:
    out = []
    for path in sorted(CORPUS.iterdir()):
        doc = load_document(path, ocr="never")
        out.append(make_result(doc, extract_document(doc), str(path)))
    return out


def build(db_path: Path, target_pages: int, seed: int = 7) -> int:
    """Write synthetic copies of the corpus until the database holds ``target_pages`` pages."""
    rng = random.Random(seed)
    base = corpus_results()
    db = open_db(db_path)
    run_id = start_run(db, {"synthetic": True})
    pages, n = 0, 0
    with db.atomic():  # one commit for the whole build (each write_document is a savepoint inside it)
        while pages < target_pages:
            for result in base:
                r = copy.deepcopy(result)
                src = r["record"]["source"]
                src["sha256"] = f"{n:010x}" + src["sha256"][10:]
                r["path"] = f"synthetic/{n:05d}/{Path(result['path']).name}"
                for page in r["pages"]:
                    extra = " ".join(rng.choice(WORDS) for _ in range(25))
                    page["text"] = (page["text"] or "") + f"\nsynthetic copy {n} {extra}\n"
                write_document(db, r, run_id=run_id)
                pages += len(r["pages"])
                n += 1
                if pages >= target_pages:
                    break
    finish_run(db, run_id, {"ingested": n})
    db.close()
    return pages


def watches(count: int) -> list[Watch]:
    """Distinct saved searches of every shape the CLI takes, three of them matching nearly every page."""
    rng = random.Random(11)
    word = lambda: rng.choice(WORDS)  # noqa: E731
    shapes = [
        lambda: (word(), {}),
        lambda: (f'"{rng.choice(["planning permission", "youth service", "blocked drain", "social care", "attendance support", "statement of licensing", "garden waste", "bank reconciliation"])}"', {}),
        lambda: (f"{word()} OR {word()}", {}),
        lambda: (f"{word()[:4]}*", {}),
        lambda: (f"{word()} NOT {word()}", {}),
        lambda: (word(), {"body": rng.choice(["panel", "planning", "cabinet", "parish"])}),
        lambda: (word(), {"tables": ["resolutions", "actions"]}),
        lambda: (word(), {"kind": "minutes", "council": "wexcombe"}),
        lambda: (f"{word()} {word()}", {"since": "2024-01-01"}),
    ]
    out = [Watch("ev-res", event="resolution", filters={"body": "panel"}),
           Watch("ev-res-q", "minutes", event="resolution"), Watch("ev-red", event="kpi-red"),
           Watch("ev-recs", event="rec-status"),
           Watch("all-council", "council"), Watch("all-meeting", "meeting"), Watch("all-report", "report")]
    seen = {(w.query, repr(w.filters)) for w in out}
    tries = 0
    while len(out) < count:
        tries += 1
        query, filters = shapes[tries % len(shapes)]()
        if (query, repr(filters)) not in seen:
            seen.add((query, repr(filters)))
            out.append(Watch(f"w{len(out)}", query, filters=filters))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--watches", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5, help="ingest + watches this many times (median ratio)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        start = time.perf_counter()
        pages = build(db_path, args.pages)
        print(f"built {pages} pages in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        db = open_db(db_path)
        for w in watches(args.watches):
            validate(db, w)
            add_watch(db, w)
            if w.event == "rec-status":
                initialise_rec_state(db, w)
        db.close()

        ratios = []
        for n in range(args.repeat):  # each time on a fresh copy of the database with its watches
            copy_path = Path(tmp) / f"run{n}.db"
            shutil.copy(db_path, copy_path)
            start = time.perf_counter()
            report = run_batch(copy_path, [CORPUS], {"workers": args.workers, "ocr": "never"})
            ingest = time.perf_counter() - start

            start = time.perf_counter()
            db = open_db(copy_path)  # what the CLI's hook does after the ingest
            assert has_watches(db)
            result = evaluate_pending(db)
            db.close()
            watch_time = time.perf_counter() - start

            start = time.perf_counter()
            db = open_db(copy_path)
            again = evaluate_pending(db)
            db.close()
            noop = time.perf_counter() - start
            ratios.append(watch_time / ingest)
            print(f"ingest: {report.files} files, {report.pages} pages into a {pages}-page database in {ingest:.2f} s; "
                  f"watches: {result.watches} evaluated in {watch_time:.3f} s, {result.total} new hits "
                  f"(again with nothing new: {noop:.3f} s, {again.total} hits); ratio {watch_time / ingest:.3f}")
            copy_path.unlink()

    print(f"ratio watch/ingest = {statistics.median(ratios):.3f} (median of {len(ratios)}; goal < 0.10)")


if __name__ == "__main__":
    main()
