"""Issue 18: what a sentence is (the trained classifier), who owes it, by when, and one record per sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.nlp.classify import MODEL_PATH, classify_text
from extract.nlp.dates import due_date, next_meeting_date
from extract.record import MinuteItem, Meeting, Report, Resolution

from conftest import ROOT
from test_nlp import meeting, tag


@pytest.mark.parametrize("text, source", [
    ("That the Leader's report be noted.", "resolution"),
    ("Cabinet is asked to NOTE the Q3 Performance Report.", "recommendation"),
    ("That Councillor Jones be added as a cheque signatory for the council's bank account.", "resolution"),
    ("That the Council adopts the new constitution.", "resolution"),
    ("The Committee endorses the report.", "resolution"),
    ("That the minutes of the meeting held on 3 March 2024 be approved as a correct record.", "resolution"),
])
def test_notings_decisions_and_procedure_are_not_requests(text, source):
    verdict = classify_text(text, source)
    assert not verdict.is_request, (text, verdict)


@pytest.mark.parametrize("text, source", [
    ("That the Clerk write to the highways authority about the pothole in Mill Lane.", "resolution"),
    ("That officers be asked to report back on the options at the next meeting.", "resolution"),
    ("That the Executive Director would engage with the leadership of the academy trust.", "resolution"),
])
def test_requests_are_requests(text, source):
    assert classify_text(text, source).is_request


def test_the_shipped_model_is_small_and_says_how_it_was_made():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert data["labels"] == ["request", "decision", "noting", "procedure", "other"]
    assert data["meta"]["examples"]["request"] > 100 and data["meta"]["bodies"] >= 20


def test_training_is_deterministic_and_make_train_runs_it(tmp_path):
    """The real command, twice, on the demo corpus's annotations: the same bytes."""
    outs = []
    for n in (1, 2):
        out = tmp_path / f"model{n}.json"
        run = subprocess.run([sys.executable, "-m", "extract.nlp.train", "--annotations", str(ROOT / "tests" / "gold"),
                              "--papers", str(ROOT / "corpus"), "--no-extra", "--out", str(out)],
                             capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and b'"request"' in outs[0]
    assert "$(BIN)/python -m extract.nlp.train" in (ROOT / "Makefile").read_text()


def test_receiving_body_is_never_the_owner_and_noting_is_no_action():
    rec = tag(kind="minutes", meetings=[meeting(
        "That the Panel would be provided with a briefing on the cost of temporary accommodation.",
        "That the Leader's report be noted.")])
    assert [(a.text[:30], a.owner) for a in rec.actions] == [("That the Panel would be provid", None)]


def test_forward_plan_boilerplate_is_no_action():
    text = ("THIS DOCUMENT GIVES NOTICE OF ANTICIPATED KEY DECISIONS TO BE TAKEN BY THE CABINET.\n\n"
            "The Board is recommended to:\n\n"
            "The Head of Finance will report back to the Board on the outturn by 30 June 2025.")
    rec = tag(text)
    assert [a.text for a in rec.actions] == ["The Head of Finance will report back to the Board on the outturn by 30 June 2025."]
    assert rec.actions[0].owner == "The Head of Finance" and rec.actions[0].due == "2025-06-30"


def test_one_sentence_is_one_record():
    """A resolution printed again in the text (and in the minutes' action list) is one action."""
    sentence = "That the Clerk write to the highways authority about the pothole in Mill Lane."
    rec = tag(f"5. Highways\n\n{sentence}", kind="minutes", meetings=[meeting(sentence, date="2024-03-01")])
    assert [a.source for a in rec.actions if "pothole" in a.text] == ["resolution"]


def test_action_lines_and_due_dates_from_the_next_meeting():
    text = ("7. Website\nThe archive has gone from the website.\nACTION: Fiona Robinson to upload minutes from past meetings\n"
            "ACTION: Treasurer to obtain petty cash box by the next meeting\n\n"
            "11. Date of next meeting\nThe next meeting of the Community Council will be held on Tuesday 17th August at 7pm.")
    rec = tag(text, kind="minutes")
    rec_by_text = {a.text: a for a in rec.actions}
    assert set(rec_by_text) == {"Fiona Robinson to upload minutes from past meetings",
                                "Treasurer to obtain petty cash box by the next meeting"}
    box = rec_by_text["Treasurer to obtain petty cash box by the next meeting"]
    assert box.owner == "Treasurer" and box.source == "next_steps"
    assert next_meeting_date(text, "2021-06-15") == "2021-08-17"
    assert due_date("Cllr Bonner is to meet the solicitor on 18 January.", "2008-01-09") == "2008-01-18"


def test_action_log_rows_become_actions_with_their_who():
    text = ("Summary of outstanding actions\nAgenda item   Who   What\n"
            "Community novel   MC   Arrange for the copies to be printed.\n"
            "Website   FM   Upload minutes from past meetings\n"
            "Grants/funding   Treasurer   Obtain petty cash box\n")
    rec = tag(text, kind="minutes")
    assert [(a.text, a.owner) for a in rec.actions] == [
        ("Arrange for the copies to be printed.", "MC"), ("Upload minutes from past meetings", "FM"),
        ("Obtain petty cash box", "Treasurer")]


def test_the_one_asked_to_act_is_the_owner_and_the_one_who_receives_is_not():
    """"requested the Clerk to", "authorizing the Director of Housing to": the one asked acts;
    "the Panel will receive a further brief": the Panel receives, nobody named acts."""
    from extract.nlp.actions import ActionFinder, object_owner
    from extract.nlp.owners import Context
    from extract.nlp.pipeline import get_nlp
    from extract.record import Record, Source

    nlp = get_nlp()
    assert object_owner(nlp("Cllr Blake requested the Clerk to find out the schedule for emptying the bins.")[:]) == "Clerk"
    assert object_owner(nlp("Adopt a resolution authorizing the Director of Housing to negotiate an agreement.")[:]) \
        == "Director of Housing"
    assert object_owner(nlp("The Panel asked for a report to be brought back.")[:]) is None
    assert object_owner(nlp("Cllr Shewell requested Mr Hoggins to be asked to come out.")[:]) is None
    finder = ActionFinder(Record(source=Source(file="", sha256="", pages=0)), Context())
    for text in ("Cllr Blake requested the Clerk to find out the schedule for emptying the bins.",
                 "Once the review has concluded, the Panel will receive a further detailed brief on the next steps."):
        doc = nlp(text)
        finder.offer(doc[:], text, None if "Blake" in text else "the Panel", "commitment", 1, True)
    assert [c.owner for c in finder.candidates] == ["the Clerk", None]


def test_minutes_set_as_a_table_give_actions_only_where_the_action_column_names_someone():
    """"No. | Item | Action": the item cell is the minute, the Action cell says who acts on it. A row whose
    Action cell is empty ("Apologies were received ...") records no action."""
    from extract.nlp.logs import action_rows, read_logs

    lines = ["No.   Item   Action",
             "1   Apologies for absence. Apologies were received from Cllr Vine.",
             "2   Highways. Potholes on School Lane to be reported to the county council.   Clerk",
             "3   Finance. RESOLVED to approve the payments listed in the schedule."]
    rows = action_rows(read_logs((1, t) for t in lines))
    assert [(r.text, r.owner) for r in rows] == [
        ("Highways. Potholes on School Lane to be reported to the county council.", "Clerk")]
