"""OCR cost: seconds per page at 300 dpi on one core, the speed-up with two worker processes,
peak memory per worker, and what OCR detection costs pages that need none.

    .venv/bin/python benchmarks/bench_ocr.py

Goals (issue 10): 2 workers >= 1.8x one; peak memory per worker < 300 MB; good PDFs parse no slower
with --ocr auto than with --ocr never (ratio ~1.0).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"
ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "pdfs"


def ocr_range(args: tuple[str, list[int]]) -> tuple[int, float]:
    """OCR some pages in this process; returns (pages, peak RSS in MB)."""
    from extract.load import load_document
    from extract.load.ocr import ocr_pages

    path, numbers = args
    spec = ",".join(str(n) for n in numbers)
    doc = load_document(path, ocr="force", ocr_hook=ocr_pages, pages=spec)
    return len(doc.pages), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    scans = sorted(PDFS.glob("*_SCAN.pdf")) if PDFS.exists() else []
    if not scans:
        print("../shared/pdfs has no scan: nothing to measure")
        return 0
    import pypdfium2 as pdfium

    scan = str(scans[0])
    count = len(pdfium.PdfDocument(scan))
    pages = list(range(1, count + 1))
    with ProcessPoolExecutor(1) as pool:
        start = time.perf_counter()
        done, peak1 = pool.submit(ocr_range, (scan, pages)).result()
        one = time.perf_counter() - start
    halves = [pages[0::2], pages[1::2]]
    with ProcessPoolExecutor(2) as pool:
        start = time.perf_counter()
        results = list(pool.map(ocr_range, [(scan, h) for h in halves]))
        two = time.perf_counter() - start
    print(f"{Path(scan).name}: {count} pages")
    print(f"1 worker: {one / count:.2f} s/page (process start and model load included)")
    print(f"2 workers: {two / count:.2f} s/page; speed-up {one / two:.2f}x (goal >= 1.8x on 2 cores)")
    print(f"peak memory per worker: {max(peak1, *(r[1] for r in results)):.0f} MB (goal < 300 MB)")

    from extract.load import load_document
    from extract.load.ocr import ocr_pages

    good = [p for p in PDFS.glob("*.pdf") if not any(t in p.name for t in ("SCAN", "GARBLED", "NOT_A_PDF"))]
    timings = {}
    for mode in ("never", "auto", "never", "auto"):
        start = time.perf_counter()
        for path in good:
            load_document(path, ocr=mode, ocr_hook=ocr_pages)
        timings[mode] = min(timings.get(mode, 1e9), time.perf_counter() - start)
    print(f"good PDFs: --ocr auto {timings['auto']:.2f}s vs --ocr never {timings['never']:.2f}s "
          f"(ratio {timings['auto'] / timings['never']:.2f}; goal ~1.0: no page of them is OCRed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
