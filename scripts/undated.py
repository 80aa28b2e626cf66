#!/usr/bin/env python3
"""Which papers of the archive come out with no document date, and how many per folder.

    python scripts/undated.py [--verbose]

Why: ``--since``/``--until`` leave out documents with no date (issue 21), so
every undated paper is one a researcher filtering by date never sees.  This
parses every paper of the archive the toolkit is developed on: the seeds and
pdfs of ``../shared``, the dev-train papers of ``../shared/papers`` (dev-test
bodies, per ``tests/gold/papers/split.json``, are skipped and never opened)
and ``corpus/``, and lists those whose record has ``date: null`` (the paper
prints no date we read), saying which of them the store still dates from their
file name (``store.rows.file_name_date``) and which stay undated there, so
``--since`` leaves them out.  Loading goes through the scorer's cache
(``out/cache/load``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
PAPER_SUFFIXES = {".pdf", ".txt", ".md", ".html", ".htm", ".docx"}


def folders(score: Any) -> dict[str, list[Path]]:
    """The archive's folders and their papers; of ``shared/papers`` only the dev-train ones (the scorer's
    own list, so dev-test papers are never opened)."""
    def papers(folder: Path) -> list[Path]:
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PAPER_SUFFIXES
                      and p.name not in ("SOURCES.md", "README.md"))

    return {
        "shared/seeds": papers(score.SHARED / "seeds"),
        "shared/pdfs": papers(score.SHARED / "pdfs"),
        "shared/papers (dev-train)": sorted({paper for _, paper, _ in score.documents("train")}),
        "corpus": papers(ROOT / "corpus"),
    }


def document_date(score: Any, paper: Path) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(the record's date; the date the store gives it, from the file name where the record has none;
    the error when the paper cannot be read)."""
    from extract.pipeline import ExtractOptions, extract_document
    from extract.store.rows import file_name_date

    try:
        doc = score.load_cached(paper)
        date = extract_document(doc, ExtractOptions(tag=False)).date
    except Exception as exc:  # an unreadable file is listed, not fatal
        return None, None, f"{exc.__class__.__name__}: {str(exc)[:80]}"
    return date, date or file_name_date(paper.name, []), None


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verbose", action="store_true", help="also list the dated papers with their dates")
    args = ap.parse_args(argv)
    import score  # scripts/score.py beside this script: its cached loader and the ``../shared`` it reads

    counts: list[tuple[str, int, int, int]] = []
    for folder, papers in folders(score).items():
        in_text = in_store = 0
        for paper in papers:
            date, stored, error = document_date(score, paper)
            in_text += date is None
            in_store += stored is None
            if date is None:
                how = f"dated {stored} from its file name" if stored else "undated in the store too"
                print(f"  no date in the text  {folder}/{paper.name}  ({error or how})")
            elif args.verbose:
                print(f"  {date}  {folder}/{paper.name}")
        counts.append((folder, in_text, in_store, len(papers)))
    counts.append(("all", *(sum(c[k] for c in counts) for k in (1, 2, 3))))  # type: ignore[arg-type]
    print(f"\n{'':28} {'no date in the text':>20} {'undated in the store':>21}")
    for folder, in_text, in_store, n in counts:
        print(f"{folder:28} {f'{in_text} of {n}':>20} {f'{in_store} of {n}':>21}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
