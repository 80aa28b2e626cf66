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

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "pdfs"
GOAL = 1.2


def timed(cli: str, paper: Path) -> float:
    start = time.perf_counter()
    run = subprocess.run([cli, "parse", str(paper), "--json"], capture_output=True)
    if run.returncode != 0:
        raise SystemExit(f"{cli} parse {paper.name} failed: {run.stderr.decode(errors='replace')[-300:]}")
    return time.perf_counter() - start


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
    for paper in papers:
        a, b = [], []
        for _ in range(args.repeat):
            a.append(timed(ours, paper))
            b.append(timed(args.other, paper))
        mine, theirs = mine + min(a), theirs + min(b)
        print(f"{paper.name:60} {min(a):6.2f}s  other {min(b):6.2f}s")
    ratio = mine / theirs
    print(f"this build / other build: {ratio:.2f} (goal <= {GOAL}) over {len(papers)} PDFs")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
