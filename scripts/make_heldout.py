#!/usr/bin/env python3
"""Generate the held-out papers (``tests/heldout/papers/``) from ``tests/heldout/src/``.

The held-out set measures how the parsers generalise to templates they were
not written against: each paper copies the shape of a different kind of
authority (London borough, metropolitan borough, NHS board, combined
authority, town, parish, Welsh community and Scottish councils, fire
authority, district and county agendas, report cover sheets). Every council in
it is invented. Parser authors should not tune rules on these words: that
would turn the measuring stick into training data.

The PDF mark-up is the demo corpus's (see ``scripts/make_corpus.py``, whose
``Layout`` this script reuses, so both sets are laid out the same way and
byte-identical on every machine). Sources:

    NAME.pdf.src   laid out as NAME.pdf with make_corpus's mark-up
    NAME.txt.src   copied as NAME.txt, each line that is exactly "===" becoming
                   a form feed (a page break in the text page model); lines
                   starting "//" at the top of the file are comments, dropped

``--check`` fails when the committed papers differ from what the sources make.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "heldout" / "src"
PAPERS = ROOT / "tests" / "heldout" / "papers"

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    from make_corpus import Layout, SourceError  # noqa: E402
except SystemExit as exc:  # make_corpus exits with a message when fpdf2 is missing
    raise SystemExit(f"make_heldout.py: {exc}") from None


def text_paper(source: Path) -> bytes:
    """A ``.txt.src`` as the text paper: leading ``//`` comments dropped, ``===`` lines as form feeds."""
    lines = source.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    out: list[str] = []
    for line in lines:
        if line.strip() == "===":
            # the form feed replaces the line break before the next page's first line
            out.append("\f")
        else:
            out.append(line + "\n")
    return "".join(out).encode("utf-8")


def build_from(sources: Path, papers: Path, layout: Any, author: str) -> dict[Path, bytes]:
    """Every paper of a held-out set, keyed by its path under ``papers``: PDFs drawn by ``layout``
    from ``*.pdf.src``, text papers from ``*.txt.src``. The later sets reuse this."""
    outputs: dict[Path, bytes] = {}
    for src in sorted(sources.iterdir()):
        if src.name.endswith(".pdf.src"):
            name = src.name[: -len(".src")]
            drawn = layout(name=name)
            drawn.pdf.set_author(author)
            outputs[papers / name] = drawn.render(src)
        elif src.name.endswith(".txt.src"):
            outputs[papers / src.name[: -len(".src")]] = text_paper(src)
    return outputs


def build() -> dict[Path, bytes]:
    return build_from(SOURCES, PAPERS, Layout, "council-extract held-out set (fictional councils)")


def write_or_check(argv: list[str] | None, description: str, script: str, build_set: Callable[[], dict[Path, bytes]],
                   papers: Path) -> int:
    """The scripts' command line: write the papers that changed, or with --check only say which are stale."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--check", action="store_true", help="only check that the committed papers are up to date")
    args = ap.parse_args(argv)
    try:
        outputs = build_set()
    except SourceError as exc:
        print(f"{script}: {exc}", file=sys.stderr)
        return 2
    stale = [path for path, data in outputs.items() if not path.exists() or path.read_bytes() != data]
    if not args.check:
        papers.mkdir(parents=True, exist_ok=True)
        for path in stale:
            path.write_bytes(outputs[path])
    for path, data in outputs.items():
        mark = ("stale" if args.check else "written") if path in stale else "unchanged"
        print(f"{path.relative_to(ROOT)}  {len(data):>7} bytes  {hashlib.sha256(data).hexdigest()[:12]}  {mark}")
    if args.check and stale:
        print(f"{len(stale)} paper(s) out of date: run scripts/{script}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    return write_or_check(argv, __doc__.split("\n\n")[0], "make_heldout.py", build, PAPERS)


if __name__ == "__main__":
    sys.exit(main())
