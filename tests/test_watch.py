"""Saved searches and alerts (`council-extract watch`): hits recorded once per new match, digests, Atom, e-mail.

The demo corpus is ingested once (with watches in place, through the CLI so the
ingest hook runs); each test works on its own copy of that database.
"""

from __future__ import annotations

import email
import json
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.store.schema import open_db

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"

WATCHES = [
    ["drain", "drain"],  # Little Ashby minutes, item 24/104 (page 1)
    ["planning-res", "--event", "resolution", "--body", "planning"],
    ["red", "--event", "kpi-red"],
    ["recs", "--event", "rec-status"],
    ["panel-res", "panel", "--in", "resolutions"],
]

LATER_MINUTES = """LITTLE ASHBY PARISH COUNCIL

MINUTES OF THE MEETING OF THE PARISH COUNCIL HELD ON WEDNESDAY 20 NOVEMBER 2024
AT 7.30PM IN LITTLE ASHBY VILLAGE HALL

Present: Cllr D Grey (Chairman), Cllr P Hale, Cllr J Moss and Cllr W Yeo

24/111 APOLOGIES FOR ABSENCE
Apologies were received from Cllr Pike.

24/112 MINUTES OF THE PREVIOUS MEETING
RESOLVED: to approve the minutes of the meeting held on 16 October 2024 as a true record.
\f
24/113 HIGHWAYS
The Clerk reported that the blocked drain on Mill Lane had been cleared by the Borough Council.
RESOLVED: to write to the Borough Council about the drain on Church Street.

24/114 DATE OF NEXT MEETING
Wednesday 18 December 2024 at 7.30pm in the Village Hall.
"""


def run(*args: str, ok: bool = True) -> "object":
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("watch") / "council.db"
    for spec in WATCHES:
        run("watch", "add", *spec, "--db", db)
    result = run("ingest", CORPUS, "--db", db, "--silent", "--workers", "2")
    assert "watches:" in result.output  # the hook reported (stderr is mixed into output)
    return db


@pytest.fixture
def db_path(corpus_db, tmp_path) -> Path:
    """A private copy of the ingested database."""
    target = tmp_path / "council.db"
    src = sqlite3.connect(corpus_db)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def hits(db_path: Path, watch: str) -> list[dict]:
    db = open_db(db_path)
    rows = list(db.query("SELECT h.* FROM watch_hits h JOIN watches w ON w.id = h.watch_id WHERE w.name = ? "
                         "ORDER BY h.id", [watch]))
    db.close()
    return rows


def later_meeting(tmp_path: Path, text: str = LATER_MINUTES) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir(exist_ok=True)
    path = folder / "little_ashby_pc_2024-11-20_minutes.txt"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- hits, once


def test_corpus_ingest_records_each_match_once_with_its_page(corpus_db):
    drain = hits(corpus_db, "drain")
    assert len(drain) == 1
    assert drain[0]["file"] == "little_ashby_pc_2024-10-16_minutes.txt" and drain[0]["page"] == 1
    assert "\x02drain\x03" in drain[0]["snippet"] and drain[0]["run_id"] == 1
    planning = hits(corpus_db, "planning-res")
    assert planning and {h["body"] for h in planning} == {"Planning and Licensing Committee"}
    assert all(h["tbl"] == "resolutions" for h in planning)
    red = hits(corpus_db, "red")
    assert [h["title"] for h in red] == ["RED: Percentage of EHC plans issued within 20 weeks"]
    assert hits(corpus_db, "recs") == []  # nothing changed status
    panel = hits(corpus_db, "panel-res")
    assert len(panel) == len({h["key"] for h in panel}) > 1  # --table resolutions: one hit per resolution


def test_rerunning_the_ingest_adds_no_hits(db_path):
    before = {w[0]: len(hits(db_path, w[0])) for w in WATCHES}
    result = run("ingest", CORPUS, "--db", db_path, "--silent")
    assert "watches: 0 new matches" in result.output
    run("ingest", CORPUS, "--db", db_path, "--silent", "--force", "--workers", "1")  # re-parsed, same content
    assert {w[0]: len(hits(db_path, w[0])) for w in WATCHES} == before


def test_a_later_meeting_brings_exactly_its_new_matches_once(db_path, tmp_path):
    paper = later_meeting(tmp_path)
    result = run("ingest", paper, "--db", db_path, "--silent", "--workers", "1")
    # the October minutes' "The Clerk to report the blocked drain" is tracked (issue 18): its follow-up moves it
    assert "watches: 2 new matches (drain 1, recs 1)" in result.output
    drain = hits(db_path, "drain")
    assert len(drain) == 2
    new = drain[1]
    assert new["file"] == paper.name and new["page"] == 2 and new["run_id"] == 2
    # the page, its minute item and its resolution matched: one hit, shown from the most specific row
    assert {"pages", "minute_items", "resolutions"} <= set(new["tables"].split(","))
    assert new["tbl"] == "resolutions" and "about the \x02drain\x03 on Church Street" in new["snippet"]
    # the digest of that run shows exactly it
    digest = json.loads(run("watch", "digest", "--db", db_path, "--json").output)
    assert digest["scope"] == "run 2"
    by_name = {w["name"]: w for w in digest["watches"]}
    assert by_name["drain"]["total"] == 1 and by_name["drain"]["hits"][0]["page"] == 2
    assert by_name["drain"]["hits"][0]["link"].endswith(paper.name + "#page=2")
    assert "[drain]" in by_name["drain"]["hits"][0]["snippet"]
    assert sum(w["total"] for w in digest["watches"]) == 2 and by_name["recs"]["total"] == 1
    since = json.loads(run("watch", "digest", "--db", db_path, "--json", "--since", "2000-01-01").output)
    assert {w["name"]: w["total"] for w in since["watches"]}["drain"] == 2
    # the same file again, and the same content under another name: nothing new
    run("ingest", paper, "--db", db_path, "--silent")
    copy = tmp_path / "copy.txt"
    shutil.copy(paper, copy)
    run("ingest", copy, "--db", db_path, "--silent")
    assert len(hits(db_path, "drain")) == 2


def test_a_republished_paper_alerts_only_for_changed_pages(db_path, tmp_path):
    paper = later_meeting(tmp_path)
    run("ingest", paper, "--db", db_path, "--silent", "--workers", "1")
    assert len(hits(db_path, "drain")) == 2
    # page 1 corrected: page 2 (the drain) unchanged -> no new hit, though the file was replaced
    paper.write_text(LATER_MINUTES.replace("Cllr Pike.", "Cllr Pike and Cllr Sutton."), encoding="utf-8")
    result = run("ingest", paper, "--db", db_path, "--silent", "--workers", "1")
    assert "1 replaced" in result.output
    assert len(hits(db_path, "drain")) == 2
    # page 2 changed -> that page alerts again
    paper.write_text(LATER_MINUTES.replace("Church Street.", "Church Street and the drain at the Forge."),
                     encoding="utf-8")
    run("ingest", paper, "--db", db_path, "--silent", "--workers", "1")
    drain = hits(db_path, "drain")
    assert len(drain) == 3 and drain[-1]["page"] == 2


def test_resolution_event_watch_sees_new_resolutions_of_its_body(db_path, tmp_path):
    run("watch", "add", "parish-res", "--event", "resolution", "--body", "parish", "--db", db_path)
    planning = hits(db_path, "planning-res")
    run("ingest", later_meeting(tmp_path), "--db", db_path, "--silent", "--workers", "1")
    found = hits(db_path, "parish-res")
    db = open_db(db_path)
    expected = db.execute("""SELECT count(*) FROM resolutions r JOIN documents d ON d.sha256 = r.sha256
                             WHERE d.file = 'little_ashby_pc_2024-11-20_minutes.txt'""").fetchone()[0]
    db.close()
    assert expected >= 2 and len(found) == expected
    assert any("Church Street" in h["snippet"] for h in found)
    assert hits(db_path, "planning-res") == planning  # other bodies: nothing new


def test_rec_status_watch_alerts_on_a_status_change_once(db_path):
    recs = json.loads(run("recs", "--db", db_path, "--json").output)
    assert recs
    item = next(r for r in recs if r["status"] != "answered")
    ident = item["id"]
    run("recs", "--db", db_path, "set", ident, "--status", "answered", "--note", "reply received")
    first = run("watch", "check", "--db", db_path)
    assert "recs 1" in first.output
    found = hits(db_path, "recs")
    assert len(found) == 1 and f"{ident}: {item['status']} → answered" in found[0]["title"]
    run("watch", "check", "--db", db_path)
    assert len(hits(db_path, "recs")) == 1


def test_kpi_red_fires_when_an_indicator_turns_red_not_while_it_stays_red(db_path):
    from extract.store.ingest import finish_run, start_run
    from extract.watch.evaluate import evaluate_pending

    db = open_db(db_path)
    refs = {r["label"]: r["key"] for r in db.query("SELECT key, label FROM indicators")}
    run_id = start_run(db, {"test": "kpi"})
    sha = "f" * 64
    with db.atomic():
        db.table("documents").insert({"sha256": sha, "path": "/papers/q3.pdf", "file": "q3.pdf", "kind": "report",
                                      "pages": 1, "council": "Wexcombe Borough Council", "date": "2025-02-13",
                                      "run_id": run_id})
        for key, label, rag in [("k1", "Percentage of EHC plans issued within 20 weeks", "Red"),  # was red: stays
                                ("k2", "Percentage of care leavers in education, employment or training", "RED"),
                                ("k3", "Number of children subject to a child protection plan", "amber")]:
            db.table("kpi_values").insert({"key": key, "indicator_ref": refs[label], "indicator": label, "raw": "41%",
                                           "rag": rag, "period": "2024-12", "council": "Wexcombe Borough Council",
                                           "date": "2025-02-13", "sha256": sha, "page": 1})
    finish_run(db, run_id, {})
    report = evaluate_pending(db)
    db.close()
    assert report.new_hits["red"] == 1
    red = hits(db_path, "red")[-1]
    assert red["title"] == "RED: Percentage of care leavers in education, employment or training"
    assert "(was GREEN in 2024-09)" in red["snippet"] and red["page"] == 1 and red["file"] == "q3.pdf"


def test_a_failing_watch_step_never_loses_the_ingest(db_path, tmp_path, monkeypatch):
    import extract.watch.evaluate as evaluate

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(evaluate, "evaluate_pending", boom)
    paper = later_meeting(tmp_path)
    result = run("ingest", paper, "--db", db_path, "--silent", "--workers", "1")
    assert "1 ingested" in result.output
    assert "warning: watches not evaluated (RuntimeError: disk on fire); run `council-extract watch check" \
           in result.output
    monkeypatch.undo()
    assert len(hits(db_path, "drain")) == 1
    run("watch", "check", "--db", db_path)  # catches up with the run it missed
    assert len(hits(db_path, "drain")) == 2


# ---------------------------------------------------------------- managing watches, bad input


@pytest.mark.parametrize("query, reason", [('"unbalanced', "unbalanced double quote"),
                                           ("budget:", "reads as a column filter"),
                                           ("AND", "FTS5 cannot parse it")])
def test_a_query_that_does_not_parse_is_refused_in_one_line(db_path, query, reason):
    result = run("watch", "add", "broken", query, "--db", db_path, ok=False)
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.startswith("Error: bad search query") and reason in message and "\n" not in message
    assert "broken" not in run("watch", "list", "--db", db_path).output


def test_add_refuses_bad_names_duplicates_and_mismatched_options(db_path):
    for args, text in [(["bad name", "x"], "use letters, digits"),
                       (["drain", "drain"], "exists"),
                       (["r2", "foo", "--event", "kpi-red"], "takes no QUERY"),
                       (["r3", "--event", "resolution", "--kind", "minutes"], "does not use --kind"),
                       (["t1"], "needs a QUERY")]:
        result = run("watch", "add", *args, "--db", db_path, ok=False)
        assert result.exit_code == 2 and text in result.output, (args, result.output)


def test_list_show_remove(db_path):
    listing = json.loads(run("watch", "list", "--db", db_path, "--json").output)
    assert {w["name"] for w in listing} == {w[0] for w in WATCHES}
    assert next(w for w in listing if w["name"] == "drain")["hits"] == 1
    shown = run("watch", "show", "drain", "--db", db_path).output
    assert "text 'drain'" in shown and "blocked [drain] on Mill Lane" in shown
    assert "removed watch drain (1 hits)" in run("watch", "remove", "drain", "--db", db_path).output
    missing = run("watch", "show", "drain", "--db", db_path, ok=False)
    assert missing.exit_code == 2 and "no watch named 'drain'" in missing.output


def test_backfill_and_a_capped_digest_says_what_it_left_out(db_path):
    out = run("watch", "add", "council", "council", "--backfill", "--db", db_path).output
    total = int(out.split("; ")[1].split()[0])
    assert total > 3
    digest = json.loads(run("watch", "digest", "--db", db_path, "--run", "1", "--watch", "council", "--limit", "3",
                            "--json").output)
    council = digest["watches"][0]
    assert council["total"] == total and council["shown"] == 3 and council["left_out"] == total - 3
    md = run("watch", "digest", "--db", db_path, "--run", "1", "--watch", "council", "--limit", "3").output
    assert f"… and {total - 3} more not shown" in md


# ---------------------------------------------------------------- digest, feed, e-mail


def test_html_digest_escapes_document_text(db_path, tmp_path):
    run("watch", "add", "hostile", "notes", "--db", db_path)
    run("ingest", FIXTURES / "hostile.txt", "--db", db_path, "--silent", "--workers", "1")
    page = tmp_path / "digest.html"
    run("watch", "digest", "--db", db_path, "--html", page)
    text = page.read_text(encoding="utf-8")
    assert "<mark>notes</mark>" in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text and "<img" not in text
    assert 'name="viewport"' in text and "Content-Security-Policy" in text
    md = run("watch", "digest", "--db", db_path, "--md").output
    assert "\\<script\\>" in md and "<script>" not in md


def test_atom_feed_validates_and_keeps_entry_ids(db_path, tmp_path):
    feedparser = pytest.importorskip("feedparser")
    feeds = tmp_path / "feeds"
    run("watch", "feed", "--db", db_path, "--to", feeds)
    assert sorted(p.name for p in feeds.iterdir()) == sorted(f"{w[0]}.xml" for w in WATCHES)
    first = feedparser.parse((feeds / "drain.xml").read_bytes())
    assert not first.bozo, first.bozo_exception
    assert first.version == "atom10" and len(first.entries) == 1
    old_id = first.entries[0].id
    assert old_id.startswith("urn:uuid:") and "drain" in first.entries[0].summary
    before = (feeds / "planning-res.xml").read_bytes()
    run("ingest", later_meeting(tmp_path), "--db", db_path, "--silent", "--workers", "1")
    result = run("watch", "feed", "--db", db_path, "--to", feeds)
    assert "planning-res.xml: unchanged" in result.output
    assert (feeds / "planning-res.xml").read_bytes() == before
    second = feedparser.parse((feeds / "drain.xml").read_bytes())
    assert not second.bozo and len(second.entries) == 2
    assert second.entries[1].id == old_id  # kept, and newest first
    assert second.entries[0].link.endswith("little_ashby_pc_2024-11-20_minutes.txt#page=2")
    assert second.feed.updated >= first.feed.updated


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.messages.append(envelope)
        return "250 OK"


def test_digest_by_email_reaches_a_local_smtp_server(db_path):
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = _Inbox()
    controller = controller_mod.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        result = run("watch", "digest", "--db", db_path, "--smtp", f"127.0.0.1:{port}", "--to", "clerk@example.org")
    finally:
        controller.stop()
    assert "sent to clerk@example.org" in result.output
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["clerk@example.org"]
    msg = email.message_from_bytes(envelope.content)
    assert "drain" in msg["Subject"] and msg["To"] == "clerk@example.org"
    parts = {p.get_content_type(): p.get_payload(decode=True).decode("utf-8") for p in msg.walk()
             if not p.is_multipart()}
    assert "blocked **drain** on Mill Lane" in parts["text/plain"]
    assert "<mark>drain</mark>" in parts["text/html"]


def test_email_errors_are_one_line(db_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    result = run("watch", "digest", "--db", db_path, "--smtp", f"127.0.0.1:{port}", "--to", "a@example.org", ok=False)
    assert result.exit_code == 3 and "could not send the digest" in result.output
    bad = run("watch", "digest", "--db", db_path, "--smtp", "nohost:port", "--to", "a@example.org", ok=False)
    assert bad.exit_code == 2 and "use HOST:PORT" in bad.output


def test_nightly_fetch_ingest_evaluates_watches_then_feeds_refresh(tmp_path, httpserver):
    """The nightly job: fetch --ingest (a local ModernGov site from test_fetch), then watch feed."""
    fetch_tests = pytest.importorskip("test_fetch", reason="tests/test_fetch.py provides the fake ModernGov site")
    feedparser = pytest.importorskip("feedparser")
    site = fetch_tests.FakeModernGov(httpserver)
    site.add_meeting(4966, fetch_tests.dt.date(2026, 2, 10), [(60860, "Minutes Audit Committee", False)])
    councils = fetch_tests.councils_file(tmp_path, ("Testshire County Council", site.base))
    db = tmp_path / "council.db"
    run("watch", "add", "audit-plan", '"internal audit plan"', "--db", db)
    first = fetch_tests.run_fetch(tmp_path, councils, "--ingest")
    assert first.exit_code == 0, first.output
    assert "watches: 1 new matches (audit-plan 1)" in first.output
    run("watch", "feed", "--db", db, "--to", tmp_path / "feeds")
    feed = feedparser.parse((tmp_path / "feeds" / "audit-plan.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 1 and "internal audit plan" in feed.entries[0].summary.lower()
    again = fetch_tests.run_fetch(tmp_path, councils, "--ingest")
    assert again.exit_code == 0 and len(hits(db, "audit-plan")) == 1
