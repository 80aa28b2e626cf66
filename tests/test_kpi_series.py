"""The KPI series model: what each column is (period, target, comparator, budget, other), typed periods, and
targets and comparators as attributes of a series, never as its periods: one test per layout family, then the
store and the pandas API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.kpiframe import kpi_frame, kpi_series
from extract.load import load_document
from extract.parse.kpis import parse_kpis
from extract.parse.kpis.cells import column_kind, period_bounds, period_type
from extract.pipeline import extract_document
from extract.store.ingest import make_result, write_document
from extract.store.kpis import stored_kpis
from extract.store.schema import open_db

ATTRIBUTES = ("target", "comparator")


def _no_attribute_periods(kpis: list) -> None:
    attrs = [k for k in kpis if k.column_kind in ATTRIBUTES]
    assert attrs, "the layout has targets or comparators"
    assert all(k.period is None and k.period_type is None for k in attrs), [(k.column, k.period) for k in attrs]


@pytest.mark.parametrize("heading,kind", [
    ("Sep-21", "period"), ("Q3 2024/25", "period"), ("2021-22", "period"), ("Actual 30/11/2024", "period"),
    ("Target", "target"), ("Floor 2024/25", "target"), ("South East", "comparator"),
    ("Statistical Neighbours", "comparator"), ("England 2022/23", "comparator"), ("Southampton 19/20", "comparator"),
    ("National average", "comparator"), ("Budget", "budget"), ("Forecast Variance £m", "budget"),
    ("Revenue Budget 2024-25", "budget"), ("RAG", "other"), ("Direction of travel", "other"), (None, "other")])
def test_column_kind(heading: str, kind: str) -> None:
    assert column_kind(heading) == kind


@pytest.mark.parametrize("heading,period", [
    ("12m to Dec 23", "2023-01/2023-12"), ("12 mths to Dec 24", "2024-01/2024-12"), ("Quarter to Sep 24", "2024-07/2024-09"),
    ("Year to Mar 24", "2023-04/2024-03"), ("Rolling 12 months to Sep 24", "2023-10/2024-09"), ("Dec-23", "2023-12")])
def test_rolling_periods_are_spans_not_their_last_month(heading: str, period: str) -> None:
    from extract.parse.kpis.cells import parse_period

    assert parse_period(heading) == period


@pytest.mark.parametrize("period,kind,bounds", [
    ("2021-09", "month", ("2021-09-01", "2021-09-30")), ("2024/25 Q3", "quarter", ("2024-10-01", "2024-12-31")),
    ("2024 Q1", "quarter", ("2024-01-01", "2024-03-31")), ("2019/20", "financial_year", ("2019-04-01", "2020-03-31")),
    ("2021", "year", ("2021-01-01", "2021-12-31")), ("2024-11-30", "date", ("2024-11-30", "2024-11-30")),
    ("2024-01/2024-03", "quarter", ("2024-01-01", "2024-03-31")), ("2023-01/2023-12", "year", ("2023-01-01", "2023-12-31")),
    ("2023-04/2024-03", "financial_year", ("2023-04-01", "2024-03-31")),
    ("2023-10/2024-09", "range", ("2023-10-01", "2024-09-30")), ("Q2", "quarter", None)])
def test_typed_periods(period: str, kind: str, bounds: object) -> None:
    """A span of months is typed by what it is comparable with: three months to a quarter's end a quarter,
    twelve months to December a year, to March a financial year."""
    assert period_type(period) == kind
    assert period_bounds(period) == bounds


# ---- layout families -------------------------------------------------------------------------------------------

WRAPPED_TEXT = """Effective Assessment and Intervention

Indicator Outturn type Sep-21 Oct-21 Nov-21 Target
Southampt

on 19/20
South East England

Percentage of re-

referrals within 12 months
PERCENTAGE 31% 24% 24% 23% 28% 23% 22%
"""


def _text(tmp_path: Path, text: str) -> list:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return parse_kpis(load_document(path), [])


def test_text_table_with_wrapped_comparator_headings(tmp_path: Path) -> None:
    kpis = _text(tmp_path, WRAPPED_TEXT)
    kinds = {k.column: (k.column_kind, k.period) for k in kpis}
    assert kinds["Sep-21"] == ("period", "2021-09")
    assert kinds["Southampton 19/20"] == ("comparator", None)  # a place and its year: not the period 2019/20
    assert kinds["South East"] == ("comparator", None) and kinds["Target"] == ("target", None)
    _no_attribute_periods(kpis)


STATISTICS_TEXT = """Key Stage 2 results

Measure   2019   2022   2023   England 2023   Statistical Neighbours   Target
Pupils meeting the expected standard (%)   61   58   60   60   59   65
Pupils at a higher standard (%)   9   7   8   8   7   10
"""


def test_statistics_table_with_years_as_columns(tmp_path: Path) -> None:
    kpis = _text(tmp_path, STATISTICS_TEXT)
    first = [k for k in kpis if k.indicator.startswith("Pupils meeting")]
    assert [(k.column, k.column_kind, k.period) for k in first] == [
        ("2019", "period", "2019"), ("2022", "period", "2022"), ("2023", "period", "2023"),
        ("England 2023", "comparator", None), ("Statistical Neighbours", "comparator", None), ("Target", "target", None)]
    _no_attribute_periods(kpis)


def _ruled_pdf(path: Path, rows: list[list[str]], widths: list[int], box: bool = False) -> None:
    from fpdf import FPDF

    pdf = FPDF(orientation="L")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 8, "Quarterly Performance", new_x="LMARGIN", new_y="NEXT")
    for row in rows:
        for text, width in zip(row, widths):
            pdf.cell(width, 8, text, border=1)
        pdf.ln(8)
    if box:
        pdf.ln(8)
        pdf.cell(150, 8, "Percentage of household waste recycled", border=1)
        pdf.cell(30, 8, "GREEN", border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(60, 8, "Latest: 47%", border=1)
        pdf.cell(60, 8, "Target: 45%, England: 42%", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_ruled_table_with_targets_comparators_and_rag(tmp_path: Path) -> None:
    path = tmp_path / "qpr.pdf"
    _ruled_pdf(path, [["Indicator", "Q1 2024/25", "Q2 2024/25", "Target", "England", "South East", "RAG"],
                      ["% of calls answered", "89%", "94%", "90%", "88%", "91%", "GREEN"],
                      ["Complaints answered in time", "71%", "69%", "85%", "80%", "82%", "Red"]],
               [70, 30, 30, 25, 25, 25, 20], box=True)
    kpis = parse_kpis(load_document(path), [])
    calls = [k for k in kpis if k.indicator == "% of calls answered"]
    assert [(k.column, k.column_kind, k.period, k.period_type) for k in calls] == [
        ("Q1 2024/25", "period", "2024/25 Q1", "quarter"), ("Q2 2024/25", "period", "2024/25 Q2", "quarter"),
        ("Target", "target", None, None), ("England", "comparator", None, None),
        ("South East", "comparator", None, None)]
    assert calls[1].rag == "green"
    box = [k for k in kpis if k.indicator == "Percentage of household waste recycled"]
    assert [(k.column, k.column_kind) for k in box] == [("Latest", "other"), ("Target", "target"),
                                                        ("England", "comparator")]
    _no_attribute_periods(kpis)


def test_pdf_finance_table_keeps_budget_periods(tmp_path: Path) -> None:
    path = tmp_path / "finance.pdf"
    _ruled_pdf(path, [["Service", "Budget 2024/25 £m", "Forecast £m", "Variance £m", "Target"],
                      ["Adult Social Care", "512.3", "530.1", "17.8", "0.0"],
                      ["Children's Services", "(12.5)", "301.0", "-4.2", "0.0"]], [70, 40, 35, 35, 25])
    kpis = parse_kpis(load_document(path), [])
    care = [k for k in kpis if k.indicator == "Adult Social Care"]
    assert [(k.column_kind, k.period) for k in care] == [("budget", "2024/25"), ("budget", None), ("budget", None),
                                                         ("target", None)]
    assert [k.value for k in care][:3] == [512.3, 530.1, 17.8]
    _no_attribute_periods(kpis)


# ---- store and pandas ----------------------------------------------------------------------------------------------

def test_store_keeps_column_kinds_and_normalises_older_rows(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(STATISTICS_TEXT, encoding="utf-8")
    db = open_db(tmp_path / "council.db")
    doc = load_document(paper)
    write_document(db, make_result(doc, extract_document(doc)))
    rows = stored_kpis(db)
    assert rows and all(r["column_kind"] for r in rows)
    assert all(r["period"] is None for r in rows if r["column_kind"] in ATTRIBUTES)
    assert {r["period_type"] for r in rows if r["column_kind"] == "period"} == {"year"}
    # a row stored by an older version: no column_kind in its extra, and a comparator given a period
    db.execute("UPDATE kpi_values SET extra = NULL, period = '2023' WHERE column_label = 'England 2023'")
    old = [r for r in stored_kpis(db) if r["column"] == "England 2023"]
    assert old and all(r["column_kind"] == "comparator" and r["period"] is None for r in old)


def test_series_has_periods_only_and_targets_as_attributes(tmp_path: Path) -> None:
    kpis = _text(tmp_path, STATISTICS_TEXT)
    series = kpi_series(kpi_frame(kpis), "Pupils meeting the expected standard (%)")
    assert list(series.index) == ["2019", "2022", "2023"]
    assert list(series["value"]) == [61.0, 58.0, 60.0]
    assert set(series["period_type"]) == {"year"}
    assert series.attrs["targets"] == {"Target": 65.0}
    assert series.attrs["comparators"] == {"England 2023": 60.0, "Statistical Neighbours": 59.0}


def test_series_granularity_and_one_series_per_council() -> None:
    base = {"indicator": "Households in temporary accommodation", "indicator_key": "households-in-ta", "unit": "number"}
    rows = [dict(base, column=c, raw=str(v), value=v, period=p, council=council)
            for council in ("Kent", "Medway")
            for c, p, v in (("Sep-24", "2024-09", 10), ("Oct-24", "2024-10", 12), ("2023/24", "2023/24", 140),
                            ("Target", "2024/25", 100), ("England", None, 130))]
    frame = kpi_frame(rows)
    assert frame.loc[frame["column"] == "Target", "period"].isna().all()  # a target printed with a year has none
    with pytest.raises(ValueError, match="one series per indicator per council"):
        kpi_series(frame, "households-in-ta")
    series = kpi_series(frame, "households-in-ta", council="Kent")
    assert list(series.index) == ["2023/24", "2024-09", "2024-10"]  # time order, by each period's end
    assert list(series["period_type"]) == ["financial_year", "month", "month"]
    monthly = kpi_series(frame, "households-in-ta", council="Kent", granularity="month")
    assert list(monthly.index) == ["2024-09", "2024-10"]
    assert monthly.attrs == {"targets": {"Target": 100.0}, "comparators": {"England": 130.0}}


def test_part_of_a_label_matches_as_the_cli_and_keeps_series_apart(tmp_path: Path) -> None:
    """``kpi_series`` matches as ``--indicator`` (key, label, part of a label), and still gives one series per
    indicator per council: part of a label shared by two indicators gives each its own rows; a council is named."""
    rows = [dict(indicator=label, indicator_key=key, column=c, raw=str(v), value=v, period=p, council=council)
            for council in ("Kent", "Medway")
            for label, key in (("Households in temporary accommodation", "households-in-ta"),
                               ("Households prevented from homelessness", "households-prevented"))
            for c, p, v in (("Sep-24", "2024-09", 10), ("Oct-24", "2024-10", 12), ("Target", None, 9))]
    frame = kpi_frame(rows)
    with pytest.raises(ValueError, match="one series per indicator per council"):
        kpi_series(frame, "households")
    both = kpi_series(frame, "HOUSEHOLDS", council="Kent")
    assert sorted(set(both["indicator_key"])) == ["households-in-ta", "households-prevented"]
    assert both.groupby("indicator_key").size().to_dict() == {"households-in-ta": 2, "households-prevented": 2}
    assert both.attrs == {} and list(both["Target"]) == [9.0] * 4
    one = kpi_series(frame, "temporary", council="Medway")
    assert set(one["indicator"]) == {"Households in temporary accommodation"}
    assert one.attrs["targets"] == {"Target": 9.0}
    with pytest.raises(KeyError, match="no indicator matching"):
        kpi_series(frame, "rough sleeping", council="Kent")

    from extract import Store

    from extract.record import Kpi, Record, Source

    path = tmp_path / "council.db"
    db = open_db(path)
    for n, council in enumerate(("Kent", "Medway")):  # one performance report of each council
        record = Record(source=Source(file=f"r{n}.txt", sha256=str(n) * 64, pages=1, path=f"/r{n}.txt", format="text"),
                        kind="report", council=council, date="2024-11-01")
        record.kpis = [Kpi(indicator=r["indicator"], indicator_key=r["indicator_key"], column=r["column"], raw=r["raw"],
                           value=r["value"], period=r["period"], page=1) for r in rows if r["council"] == council]
        write_document(db, {"record": record.to_dict(), "pages": [{"page": 1, "text": "report",
                                                                   "text_source": "text_layer"}], "path": f"/r{n}.txt"})
    db.close()
    with Store(path) as store:
        stored = store.kpi_series("temporary", council="Kent", granularity="month")
        assert list(stored.index) == ["2024-09", "2024-10"] and stored.attrs["targets"] == {"Target": 9.0}
        with pytest.raises(ValueError, match="pass council="):
            store.kpi_series("temporary")


def test_cli_lists_column_kinds(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import cli

    paper = tmp_path / "paper.txt"
    paper.write_text(STATISTICS_TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["kpis", str(paper), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["column_kind"] for r in rows} == {"period", "comparator", "target"}
    assert all(r["period"] is None for r in rows if r["column_kind"] != "period")


# ---- finance layouts: a capital programme by year, a payments list by date -------------------------------------------

def _capital_pdf(path: Path) -> None:
    """A capital forecast as councils print it: YEAR | DESCRIPTION | AMOUNT | FOR USE, two reserves stacked in
    one ruled row, and a year cell drawn in a sliver of its own column (a rule a little off)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    x0, y = 15.0, 20.0
    pdf.set_xy(x0, y)
    pdf.cell(180, 8, "GENERAL GOVERNMENT RESERVES PLAN", border=1)
    y += 8
    rows = [("YEAR", "", "RESERVE DESCRIPTION", "AMOUNT", "FOR USE"),
            ("", "2026", "Computer server/replacements", "$3,000", "2026"),
            ("2027", "", "Computer server/replacements\nMunicipal Election", "$4,000\n$3,000", ""),
            ("2028", "", "Computer server/replacements\nMunicipal Election", "$4,000\n$3,000", "2030")]
    widths = [15, 10, 85, 40, 30]
    for row in rows:
        lines = max(len(c.split("\n")) for c in row)
        x = x0
        for text, width in zip(row, widths):
            pdf.set_xy(x, y)
            pdf.multi_cell(width, 6, text, border=0)
            pdf.rect(x, y, width, 6 * lines)
            x += width
        y += 6 * lines
    pdf.output(str(path))


def test_capital_programme_by_year(tmp_path: Path) -> None:
    path = tmp_path / "capital.pdf"
    _capital_pdf(path)
    kpis = parse_kpis(load_document(path), [])
    amounts = [(k.indicator, k.raw, k.period, k.column_kind) for k in kpis if k.column == "AMOUNT"]
    assert amounts == [("2026 Computer server/replacements", "$3,000", "2026", "budget"),
                       ("2027 Computer server/replacements", "$4,000", "2027", "budget"),
                       ("2027 Municipal Election", "$3,000", "2027", "budget"),
                       ("2028 Computer server/replacements", "$4,000", "2028", "budget"),  # not a repeat of 2027's
                       ("2028 Municipal Election", "$3,000", "2028", "budget")]


def test_year_rows_are_not_repeats() -> None:
    from extract.parse.kpis import drop_repeats
    from extract.parse.kpis.indicators import IndicatorSettings
    from extract.record import Kpi

    rows = [Kpi("2027 Municipal Election", "AMOUNT", "$3,000", 3000.0, page=1),
            Kpi("2028 Municipal Election", "AMOUNT", "$3,000", 3000.0, page=1),
            Kpi("Municipal Election", "AMOUNT", "$3,000", 3000.0, page=1, table="summary"),
            Kpi("Municipal  election", "AMOUNT", "$3,000", 3000.0, page=2, table="summary")]
    kept = drop_repeats(rows, IndicatorSettings())
    assert [k.indicator for k in kept] == ["2027 Municipal Election", "2028 Municipal Election", "Municipal Election"]


def test_payments_table_names_rows_by_payee_and_detail(tmp_path: Path) -> None:
    path = tmp_path / "payments.pdf"
    _ruled_pdf(path, [["Payee", "Detail", "Total £s", "VAT", "Comments"],
                      ["Cathy Fleet", "Clerk Salary", "132.69", "0.0", ""],
                      ["HMRC", "(re above)", "26.67", "0.0", ""],
                      ["Alan Smith", "Playground Fencing", "723.30", "120.55", "Paid from Playground account"]],
               [40, 60, 30, 25, 80])
    kpis = parse_kpis(load_document(path), [])
    assert [(k.indicator, k.column, k.raw, k.column_kind) for k in kpis if k.column == "Total £s"] == [
        ("Cathy Fleet Clerk Salary", "Total £s", "132.69", "budget"), ("HMRC (re above)", "Total £s", "26.67", "budget"),
        ("Alan Smith Playground Fencing", "Total £s", "723.30", "budget")]


def test_prose_or_polarity_column_is_not_part_of_the_label(tmp_path: Path) -> None:
    summary = "Funding to plant bulbs and shrubs along the perimeter of the bowling green and the car park"
    path = tmp_path / "grants.pdf"
    _ruled_pdf(path, [["Organisation", "Project Summary", "Amount Requested"],
                      ["Bowls Club", summary[:60], "£500"],
                      ["Parkrun", "Weekly 5k run for all levels of fitness at the park gate", "£750"]], [40, 120, 40])
    assert [k.indicator for k in parse_kpis(load_document(path), [])] == ["Bowls Club", "Parkrun"]
    path = tmp_path / "kpis.pdf"
    _ruled_pdf(path, [["Indicator", "Polarity", "Q1 2024/25", "Target"],
                      ["% of calls answered", "High", "89%", "90%"],
                      ["Complaints answered late", "Low", "12%", "10%"]], [70, 25, 30, 25])
    assert {k.indicator for k in parse_kpis(load_document(path), [])} == {"% of calls answered",
                                                                          "Complaints answered late"}


VARIANCES_TEXT = """Explanation of Quantified Significant Variances

31/3/2016   31/3/2017   Variance
£   £
Section 3 Total other receipts   6,703   16,995   10,292
The variance is explained by the grants received in the year from three bodies and a contribution from
Groundwork towards the neighbourhood plan, and the New Homes Bonus paid by the district council.
Section 6 All other payments   11,603   17,616   6,013
The variance is explained by:
£2450 spend on Greens repair work to Letty Green
£2000 spend on road and tree maintenance
"""


def test_finance_rows_parted_by_explanations_keep_their_headings(tmp_path: Path) -> None:
    kpis = _text(tmp_path, VARIANCES_TEXT)
    payments = [(k.column, k.raw, k.column_kind, k.period) for k in kpis if k.indicator == "Section 6 All other payments"]
    assert payments == [("31/3/2016", "11,603", "period", "2016-03-31"), ("31/3/2017", "17,616", "period", "2017-03-31"),
                        ("Variance", "6,013", "budget", None)]
    assert not any(k.indicator == "Section" for k in kpis)  # "Section 6 …" is no label "Section" with value 6


@pytest.mark.parametrize("raw,value,unit", [
    ("45%*", 45.0, "percentage"), ("1,234¹", 1234.0, "number"), ("12.5†", 12.5, "number"), ("(3.2)*", -3.2, "number"),
    ("▲ 3.2%", 3.2, "percentage"), ("↓12", 12.0, "number"), ("3.2% ↑", 3.2, "percentage"), ("12[1]", 12.0, "number"),
    ("12,345 r", 12345.0, "number")])
def test_footnote_marks_and_arrows_leave_the_value(raw: str, value: float, unit: str) -> None:
    from extract.parse.kpis.cells import parse_cell

    cell = parse_cell(raw)
    assert (cell.raw, cell.value, cell.unit, cell.is_value) == (raw, value, unit, True)


def test_statistics_with_footnotes_and_arrows(tmp_path: Path) -> None:
    kpis = _text(tmp_path, """Looked after children

Measure   2022   2023   2024   England 2024   Direction
Children looked after per 10,000 (rate)   61*   64   70¹   71   ▲ 6
Placement stability (%)   68   70†   72 p   69   ↑ 2
""")
    stability = [(k.column, k.value, k.column_kind) for k in kpis if k.indicator == "Placement stability (%)"]
    assert stability[:4] == [("2022", 68.0, "period"), ("2023", 70.0, "period"), ("2024", 72.0, "period"),
                             ("England 2024", 69.0, "comparator")]


BREAKDOWNS_TEXT = """Customer Services

Number of phone calls to Contact Point (thousands)
Service area   Jan – Mar 24   Apr – Jun 24   12m to Dec 24
Adult Social Care   26   24   99
Integrated Children's Services   18   18   75

Complaints received
Service   12 mths to Dec 24   Quarter to Dec 24
Adult Social Care   1,066   250
Integrated Children's Services   399   122
"""


def test_breakdown_rows_are_series_of_their_measure(tmp_path: Path) -> None:
    """A row of services under a measure is a series of that measure: the same service in a table of calls and
    in a table of complaints is two series, never one line mixing calls and complaints."""
    kpis = _text(tmp_path, BREAKDOWNS_TEXT)
    children = [k for k in kpis if k.indicator == "Integrated Children's Services"]
    assert {k.breakdown for k in children} == {"Number of phone calls to Contact Point (thousands)", "Complaints received"}
    assert len({k.indicator_key for k in children}) == 2
    twelve = {(k.breakdown, k.period, k.period_type) for k in children if k.column.startswith("12")}
    assert twelve == {("Number of phone calls to Contact Point (thousands)", "2024-01/2024-12", "year"),
                      ("Complaints received", "2024-01/2024-12", "year")}
    frame = kpi_frame(kpis)
    with pytest.raises(ValueError, match="names 2 series"):
        kpi_series(frame, "Integrated Children's Services")
    calls = kpi_series(frame, children[0].indicator_key)
    assert list(calls["value"]) == [18.0, 18.0, 75.0] and list(calls["period_type"]) == ["quarter", "quarter", "year"]


def test_breakdown_rows_with_a_long_measure_name_stay_apart() -> None:
    from extract.parse.kpis.indicators import assign_keys
    from extract.record import Kpi

    measure = "Number of phone calls to Contact Point (thousands)"
    rows = [Kpi(label, "Jan – Mar 24", "7", 7.0, breakdown=measure) for label in ("Transport Services", "Other Services")]
    rows.append(Kpi("Transport  services", "Apr – Jun 24", "6", 6.0, breakdown=measure + " "))
    assign_keys(rows)
    assert rows[0].indicator_key != rows[1].indicator_key and rows[0].indicator_key == rows[2].indicator_key
