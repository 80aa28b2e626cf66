#!/usr/bin/env python3
"""Generate the second held-out set (``tests/heldout2/papers/``) from ``tests/heldout2/src/``.

The first held-out set (``tests/heldout/``) has been read by the parser
authors, so it no longer measures generalisation honestly. This second set is
written in templates neither it nor the demo corpus uses (side-by-side
attendance tables, minute numbers in a margin column, unnumbered bold item
headings, "DECIDED:" bullets, divisions with counts, a record of executive
decision, an agenda table with a "Page" column and a Part B, boxed cover
sheets, a KPI table with months across, "Direction of travel" and R/A/G
letters). Every council in it is invented. Do not tune parser rules on it.

The mark-up is ``scripts/make_corpus.py``'s, read by a subclass of its
``Layout`` with four more directives; text papers are made by
``make_heldout.text_paper`` ("===" lines become form feeds, leading "//" lines
are dropped):

    @indent MM            indent later paragraphs and list items by MM (0 resets)
    @margin LABEL | TEXT  a minute number in a left margin column, its bold title beside it
    @ruled                the next table has no heading row: a ruled box, first column bold
                          (a cover sheet drawn as a table)
    @top                  the next table is drawn as a word processor does: heading row, text left-
                          and top-aligned, **bold** allowed (minutes written as a table)
    <br>                  inside a table cell: a line break (a minute's title above its text)

``--check`` fails when the committed papers differ from what the sources make.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "heldout2" / "src"
PAPERS = ROOT / "tests" / "heldout2" / "papers"

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    from make_corpus import BODY_SIZE, LEFT, LINE, Layout, SourceError, latin1  # noqa: E402
    from make_heldout import build_from, write_or_check  # noqa: E402
    from fpdf.fonts import FontFace  # noqa: E402
except SystemExit as exc:  # make_corpus exits with a message when fpdf2 is missing
    raise SystemExit(f"make_heldout2.py: {exc}") from None

MARGIN = 28.0  # width (mm) of the minute-number column


@dataclass
class Layout2(Layout):
    """make_corpus's Layout plus an indent, a margin column for minute numbers and heading-less ruled tables."""

    indent: float = 0.0
    ruled: bool = False
    top: bool = False

    def paragraph(self, text: str, indent: float = 0.0, size: float = BODY_SIZE) -> None:
        super().paragraph(text, indent=indent + self.indent, size=size)

    def list_item(self, marker: str, text: str, level: int) -> None:
        pdf = self.pdf
        indent = self.indent + 4.0 + 10.0 * (level - 1)
        gap = 11.0 if len(marker) > 1 else 6.0
        y = pdf.get_y()
        pdf.set_font("Helvetica", "", BODY_SIZE)
        pdf.set_xy(LEFT + indent, y)
        pdf.cell(gap, LINE, marker)
        pdf.set_xy(LEFT + indent + gap, y)
        pdf.multi_cell(self.width - indent - gap, LINE, text, align="L", markdown=True,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.6)

    def margin_row(self, label: str, title: str) -> None:
        pdf = self.pdf
        y = pdf.get_y()
        pdf.set_font("Helvetica", "B", BODY_SIZE)
        pdf.set_xy(LEFT, y)
        pdf.cell(MARGIN, LINE, label)
        pdf.set_xy(LEFT + MARGIN, y)
        pdf.multi_cell(self.width - MARGIN, LINE, title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.0)

    def table(self, rows: list[list[str]]) -> None:
        rows = [[cell.replace("<br>", "\n") for cell in row] for row in rows]
        if not (self.ruled or self.top):
            super().table(rows)
            return
        pdf = self.pdf
        pdf.set_font("Helvetica", "", self.table_font)
        ncols = max(len(r) for r in rows)
        widths = self.widths or [self.width / ncols] * ncols
        if len(widths) != ncols:
            raise SourceError(f"{self.name}: @widths has {len(widths)} columns, the table {ncols}")
        pdf.set_x(LEFT)
        options: dict[str, Any] = dict(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT",
                                       line_height=self.table_font * 0.5, padding=1.5)
        if self.top:  # a document table as a word processor draws it: heading row, cells top-aligned
            options.update(first_row_as_headings=True, v_align="TOP", markdown=True,
                           headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)))
        else:
            options.update(first_row_as_headings=False)
        with pdf.table(**options) as table:
            for cells in rows:
                row = table.row()
                for i, text in enumerate(cells + [""] * (ncols - len(cells))):
                    row.cell(text, style=FontFace(emphasis="BOLD") if i == 0 and self.ruled else None)
        pdf.ln(3)
        self.widths = None
        self.table_font = 9
        self.ruled = self.top = False

    def feed(self, raw: str) -> None:
        text = latin1(raw.strip(), f"{self.name}:{self.lineno}")
        head, _, rest = text.partition(" ")
        if head == "@indent":
            self.flush()
            self.indent = float(rest)
        elif head == "@margin":
            self.flush()
            label, _, title = rest.partition("|")
            self.margin_row(label.strip(), title.strip())
        elif head == "@ruled":
            self.flush()
            self.ruled = True
        elif head == "@top":
            self.flush()
            self.top = True
        else:
            super().feed(raw)


def build() -> dict[Path, bytes]:
    """Every paper's bytes, keyed by its path under ``PAPERS``."""
    return build_from(SOURCES, PAPERS, Layout2, "council-extract held-out set 2 (fictional councils)")


def main(argv: list[str] | None = None) -> int:
    return write_or_check(argv, __doc__.split("\n\n")[0], "make_heldout2.py", build, PAPERS)


if __name__ == "__main__":
    sys.exit(main())
