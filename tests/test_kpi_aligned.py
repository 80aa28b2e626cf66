"""Unruled PDF tables: headings stacked over two lines read by where they stand (``parse.kpis.aligned``), a
direction of travel after the values, a label wrapped onto a line going on in lower case."""

from __future__ import annotations

from pathlib import Path

from extract.load import load_document
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.aligned import headings_by_position, value_spans
from extract.parse.kpis.text_tables import classify

from pdfs import laid_out_pdf


def _row(*cells: tuple[float, str]) -> list[tuple[float, str, bool]]:
    return [(x, t, False) for x, t in cells]


def test_headings_by_position() -> None:
    spans = [(250.0, 280.0), (320.0, 345.0)]
    runs = [[(53.0, 120.0, "Indicator"), (250.0, 282.0, "Actual"), (320.0, 354.0, "Target"), (393.0, 435.0, "Direction")],
            [(250.0, 292.0, "2023/24"), (320.0, 362.0, "2023/24"), (393.0, 431.0, "of travel")]]
    assert headings_by_position(runs, spans) == ["Actual 2023/24", "Target 2023/24"]
    spanning = [[(250.0, 345.0, "2024/25")]] + runs[1:]  # over both columns: no column's heading
    assert headings_by_position(spanning, spans) == ["2023/24", "2023/24"]
    assert headings_by_position([[(250.0, 345.0, "2024/25")]], spans) is None
    assert headings_by_position([None], spans) is None
    assert value_spans([(50.0, 90.0, "Calls"), (250.0, 280.0, "89%")], ["89%"]) == [(250.0, 280.0)]
    assert value_spans([(50.0, 90.0, "Calls 89%")], ["89%"]) is None


def test_direction_of_travel_is_no_cell() -> None:
    line = classify(1, "Percentage of waste recycled   41.2%   45%   Improving")
    assert line.values == ["41.2%", "45%"] and line.direction == "Improving"
    assert classify(1, "Number of homes   512   600   No change").direction == "No change"
    assert classify(1, "Going up").direction is None


def test_unruled_table_with_stacked_headings(tmp_path: Path) -> None:
    page = [_row((50, "Key indicators")), ("gap",),
            _row((250, "Actual"), (320, "Target"), (390, "Direction")),
            _row((250, "2023/24"), (320, "2023/24"), (390, "of travel")),
            _row((50, "Percentage of household waste"), (250, "41.2%"), (320, "45%"), (390, "Improving")),
            _row((50, "sent for reuse, recycling")),
            _row((50, "Number of new homes built"), (250, "512*"), (320, "600"), (390, "Worsening"))]
    path = laid_out_pdf(tmp_path / "unruled.pdf", [page])
    got = [(k.indicator, k.column, k.value, k.column_kind) for k in parse_kpis(load_document(path), [])]
    assert got == [("Percentage of household waste sent for reuse, recycling", "Actual 2023/24", 41.2, "period"),
                   ("Percentage of household waste sent for reuse, recycling", "Target 2023/24", 45.0, "target"),
                   ("Number of new homes built", "Actual 2023/24", 512.0, "period"),
                   ("Number of new homes built", "Target 2023/24", 600.0, "target")]


def test_blank_cells_and_a_label_ending_in_a_number(tmp_path: Path) -> None:
    """Values stay under their own headings where a row leaves cells blank; a label run ending in a number
    ("per 100,000") keeps it."""
    page = [_row((50, "Quarterly performance")), ("gap",),
            _row((50, "Measure"), (250, "Q1"), (300, "Q2"), (350, "Q3"), (400, "Q4"), (450, "Target")),
            _row((50, "Missed bins per 100,000"), (250, "45"), (300, "52"), (350, "48"), (400, "39"), (450, "50")),
            _row((50, "Fly-tipping incidents"), (250, "1,203"), (350, "1,150"), (450, "1,000")),
            _row((50, "Net spend"), (250, "-1,234"), (300, "(2,345)"), (400, "3,456"), (450, "4,000"))]
    warnings: list[str] = []
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "blanks.pdf", [page])), warnings)
    got = {(k.indicator, k.column): k.value for k in kpis}
    assert got[("Missed bins per 100,000", "Q1")] == 45.0 and got[("Missed bins per 100,000", "Target")] == 50.0
    assert [(k.column, k.value) for k in kpis if k.indicator == "Fly-tipping incidents"] == [
        ("Q1", 1203.0), ("Q3", 1150.0), ("Target", 1000.0)]
    assert [(k.column, k.value) for k in kpis if k.indicator == "Net spend"] == [
        ("Q1", -1234.0), ("Q2", -2345.0), ("Q4", 3456.0), ("Target", 4000.0)]
    assert not warnings
    assert classify(1, "Missed bins per 100,000   45   52",
                    runs=[(50.0, 160.0, "Missed bins per 100,000"), (250.0, 260.0, "45"), (300.0, 310.0, "52")]
                    ).values == ["45", "52"]


def test_reference_code_column_left_out_of_the_label(tmp_path: Path) -> None:
    page = [_row((50, "Performance")), ("gap",),
            _row((50, "Ref"), (100, "Indicator"), (300, "Target"), (360, "Actual"), (420, "RAG")),
            _row((50, "PI 01"), (100, "Calls answered in 60s"), (300, "90%"), (360, "94%"), (420, "G")),
            _row((50, "PI 02"), (100, "Complaints closed on time"), (300, "85%"), (360, "71%"), (420, "R"))]
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "codes.pdf", [page])), [])
    assert [(k.indicator, k.column, k.rag) for k in kpis] == [
        ("Calls answered in 60s", "Target", None), ("Calls answered in 60s", "Actual", "green"),
        ("Complaints closed on time", "Target", None), ("Complaints closed on time", "Actual", "red")]


def test_label_wrapped_above_a_row_going_on_in_lower_case(tmp_path: Path) -> None:
    page = [_row((50, "Children's social care")), ("gap",),
            _row((50, "Indicator"), (300, "Q1"), (360, "Q2"), (420, "Target")),
            _row((50, "Percentage of children subject to a")),
            _row((50, "child protection plan for a second time"), (300, "12%"), (360, "14%"), (420, "10%")),
            _row((50, "Number of looked after children"), (300, "485"), (360, "500"), (420, "480"))]
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "wrapped.pdf", [page])), [])
    assert [(k.indicator, k.column) for k in kpis][:3] == [
        ("Percentage of children subject to a child protection plan for a second time", c) for c in ("Q1", "Q2", "Target")]
    assert {k.indicator for k in kpis[3:]} == {"Number of looked after children"}


def test_account_number_column_left_out_of_the_label(tmp_path: Path) -> None:
    page = [_row((50, "Anticipated revenues")), ("gap",),
            _row((50, "General revenues"), (220, "FCOA"), (300, "Anticipated"), (370, "Budgeted"), (440, "Realized")),
            _row((50, "Marriage Licenses"), (220, "08-103"), (300, "4,545"), (370, "4,779"), (440, "4,545")),
            _row((50, "Search Fees"), (220, "08-106"), (300, "270"), (370, "488"), (440, "270"))]
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "accounts.pdf", [page])), [])
    assert [(k.indicator, k.column, k.value) for k in kpis][:3] == [
        ("Marriage Licenses", "Anticipated", 4545.0), ("Marriage Licenses", "Budgeted", 4779.0),
        ("Marriage Licenses", "Realized", 4545.0)]
    assert {k.indicator for k in kpis[3:]} == {"Search Fees"}


def test_values_with_unit_words(tmp_path: Path) -> None:
    """'25.3 days' is a value with its unit word, one cell even printed close to the next value; a label's own
    '6 months' stays in the label."""
    from extract.parse.kpis.cells import parse_cell

    assert parse_cell("25.3 days").value == 25.3 and parse_cell("45 mins").is_value
    assert not parse_cell("days").is_value and parse_cell("12.3 % days").value is None
    page = [_row((50, "Housing")), ("gap",),
            _row((50, "Indicator"), (300, "Q1"), (360, "Q2"), (420, "Target")),
            _row((50, "Average days to re-let"), (300, "25.3 days"), (360, "22.1 days"), (420, "20 days")),
            _row((50, "Homes empty for 6 months"), (300, "120"), (360, "130"), (420, "100"))]
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "days.pdf", [page])), [])
    assert [(k.indicator, k.column, k.value) for k in kpis] == [
        ("Average days to re-let", "Q1", 25.3), ("Average days to re-let", "Q2", 22.1),
        ("Average days to re-let", "Target", 20.0), ("Homes empty for 6 months", "Q1", 120.0),
        ("Homes empty for 6 months", "Q2", 130.0), ("Homes empty for 6 months", "Target", 100.0)]


def test_row_with_one_cell_filled(tmp_path: Path) -> None:
    page = [_row((50, "Fiscal impact")), ("gap",),
            _row((50, "Fund"), (220, "FY 2020-21"), (350, "FY 2021-22"), (470, "Change")),
            _row((50, "General Fund"), (220, "$"), (270, "1,234,567"), (350, "$"), (400, "1,300,000"), (480, "5.3%")),
            _row((50, "Water Fund"), (220, "$"), (270, "50,000")),
            _row((50, "Sewer Fund"), (350, "$"), (410, "20,000")),
            _row((50, "Total"), (220, "$"), (270, "1,284,567"), (350, "$"), (400, "1,320,000"), (480, "2.8%"))]
    kpis = parse_kpis(load_document(laid_out_pdf(tmp_path / "lone.pdf", [page])), [])
    got = [(k.indicator, k.column, k.value) for k in kpis if k.indicator in ("Water Fund", "Sewer Fund")]
    assert got == [("Water Fund", "FY 2020-21", 50000.0), ("Sewer Fund", "FY 2021-22", 20000.0)]
    assert len(kpis) == 8
