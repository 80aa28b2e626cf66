"""Plain text and Markdown -> pages.

The page model of a text file splits at form feeds, else after printed page
stamps ("Page 9" alone on a line, the footer of the page it ends); where neither
exists the whole text is one page. Text extracted from PDFs often keeps inline
tags (``<b>LABEL:</b>``) or Markdown emphasis (``**bold**``): they are dropped
from the text and kept as the line's ``bold`` flag, which parsers use for headings.
"""

from __future__ import annotations

import html
import re

from .model import Line, Page
from .stamps import printed_page_number

_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|font|br|sup|sub)\b[^>]*>", re.I)
_BOLD_OPEN = re.compile(r"^\s*(?:<(?:b|strong)\b[^>]*>|\*\*|__)", re.I)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def clean_line(raw: str) -> Line:
    """A text line without inline tags or Markdown emphasis, bold where it was marked so."""
    raw = _MD_QUOTE.sub("", raw)  # a Markdown quote block ("> Moved by ...") is text like any other
    if "&" in raw and _ENTITY.search(raw):
        raw = html.unescape(raw)  # "1.&nbsp;&nbsp;Disclosures" in Markdown exported from a web page
    bold = bool(_BOLD_OPEN.match(raw)) or bool(_MD_HEADING.match(raw))
    text = _TAG.sub("", raw)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = text.replace("\t", "   ").replace("\u00a0", " ").rstrip()
    return Line(text=text, bold=bold)


def split_pages(text: str) -> list[list[str]]:
    """Raw lines per page, by form feeds, else by printed page stamps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        chunks = text.split("\f")
        if chunks and not chunks[-1].strip():
            chunks.pop()
        return [chunk.split("\n") for chunk in chunks] or [[]]
    pages: list[list[str]] = [[]]
    for raw in text.split("\n"):
        pages[-1].append(raw)
        if printed_page_number(raw) is not None and raw.strip().lower().startswith(("page", "-")):
            pages.append([])
    if len(pages) > 1 and not any(s.strip() for s in pages[-1]):
        pages.pop()
    return pages


def pages_from_text(text: str) -> list[Page]:
    return [Page(number=index + 1, lines=[clean_line(raw) for raw in raw_lines])
            for index, raw_lines in enumerate(split_pages(text))]
