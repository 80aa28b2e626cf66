"""Fetching from ModernGov sites, against a local server that plays a council (never the internet)."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pytest_httpserver", reason="pytest-httpserver (a dev dependency) plays the council's site")
from werkzeug.wrappers import Request, Response  # noqa: E402  (installed with pytest-httpserver)

from extract.cli import cli  # noqa: E402
from extract.fetch import moderngov_xml as mx  # noqa: E402
from extract.fetch.councils import load_councils  # noqa: E402
from extract.fetch.http import FetchError, PoliteClient  # noqa: E402
from extract.fetch.moderngov import same_scheme  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"


def minutes_pdf(title: str) -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in (f"MINUTES OF THE AUDIT COMMITTEE - {title}", "Present: Councillors Curley and Reid",
                 "1. APOLOGIES", "There were none.", "2. INTERNAL AUDIT PLAN",
                 "RESOLVED that the internal audit plan be approved."):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class FakeModernGov:
    """A council's ModernGov site: its web service, its documents, robots.txt, and its failure modes."""

    def __init__(self, server, ignore_dates: bool = True) -> None:
        self.server = server
        self.base = server.url_for("/mg").rstrip("/")
        self.meetings: dict[int, dict] = {}
        self.documents: dict[int, bytes] = {}
        self.doc_overrides: dict[int, Response] = {}
        self.ignore_dates = ignore_dates  # the real service's trap: a badly formed range returns everything
        self.requests: list[Request] = []
        self.robots = "User-agent: *\nDisallow: /mg/private/\n"
        self.service_status: int | None = None
        self.busy_once: set[int] = set()  # documents that answer 503 once, then the paper
        server.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def add_meeting(self, meeting_id: int, date: dt.date, docs: list[tuple[int, str, bool]], minutes: bool = False):
        """docs: (attachment id, title, restricted)."""
        self.meetings[meeting_id] = {"date": date, "docs": docs, "minutes": minutes}
        for attachment_id, title, _ in docs:
            self.documents.setdefault(attachment_id, minutes_pdf(title))

    def handle(self, request: Request) -> Response:
        self.requests.append(request)
        path = request.path
        if path == "/robots.txt":
            return Response(self.robots, content_type="text/plain")
        if path.startswith("/blocked") or (self.service_status and "mgWebService" in path):
            return Response("<html><body><h1>403 Forbidden</h1>Request blocked</body></html>",
                            status=self.service_status or 403, content_type="text/html")
        if path.endswith("/GetCommittees"):
            return Response((FIXTURES / "committees.xml").read_text(), content_type="text/xml")
        if path.endswith("/GetMeetings"):
            return Response(self.meetings_xml(request.args), content_type="text/xml")
        if path.endswith("/GetMeeting"):
            return Response(self.meeting_xml(int(request.args["lMeetingId"])), content_type="text/xml")
        if path.endswith("/mgConvert2PDF.aspx"):
            attachment_id = int(request.args["ID"])
            if attachment_id in self.doc_overrides:
                return self.doc_overrides[attachment_id]
            if attachment_id in self.busy_once:
                self.busy_once.discard(attachment_id)
                return Response("busy", status=503, headers={"Retry-After": "0"})
            etag = f'"doc-{attachment_id}"'
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(self.documents[attachment_id], content_type="application/pdf", headers={"ETag": etag})
        return Response("not found", status=404)

    def meetings_xml(self, args) -> str:
        rows = []
        for meeting_id, m in sorted(self.meetings.items()):
            if not self.ignore_dates:
                lo = dt.datetime.strptime(args["sFromDate"], "%d/%m/%Y").date()
                hi = dt.datetime.strptime(args["sToDate"], "%d/%m/%Y").date()
                if not lo <= m["date"] <= hi:
                    continue
            rows.append(f"<meeting><meetingid>{meeting_id}</meetingid><meetingdate>{m['date']:%d/%m/%Y}</meetingdate>"
                        f"<meetingstatus>Confirmed</meetingstatus></meeting>")
        return (f"<?xml version='1.0' encoding='utf-8'?><getmeetings><committee><committeeid>144</committeeid>"
                f"<committeetitle>Audit Committee</committeetitle><committeemeetings>{''.join(rows)}"
                f"</committeemeetings></committee></getmeetings>")

    def meeting_xml(self, meeting_id: int) -> str:
        m = self.meetings[meeting_id]
        item = (FIXTURES / "agendaitem.xml").read_text()
        items = []
        for number, (attachment_id, title, restricted) in enumerate(m["docs"], 1):
            # the service hands out http:// links, whatever the site's own scheme
            url = f"{self.base}/mgConvert2PDF.aspx?ID={attachment_id}"
            items.append(item.format(item_id=attachment_id + 1000, item_title=title, item_number=number,
                                     restricted=str(restricted), date=f"{m['date']:%d/%m/%Y}",
                                     attachment_id=attachment_id, doc_title=title, doc_url=url))
        return (FIXTURES / "meeting.xml").read_text().format(
            meeting_id=meeting_id, date=f"{m['date']:%d/%m/%Y}", minutes_published=str(m["minutes"]),
            items="\n".join(items), base=self.base)

    def document_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("mgConvert2PDF.aspx")]


def councils_file(tmp_path: Path, *sites: tuple[str, str], timeout: float = 5, retries: int = 2) -> Path:
    parts = [f"[defaults]\ncontact = \"scrutiny@example.org\"\nmin_interval = 0\ntimeout = {timeout}\n"
             f"max_retries = {retries}\n"]
    for name, base in sites:
        parts.append(f"[[council]]\nname = \"{name}\"\nplatform = \"moderngov\"\nbase_url = \"{base}\"\n"
                     f"committees = [\"Audit Committee\"]\n")
    path = tmp_path / "councils.toml"
    path.write_text("\n".join(parts))
    return path


TODAY = dt.date(2026, 3, 1)


def run_fetch(tmp_path, councils: Path, *extra: str):
    args = ["fetch", "--councils-file", str(councils), "--to", str(tmp_path / "papers"), "--db",
            str(tmp_path / "council.db"), "--since", "2026-01-01", "--until", "2026-06-30", "--silent", *extra]
    return CliRunner().invoke(cli, args)


@pytest.fixture
def council(httpserver):
    site = FakeModernGov(httpserver)
    site.add_meeting(4966, dt.date(2026, 2, 10), [(60860, "Minutes Audit Committee 25 Nov 2025", False),
                                                  (60909, "Work Programme", False),
                                                  (60950, "Exempt appendix", True)])
    site.add_meeting(1200, dt.date(2019, 5, 1), [(10001, "Old minutes", False)])  # outside the window
    return site


def test_shipped_councils_file_is_valid():
    councils, settings = load_councils()
    names = {c.name for c in councils}
    assert {"Southampton City Council", "Kent County Council", "Bristol City Council"} <= names
    assert all(c.base_url.startswith("https://") for c in councils)
    assert settings.min_interval >= 1 and settings.timeout >= 60


def test_parses_service_answers():
    committees = mx.committees((FIXTURES / "committees.xml").read_bytes())
    assert [(c.id, c.title, c.expired) for c in committees] == [(144, "Audit Committee", False),
                                                                (312, "Appointment Sub Committee", True)]
    with pytest.raises(mx.ServiceAnswerError, match="HTML page"):
        mx.committees(b"<html><body>403 Forbidden</body></html>")


def test_http_links_move_to_the_sites_scheme():
    assert same_scheme("http://democracy.kent.gov.uk/x?ID=1", "https://democracy.kent.gov.uk") == \
        "https://democracy.kent.gov.uk/x?ID=1"
    assert same_scheme("http://other.example/x", "https://democracy.kent.gov.uk") == "http://other.example/x"


def test_nightly_scenario(tmp_path, council):
    councils = councils_file(tmp_path, ("Testshire County Council", council.base))
    first = run_fetch(tmp_path, councils, "--ingest")
    assert first.exit_code == 0, first.output
    files = sorted((tmp_path / "papers" / "testshire-county-council").glob("*.pdf"))
    assert [f.name for f in files] == ["2026-02-10_audit-committee_60860_minutes-audit-committee-25-nov-2025.pdf",
                                       "2026-02-10_audit-committee_60909_work-programme.pdf"]
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)
    # the restricted document is never asked for; the meeting outside the window neither (date trap)
    asked = {r.args["ID"] for r in council.document_requests()}
    assert asked == {"60860", "60909"}
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "council.db")
    rows = {r["attachment_id"]: r for r in db["fetched_documents"].rows}
    assert rows[60860]["committee"] == "Audit Committee" and rows[60860]["meeting_date"] == "2026-02-10"
    assert rows[60860]["url"].startswith(council.base)
    assert db["documents"].count == 2
    ingested = {r["sha256"]: r for r in db["documents"].rows}
    assert {r["sha256"] for r in db["fetched_documents"].rows} == set(ingested)
    # the web service's word on council, committee and date wins over the parser's reading
    assert {(r["council"], r["body"], r["date"]) for r in ingested.values()} == {
        ("Testshire County Council", "Audit Committee", "2026-02-10")}

    before = len(council.document_requests())
    second = run_fetch(tmp_path, councils, "--ingest")
    assert second.exit_code == 0, second.output
    conditional = council.document_requests()[before:]
    assert conditional and all(r.headers.get("If-None-Match") for r in conditional)
    assert "0 documents fetched" in second.output

    council.add_meeting(4967, dt.date(2026, 3, 10), [(61000, "Agenda reports pack", False)], minutes=False)
    third = run_fetch(tmp_path, councils, "--ingest")
    assert third.exit_code == 0, third.output
    assert "1 documents fetched" in third.output
    assert db["documents"].count == 3


def test_minutes_published_later_are_picked_up(tmp_path, council):
    councils = councils_file(tmp_path, ("Testshire County Council", council.base))
    assert run_fetch(tmp_path, councils).exit_code == 0
    council.meetings[4966]["minutes"] = True
    council.meetings[4966]["docs"].append((60999, "Printed minutes 10th-Feb-2026", False))
    council.documents[60999] = minutes_pdf("printed")
    result = run_fetch(tmp_path, councils)
    assert "1 documents fetched" in result.output
    assert any("60999" in p.name for p in (tmp_path / "papers").rglob("*.pdf"))


def test_failures_stay_with_their_council(tmp_path, council, httpserver):
    blocked_base = httpserver.url_for("/blocked").rstrip("/")
    councils_path = tmp_path / "councils.toml"
    councils_path.write_text(
        "[defaults]\ncontact = \"x@example.org\"\nmin_interval = 0\ntimeout = 5\nmax_retries = 0\n"
        f"[[council]]\nname = \"Blocked Borough Council\"\nbase_url = \"{blocked_base}\"\n"
        f"[[council]]\nname = \"Testshire County Council\"\nbase_url = \"{council.base}\"\n"
        "committees = [\"Audit Committee\"]\n")
    council.doc_overrides[60909] = Response("<html><body>Please log in</body></html>", content_type="text/html")
    result = run_fetch(tmp_path, councils_path)
    assert result.exit_code == 4, result.output
    assert "Blocked Borough Council: 0 documents seen; FAILED" in result.output
    assert "HTML page came back where a PDF was expected" in result.output
    assert "1 documents fetched" in result.output  # the good document of the second council still came
    assert "Traceback" not in result.output


def test_blocked_service_403(tmp_path, council):
    council.service_status = 403
    result = run_fetch(tmp_path, councils_file(tmp_path, ("Testshire County Council", council.base), retries=0))
    assert result.exit_code == 4
    assert "blocked (HTTP 403" in result.output


def test_retry_after_is_honoured(httpserver):
    calls = []

    def handler(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("busy", status=503, headers={"Retry-After": "7"})
        return Response("<committees/>", content_type="text/xml")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/svc").respond_with_handler(handler)
    slept = []
    client = PoliteClient(contact="x@example.org", min_interval=0, max_retries=2, sleep=slept.append)
    assert client.get(httpserver.url_for("/svc")).status == 200
    assert 7.0 in slept and len(calls) == 2


def test_slow_server_times_out(httpserver):
    def slow(request):
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/slow").respond_with_handler(slow)
    client = PoliteClient(contact="x@example.org", min_interval=0, timeout=0.5, max_retries=1, sleep=lambda s: None)
    with pytest.raises(FetchError, match="timed out after 0.5s"):
        client.get(httpserver.url_for("/slow"))


def test_politeness(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    seen = []
    httpserver.expect_request("/open").respond_with_handler(lambda r: seen.append(r.headers["User-Agent"]) or Response("ok"))
    slept = []
    now = [100.0]
    client = PoliteClient(contact="clerk@example.org", min_interval=2.0, sleep=slept.append, clock=lambda: now[0])
    client.get(httpserver.url_for("/open"))
    client.get(httpserver.url_for("/open"))
    assert slept and max(slept) == pytest.approx(2.0)  # a gap between two requests to one host
    assert "council-extract" in seen[0] and "clerk@example.org" in seen[0] and "Mozilla" not in seen[0]
    with pytest.raises(FetchError, match="robots.txt"):
        client.get(httpserver.url_for("/private/paper.pdf"))


def test_unknown_council_is_a_usage_error(tmp_path, council):
    councils = councils_file(tmp_path, ("Testshire County Council", council.base))
    result = run_fetch(tmp_path, councils, "--council", "Nowhere Council")
    assert result.exit_code == 2
    assert "nowhere council" in result.output.lower()


# ---------------------------------------------------------------- nothing lost, nothing failing forever


def _db(tmp_path):
    import sqlite_utils

    return sqlite_utils.Database(tmp_path / "council.db")


def test_every_request_and_every_skipped_paper_is_logged(tmp_path, council):
    council.busy_once.add(60860)  # a 503 that the retry gets past
    result = run_fetch(tmp_path, councils_file(tmp_path, ("Testshire County Council", council.base)))
    assert result.exit_code == 0, result.output
    assert "1 restricted skipped" in result.output
    rows = list(_db(tmp_path).query("SELECT url, status, outcome, reason FROM fetch_requests ORDER BY id"))
    paper = [(r["status"], r["outcome"]) for r in rows if r["url"].endswith("ID=60860")]
    assert paper == [(503, "retry"), (200, "ok")]
    skipped = [r for r in rows if r["outcome"] == "skipped"]
    assert len(skipped) == 1 and skipped[0]["reason"].startswith("restricted: Exempt appendix (attachment 60950)")
    assert any(r["url"].endswith("/robots.txt") for r in rows)
    assert len([r for r in rows if r["outcome"] != "skipped"]) == len(council.requests)  # every request made


def test_a_deleted_copy_is_fetched_again(tmp_path, council):
    councils = councils_file(tmp_path, ("Testshire County Council", council.base))
    assert run_fetch(tmp_path, councils).exit_code == 0
    [copy] = (tmp_path / "papers").rglob("*60860*.pdf")
    copy.unlink()
    before = len(council.document_requests())
    result = run_fetch(tmp_path, councils)
    assert result.exit_code == 0, result.output
    assert copy.is_file() and copy.read_bytes().startswith(b"%PDF")
    assert "1 documents fetched" in result.output
    asked = {r.args["ID"]: r.headers.get("If-None-Match") for r in council.document_requests()[before:]}
    assert asked["60860"] is None and asked["60909"]  # unconditional for the lost copy, conditional for the other


def test_fetch_ingest_ingests_papers_fetched_earlier(tmp_path, council):
    councils = councils_file(tmp_path, ("Testshire County Council", council.base))
    assert run_fetch(tmp_path, councils).exit_code == 0  # fetched, not ingested
    assert "documents" not in _db(tmp_path).table_names() or _db(tmp_path)["documents"].count == 0
    result = run_fetch(tmp_path, councils, "--ingest")
    assert result.exit_code == 0, result.output
    assert "0 documents fetched" in result.output and "2 ingested" in result.output
    assert _db(tmp_path)["documents"].count == 2


def test_known_failures_are_reported_but_do_not_fail_the_run(tmp_path, council, httpserver):
    blocked_base = httpserver.url_for("/blocked").rstrip("/")
    councils_path = tmp_path / "councils.toml"
    councils_path.write_text(
        "[defaults]\ncontact = \"x@example.org\"\nmin_interval = 0\ntimeout = 5\nmax_retries = 0\n"
        f"[[council]]\nname = \"Blocked Borough Council\"\nbase_url = \"{blocked_base}\"\n"
        f"[[council]]\nname = \"Testshire County Council\"\nbase_url = \"{council.base}\"\n"
        "committees = [\"Audit Committee\"]\n")
    council.doc_overrides[60909] = Response("<html><body>Please log in</body></html>", content_type="text/html")
    first = run_fetch(tmp_path, councils_path, "--ingest")
    assert first.exit_code == 4, first.output
    second = run_fetch(tmp_path, councils_path, "--ingest")
    assert second.exit_code == 0, second.output  # the same failures as last night: the feeds still update
    assert "Blocked Borough Council: 0 documents seen; FAILED (known, failing since 20" in second.output
    assert "known: Work Programme" in second.output
    assert "councils with new failures: none; with known failures only: Blocked Borough Council, " \
           "Testshire County Council" in second.output
    council.doc_overrides[60909] = Response("<html><body>Server error</body></html>", content_type="text/html",
                                            status=500)
    third = run_fetch(tmp_path, councils_path)
    assert third.exit_code == 4, third.output  # a different failure is new
