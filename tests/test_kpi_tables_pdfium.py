"""pdfplumber's table algorithm fed from pypdfium2 (``parse.kpis.pdfium_page``): the same tables as pdfplumber on
pdfminer's parse of the page, read without it; turned headings read the way they are turned."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.load import load_document
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.pdf_tables import _clean, likely_table_page

from conftest import SHARED
from pdfs import Paper

RULED = [("Indicator", "Q1 2024/25", "Q2 2024/25", "Target", "RAG"),
         ("% of calls answered", "89%", "94%", "90%", "GREEN"),
         ("Complaints answered in time", "(1,234)", "71%", "85%", "Red"),
         ("Spend (£m)", "12.3", "N/A", "TBC", "")]


def _ruled_pdf(path: Path) -> None:
    (Paper(size=10).line("Performance Summary", height=8).rows(RULED, [60, 30, 30, 25, 25]).gap(6)
     .rows([("Budget £m", "Forecast £m", "Variance £m"), ("512.3", "530.1", "17.8")], [40, 40, 40],
           fill=(230, 230, 230))  # filled cells
     .save(path))


def _same_as_pdfplumber(path: Path, pages: list[int]) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    from extract.parse.kpis.pdfium_page import find_table_boxes

    plumber = pdfplumber.open(path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in pages:
            page = plumber.pages[number - 1]
            expected = [(t.bbox, _clean(t.extract())) for t in page.find_tables()]
            got = find_table_boxes(pdf[number - 1])
            assert [_clean(rows) for _, rows in got] == [rows for _, rows in expected], f"page {number}"
            for (box, _), (want, _) in zip(got, expected):  # pdfium's coordinates are floats, pdfminer's doubles
                assert all(abs(a - b) < 0.25 for a, b in zip(box, want)), (number, box, want)
    finally:
        plumber.close()
        pdf.close()


def test_same_tables_as_pdfplumber(tmp_path: Path) -> None:
    path = tmp_path / "ruled.pdf"
    _ruled_pdf(path)
    _same_as_pdfplumber(path, [1])


@pytest.mark.parametrize("name", ["kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf",
                                  "kent_cabinet_2025-01-30_finance_monitoring_q3.pdf"])
def test_same_tables_as_pdfplumber_on_real_reports(name: str) -> None:
    path = SHARED / "pdfs" / name
    if not path.exists():
        pytest.skip("../shared not present")
    pages = [p.number for p in load_document(path, ocr="never").pages if likely_table_page(p)][:12]
    assert pages
    _same_as_pdfplumber(path, pages)


def test_no_ruled_edges_no_character_read(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from extract.parse.kpis.pdfium_page import PdfiumPage

    path = Paper(size=10).paragraph("Performance improved in the quarter: 89% of calls answered against a target "
                                    "of 90%.").save(tmp_path / "prose.pdf")
    page = PdfiumPage(pdfium.PdfDocument(str(path))[0])
    assert page.edges == [] and not page.ruled()


def _turned_pdf(path: Path) -> None:
    """Column headings set sideways (anticlockwise) in a ruled table, as performance appendices print them."""
    paper = Paper(size=9)
    x0, y0, hh = 15, 20, 30
    widths = [70, 20, 20, 20, 20]
    paper.box(x0, y0, widths[0], hh).cell_at(x0, y0 + hh - 8, widths[0], "Indicator", border=0)
    x = x0 + widths[0]
    for heading, width in zip(["Q1 2024/25", "Q2 2024/25", "Target", "England"], widths[1:]):
        paper.box(x, y0, width, hh).turned(x + width / 2 + 2, y0 + hh - 2, heading)
        x += width
    y = y0 + hh
    for row in (["% of calls answered", "89%", "94%", "90%", "88%"], ["Complaints answered in time", "71%", "69%", "85%", "80%"]):
        x = x0
        for text, width in zip(row, widths):
            paper.cell_at(x, y, width, text)
            x += width
        y += 8
    paper.save(path)


def test_turned_headings(tmp_path: Path) -> None:
    path = tmp_path / "turned.pdf"
    _turned_pdf(path)
    kpis = parse_kpis(load_document(path), [])
    calls = [(k.column, k.raw, k.column_kind, k.period) for k in kpis if k.indicator == "% of calls answered"]
    assert calls == [("Q1 2024/25", "89%", "period", "2024/25 Q1"), ("Q2 2024/25", "94%", "period", "2024/25 Q2"),
                     ("Target", "90%", "target", None), ("England", "88%", "comparator", None)]
