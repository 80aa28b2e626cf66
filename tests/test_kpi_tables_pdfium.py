"""pdfplumber's table algorithm fed from pypdfium2 (``parse.kpis.pdfium_page``): the same tables as pdfplumber on
pdfminer's parse of the page, read without it; turned headings read the way they are turned."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.load import load_document
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.pdf_tables import _clean, likely_table_page

from conftest import SHARED

RULED = [("Indicator", "Q1 2024/25", "Q2 2024/25", "Target", "RAG"),
         ("% of calls answered", "89%", "94%", "90%", "GREEN"),
         ("Complaints answered in time", "(1,234)", "71%", "85%", "Red"),
         ("Spend (£m)", "12.3", "N/A", "TBC", "")]


def _ruled_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 8, "Performance Summary", new_x="LMARGIN", new_y="NEXT")
    for row in RULED:
        for text, width in zip(row, [60, 30, 30, 25, 25]):
            pdf.cell(width, 8, text, border=1)
        pdf.ln(8)
    pdf.ln(6)
    pdf.set_fill_color(230, 230, 230)
    for row in (("Budget £m", "Forecast £m", "Variance £m"), ("512.3", "530.1", "17.8")):  # filled cells
        for text in row:
            pdf.cell(40, 8, text, border=1, fill=True)
        pdf.ln(8)
    pdf.output(str(path))


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

    path = tmp_path / "prose.pdf"
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Performance improved in the quarter: 89% of calls answered against a target of 90%.")
    pdf.output(str(path))
    page = PdfiumPage(pdfium.PdfDocument(str(path))[0])
    assert page.edges == [] and not page.ruled()


def _turned_pdf(path: Path) -> None:
    """Column headings set sideways (anticlockwise) in a ruled table, as performance appendices print them."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    x0, y0, hh = 15, 20, 30
    widths = [70, 20, 20, 20, 20]
    pdf.rect(x0, y0, widths[0], hh)
    pdf.set_xy(x0, y0 + hh - 8)
    pdf.cell(widths[0], 8, "Indicator")
    x = x0 + widths[0]
    for heading, width in zip(["Q1 2024/25", "Q2 2024/25", "Target", "England"], widths[1:]):
        pdf.rect(x, y0, width, hh)
        with pdf.rotation(90, x + width / 2 + 2, y0 + hh - 2):
            pdf.text(x + width / 2 + 2, y0 + hh - 2, heading)
        x += width
    y = y0 + hh
    for row in (["% of calls answered", "89%", "94%", "90%", "88%"], ["Complaints answered in time", "71%", "69%", "85%", "80%"]):
        x = x0
        for text, width in zip(row, widths):
            pdf.set_xy(x, y)
            pdf.cell(width, 8, text, border=1)
            x += width
        y += 8
    pdf.output(str(path))


def test_turned_headings(tmp_path: Path) -> None:
    path = tmp_path / "turned.pdf"
    _turned_pdf(path)
    kpis = parse_kpis(load_document(path), [])
    calls = [(k.column, k.raw, k.column_kind, k.period) for k in kpis if k.indicator == "% of calls answered"]
    assert calls == [("Q1 2024/25", "89%", "period", "2024/25 Q1"), ("Q2 2024/25", "94%", "period", "2024/25 Q2"),
                     ("Target", "90%", "target", None), ("England", "88%", "comparator", None)]
