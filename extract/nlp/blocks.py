"""pages -> blocks: paragraphs, bullets and headings in reading order.

Actions and metrics are quoted as a bullet or a sentence "on one line", so the
text layer's wrapped lines are first joined back into the units a reader sees.
A block ends at a blank line (text files), a vertical gap wider than the line
spacing (PDFs), a bullet marker, a numbered paragraph, or a heading-like line.
Markdown table rows are split into their cells (each cell is its own block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..load.model import Document, Line
from ..parse.text.wrapping import join_wrapped

BULLET = re.compile(r"^\s*(?:[•●▪■◦○·\-–*]|\uf0b7|\uf0a7|o(?=\s))\s+")
NUMBERED = re.compile(r"^\s*(?:\(?\d{1,4}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+|\(?[a-z]{1,3}\)|\(?[ivx]{1,5}\))\s+(?=\S)", re.I)
TERMINAL = re.compile(r"[.!?;:)\"”’]\s*$")
PAGE_NUMBER = re.compile(r"\s+\d{1,3}\s*$")
ACTION_LINE = re.compile(r"^\s*actions?\s*:", re.I)  # "ACTION: Clerk to write": one action per line
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


@dataclass
class Block:
    """A paragraph, bullet or heading joined onto one line, with where it starts."""

    text: str
    page: int
    bullet: bool = False
    numbered: bool = False
    heading: bool = False
    lines: list[str] = field(default_factory=list)
    indent: Optional[float] = None

    @property
    def words(self) -> int:
        return len(self.text.split())


def looks_like_heading(text: str, bold: bool = False) -> bool:
    """A short line without closing punctuation: "Next Steps", "Analysis", "RAG: Amber"."""
    text = text.strip()
    if not text or BULLET.match(text):
        return False
    words = text.split()
    if bold and len(words) <= 14 and not text.endswith((".", ",")):
        return True
    return len(words) <= 9 and not TERMINAL.search(text.rstrip("?")) and len(text) <= 70 or (
        text.endswith("?") and len(words) <= 12)


def _gap(prev: Line, line: Line) -> Optional[float]:
    if prev.bottom is None or line.top is None or prev.top is None:
        return None
    return line.top - prev.bottom


def document_blocks(doc: Document) -> list[Block]:
    """Every block of the document in reading order."""
    blocks: list[Block] = []
    for page in doc.pages:
        blocks.extend(page_blocks(page.lines, page.number))
    return merge_continuations(blocks)


def page_blocks(lines: list[Line], page: int) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    heights = sorted((ln.bottom - ln.top) for ln in lines if ln.top is not None and ln.bottom is not None
                     and ln.bottom > ln.top)
    height = heights[len(heights) // 2] if heights else None

    def flush() -> None:
        if current:
            block = _make_block(current, page)
            if block.text:
                blocks.append(block)
            current.clear()

    prev: Optional[Line] = None
    for line in lines:
        raw = line.text
        if not raw.strip():
            flush()
            prev = None
            continue
        if TABLE_RULE.match(raw) and "|" in raw:
            flush()
            prev = line
            continue
        if TABLE_ROW.match(raw):
            flush()
            for cell in raw.strip().strip("|").split("|"):
                if cell.strip():
                    blocks.append(Block(text=join_wrapped([cell]), page=page, lines=[cell.strip()]))
            prev = line
            continue
        starts_item = bool(BULLET.match(raw) or NUMBERED.match(raw) or ACTION_LINE.match(raw))
        if current and prev is not None:
            gap = _gap(prev, line)
            wide = gap is not None and height is not None and gap > 0.9 * height
            font_change = line.bold != prev.bold and (looks_like_heading(raw, line.bold)
                                                      or looks_like_heading(prev.text, prev.bold))
            if starts_item or wide or font_change:
                flush()
        current.append(line)
        prev = line
    flush()
    return blocks


def _make_block(lines: list[Line], page: int) -> Block:
    first = lines[0].text
    bullet = bool(BULLET.match(first))
    numbered = not bullet and bool(NUMBERED.match(first))
    parts = [ln.text for ln in lines]
    if bullet:
        parts[0] = BULLET.sub("", parts[0], count=1)
    elif numbered:
        parts[0] = NUMBERED.sub("", parts[0], count=1)
    text = join_wrapped(parts)
    if len(text.split()) > 3 and TERMINAL.search(PAGE_NUMBER.sub("", text)) and PAGE_NUMBER.search(text):
        text = PAGE_NUMBER.sub("", text)  # a page number printed at the end of the paragraph's last line
    heading = (not bullet and not numbered and len(lines) == 1 and looks_like_heading(text, lines[0].bold)
               and not ACTION_LINE.match(first))
    return Block(text=text, page=page, bullet=bullet, numbered=numbered, heading=heading,
                 lines=[ln.text for ln in lines], indent=lines[0].x0)


def merge_continuations(blocks: list[Block]) -> list[Block]:
    """Glue back a bullet's tail that a blank line or a page break cut off ("... learning from" + "audits to be ...")."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (prev is not None and not block.bullet and not block.numbered and not prev.heading
                and not TERMINAL.search(prev.text)
                and (block.text[:1].islower() or (prev.bullet and block.words <= 3 and block.text.endswith(".")))):
            prev.text = join_wrapped([prev.text, block.text])
            prev.lines.extend(block.lines)
            continue
        out.append(block)
    return out
