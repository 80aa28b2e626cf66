"""Whole ``parse`` against pypdfium2's raw text rate, measured in the same run, with the KPI score checked.

    .venv/bin/python benchmarks/bench_parse.py [--with-pdfplumber]

For the Kent performance appendix and the Kent finance monitoring report in
``../shared/pdfs``: pypdfium2 reading every page's text (best of 3), then the
whole of what ``council-extract parse`` does (``extract_file``: load, structure,
KPI tables, tagging; best of 3, in this process after one warm-up document, so
import time is not counted), and the ratio of the two page rates (goal >= 0.1,
issue 19). A second line shows the KPI tables' share. On a machine shared with
other work the two rates move together, so the ratio is what to read. The KPI
cells of the appendix are then scored against the shared gold (must stay 1.00),
and pdfplumber's own table finder (pdfminer's page parse) is timed on the same
pages for comparison.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOCUMENTS = ["kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf", "kent_cabinet_2025-01-30_finance_monitoring_q3.pdf"]
GOLD = {"kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf": "kent_cabinet_2025-03-04_qpr_q3_appendix1.json"}
REPEAT = 3
GOAL = 0.1


def raw_seconds(path: Path) -> float:
    from bench_load import read_text_layer  # the reference read, one definition for both benchmarks

    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        read_text_layer(path)
        best = min(best, time.perf_counter() - start)
    return best


def parse_seconds(path: Path) -> tuple[float, float, object]:
    """Best whole-parse time, best KPI-table time (on the loaded document), and the last record."""
    from extract.load import load_document
    from extract.parse.kpis import parse_kpis
    from extract.pipeline import ExtractOptions, extract_file

    best = best_kpis = float("inf")
    record = None
    for _ in range(REPEAT):
        start = time.perf_counter()
        record = extract_file(path, ExtractOptions())
        best = min(best, time.perf_counter() - start)
    doc = load_document(path)
    for _ in range(REPEAT):
        start = time.perf_counter()
        parse_kpis(doc, [])
        best_kpis = min(best_kpis, time.perf_counter() - start)
    return best, best_kpis, record


def plumber_seconds(path: Path) -> float:
    """pdfplumber's find_tables + extract on the pages the KPI reader opens (what it used before issue 19)."""
    import pdfplumber

    from extract.load import load_document
    from extract.parse.kpis.pdf_tables import likely_table_page

    pages = [p.number for p in load_document(path).pages if likely_table_page(p)]
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            for table in page.find_tables():
                table.extract()
            page.close()
    return time.perf_counter() - start


def kpi_f1(record: object, gold_name: str) -> float:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = scorer.merge_gold([str(SHARED / "gold" / gold_name)])
    pred = record.to_dict()["kpis"]  # type: ignore[attr-defined]
    pages = set((gold.get("scope") or {}).get("kpis") or [])
    if pages:  # the gold covers these pages only, as scripts/score.py scores it
        pred = [k for k in pred if k.get("page") in pages or k.get("page") is None]
    tally = scorer.Tally()
    scorer.score_kpis(gold["kpis"], pred, tally)
    m, g, p = tally.rows["kpis"]
    precision, recall = (m / p if p else 0.0), (m / g if g else 0.0)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str]) -> int:
    pdfs = [SHARED / "pdfs" / name for name in DOCUMENTS]
    if not all(p.exists() for p in pdfs):
        print("../shared/pdfs not present: nothing to measure")
        return 0
    from extract.pipeline import extract_file

    extract_file(ROOT / "corpus" / sorted(p.name for p in (ROOT / "corpus").iterdir())[0])  # imports, models
    print(f"{'file':52} {'pages':>5} {'raw s':>6} {'parse s':>8} {'ratio':>6} {'kpis s':>7} {'cells':>6}")
    worst = float("inf")
    for path in pdfs:
        raw = raw_seconds(path)
        whole, kpis, record = parse_seconds(path)
        ratio = raw / whole
        worst = min(worst, ratio)
        cells = len(record.kpis)  # type: ignore[attr-defined]
        pages = len(record.pages)  # type: ignore[attr-defined]
        print(f"{path.name:52} {pages:5} {raw:6.2f} {whole:8.2f} {ratio:6.3f} {kpis:7.2f} {cells:6}")
        if path.name in GOLD:
            print(f"  KPI cell F1 against the shared gold: {kpi_f1(record, GOLD[path.name]):.2f} (must stay 1.00)")
        if "--with-pdfplumber" in argv:
            print(f"  pdfplumber's own finder on the same pages: {plumber_seconds(path):.2f} s")
    print(f"worst ratio {worst:.3f} of pypdfium2's raw text rate (goal >= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
