"""A ruled row stacking a year's projects and their amounts (``parse.kpis.stacked``): one row per item, told
apart by where the lines lie, not by counting them; and a year's cell spanning the rows of its projects."""

from __future__ import annotations

from extract.parse.kpis.cells import COVERED, CellLines, Covered
from extract.parse.kpis.pdf_tables import _Table, _records, _split_header
from extract.parse.kpis.stacked import items_of, split_by_position

PITCH = 13.8  # line spacing of an 11-point cell
HEIGHT = 11.0


def _cell(lines: list[tuple[str, float]]) -> CellLines:
    """A positioned cell: (text, top) per line."""
    return CellLines.of("\n".join(t for t, _ in lines), tuple((top, top + HEIGHT) for _, top in lines))


def _forecast_row() -> list[str]:
    description = _cell([("Pump 2 year 1 of 5", 123.5), ("Station 1/Comm Centre Exterior", 151.1),
                         ("***may be repainted, lowering", 164.9), ("estimate depending on building", 178.7),
                         ("condition.", 192.5)])
    amounts = _cell([("$700,000", 122.9), ("$87,500", 150.5), ("(1/2 w/ Rec)", 164.9)])
    return ["2028", description, amounts]


def test_items_part_at_gaps_wider_than_the_line_spacing() -> None:
    assert items_of(_forecast_row()[1]) == [(0, 1), (1, 5)]  # type: ignore[arg-type]


def test_stacked_items_lined_up_with_their_amounts() -> None:
    rows = split_by_position(_forecast_row())
    assert rows is not None
    assert [[str(c) for c in r] for r in rows] == [
        ["2028", "Pump 2 year 1 of 5", "$700,000"],
        ["", "Station 1/Comm Centre Exterior\n***may be repainted, lowering\nestimate depending on building\n"
             "condition.", "$87,500"]]
    assert isinstance(rows[1][0], Covered)  # the year spans both items


def test_amount_centred_beside_its_item_and_one_below_the_last() -> None:
    description = _cell([("Reseal 4.1 km Hinchberger Bay,", 358.0), ("Bear Creek Road, Pine Drive,", 371.0),
                         ("Westview Drive Run G", 385.0), ("GRAVEL RUN D", 413.0)])
    amounts = _cell([("$155,800", 371.0), ("$300,000", 426.0)])
    rows = split_by_position(["2027", description, amounts])
    assert rows is not None and [(r[1].split("\n")[0], r[2]) for r in rows] == [
        ("Reseal 4.1 km Hinchberger Bay,", "$155,800"), ("GRAVEL RUN D", "$300,000")]


def test_wrapped_label_with_one_value_is_one_item() -> None:
    label = _cell([("Percentage of households in temporary", 100.0), ("accommodation for over six weeks", 100 + PITCH)])
    value = _cell([("12%", 100.0 + PITCH / 2)])
    assert split_by_position([label, value, "10%"]) is None
    assert split_by_position(["2030", label, value]) is None


def test_rows_under_a_year_spanning_them_are_body_rows() -> None:
    """A year's cell merged over its projects' rows: the projects above the first one with an amount are body
    rows (not headings), and every project keeps the year."""
    rows = [["YEAR", "PROJECT DESCRIPTION", "ESTIMATE"],
            ["2026", "Tandem Truck Year 4 of 5", ""],
            [COVERED, "Backhoe Year 2 of 5", ""],
            [COVERED, "Pick Up Truck (1/2 Ton)", "$70,000"],
            [COVERED, "", ""],
            [COVERED, "Grader Year 1 of 5", "$600,000"],
            ["2027", "Back Blade", "$30,000"]]
    table = _Table(page=1, top=0.0, bottom=100.0, page_height=800.0, rows=rows)
    _split_header(table)
    assert table.header == [rows[0]]
    got = [(k.indicator, k.column, k.raw) for k in _records(table, [])]
    assert got == [("2026 Pick Up Truck (1/2 Ton)", "ESTIMATE", "$70,000"),
                   ("2026 Grader Year 1 of 5", "ESTIMATE", "$600,000"), ("2027 Back Blade", "ESTIMATE", "$30,000")]


def test_one_line_cell_goes_with_the_item_beside_it() -> None:
    """Three reserves stacked line by line with their amounts; the FOR USE year is printed beside the third."""
    from extract.parse.kpis.pdf_tables import split_stacked_rows

    names = _cell([("Large Equipment Reserve", 100.0), ("Communications Reserve", 100 + PITCH),
                   ("Fire Apparatus Reserve", 100 + 2 * PITCH)])
    amounts = _cell([("$5000.00", 100.0), ("$5000.00", 100 + PITCH), ("$20,000.00", 100 + 2 * PITCH)])
    year = _cell([("2031", 100 + 2 * PITCH)])
    rows = split_stacked_rows([["2027", names, amounts, year]])
    assert [[str(c) for c in r] for r in rows] == [["2027", "Large Equipment Reserve", "$5000.00", ""],
                                                   ["", "Communications Reserve", "$5000.00", ""],
                                                   ["", "Fire Apparatus Reserve", "$20,000.00", "2031"]]


def test_table_carried_over_with_one_column_per_heading() -> None:
    """The first page's grid splits the description column in three; the page after has one column per heading:
    its cells go under the headings in order."""
    from extract.parse.kpis.pdf_tables import _join_continued

    first = _Table(page=7, top=60.0, bottom=700.0, page_height=792.0, rows=[
        ["YEAR", "PROJECT DESCRIPTION", "", "ESTIMATE", "", "METHOD"],
        ["2026", "Alsace Road (", "1.5 km", ") Phase 1", "$300,000", "Grant"],
        ["2030", "Rocky Shore Drive", "", "$400,000", "", "Grant"]])
    carried = _Table(page=8, top=50.0, bottom=270.0, page_height=792.0, rows=[
        ["2031", "GRAVEL RUN A", "$310,000", "Grant"], ["2033", "Chipseal", "$200,000", "Grant"]])
    joined = _join_continued([first, carried])
    assert len(joined) == 1
    got = [(k.indicator, k.column, k.raw, k.page) for k in _records(joined[0], []) if k.page == 8]
    assert got == [("2031 GRAVEL RUN A", "ESTIMATE", "$310,000", 8), ("2033 Chipseal", "ESTIMATE", "$200,000", 8)]


def test_one_item_a_line_where_another_column_prints_one_a_line() -> None:
    """Projects one a line with no space between them, a funding method level with each, and the year's one
    amount level with the second project: the amount is that project's, not the first's."""
    projects = _cell([("Pump 2 Year 2 of 5", 220.6), ("Pick Up Truck Year 1 of 5", 220.6 + PITCH)])
    methods = _cell([("Reserves", 220.6), ("Purchase/Reserves", 220.6 + PITCH)])
    amount = _cell([("$75,000", 220.0 + PITCH)])
    rows = split_by_position(["2029", projects, amount, methods])
    assert rows is not None
    assert [[str(c) for c in r] for r in rows] == [["2029", "Pump 2 Year 2 of 5", "", "Reserves"],
                                                   ["", "Pick Up Truck Year 1 of 5", "$75,000", "Purchase/Reserves"]]
    wrapped = _cell([("Reseal 3 km Jones Road,", 482.0), ("Waltonian, Ski Hill Road Run H", 482 + PITCH)])
    method = _cell([("Grant/Taxation", 482 + PITCH)])
    assert split_by_position(["2028", wrapped, _cell([("$114,000", 482 + PITCH)]), method]) is None


def test_column_under_a_heading_merged_over_several_columns_has_that_heading() -> None:
    rows = [["YEAR", "PROJECT DESCRIPTION", COVERED, "ESTIMATE", COVERED, "METHOD"],
            ["2026", "Alsace Road", "", "", "$300,000", "Grant"],
            ["2030", "Rocky Shore Drive", "", "$400,000", "", "Grant"]]
    table = _Table(page=1, top=0.0, bottom=100.0, page_height=800.0, rows=rows)
    _split_header(table)
    got = [(k.indicator, k.column, k.raw) for k in _records(table, [])]
    assert got == [("2026 Alsace Road", "ESTIMATE", "$300,000"), ("2030 Rocky Shore Drive", "ESTIMATE", "$400,000")]


def test_carried_over_table_under_merged_headings() -> None:
    """The first part's headings are merged over several columns: the part carried over has one column per
    heading, not per column spanned."""
    from extract.parse.kpis.pdf_tables import _join_continued

    first = _Table(page=7, top=60.0, bottom=700.0, page_height=792.0, rows=[
        ["YEAR", "PROJECT DESCRIPTION", COVERED, "ESTIMATE", COVERED, "METHOD"],
        ["2026", "Alsace Road", "", "", "$300,000", "Grant"]])
    carried = _Table(page=8, top=50.0, bottom=270.0, page_height=792.0, rows=[["2031", "GRAVEL RUN A", "$310,000", "Grant"]])
    joined = _join_continued([first, carried])
    assert [(k.indicator, k.column) for k in _records(joined[0], []) if k.page == 8] == [("2031 GRAVEL RUN A", "ESTIMATE")]
