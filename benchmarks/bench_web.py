"""The search page's time to first byte on a database of 100,000 pages, against the same FTS
query run directly in sqlite3 (issue 12).

    .venv/bin/python benchmarks/bench_web.py [--pages 100000]

Builds the database from the demo corpus's page texts (repeated with varied numbers so the
index is realistic), serves it with `council-extract serve`, and times 50 queries.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["budget", "school", "housing", "recommendation", "panel", "attendance", "report", "council", "youth",
         "consultation", "planning", "application", "resolved", "cabinet", "performance", "target", "leisure",
         "carbon", "grant", "minutes", "apologies", "scrutiny", "member", "officer", "education", "children",
         "transport", "waste", "library", "parking", "audit", "risk", "finance", "savings", "capital", "revenue",
         "contract", "procurement", "tenants", "repairs", "damp", "mould", "homelessness", "care", "health",
         "hospital", "police", "flooding", "trees", "climate"]


def build(path: Path, pages: int) -> None:
    sys.path.insert(0, str(ROOT))
    from extract.load import load_document
    from extract.pipeline import extract_document
    from extract.store.ingest import make_result, write_document
    from extract.store.schema import open_db

    db = open_db(path)
    texts = []
    for file in sorted((ROOT / "corpus").iterdir()):
        doc = load_document(file)
        write_document(db, make_result(doc, extract_document(doc)))
        texts += [p.text for p in doc.pages if p.text.strip()]
    conn = db.conn
    rng = random.Random(7)
    docs = max(1, pages // 50)
    with conn:
        for d in range(docs):
            sha = f"{d:064x}"
            conn.execute("INSERT INTO documents (sha256, path, file, kind, pages, council, body, date, ingested_at) "
                         "VALUES (?, ?, ?, 'minutes', 50, 'Bench Council', 'Bench Committee', ?, '2026-01-01')",
                         [sha, f"/nonexistent/{d}.pdf", f"{d}.pdf", f"20{10 + d % 15}-0{1 + d % 9}-1{d % 9}"])
            rows = []
            for p in range(1, 51):
                text = rng.choice(texts) + " " + " ".join(rng.choice(WORDS) for _ in range(40)) + f" {rng.randint(1, 99999)}"
                rows.append((sha, p, "text_layer", text))
            conn.executemany("INSERT INTO pages (sha256, page, text_source, text) VALUES (?, ?, ?, ?)", rows)
            conn.executemany("INSERT INTO search_rows (tbl, key, sha256, page, council, body, date, title, text) "
                             "VALUES ('pages', ?, ?, ?, 'Bench Council', 'Bench Committee', '2020-01-01', '', ?)",
                             [(f"{sha}:{r[1]}", sha, r[1], r[3]) for r in rows])
    conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ttfb(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read(1)
    elapsed = time.perf_counter() - start
    response.read()
    conn.close()
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100_000)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from extract.store.search import fts_query
    from extract.web.metadata import QUERIES

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        start = time.perf_counter()
        build(db_path, args.pages)
        print(f"built {args.pages} pages in {time.perf_counter() - start:.0f} s")
        port = free_port()
        server = subprocess.Popen([str(Path(sys.executable).with_name("council-extract")), "serve", str(db_path),
                                   "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            for _ in range(300):
                try:
                    ttfb(port, "/-/versions.json")
                    break
                except OSError:
                    time.sleep(0.5)
            queries = [random.Random(i).choice(WORDS) for i in range(50)]
            web = [ttfb(port, f"/{db_path.stem}/search_minutes?q={q}") for q in queries]
            people = [ttfb(port, f"/-/search?q={q}") for q in queries]  # the search page for people
            sql = QUERIES["search_minutes"]["sql"]
            conn = sqlite3.connect(db_path)
            conn.create_function("doc_link", 2, lambda s, p: f"/-/doc/{s}#page={p}")
            conn.create_function("fts_query", 1, fts_query)
            direct = []
            for q in queries:
                t = time.perf_counter()
                conn.execute(sql, {"q": q}).fetchall()
                direct.append(time.perf_counter() - t)
        finally:
            server.terminate()
            server.wait()

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(0.95 * (len(xs) - 1))]

    print(f"search page TTFB: median {statistics.median(web) * 1000:.0f} ms, p95 {p95(web) * 1000:.0f} ms")
    print(f"search page for people (/-/search, each sentence once): median {statistics.median(people) * 1000:.0f} ms, "
          f"p95 {p95(people) * 1000:.0f} ms")
    print(f"same FTS query in sqlite3: median {statistics.median(direct) * 1000:.0f} ms, p95 {p95(direct) * 1000:.0f} ms")
    print(f"ratio (web / direct): median {statistics.median(web) / statistics.median(direct):.1f}x, "
          f"p95 {p95(web) / p95(direct):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
