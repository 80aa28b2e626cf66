"""Loading speed and memory, against pypdfium2's raw text extraction measured in the same run.

    .venv/bin/python benchmarks/bench_load.py

Goals (issue 2): our loader at >= 0.25 of pypdfium2's raw pages/s on the same file, and peak
memory under 150 MB for a 150-page pack (built here by joining the shared PDFs).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "pdfs"
REPEAT = 3


def read_text_layer(path: Path) -> int:
    """pypdfium2 reading every page's text, nothing else (the reference rate); the page count."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    count = len(pdf)
    pdf.close()
    return count


def raw_rate(path: Path) -> float:
    best = 0.0
    for _ in range(REPEAT):
        start = time.perf_counter()
        count = read_text_layer(path)
        best = max(best, count / (time.perf_counter() - start))
    return best


def our_rate(path: Path) -> float:
    from extract.load import load_document

    best = 0.0
    for _ in range(REPEAT):
        start = time.perf_counter()
        doc = load_document(path, ocr="never")
        best = max(best, len(doc.pages) / (time.perf_counter() - start))
    return best


CHILD = """
import resource, sys, json
from extract.load import load_document
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if sys.argv[2] == "load":
    doc = load_document(sys.argv[1], ocr="never")
    n = len(doc.pages)
else:
    n = 0
print(json.dumps({"pages": n, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "base_kb": base}))
"""


def peak_memory_mb(path: Path) -> tuple[int, float, float]:
    """Peak RSS of a process that loads the file, and of one that only imports (the baseline)."""
    out = {}
    for mode in ("load", "import"):
        run = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], capture_output=True, text=True, check=True)
        out[mode] = json.loads(run.stdout)
    return out["load"]["pages"], out["load"]["peak_kb"] / 1024, out["import"]["peak_kb"] / 1024


def big_pack(folder: Path, target_pages: int = 150) -> Path:
    """A ~150-page pack joined from the shared PDFs (the shape of a large agenda pack)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    sources = [p for p in sorted(PDFS.glob("kent_*.pdf"))]
    while len(out) < target_pages:
        for path in sources:
            src = pdfium.PdfDocument(str(path))
            take = min(len(src), target_pages - len(out))
            out.import_pages(src, list(range(take)))
            src.close()
            if len(out) >= target_pages:
                break
    path = folder / "pack150.pdf"
    out.save(str(path))
    return path


def main() -> int:
    if not PDFS.exists():
        print("../shared/pdfs not present: nothing to measure")
        return 0
    good = [p for p in PDFS.glob("*.pdf") if not any(t in p.name for t in ("SCAN", "GARBLED", "NOT_A_PDF"))]
    largest = sorted(good, key=lambda p: p.stat().st_size, reverse=True)[:3]
    print(f"{'file':50} {'pages':>5} {'raw p/s':>9} {'ours p/s':>9} {'ratio':>6}")
    ratios = []
    from extract.load import load_document

    for path in largest:
        pages = len(load_document(path, ocr="never").pages)
        raw, ours = raw_rate(path), our_rate(path)
        ratios.append(ours / raw)
        print(f"{path.name:50} {pages:5} {raw:9.0f} {ours:9.0f} {ours / raw:6.2f}")
    print(f"worst ratio {min(ratios):.2f} (goal >= 0.25)")
    with tempfile.TemporaryDirectory() as tmp:
        pack = big_pack(Path(tmp))
        pages, peak, base = peak_memory_mb(pack)
        print(f"peak memory loading a {pages}-page pack: {peak:.0f} MB ({peak - base:.0f} MB over an import-only "
              f"process of {base:.0f} MB; goal < 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
