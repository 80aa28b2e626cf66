"""Plain text and Markdown -> pages.

The page model of a text file splits at form feeds, else after printed page
stamps ("Page 9" alone on a line, the footer of the page it ends); where neither
exists the whole text is one page. Text extracted from PDFs often keeps inline
tags (``<b>LABEL:</b>``) or Markdown emphasis (``**bold**``): they are dropped
from the text and kept as the line's ``bold`` flag, which parsers use for headings.
Markdown exported from web pages and note-taking tools carries more markup that
is not the paper's text: a YAML front-matter block (only its ``title`` is kept,
as the first line) and callout markers (``> [!abstract]- Present:`` reads
``Present:``). Table pipes are kept: the KPI and metric readers use them as cell
borders.
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
_MD_CALLOUT = re.compile(r"^\[![\w-]+\][+-]?\s*")
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
FRONT_MATTER_LINES = 40  # a front-matter block closes within this many lines, or it is text


def clean_line(raw: str) -> Line:
    """A text line without inline tags or Markdown emphasis, bold where it was marked so."""
    raw = _MD_QUOTE.sub("", raw)  # a Markdown quote block ("> Moved by ...") is text like any other
    callout = _MD_CALLOUT.match(raw)
    if callout:
        raw = f"**{raw[callout.end():]}**" if raw[callout.end():].strip() else ""  # a callout's title is a heading
    if "&" in raw and _ENTITY.search(raw):
        raw = html.unescape(raw)  # "1.&nbsp;&nbsp;Disclosures" in Markdown exported from a web page
    bold = bool(_BOLD_OPEN.match(raw)) or bool(_MD_HEADING.match(raw))
    text = _TAG.sub("", raw)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text).replace("**", "")  # a marker left unpaired by a table cell's end
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


def without_front_matter(text: str) -> str:
    """``text`` with a leading YAML front-matter block replaced by its ``title`` (a site's metadata, such as
    its publication date and categories, is not the paper's)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text
    for end in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[end].strip() == "---":
            block = lines[1:end]
            if not all(_FRONT_KEY.match(b) or b.startswith((" ", "-")) or not b.strip() for b in block):
                return text
            title = next((m.group("value").strip().strip("\"'") for m in map(_FRONT_KEY.match, block)
                          if m and m.group("key").lower() == "title"), "")
            return "\n".join(([title] if title else []) + lines[end + 1:])
    return text


_HTML_BLOCK = re.compile(r"<table\b.*?</table\s*>|<(?:p|div|ul|ol|h[1-6])\b[^>]*>.*?</(?:p|div|ul|ol|h[1-6])\s*>",
                         re.I | re.S)


def without_html_blocks(text: str) -> str:
    """Markdown exported from a web page keeps some of the page as HTML (a minutes table as
    ``<table><tr><td>1.</td><td>Apologies</td>...``): each such block becomes its text, a line per row
    and the cells set apart by spaces, as an HTML paper's would."""
    if "<" not in text or not _HTML_BLOCK.search(text):
        return text
    from .html import text_from_html

    return _HTML_BLOCK.sub(lambda m: "\n" + text_from_html(m.group(0)) + "\n", text)


def pages_from_text(text: str) -> list[Page]:
    return [Page(number=index + 1, lines=[clean_line(raw) for raw in raw_lines])
            for index, raw_lines in enumerate(split_pages(without_html_blocks(without_front_matter(text))))]
