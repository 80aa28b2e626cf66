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

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "heldout3" / "src"
PAPERS = ROOT / "tests" / "heldout3" / "papers"

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    from make_heldout import build_from, write_or_check  # noqa: E402
    from make_heldout2 import Layout2  # noqa: E402
except SystemExit as exc:  # make_corpus exits with a message when fpdf2 is missing
    raise SystemExit(f"make_heldout3.py: {exc}") from None


def build() -> dict[Path, bytes]:
    """Every paper's bytes, keyed by its path under ``PAPERS``."""
    return build_from(SOURCES, PAPERS, Layout2, "council-extract held-out set 3 (fictional councils)")


def main(argv: list[str] | None = None) -> int:
    return write_or_check(argv, __doc__.split("\n\n")[0], "make_heldout3.py", build, PAPERS)


if __name__ == "__main__":
    sys.exit(main())
