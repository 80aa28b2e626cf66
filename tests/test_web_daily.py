"""The web view for daily use (issue 21), in a real browser: Debian's Chromium driven by Playwright.

The view stays live while an ingest writes the same database; the front page searches with
filters and links to what people need; results name their document, meeting and date and
show each sentence once; saved views keep their SQL out of the way; the full-text syntax
fails politely; long lists come a page at a time; the outstanding list reads at 1280 px;
committees that differ only in case are one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from test_web import browser, free_port  # noqa: F401 (the browser fixture)

CORPUS = ROOT / "corpus"
EXE = Path(sys.executable).with_name("council-extract")
FIRST = ["little_ashby_pc_2024-10-16_minutes.txt", "wexcombe_planning_2024-10-22_minutes.pdf"]
LATER = ["wexcombe_cabinet_2024-12-03_report_leisure_decarbonisation.pdf",
         "wexcombe_cyp_scrutiny_2024-11-14_agenda_pack.pdf", "wexcombe_cyp_scrutiny_2024-11-14_minutes.pdf"]


def ingest(db: Path, *files: Path) -> subprocess.Popen:
    return subprocess.Popen([str(EXE), "ingest", *map(str, files), "--db", str(db), "--silent", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


class Server:
    """``council-extract serve`` on a free port, stopped by ``close``."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.name = db.stem
        self.db_path = db
        self.proc = subprocess.Popen([str(EXE), "serve", str(db), "--port", str(self.port)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None:
                    pytest.fail(f"serve exited: {self.proc.stdout.read() if self.proc.stdout else ''}")
                time.sleep(0.3)
        self.close()
        pytest.fail("serve did not answer within 60 s")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("webdaily") / "council.db"
    done = ingest(db, CORPUS)
    assert done.wait(timeout=600) == 0, done.stdout.read() if done.stdout else ""
    server = Server(db)
    yield server
    server.close()


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


# ---------------------------------------------------------------- live beside the nightly batch


def test_the_view_stays_live_while_an_ingest_writes(tmp_path, page):
    db = tmp_path / "council.db"
    first = ingest(db, *(CORPUS / f for f in FIRST))
    assert first.wait(timeout=600) == 0
    server = Server(db)
    try:
        page.goto(server.base + "/")
        assert "2 papers" in page.inner_text("main, body")
        batch = ingest(db, *(CORPUS / f for f in LATER))
        answers = []
        while batch.poll() is None:  # browse while the batch writes: every answer complete and correct
            status, body = server.get("/-/search?q=council")
            answers.append(status)
            assert status == 200 and "malformed" not in body, body[:300]
            status, body = server.get(f"/{server.name}/documents.json?_shape=array")
            assert status == 200 and 2 <= len(json.loads(body)) <= 5
            time.sleep(0.2)
        assert batch.wait() == 0 and answers
        page.reload()  # the same server, no restart: the new papers are there
        text = page.inner_text("body")
        assert "5 papers" in text and "wexcombe_cabinet_2024-12-03_report_leisure_decarbonisation.pdf" in text
        page.goto(server.base + "/-/search?q=decarbonisation")
        assert page.locator(".ce-hits li").count() >= 1
        status, body = server.get(f"/{server.name}/documents.json?_shape=array")
        assert status == 200 and len(json.loads(body)) == 5
        status, body = server.get(f"/{server.name}/outstanding_recommendations.json?_shape=array")
        assert status == 200 and len(json.loads(body)) >= 1  # the tracker the ingest rebuilt
    finally:
        server.close()


# ---------------------------------------------------------------- the front page


def test_front_page_searches_with_filters_and_links_to_what_people_need(corpus_server, page):
    server = corpus_server
    page.goto(server.base + "/")
    assert page.locator("input[name=q]").count() == 1
    for name in ("council", "body", "kind"):
        assert page.locator(f"select[name={name}] option").count() >= 2, name
    assert page.locator("input[name=since]").count() == 1 and page.locator("input[name=until]").count() == 1
    latest = page.locator("table.ce-latest tbody tr")
    assert latest.count() == 5 and "16 Oct 2024" in page.inner_text("table.ce-latest")
    page.fill("input[name=q]", "circulate")
    page.select_option("select[name=council]", "Wexcombe Borough Council")
    page.select_option("select[name=kind]", "minutes")
    page.click("form.ce-search button")
    page.wait_for_load_state()
    assert "/-/search?" in page.url and "council=Wexcombe" in page.url
    hits = page.locator(".ce-hits li")
    assert hits.count() >= 1
    assert all("Wexcombe Borough Council" in hits.nth(i).inner_text() for i in range(hits.count()))
    page.fill("input[name=since]", "2030-01-01")
    page.click("form.ce-search button")
    page.wait_for_load_state()
    assert page.locator(".ce-hits li").count() == 0 and "Nothing found" in page.inner_text("body")
    for link, heading in (("outstanding recommendations", "Outstanding recommendations"),
                          ("KPI series", "KPI series"), ("papers, newest first", "Documents (browse)")):
        page.goto(server.base + "/")
        page.click(f".ce-cards a:has-text('{link}')")
        page.wait_for_load_state()
        assert heading in page.locator("h1").first.inner_text(), link
    page.goto(server.base + "/-/kpis")
    page.locator("a", has_text="chart").first.click()
    page.wait_for_load_state()
    assert "/-/kpi-chart" in page.url
    page.wait_for_selector("#chart[data-rendered=yes]")  # Vega-Lite draws after the page has loaded (kpichart.py)
    assert page.locator("#chart svg path").count() >= 1


def test_search_results_name_document_meeting_and_date_once_per_sentence(corpus_server, page):
    page.goto(corpus_server.base + "/-/search?q=circulate")
    hits = page.locator(".ce-hits li")
    assert hits.count() >= 2
    snippets = [hits.nth(i).locator(".snippet").inner_text() for i in range(hits.count())]
    assert len(set(snippets)) == len(snippets)  # no sentence as a resolution, an action and a minute item
    for i in range(hits.count()):
        where = hits.nth(i).locator(".ce-where")
        text = where.inner_text()
        assert "meeting of " in text and " 2024" in text, text
        link = where.locator("a")
        assert ".pdf, page " in link.inner_text() or ".txt, page " in link.inner_text()
        assert link.get_attribute("href").startswith("/-/doc/")
    assert "also action" in page.inner_text(".ce-hits")


def test_saved_views_have_titles_and_keep_their_sql_out_of_the_way(corpus_server, page):
    base, name = corpus_server.base, corpus_server.name
    page.goto(f"{base}/{name}")
    text = page.inner_text("body")
    assert "Outstanding recommendations by committee: Requests not yet answered" in text
    assert "What is new since a date" in text
    page.goto(f"{base}/{name}/new_since?since=2000-01-01")
    assert "Documents stored on or after the date" in page.inner_text("body")
    assert page.locator("#sql-query").count() == 0 and page.locator("textarea#sql-editor").count() == 0
    assert "ingested_at >=" not in page.inner_text("body") and "ingested_at" not in page.title()
    page.click("text=show")
    page.wait_for_load_state()
    assert "ingested_at" in page.locator("#sql-editor, #sql-query").first.inner_text()
    page.goto(f"{base}/{name}/decisions")
    assert page.locator("pre.wrapped-sql").count() == 0
    assert "Resolutions with their meeting" in page.inner_text("body")
    page.click("text=Show the SQL")
    page.wait_for_load_state()
    assert "LEFT JOIN meetings" in page.locator("pre.wrapped-sql").inner_text()


@pytest.mark.parametrize("query", ['"S.106', "S.106 AND", "budget:"])
def test_a_query_fts_cannot_read_gets_the_cli_message(corpus_server, page, query):
    from click.testing import CliRunner

    from extract.cli import cli

    page.goto(corpus_server.base + "/")
    page.fill("input[name=q]", query)
    page.click("form.ce-search button")
    page.wait_for_load_state()
    error = page.locator(".ce-error").inner_text()
    assert error.startswith("bad search query") and "fts5:" not in error
    cli_says = CliRunner().invoke(cli, ["search", query, "--db", str(corpus_server.db_path)]).output
    assert error in cli_says


def test_s106_is_a_word_not_an_error(corpus_server, page):
    page.goto(corpus_server.base + "/-/search?q=S.106")
    assert page.locator(".ce-error").count() == 0
    page.goto(f"{corpus_server.base}/{corpus_server.name}/search_minutes?q=S.106")
    assert "fts5" not in page.inner_text("body")


def test_outstanding_recommendations_read_at_1280_px(corpus_server, page):
    page.goto(corpus_server.base + "/-/outstanding")
    table = page.locator("table.ce-outstanding-table")
    assert table.locator("tbody tr").count() >= 1
    size = page.evaluate("""() => {
        const table = document.querySelector('table.ce-outstanding-table');
        const request = table.querySelector('th.col-request');
        const columns = [...table.querySelectorAll('thead th')].map((th, i) =>
            [...table.querySelectorAll('tbody tr')].some(tr => tr.children[i].innerText.trim() !== ''));
        return {table: table.getBoundingClientRect().width, request: request.getBoundingClientRect().width,
                page: document.documentElement.scrollWidth, columns};
    }""")
    assert size["page"] <= 1280  # nothing runs off the side
    assert size["request"] >= 0.35 * size["table"]  # the request gets the room
    assert all(size["columns"])  # no column is empty on the page


# ---------------------------------------------------------------- long lists, one spelling


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    """2,000 requests in one set of minutes: every list would run to thousands of rows."""
    from extract.followup import follow_up
    from extract.record import Meeting, MinuteItem, Record, Resolution, Source
    from extract.store.ingest import write_document
    from extract.store.schema import open_db

    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.db"
    count = 2000
    items = [MinuteItem(number=str(i), title=f"Drainage item {i}", page=1 + i // 40, resolutions=[
        Resolution(number="1", text=f"That the Clerk circulate drainage report number {i} on ditch {i * 7}.",
                   page=1 + i // 40)]) for i in range(count)]
    record = Record(source=Source(file="big.txt", sha256="e" * 64, pages=count // 40 + 1,
                                  path=str(folder / "big.txt"), format="text"),
                    kind="minutes", council="Test Council", body="Cabinet", date="2024-01-10")
    record.meetings = [Meeting(body="Cabinet", date="2024-01-10", page=1, items=items)]
    pages = [{"page": p, "text": "Drainage minutes", "text_source": "text_layer"} for p in range(1, count // 40 + 2)]
    db = open_db(path)
    write_document(db, {"record": record.to_dict(), "pages": pages, "path": str(folder / "big.txt")})
    follow_up(db)
    db.close()
    server = Server(path)
    yield server
    server.close()


@pytest.mark.parametrize("path", ["/-/outstanding", "/-/search?q=drainage"])
def test_a_long_list_comes_a_page_at_a_time(big_server, page, path):
    page.goto(big_server.base + path)
    rows = page.locator("table.ce-outstanding-table tbody tr, .ce-hits li")
    assert 0 < rows.count() <= 50
    first = rows.first.inner_text()
    page.click("a[rel=next]")
    page.wait_for_load_state()
    assert "page=2" in page.url and 0 < rows.count() <= 50 and rows.first.inner_text() != first
    assert page.locator("a[rel=prev]").count() == 1


def test_datasette_views_page_through_too(big_server, page):
    page.goto(f"{big_server.base}/{big_server.name}/outstanding_recommendations")
    assert 0 < page.locator("table.rows-and-columns tbody tr").count() <= 50
    assert page.locator("a", has_text="Next page").count() == 1


def test_committees_that_differ_only_in_case_are_one(corpus_server, page):
    base, name = corpus_server.base, corpus_server.name
    # the demo corpus prints "CHILDREN AND YOUNG PEOPLE SCRUTINY PANEL" on the pack and the title case in the minutes
    page.goto(f"{base}/{name}/action_list")  # body is one of its facets
    values = page.locator(".facet-info[data-column=body]").first.locator("li a").all_inner_texts()
    assert values and len({v.casefold() for v in values}) == len(values), values
    assert "Children and Young People Scrutiny Panel" in values
    page.goto(base + "/")
    options = page.locator("select[name=body] option").all_inner_texts()
    assert len({o.casefold() for o in options}) == len(options), options
