"""KPI tables -> tidy records: value parsing, text tables, PDF tables, indicator keys, CLI, pandas API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.load import load_document
from extract.parse.kpis.indicators import IndicatorIndex, IndicatorSettings, same_indicator
from extract.parse.kpis.cells import amount_in_cell, inline_pairs, parse_cell, parse_period, rag_of
from extract.parse.kpis import parse_kpis

from pdfs import Paper

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ROOT = Path(__file__).resolve().parents[1]


# ---- values, units, periods, RAG ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,value,unit", [
    ("31%", 31.0, "percentage"), ("2,075", 2075.0, "number"), ("£12.3m", 12.3, "money"), ("(1,234)", -1234.0, "number"),
    ("+35.4", 35.4, "number"), ("-£1.3m", -1.3, "money"), ("-107.5%", -107.5, "percentage"), ("97% (Green)", 97.0, "percentage"),
    ("N/A", None, None), ("TBC", None, None),
])
def test_parse_cell(raw: str, value: object, unit: object) -> None:
    cell = parse_cell(raw)
    assert cell.is_value
    assert cell.value == value
    assert cell.unit == unit


def test_prose_and_rag_are_not_values() -> None:
    assert not parse_cell("Approved. Meets the criteria").is_value
    red = parse_cell("Red – High Risk")
    assert not red.is_value and red.rag == "red"
    assert rag_of("AMBER") == "amber" and rag_of("Agreed") is None


@pytest.mark.parametrize("heading,period", [
    ("Sep-21", "2021-09"), ("April 2022", "2022-04"), ("Q3 2024/25", "2024/25 Q3"), ("Jan 24 – Mar 24", "2024-01/2024-03"),
    ("2021-22", "2021/22"), ("Actual 30/11/2024", "2024-11-30"), ("Target", None), ("Statistical Neighbours", None),
    ("Jan – Mar 24", "2024-01/2024-03"), ("Quarter 3 2024/25", "2024/25 Q3"),
])
def test_parse_period(heading: str, period: object) -> None:
    assert parse_period(heading) == period


def test_inline_labels_and_amount_lists() -> None:
    assert inline_pairs("Target: 97%, Floor: 90%") == [("Target", "97%"), ("Floor", "90%")]
    assert inline_pairs("Total: £5,000") == [("Total", "£5,000")]
    assert amount_in_cell("Four Oaks- £200\nNew Hall- £200\nTotal= £400").value == 400.0
    assert amount_in_cell("Vesey Ward £3098.50").value == 3098.5
    assert amount_in_cell("Rejected. Of the £226,500 required only £52,500 has been raised.") is None


# ---- indicator keys ----------------------------------------------------------------------------------------------

def test_settings_resolve_and_validate() -> None:
    assert IndicatorSettings.resolve(None).threshold == IndicatorSettings().threshold
    assert IndicatorSettings.resolve({"threshold": 95}).threshold == 95.0
    s = IndicatorSettings(threshold=99)
    assert IndicatorSettings.resolve(s) is s
    with pytest.raises(ValueError, match="threshold"):
        IndicatorSettings(threshold=120)
    with pytest.raises(ValueError, match="threshold"):
        IndicatorSettings.resolve({"threshold": 10})
    with pytest.raises(ValueError, match="unknown"):
        IndicatorSettings.resolve({"cutoff": 90})
    with pytest.raises(TypeError):
        IndicatorSettings.resolve(90)  # type: ignore[arg-type]


def test_wrapped_and_hyphenated_labels_share_a_key() -> None:
    index = IndicatorIndex()
    a = index.key("Percentage of re-referrals within 12 months")
    assert index.key("Percentage of re- referrals within 12 months") == a
    assert index.key("percentage of re-referals within 12 months") == a  # a typo
    assert index.key("% of re-referrals within 6 months") != a


def test_near_miss_pair_never_merges() -> None:
    a, b = "% of re-referrals within 12 months", "% of re-referrals within 6 months"
    assert not same_indicator(a, b, IndicatorSettings(threshold=50))
    index = IndicatorIndex({"threshold": 50})  # type: ignore[arg-type]
    assert index.key(a) != index.key(b)


# ---- text tables -------------------------------------------------------------------------------------------------

TEXT_TABLE = """Effective Assessment and Intervention

Indicator Outturn type Sep-21 Oct-21 Nov-21 Target
Southampt

on 19/20
South East England

Percentage of re-

referrals within 12 months
PERCENTAGE 31% 24% 24% 23% 28% 23% N/A

Number of Early Help

assessments completed
NUMBER 2,075 180 223 TBC N/A N/A N/A

Number of care

leavers
NUMBER 162 164 171 TBC N/A N/A

The commentary under the table is prose, with 12 numbers and 15 more that are not cells at all.
"""


def _parse_text(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    warnings: list[str] = []
    return parse_kpis(load_document(path), warnings), warnings


def test_text_table_wrapped_headers_and_labels(tmp_path: Path) -> None:
    kpis, warnings = _parse_text(tmp_path, TEXT_TABLE)
    first = [k for k in kpis if k.indicator == "Percentage of re-referrals within 12 months"]
    assert [k.column for k in first] == ["Sep-21", "Oct-21", "Nov-21", "Target", "Southampton 19/20", "South East", "England"]
    assert first[0].value == 31.0 and first[0].unit == "percentage" and first[0].period == "2021-09"
    assert first[-1].raw == "N/A" and first[-1].value is None
    assert first[0].table == "Effective Assessment and Intervention"
    contacts = [k for k in kpis if k.indicator.startswith("Number of Early Help")]
    assert contacts[0].value == 2075.0 and contacts[3].raw == "TBC"


def test_short_row_is_warned_not_shifted(tmp_path: Path) -> None:
    kpis, warnings = _parse_text(tmp_path, TEXT_TABLE)
    leavers = [k for k in kpis if k.indicator == "Number of care leavers"]
    assert [k.column for k in leavers] == ["Sep-21", "Oct-21", "Nov-21", "Target"]
    assert any("Number of care leavers" in w and "6 values for 7 columns" in w for w in warnings)


def test_repeated_table_counts_once(tmp_path: Path) -> None:
    kpis, _ = _parse_text(tmp_path, TEXT_TABLE + "\nSecond Copy Of The Table\n\n" + TEXT_TABLE.split("\n", 2)[2])
    rows = [k for k in kpis if k.indicator == "Percentage of re-referrals within 12 months"]
    assert len(rows) == 7


def test_label_and_value_on_one_line(tmp_path: Path) -> None:
    text = "Partnership Training Numbers\n\nTraining No. of attendees\n\nRestorative Practice 385\n\nTrauma Informed Practice 309\n"
    kpis, _ = _parse_text(tmp_path, text)
    assert [(k.indicator, k.column, k.value) for k in kpis] == [
        ("Restorative Practice", "No. of attendees", 385.0), ("Trauma Informed Practice", "No. of attendees", 309.0)]


SCORECARD = """Corporate Performance Scorecard

Measure Target Q1 2024/25 Q2 2024/25 RAG
Percentage of calls answered 90% 88% 94% Green
Council tax collected (£m) 12.3 10.1 11.9 Amber

Revenue Budget Monitoring

Service Budget Forecast Variance
£000s £000s £000s
Adult Social Care 1,234 1,300 66
Children's Services 2,000 1,950 (50)
"""


def test_text_rag_after_values_rates_the_latest_period(tmp_path: Path) -> None:
    kpis, _ = _parse_text(tmp_path, SCORECARD)
    calls = [k for k in kpis if k.indicator == "Percentage of calls answered"]
    assert [(k.column, k.value, k.rag) for k in calls] == [
        ("Target", 90.0, None), ("Q1 2024/25", 88.0, None), ("Q2 2024/25", 94.0, "green")]
    assert [k.unit for k in kpis if k.indicator.startswith("Council tax")] == ["money"] * 3


def test_text_units_row_is_not_a_column(tmp_path: Path) -> None:
    kpis, _ = _parse_text(tmp_path, SCORECARD)
    care = [k for k in kpis if k.indicator == "Children's Services"]
    assert [(k.column, k.value, k.unit) for k in care] == [
        ("Budget", 2000.0, "money"), ("Forecast", 1950.0, "money"), ("Variance", -50.0, "money")]
    assert care[0].table == "Revenue Budget Monitoring"


def test_no_tables_in_prose(tmp_path: Path) -> None:
    text = ("The Panel noted that 31% of referrals were repeat referrals, against 24% last year.\n"
            "Members asked about the 2,075 contacts received in September and 1,922 in October.\n"
            "RESOLVED that the report be noted.\nPage 4\n")
    kpis, warnings = _parse_text(tmp_path, text)
    assert kpis == [] and warnings == []


# ---- PDF tables ---------------------------------------------------------------------------------------------------

def _table_pdf(path: Path) -> None:
    rows = [["Indicator", "Q1 2024/25", "Q2 2024/25", "Target", "RAG"],
            ["% of calls answered", "89%", "94%", "90%", "GREEN"],
            ["Complaints answered in time", "(1,234)", "71%", "85%", "Red"],
            ["Spend (GBP m)", "12.3", "N/A", "TBC", ""]]
    (Paper(size=10).line("Performance Summary", height=8).rows(rows, [60, 30, 30, 25, 25]).gap(10)
     .row(["Percentage of enquiries resolved at first contact", "AMBER"], [120, 30])
     .row(["Latest: 84%", "Target: 85%, Floor: 80%", "Previous: 83% (Amber)"], [50, 50, 50]).save(path))


def test_pdf_ruled_table_with_rag(tmp_path: Path) -> None:
    path = tmp_path / "kpis.pdf"
    _table_pdf(path)
    warnings: list[str] = []
    kpis = parse_kpis(load_document(path), warnings)
    calls = [k for k in kpis if k.indicator == "% of calls answered"]
    assert [(k.column, k.value) for k in calls] == [("Q1 2024/25", 89.0), ("Q2 2024/25", 94.0), ("Target", 90.0)]
    assert [k.rag for k in calls] == [None, "green", None]  # the latest period's value carries the RAG
    assert calls[0].period == "2024/25 Q1" and all(k.page == 1 for k in calls)
    complaints = [k for k in kpis if k.indicator == "Complaints answered in time"]
    assert complaints[0].value == -1234.0 and complaints[1].rag == "red"
    spend = [k for k in kpis if k.indicator == "Spend (GBP m)"]
    assert [k.value for k in spend] == [12.3, None, None]
    assert not any(k.column == "RAG" for k in kpis)


def test_pdf_box_with_inline_labels(tmp_path: Path) -> None:
    path = tmp_path / "kpis.pdf"
    _table_pdf(path)
    kpis = parse_kpis(load_document(path), [])
    box = [k for k in kpis if k.indicator == "Percentage of enquiries resolved at first contact"]
    assert [(k.column, k.raw, k.value) for k in box] == [
        ("Latest", "84%", 84.0), ("Target", "85%", 85.0), ("Floor", "80%", 80.0), ("Previous", "83% (Amber)", 83.0)]
    assert box[0].rag == "amber"


# ---- CLI and pandas -----------------------------------------------------------------------------------------------

def test_cli_kpis(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(TEXT_TABLE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["kpis", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["indicator"] == "Percentage of re-referrals within 12 months" and rows[0]["indicator_key"]
    result = runner.invoke(cli, ["kpis", str(path), "--csv"])
    assert result.exit_code == 0 and result.stdout.startswith("page,indicator,column,raw,value")
    result = runner.invoke(cli, ["kpis", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 3 and "no such file" in result.output


def test_kpi_frame_and_series(tmp_path: Path) -> None:
    from extract.kpiframe import kpi_frame, kpi_series

    kpis, _ = _parse_text(tmp_path, TEXT_TABLE)
    frame = kpi_frame(kpis)
    assert {"indicator", "indicator_key", "column", "period", "value"} <= set(frame.columns)
    assert len(frame) == len(kpis)
    series = kpi_series(frame, "Percentage of re-referrals within 12 months")
    assert list(series.loc[["2021-09", "2021-10"], "value"]) == [31.0, 24.0]
    assert series["Target"].iloc[0] == 23.0
    with pytest.raises(KeyError, match="no indicator"):
        kpi_series(frame, "nothing like this")


# ---- acceptance floors on real documents ---------------------------------------------------------------------------

FLOORS = [
    ("seeds/001_937c12d170c9b0c7.txt", ["001_937c12d170c9b0c7.json", "001_937c12d170c9b0c7.kpis.json"], 0.95),
    ("pdfs/kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf", ["kent_cabinet_2025-03-04_qpr_q3_appendix1.json"], 0.9),
    ("pdfs/sutton_coldfield_tc_alcs_2018-03-13_minutes.pdf", ["sutton_coldfield_tc_alcs_2018-03-13_minutes.json"], 0.9),
]


@pytest.mark.parametrize("source,golds,floor", FLOORS, ids=[f[0].split("/")[-1] for f in FLOORS])
def test_gold_floor(tmp_path: Path, source: str, golds: list[str], floor: float) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared not present: gold documents unavailable")
    from extract.record import to_plain

    kpis = parse_kpis(load_document(SHARED / source), [])
    predicted = tmp_path / "pred.json"
    predicted.write_text(json.dumps({"kpis": [to_plain(k) for k in kpis]}), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(predicted),
                             *[str(SHARED / "gold" / g) for g in golds], "--min-f1", f"kpis={floor}", "--json"],
                            capture_output=True, text=True)
    scores = json.loads(result.stdout)
    assert scores["kpis"]["f1"] >= floor, scores["kpis"]
    assert result.returncode == 0 or "kpis" not in result.stderr


# ---- label | value cover tables are forms, not KPI tables -------------------------------------------------------

def test_is_label_form() -> None:
    from extract.parse.kpis.pdf_tables import is_label_form

    cover = [["Committee:", "Audit and Governance Committee"], ["Date:", "14 May 2025"], ["Item number:", "11"],
             ["Title:", "Internal Audit Progress"], ["Lead director:", "Director of Corporate Services"]]
    assert is_label_form(cover)
    finance = [["Service", "Budget", "Outturn"], ["Income:", "1,200", "1,310"], ["Expenditure:", "4,500", "4,420"],
               ["Net:", "3,300", "3,110"]]
    assert not is_label_form(finance)  # labels with colons, but the cells are numbers
    indicators = [["Indicator", "Q1", "Q2"], ["Missed bins per 100,000", "41", "38"], ["Fly-tips cleared (%)", "92%", "95%"]]
    assert not is_label_form(indicators)


def test_pdf_ruled_cover_table_gives_no_kpis(tmp_path: Path) -> None:
    cover = [("Committee:", "Audit and Governance Committee 14 May 2025"), ("Date:", "14 May 2025"),
             ("Item number:", "11"), ("Pages:", "24"), ("Title:", "Internal Audit Progress"),
             ("Lead director:", "Director of Corporate Services"), ("Purpose:", "Assurance")]
    table = [["Measure", "2023/24", "2024/25"], ["Audits completed (%)", "88%", "93%"], ["Actions overdue", "14", "9"]]
    path = Paper(size=10).rows(cover, [45, 120]).gap(10).rows(table, [70, 30, 30]).save(tmp_path / "cover.pdf")
    kpis = parse_kpis(load_document(path), [])
    assert {k.indicator for k in kpis} == {"Audits completed (%)", "Actions overdue"}
    assert [(k.column, k.value) for k in kpis if k.indicator == "Actions overdue"] == [("2023/24", 14.0), ("2024/25", 9.0)]


# ---- RAG ratings printed as letters ---------------------------------------------------------------------------

def test_rag_letters_count_only_in_a_rag_column() -> None:
    from extract.parse.kpis.cells import is_rag_heading

    assert rag_of("G") is None and rag_of("A") is None  # a lone letter elsewhere is a word or a mark
    assert rag_of("G", rag_column=True) == "green" and rag_of("r", rag_column=True) == "red"
    assert rag_of("A/G", rag_column=True) == "amber" and rag_of("Amber/Green") == "amber"
    assert parse_cell("A", rag_column=True).rag == "amber"
    assert is_rag_heading("R/A/G") and is_rag_heading("RAG status") and not is_rag_heading("Target")


def test_pdf_table_with_rag_letters_and_a_words_column(tmp_path: Path) -> None:
    rows = [["Measure", "Oct-25", "Nov-25", "Dec-25", "Target", "Trend", "RAG"],
            ["Calls answered within 60 seconds (%)", "81%", "84%", "86%", "90%", "Better", "A"],
            ["Housing repairs completed on time", "402", "377", "390", "450", "Worse", "R"],
            ["Council tax collected (%)", "71.2%", "79.9%", "88.0%", "87%", "Better", "G"]]
    path = Paper(orientation="L", size=9).rows(rows, [80, 25, 25, 25, 25, 30, 20]).save(tmp_path / "letters.pdf")
    kpis = parse_kpis(load_document(path), [])
    rated = {(k.indicator, k.column): k.rag for k in kpis if k.rag}
    assert rated == {("Calls answered within 60 seconds (%)", "Dec-25"): "amber",
                     ("Housing repairs completed on time", "Dec-25"): "red",
                     ("Council tax collected (%)", "Dec-25"): "green"}  # the latest month carries it
    assert not any(k.column == "RAG" for k in kpis)


def test_text_rag_letters_need_a_rag_heading(tmp_path: Path) -> None:
    rated = ("Key measures\n\nIndicator   Q1 2025/26   Q2 2025/26   Target   RAG\n"
             "Households in temporary accommodation   212   198   180   A\n"
             "Planning appeals allowed (%)   22%   31%   30%   R\n")
    kpis, _ = _parse_text(tmp_path, rated)
    assert {(k.indicator, k.column): k.rag for k in kpis if k.rag} == {
        ("Households in temporary accommodation", "Q2 2025/26"): "amber",
        ("Planning appeals allowed (%)", "Q2 2025/26"): "red"}
    unrated = rated.replace("   RAG\n", "   Grade\n")
    kpis, _ = _parse_text(tmp_path, unrated)
    assert not any(k.rag for k in kpis)


def test_pdf_agenda_table_with_a_page_column_gives_no_kpis(tmp_path: Path) -> None:
    rows = [["Item", "Business", "Page"], ["1", "Apologies", ""], ["2", "Minutes", "1 - 4"],
            ["3", "Revenue budget monitoring", "5 - 16"], ["4", "Forward plan", "17"], ["5", "Urgent business", ""]]
    path = Paper(size=10).line("AGENDA", height=8).rows(rows, [20, 120, 30]).save(tmp_path / "agenda.pdf")
    assert parse_kpis(load_document(path), []) == []


# ---- headings that carry their unit, wide-gap headings, agenda lists ---------------------------------------------

def test_scale_marker_in_a_heading_is_no_amount() -> None:
    assert amount_in_cell("Outturn £000") is None
    assert amount_in_cell("£'000") is None
    assert amount_in_cell("Grant to Hall £400").value == 400.0


def test_words_starting_like_a_month_are_not_months() -> None:
    from extract.parse.kpis.text_tables import _header_token

    assert _header_token("Declarations") is False and _header_token("Marketing") is False
    assert _header_token("December") is True and _header_token("Sept") is True


def test_space_aligned_table_keeps_label_heading_out_of_first_column(tmp_path: Path) -> None:
    text = ("Table 2: Hall hire charges\n\n"
            "   Room hired                 2024/25      2025/26      Change\n"
            "   Main hall (per hour)       £20.00       £21.00       5.0%\n"
            "   Meeting room (per hour)    £10.00       £10.50       5.0%\n\n"
            "The new charges start in April.\n")
    kpis, _ = _parse_text(tmp_path, text)
    assert [(k.indicator, k.column, k.value) for k in kpis[:3]] == [
        ("Main hall (per hour)", "2024/25", 20.0), ("Main hall (per hour)", "2025/26", 21.0),
        ("Main hall (per hour)", "Change", 5.0)]


def test_numbered_agenda_with_page_column_gives_no_kpis(tmp_path: Path) -> None:
    text = ("Item   Subject   Page\n"
            "Item 1   Apologies for absence\n"
            "Item 2   Declarations of interest\n"
            "Item 3   Minutes of the last meeting   Page 3\n"
            "Item 4   Budget update   Page 9\n"
            "Item 5   Highways report   Page 15\n")
    kpis, _ = _parse_text(tmp_path, text)
    assert kpis == []


def test_pdf_table_with_unit_inside_each_heading(tmp_path: Path) -> None:
    rows = [["Directorate", "Spend £000", "Outturn £000", "Variance %"],
            ["Place", "1,200", "1,260", "5.0%"],
            ["People", "3,400", "(3,300)", "(2.9%)"]]
    path = Paper(size=10).rows(rows, [60, 35, 35, 35]).save(tmp_path / "budget.pdf")
    kpis = parse_kpis(load_document(path), [])
    assert [(k.indicator, k.column, k.value, k.unit) for k in kpis if k.indicator == "Place"] == [
        ("Place", "Spend £000", 1200.0, "money"), ("Place", "Outturn £000", 1260.0, "money"),
        ("Place", "Variance %", 5.0, "percentage")]
    assert not any(k.indicator == "Directorate" for k in kpis)
