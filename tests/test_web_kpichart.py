"""The KPI chart in a real browser (Debian's Chromium through Playwright, as test_web.py): a series with monthly
values, annual values, a target and two comparators, drawn by the vendored Vega-Lite with nothing fetched."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from extract.load import load_document
from extract.pipeline import extract_document
from extract.record import Kpi
from extract.store.ingest import make_result, write_document
from extract.store.schema import open_db
from extract.web.kpichart import chart_spec, series_rows

from test_web import browser, free_port, page  # noqa: F401  (the Chromium fixtures)

MONTHS = [("Apr-24", "2024-04", 121), ("May-24", "2024-05", 118), ("Jun-24", "2024-06", 124),
          ("Jul-24", "2024-07", 127), ("Aug-24", "2024-08", 131), ("Sep-24", "2024-09", 135)]
YEARS = [("2022/23", "2022/23", 140), ("2023/24", "2023/24", 128)]
REFERENCES = [("Target", 100), ("England", 130), ("South East", 115)]


def _series() -> list[Kpi]:
    label, key = "Households in temporary accommodation", "households-in-temporary-accommodation"
    out = [Kpi(label, c, str(v), float(v), "number", page=2, period=p, indicator_key=key, column_kind="period",
               period_type="month") for c, p, v in MONTHS]
    out += [Kpi(label, c, str(v), float(v), "number", page=1, period=p, indicator_key=key, column_kind="period",
                period_type="financial_year") for c, p, v in YEARS]
    out += [Kpi(label, c, str(v), float(v), "number", page=3, indicator_key=key,
                column_kind="target" if c == "Target" else "comparator") for c, v in REFERENCES]
    return out


@pytest.fixture(scope="module")
def chart_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chart")
    paper = folder / "housing_report.txt"
    paper.write_text("Housing performance report\n\nHouseholds in temporary accommodation, by month and year.\n",
                     encoding="utf-8")
    db_path = folder / "council.db"
    db = open_db(db_path)
    doc = load_document(paper)
    record = extract_document(doc)
    record.kpis = _series()
    write_document(db, make_result(doc, record))
    db.conn.close()
    port = free_port()
    exe = Path(sys.executable).with_name("council-extract")
    proc = subprocess.Popen([str(exe), "serve", str(db_path), "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {proc.stdout.read() if proc.stdout else ''}")
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("serve did not answer within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_spec_separates_granularities_and_references() -> None:
    rows = [{"column_label": k.column, "period": k.period, "value": k.value, "raw": k.raw, "page": k.page,
             "column_kind": k.column_kind} for k in _series()]
    data = series_rows(rows)
    assert {p["granularity"] for p in data["points"]} == {"monthly", "financial year"}
    assert len(data["points"]) == 8 and all(p["kind"] == "period" for p in data["points"])
    assert sorted(r["column"] for r in data["references"]) == ["England", "South East", "Target"]
    spec = chart_spec("Households", "number", data)
    line = spec["layer"][0]
    assert line["encoding"]["x"]["type"] == "temporal" and line["encoding"]["detail"]["field"] == "granularity"
    assert line["encoding"]["y"]["scale"]["domain"][0] == 0 and line["encoding"]["y"]["scale"]["zero"] is True


def test_chart_in_chromium(chart_server, page) -> None:  # noqa: F811
    base = chart_server
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/-/kpi-chart?indicator=households-in-temporary-accommodation")
    page.wait_for_selector("#chart[data-rendered=yes]", timeout=20000)
    svg = page.locator("#chart svg")
    # one line per granularity: the monthly values and the annual values are two lines, never one
    lines = svg.locator("g.mark-line.role-mark path")
    assert lines.count() == 2
    assert svg.locator("g.mark-symbol.role-mark path").count() == len(MONTHS) + len(YEARS)
    # the target and the two comparators: reference lines with their labels, not points of the time line
    assert svg.locator("g.mark-rule.role-mark line").count() == 3
    labels = svg.locator("g.mark-text.role-mark text").all_text_contents()
    assert sorted(labels) == ["England: 130", "South East: 115", "Target: 100"]
    x_labels = " ".join(svg.locator("g.role-axis-label text").all_text_contents())  # both axes' tick labels
    assert "England" not in x_labels and "Target" not in x_labels
    # a time axis: the annual and monthly values lie in date order, the axis zero-based and saying so
    axis_texts = svg.locator("text").all_text_contents()
    assert "0" in axis_texts, axis_texts
    assert any("axis from 0" in t for t in axis_texts)
    assert "2023" in x_labels and "2024" in x_labels
    # the source page of every value is linked
    sources = page.locator("a.source")
    assert sources.count() == len(MONTHS) + len(YEARS) + len(REFERENCES)
    href = sources.first.get_attribute("href")
    assert href.startswith("/-/doc/") and "#page=" in href
    with urllib.request.urlopen(base + href.split("#")[0]) as answer:
        assert answer.status == 200 and b"Housing performance report" in answer.read()
    spec = json.loads(page.locator("#spec").text_content())
    assert all(p["href"].startswith("/-/doc/") for p in spec["layer"][0]["data"]["values"])
    # nothing fetched from anywhere but this server
    assert requests and all(u.startswith(base) for u in requests), requests


def test_unknown_indicator_and_static_files(chart_server, page) -> None:  # noqa: F811
    base = chart_server
    page.goto(f"{base}/-/kpi-chart?indicator=no-such-indicator")
    assert "nothing to draw" in page.inner_text("body")
    with urllib.request.urlopen(base + "/-/kpi-chart/static/vega.min.js") as answer:
        assert answer.status == 200 and answer.headers["Content-Type"].startswith("application/javascript")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(base + "/-/kpi-chart/static/other.js")
