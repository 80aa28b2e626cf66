"""HTML -> pages: the document's text without tags, scripts or site navigation.

Council sites wrap minutes in menus, headers, footers and cookie banners; those
elements are dropped whole, block elements become line breaks, and the text goes
through the plain-text page model (so form feeds or "Page N" footers still split it).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from .model import Page
from .text import pages_from_text

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "button", "svg", "template", "head"}
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
          "ul", "ol", "dt", "dd", "blockquote", "pre", "hr", "main", "title"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "th"}


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        role = dict(attrs).get("role") or ""
        if tag in _SKIP or role in ("navigation", "banner", "contentinfo"):
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag in ("td", "th"):
            self.parts.append("   ")
        if tag in _HEADING:
            self.parts.append("**")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in _HEADING:
            self.parts.append("**")
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(" ".join(data.split(" ")) if "\n" not in data else " ".join(data.split()))


def text_from_html(source: str) -> str:
    parser = _TextOf()
    parser.feed(source)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line not in ("****",))


def pages_from_html(source: str) -> list[Page]:
    return pages_from_text(text_from_html(source))
