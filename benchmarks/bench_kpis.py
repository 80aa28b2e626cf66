"""How much a table page costs: the table finder against the text-only page load (pypdfium2).

    .venv/bin/python benchmarks/bench_kpis.py [PDF ...]

For each PDF, times loading every page's text with the project loader, then
pdfplumber's ``find_tables`` on pdfminer's parse of the pages the KPI reader
would open (what the reader used before issue 19), then the same finder fed
from pypdfium2 (``parse.kpis.pdfium_page``, what it uses now), and prints the
time per page of each against the text load (measured in the same run, so the
machine's speed cancels out); then the whole ``parse_kpis`` time per document.
The whole ``parse`` against pypdfium2's raw rate is ``bench_parse.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT = [SHARED / "pdfs" / "kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf",
           SHARED / "pdfs" / "kent_cabinet_2025-01-30_finance_monitoring_q3.pdf"]


def main(paths: list[Path]) -> None:
    import pdfplumber

    from extract.load import load_document
    from extract.parse.kpis.pdf_tables import likely_table_page
    from extract.parse.kpis import parse_kpis

    for path in paths:
        t0 = time.perf_counter()
        doc = load_document(path)
        load = time.perf_counter() - t0
        pages = [p.number for p in doc.pages if likely_table_page(p)]
        t1 = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for number in pages:
                page = pdf.pages[number - 1]
                page.find_tables()
                page.close()
        finder = time.perf_counter() - t1
        import pypdfium2 as pdfium

        from extract.parse.kpis.pdfium_page import find_table_boxes

        t3 = time.perf_counter()
        pdf = pdfium.PdfDocument(str(path))
        for number in pages:
            page = pdf[number - 1]
            find_table_boxes(page)
            page.close()
        pdf.close()
        fed = time.perf_counter() - t3
        t2 = time.perf_counter()
        records = parse_kpis(doc, [])
        parse = time.perf_counter() - t2
        per_text = load / len(doc.pages)
        per_table = finder / max(1, len(pages))
        print(f"{path.name}: {len(doc.pages)} pages, {len(pages)} opened for tables, {len(records)} cells")
        per_fed = fed / max(1, len(pages))
        print(f"  text-only load {per_text * 1000:.1f} ms/page; pdfplumber on pdfminer {per_table * 1000:.1f} ms/page "
              f"({per_table / per_text:.1f}x); fed from pypdfium2 {per_fed * 1000:.1f} ms/page ({per_fed / per_text:.1f}x)")
        print(f"  parse_kpis {parse:.2f} s (load {load:.2f} s)")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [p for p in DEFAULT if p.exists()])
