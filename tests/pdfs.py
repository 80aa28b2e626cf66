"""The one way tests make PDFs: ``Paper`` writes a small paper with fpdf2 (lines, positioned text, ruled rows,
boxed tables, paragraphs), ``scan_of`` turns a PDF into a scan (page images, no text layer).

Each test says what its paper looks like in a few calls instead of driving fpdf2 itself, so the papers of
different tests are made the same way and read the same way by the loader. fpdf2 is a dev dependency:
a test that makes a PDF is skipped without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

import pytest


def _fpdf() -> Any:
    return pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the test PDFs")


class Paper:
    """A PDF being written: calls chain (``Paper().line("MINUTES", bold=True).line("Present: ...")``).

    ``unit`` is fpdf2's (mm, or pt for papers laid out by points); ``size`` the font size of plain text;
    ``page_breaks=False`` keeps long pages on one page (text placed with ``at`` past the foot stays)."""

    def __init__(self, orientation: str = "P", unit: str = "mm", size: float = 11, page_breaks: bool = True,
                 pages: bool = True) -> None:
        fpdf = _fpdf()
        self.pdf = fpdf.FPDF(orientation=orientation, unit=unit, format="A4")
        self.size = size
        if not page_breaks:
            self.pdf.set_auto_page_break(False)
        self.pdf.set_font("helvetica", size=size)
        if pages:
            self.page()

    def page(self, orientation: str = "") -> "Paper":
        self.pdf.add_page(orientation=orientation)
        return self

    def font(self, bold: bool = False, size: Optional[float] = None) -> "Paper":
        self.pdf.set_font("helvetica", style="B" if bold else "", size=size or self.size)
        return self

    def line(self, text: str, bold: bool = False, x: Optional[float] = None, height: float = 6,
             size: Optional[float] = None) -> "Paper":
        """One line of text across the page (from ``x`` if given), then the next line."""
        self.font(bold, size)
        if x is not None:
            self.pdf.set_x(x)
        self.pdf.cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
        return self

    def lines(self, texts: Sequence[str], height: float = 6) -> "Paper":
        """Lines; one starting with ``**`` is bold (the markers are not printed)."""
        for text in texts:
            self.line(text.strip("*"), bold=text.startswith("**"), height=height)
        return self

    def gap(self, height: float) -> "Paper":
        self.pdf.ln(height)
        return self

    def paragraph(self, text: str, height: float = 6, bold: bool = False) -> "Paper":
        """Text wrapped to the page width."""
        self.font(bold)
        self.pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
        return self

    def row(self, cells: Sequence[str], widths: Sequence[float], height: float = 8,
            fill: Optional[tuple[int, int, int]] = None) -> "Paper":
        """One row of ruled cells (a box round each; ``fill``: shaded in that colour), then the next row."""
        if fill:
            self.pdf.set_fill_color(*fill)
        for text, width in zip(cells, widths):
            self.pdf.cell(width, height, text, border=1, fill=bool(fill))
        self.pdf.ln(height)
        return self

    def rows(self, rows: Sequence[Sequence[str]], widths: Sequence[float], height: float = 8,
             fill: Optional[tuple[int, int, int]] = None) -> "Paper":
        for cells in rows:
            self.row(cells, widths, height, fill)
        return self

    def box(self, x: float, y: float, width: float, height: float) -> "Paper":
        """A ruled rectangle (a cell's rules drawn apart from its text)."""
        self.pdf.rect(x, y, width, height)
        return self

    def cell_at(self, x: float, y: float, width: float, text: str, height: float = 8, border: int = 1) -> "Paper":
        """One cell of ``width`` at (``x``, ``y``), ruled unless ``border=0``."""
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, height, text, border=border)
        return self

    def block_at(self, x: float, y: float, width: float, text: str, height: float = 6) -> "Paper":
        """Text wrapped to ``width`` at (``x``, ``y``), unruled (lines apart at ``\\n``)."""
        self.pdf.set_xy(x, y)
        self.pdf.multi_cell(width, height, text, border=0)
        return self

    def turned(self, x: float, y: float, text: str, angle: float = 90) -> "Paper":
        """``text`` with its baseline at (``x``, ``y``), turned anticlockwise by ``angle`` degrees round it."""
        with self.pdf.rotation(angle, x, y):
            self.pdf.text(x, y, text)
        return self

    def table(self, rows: Sequence[Sequence[str]], widths: Sequence[float], v_align: Optional[str] = None) -> "Paper":
        """A ruled table whose cells wrap their text (fpdf2's ``table``); ``v_align`` e.g. MIDDLE."""
        options: dict[str, Any] = {"col_widths": tuple(widths), "text_align": "LEFT"}
        if v_align:
            options["v_align"] = v_align
        with self.pdf.table(**options) as table:
            for cells in rows:
                row = table.row()
                for text in cells:
                    row.cell(text)
        return self

    def at(self, x: float, y: float, text: str, bold: bool = False, size: Optional[float] = None) -> "Paper":
        """``text`` placed at (``x``, ``y``) in the paper's unit."""
        self.font(bold, size)
        self.pdf.set_xy(x, y)
        self.pdf.cell(text=text)
        return self

    def on_baseline(self, x: float, y: float, text: str) -> "Paper":
        """``text`` written with its baseline at ``y`` (several calls with one ``y``: runs of one line)."""
        self.pdf.text(x, y, text)
        return self

    def image(self, path: Path, x: float, y: float, w: float) -> "Paper":
        self.pdf.image(str(path), x=x, y=y, w=w)
        return self

    def save(self, path: Path, password: Optional[str] = None) -> Path:
        if password:
            self.pdf.set_encryption(owner_password=password + "-owner", user_password=password)
        self.pdf.output(str(path))
        return path

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def text_pdf(path: Path, pages: Sequence[Sequence[str]] | Sequence[str], password: Optional[str] = None,
             size: float = 11, height: float = 6) -> Path:
    """A plain paper of lines (``**bold**``), one list of lines per page (or one list: one page)."""
    if pages and isinstance(pages[0], str):
        pages = [pages]  # type: ignore[list-item]
    paper = Paper(size=size, pages=False)
    for lines in pages:
        paper.page().lines(lines, height)  # type: ignore[arg-type]
    return paper.save(path, password)


def laid_out_pdf(path: Path, pages: Sequence[Sequence[Any]]) -> Path:
    """A paper whose rows are cells at x-positions (points): each page a list of rows; a row is a list of
    (x, text, bold) cells, or ("gap",) for extra space, or ("foot", cells) for a footer row at the foot."""
    paper = Paper(unit="pt", page_breaks=False, pages=False)
    for rows in pages:
        paper.page()
        y = 60.0
        for row in rows:
            if row == ("gap",):
                y += 10
                continue
            cells, size, top = row, 11, y
            if row[0] == "foot":
                cells, size, top = row[1], 8, 800
            for x, text, bold in cells:
                paper.at(x, top, text, bold, size)
            if row[0] != "foot":
                y += 16
    return paper.save(path)


def scan_of(source: Path, target: Path, dpi: int = 200, rotate: int = 0) -> Path:
    """``source`` as a scan: each page rendered to a grey image (turned by ``rotate`` degrees), no text layer."""
    import pypdfium2 as pdfium

    fpdf = _fpdf()
    rendered = pdfium.PdfDocument(str(source))
    scan = fpdf.FPDF(format="A4")
    for index in range(len(rendered)):
        image = rendered[index].render(scale=dpi / 72, grayscale=True).to_pil()
        if rotate:
            image = image.rotate(rotate, expand=True)
        image_path = target.parent / f"{target.stem}-{index}.png"
        image.save(image_path)
        scan.add_page(orientation="L" if rotate in (90, 270) else "P")
        scan.image(str(image_path), x=0, y=0, w=scan.w, h=scan.h)
    scan.output(str(target))
    return target


__all__ = ["Paper", "laid_out_pdf", "scan_of", "text_pdf"]
