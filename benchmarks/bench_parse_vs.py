"""Whole ``parse`` of the shared PDFs by this build against another build, measured in the same run.

    .venv/bin/python benchmarks/bench_parse_vs.py OTHER_CLI [--repeat N]

OTHER_CLI is another build's ``council-extract`` executable (e.g. a worktree of
the tag ``baseline-before-generalisation`` with its own venv). Each PDF in
``../shared/pdfs`` is parsed by both (``parse FILE --json``, a process each,
alternating so a busy machine slows both alike), best of N per file, and the
ratio of the summed times is printed. The structure issue's goal: this build is
no more than 20% slower (ratio <= 1.2).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "pdfs"
GOAL = 1.2


def timed(cli: str, paper: Path) -> Optional[float]:
    """Seconds for ``cli parse paper``; None when it refuses the paper (not a PDF, say)."""
    start = time.perf_counter()
    run = subprocess.run([cli, "parse", str(paper), "--json"], capture_output=True)
    return time.perf_counter() - start if run.returncode == 0 else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("other", help="the other build's council-extract executable")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    papers = sorted(PDFS.glob("*.pdf"))
    if not papers:
        print(f"no PDFs in {PDFS}: this benchmark needs ../shared beside the project", file=sys.stderr)
        return 2
    ours = str(ROOT / ".venv" / "bin" / "council-extract")
    mine = theirs = 0.0
    timed_papers = 0
    for paper in papers:
        a, b = [], []
        for _ in range(args.repeat):
            a.append(timed(ours, paper))
            b.append(timed(args.other, paper))
        if None in a or None in b:
            print(f"{paper.name:60} skipped: refused by {'this build' if None in a else 'the other build'}")
            continue
        mine, theirs, timed_papers = mine + min(a), theirs + min(b), timed_papers + 1  # type: ignore[type-var]
        print(f"{paper.name:60} {min(a):6.2f}s  other {min(b):6.2f}s")  # type: ignore[type-var]
    ratio = mine / theirs
    print(f"this build / other build: {ratio:.2f} (goal <= {GOAL}) over {timed_papers} PDFs")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
