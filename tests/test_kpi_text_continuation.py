"""A text table's row label wrapped under its values line with a hanging indent (``text_tables.continuation``)."""

from __future__ import annotations

from typing import Optional

from extract.load.model import Document, Line, Page
from extract.parse.kpis import parse_kpis

LINES: list[tuple[str, Optional[float]]] = [
    ("31/3/2016   31/3/2017   Variance", 324.5),
    ("Section 6 All other payments   11,603   17,616   6,013", 72.4),
    ("The variance is explained by:", 72.1),
    ("Section 9 Total Fixed Assets plus long term   42,310   43,190   880", 72.4),
    ("Investments and assets", 111.3),
    ("Fixed Asset purchases as per attached", 73.0),
]


def _doc(lines: list[tuple[str, Optional[float]]]) -> Document:
    return Document(path="accounts.pdf", sha256="0", format="text",
                    pages=[Page(number=1, lines=[Line(text=t, x0=x) for t, x in lines])])


def test_indented_line_under_a_row_finishes_its_label() -> None:
    kpis = parse_kpis(_doc(LINES), [])
    labels = {k.indicator for k in kpis}
    assert labels == {"Section 6 All other payments",
                      "Section 9 Total Fixed Assets plus long term Investments and assets"}


def test_line_at_the_label_margin_is_not_a_continuation() -> None:
    flush = [(t, 72.4 if t.startswith("Investments") else x) for t, x in LINES]
    labels = {k.indicator for k in parse_kpis(_doc(flush), [])}
    assert "Section 9 Total Fixed Assets plus long term" in labels


def test_no_positions_no_continuation() -> None:
    labels = {k.indicator for k in parse_kpis(_doc([(t, None) for t, _ in LINES]), [])}
    assert "Section 9 Total Fixed Assets plus long term" in labels
