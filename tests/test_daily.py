"""Daily use (issue 21): the Python API, the command line without surprises, one sentence one record.

The demo corpus is ingested once through the CLI; each test reads it (or a copy).
Reading must never write: tests compare the database file's bytes and schema before
and after.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from extract.cli import cli

from conftest import ROOT

CORPUS = ROOT / "corpus"
EXE = Path(sys.executable).with_name("council-extract")


def run(*args: object, input: bytes | str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("daily") / "council.db"
    result = run("ingest", CORPUS, "--db", path, "--silent", "--workers", "1")
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def db_copy(corpus_db, tmp_path) -> Path:
    target = tmp_path / "council.db"
    shutil.copy(corpus_db, target)
    return target


def fingerprint(path: Path) -> tuple[str, list[tuple[str, str]], str]:
    """The file's bytes, its schema objects and its journal mode (read with a read-only connection)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = conn.execute("SELECT type, name FROM sqlite_master ORDER BY type, name").fetchall()
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()
    return digest, schema, journal


# ---------------------------------------------------------------- Python


def test_store_is_one_import_with_dataframes(corpus_db):
    from extract import Store

    with Store(corpus_db) as store:
        hits = store.search("circulate")
        recs = store.recs(status="outstanding")
        kpis = store.kpis()
        series = store.kpi_series("re-referrals")
        docs = store.documents()
    for frame in (hits, recs, kpis, series, docs):
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert {"table", "snippet", "file", "page", "date", "also_in"} <= set(hits.columns)
    assert {"id", "request", "owner", "status", "file", "page"} <= set(recs.columns)
    assert pd.api.types.is_datetime64_any_dtype(recs["raised"])  # dates are dates: recs[recs.raised >= "2024"]
    assert len(recs[recs["raised"] >= "2024-01-01"]) == len(recs)
    assert set(recs["status"]) <= {"open", "in progress"}
    assert "value" in series.columns and series["value"].notna().any()
    assert len(docs) == 5


def test_store_refuses_a_missing_path_and_creates_nothing(tmp_path):
    from extract import Store

    missing = tmp_path / "typo" / "council.db"
    with pytest.raises(FileNotFoundError):
        Store(missing)
    assert not missing.exists() and not missing.parent.exists()
    from extract.store.schema import read_db

    with pytest.raises(FileNotFoundError):
        read_db(missing)


def test_reading_never_writes(db_copy, tmp_path):
    """No migration, no journal switch, no tracker or view written by a reader, from Python or the CLI."""
    from extract import Store

    ident = json.loads(run("recs", "--db", db_copy, "--json").output)[0]["id"]
    assert run("recs", "set", ident, "--status", "dropped", "--db", db_copy).exit_code == 0  # a person's status
    gc.collect()  # the in-process CLI's connection, closed as a process's would be
    # a database in rollback-journal mode, with the tracker's derived tables dropped (as an older version left it)
    conn = sqlite3.connect(db_copy)
    conn.execute("PRAGMA journal_mode = DELETE")
    for name in ("tracked_items", "rec_links", "tracker_state", "name_forms"):
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    conn.commit()
    conn.close()
    before = fingerprint(db_copy)
    assert before[2] == "delete"
    with Store(db_copy) as store:
        recs = store.recs()  # rebuilt for this connection only, with the status the person set
        assert len(recs) > 0 and recs.set_index("id").loc[ident, "status"] == "dropped"
        assert len(store.recs()) == len(recs)
        store.search("circulate")
        store.summary()
    for args in (["search", "circulate"], ["summary"], ["recs"], ["kpis", "--indicator", "referrals"],
                 ["watch", "list"], ["export", "--to", tmp_path / "x", "meetings"]):
        result = run(*args, "--db", db_copy)
        assert result.exit_code == 0, (args, result.output)
    assert fingerprint(db_copy) == before
    assert not Path(str(db_copy) + "-wal").exists()


def test_kpi_series_matches_like_the_cli_indicator_option(corpus_db):
    from extract.kpiframe import kpi_frame, kpi_series
    from extract.store.kpis import stored_kpis
    from extract.store.schema import read_db

    db = read_db(corpus_db)
    frame = kpi_frame(stored_kpis(db))
    listed = json.loads(run("kpis", "--db", corpus_db, "--indicator", "children", "--json").output)
    wide = kpi_series(frame, "children")  # part of a label, any case: as --indicator
    assert set(wide["indicator"]) == {r["indicator"] for r in listed if r["period"]}
    assert len(set(wide["indicator"])) >= 2  # several indicators match: each has its rows
    assert len(kpi_series(frame, "CHILDREN")) == len(wide)
    one = kpi_series(frame, "re-referrals")
    assert set(one["indicator"]) == {"Percentage of re-referrals to Children's Social Care within 12 months"}
    with pytest.raises(KeyError, match="no indicator matching"):
        kpi_series(frame, "nothing like this")


def test_a_python_caller_of_the_batch_gets_the_tracker_and_the_watches(tmp_path):
    from extract import Store
    from extract.batch.runner import run_batch
    from extract.store.schema import read_db

    path = tmp_path / "council.db"
    assert run("watch", "add", "drain", "drain", "--db", path).exit_code == 0
    report = run_batch(path, [CORPUS], {"workers": 1})
    assert report.ingested == 5 and report.followup is not None
    assert report.followup.tracked and report.followup.watches.total >= 1
    db = read_db(path)
    assert "tracked_items" in db.table_names() and db["tracked_items"].count == report.followup.tracked
    assert db.execute("SELECT count(*) FROM watch_hits").fetchone()[0] >= 1
    assert "outstanding_recommendations" in db.view_names()
    assert len(Store(path).recs()) == report.followup.tracked


# ---------------------------------------------------------------- one sentence, one record


def _sentence(snippet: str) -> str:
    return " ".join(snippet.replace("[", "").replace("]", "").replace("…", " ").lower().split())


def test_search_shows_each_sentence_once(corpus_db):
    from extract.store.schema import read_db
    from extract.store.search import search

    db = read_db(corpus_db)
    every = search(db, "circulate", limit=None, distinct=False)
    hits = search(db, "circulate", limit=None)
    assert len(hits) < len(every)
    resolution = next(h for h in hits if h["table"] == "resolutions")
    assert {"actions", "minute_items"} <= set(resolution["also_in"])
    for a in hits:  # no sentence shown by two hits of one document
        for b in hits:
            if a is not b and a["sha256"] == b["sha256"]:
                sa, sb = _sentence(a["snippet"]), _sentence(b["snippet"])
                assert sa not in sb and sb not in sa, (a["table"], b["table"], sa)
    listed = json.loads(run("search", "circulate", "--db", corpus_db, "--json", "--limit", "50").output)
    assert [h["key"] for h in listed] == [h["key"] for h in hits]
    paged = search(db, "circulate", limit=2, offset=2)
    assert [h["key"] for h in paged] == [h["key"] for h in hits[2:4]]


# ---------------------------------------------------------------- the command line


def test_db_option_goes_after_the_subcommand_too(db_copy, tmp_path):
    ident = json.loads(run("recs", "--db", db_copy, "--json").output)[0]["id"]
    shown = run("recs", "show", ident, "--db", db_copy)
    assert shown.exit_code == 0 and "Request:" in shown.output
    assert run("recs", "set", ident, "--status", "closed", "--note", "done", "--db", db_copy).exit_code == 0
    assert "closed: done" in run("recs", "show", ident, "--db", db_copy).output
    report = run("recs", "report", "--html", tmp_path / "r.html", "--db", db_copy)
    assert report.exit_code == 0 and (tmp_path / "r.html").exists()
    assert run("watch", "add", "halls", "hall", "--db", db_copy).exit_code == 0
    assert "halls" in run("watch", "list", "--db", db_copy).output
    assert "halls" in run("watch", "--db", db_copy, "list").output


def test_table_means_a_table_for_people_everywhere():
    from click import Group

    def walk(group: Group, prefix: str = ""):
        for name, command in group.commands.items():
            yield prefix + name, command
            if isinstance(command, Group):
                yield from walk(command, prefix + name + " ")

    for name, command in walk(cli):
        for param in command.params:
            if "--table" in getattr(param, "opts", []):
                assert param.name == "fmt" and param.flag_value == "table", name
    assert ["--in"] == next(p.opts for p in cli.commands["search"].params if p.name == "tables")


def test_choice_lists_come_from_the_library():
    from extract.pipeline import OCR_MODES
    from extract.record import KINDS
    from extract.store.schema import SEARCHABLE
    from extract.track.items import STATUSES
    from extract.watch.store import EVENTS

    def choices(command, name):
        return tuple(next(p for p in command.params if p.name == name).type.choices)

    import click

    from extract.cli import LibraryChoice

    def walk(group):
        for command in group.commands.values():
            yield command
            if isinstance(command, click.Group):
                yield from walk(command)

    typed_again = [(c.name, p.name) for c in walk(cli) for p in c.params
                   if isinstance(p.type, click.Choice) and not isinstance(p.type, LibraryChoice)]
    assert typed_again == []
    watch, recs = cli.commands["watch"], cli.commands["recs"]
    assert choices(cli.commands["parse"], "ocr") == choices(cli.commands["ingest"], "ocr") == OCR_MODES
    assert choices(cli.commands["search"], "kind") == choices(watch.commands["add"], "kind") == KINDS
    assert choices(cli.commands["search"], "tables") == choices(watch.commands["add"], "tables") == SEARCHABLE
    assert choices(watch.commands["add"], "event") == EVENTS
    assert choices(recs.commands["set"], "status") == STATUSES
    assert choices(recs, "status") == (*STATUSES, "outstanding")


@pytest.mark.parametrize("args", [["search", "zzqqxx"], ["recs", "--owner", "nobody at all"],
                                  ["kpis", "--indicator", "zzqqxx"], ["summary"], ["watch", "list"]])
@pytest.mark.parametrize("fmt", ["--csv", "--tsv"])
def test_an_empty_csv_still_has_its_header(tmp_path, args, fmt):
    empty = tmp_path / "empty.db"
    assert run("watch", "add", "x", "x", "--db", empty).exit_code == 0  # a database with nothing ingested
    if args[0] == "watch":
        assert run("watch", "remove", "x", "--db", empty).exit_code == 0
    result = run(*args, "--db", empty, fmt)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output), sep="," if fmt == "--csv" else "\t")
    assert frame.empty and len(frame.columns) >= 5


def test_summary_json_prints_what_its_help_says(corpus_db):
    help_text = " ".join(run("summary", "--help").output.split())
    assert "--json one JSON object: counts, last_run, errors (files failing), open_actions, open_action_count" \
        in help_text
    data = json.loads(run("summary", "--db", corpus_db, "--json").output)
    assert set(data) == {"counts", "last_run", "errors", "open_actions", "open_action_count"}
    assert "--csv the open actions as comma-separated values" in help_text


@pytest.mark.parametrize("args", [["recs"], ["search", "circulate"], ["summary"], ["kpis", "--indicator", "a"]])
def test_tables_for_people_fit_the_terminal_and_name_file_and_page(corpus_db, args):
    result = run(*args, "--db", corpus_db, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and max(len(line) for line in lines) <= 100
    header = next(line for line in lines if line.split()[:1] in (["id"], ["table"], ["date"]))
    assert ("file" in header.split() or "document" in header.split()) and "page" in header.split()


def test_parse_reads_standard_input():
    text = (CORPUS / "little_ashby_pc_2024-10-16_minutes.txt").read_bytes()
    from_stdin = run("parse", "-", "--json", input=text)
    from_file = run("parse", CORPUS / "little_ashby_pc_2024-10-16_minutes.txt", "--json")
    assert from_stdin.exit_code == 0, from_stdin.output
    a, b = json.loads(from_stdin.output), json.loads(from_file.output)
    assert a["source"]["file"] == "-" and a["source"]["sha256"] == b["source"]["sha256"]
    assert a["meetings"] == b["meetings"]
    pdf = (CORPUS / "wexcombe_planning_2024-10-22_minutes.pdf").read_bytes()
    piped = run("parse", "-", input=pdf)
    assert piped.exit_code == 0 and piped.output.startswith("-: minutes")
    empty = run("parse", "-", input=b"")
    assert empty.exit_code == 3 and "-: nothing on standard input" in empty.output


def _on_a_terminal(args: list[str]) -> tuple[str, str]:
    """Run the CLI with stderr on a pseudo-terminal; returns (stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(EXE), *args], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out, _ = proc.communicate(timeout=300)
    os.close(master)
    return out.decode(), shown.decode("utf-8", "replace")


def test_parse_shows_progress_on_a_terminal_only():
    pack = CORPUS / "wexcombe_cyp_scrutiny_2024-11-14_agenda_pack.pdf"
    out, shown = _on_a_terminal(["parse", str(pack)])
    assert out.startswith(pack.name)
    assert "reading page 1/12" in shown and "reading page 12/12" in shown and "parsing" in shown
    piped = subprocess.run([str(EXE), "parse", str(pack)], capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""  # into a file or pipe: nothing drawn


def test_ocr_shows_progress_and_the_summary_names_the_ocr_pages(tmp_path):
    pytest.importorskip("tesserocr", reason="tesserocr (a dependency) reads scanned pages")
    from test_ocr import image_pdf

    scan = image_pdf(tmp_path, [["MINUTES of the Parish Council held on 3 March 2025", "Present: Cllr Smith"],
                                ["RESOLVED: that the Clerk writes to the Borough Council."]])
    out, shown = _on_a_terminal(["parse", str(scan)])
    assert "OCR page 1/2" in shown and "OCR page 2/2" in shown
    assert "read by OCR: pages 1-2" in out


def test_serve_fails_on_a_missing_database_before_saying_serving(tmp_path):
    missing = tmp_path / "missing.db"
    proc = subprocess.run([str(EXE), "serve", str(missing), "--port", "8"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert "serving" not in proc.stdout + proc.stderr
    assert proc.stderr.strip().splitlines() == [f"Error: {missing}: no such database; run `council-extract ingest "
                                                f"PATH --db {missing}` first, or pass --db"]
    assert not missing.exists()


@pytest.mark.parametrize("args", [["search", "x"], ["summary"], ["recs"], ["recs", "show", "abcd"],
                                  ["kpis"], ["watch", "list"], ["export", "--to", "out"]])
def test_a_missing_database_is_one_line_and_exit_3_everywhere(tmp_path, args):
    missing = tmp_path / "none.db"
    result = run(*args, "--db", missing)
    assert result.exit_code == 3, result.output
    assert result.output.strip().splitlines() == [f"Error: {missing}: no such database; run `council-extract "
                                                  f"ingest PATH --db {missing}` first, or pass --db"]
    assert not missing.exists()


def test_committees_differing_only_in_case_are_one_in_reports(tmp_path):
    from extract.record import Meeting, MinuteItem, Record, Resolution, Source
    from extract.store.ingest import write_document
    from extract.store.schema import open_db
    from extract.track.report import render_html

    path = tmp_path / "council.db"
    db = open_db(path)
    for n, (body, day) in enumerate((("CABINET", "2024-01-10"), ("Cabinet", "2024-02-14"), ("Cabinet", "2024-03-13"))):
        item = MinuteItem(number="5", title="Libraries", page=1, resolutions=[
            Resolution(number="1", text=f"That the Head of Libraries circulate the opening hours review {n}.", page=1)])
        record = Record(source=Source(file=f"m{n}.txt", sha256=str(n) * 64, pages=1, path=f"/m{n}.txt", format="text"),
                        kind="minutes", council="Kent County Council", body=body, date=day)
        record.meetings = [Meeting(body=body, date=day, page=1, items=[item])]
        write_document(db, {"record": record.to_dict(), "pages": [{"page": 1, "text": "minutes", "text_source":
                                                                   "text_layer"}], "path": f"/m{n}.txt"})
    db.close()
    rows = json.loads(run("recs", "--db", path, "--json").output)
    assert {r["body"] for r in rows} == {"Cabinet"}
    assert run("recs", "report", "--db", path, "--html", tmp_path / "r.html").exit_code == 0
    html = (tmp_path / "r.html").read_text()
    assert "CABINET" not in html and html.count("Cabinet — meeting of") == 3
    assert render_html([]).count("Cabinet") == 0


def test_readme_shows_the_front_page_and_runs_its_python_example(corpus_db):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/front-page.png)" in readme and (ROOT / "docs" / "front-page.png").stat().st_size > 10_000
    section = readme.split("### Python", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    assert "from extract import Store" in code
    namespace: dict = {}
    exec(code.replace("out/council.db", str(corpus_db)), namespace)  # the example works as printed
    assert isinstance(namespace["recs"], pd.DataFrame) and isinstance(namespace["wide"], pd.DataFrame)
