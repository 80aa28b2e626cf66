"""The recommendation tracker: requests, follow-ups found across papers, statuses people set."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.record import Meeting, MinuteItem, Record, Resolution, Source
from extract.store.ingest import make_result, write_document
from extract.store.schema import open_db
from extract.track import effective_rows, refresh, select, set_status
from extract.track.report import render_html
from extract.track.rules import is_procedural, is_request
from extract.track.status import TrackerError, parse_age

from conftest import shared_dir

BODY = "Housing Scrutiny Panel"


def minutes(sha: str, date: str, items: list[MinuteItem], path: str) -> dict:
    record = Record(source=Source(file=path, sha256=sha, pages=2, path=path), kind="minutes",
                    council="Wexcombe Borough Council", body=BODY, date=date,
                    meetings=[Meeting(body=BODY, date=date, page=1, items=items)])
    return {"record": record.to_dict(), "pages": [{"page": 1, "text": "x", "text_source": "text_layer"}], "path": path}


FIRST = [
    MinuteItem("12", "MINUTES OF THE PREVIOUS MEETING", 1, [
        Resolution("That the minutes of the meeting held on 3 March 2024 be approved and signed as a correct record.",
                   page=1)]),
    MinuteItem("13", "TEMPORARY ACCOMMODATION", 1, [
        Resolution("That the Panel would be provided with a briefing on the cost of temporary accommodation "
                   "placements outside the borough.", "1", page=1),
        Resolution("That the Head of Housing would circulate the damp and mould survey results for council "
                   "homes to the Panel.", "2", page=2)]),
    MinuteItem("14", "EXCLUSION OF THE PRESS AND PUBLIC", 2, [
        Resolution("That the press and public be excluded for the following item.", page=2)]),
]
SECOND = [
    MinuteItem("20", "MONITORING SCRUTINY RECOMMENDATIONS", 1, [],
               text="The Panel noted that the requested briefing on the cost of temporary accommodation placements "
                    "outside the borough had been provided."),
]


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "council.db")
    write_document(database, minutes("a" * 64, "2024-04-11", FIRST, "first.pdf"))
    write_document(database, minutes("b" * 64, "2024-06-13", SECOND, "second.pdf"))
    refresh(database)
    return database


class _ByStart(dict):
    """Rows looked up by the start of their request text."""

    def __getitem__(self, start: str) -> dict:
        matches = [row for request, row in self.items() if request.startswith(start)]
        assert len(matches) == 1, (start, list(self))
        return matches[0]


def rows_by_start(database) -> dict[str, dict]:
    return _ByStart({r["request"]: r for r in effective_rows(database)})


@pytest.mark.parametrize("text", [
    "That the minutes of the meeting held on 3 March 2024 be approved and signed as a correct record.",
    "That the press and public be excluded for the following item.",
    "That the report be noted.",
    "Noted.",
])
def test_procedural_decisions_are_not_requests(text):
    assert is_procedural(text) and not is_request(text)


@pytest.mark.parametrize("text", [
    "That the Executive Director would engage with the leadership of the academy trust.",
    "That officers be asked to report back on the options in the new year.",
    "That the latest attendance data would be circulated to the Panel.",
])
def test_requests(text):
    assert is_request(text)


def test_tracked_items_and_follow_up(db):
    rows = rows_by_start(db)
    assert len(rows) == 2  # the minutes approval and the press exclusion are not tracked
    answered = rows["That the Panel would be provided with a b"]
    still_open = rows["That the Head of Housing would circulate "]
    assert answered["status"] == "answered" and answered["status_basis"] == "evidence"
    assert answered["evidence_date"] == "2024-06-13" and "had been provided" in answered["evidence"]
    assert still_open["status"] == "open" and still_open["evidence"] is None
    assert answered["raised"] == "2024-04-11" and answered["body"] == BODY and answered["page"] == 1


def test_manual_status_survives_reingest(db, tmp_path):
    key = rows_by_start(db)["That the Head of Housing would circulate "]["key"]
    set_status(db, key[:8], "closed", "survey sent by e-mail on 1 May")
    for result in (minutes("a" * 64, "2024-04-11", FIRST, "first.pdf"), minutes("b" * 64, "2024-06-13", SECOND, "second.pdf")):
        write_document(db, result, force=True)
    refresh(db)
    row = {r["key"]: r for r in effective_rows(db)}[key]
    assert row["status"] == "closed" and row["manual_note"] == "survey sent by e-mail on 1 May"
    assert row["status_basis"] == "set by a person"


def test_nothing_is_closed_silently(db):
    assert all(r["status"] != "closed" for r in effective_rows(db))


def test_older_than_uses_meeting_dates(db):
    rows = effective_rows(db, today=dt.date(2024, 8, 1))
    ages = {r["age_days"] for r in rows}
    assert ages == {(dt.date(2024, 8, 1) - dt.date(2024, 4, 11)).days}
    assert len(select(rows, older_than="90d")) == 2
    assert select(rows, older_than="200d") == []
    assert parse_age("12w").days == 84 and parse_age("1y").days == 365
    with pytest.raises(TrackerError, match="not understood"):
        parse_age("soon")


def test_html_report_shows_outstanding_items_escaped(db):
    rows = select(effective_rows(db), status="outstanding")
    rows[0]["request"] = rows[0]["request"] + " <script>alert(1)</script>"
    page = render_html(rows)
    assert "Housing Scrutiny Panel — meeting of 2024-04-11" in page
    assert "Head of Housing would circulate" in page and "days" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "briefing on the cost" not in page  # answered: not outstanding


def test_cli(db, tmp_path):
    path = str(tmp_path / "council.db")
    runner = CliRunner()
    listed = runner.invoke(cli, ["recs", "--db", path, "--status", "open", "--json"])
    assert listed.exit_code == 0, listed.output
    assert "Head of Housing" in listed.output and "briefing on the cost" not in listed.output
    ident = effective_rows(db)[0]["id"]
    shown = runner.invoke(cli, ["recs", "--db", path, "show", ident])
    assert shown.exit_code == 0 and "Request:" in shown.output and "History (0)" in shown.output
    assert runner.invoke(cli, ["recs", "--db", path, "set", ident, "--status", "dropped", "--note", "n/a"]).exit_code == 0
    assert "dropped: n/a" in runner.invoke(cli, ["recs", "--db", path, "show", ident]).output
    bad = runner.invoke(cli, ["recs", "--db", path, "set", "ffffffff", "--status", "closed"])
    assert bad.exit_code == 2 and "no tracked item" in bad.output
    report = runner.invoke(cli, ["recs", "--db", path, "report", "--html", str(tmp_path / "recs.html")])
    assert report.exit_code == 0 and (tmp_path / "recs.html").read_text().startswith("<!DOCTYPE html>")
    missing = runner.invoke(cli, ["recs", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 3 and "no such database" in missing.output  # an unusable database: exit 3


def test_seed_neet_follow_up_is_linked(tmp_path):
    from extract.load import load_document
    from extract.pipeline import extract_document
    from extract.track.status import links

    seed = shared_dir("seeds") / "001_937c12d170c9b0c7.txt"
    database = open_db(tmp_path / "seed.db")
    doc = load_document(seed)
    write_document(database, make_result(doc, extract_document(doc)))
    refresh(database)
    rows = effective_rows(database)
    neet = [r for r in rows if r["raised"] == "2021-09-30" and "Bristol" in r["request"] and "NEET" in r["request"]]
    assert len(neet) == 1
    follow_ups = [l for l in links(database, neet[0]["key"]) if l["tbl"] == "resolutions"]
    assert any(l["date"] == "2021-11-04" and "precis" in l["snippet"] for l in follow_ups)
    owners = {r["owner"] for r in rows if r["owner"]}
    assert "the Executive Director" in owners or "Executive Director" in owners


def test_demo_corpus_later_meeting_answers_one_request_and_leaves_another_open(tmp_path):
    """The demo corpus's November minutes answer the September EHE briefing and say the absence data is outstanding."""
    import json

    from extract.load import load_document
    from extract.pipeline import extract_document
    from extract.track.status import links

    from conftest import ROOT

    database = open_db(tmp_path / "corpus.db")
    for path in sorted((ROOT / "corpus").iterdir()):
        doc = load_document(path)
        write_document(database, make_result(doc, extract_document(doc)))
    refresh(database)
    tracker = json.loads((ROOT / "tests" / "gold" / "wexcombe_cyp_scrutiny_2024-11-14_minutes.json").read_text())["tracker"]
    rows = rows_by_start(database)
    answered = rows[tracker["answered"][0]["request"][:60]]
    still_open = rows[tracker["open"][0]["request"][:60]]
    untouched = rows[tracker["not_mentioned"][0][:60]]
    assert answered["status"] == "answered" and answered["evidence_date"] == "2024-11-14"
    assert "had been provided" in answered["evidence"]
    assert still_open["status"] == "open" and "not yet been provided" in still_open["evidence"]
    assert any(l["proposed_status"] == "open" for l in links(database, still_open["key"]))
    # the minutes do not mention the letter; the pack's tracker table (Appendix 1) marks it complete
    untouched_links = links(database, untouched["key"])
    assert [l["tbl"] for l in untouched_links] == ["pages"]
    assert untouched["status"] == "answered" and "Complete" in untouched["evidence"]
    # the summary's open actions leave out the answered request and keep the outstanding one
    from extract.store.summary import open_actions

    texts = " ".join(" ".join(a["text"].split()) for a in open_actions(database))
    assert tracker["answered"][0]["request"][:60] not in texts
    assert tracker["open"][0]["request"][:60] in texts



def test_notings_and_decisions_are_not_tracked_and_the_list_shows_where_to_read(tmp_path):
    """Issue 18: only requests are tracked; the receiving panel is not the owner; each item says its paper and page."""
    items = [MinuteItem("5", "LEADER'S REPORT", 1, [Resolution("That the Leader's report be noted.", page=1)]),
             MinuteItem("6", "BANK MANDATE", 1, [Resolution("That Councillor Jones be added as a cheque signatory for the "
                                                            "council's bank account.", page=1)]),
             MinuteItem("7", "CONSTITUTION", 1, [Resolution("That the Council adopts the new constitution.", page=1)]),
             MinuteItem("8", "TEMPORARY ACCOMMODATION", 2, [Resolution(
                 "That the Panel would be provided with a briefing on the cost of temporary accommodation.", page=2)])]
    database = open_db(tmp_path / "c.db")
    write_document(database, minutes("c" * 64, "2024-04-11", items, "papers/april.pdf"))
    runner = CliRunner()
    listed = runner.invoke(cli, ["recs", "--db", str(tmp_path / "c.db"), "--status", "outstanding", "--json"])
    assert listed.exit_code == 0, listed.output
    import json
    rows = json.loads(listed.output)
    assert [r["request"][:30] for r in rows] == ["That the Panel would be provide"[:30]]
    assert rows[0]["owner"] is None and rows[0]["file"] == "april.pdf" and rows[0]["page"] == 2


def test_council_action_log_status_is_the_truth(tmp_path):
    """A "Who / What / Status" grid: "Done" answers the action, "On hold" and "Outstanding" keep it outstanding."""
    page = ("Status on actions agreed at last meeting as follows:\n"
            "Agenda item   Who   What   Status\n"
            "Roads   Secretary   Invite Police Scotland to our next meeting   Done\n"
            "Planning   Secretary   Facebook poll to assess local views   On hold\n"
            "GA Residents   All   We need a representative from the GCC on the GA RA   Outstanding\n")
    record = Record(source=Source(file="june.pdf", sha256="d" * 64, pages=1, path="june.pdf"), kind="minutes",
                    council="Garelochhead Community Council", body="Community Council", date="2021-06-15",
                    meetings=[Meeting(body="Community Council", date="2021-06-15", page=1, items=[])])
    database = open_db(tmp_path / "log.db")
    write_document(database, {"record": record.to_dict(), "pages": [{"page": 1, "text": page, "text_source": "text_layer"}],
                              "path": "june.pdf"})
    refresh(database)
    rows = {r["request"]: r for r in effective_rows(database)}
    assert rows["Invite Police Scotland to our next meeting"]["status"] == "answered"
    assert rows["Facebook poll to assess local views"]["status"] == "in progress"
    assert rows["We need a representative from the GCC on the GA RA"]["status"] == "in progress"
    assert rows["Facebook poll to assess local views"]["owner"] == "Secretary"
    assert rows["Invite Police Scotland to our next meeting"]["evidence_page"] == 1


@pytest.mark.shared
def test_tracker_against_councils_own_logs(tmp_path):
    """tests/gold/tracker: precision of "answered" >= 0.9, recall of outstanding >= 0.8, links to the log's page."""
    from extract.track.gold import DEFAULT_GOLD, pooled, run

    papers = shared_dir("papers")
    results = run(DEFAULT_GOLD, papers, tmp_path / "gold.db")
    assert len(results) >= 3
    figures = pooled(results)
    assert figures["answered_precision"] >= 0.9 and figures["answered_said"] >= 5
    assert figures["outstanding_recall"] >= 0.8
    assert figures["links_share"] >= 0.9


def _with_actions(sha: str, kind: str, actions: list, path: str) -> dict:
    from extract.record import Action

    record = Record(source=Source(file=path, sha256=sha, pages=1, path=path), kind=kind,
                    council="Wexcombe Borough Council", body=BODY, date="2024-05-02",
                    actions=[Action(text, owner, source, page=1) for text, owner, source in actions])
    return {"record": record.to_dict(), "pages": [{"page": 1, "text": "x", "text_source": "text_layer"}], "path": path}


def test_only_what_someone_named_owes_is_tracked(tmp_path):
    """Issue 18: a report's account of its own work is an action of the paper, not an item to chase; in minutes
    only a named owner bound to act ("will", "to", "was asked to") makes one; "asked to note" does not."""
    database = open_db(tmp_path / "owed.db")
    write_document(database, _with_actions("e" * 64, "report", [
        ("The Active Travel team are continuing to work with the walking and cycling group.", "The Active Travel team",
         "commitment"),
        ("We continue to monitor performance at the monthly Contract Board meetings.", "Wexcombe Borough Council",
         "commitment"),
        ("The service will launch service user surveys by Spring 2022.", "The service", "commitment")], "qpr.pdf"))
    write_document(database, _with_actions("f" * 64, "minutes", [
        ("The Clerk will write to the owner of the land requesting it be cut back.", "The Clerk", "commitment"),
        ("Clerk to ask the highways officer for a start date.", "Clerk", "commitment"),
        ("The issue relating to the bench will be rectified by CGM.", "CGM", "commitment"),
        ("Cllr Hewett asked to note that her name was incorrectly spelt.", "Cllr Hewett", "commitment"),
        ("Managers are providing good quality assurance of assessments.", "Managers", "commitment"),
        ("This will be discussed in more detail at a forthcoming meeting.", None, "commitment")], "may.pdf"))
    refresh(database)
    assert sorted(r["request"] for r in effective_rows(database)) == [
        "Clerk to ask the highways officer for a start date.",
        "The Clerk will write to the owner of the land requesting it be cut back.",
        "The issue relating to the bench will be rectified by CGM."]


@pytest.mark.parametrize("text, source", [
    ("that Cllr Mrs Hull will be the third signatory.", "resolution"),
    ("That in accordance with its powers under section 137 of the LGA 1972, the Council would incur the expenditure "
     "set out above.", "resolution"),
    ("Cabinet is asked to agree the Commissioning Plan for Education Provision in Kent 2025-29.", "recommendation"),
    ("that Council retain the services of Pegasus to act as planning consultants.", "resolution"),
])
def test_decisions_taken_there_and_then_are_not_requests(text, source):
    assert not is_request(text, source)
