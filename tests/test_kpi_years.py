"""Statistics tables with years as columns: the heading line of years is headings, not a row of values
(``text_tables.years_heading``), in text and in ruled tables."""

from __future__ import annotations

from pathlib import Path

from extract.load import load_document
from extract.load.model import Document, Line, Page
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.text_tables import years_heading

from pdfs import Paper

ROWS = [("Area", "2019", "2020", "2021"), ("Northtown", "1,234", "1,250", "1,301"),
        ("Southville", "2,001", "2,010", "1,999")]
WANT = [("Northtown", "2019", "1,234", "2019"), ("Northtown", "2020", "1,250", "2020"),
        ("Northtown", "2021", "1,301", "2021"), ("Southville", "2019", "2,001", "2019"),
        ("Southville", "2020", "2,010", "2020"), ("Southville", "2021", "1,999", "2021")]


def test_years_heading() -> None:
    assert years_heading(["2019", "2020", "2021"]) and years_heading(["2021/22", "2022/23"])
    assert years_heading(["2011", "2021"]) and years_heading(["2024", "2023", "2022"])
    assert not years_heading(["2019", "2021", "2020"]) and not years_heading(["2,019", "2,020"])
    assert not years_heading(["1,234", "1,250"]) and not years_heading(["2019"])


def test_text_table_with_years_as_columns() -> None:
    lines = ["Table 2: Population", "   ".join(ROWS[0])] + ["   ".join(r) for r in ROWS[1:]]
    doc = Document(path="stats.pdf", sha256="0", format="text",
                   pages=[Page(number=1, lines=[Line(text=t) for t in lines])])
    assert [(k.indicator, k.column, k.raw, k.period) for k in parse_kpis(doc, [])] == WANT


def test_ruled_table_with_years_as_columns(tmp_path: Path) -> None:
    path = Paper(size=10).line("Table 2: Population").rows(ROWS, [50, 30, 30, 30]).save(tmp_path / "years.pdf")
    assert [(k.indicator, k.column, k.raw, k.period) for k in parse_kpis(load_document(path), [])] == WANT
