"""The page model every later stage reads: a document is pages, a page is lines.

PDF, plain text and HTML all arrive here in the same shape, so parsers never
know which it was. Positions and font facts are ``None`` where the input has
none (text, HTML); parsers must work without them and use them where present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class Line:
    """One line of text in reading order, with where it sits and how it is set."""

    text: str
    x0: Optional[float] = None
    top: Optional[float] = None  # distance from the top of the page, in points
    x1: Optional[float] = None
    bottom: Optional[float] = None
    size: Optional[float] = None  # font size of the line's first run
    bold: bool = False
    # (x0, x1, text) of each run of text on the line, for column-aware parsers
    runs: Optional[list[tuple[float, float, str]]] = None


@dataclass
class Page:
    """A physical page (1-based ``number``) and what it says."""

    number: int
    lines: list[Line] = field(default_factory=list)
    width: Optional[float] = None
    height: Optional[float] = None
    printed_number: Optional[str] = None  # "9" from a "Page 9" or "- 9 -" footer
    stamps: list[str] = field(default_factory=list)  # "Agenda Item 7", "Appendix 2", ...
    text_source: str = "text_layer"  # text_layer | ocr | none
    ocr: Optional[dict[str, Any]] = None  # engine, confidence, ... where OCR ran
    has_images: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def facts(self) -> dict[str, Any]:
        """What the record keeps about the page (not its text)."""
        out: dict[str, Any] = {"page": self.number, "printed": self.printed_number,
                               "stamps": list(self.stamps), "text_source": self.text_source}
        if self.ocr:
            out["ocr"] = self.ocr
        return out


@dataclass
class Document:
    """A loaded file: its pages plus what we learned while loading it."""

    path: str
    sha256: str
    format: str  # pdf | text | html
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        from pathlib import Path

        return Path(self.path).name

    def lines(self) -> list[tuple[Page, Line]]:
        """Every line of the document with its page, in order."""
        return [(page, line) for page in self.pages for line in page.lines]

    @property
    def text(self) -> str:
        return "\n\f".join(page.text for page in self.pages)
