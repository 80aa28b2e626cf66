"""pdfplumber's table finder fed from pypdfium2: edges and characters without pdfminer's page parse.

pdfplumber finds ruled tables from the page's edges (lines, rectangles and
curves of the drawing) and reads each cell's characters. To get those it has
pdfminer interpret the whole page content in Python, some 0.2 s a table page:
most of the cost of ``parse`` on a performance appendix. pdfium, in C, already
holds the same objects. ``PdfiumPage`` gives ``TableFinder`` and
``Table.extract`` exactly what they read of a pdfplumber page (``bbox``,
``edges``, ``chars``) built from pdfium's path objects and text page, with
pdfminer's rules for what counts as a line, a rectangle or a curve (so the
table logic, and what it finds, stays pdfplumber's). A page with too few
straight edges to hold a ruled table is known before any character is read.
"""

from __future__ import annotations

import ctypes
import re
from typing import Any, Iterator, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .cells import CellLines

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MIN_EDGES = 4  # a ruled grid of one cell needs two horizontal and two vertical edges
MAX_FORM_DEPTH = 8
TINY = 3.0  # points: pdfplumber's edge_min_length; a path smaller both ways makes no edge it keeps
DRAWING_SEGMENTS = 40  # a path of more segments than this in a small box is an icon, a logo or outlined text
DRAWING_BOX = 60.0  # points: "small" for such a path (a table's grid drawn as one path spans far more)
WORD_GAP_SHARE = 0.15  # of a character's box height: a gap this wide between letters is a word space
PLUMBER_X_TOLERANCE = 3.0  # points: pdfplumber's default gap before it starts a new word


def _mul(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF matrices, row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> Point:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _matrix(obj: Any) -> Matrix:
    fs = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, fs):
        return IDENTITY
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _drawing(obj: Any, left: Any, bottom: Any, right: Any, top: Any) -> bool:
    """A path that cannot hold a table's rules: smaller both ways than an edge pdfplumber keeps, or many segments
    in a small box (slides draw text and icons as outlines: thousands of curves a page). Leaving them out may
    move pdfplumber's snapping of nearby edges by a fraction of a point; it saves reading every segment."""
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return False
    width, height = right.value - left.value, top.value - bottom.value
    if width < TINY and height < TINY:
        return True
    return width < DRAWING_BOX and height < DRAWING_BOX and pdfium_c.FPDFPath_CountSegments(obj) > DRAWING_SEGMENTS


def _objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every path object of the page with its matrix to page space, forms unfolded; drawings left out."""
    box = [ctypes.c_float() for _ in range(4)]
    stack: list[tuple[Any, bool, Matrix, int]] = [(page, True, IDENTITY, 0)]
    while stack:
        parent, is_page, outer, depth = stack.pop()
        count = pdfium_c.FPDFPage_CountObjects(parent) if is_page else pdfium_c.FPDFFormObj_CountObjects(parent)
        for i in range(count):
            obj = pdfium_c.FPDFPage_GetObject(parent, i) if is_page else pdfium_c.FPDFFormObj_GetObject(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if _drawing(obj, *box):
                    continue
                yield obj, _mul(_matrix(obj), outer)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                stack.append((obj, False, _mul(_matrix(obj), outer), depth + 1))


def _subpaths(obj: Any, m: Matrix) -> Iterator[tuple[str, list[Point]]]:
    """(shape, points) per subpath, as pdfminer's ``paint_path`` sees them: one letter per operator (m, l, c,
    h), one end point per operator ('h' repeats the start), in page space (origin bottom left)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    pts: list[Point] = []
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = _apply(m, x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), pts
            shape, pts, bezier = ["m"], [point], 0
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:  # two control points, then the end point
                continue
            shape.append("c")
            pts.append(point)
        else:
            shape.append("l")
            pts.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        yield "".join(shape), pts


def _edges_of(shape: str, pts: list[Point], height: float) -> list[dict[str, Any]]:
    """pdfminer's reading of one subpath (line, rectangle or curve) as pdfplumber's edges, top-down."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant "l" closing the path
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    flipped = [(px, height - py) for px, py in pts]
    if shape in ("ml", "mlh"):
        (x0, t0), (x1, t1) = flipped[0], flipped[1]
        top, bottom = min(t0, t1), max(t0, t1)
        return [_edge("line", min(x0, x1), max(x0, x1), top, bottom, "h" if top == bottom else "v")]
    if shape in ("mlllh", "mllll") and len(pts) == 5:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            left, right = min(x0, x2), max(x0, x2)
            top, bottom = height - max(y0, y2), height - min(y0, y2)
            return [_edge("rect_edge", left, right, top, top, "h"), _edge("rect_edge", left, right, bottom, bottom, "h"),
                    _edge("rect_edge", left, left, top, bottom, "v"), _edge("rect_edge", right, right, top, bottom, "v")]
    out = []
    for (ax, at), (bx, bt) in zip(flipped, flipped[1:]):
        orientation = "v" if ax == bx else ("h" if at == bt else None)
        out.append(_edge("curve_edge", min(ax, bx), max(ax, bx), min(at, bt), max(at, bt), orientation))
    return out


def _edge(kind: str, x0: float, x1: float, top: float, bottom: float, orientation: Optional[str]) -> dict[str, Any]:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def page_edges(page: pdfium.PdfPage) -> list[dict[str, Any]]:
    """The page's straight edges as pdfplumber's ``page.edges`` lists them (top-down coordinates)."""
    height = page.get_height()
    edges: list[dict[str, Any]] = []
    for obj, m in _objects(page.raw):
        for shape, pts in _subpaths(obj, m):
            if re.fullmatch(r"m[lch]+", shape):
                edges.extend(_edges_of(shape, pts, height))
    return edges


def page_chars(page: pdfium.PdfPage, bbox: Optional[tuple[float, float, float, float]] = None) -> list[dict[str, Any]]:
    """The characters pdfplumber's ``Table.extract`` reads (text, box top-down, upright, size), only those whose
    centre lies in ``bbox`` (x0, top, x1, bottom) when given; the spaces and line breaks pdfium makes up are left
    out, as pdfminer has none."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        buffer = (ctypes.c_ushort * (count + 1))()
        written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer) if count else 0
        units = list(buffer[:count])
        if written - 1 != count:  # characters beyond the basic plane: ask pdfium one by one
            units = [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(count)]
        rect = pdfium_c.FS_RECTF()
        fs = pdfium_c.FS_MATRIX()
        out: list[dict[str, Any]] = []
        for i, code in enumerate(units):
            if code in (0, 10, 13) or (code == 32 and pdfium_c.FPDFText_IsGenerated(raw, i) == 1):
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            x0, x1 = rect.left, rect.right
            top, bottom = height - rect.top, height - rect.bottom
            if bbox is not None:
                cx, cy = (x0 + x1) / 2, (top + bottom) / 2
                if not (bbox[0] <= cx < bbox[2] and bbox[1] <= cy < bbox[3]):
                    continue
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            upright, turned = True, ""
            if pdfium_c.FPDFText_GetMatrix(raw, i, fs):
                upright = abs(fs.b) < 1e-6 and abs(fs.c) < 1e-6 and fs.a * fs.d > 0
                turned = "" if upright else ("ccw" if fs.b > 0 else "cw")
            if x1 < x0:
                x0, x1 = x1, x0
            if bottom < top:
                top, bottom = bottom, top
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            text = "-" if code in (2, 0xFFFE) else (chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd")
            out.append({"object_type": "char", "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                        "doctop": top, "width": x1 - x0, "height": bottom - top, "upright": upright,
                        "size": size, "fontname": "", "turned": turned})
        return out
    finally:
        textpage.close()


class PdfiumPage:
    """The part of a ``pdfplumber.page.Page`` that ``TableFinder`` and ``Table.extract`` read, from pdfium.

    Characters are read only when a table asks for them, and only inside the tables found."""

    def __init__(self, page: pdfium.PdfPage, edges: Optional[list[dict[str, Any]]] = None) -> None:
        self._page = page
        width, height = page.get_size()
        self.width, self.height = float(width), float(height)
        self.bbox = (0.0, 0.0, self.width, self.height)
        self.edges = page_edges(page) if edges is None else edges
        self._chars: Optional[list[dict[str, Any]]] = None
        self._region: Optional[tuple[float, float, float, float]] = None

    def limit_chars_to(self, bbox: tuple[float, float, float, float]) -> None:
        """Read characters only inside ``bbox`` (the union of the tables found), the first time they are asked."""
        self._region = bbox

    @property
    def chars(self) -> list[dict[str, Any]]:
        if self._chars is None:
            self._chars = page_chars(self._page, self._region)
        return self._chars

    def ruled(self) -> bool:
        """Enough straight edges for pdfplumber's 'lines' strategy to find a grid."""
        h = sum(1 for e in self.edges if e["orientation"] == "h")
        v = sum(1 for e in self.edges if e["orientation"] == "v")
        return h >= 2 and v >= 2 and h + v >= MIN_EDGES


def find_tables(page: pdfium.PdfPage, settings: Optional[dict[str, Any]] = None) -> list[list[list[Optional[str]]]]:
    """pdfplumber's ``page.find_tables()`` then ``table.extract()``, on pdfium's objects: rows of cell texts, per
    table, top to bottom; with their bounding boxes from ``find_table_boxes``."""
    return [rows for _, rows in find_table_boxes(page, settings)]


def find_table_boxes(page: pdfium.PdfPage, settings: Optional[dict[str, Any]] = None, spaced: bool = False
                     ) -> list[tuple[tuple[float, float, float, float], list[list[Optional[str]]]]]:
    """((x0, top, x1, bottom), rows) of every table pdfplumber's finder sees on the page; ``spaced``: word gaps
    judged by the type size (``word_tolerance``) instead of pdfplumber's fixed 3 points."""
    from pdfplumber.table import TableFinder

    plumber = PdfiumPage(page)
    if not plumber.ruled():
        return []
    finder = TableFinder(plumber, settings)  # type: ignore[arg-type]  # duck-typed page: bbox, edges, chars
    if not finder.tables:
        return []
    boxes = [t.bbox for t in finder.tables]
    plumber.limit_chars_to((min(b[0] for b in boxes), min(b[1] for b in boxes),
                            max(b[2] for b in boxes), max(b[3] for b in boxes)))
    return [(tuple(map(float, t.bbox)), extract(t, plumber.chars, spaced))  # type: ignore[misc]
            for t in finder.tables]


ROTATED = {"ccw": {"char_dir_rotated": "btt", "line_dir_rotated": "ltr"},  # read bottom to top
           "cw": {"char_dir_rotated": "ttb", "line_dir_rotated": "rtl"}}  # read top to bottom


def _turn(chars: list[dict[str, Any]]) -> Optional[str]:
    """"ccw" or "cw" for a cell of turned text (most of its characters), else None."""
    turned = [c.get("turned") for c in chars if not c["upright"]]
    if not turned or len(turned) < len(chars) / 2:
        return None
    return "ccw" if turned.count("ccw") >= turned.count("cw") else "cw"


def word_tolerance(chars: list[dict[str, Any]]) -> float:
    """The gap between two characters above which they belong to two words, for this cell's type size.

    pdfplumber starts a new word at a gap of 3 points whatever the size. A PDF that places its words without
    space characters (word processors' tables often do) leaves only the gap itself, and at 11 points that gap
    is some 2.4 points: "BALANCE B/F" read as "BALANCEB/F", a label no reader would print. Letters of one
    word sit a few hundredths of their height apart; a space is a fifth of the height or more."""
    heights = sorted(c["height"] for c in chars if c["height"] > 0)
    if not heights:
        return PLUMBER_X_TOLERANCE
    return min(PLUMBER_X_TOLERANCE, WORD_GAP_SHARE * heights[len(heights) // 2])


def spaced_text(chars: list[dict[str, Any]]) -> CellLines:
    """``extract_text`` (words, then lines clustered by their top within 3 points) with the word gap of
    ``word_tolerance``, and each line's top kept."""
    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import WordExtractor, get_line_cluster_key

    words = WordExtractor(x_tolerance=word_tolerance(chars)).extract_words(chars)  # type: ignore[arg-type]
    lines = cluster_objects(words, get_line_cluster_key("ttb"), 3)
    text = "\n".join(" ".join(w["text"] for w in line) for line in lines)
    return CellLines.of(text, tuple((min(float(w["top"]) for w in line), max(float(w["bottom"]) for w in line))
                                    for line in lines))


def _cell_text(chars: list[dict[str, Any]], spaced: bool = False) -> str:
    """A cell's text as pdfplumber reads it; turned text (a heading set sideways to fit a narrow column) read
    the way it is turned: anticlockwise reads bottom to top, its lines left to right; pdfplumber would print
    an anticlockwise "Target" as "tegraT" and put the words of one line on lines of their own."""
    from pdfplumber.utils import extract_text
    from pdfplumber.utils.text import WordExtractor

    turn = _turn(chars)
    if turn is None:
        return spaced_text(chars) if spaced else extract_text(chars)
    words = WordExtractor(**ROTATED[turn]).extract_words([c for c in chars if not c["upright"]])  # type: ignore[arg-type]
    sign = 1 if turn == "ccw" else -1
    words.sort(key=lambda w: (sign * round(w["x0"] / 3), -sign * w["bottom"]))
    lines: list[list[str]] = []
    last: Optional[float] = None
    for word in words:
        if last is None or abs(word["x0"] - last) > 3:
            lines.append([])
        lines[-1].append(word["text"])
        last = word["x0"]
    return "\n".join(" ".join(line) for line in lines)


def extract(table: Any, chars: list[dict[str, Any]], spaced: bool = False) -> list[list[Optional[str]]]:
    """``Table.extract()`` with the same rule (a character belongs to the cell holding its centre) and the same
    text assembly (``pdfplumber.utils.extract_text``), but each character is placed by bisection instead of
    testing every character against every row and cell, and turned text is read the way it is turned."""
    from bisect import bisect_left

    placed = sorted((((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, i) for i, c in enumerate(chars)))
    mids = [p[0] for p in placed]
    out: list[list[Optional[str]]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        in_row = [p for p in placed[bisect_left(mids, top):bisect_left(mids, bottom)] if x0 <= p[1] < x1]
        in_row.sort(key=lambda p: p[2])  # document order, as pdfplumber keeps it
        cells: list[Optional[str]] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            cell_chars = [chars[p[2]] for p in in_row if cx0 <= p[1] < cx1 and ctop <= p[0] < cbottom]
            cells.append(_cell_text(cell_chars, spaced) if cell_chars else "")
        out.append(cells)
    return out
