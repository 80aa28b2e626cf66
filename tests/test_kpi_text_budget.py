"""A budget table as US and UK finance reports set it out in text: headings that name a fiscal year among other
words ("FY 2020-21 Adopted"), one heading a gap-parted chunk, accounting blanks ("$ -") as cells."""

from __future__ import annotations

from pathlib import Path

from extract.load import load_document
from extract.load.model import Document, Line, Page
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.cells import column_kind, parse_cell
from extract.parse.kpis.text_tables import header_score

from pdfs import laid_out_pdf


def _row(*cells: tuple[float, str]) -> list[tuple[float, str, bool]]:
    return [(x, t, False) for x, t in cells]


TABLE = """Budget Summary

Fund   FY 2020-21 Adopted   FY 2021-22 Proposed   Change
General Fund   $ 1,234,567   $ 1,300,000   $ 65,433
Water Fund   $ -   $ 50,000   $ 50,000
Sewer Fund   $ 20,000   $ -   $ (20,000)"""


def _doc(text: str) -> Document:
    return Document(path="budget.pdf", sha256="0", format="text",
                    pages=[Page(number=1, lines=[Line(text=t) for t in text.split("\n")])])


def test_budget_headings_naming_a_fiscal_year() -> None:
    assert header_score("Fund   FY 2020-21 Adopted   FY 2021-22 Proposed   Change") >= 0.6
    warnings: list[str] = []
    kpis = parse_kpis(_doc(TABLE), warnings)
    got = [(k.indicator, k.column, k.value) for k in kpis]
    assert got == [("General Fund", "FY 2020-21 Adopted", 1234567.0), ("General Fund", "FY 2021-22 Proposed", 1300000.0),
                   ("General Fund", "Change", 65433.0),
                   ("Water Fund", "FY 2020-21 Adopted", None), ("Water Fund", "FY 2021-22 Proposed", 50000.0),
                   ("Water Fund", "Change", 50000.0),
                   ("Sewer Fund", "FY 2020-21 Adopted", 20000.0), ("Sewer Fund", "FY 2021-22 Proposed", None),
                   ("Sewer Fund", "Change", -20000.0)]
    assert not warnings
    assert {k.column_kind for k in kpis if k.column != "Change"} == {"budget"}


def test_accounting_blank_is_a_cell_without_a_value() -> None:
    for raw in ("$ -", "$-", "£ -"):
        cell = parse_cell(raw)
        assert cell.is_value and cell.value is None


def test_fiscal_year_is_no_place() -> None:
    assert column_kind("Fiscal Year 2021-22") == "period"


def test_one_heading_line_under_a_title() -> None:
    """A title line of heading words above the heading line: the heading line's gaps and words give the columns
    ("Q2 2024/25 Target" printed close together is two headings), the title is no heading."""
    text = """Performance Summary
Indicator   Q1 2024/25   Q2 2024/25 Target   RAG
% of calls answered   89%   94%   90%   Green
Complaints answered in time   71%   69%   85%   Red"""
    kpis = parse_kpis(_doc(text), [])
    assert [(k.column, k.raw, k.rag) for k in kpis if k.indicator == "% of calls answered"] == [
        ("Q1 2024/25", "89%", None), ("Q2 2024/25", "94%", "green"), ("Target", "90%", None)]


def test_currency_sign_printed_apart_from_its_amount(tmp_path: Path) -> None:
    """Accounting format: "$" at the left of the cell, the figure at its right; headings stacked over two lines
    with a units cell under one of them."""
    page = [_row((50, "Fiscal impact")), ("gap",),
            _row((220, "Adopted"), (350, "Proposed"), (470, "Change")),
            _row((50, "Fund"), (220, "FY 2020-21"), (350, "FY 2021-22"), (470, "%")),
            _row((50, "General Fund"), (220, "$"), (270, "1,234,567"), (350, "$"), (400, "1,300,000"), (480, "5.3%")),
            _row((50, "Water Fund"), (220, "$"), (300, "-"), (350, "$"), (410, "50,000"), (480, "n/a"))]
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "fiscal.pdf", [page])), [])
    assert [(k.indicator, k.column, k.raw, k.value) for k in kpis] == [
        ("General Fund", "Adopted FY 2020-21", "$ 1,234,567", 1234567.0),
        ("General Fund", "Proposed FY 2021-22", "$ 1,300,000", 1300000.0), ("General Fund", "Change", "5.3%", 5.3),
        ("Water Fund", "Adopted FY 2020-21", "$ -", None), ("Water Fund", "Proposed FY 2021-22", "$ 50,000", 50000.0),
        ("Water Fund", "Change", "n/a", None)]
