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
from .doubled import undouble
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
    __slots__ = ("x0", "top", "x1", "bottom", "text", "size", "bold", "first", "last")

    def __init__(self, x0: float, top: float, x1: float, bottom: float, text: str, size: float, bold: bool,
                 first: Optional[int] = None, last: Optional[int] = None) -> None:
        self.x0, self.top, self.x1, self.bottom = x0, top, x1, bottom
        self.text, self.size, self.bold = text, size, bold
        self.first, self.last = first, last  # pdfium's index of the run's first and last character, if known


def _runs(textpage: pdfium.PdfTextPage, height: float) -> list[_Run]:
    count = pdfium_c.FPDFText_CountRects(textpage, 0, -1)
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    name = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    chars = ctypes.create_string_buffer(_TEXT_BUFFER * 2)  # UTF-16LE, reused for every run
    chars_ptr = ctypes.cast(chars, ctypes.POINTER(ctypes.c_ushort))
    rects = []
    for index in range(count):
        pdfium_c.FPDFText_GetRect(textpage, index, left, top, right, bottom)
        rects.append((left.value, top.value, right.value, bottom.value))
    own = run_texts(textpage, rects)
    out = []
    for index, (l, t, r, b) in enumerate(rects):
        text, first, last = own[index] or (None, None, None)
        if text is None:  # no character's centre in the run (a degenerate box): what lies inside its bounds
            written = pdfium_c.FPDFText_GetBoundedText(textpage, l, t, r, b, chars_ptr, _TEXT_BUFFER)
            if written >= _TEXT_BUFFER - 1:  # a very long run: let pypdfium2 size the buffer
                text = textpage.get_text_bounded(l, b, r, t)
            else:
                text = chars.raw[: written * 2].decode("utf-16-le", errors="ignore").rstrip("\x00")
        text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-").replace("\ufffe", "-")
        text = undouble(text)
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
        out.append(_Run(l, height - t, r, height - b, text, round(size, 1), bold, first, last))
    return out


_LOOKAHEAD = 8  # runs ahead of the current one where a character's run is looked for first
_EDGE = 0.01  # points: a centre on a run's edge is inside it
_MARKER_ENDS = ".):;,"  # a run ending so before a word is a marker or a clause, not half a word


def _inside(rect: tuple[float, float, float, float], x: float, y: float) -> bool:
    left, top, right, bottom = rect
    return left - _EDGE <= x <= right + _EDGE and bottom - _EDGE <= y <= top + _EDGE


def run_texts(textpage: pdfium.PdfTextPage,
              rects: list[tuple[float, float, float, float]]) -> list[Optional[tuple[str, int, int]]]:
    """The text of each run (pdfium's rectangles, ``(left, top, right, bottom)``): the characters whose
    centre lies in it, each character in one run only, in reading order.

    Why not the text inside the rectangle's bounds (``FPDFText_GetBoundedText``): pdfium gives every
    character whose box touches the bounds, and the boxes of neighbouring runs often overlap by a fraction
    of a point (kerning, a superscript, letter-spaced or separately placed figures). The neighbour's edge
    character was then read twice, once in each run: "Tuesday 17th August 22021", "19:0000hrs",
    "Minutes from JJune", and dates and numbers no longer parse. The runs come in the order of the
    characters, so each character is looked for in the current run and the few after it. A space or line
    break in no run stays with the run before it; pdfium's line breaks are left out. Each run comes with
    the position of its first and last character in that stream, so the line builder can tell two runs
    pdfium reads as one word ("1", "7", "th": "17th"). A run no character's centre falls in is empty
    (overprinted copies of a run), or ``None`` when some character fell in no run (read by its bounds).
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    texts: list[list[tuple[int, str]]] = [[] for _ in rects]
    current = position = 0
    lost = False
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if not code or not rects:
            continue
        char = chr(code)
        if char in "\r\n":  # pdfium's own line break: our lines are built from the runs' positions
            continue
        position += 1
        if not pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top):
            continue
        x, y = (left.value + right.value) / 2, (bottom.value + top.value) / 2
        found = next((j for j in range(current, min(current + _LOOKAHEAD, len(rects))) if _inside(rects[j], x, y)),
                     None)
        if found is None and not char.isspace():
            found = next((j for j, rect in enumerate(rects) if _inside(rect, x, y)), None)
        if found is None:
            if char.isspace():
                texts[current].append((position, char))
            lost = lost or not char.isspace()
            continue
        current = max(current, found)
        texts[found].append((position, char))
    out: list[Optional[tuple[str, int, int]]] = []
    for chars in texts:
        inked = [i for i, c in chars if not c.isspace()]
        # a run whose characters all went to another (overprinted copies) is empty, unless some were lost
        out.append(("".join(c for _, c in chars), inked[0], inked[-1]) if inked else None if lost else ("", -1, -1))
    return out


def _join(previous: _Run, run: _Run, gap: float, em: float) -> str:
    """What stands between two runs of a line: a column gap, a space, or nothing.

    A wide gap is a column ("   "); a space either run carries is a space; runs that touch, or that
    pdfium reads as one word (the next character after the first run's last, with no space between:
    letter-spaced figures "1" "7", a superscript "th"), join with nothing; else a space.
    """
    if gap > 1.2 * em:
        return "   "
    if previous.text.endswith(" ") or run.text.startswith(" "):
        return " "
    adjacent = previous.last is not None and run.first == previous.last + 1
    if adjacent and previous.text[-1:] in _MARKER_ENDS and run.text[:1].isalpha():
        adjacent = False  # "1." "Introductions": a list marker and its first word
    return "" if gap < 0.1 * em or (adjacent and gap < 0.3 * em) else " "


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
                parts.append(_join(previous, run, gap, em))
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
