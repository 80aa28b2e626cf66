#!/usr/bin/env python3
"""Generate the third held-out set (``tests/heldout3/papers/``) from ``tests/heldout3/src/``.

The first two held-out sets have been read and tuned on by the parser authors,
so they no longer measure generalisation honestly. This third set is for
MEASURING only: nobody tunes parser rules on it. Its templates are ones the
demo corpus and the first two sets do not use (a Cabinet "Record of Decisions"
with "Decision:" / "Reasons for decision:", parish minute numbers in brackets
after the title with "Resolved:" at the end of each item, an NHS trust Public
Board with "RECEIVED and NOTED" and "ACTION:" lines, a "Present:" table with
political groups, a police and crime panel agenda with a time column, a
"SUMMARY / RECOMMENDATIONS" Cabinet report with a budget monitoring table and
a totals row). Every council and person in it is invented.

The mark-up and the layout are ``scripts/make_heldout2.py``'s (``Layout2``,
imported, not copied); text papers are made by ``make_heldout.text_paper``
("===" lines become form feeds, leading "//" lines are dropped).

``--check`` fails when the committed papers differ from what the sources make.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "heldout3" / "src"
PAPERS = ROOT / "tests" / "heldout3" / "papers"

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    from make_corpus import SourceError  # noqa: E402
    from make_heldout import text_paper  # noqa: E402
    from make_heldout2 import Layout2  # noqa: E402
except SystemExit as exc:  # make_corpus exits with a message when fpdf2 is missing
    raise SystemExit(f"make_heldout3.py: {exc}") from None


def build() -> dict[Path, bytes]:
    """Every paper's bytes, keyed by its path under ``PAPERS``."""
    outputs: dict[Path, bytes] = {}
    for src in sorted(SOURCES.iterdir()):
        if src.name.endswith(".pdf.src"):
            name = src.name[: -len(".src")]
            layout = Layout2(name=name)
            layout.pdf.set_author("council-extract held-out set 3 (fictional councils)")
            outputs[PAPERS / name] = layout.render(src)
        elif src.name.endswith(".txt.src"):
            outputs[PAPERS / src.name[: -len(".src")]] = text_paper(src)
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the committed papers are up to date")
    args = ap.parse_args(argv)
    try:
        outputs = build()
    except SourceError as exc:
        print(f"make_heldout3.py: {exc}", file=sys.stderr)
        return 2
    stale = [path for path, data in outputs.items() if not path.exists() or path.read_bytes() != data]
    if not args.check:
        PAPERS.mkdir(parents=True, exist_ok=True)
        for path in stale:
            path.write_bytes(outputs[path])
    for path, data in outputs.items():
        mark = ("stale" if args.check else "written") if path in stale else "unchanged"
        print(f"{path.relative_to(ROOT)}  {len(data):>7} bytes  {hashlib.sha256(data).hexdigest()[:12]}  {mark}")
    if args.check and stale:
        print(f"{len(stale)} paper(s) out of date: run scripts/make_heldout3.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
