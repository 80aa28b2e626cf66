"""Batch ingest: parallel workers, limits inside the task, skip-what-is-stored, safe to kill.

Runs against small sets (tiny PDFs written by hand in tmp_path, a few papers from
../shared) so the file stays fast; speed is measured in benchmarks/bench_batch.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.batch.progress import Progress
from extract.batch.runner import BatchOptions, collect_files, run_batch
from extract.batch.worker import (MEMORY, OK, TEST_ALLOCATE_ENV, TEST_SLEEP_ENV, Task, TaskResult, run_task,
                                  tiny_pdf)
from extract.cli import cli

from conftest import shared_dir

ROOT = Path(__file__).resolve().parents[1]
BOOKKEEPING = {"runs", "run_files", "errors"}
VOLATILE_COLUMNS = {"id", "ingested_at", "run_id", "at", "refreshed_at"}


# ---------------------------------------------------------------- helpers


def write_papers(folder: Path, count: int, prefix: str = "paper") -> list[Path]:
    """``count`` small, distinct committee papers: PDFs and text files alternately."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        lines = [f"Minutes of the Planning Committee held on {i + 1} March 2024",
                 f"{i + 1}. Application 24/{1000 + i} at {i + 10} High Street",
                 f"RESOLVED that application 24/{1000 + i} be approved subject to conditions."]
        if i % 2 == 0:
            path = folder / f"{prefix}_{i:02d}.pdf"
            path.write_bytes(tiny_pdf(lines))
        else:
            path = folder / f"{prefix}_{i:02d}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def content(db_path: Path) -> dict[str, tuple[int, str]]:
    """Each data table's row count and a hash of its rows, ignoring row ids, times and run ids.

    Rows are compared by what they hold (natural keys and values), sorted, so two
    databases built in different runs compare equal when they hold the same data.
    """
    conn = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
        out = {}
        for table in tables:
            if table in BOOKKEEPING or table.startswith("search_fts"):
                continue
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[1] not in VOLATILE_COLUMNS]
            rows = sorted(json.dumps(list(r), default=str) for r in
                          conn.execute(f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM [{table}]"))
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return out
    finally:
        conn.close()


def query(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def ingest(*args: str) -> "CliRunner.invoke":
    return CliRunner().invoke(cli, ["ingest", *args], catch_exceptions=False)


# ---------------------------------------------------------------- collecting files


def test_collect_files_walks_folders_with_patterns_and_keeps_named_files(tmp_path):
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / ".hidden").mkdir()
    for name in ("a/x.PDF", "a/y.txt", "a/sub/z.html", "a/notes.docx", "a/.DS_Store", "a/.hidden/h.pdf"):
        (tmp_path / name).write_text("x")
    named = tmp_path / "named.docx"
    named.write_text("x")
    files = collect_files([tmp_path / "a", named, tmp_path / "a" / "y.txt"])
    names = [Path(f).name for f in files]
    assert names == ["z.html", "x.PDF", "y.txt", "named.docx"]  # sorted by path, case-insensitive, once each
    assert [Path(f).name for f in collect_files([tmp_path / "a"], ["*.txt"])] == ["y.txt"]


def test_options_never_record_the_password():
    recorded = BatchOptions(password="secret", workers=2).recorded()
    assert recorded["password"] is True and "secret" not in json.dumps(recorded)
    with pytest.raises(ValueError):
        BatchOptions(ocr="sometimes")


# ---------------------------------------------------------------- the worker's limits


def test_task_reports_parse_ok_and_memory_limit(tmp_path, monkeypatch):
    path = write_papers(tmp_path, 1)[0]
    good = run_task(Task(str(path), ocr="never"))
    assert good.kind == OK and good.pages == 1
    assert "RESOLVED that application 24/1000" in good.result["pages"][0]["text"]
    assert good.result["record"]["source"]["file"] == path.name
    monkeypatch.setenv(TEST_ALLOCATE_ENV, "200")
    assert run_task(Task(str(path), ocr="never", max_memory_mb=400)).kind == OK
    starved = run_task(Task(str(path), ocr="never", max_memory_mb=100))
    assert starved.kind == MEMORY
    assert "--max-memory" in starved.reason


def test_parser_bug_and_parser_crash_cost_one_document_with_a_reason(tmp_path, monkeypatch):
    from extract.batch import worker

    path = str(write_papers(tmp_path, 1)[0])

    def bug(*args, **kwargs):
        raise KeyError("council")

    monkeypatch.setattr(worker, "parse_file", bug)  # the forked child inherits the patch
    broken = run_task(Task(path, ocr="never"))
    assert broken.kind == worker.PARSE_ERROR
    assert broken.reason.startswith("parse error: KeyError: 'council' (at test_batch.py:")

    def crash(*args, **kwargs):
        import faulthandler

        faulthandler.disable()  # pytest's handler would print the child's stack; the parent reports it
        os.kill(os.getpid(), signal.SIGSEGV)

    monkeypatch.setattr(worker, "parse_file", crash)
    crashed = run_task(Task(path, ocr="never"))
    assert crashed.kind == worker.CRASHED
    assert crashed.reason.startswith("parser crashed (SIGSEGV)")


def test_document_over_the_time_limit_is_recorded_as_timeout(tmp_path, monkeypatch):
    papers = write_papers(tmp_path / "in", 3)
    slow = papers[1]
    monkeypatch.setenv(TEST_SLEEP_ENV, f"{slow.name}=90")
    db = tmp_path / "c.db"
    started = time.monotonic()
    # 6 s: room for the other papers on a loaded machine, far below the 90 s the slow one would take
    result = ingest(str(tmp_path / "in"), "--db", str(db), "--workers", "2", "--timeout", "6", "--silent")
    assert time.monotonic() - started < 60  # the sleeping child was killed, not waited for
    assert result.exit_code == 4, result.output
    assert f"{slow}: timed out after 6 s" in result.output
    assert query(db, "SELECT outcome, reason FROM run_files WHERE path = ?", (str(slow),)) == [
        ("timeout", "timed out after 6 s; raise --timeout or remove it from the batch")]
    assert query(db, "SELECT count(*) FROM documents") == [(2,)]
    assert query(db, "SELECT ingested, failed, timeout FROM runs") == [(2, 0, 1)]


FLAKY_MARKER = Path("/nonexistent")


def dies_once(task: Task) -> TaskResult:
    """Stands in for run_task: the first try of b.pdf kills its worker process outright."""
    if task.path == "b.pdf" and not FLAKY_MARKER.exists():
        FLAKY_MARKER.touch()
        os._exit(1)
    return TaskResult(task.path, task.sha256, OK, result={}, pages=1)


def test_a_dead_local_worker_is_replaced_and_its_documents_retried(tmp_path, monkeypatch):
    from extract.batch import runner, worker
    from extract.batch.executors import open_pool

    monkeypatch.setattr(worker, "warm", lambda: None)  # nothing is parsed here
    monkeypatch.setattr(sys.modules[__name__], "FLAKY_MARKER", tmp_path / "died")
    monkeypatch.setattr(runner, "run_task", dies_once)
    done = []
    with open_pool(workers=2) as pool:
        runner._drive(pool, iter([Task(p) for p in ("a.pdf", "b.pdf", "c.pdf", "d.pdf")]), 4, done.append)
    assert (tmp_path / "died").exists()
    assert sorted((r.path, r.kind) for r in done) == [("a.pdf", OK), ("b.pdf", OK), ("c.pdf", OK), ("d.pdf", OK)]


# ---------------------------------------------------------------- bad inputs, reruns


def test_bad_inputs_are_recorded_with_reasons_while_the_rest_ingest(tmp_path):
    pdfs = shared_dir("pdfs")
    folder = tmp_path / "batch"
    folder.mkdir()
    picks = ["us_nyc_manhattan_cb2_2020-01_NOT_A_PDF_403.pdf", "sutton_coldfield_tc_statement_of_accounts_2016-17_SCAN.pdf",
             "horsley_pc_2014-03-18_draft_minutes_GARBLED.pdf", "tintern_cc_2018-10-29_agenda.pdf",
             "stoke_ferry_pc_2013-07-10_minutes.md"]
    paths = [str(pdfs / name) for name in picks]
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes((pdfs / "tintern_cc_2018-10-29_minutes.pdf").read_bytes()[:3000])
    db = tmp_path / "c.db"
    result = ingest(*paths, str(folder), "--db", str(db), "--ocr", "never", "--workers", "2", "--silent")
    assert result.exit_code == 4, result.output
    expected = {"NOT_A_PDF": "not a PDF", "SCAN": "no text layer", "GARBLED": "garbled text layer",
                "empty.pdf": "empty file", "truncated.pdf": "corrupt or truncated"}
    errors = dict(query(db, "SELECT path, reason FROM errors"))
    assert len(errors) == 5
    for marker, reason in expected.items():
        [path] = [p for p in errors if marker in p]
        assert reason in errors[path]
        assert f"{path}: {errors[path]}" in result.output  # the summary names each failure with its reason
    assert "7 files: 2 ingested, 0 replaced, 0 unchanged, 5 failed" in result.output
    assert "5 of 7 files failed" in result.output
    assert sorted(r[0] for r in query(db, "SELECT file FROM documents")) == [
        "stoke_ferry_pc_2013-07-10_minutes.md", "tintern_cc_2018-10-29_agenda.pdf"]
    [(finished, counts)] = query(db, "SELECT finished_at, counts FROM runs")
    assert finished and json.loads(counts)["failed"] == 5

    # the same five files, unchanged, fail again: known failures, reported but not failing the run
    again = ingest(*paths, str(folder), "--db", str(db), "--ocr", "never", "--workers", "1", "--silent")
    assert again.exit_code == 0, again.output
    assert "2 unchanged, 5 failed (5 known)" in again.output
    assert "known failures (the same content failed before; not counted as new):" in again.output
    assert query(db, "SELECT count(*) FROM documents") == [(2,)]
    assert query(db, "SELECT outcome, count(*) FROM run_files WHERE run_id = 2 GROUP BY outcome ORDER BY 1") == [
        ("failed", 5), ("unchanged", 2)]


def test_rerun_skips_stored_files_and_force_redoes_them(tmp_path):
    write_papers(tmp_path / "in", 3)
    db = tmp_path / "c.db"
    first = ingest(str(tmp_path / "in"), "--db", str(db), "--workers", "1", "--silent")
    assert first.exit_code == 0, first.output
    assert "3 ingested" in first.output
    before = content(db)
    second = ingest(str(tmp_path / "in"), "--db", str(db), "--silent")
    assert second.exit_code == 0 and "0 ingested, 0 replaced, 3 unchanged" in second.output
    forced = ingest(str(tmp_path / "in"), "--db", str(db), "--force", "--workers", "1", "--silent")
    assert forced.exit_code == 0 and "3 replaced" in forced.output
    assert content(db) == before


def test_duplicate_content_in_one_batch_is_stored_once(tmp_path):
    [paper] = write_papers(tmp_path / "in", 1)
    (tmp_path / "in" / "copy.pdf").write_bytes(paper.read_bytes())
    report = run_batch(tmp_path / "c.db", [tmp_path / "in"], {"workers": 1})
    assert (report.ingested, report.unchanged, report.failed) == (1, 1, 0)
    copy = tmp_path / "in" / "copy.pdf"  # sorts first, so it is the one stored
    assert query(tmp_path / "c.db", "SELECT path, reason FROM run_files WHERE outcome = 'unchanged'") == [
        (str(paper), f"same content as {copy}")]


# ---------------------------------------------------------------- killed part-way


def start_and_stop(folder: Path, db: Path, sig: int, after: int = 2) -> subprocess.Popen:
    """Run the CLI on ``folder`` (slowed by the test hook), send ``sig`` once ``after`` documents are stored."""
    env = {**os.environ, TEST_SLEEP_ENV: "0.4"}
    cmd = [sys.executable, "-m", "extract.cli", "ingest", str(folder), "--db", str(db), "--workers", "1", "--silent"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            stored = 0
            if db.exists():
                try:
                    stored = query(db, "SELECT count(*) FROM documents")[0][0]
                except sqlite3.OperationalError:  # schema not made yet
                    stored = 0
            if stored >= after:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(sig)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc


def test_run_killed_part_way_then_rerun_matches_a_clean_run(tmp_path):
    papers = write_papers(tmp_path / "in", 8)
    db = tmp_path / "killed.db"
    start_and_stop(tmp_path / "in", db, signal.SIGKILL).communicate()
    part = query(db, "SELECT count(*) FROM documents")[0][0]
    assert 2 <= part < len(papers)
    assert query(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL") == [(1,)]

    resumed = ingest(str(tmp_path / "in"), "--db", str(db), "--workers", "2", "--silent")
    assert resumed.exit_code == 0, resumed.output
    assert f"{len(papers) - part} ingested" in resumed.output and f"{part} unchanged" in resumed.output
    [(counts,)] = query(db, "SELECT counts FROM runs WHERE id = 1")
    assert json.loads(counts)["interrupted"] == 1

    clean = tmp_path / "clean.db"
    assert ingest(str(tmp_path / "in"), "--db", str(clean), "--workers", "1", "--silent").exit_code == 0
    assert content(db) == content(clean)
    assert content(db)["documents"][0] == len(papers)
    query(db, "INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


def test_ctrl_c_stops_at_once_and_every_stored_document_is_logged(tmp_path):
    papers = write_papers(tmp_path / "in", 8)
    db = tmp_path / "c.db"
    proc = start_and_stop(tmp_path / "in", db, signal.SIGINT)
    _, err = proc.communicate()
    assert proc.returncode == 130
    assert "interrupted: every document stored so far is complete; run the same command again" in err
    stored = query(db, "SELECT count(*) FROM documents")[0][0]
    assert stored < len(papers)
    # each stored document has its outcome row: the two are committed together
    assert query(db, "SELECT count(*) FROM run_files WHERE outcome = 'ingested'") == [(stored,)]
    assert ingest(str(tmp_path / "in"), "--db", str(db), "--silent").exit_code == 0
    assert query(db, "SELECT count(*) FROM documents") == [(len(papers),)]


# ---------------------------------------------------------------- progress and the CLI surface


def test_progress_line_shows_documents_speed_and_time_left():
    out = io.StringIO()
    progress = Progress(4, stream=out, log_every=0)
    progress.skipped()
    progress.finished(10, ok=True)
    progress.finished(0, ok=False)
    text = out.getvalue()
    assert "3/4 docs" in text and "pages/s" in text and "1 failed" in text and "left" in text
    quiet = io.StringIO()
    silent = Progress(2, silent=True, stream=quiet)
    silent.finished(3, ok=True)
    silent.close()
    assert quiet.getvalue() == ""


def test_bad_cluster_spelling_is_a_usage_error(tmp_path):
    write_papers(tmp_path / "in", 1)
    result = ingest(str(tmp_path / "in"), "--db", str(tmp_path / "c.db"), "--cluster", "local:zero", "--silent")
    assert result.exit_code == 2
    assert "use local:N" in result.output


# ---------------------------------------------------------------- Dask


def test_dask_local_cluster_gives_the_same_database_as_local_processes(tmp_path):
    pytest.importorskip("distributed", reason="dask[distributed] is an optional dependency")
    write_papers(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    local = run_batch(tmp_path / "local.db", [tmp_path / "in"], {"workers": 1})
    dask = run_batch(tmp_path / "dask.db", [tmp_path / "in"], {"cluster": "local:1"})
    assert dask.executor.startswith("Dask LocalCluster")
    assert (dask.ingested, dask.failed) == (local.ingested, local.failed) == (4, 1)
    assert "empty file" in dask.failures[0].reason
    assert content(tmp_path / "dask.db") == content(tmp_path / "local.db")
