"""A budget table as US and UK finance reports set it out in text: headings that name a fiscal year among other
words ("FY 2020-21 Adopted"), one heading a gap-parted chunk, accounting blanks ("$ -") as cells."""

from __future__ import annotations

from extract.load.model import Document, Line, Page
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.cells import column_kind, parse_cell
from extract.parse.kpis.text_tables import header_score

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
