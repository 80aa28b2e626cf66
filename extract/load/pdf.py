"""PDF -> pages, reading the text layer with pypdfium2.

pypdfium2 reads text some 50 times faster than pdfplumber, so it is the loader;
pdfplumber opens a page only where its table finder is needed (``parse.kpis``).
pdfium's text page gives rectangles, one per run of text on a line; we rebuild
lines by grouping runs whose vertical extents overlap and ordering them left to
right, so table rows stay on one line. Each page is closed as soon as it is
read, so memory stays flat in document length.
"""

from __future__ import annotations

import ctypes
from typing import Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import UnreadableInput
from .model import Line, Page

_BOLD_WEIGHT = 600
_FONT_NAME_BUFFER = 128
_TEXT_BUFFER = 4096  # characters; one run of text is almost always far shorter


def open_pdf(path: str, password: Optional[str] = None) -> pdfium.PdfDocument:
    """Open a PDF or raise ``UnreadableInput`` saying why (encrypted, corrupt)."""
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            if password:
                raise UnreadableInput(path, "wrong password for this encrypted PDF", "check --password") from exc
            raise UnreadableInput(path, "encrypted PDF", "pass --password to open it, or remove it from the batch") from exc
        if "format" in text or "file" in text:
            raise UnreadableInput(path, "corrupt or truncated PDF (pdfium cannot read its structure)",
                                  "download it again or remove it from the batch") from exc
        raise UnreadableInput(path, f"unreadable PDF ({exc})", "remove it from the batch") from exc


def read_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    """The lines of one page (0-based ``index``), closing pdfium's objects afterwards."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = _runs(textpage, height)
        finally:
            textpage.close()
        # images matter only where text is missing (scan or blank?): skip the object walk otherwise
        has_images = sum(len(r.text.strip()) for r in runs) < 200 and any(
            obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=1))
    finally:
        page.close()
    return Page(number=index + 1, lines=_lines(runs), width=width, height=height, has_images=has_images)


class _Run:
    __slots__ = ("x0", "top", "x1", "bottom", "text", "size", "bold")

    def __init__(self, x0: float, top: float, x1: float, bottom: float, text: str, size: float, bold: bool) -> None:
        self.x0, self.top, self.x1, self.bottom = x0, top, x1, bottom
        self.text, self.size, self.bold = text, size, bold


def _runs(textpage: pdfium.PdfTextPage, height: float) -> list[_Run]:
    count = pdfium_c.FPDFText_CountRects(textpage, 0, -1)
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    name = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    chars = ctypes.create_string_buffer(_TEXT_BUFFER * 2)  # UTF-16LE, reused for every run
    chars_ptr = ctypes.cast(chars, ctypes.POINTER(ctypes.c_ushort))
    out = []
    for index in range(count):
        pdfium_c.FPDFText_GetRect(textpage, index, left, top, right, bottom)
        l, t, r, b = left.value, top.value, right.value, bottom.value
        written = pdfium_c.FPDFText_GetBoundedText(textpage, l, t, r, b, chars_ptr, _TEXT_BUFFER)
        if written >= _TEXT_BUFFER - 1:  # a very long run: let pypdfium2 size the buffer
            text = textpage.get_text_bounded(l, b, r, t)
        else:
            text = chars.raw[: written * 2].decode("utf-16-le", errors="ignore").rstrip("\x00")
        text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-").replace("\ufffe", "-")
        if not text.strip():
            continue
        char = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, (l + r) / 2, (t + b) / 2, max(1.0, (r - l) / 2), max(1.0, (t - b) / 2))
        size, bold = 0.0, False
        if char >= 0:
            size = pdfium_c.FPDFText_GetFontSize(textpage, char)
            bold = pdfium_c.FPDFText_GetFontWeight(textpage, char) >= _BOLD_WEIGHT
            if not bold and pdfium_c.FPDFText_GetFontInfo(textpage, char, name, _FONT_NAME_BUFFER, flags):
                font = name.value.decode("latin-1", "replace").lower()
                bold = "bold" in font or "black" in font or "heavy" in font
        if size < 4.0:  # a scaled text matrix makes pdfium report a nominal size of 1: use the run's height
            size = t - b
        out.append(_Run(l, height - t, r, height - b, text, round(size, 1), bold))
    return out


def _lines(runs: list[_Run]) -> list[Line]:
    """Group runs into lines: runs overlapping vertically by half their height share a line."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        placed = False
        for row in reversed(rows[-3:]):
            ref = row[0]
            overlap = min(ref.bottom, run.bottom) - max(ref.top, run.top)
            shortest = max(1e-6, min(ref.bottom - ref.top, run.bottom - run.top))
            if overlap / shortest >= 0.5:
                row.append(run)
                placed = True
                break
        if not placed:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        parts: list[str] = []
        previous: Optional[_Run] = None
        for run in row:
            text = run.text.strip()
            if previous is not None:
                gap = run.x0 - previous.x1
                em = max(previous.size, run.size, 4.0)
                parts.append("   " if gap > 1.2 * em else ("" if gap < 0.1 * em and not previous.text.endswith(" ") else " "))
            parts.append(text)
            previous = run
        first = row[0]
        lines.append(Line(
            text="".join(parts),
            x0=round(first.x0, 1), top=round(min(r.top for r in row), 1),
            x1=round(max(r.x1 for r in row), 1), bottom=round(max(r.bottom for r in row), 1),
            size=first.size or None, bold=all(r.bold for r in row if r.text.strip()),
            runs=[(round(r.x0, 1), round(r.x1, 1), r.text.strip()) for r in row],
        ))
    return lines
