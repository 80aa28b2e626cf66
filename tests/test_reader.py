"""The trained layout reader: label files, training, and the records built from labelled lines.

Why these tests: the reader is only as good as its annotations and the
assembly that turns line roles into meetings.  Each test builds its own small
papers, so it runs on a fresh clone; the last ones train a real CRF model from
label files written here and check that training is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.load.model import Document
from extract.load.stamps import annotate
from extract.load.text import pages_from_text
from extract.parse import parse_document
from extract.parse.layout import labels as label_files
from extract.parse.layout import train as layout_train
from extract.parse.layout.model import LabelledLine
from extract.parse.minutes.combine import combine_meetings
from extract.parse.minutes.from_roles import meetings_from_roles, segments
from extract.record import Meeting, MinuteItem


def text_doc(text: str) -> Document:
    doc = Document(path="x.txt", sha256="0", format="text", pages=pages_from_text(text))
    for page in doc.pages:
        annotate(page)
    return doc


def labelled(doc: Document, roles: list[str]) -> list[LabelledLine]:
    """``doc``'s non-blank lines with the given roles, one per line, as a person would label them."""
    lines = [(page, line) for page, line in doc.lines() if line.text.strip()]
    assert len(lines) == len(roles), [line.text for _, line in lines]
    return [LabelledLine(page, line, role, 1.0) for (page, line), role in zip(lines, roles)]


MINUTES = """Nowhere Town Council
Minutes of the meeting held on 3 March 2025
Present: Cllr A Brown (Chair), Cllr B Green
Apologies: Cllr C White
1. Minutes of the last meeting
It was agreed that the minutes be signed as a true record.
2. Play area
The Council resolved to buy new swings. Proposed Cllr Brown, seconded Cllr Green, carried 5-0.
"""
MINUTES_ROLES = ["masthead", "meeting", "present", "apologies", "item", "decision", "item", "decision"]


def test_minutes_from_labelled_lines_whatever_the_wording() -> None:
    meetings = meetings_from_roles(labelled(text_doc(MINUTES), MINUTES_ROLES))
    assert len(meetings) == 1
    m = meetings[0]
    assert m.date == "2025-03-03"
    assert "A Brown" in " ".join(m.present) and "C White" in " ".join(m.apologies)
    assert [(i.number, i.title) for i in m.items] == [("1", "Minutes of the last meeting"), ("2", "Play area")]
    assert m.items[1].resolutions and m.items[1].resolutions[0].vote is not None
    assert m.items[1].resolutions[0].vote.for_ == 5


def test_a_running_head_with_the_same_date_is_not_a_new_meeting() -> None:
    text = MINUTES + "Nowhere Town Council\nMinutes of the meeting held on 3 March 2025\n3. Close\nThe meeting closed.\n"
    roles = MINUTES_ROLES + ["masthead", "meeting", "item", "text"]
    assert len(meetings_from_roles(labelled(text_doc(text), roles))) == 1
    other = text.replace("held on 3 March 2025\n3.", "held on 7 April 2025\n3.")
    other = other.replace("3. Close\nThe meeting closed.", "3. Close\nIt was agreed to close.")
    two = meetings_from_roles(labelled(text_doc(other), MINUTES_ROLES + ["masthead", "meeting", "item", "decision"]))
    assert [m.date for m in two] == ["2025-03-03", "2025-04-07"]


def test_a_cover_before_the_dated_heading_belongs_to_the_first_meeting() -> None:
    text = "Members of the Board\nChair: A Brown\n" + MINUTES
    doc = text_doc(text)
    parts = segments(labelled(doc, ["heading", "present"] + MINUTES_ROLES))
    assert len(parts) == 1


def test_an_agendas_recommended_actions_are_not_minutes() -> None:
    """The reader may call an agenda's recommended action a decision; no decision wording, no meeting."""
    text = ("AGENDA\nCity Council\nTuesday, February 9, 2021\n1. Budget amendments\n"
            "Recommended Action: Open and conduct a public hearing\n2. Parks\n"
            "Staff recommends the Council consider the parks plan\n")
    roles = ["heading", "masthead", "meeting", "item", "decision", "item", "decision"]
    assert meetings_from_roles(labelled(text_doc(text), roles)) == []
    # the same lines with a decision as minutes print it are minutes
    decided = text.replace("Staff recommends the Council consider", "RESOLVED that the Council adopts")
    assert len(meetings_from_roles(labelled(text_doc(decided), roles))) == 1


def test_attendance_under_printed_labels_when_the_reader_labelled_none() -> None:
    roles = ["masthead", "meeting", "text", "text", "item", "decision", "item", "decision"]
    m = meetings_from_roles(labelled(text_doc(MINUTES), roles))[0]
    assert any("Brown" in n for n in m.present) and any("White" in n for n in m.apologies)


def test_combine_keeps_the_rules_meetings_and_fills_their_missing_items() -> None:
    rules = [Meeting(body="Council", date="2025-03-03", page=1, present=["A Brown"])]
    reader = [Meeting(body=None, date="2025-03-03", page=1, items=[MinuteItem(number="1", title="Minutes")]),
              Meeting(body=None, date="2025-04-07", page=9)]
    out = combine_meetings(reader, rules)
    assert [m.date for m in out] == ["2025-03-03"] and out[0].present == ["A Brown"]
    assert [i.title for i in out[0].items] == ["Minutes"]
    assert combine_meetings(reader, []) == reader


def test_reader_modes() -> None:
    doc = text_doc(MINUTES)
    roles = labelled(doc, MINUTES_ROLES)
    for mode in ("reader", "hybrid", "reader-rules"):
        record = parse_document(doc, reader=mode, roles=roles)
        assert record.meetings and record.meetings[0].date == "2025-03-03", mode
    with pytest.raises(ValueError, match="reader must be one of"):
        parse_document(doc, reader="oracle")


def test_label_file_round_trip_and_alignment_after_a_loader_change(tmp_path: Path) -> None:
    doc = text_doc(MINUTES)
    rows = label_files.template(doc)
    for row, role in zip(rows, MINUTES_ROLES):
        row.label = role
    path = tmp_path / "x.lines.tsv"
    label_files.write(rows, path)
    assert label_files.align(doc, label_files.read(path)) == MINUTES_ROLES
    # the loader now reads one line differently: only that line loses its label
    changed = text_doc(MINUTES.replace("2. Play area", "2. Play  area (new)"))
    aligned = label_files.align(changed, label_files.read(path))
    assert aligned.count(None) == 1 and aligned[0] == "masthead" and aligned[-1] == "decision"


def test_a_bad_label_file_names_file_line_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.lines.tsv"
    path.write_text("1\tdecisoin\tkey\n", encoding="utf-8")
    with pytest.raises(label_files.LabelFileError, match=r"bad.lines.tsv line 1: unknown label 'decisoin'"):
        label_files.read(path)


def test_annotate_command_writes_a_template_and_an_empty_record(tmp_path: Path) -> None:
    paper = tmp_path / "nowhere_minutes.txt"
    paper.write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "ann"
    run = CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(out)])
    assert run.exit_code == 0, run.output
    rows = label_files.read(out / "nowhere_minutes.lines.tsv")
    assert len(rows) == len(MINUTES_ROLES) and all(r.label == label_files.DEFAULT for r in rows)
    record = json.loads((out / "nowhere_minutes.json").read_text(encoding="utf-8"))
    assert record["source"]["file"] == "nowhere_minutes.txt" and record["meetings"] == []
    again = CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output


def _annotated_folder(tmp_path: Path) -> tuple[Path, Path]:
    """Two tiny annotated papers of two invented bodies, as ``council-extract annotate`` leaves them."""
    papers, ann = tmp_path / "papers", tmp_path / "ann"
    papers.mkdir()
    ann.mkdir()
    for k, council in enumerate(("Nowhere", "Elsewhere")):
        text = MINUTES.replace("Nowhere", council)
        stem = f"{council.lower()}_town_council_2025-03-0{k + 1}_minutes"
        (papers / f"{stem}.txt").write_text(text, encoding="utf-8")
        rows = label_files.template(text_doc(text))
        for row, role in zip(rows, MINUTES_ROLES):
            row.label = role
        label_files.write(rows, ann / f"{stem}.lines.tsv")
        (ann / f"{stem}.json").write_text(json.dumps({"source": {"file": f"{stem}.txt"}}), encoding="utf-8")
    return papers, ann


def test_training_is_deterministic_and_the_model_reads_what_it_was_taught(tmp_path: Path, monkeypatch) -> None:
    papers, ann = _annotated_folder(tmp_path)
    data = layout_train.examples([ann], papers, lambda p: text_doc(p.read_text(encoding="utf-8")))
    assert [ex.labels for ex in data] == [MINUTES_ROLES, MINUTES_ROLES]
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    layout_train.train(data, first)
    layout_train.train(data, second)
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setenv("COUNCIL_EXTRACT_LAYOUT_MODEL", str(first))
    from extract.parse.layout.model import label_document

    got = [r.label for r in label_document(text_doc(MINUTES.replace("Nowhere", "Somewhere")))]
    assert got.count("item") == 2 and got[2] == "present"


def test_train_command_reports_what_it_cannot_use(tmp_path: Path) -> None:
    code = layout_train.main(["--annotations", str(tmp_path), "--papers", str(tmp_path),
                              "--out", str(tmp_path / "m.crfsuite")])
    assert code == 2 and not (tmp_path / "m.crfsuite").exists()


def test_parse_command_chooses_the_reader(tmp_path: Path) -> None:
    paper = tmp_path / "minutes.txt"
    paper.write_text(MINUTES, encoding="utf-8")
    for mode in ("rules", "hybrid"):
        run = CliRunner().invoke(cli, ["parse", str(paper), "--json", "--reader", mode, "--timeout", "0"])
        assert run.exit_code == 0, run.output
        assert json.loads(run.stdout)["meetings"][0]["date"] == "2025-03-03"
    bad = CliRunner().invoke(cli, ["parse", str(paper), "--reader", "oracle"])
    assert bad.exit_code == 2 and "oracle" in bad.output
