"""The web interface, tested in a real browser: Debian's Chromium driven by Playwright.

`serve` is started as a subprocess on a free port; the tests search, open the
outstanding-recommendations query, facet, open a KPI chart and load hostile text.
Run with ``--screens`` to save a screenshot of each page into out/screens/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extract.load import load_document
from extract.pipeline import extract_document
from extract.record import Kpi
from extract.store.ingest import make_result, write_document
from extract.store.schema import open_db

from conftest import ROOT, SHARED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).parent / "fixtures"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """The demo corpus, seed 001 where ../shared is present, the hostile paper, and a KPI series."""
    folder = tmp_path_factory.mktemp("web")
    path = folder / "council.db"
    db = open_db(path)
    files = sorted(CORPUS.iterdir()) + [FIXTURES / "hostile.txt"]
    seed = SHARED / "seeds" / "001_937c12d170c9b0c7.txt"
    if seed.exists():
        files.append(seed)
    for file in files:
        doc = load_document(file)
        record = extract_document(doc)
        if file.name == "hostile.txt" and not record.kpis:
            record.kpis = [Kpi("Rough sleepers counted <b>on</b> one night", c, str(v), float(v), "number", page=1,
                               period=p, indicator_key="rough-sleepers")
                           for c, p, v in (("Q1", "2024-06", 12), ("Q2", "2024-09", 9), ("Q3", "2024-12", 14))]
        write_document(db, make_result(doc, record))
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def server(database):
    port = free_port()
    exe = Path(sys.executable).with_name("council-extract")
    proc = subprocess.Popen([str(exe), "serve", str(database), "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    assert f"at {base}/" in proc.stdout.readline()  # the URL is printed before serving
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {proc.stdout.read()}")
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("serve did not answer within 60 s")
    yield base, database.stem
    proc.terminate()
    proc.wait(timeout=10)


def test_serve_prints_url_and_is_read_only(server, database):
    import hashlib
    import json
    import urllib.error

    base, name = server
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(base + f"/{name}.json?sql=delete+from+documents")
    assert refused.value.code == 400
    with urllib.request.urlopen(base + f"/{name}/documents.json?_shape=array") as answer:
        assert len(json.load(answer)) >= 5
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before  # the server wrote nothing


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency) drives the browser")
    if not CHROMIUM:
        pytest.skip("no Chromium on this machine: install Debian's chromium (.ci/run does) to run the browser tests")
    with playwright_api.sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield chrome
        chrome.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs  # type: ignore[attr-defined]
    yield tab
    if request.config.getoption("--screens"):
        folder = ROOT / "out" / "screens"
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
    context.close()


def test_search_finds_neet_with_a_working_page_link(server, page):
    if not (SHARED / "seeds").exists():
        pytest.skip("../shared not present: the NEET minutes are seed 001")
    base, name = server
    page.goto(f"{base}/{name}/search_minutes?q=NEET")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0
    dated = page.locator("table.rows-and-columns tbody tr", has_text="2021-09-30")
    assert dated.count() > 0 and "NEET" in dated.first.inner_text()
    link = dated.first.locator("a", has_text="open").first
    href = link.get_attribute("href")
    assert href.startswith("/-/doc/") and "#page=" in href
    with urllib.request.urlopen(base + href.split("#")[0]) as answer:
        assert answer.status == 200 and "Post 16" in answer.read().decode("utf-8", "replace")


def test_outstanding_recommendations_show_open_items(server, page):
    base, name = server
    page.goto(f"{base}/{name}/outstanding_recommendations")
    text = page.locator("table.rows-and-columns").inner_text()
    assert "open" in text
    assert "Children and Young People Scrutiny Panel" in text or "Scrutiny" in text
    assert page.locator("th", has_text="days_outstanding").count() == 1


def test_facet_by_body(server, page):
    base, name = server
    page.goto(f"{base}/{name}/decisions?_facet=body")
    facet = page.locator(".facet-results")
    assert facet.count() >= 1
    first = facet.locator("li a").first
    label = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert "body=" in page.url
    assert page.locator("table.rows-and-columns tbody tr").count() >= 1, label


def test_kpi_chart(server, page):
    base, name = server
    page.goto(f"{base}/{name}/kpi_series?indicator=Rough")
    link = page.locator("a", has_text="chart").first
    link.click()
    page.wait_for_load_state()
    assert "/-/kpi-chart" in page.url
    page.wait_for_selector("#chart[data-rendered=yes]")  # drawn by the vendored Vega-Lite (test_web_kpichart.py)
    assert page.locator("#chart g.mark-line.role-mark path").count() == 1
    assert page.locator("#chart g.mark-symbol.role-mark path").count() == 3
    assert "<b>on</b>" in page.locator("h1").inner_text()  # the label's markup shows as text


def test_hostile_text_is_shown_as_text(server, page):
    base, name = server
    page.goto(f"{base}/{name}/pages?text__contains=script")
    body = page.content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert page.locator("img[src=x]").count() == 0
    page.goto(f"{base}/{name}/search_minutes?q=alert")
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_metadata_hides_fts_and_describes_tables(server, page):
    base, name = server
    page.goto(f"{base}/{name}")
    text = page.inner_text("body")
    assert "search_fts_data" not in text
    assert "Outstanding recommendations by committee" in text
