"""Pattern files: one loader checks each against its schema; a user's wording is one line in one file;
an older copy of the files is told what it lacks and brought up to date by `council-extract patterns update`."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract import pattern_schema, patterns
from extract.load.model import Document
from extract.load.text import pages_from_text
from extract.parse import parse_document

from conftest import ROOT

SHIPPED = ROOT / "patterns"

MINUTES = """\
MINUTES OF THE MEETING OF ASHBY PARISH COUNCIL HELD ON MONDAY 3RD APRIL 2023 AT 7.30PM IN THE VILLAGE HALL

Gathered in the room: Cllrs J Smith (Chairman), K Jones and L Brown

23/045 Apologies for absence
Apologies were received and accepted from Cllr T Black.

23/047 Bench
CONCLUDED: that a bench be bought for the green.
"""


def reset_caches() -> None:
    """Forget every file read and everything built from one (each module's ``lru_cache``), so the next parse
    reads the folder ``COUNCIL_EXTRACT_PATTERNS`` names now."""
    for name, module in list(sys.modules.items()):
        if name == "extract" or name.startswith("extract."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "").startswith("extract"):
                    value.cache_clear()


@pytest.fixture
def own_copy(tmp_path, monkeypatch):
    """A user's copy of the shipped pattern files, in use (``COUNCIL_EXTRACT_PATTERNS``)."""
    folder = tmp_path / "patterns"
    shutil.copytree(SHIPPED, folder)
    monkeypatch.setenv("COUNCIL_EXTRACT_PATTERNS", str(folder))
    reset_caches()
    yield folder
    monkeypatch.delenv("COUNCIL_EXTRACT_PATTERNS")
    reset_caches()


def add_line(path: Path, after: str, line: str) -> None:
    """Insert ``line`` after the first line holding ``after``: the one-line edit a user makes."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines) if after in text)
    lines.insert(at + 1, line + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def parse_text(text: str):
    return parse_document(Document(path="minutes.txt", sha256="0", format="text", pages=pages_from_text(text)))


def cli(*args: str, folder: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("COUNCIL_EXTRACT_PATTERNS", None)
    if folder is not None:
        env["COUNCIL_EXTRACT_PATTERNS"] = str(folder)
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


# --- the shipped files ---------------------------------------------------------------------------------------

def test_every_shipped_file_has_a_schema_and_meets_it():
    assert {p.name for p in SHIPPED.iterdir()} == set(pattern_schema.FILES)
    assert patterns.check_folder(SHIPPED) == []


def _slots_expanded(value, name: str):
    """``value`` with each vocabulary ``{slot}`` in its strings expanded (other placeholders left as written)."""
    if isinstance(value, dict):
        return {k: v if k.startswith("_") else _slots_expanded(v, name) for k, v in value.items()}
    if isinstance(value, list):
        return [_slots_expanded(v, name) for v in value]
    if isinstance(value, str) and re.search(r"\{(?:%s)\}" % "|".join(patterns.vocabulary()), value):
        return patterns.expand_slots(value, name)
    return value


def test_the_loader_returns_the_files_as_written():
    """What the parsers got before the schema: JSON as written (a key left out would be filled in; none is),
    but for vocabulary slots, expanded as the layout cues' own compile did."""
    for name, spec in pattern_schema.FILES.items():
        if spec.form != "json":
            continue
        raw = json.loads((SHIPPED / name).read_text(encoding="utf-8"))
        loaded = patterns.read_pattern_file(SHIPPED / name, name)
        assert loaded == _slots_expanded(raw, name), name
    rows = patterns.read_pattern_file(SHIPPED / "roles.jsonl", "roles.jsonl")
    assert rows[0] == {"label": "ROLE", "pattern": [{"lower": "executive"}, {"lower": "director"}]}
    assert "cllr" in patterns.read_pattern_file(SHIPPED / "council_words.txt", "council_words.txt")


def test_the_spacy_ruler_validates_its_patterns():
    from extract.nlp.pipeline import get_nlp

    assert get_nlp().get_pipe("council_rules").ruler.validate is True


# --- a user's wording: one line in one file -------------------------------------------------------------------

def test_a_new_attendance_label_is_one_line_in_minutes_json(own_copy):
    (meeting,) = parse_text(MINUTES).meetings
    assert meeting.present == []  # the shipped files do not know "Gathered in the room"
    before = (own_copy / "minutes.json").read_text(encoding="utf-8").splitlines()
    add_line(own_copy / "minutes.json", '"present": [', '      "gathered\\\\s+in\\\\s+the\\\\s+room",')
    after = (own_copy / "minutes.json").read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1 and [line for line in after if line not in before] == [
        '      "gathered\\\\s+in\\\\s+the\\\\s+room",']
    reset_caches()
    (meeting,) = parse_text(MINUTES).meetings
    assert meeting.present == ["J Smith", "K Jones", "L Brown"]


def test_a_new_decision_wording_is_one_line_in_decisions_json(own_copy):
    def resolutions() -> list[str]:
        return [r.text for m in parse_text(MINUTES).meetings for i in m.items for r in i.resolutions]

    assert not any("bench" in text for text in resolutions())
    add_line(own_copy / "decisions.json", '"lead": [', '    "^(?P<kw>concluded)\\\\s*:\\\\s*",')
    reset_caches()
    assert "that a bench be bought for the green." in resolutions()


HEADED = MINUTES.replace("MINUTES OF THE MEETING OF ASHBY PARISH COUNCIL HELD ON",
                         "NOTES OF THE MEETING OF ASHBY PARISH COUNCIL HELD ON")


def test_a_new_minutes_header_wording_is_one_line_in_minutes_json(own_copy):
    """The minutes parser and the kind detector read their header forms from one key of one file."""
    def read() -> tuple[str, list]:
        record = parse_document(Document(path="minutes.txt", sha256="0", format="text", pages=pages_from_text(HEADED)))
        return record.kind, record.meetings

    kind, meetings = read()
    assert kind != "minutes" and not any(m.date == "2023-04-03" for m in meetings)  # the shipped files miss it
    before = (own_copy / "minutes.json").read_text(encoding="utf-8").splitlines()
    line = '    "notes\\\\s+of\\\\s+the\\\\s+meeting\\\\s+of\\\\b",'
    add_line(own_copy / "minutes.json", '"meeting_headers": [', line)
    after = (own_copy / "minutes.json").read_text(encoding="utf-8").splitlines()
    assert [text for text in after if text not in before] == [line] and len(after) == len(before) + 1
    reset_caches()
    kind, meetings = read()
    assert kind == "minutes"
    (meeting,) = meetings
    assert (meeting.body, meeting.date) == ("Ashby Parish Council", "2023-04-03")
    assert [item.number for item in meeting.items] == ["23/045", "23/047"]


def test_a_vocabulary_slot_works_in_any_regular_expression(own_copy):
    edit_json(own_copy / "vocabulary.json", lambda d: d.update(gathering=["gathered\\s+in\\s+the\\s+room"]))
    edit_json(own_copy / "minutes.json", lambda d: d["attendance"]["present"].append("{gathering}"))
    reset_caches()
    (meeting,) = parse_text(MINUTES).meetings
    assert meeting.present == ["J Smith", "K Jones", "L Brown"]


def test_a_month_spelling_added_to_the_vocabulary_reaches_every_reader_of_dates(own_copy):
    """Month names are one slot of vocabulary.json (twelve, January first): a council's spelling added to its
    month is read by the date reader, the minutes header, KPI periods and due dates alike."""
    from extract.nlp.dates import due_date
    from extract.parse.kpis.cells import parse_period
    from extract.parse.minutes.header import find_date
    from extract.parse.text.dates import month_number, parse_date

    def readings() -> tuple:
        return (parse_date("Dydd Llun, 15 Ionawr 2024"), find_date("Cyfarfod 15fed Ionawr 2024"),
                parse_period("Ionawr 24"), due_date("by Ionawr 2024"), month_number("Ionawr"))

    assert readings() == (None, None, None, None, None)
    edit_json(own_copy / "vocabulary.json", lambda d: d["months"].__setitem__(0, "(?:jan(?:uary)?|ionawr)"))
    reset_caches()
    assert readings() == ("2024-01-15", None, "2024-01", "2024-01-31", 1)  # '15fed': no English ordinal
    assert find_date("Cyfarfod 15 Ionawr 2024") == "2024-01-15"
    edit_json(own_copy / "vocabulary.json", lambda d: d["months"].append("ionawr"))
    reset_caches()
    with pytest.raises(patterns.PatternFileError, match=r"vocabulary\.json: months: should be a list of 12 regular "
                                                         r"expressions \(January first\), not list"):
        parse_date("15 January 2024")


def test_defaults_come_from_the_schema(own_copy):
    edit_json(own_copy / "agenda.json", lambda d: d.pop("max_gap_lines"))
    edit_json(own_copy / "kinds.json", lambda d: d.pop("presentation"))
    assert patterns.load_json("agenda.json")["max_gap_lines"] == 16
    assert patterns.load_json("kinds.json")["presentation"]["max_lines_per_slide"] == 22


# --- mistakes: one line naming the file and the key -----------------------------------------------------------

def test_a_misspelt_key_stops_parse_with_one_line_naming_file_and_key(own_copy):
    edit_json(own_copy / "kinds.json", lambda d: d.update(min_cover_label=d.pop("min_cover_labels")))
    paper = ROOT / "corpus" / "little_ashby_pc_2024-10-16_minutes.txt"
    run = cli("parse", str(paper), folder=own_copy)
    assert run.returncode == 3, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"Error: {own_copy / 'kinds.json'}: min_cover_label: unknown key; did you mean 'min_cover_labels'? "
        "(keys starting with _ are comments)"]


def test_a_bad_regex_names_file_and_key(own_copy):
    edit_json(own_copy / "minutes.json", lambda d: d["attendance"]["present"].append("members (present"))
    with pytest.raises(patterns.PatternFileError) as err:
        parse_text(MINUTES)
    message = str(err.value)
    assert message.startswith(f"{own_copy / 'minutes.json'}: attendance.present[")
    assert "'members (present' does not compile (missing ), unterminated subpattern" in message
    assert "\n" not in message


def test_a_value_of_the_wrong_type_names_file_and_key(own_copy):
    edit_json(own_copy / "cover_labels.json", lambda d: d.update(window_pages="2"))
    with pytest.raises(patterns.PatternFileError, match=r"cover_labels\.json: window_pages: should be a whole "
                                                         r"number >= 1, not str '2'"):
        patterns.load_json("cover_labels.json")


def test_a_bad_jsonl_line_names_file_line_and_key(own_copy):
    with open(own_copy / "roles.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"label": "ROLE", "pattern": [{"lowr": "harbour"}, {"lower": "master"}]}\n')
    lines = (own_copy / "roles.jsonl").read_text(encoding="utf-8").count("\n")
    with pytest.raises(patterns.PatternFileError) as err:
        patterns.load_jsonl("roles.jsonl")
    assert str(err.value) == (f"{own_copy / 'roles.jsonl'} line {lines}: pattern: not a spaCy token pattern: "
                              "[pattern -> 0 -> lowr] Extra inputs are not permitted")
    with open(own_copy / "action_cues.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"label": "FUTUR", "pattern": [{"lower": "shall"}]}\n')
    with pytest.raises(patterns.PatternFileError, match=r"action_cues\.jsonl line \d+: label: should be one of FUTURE"):
        patterns.load_jsonl("action_cues.jsonl")


def test_an_unknown_vocabulary_slot_names_file_and_key(own_copy):
    edit_json(own_copy / "layout.json", lambda d: d["cues"]["month"].append("\\b{monthz}\\b"))
    with pytest.raises(patterns.PatternFileError, match=r"layout\.json: cues\.month\[1\]: unknown vocabulary slot "
                                                         r"\{monthz\}; one of .*months"):
        patterns.load_json("layout.json")


def test_councils_file_problems_name_the_council_and_key(tmp_path):
    from extract.fetch.councils import load_councils

    path = tmp_path / "councils.toml"
    path.write_text('[defaults]\ntimeout = 0\n')
    with pytest.raises(patterns.PatternFileError, match=r"councils\.toml: defaults\.timeout: should be a number > 0"):
        load_councils(path)
    path.write_text('[[council]]\nname = "Testshire County Council"\nplatform = "cmis"\nbase_url = "https://x.org"\n')
    with pytest.raises(patterns.PatternFileError, match=r"councils\.toml: council\[0\]\.platform: should be one of "
                                                         r"moderngov, not str 'cmis'"):
        load_councils(path)
    path.write_text('[[council]]\nname = "Testshire County Council"\n')
    with pytest.raises(patterns.PatternFileError, match=r"council\[0\]\.base_url: missing key"):
        load_councils(path)
    path.write_text('[[council]]\nname = "Testshire County Council"\nbase_url = "https://x.org/"\n')
    (council,), settings = load_councils(path)
    assert (council.platform, council.committees, council.base_url) == ("moderngov", [], "https://x.org")
    assert (settings.timeout, settings.max_retries) == (60.0, 3)  # the schema's defaults


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux's /proc (a file that cannot be read)")
def test_a_councils_file_that_cannot_be_read_is_one_line_and_exit_3(tmp_path):
    """The library says what is wrong with the file (the CLI converts it like every other library error)."""
    run = cli("fetch", "--councils-file", "/proc/self/mem", "--db", str(tmp_path / "fetch.db"))
    assert run.returncode == 3
    assert run.stderr.strip() == "Error: /proc/self/mem: cannot be read (Input/output error)"


# --- an older copy --------------------------------------------------------------------------------------------

def make_older(folder: Path) -> None:
    """A copy as it stood before vocabulary.json and the minutes' heading_number, with the user's own label."""
    (folder / "vocabulary.json").unlink()
    (folder / "layout.json").unlink()
    edit_json(folder / "minutes.json", lambda d: (d.pop("heading_number"),
                                                  d["attendance"]["present"].append("gathered\\s+in\\s+the\\s+room")))


def test_an_older_copy_is_told_what_is_missing_and_how_to_update_it(own_copy):
    make_older(own_copy)
    with pytest.raises(patterns.PatternFileError) as err:
        parse_text(MINUTES)
    assert str(err.value) == (
        f"{own_copy / 'minutes.json'}: heading_number: missing key (a regular expression); this patterns folder "
        f"is older than council-extract: run `council-extract patterns update {own_copy}` to bring it up to "
        "date with the shipped files (your additions are kept)")
    run = cli("patterns", "check", str(own_copy))
    assert run.returncode == 3
    assert f"{own_copy / 'vocabulary.json'}: missing; this patterns folder is older" in run.stderr
    assert f"{own_copy / 'layout.json'}: missing;" in run.stderr


def test_patterns_update_brings_an_older_copy_up_to_date_and_keeps_the_users_words(own_copy):
    make_older(own_copy)
    dry = cli("patterns", "update", str(own_copy), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"would change {own_copy / 'minutes.json'}: added key heading_number (the shipped value)" in dry.stdout
    assert not (own_copy / "vocabulary.json").exists()
    run = cli("patterns", "update", str(own_copy))
    assert run.returncode == 0, run.stderr
    assert sorted(run.stdout.splitlines()) == [f"{own_copy / 'layout.json'}: added (the shipped file)",
                                               f"{own_copy / 'minutes.json'}: added key heading_number (the shipped value)",
                                               f"{own_copy / 'vocabulary.json'}: added (the shipped file)"]
    assert patterns.check_folder(own_copy) == []
    minutes = json.loads((own_copy / "minutes.json").read_text(encoding="utf-8"))
    shipped = json.loads((SHIPPED / "minutes.json").read_text(encoding="utf-8"))
    assert minutes["heading_number"] == shipped["heading_number"]
    assert minutes["attendance"]["present"] == shipped["attendance"]["present"] + ["gathered\\s+in\\s+the\\s+room"]
    reset_caches()
    (meeting,) = parse_text(MINUTES).meetings
    assert meeting.present == ["J Smith", "K Jones", "L Brown"]  # the user's label still read
    again = cli("patterns", "update", str(own_copy))
    assert (again.returncode, again.stdout.strip()) == (0, f"{own_copy}: nothing to add")


def test_a_copy_of_the_patterns_folder_as_main_had_it_before_the_kpi_words_is_updated(own_copy):
    """The shipped files grew five KPI heading lists (target, comparator, budget, period, breakdown words) after the
    loader: a user's copy without them is told so, and ``patterns update`` adds them, keeping the user's words."""
    new = ["target_words", "comparator_words", "budget_words", "period_words", "breakdown_headings"]
    edit_json(own_copy / "kpis.json", lambda d: ([d.pop(key) for key in new], d["total_words"].append("sum total")))
    run = cli("patterns", "check", str(own_copy))
    assert run.returncode == 3
    assert f"{own_copy / 'kpis.json'}: target_words: missing key (a list of non-empty strings); this patterns folder is older" in run.stderr
    run = cli("patterns", "update", str(own_copy))
    assert run.returncode == 0, run.stderr
    assert sorted(run.stdout.splitlines()) == sorted(f"{own_copy / 'kpis.json'}: added key {key} (the shipped value)" for key in new)
    kpis = json.loads((own_copy / "kpis.json").read_text(encoding="utf-8"))
    assert "sum total" in kpis["total_words"] and patterns.check_folder(own_copy) == []


def test_a_renamed_key_is_named_and_renamed_by_update(own_copy, monkeypatch):
    from extract.pattern_update import update_folder

    monkeypatch.setitem(pattern_schema.RENAMED_KEYS, "minutes.json", {"attendance.here": "attendance.present"})
    edit_json(own_copy / "minutes.json", lambda d: d["attendance"].update(here=d["attendance"].pop("present")))
    with pytest.raises(patterns.PatternFileError, match=r"minutes\.json: attendance\.here: renamed "
                                                         r"'attendance\.present' in this version; .*patterns update"):
        patterns.load_json("minutes.json")
    report = update_folder(own_copy)
    assert report.changes == ["minutes.json: renamed key attendance.here to attendance.present"]
    assert report.problems == []
    assert "here" not in json.loads((own_copy / "minutes.json").read_text(encoding="utf-8"))["attendance"]


def test_update_removes_a_retired_key_and_the_loader_names_it(own_copy):
    """tracker.json's 'request' list is read no more (a trained classifier decides what is a request): an
    older copy that has it is told so, and ``patterns update`` takes it out, keeping the user's other words."""
    edit_json(own_copy / "tracker.json", lambda d: (d.update(request=["\\bplease\\b"]),
                                                    d["procedural"].append("minutes\\s+signed")))
    run = cli("patterns", "check", str(own_copy))
    assert run.returncode == 3
    assert (f"{own_copy / 'tracker.json'}: request: retired (the trained sentence classifier decides what is a "
            f"request) in this version; this patterns folder is older than council-extract: run `council-extract "
            f"patterns update {own_copy}`") in run.stderr
    run = cli("patterns", "update", str(own_copy))
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [f"{own_copy / 'tracker.json'}: removed key request (retired (the trained "
                                       "sentence classifier decides what is a request) in this version)"]
    tracker = json.loads((own_copy / "tracker.json").read_text(encoding="utf-8"))
    assert "request" not in tracker and tracker["procedural"][-1] == "minutes\\s+signed"
    assert patterns.check_folder(own_copy) == []


def test_update_moves_the_minutes_headers_of_an_older_kinds_json_into_minutes_json(own_copy):
    """Minutes headers live in minutes.json only: an older copy's kinds.json 'minutes_headers' (with the
    user's own form) is named by the loader and carried into minutes.json's 'kind_headers' by update."""
    shipped = json.loads((SHIPPED / "minutes.json").read_text(encoding="utf-8"))["kind_headers"]
    mine = "^gathering\\s+record\\b"
    edit_json(own_copy / "minutes.json", lambda d: d.pop("kind_headers"))
    edit_json(own_copy / "kinds.json", lambda d: d.update(minutes_headers=shipped + [mine]))
    with pytest.raises(patterns.PatternFileError) as err:
        patterns.load_json("kinds.json")
    assert str(err.value).startswith(f"{own_copy / 'kinds.json'}: minutes_headers: moved to minutes.json as "
                                     "'kind_headers' in this version; this patterns folder is older")
    run = cli("patterns", "update", str(own_copy))
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [f"{own_copy / 'kinds.json'}: moved key minutes_headers to minutes.json as "
                                       "kind_headers (your entries kept)"]
    assert "minutes_headers" not in json.loads((own_copy / "kinds.json").read_text(encoding="utf-8"))
    assert json.loads((own_copy / "minutes.json").read_text(encoding="utf-8"))["kind_headers"] == shipped + [mine]
    assert patterns.check_folder(own_copy) == []
    reset_caches()
    from extract.parse.document.cues import is_minutes_header

    assert is_minutes_header("Gathering record of the parish") and not is_minutes_header("A gathering record")


def test_update_leaves_an_unknown_key_to_the_user(own_copy):
    edit_json(own_copy / "kinds.json", lambda d: d.update(min_cover_label=d.pop("min_cover_labels")))
    run = cli("patterns", "update", str(own_copy))
    assert run.returncode == 3
    assert f"{own_copy / 'kinds.json'}: added key min_cover_labels (the shipped value)" in run.stdout
    assert "kinds.json: min_cover_label: unknown key; did you mean 'min_cover_labels'?" in run.stderr
    assert "min_cover_label" in json.loads((own_copy / "kinds.json").read_text(encoding="utf-8"))


def test_update_refuses_the_shipped_folder_and_check_passes_it():
    run = cli("patterns", "update", str(SHIPPED))
    assert run.returncode == 2 and "shipped patterns folder" in run.stderr
    run = cli("patterns", "check")
    assert run.returncode == 0 and run.stdout.strip() == f"{SHIPPED}: every pattern file is usable"
