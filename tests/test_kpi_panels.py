"""Finance tables as parish councils print them in one ruled box: panels side by side under spanning headings
(``parse.kpis.panels``), and words placed without space characters (``pdfium_page.word_tolerance``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.load import load_document
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.panels import heading_spans, split_panels
from extract.parse.kpis.pdfium_page import _cell_text, word_tolerance

from pdfs import Paper

GRID: list[list[Any]] = [
    ["MAIN ACCOUNT", None, "", "PLAYGROUND ACCOUNT", None],
    ["", "£s", "", "", "£s"],
    ["BALANCE B/F", "8,645.50", "", "BALANCE B/F", "5,290.33"],
    ["INCOME", "9,633.40", "", "INCOME", "138,547.61"],
    ["EXPENDITURE BREAKDOWN", None, None, "", "EXP. BREAKDOWN", None],
    ["SUBSCRIPTIONS", None, "£130.00", "", "GROUNDWORKS", "£1,574.76"],
]


def test_heading_spans_need_two_spanning_headings() -> None:
    assert heading_spans(GRID[0]) == [(0, 1), (3, 4)]
    assert heading_spans(["Budget", "Forecast", "Variance"]) == []  # one column each: ordinary headings
    assert heading_spans(["2023/24", None, "2024/25", None]) != []  # spans, but only panels if labelled below
    assert heading_spans(["Total", None, "1,200", None]) == []  # a value is no heading


def test_split_panels_one_table_per_span() -> None:
    parts = split_panels(GRID)
    assert parts[0] == [["", "MAIN ACCOUNT"], ["", "£s"], ["BALANCE B/F", "8,645.50"], ["INCOME", "9,633.40"]]
    assert parts[1][0] == ["", "PLAYGROUND ACCOUNT"] and parts[1][3] == ["INCOME", "138,547.61"]
    assert parts[2] == [["", "", "EXPENDITURE BREAKDOWN"], ["SUBSCRIPTIONS", None, "£130.00"]]
    assert parts[3] == [["", "EXP. BREAKDOWN"], ["GROUNDWORKS", "£1,574.76"]]


def test_spanning_years_over_unlabelled_columns_stay_one_table() -> None:
    grid = [["", "2023/24", None, "2024/25", None], ["Spend", "10", "12", "11", "13"]]
    assert split_panels(grid) == [grid]


def _char(text: str, x0: float, width: float = 6.0, height: float = 11.0) -> dict[str, Any]:
    return {"object_type": "char", "text": text, "x0": x0, "x1": x0 + width, "top": 100.0, "bottom": 100.0 + height,
            "doctop": 100.0, "width": width, "height": height, "upright": True, "size": 1.0, "fontname": "",
            "turned": ""}


def test_words_placed_without_spaces_keep_their_gap() -> None:
    """11-point words 2.4 points apart, no space character between them: pdfplumber's fixed 3-point tolerance
    runs them together; judged by the type size they stay two words."""
    chars, x = [], 72.0
    for word in ("BALANCE", "B/F"):
        for letter in word:
            chars.append(_char(letter, x))
            x += 6.0
        x += 2.4
    assert _cell_text(chars) == "BALANCEB/F"
    assert _cell_text(chars, spaced=True) == "BALANCE B/F"
    assert word_tolerance(chars) < 2.4 and word_tolerance([]) == 3.0


def test_pdf_panels_under_spanning_headings(tmp_path: Path) -> None:
    paper = Paper(size=10)
    x0, y, w = 20, 20, 35
    paper.cell_at(x0, y, 2 * w, "MAIN ACCOUNT").cell_at(x0 + 2 * w, y, 2 * w, "PLAYGROUND ACCOUNT")
    for row in (["INCOME", "9,633.40", "INCOME", "138,547.61"], ["EXPENDITURE", "10,763.03", "EXPENDITURE", "134,719.50"]):
        y += 8
        for k, text in enumerate(row):
            paper.cell_at(x0 + k * w, y, w, text)
    path = paper.save(tmp_path / "panels.pdf")
    kpis = parse_kpis(load_document(path), [])
    got = {(k.indicator, k.column, k.raw) for k in kpis}
    assert got == {("INCOME", "MAIN ACCOUNT", "9,633.40"), ("EXPENDITURE", "MAIN ACCOUNT", "10,763.03"),
                   ("INCOME", "PLAYGROUND ACCOUNT", "138,547.61"),
                   ("EXPENDITURE", "PLAYGROUND ACCOUNT", "134,719.50")}


def test_wrapped_description_rows_are_no_panel_headings() -> None:
    """A row under a merged cell (first cell ``None``) holding two wrapped texts continues an item above it."""
    grid = [["YEAR", "PROJECT", None, "ESTIMATE", "METHOD", None],
            ["2026", "Alsace Road", None, "$300,000", "Grant/Reserves", None],
            [None, "(reconstruction/pulverize)", None, "", "AMP Table 3.6", None],
            [None, "Engineer, Dig and Replace", None, "$1,000,000", "Grant", None]]
    assert split_panels(grid) == [grid]


def test_grid_of_word_scraps_is_no_table() -> None:
    from extract.parse.kpis.pdf_tables import is_fragmented

    slide = [["", "C", "o", "vid", "-1", "9", "kill", "e"], ["", "C", "o", "ve", "ntr", "y", "Bli", "tz"],
             ["", "N", "o", "ve", "m", "be", "r 1", "9"]]
    assert is_fragmented(slide)
    table = [["Indicator", "Q1", "Q2", "Target", "RAG"], ["Calls answered", "89%", "94%", "90%", "G"],
             ["Complaints in time", "71%", "69%", "85%", "R"]]
    assert not is_fragmented(table)


def test_reference_codes_beside_indicator_names(tmp_path: Path) -> None:
    """'PI 01' files the row; 'Calls answered in 60s' names it."""
    rows = [("Ref", "Indicator", "Target", "Actual", "RAG"), ("PI 01", "Calls answered in 60s", "90%", "94%", "G"),
            ("PI 02", "Complaints closed on time", "85%", "71%", "R")]
    path = Paper(size=9).line("Performance", height=8).rows(rows, [20, 60, 20, 20, 15]).save(tmp_path / "codes.pdf")
    got = [(k.indicator, k.column, k.raw, k.rag) for k in parse_kpis(load_document(path), [])]
    assert got == [("Calls answered in 60s", "Target", "90%", None), ("Calls answered in 60s", "Actual", "94%", "green"),
                   ("Complaints closed on time", "Target", "85%", None),
                   ("Complaints closed on time", "Actual", "71%", "red")]


def test_yes_no_cells_are_no_scraps() -> None:
    from extract.parse.kpis.pdf_tables import is_fragmented

    assert not is_fragmented([["Standard", "Met", "Q1", "Q2"], ["Accounts published", "Yes", "Yes", "No"],
                              ["Audit signed off", "No", "Yes", "Yes"]])


def test_quarters_spanning_rating_and_value_are_no_panels() -> None:
    grid = [["Indicator", "Quarter 1", None, "Quarter 2", None], ["Calls answered", "Green", "89%", "Amber", "85%"],
            ["Complaints closed", "Red", "71%", "Red", "69%"]]
    assert split_panels(grid) == [grid]
    spanning = [["", "Quarter 1", None, "Quarter 2", None], ["", "Green", "89%", "Amber", "85%"]]
    assert split_panels(spanning) == [spanning]
