"""The web view under attack from other pages in the same browser: DNS rebinding (a foreign ``Host``),
answers of gigabytes from one GET, very long searches, and file names that would break a header.

``serve`` runs as a subprocess on a free port and is spoken to over real HTTP on 127.0.0.1 (a
``Host`` header has to be set by hand, which a browser will not do) and in Chromium.
"""

from __future__ import annotations

import http.client
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

from test_web import browser  # noqa: F401 (the browser fixture)
from test_web_daily import CORPUS, EXE, Server, page  # noqa: F401 (the page fixture)

LONG_QUERY = " ".join(f"word{i}" for i in range(2000))


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("guard")
    papers = folder / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / "little_ashby_pc_2024-10-16_minutes.txt", papers / 'minutes "final"\nOctober.txt')
    db = folder / "council.db"
    done = subprocess.run([str(EXE), "ingest", str(papers), "--db", str(db), "--silent", "--workers", "1"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    server = Server(db)
    yield server
    server.close()


def request(server: Server, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` with the Host header given (the server's own address by default)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{server.port}")
        conn.endheaders()
        answer = conn.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        conn.close()


def sql(server: Server, query: str) -> str:
    return f"/{server.name}.json?" + urllib.parse.urlencode({"sql": query})


def test_a_foreign_host_header_is_refused(guarded):
    status, _, body = request(guarded, f"/{guarded.name}.json", host="attacker.example")
    assert status == 421 and b"answers only to" in body
    status, _, body = request(guarded, f"/{guarded.name}/documents.json", host=f"attacker.example:{guarded.port}")
    assert status == 421 and b"minutes" not in body
    for host in (f"127.0.0.1:{guarded.port}", f"localhost:{guarded.port}"):
        status, _, body = request(guarded, f"/{guarded.name}/documents.json", host=host)
        assert status == 200 and b"October.txt" in body, host


def test_one_sql_call_cannot_make_a_huge_answer(guarded):
    started = time.monotonic()
    status, _, body = request(guarded, sql(guarded, "select zeroblob(400000000) as big"))
    assert status == 400 and len(body) < 100_000 and b"too big" in body, (status, body[:300])
    status, _, body = request(guarded, sql(guarded, "select hex(randomblob(100000000))"))
    assert status == 400 and len(body) < 100_000, (status, body[:300])
    # many values each under the cap: the whole answer is capped
    status, _, body = request(guarded, sql(guarded, "with recursive n(i) as (select 1 union all select i + 1 from n "
                                                    "where i < 20) select printf('%.*c', 3000000, 'x') from n"))
    assert status == 413 and b"larger than 32 MB" in body, (status, body[:300])
    elapsed = time.monotonic() - started
    status, _, body = request(guarded, sql(guarded, "select count(*) as n from documents"))
    assert status == 200 and b'"rows": [[1]]' in body
    assert elapsed < 120  # a guard against a hang, not a speed target


def test_a_search_too_long_is_refused_on_the_web_as_in_the_cli(guarded, page):
    started = time.monotonic()
    status, _, body = request(guarded, "/-/search?" + urllib.parse.urlencode({"q": LONG_QUERY}))
    assert status == 400 and b"search query too long" in body
    page.goto(guarded.base + "/")
    page.fill("input[name=q]", LONG_QUERY)
    page.click("form.ce-search button")
    page.wait_for_load_state()
    error = page.locator(".ce-error").inner_text()
    assert error.startswith("search query too long (") and "at most 64 words" in error
    # the saved search view too: an error, at once
    status, _, body = request(guarded, f"/{guarded.name}/search_minutes.json?" + urllib.parse.urlencode(
        {"q": LONG_QUERY}))
    assert status == 400, (status, body[:300])
    assert time.monotonic() - started < 120


def test_a_file_name_with_a_newline_and_quotes_opens_from_its_link(guarded, page):
    status, _, body = request(guarded, f"/{guarded.name}/documents.json?_shape=array&_col=sha256")
    sha = body.decode().split('"sha256": "')[1][:64]
    status, headers, body = request(guarded, f"/-/doc/{sha}")
    assert status == 200 and b"LITTLE ASHBY PARISH COUNCIL" in body
    disposition = headers["content-disposition"]
    assert disposition.startswith('inline; filename="minutes _final__October.txt"; filename*=UTF-8\'\'')
    assert urllib.parse.unquote(disposition.split("''", 1)[1]) == 'minutes "final"\nOctober.txt'
    page.goto(f"{guarded.base}/-/doc/{sha}")
    assert "LITTLE ASHBY PARISH COUNCIL" in page.inner_text("body")


def test_the_cli_refuses_a_search_too_long(guarded):
    done = subprocess.run([str(EXE), "search", LONG_QUERY, "--db", str(guarded.db_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: search query too long ({len(LONG_QUERY):,} characters, 2,000 words)")


def test_the_library_cap_is_what_the_cli_and_web_use():
    from extract.errors import BadQuery
    from extract.store.search import MAX_QUERY_TERMS, fts_query

    fts_query(" ".join(["parks"] * MAX_QUERY_TERMS))
    with pytest.raises(BadQuery, match="too long"):
        fts_query(" ".join(["parks"] * (MAX_QUERY_TERMS + 1)))
    with pytest.raises(BadQuery, match="too long"):
        fts_query("x" * 1001)
    assert Path(EXE).exists()


def test_host_names_accepted():
    from extract.web.guard import allowed_hosts, names_this_server

    local = allowed_hosts("127.0.0.1", 8001)
    assert local == {"127.0.0.1:8001", "localhost:8001"}
    assert not names_this_server("attacker.example:8001", local, False, 8001)
    assert not names_this_server("10.0.0.5:8001", local, False, 8001)
    everywhere = allowed_hosts("0.0.0.0", 8080)
    assert names_this_server("10.0.0.5:8080", everywhere, True, 8080)
    assert names_this_server("[fe80::1]:8080", everywhere, True, 8080)
    assert not names_this_server("attacker.example:8080", everywhere, True, 8080)
    assert not names_this_server("10.0.0.5:9999", everywhere, True, 8080)
