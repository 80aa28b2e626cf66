#!/usr/bin/env python3
"""Generate the demo corpus (``corpus/``) and the hostile fixtures (``tests/fixtures/``).

The papers belong to Wexcombe Borough Council, a council that does not exist.
Their words live in ``corpus_src/`` as one small marked-up text file per paper,
so they can be read, diffed and corrected without touching layout code; this
script only lays them out as A4 PDFs with fpdf2. The outputs are committed, so
``make run`` and the tests never need to generate anything.

Why core fonts (Helvetica) rather than a TTF: they need no font file on the
machine, and the PDFs stay small and identical everywhere. Core fonts are
latin-1 only, so the sources are written in latin-1 characters ("-" for dashes,
straight quotes, "£" is fine); ``latin1()`` below refuses anything else with the
file and line, instead of letting fpdf2 fail somewhere in the middle.

The creation date is fixed and fpdf2 writes no random file id unless asked, so
running the script twice gives byte-identical files (``--check`` verifies the
committed files are up to date without writing).

Source mark-up (one directive per line; a blank line ends a paragraph):

    === [landscape]            start a new page
    @stamp TEXT                bold stamp at the top right ("Agenda Item 3")
    @header TEXT               small running header at the top left
    @footer TEXT               footer, centred; "LEFT || RIGHT" puts text at both ends
    @space MM                  vertical space
    @title TEXT                bold 16pt, centred
    # TEXT / ## TEXT / ### TEXT   bold headings: 14pt centred, 12pt left, 11pt left
    : LABEL | VALUE            cover-sheet row: bold label column, wrapped value
    + MARKER TEXT              hanging list item ("+ (a) That ...", "+ 3. The ...", "+ - bullet")
    ++ MARKER TEXT             the same, one level deeper
    @agenda NUM | TITLE | PAGES   a front-sheet agenda row (PAGES may be empty)
    > TEXT                     indented paragraph (an agenda item's description)
    @widths W1,W2,...          column widths (mm) for the next table
    @font SIZE                 font size for the next table (default 9)
    | CELL | CELL | ...        table row; the first row of a table is its heading row
    anything else              paragraph text; **bold** spans allowed

Text papers (``*.txt`` in corpus_src) are copied as they are: they are the paper.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

try:
    from fpdf import FPDF, __version__ as FPDF_VERSION
    from fpdf.fonts import FontFace
except ImportError:  # pragma: no cover - a clear message instead of a traceback
    sys.exit("make_corpus.py needs fpdf2: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "corpus_src"
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_SOURCES = SOURCES / "fixtures"

CREATED = datetime(2024, 12, 9, 9, 0, 0, tzinfo=timezone.utc)
LEFT, RIGHT, TOP, BOTTOM = 20.0, 20.0, 18.0, 22.0
BODY_SIZE = 11
LINE = 5.6  # line height (mm) for 11pt body text
RAG_FILL = {"RED": (230, 110, 100), "AMBER": (250, 196, 90), "GREEN": (130, 200, 120)}


class SourceError(Exception):
    """A problem in a corpus_src file, named by file and line."""


def latin1(text: str, where: str) -> str:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise SourceError(f"{where}: character {bad!r} (U+{ord(bad):04X}) is not latin-1; core fonts cannot print it. "
                          "Write '-' for dashes and straight quotes.") from None
    return text


@dataclass
class PageState:
    stamp: str | None = None
    header: str | None = None
    footer: str | None = None
    landscape: bool = False


@dataclass
class Layout:
    """Turns the mark-up of one paper into pages of an FPDF document."""

    name: str
    pdf: FPDF = field(init=False)
    page: PageState = field(default_factory=PageState)
    widths: list[float] | None = None
    table_font: float = 9
    table_rows: list[list[str]] = field(default_factory=list)
    para: list[str] = field(default_factory=list)
    lineno: int = 0

    def __post_init__(self) -> None:
        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(LEFT, TOP, RIGHT)
        self.pdf.set_creation_date(CREATED)
        self.pdf.set_creator("council-extract scripts/make_corpus.py")
        self.pdf.set_producer(f"fpdf2 {FPDF_VERSION}")  # the tests compare bytes only under the same version
        self.pdf.set_author("Wexcombe Borough Council (fictional)")
        self.pdf.set_title(self.name)
        self.pdf.c_margin = 1.0

    # -- page handling -------------------------------------------------
    @property
    def width(self) -> float:
        return self.pdf.w - LEFT - RIGHT

    def new_page(self, landscape: bool) -> None:
        self.flush()
        if self.pdf.page:
            self.finish_page()
        self.page = PageState(landscape=landscape)
        self.pdf.add_page(orientation="L" if landscape else "P")
        self.pdf.set_y(TOP + 6)

    def finish_page(self) -> None:
        """Draw the page furniture (stamp, header, footer) and check nothing ran off the page."""
        pdf = self.pdf
        if pdf.get_y() > pdf.h - BOTTOM:
            raise SourceError(f"{self.name}: page {pdf.page} overflows ({pdf.get_y():.0f} mm > "
                              f"{pdf.h - BOTTOM:.0f} mm); move a '===' page break up")
        if self.page.stamp:
            pdf.set_font("Helvetica", "B", 10)
            pdf.set_xy(pdf.w - RIGHT - 60, 8)
            pdf.cell(60, 5, self.page.stamp, align="R")
        if self.page.header:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(LEFT, 8)
            pdf.cell(100, 5, self.page.header)
        if self.page.footer:
            pdf.set_font("Helvetica", "", 9)
            left, sep, right = self.page.footer.partition("||")
            y = pdf.h - 14
            if sep:
                pdf.set_xy(LEFT, y)
                pdf.cell(self.width / 2, 5, left.strip())
                pdf.set_xy(LEFT + self.width / 2, y)
                pdf.cell(self.width / 2, 5, right.strip(), align="R")
            else:
                pdf.set_xy(LEFT, y)
                pdf.cell(self.width, 5, self.page.footer.strip(), align="C")

    # -- blocks ----------------------------------------------------------
    def flush(self) -> None:
        if self.para:
            self.paragraph(" ".join(self.para))
            self.para = []
        if self.table_rows:
            self.table(self.table_rows)
            self.table_rows = []

    def paragraph(self, text: str, indent: float = 0.0, size: float = BODY_SIZE) -> None:
        pdf = self.pdf
        pdf.set_font("Helvetica", "", size)
        pdf.set_x(LEFT + indent)
        pdf.multi_cell(self.width - indent, LINE, text, align="L", markdown=True,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.2)

    def heading(self, text: str, size: float, align: str) -> None:
        pdf = self.pdf
        pdf.set_font("Helvetica", "B", size)
        pdf.set_x(LEFT)
        pdf.multi_cell(self.width, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)

    def cover_row(self, label: str, value: str) -> None:
        pdf = self.pdf
        label_w = 52
        y = pdf.get_y()
        pdf.set_font("Helvetica", "B", BODY_SIZE)
        pdf.set_xy(LEFT, y)
        pdf.multi_cell(label_w, LINE, label, align="L", new_x="LMARGIN", new_y="NEXT")
        y_label = pdf.get_y()
        pdf.set_font("Helvetica", "", BODY_SIZE)
        pdf.set_xy(LEFT + label_w, y)
        pdf.multi_cell(self.width - label_w, LINE, value, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(y_label, pdf.get_y()) + 2.0)

    def list_item(self, marker: str, text: str, level: int) -> None:
        pdf = self.pdf
        indent = 4.0 + 10.0 * (level - 1)
        gap = 11.0 if len(marker) > 1 else 6.0
        y = pdf.get_y()
        pdf.set_font("Helvetica", "", BODY_SIZE)
        pdf.set_xy(LEFT + indent, y)
        pdf.cell(gap, LINE, marker)
        pdf.set_xy(LEFT + indent + gap, y)
        pdf.multi_cell(self.width - indent - gap, LINE, text, align="L", markdown=True,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.6)

    def agenda_row(self, number: str, title: str, pages: str) -> None:
        pdf = self.pdf
        y = pdf.get_y()
        pdf.set_font("Helvetica", "B", BODY_SIZE)
        pdf.set_xy(LEFT, y)
        pdf.cell(12, LINE, number)
        pdf.set_xy(LEFT + 12, y)
        pdf.multi_cell(self.width - 12 - 34, LINE, title, align="L", new_x="LMARGIN", new_y="NEXT")
        end = pdf.get_y()
        if pages:
            pdf.set_font("Helvetica", "", BODY_SIZE)
            pdf.set_xy(LEFT + self.width - 32, y)
            pdf.cell(32, LINE, pages, align="R")
        pdf.set_y(end + 1.5)

    def table(self, rows: list[list[str]]) -> None:
        pdf = self.pdf
        pdf.set_font("Helvetica", "", self.table_font)
        ncols = max(len(r) for r in rows)
        widths = self.widths or [self.width / ncols] * ncols
        if len(widths) != ncols:
            raise SourceError(f"{self.name}: @widths has {len(widths)} columns, the table {ncols}")
        pdf.set_x(LEFT)
        align = ["LEFT"] + ["CENTER"] * (ncols - 1)
        with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align=align,
                       line_height=self.table_font * 0.5, first_row_as_headings=True,
                       headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
                       padding=1.2) as table:
            for cells in rows:
                row = table.row()
                for text in cells + [""] * (ncols - len(cells)):
                    fill = RAG_FILL.get(text.strip().upper())
                    if fill and cells is not rows[0]:
                        row.cell(text, style=FontFace(fill_color=fill, emphasis="BOLD"))
                    else:
                        row.cell(text)
        pdf.ln(3)
        self.widths = None
        self.table_font = 9

    # -- the mark-up ------------------------------------------------------
    def feed(self, raw: str) -> None:
        line = latin1(raw.rstrip("\n"), f"{self.name}:{self.lineno}")
        text = line.strip()
        if not text or text.startswith("//"):
            self.flush()
            return
        if text.startswith("|"):
            if self.para:
                self.flush()
            self.table_rows.append([c.strip() for c in text.strip("|").split("|")])
            return
        self.flush()
        head, _, rest = text.partition(" ")
        rest = rest.strip()
        if head == "===":
            self.new_page(landscape="landscape" in rest)
        elif head == "@stamp":
            self.page.stamp = rest
        elif head == "@header":
            self.page.header = rest
        elif head == "@footer":
            self.page.footer = rest
        elif head == "@space":
            self.pdf.ln(float(rest))
        elif head == "@title":
            self.heading(rest, 16, "C")
        elif head == "#":
            self.heading(rest, 14, "C")
        elif head == "##":
            self.heading(rest, 12, "L")
        elif head == "###":
            self.heading(rest, 11, "L")
        elif head == ":":
            label, _, value = rest.partition("|")
            self.cover_row(label.strip(), value.strip())
        elif head in ("+", "++"):
            marker, _, item = rest.partition(" ")
            self.list_item(marker, item.strip(), len(head))
        elif head == "@agenda":
            number, title, pages = (p.strip() for p in (rest.split("|") + ["", ""])[:3])
            self.agenda_row(number, title, pages)
        elif head == ">":
            self.paragraph(rest, indent=12)
        elif head == "@widths":
            self.widths = [float(w) for w in rest.split(",")]
        elif head == "@font":
            self.table_font = float(rest)
        elif head.startswith("@"):
            raise SourceError(f"{self.name}:{self.lineno}: unknown directive {head}")
        else:
            self.para.append(text)

    def render(self, source: Path) -> bytes:
        for self.lineno, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            self.feed(raw)
        self.flush()
        if not self.pdf.page:
            raise SourceError(f"{source}: no '===' page")
        self.finish_page()
        return bytes(self.pdf.output())


def build(sources: Path, out_dir: Path) -> dict[Path, bytes]:
    """Every paper of ``sources`` as (output path, bytes): ``.pdf.src`` files laid out, ``.txt`` copied."""
    outputs: dict[Path, bytes] = {}
    for src in sorted(sources.iterdir()):
        if src.name.endswith(".pdf.src"):
            name = src.name[: -len(".src")]
            outputs[out_dir / name] = Layout(name=name).render(src)
        elif src.suffix == ".txt":
            outputs[out_dir / src.name] = src.read_bytes()
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the committed files are up to date")
    args = ap.parse_args(argv)
    try:
        outputs = build(SOURCES, CORPUS) | build(FIXTURE_SOURCES, FIXTURES)
    except SourceError as exc:
        print(f"make_corpus.py: {exc}", file=sys.stderr)
        return 2
    stale = []
    for path, data in outputs.items():
        current = path.read_bytes() if path.exists() else None
        if current == data:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path, data in outputs.items():
        mark = "stale" if path in stale and args.check else ("written" if path in stale else "unchanged")
        print(f"{path.relative_to(ROOT)}  {len(data):>7} bytes  {hashlib.sha256(data).hexdigest()[:12]}  {mark}")
    if args.check and stale:
        print(f"{len(stale)} file(s) out of date: run `make corpus`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
