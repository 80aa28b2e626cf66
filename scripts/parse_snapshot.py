"""Save ``council-extract parse --json`` of the shared PDFs and dev-train papers, or diff two such saves.

    .venv/bin/python scripts/parse_snapshot.py save DIR [--cli PATH]
    .venv/bin/python scripts/parse_snapshot.py diff BEFORE AFTER

Why: a change meant to make parsing faster must not change what is read. Save
the outputs from the code before the change and from the code after it, then
``diff`` says which files differ (and where first), exit status 1 if any do.
The papers are the dev-train bodies of ``tests/gold/papers/split.json`` only:
dev-test papers are never opened here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def inputs() -> list[Path]:
    """Every PDF in ../shared/pdfs and every dev-train paper (by split.json, so no dev-test file is listed)."""
    split = json.loads((ROOT / "tests" / "gold" / "papers" / "split.json").read_text(encoding="utf-8"))
    papers = [SHARED / "papers" / name for names in split["dev_train"].values() for name in names]
    pdfs = sorted((SHARED / "pdfs").glob("*.pdf"))
    return pdfs + sorted(p for p in papers if p.exists())


def save(folder: Path, cli: Path) -> None:
    """Run the CLI on every input, one at a time, and write ``NAME.json`` (stdout) or ``NAME.err`` (a failure)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in inputs():
        start = time.perf_counter()
        run = subprocess.run([str(cli), "parse", "--json", "--timeout", "0", str(path)],
                             capture_output=True, text=True, cwd=ROOT)
        name = f"{path.parent.name}__{path.name}"
        if run.returncode == 0:
            (folder / f"{name}.json").write_text(run.stdout, encoding="utf-8")
        else:
            (folder / f"{name}.err").write_text(f"exit {run.returncode}\n{run.stdout}", encoding="utf-8")
        print(f"{time.perf_counter() - start:6.1f}s exit {run.returncode} {name}", flush=True)


def first_difference(a: str, b: str) -> str:
    """The first differing line of two outputs, to say where to look."""
    for number, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
        if x != y:
            return f"line {number}: {x.strip()[:80]!r} != {y.strip()[:80]!r}"
    return "one output is a prefix of the other"


def diff(before: Path, after: Path) -> int:
    """Compare two saves file by file; 1 if any output differs or is missing."""
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    bad = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"MISSING {name} in {'before' if not a.exists() else 'after'}")
            bad += 1
            continue
        x, y = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        if x != y:
            print(f"DIFFERS {name}: {first_difference(x, y)}")
            bad += 1
    print(f"{len(names) - bad} of {len(names)} outputs identical")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "save":
        cli = Path(argv[argv.index("--cli") + 1]) if "--cli" in argv else ROOT / ".venv" / "bin" / "council-extract"
        save(Path(argv[1]), cli)
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
