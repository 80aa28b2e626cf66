"""Hostile conditions for the batch and the store: nothing hangs, nothing crashes, nothing is merged or lost.

Two ingests at once, pipes and devices in a papers folder, empty files, a full disk, read-only
databases and folders, a database from a newer version or from another program, project notes
beside the papers, files that fail every night. Commands run in real processes: forked from the
test process (already warmed up, so quick) or, where permissions matter, as a subprocess with the
capabilities that let root ignore file permissions dropped (``setpriv``), so root and other users
see the same.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from click.testing import CliRunner

from extract.batch.worker import TEST_SLEEP_ENV, tiny_pdf, warm
from extract.cli import cli
from extract.store.schema import SCHEMA_VERSION, open_db

from test_batch import content, query, write_papers

EXE = Path(sys.executable).with_name("council-extract")
SETPRIV = shutil.which("setpriv")


# ---------------------------------------------------------------- running commands


def run_forked(args: list[str], timeout: float = 60, setup: Optional[Callable[[], None]] = None,
               env: Optional[dict[str, str]] = None) -> tuple[Optional[int], str]:
    """``council-extract ARGS`` in a forked child (``setup`` runs first there); (exit code, output).

    The exit code is None when the command was still running at ``timeout`` (it is killed)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        os.environ.update(env or {})
        if setup:
            setup()
        result = CliRunner().invoke(cli, args)
        text = result.output
        if result.exception and not isinstance(result.exception, SystemExit):
            import traceback

            text += "".join(traceback.format_exception(result.exception))
        send.send((result.exit_code, text))

    warm()
    process = context.Process(target=child)
    process.start()
    send.close()
    wait([receive, process.sentinel], timeout)
    answer = receive.recv() if receive.poll() else (None, "")
    if process.is_alive():
        process.kill()
    process.join()
    return answer


def run_as_user(*args: str) -> subprocess.CompletedProcess:
    """``council-extract ARGS`` in a subprocess that file permissions apply to, even when the tests run as root."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not SETPRIV:
            pytest.skip("running as root without setpriv: file permissions cannot be made to apply")
        prefix = [SETPRIV, "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]
    return subprocess.run([*prefix, str(EXE), *args], capture_output=True, text=True, timeout=120)


def one_line(text: str) -> str:
    """The command's message: one line, no traceback."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert "Traceback" not in text, text
    assert len(lines) == 1, text
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- two ingests at once


def _ingest_server(commands: Any, answers: Any) -> None:
    """A forked process that runs the ingest commands it is sent, one at a time, and answers each."""
    os.environ[TEST_SLEEP_ENV] = "0.03"  # each document takes a little while, so the two runs overlap
    while True:
        args = commands.recv()
        if args is None:
            return
        result = CliRunner().invoke(cli, args)
        answers.send((result.exit_code, result.output, repr(result.exception) if result.exception else ""))


def papers_of(folder: Path, body: str, count: int) -> list[Path]:
    """``count`` small minutes of one body, distinct from every other body's."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{body.lower()}_{i}.txt"
        path.write_text(f"Minutes of the {body} Committee held on {i + 1} June 2024\n"
                        f"{i + 1}. {body} matter {i}\nRESOLVED that the {body} report {i} be noted.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_two_ingests_at_once_ten_times_give_what_a_sequential_run_gives(tmp_path):
    shared = papers_of(tmp_path / "shared", "Audit", 1)
    mine = {"a": papers_of(tmp_path / "a", "Planning", 2), "b": papers_of(tmp_path / "b", "Licensing", 2)}
    sets = {name: [str(p) for p in shared + papers] for name, papers in mine.items()}
    warm()
    context = multiprocessing.get_context("fork")
    servers = {}
    for name in sets:
        commands_in, commands_out = context.Pipe(duplex=False)
        answers_in, answers_out = context.Pipe(duplex=False)
        process = context.Process(target=_ingest_server, args=(commands_in, answers_out))
        process.start()
        servers[name] = (process, commands_out, answers_in)

    def ingest(name: str, db: Path) -> None:
        servers[name][1].send(["ingest", *sets[name], "--db", str(db), "--workers", "1", "--silent"])

    def answer(name: str) -> tuple[int, str, str]:
        assert servers[name][2].poll(120), f"ingest {name} did not finish within 120 s"
        return servers[name][2].recv()

    try:
        reference = tmp_path / "sequential.db"
        for name in ("a", "b"):
            ingest(name, reference)
            code, output, error = answer(name)
            assert code == 0, output + error
        expected = content(reference)
        assert expected["documents"][0] == 5

        for trial in range(10):
            db = tmp_path / f"together-{trial}.db"
            ingest("a", db)
            ingest("b", db)
            results = {name: answer(name) for name in ("a", "b")}
            for name, (code, output, error) in results.items():
                assert code == 0, f"trial {trial}, ingest {name}: {output}{error}"
                assert "Traceback" not in output and "locked" not in output
            assert content(db) == expected, f"trial {trial}: the database differs from a sequential run"
            runs = query(db, "SELECT finished_at, counts FROM runs ORDER BY id")
            assert len(runs) == 2 and all(finished for finished, _ in runs)
            assert not any(json.loads(counts).get("interrupted") for _, counts in runs), runs  # nothing half-done
            assert query(db, "SELECT count(*) FROM run_files") == [(6,)]  # every file of both runs has its outcome
    finally:
        for process, commands, _ in servers.values():
            commands.send(None)
            process.join(10)
            if process.is_alive():
                process.kill()


# ---------------------------------------------------------------- files that are not papers, or not files


def test_a_pipe_and_a_link_to_dev_zero_in_the_folder_are_recorded_not_read(tmp_path):
    folder = tmp_path / "in"
    [good] = write_papers(folder, 1)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    db = tmp_path / "c.db"
    code, output = run_forked(["ingest", str(folder), "--db", str(db), "--workers", "1", "--silent"], timeout=60)
    assert code is not None, "ingest hung on a pipe or on /dev/zero"
    assert code == 4, output
    reasons = dict(query(db, "SELECT path, reason FROM errors"))
    assert "not a regular file (a named pipe)" in reasons[str(folder / "pipe.txt")]
    assert "not a regular file (a character device)" in reasons[str(folder / "zero.pdf")]
    assert query(db, "SELECT file FROM documents") == [(good.name,)]


def test_empty_files_fail_as_empty_not_as_copies_of_each_other(tmp_path):
    folder = tmp_path / "in"
    write_papers(folder, 1)
    for name in ("a_empty.pdf", "b_empty.txt", "c_empty.pdf"):
        (folder / name).write_bytes(b"")
    db = tmp_path / "c.db"
    code, output = run_forked(["ingest", str(folder), "--db", str(db), "--workers", "1", "--silent"])
    assert code == 4, output
    outcomes = [row for row in query(db, "SELECT path, outcome, reason FROM run_files ORDER BY path")
                if "empty" in Path(row[0]).name]
    assert [(Path(p).name, o) for p, o, _ in outcomes] == [("a_empty.pdf", "failed"), ("b_empty.txt", "failed"),
                                                          ("c_empty.pdf", "failed")]
    assert all(reason.startswith("empty file (0 bytes)") for _, _, reason in outcomes)
    assert "same content as" not in output


def test_project_notes_and_ignored_files_are_not_papers(tmp_path):
    folder = tmp_path / "papers"
    [paper] = write_papers(folder, 1)
    for name in ("README.md", "SOURCES.md", "LICENSE.txt", "changelog.md"):
        (folder / name).write_text("# Notes\nWhere these papers came from, 12 March 2024.\n")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "minutes draft.txt").write_text("Minutes of the Planning Committee held on 1 May 2024\n")
    (folder / "agenda_old.txt").write_text("Agenda of the Planning Committee, 2 May 2024\n")
    (folder / ".council-extract-ignore").write_text("# not for the database\ndrafts/\n*_old.txt\n")
    db = tmp_path / "c.db"
    code, output = run_forked(["ingest", str(folder), "--db", str(db), "--workers", "1", "--silent"])
    assert code == 0, output
    assert query(db, "SELECT file FROM documents") == [(paper.name,)]
    assert "left out, not papers: 4 project notes (LICENSE.txt, README.md, SOURCES.md, changelog.md); " \
           "2 listed in .council-extract-ignore" in output
    # a note named on the command line is what the user asked for
    code, output = run_forked(["ingest", str(folder / "README.md"), "--db", str(db), "--silent"])
    assert code == 0 and "1 ingested" in output, output


def test_a_missing_folder_stops_at_once_and_an_empty_one_says_no_papers(tmp_path):
    db = tmp_path / "c.db"
    code, output = run_forked(["ingest", str(tmp_path / "mnt" / "share"), "--db", str(db), "--silent"])
    assert code == 3, output
    assert one_line(output).endswith("no such file or folder; check the path (is a network share or disk not mounted?)")
    assert not db.exists()
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("notes")
    code, output = run_forked(["ingest", str(tmp_path / "empty"), "--db", str(db), "--silent"])
    assert code == 4, output
    assert "empty: no papers found (looked for *.pdf *.txt *.md *.html *.htm); left out, not papers: 1 project " \
           "notes (README.md)" in one_line(output)
    assert not db.exists()


# ---------------------------------------------------------------- failing every night


def test_a_file_that_failed_before_with_the_same_content_is_a_known_failure(tmp_path):
    folder = tmp_path / "in"
    write_papers(folder, 2)
    bad = folder / "broken.pdf"
    bad.write_bytes(b"<html><body>404 Not Found</body></html>")
    db = tmp_path / "c.db"
    args = ["ingest", str(folder), "--db", str(db), "--workers", "1", "--silent"]
    code, first = run_forked(args)
    assert code == 4 and "1 of 3 files failed" in first, first
    code, second = run_forked(args)
    assert code == 0, second  # the same bad file, unchanged: reported, not a new failure
    assert "1 failed (1 known)" in second and "not a PDF" in second and "failing since" in second
    code, summary = run_forked(["summary", "--db", str(db)])
    assert code == 0 and "files failing: 1" in summary
    assert f"error: {bad}: not a PDF" in summary and "(known: failing since" in summary and "2 runs)" in summary
    bad.write_bytes(b"<html><body>503 Service Unavailable</body></html>")  # new content, failing anew
    code, third = run_forked(args)
    assert code == 4 and "1 of 3 files failed" in third, third


# ---------------------------------------------------------------- disks and databases that cannot be written


def _small_file_limit() -> None:
    """No file may grow past 800 KB: the schema (a 360 KB write-ahead log) and small papers fit, a big one does not."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (800_000, resource.RLIM_INFINITY))


def test_a_full_disk_stops_the_ingest_with_one_line_and_a_rerun_completes_it(tmp_path):
    folder = tmp_path / "in"
    write_papers(folder, 2)
    (folder / "zz_big.txt").write_text("The committee noted the report on the budget and the map of the parks.\n"
                                       * 2000, encoding="utf-8")
    db = tmp_path / "c.db"
    args = ["ingest", str(folder), "--db", str(db), "--workers", "1", "--silent"]
    code, output = run_forked(args, setup=_small_file_limit)
    assert code == 3, output
    message = one_line(output)
    assert message.startswith(f"Error: {db}: ") and "free" in message and "run the same command again" in message
    assert query(db, "SELECT count(*) FROM documents") == [(2,)]  # the papers stored before the disk filled up
    code, output = run_forked(args)
    assert code == 0 and "1 ingested" in output, output
    clean = tmp_path / "clean.db"
    assert run_forked(["ingest", str(folder), "--db", str(clean), "--workers", "1", "--silent"])[0] == 0
    assert content(db) == content(clean)


@pytest.fixture
def stored_db(tmp_path) -> Path:
    write_papers(tmp_path / "in", 2)
    db = tmp_path / "store" / "council.db"
    assert run_forked(["ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1", "--silent"])[0] == 0
    return db


def test_a_read_only_database_file_gets_one_line_from_writers_and_readers_still_read(stored_db, tmp_path):
    stored_db.chmod(0o444)
    try:
        for args in (["ingest", str(tmp_path / "in")], ["watch", "add", "parks", "parks"]):
            done = run_as_user(*args, "--db", str(stored_db))
            assert done.returncode == 3, (args, done.stdout, done.stderr)
            assert "the database file is read-only; make it writable" in one_line(done.stderr), args
        for args in (["summary"], ["recs"], ["kpis"]):  # readers read it as it is
            done = run_as_user(*args, "--db", str(stored_db))
            assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stderr)
        found = run_as_user("search", "application", "--db", str(stored_db), "--csv")
        assert found.returncode == 0 and "24/1000" in found.stdout, found.stderr
    finally:
        stored_db.chmod(0o644)


def test_a_database_in_a_read_only_folder_is_not_called_foreign(stored_db, tmp_path):
    stored_db.parent.chmod(0o555)
    try:
        done = run_as_user("ingest", str(tmp_path / "in"), "--db", str(stored_db))
        assert done.returncode == 3
        message = one_line(done.stderr)
        assert "is read-only" in message and "folder" in message and "not a council-extract database" not in message
        found = run_as_user("search", "application", "--db", str(stored_db), "--csv")
        assert found.returncode == 0 and "24/1000" in found.stdout, found.stderr
    finally:
        stored_db.parent.chmod(0o755)


def test_a_newer_schema_is_one_line_for_every_command(stored_db):
    conn = sqlite3.connect(stored_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    for args in (["recs"], ["kpis"], ["summary"], ["search", "x"], ["export", "--to", str(stored_db.parent / "x")]):
        code, output = run_forked([*args, "--db", str(stored_db)])
        assert code == 3, (args, output)
        assert f"schema version {SCHEMA_VERSION + 1} is newer" in one_line(output), args


def test_another_programs_database_is_never_written(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.commit()
    conn.close()
    before = digest(other)
    write_papers(tmp_path / "in", 1)
    for args in (["search", "Ada"], ["summary"], ["recs"], ["kpis"], ["export", "--to", str(tmp_path / "x")],
                 ["watch", "list"], ["ingest", str(tmp_path / "in")]):
        code, output = run_forked([*args, "--db", str(other)])
        assert code == 3, (args, output)
        assert "not a council-extract database (it holds other tables: customers)" in one_line(output), args
    assert digest(other) == before
    conn = sqlite3.connect(other)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1
    conn.close()


def test_reading_commands_never_write(stored_db):
    stored_db.with_name("council.db-lock").unlink(missing_ok=True)
    conn = sqlite3.connect(stored_db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = digest(stored_db)
    for args in (["search", "application"], ["kpis"], ["export", "--to", str(stored_db.parent / "csv")]):
        code, output = run_forked([*args, "--db", str(stored_db)])
        assert code == 0, (args, output)
    assert digest(stored_db) == before
    assert sorted(p.name for p in stored_db.parent.iterdir()) == ["council.db", "csv"]


# ---------------------------------------------------------------- parse


def test_parse_has_a_time_limit(tmp_path):
    [paper] = write_papers(tmp_path, 1)
    code, output = run_forked(["parse", str(paper), "--timeout", "1"], env={TEST_SLEEP_ENV: "60"}, timeout=30)
    assert code == 3, output
    assert one_line(output) == f"Error: {paper}: timed out after 1 s; raise --timeout (0 for no limit), or check " \
                               "the file is the paper you meant"
    code, output = run_forked(["parse", str(paper), "--timeout", "0"])
    assert code == 0 and "minutes" in output, output


def test_parse_of_an_unreadable_file_or_a_folder_exits_3(tmp_path):
    paper = tmp_path / "locked.pdf"
    paper.write_bytes(tiny_pdf(["Minutes of the Council held on 1 April 2024"]))
    paper.chmod(0)
    try:
        done = run_as_user("parse", str(paper))
        assert done.returncode == 3, done.stderr
        assert one_line(done.stderr) == f"Error: {paper}: permission denied; check the file's permissions"
    finally:
        paper.chmod(0o644)
    code, output = run_forked(["parse", str(tmp_path)])
    assert code == 3 and "is a folder, not a file" in one_line(output), output
