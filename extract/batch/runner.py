"""Many files -> the database: collect, hash, skip what is stored, parse in parallel, write.

One process writes (this one); workers only parse and hand back plain results. A
bounded number of documents is in flight at once, so memory stays flat however large
the batch. Each document is written in its own transaction by the store, and every
file gets an outcome row in the run, so a run killed at any moment leaves a
consistent database and running the same command again finishes the job: stored
files are skipped by their sha256, files that failed or never got parsed are tried.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import re
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from ..errors import CouncilExtractError
from ..load import sha256_of, special_kind
from .executors import Pool, open_pool, parse_cluster
from .papers import Collection, collect
from .progress import Progress
from .worker import Task, TaskResult, run_task, warm

DEFAULT_PATTERNS: tuple[str, ...] = ("*.pdf", "*.txt", "*.md", "*.html", "*.htm")
DEFAULT_TIMEOUT = 300.0  # seconds per document
DEFAULT_MAX_MEMORY_MB = 2048  # per document, on top of the loaded worker

# Outcomes recorded per file (``record_outcome``); the store's write_document adds ingested|unchanged|replaced.
FAILED = "failed"
TIMEOUT = "timeout"  # a failure too, counted apart so slow files are easy to find
UNCHANGED = "unchanged"


@dataclass
class BatchOptions:
    """How to run a batch; ``resolve`` accepts None, a dict or an instance."""

    workers: Optional[int] = None  # None: the machine's cores
    timeout: Optional[float] = DEFAULT_TIMEOUT
    max_memory_mb: Optional[int] = DEFAULT_MAX_MEMORY_MB
    force: bool = False
    ocr: str = "auto"
    password: Optional[str] = None
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    cluster: Optional[str] = None  # None: local processes; "local:N" or "tcp://host:8786": Dask
    in_flight: Optional[int] = None  # documents submitted but not yet written; None: twice the worker slots
    isolate: bool = True  # a child process per document (the time and memory limits need it)

    def __post_init__(self) -> None:
        if self.ocr not in ("auto", "never", "force"):
            raise ValueError(f"ocr must be auto, never or force, not {self.ocr!r}")
        if self.workers is not None and self.workers < 1:
            raise ValueError("workers must be at least 1")
        self.patterns = tuple(self.patterns or DEFAULT_PATTERNS)
        if self.cluster:
            parse_cluster(self.cluster)  # ClusterError now, not after hashing the batch

    @classmethod
    def resolve(cls, value: "BatchOptions | dict[str, Any] | None") -> "BatchOptions":
        if value is None:
            return cls()
        if isinstance(value, dict):
            return cls(**value)
        return value

    def recorded(self) -> dict[str, Any]:
        """The options as stored in the ``runs`` table (never the password itself)."""
        out = asdict(self)
        out["password"] = bool(self.password)
        out["patterns"] = list(self.patterns)
        return out


@dataclass
class Failure:
    path: str
    reason: str
    kind: str = "failed"  # unreadable | timeout | memory | crashed | parse_error | worker_died | store_error | ...
    known_since: Optional[str] = None  # a known failure: the same file, with the same content, failed then


class NoPapers(CouncilExtractError):
    """Folders that hold no paper at all: nothing to do, which a nightly job should notice (an unmounted share)."""

    exit_code = 4


@dataclass
class BatchReport:
    """What a batch did; ``counts()`` is what ``finish_run`` records."""

    run_id: Optional[int] = None
    executor: str = ""
    files: int = 0
    ingested: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    peak_rss_kb: int = 0  # the largest resident memory one document's parse reached
    collection: Collection = field(default_factory=Collection)  # what was found, and what was left out
    followup: Optional[Any] = None  # followup.FollowUp: tracker, browse views and watches after the run

    @property
    def failed(self) -> int:
        """Every failure, timeouts and known failures included."""
        return len(self.failures)

    @property
    def new_failures(self) -> list[Failure]:
        """Failures not seen before: these make the run fail (exit 4)."""
        return [f for f in self.failures if not f.known_since]

    @property
    def known_failures(self) -> list[Failure]:
        """Files that failed before with the same content, and failed again: reported, not counted as new."""
        return [f for f in self.failures if f.known_since]

    @property
    def timed_out(self) -> int:
        return sum(1 for f in self.failures if f.kind == TIMEOUT)

    def counts(self) -> dict[str, int]:
        """Per-outcome counts as the run's ``run_files`` rows have them (``failed`` excludes ``timeout``)."""
        return {"files": self.files, "ingested": self.ingested, "replaced": self.replaced,
                "unchanged": self.unchanged, "failed": self.failed - self.timed_out, "timeout": self.timed_out,
                "known": len(self.known_failures), "pages": self.pages}

    def summary(self) -> str:
        """A few lines for people: counts, speed, what was left out, then each failure with its reason
        (new failures first; known ones apart, with the date they first failed)."""
        rate = self.pages / self.seconds if self.seconds else 0.0
        notes = [f"{self.timed_out} timed out"] if self.timed_out else []
        if self.known_failures:
            notes.append(f"{len(self.known_failures)} known")
        detail = f" ({', '.join(notes)})" if notes else ""
        lines = [f"{self.files} files: {self.ingested} ingested, {self.replaced} replaced, {self.unchanged} unchanged, "
                 f"{self.failed} failed{detail} ({self.pages} pages in {self.seconds:.1f} s, {rate:.1f} pages/s, "
                 f"{self.executor or 'no workers needed'})"]
        left_out = self.collection.left_out()
        if left_out:
            lines.append(left_out)
        lines.extend(f"{folder}: no papers found" for folder in self.collection.empty)
        if self.new_failures:
            lines.append("failed:")
            lines.extend(f"  {f.path}: {f.reason}" for f in self.new_failures)
        if self.known_failures:
            lines.append("known failures (the same content failed before; not counted as new):")
            lines.extend(f"  {f.path}: {f.reason} (failing since {f.known_since[:10]})" for f in self.known_failures
                         if f.known_since)
        return "\n".join(lines)


def collect_files(paths: Iterable[str | Path], patterns: Sequence[str] = DEFAULT_PATTERNS) -> list[str]:
    """The papers under ``paths`` (``papers.collect``): files named directly, plus each folder's papers."""
    return collect(paths, patterns).files


def run_batch(db_path: str | Path, paths: Iterable[str | Path], options: "BatchOptions | dict[str, Any] | None" = None,
              progress: Optional[Progress] = None,
              on_outcome: Optional[Callable[[str, str, Optional[str]], None]] = None,
              on_wait: Optional[Callable[[], None]] = None) -> BatchReport:
    """Ingest every paper under ``paths`` into the database at ``db_path``; failures never stop the run.

    ``on_outcome(path, outcome, reason)`` is called after each file is recorded (for
    callers that want their own display). Returns the report; the caller decides what
    failures mean (the CLI exits 4 for new ones). One batch writes a database at a time:
    another waits its turn (``on_wait()`` is called first). Raises ``MissingInput`` for a
    path that is not there and ``NoPapers`` when the paths hold no paper, before anything
    is written; a full disk or an unwritable database stops the run with ``StoreError``.
    """
    from ..store.lock import writer_lock
    from ..store.schema import storage_error

    opts = BatchOptions.resolve(options)
    paths = list(paths)  # read twice: to collect files, and to record the run's options
    collection = collect(paths, opts.patterns)
    if not collection.files:
        left_out = collection.left_out()
        raise NoPapers(f"{', '.join(str(p) for p in paths)}: no papers found (looked for "
                       f"{' '.join(opts.patterns)})" + (f"; {left_out}" if left_out else ""))
    with writer_lock(db_path, on_wait):
        try:
            return _run_locked(db_path, paths, collection, opts, progress, on_outcome)
        except sqlite3.Error as exc:  # the disk or the database file, not a document: stop with one line
            error = storage_error(db_path, exc)
            if error is None:
                raise
            raise error from None


def _run_locked(db_path: str | Path, paths: list[Any], collection: Collection, opts: BatchOptions,
                progress: Optional[Progress], on_outcome: Optional[Callable[[str, str, Optional[str]], None]]
                ) -> BatchReport:
    """``run_batch`` holding the writer lock."""
    from ..store.ingest import (failed_before, finish_run, is_stored, record_error, record_outcome, remove_document,
                                start_run, write_document)
    from ..store.schema import open_db, storage_error

    started = time.monotonic()
    db = open_db(str(db_path))
    files = collection.files
    report = BatchReport(files=len(files), collection=collection)
    close_interrupted_runs(db)
    run_id = start_run(db, {**opts.recorded(), "paths": [str(p) for p in paths], "files": len(files)})
    report.run_id = run_id
    progress = progress or Progress(len(files), silent=True)
    progress.total = len(files)

    def note(path: str, outcome: str, sha: Optional[str], reason: Optional[str] = None,
             seconds: Optional[float] = None, pages: Optional[int] = None) -> None:
        record_outcome(db, run_id, path, sha, outcome, reason=reason, seconds=seconds, pages=pages)
        if on_outcome:
            on_outcome(path, outcome, reason)

    def fail(path: str, sha: Optional[str], reason: str, kind: str, seconds: Optional[float] = None) -> None:
        since = failed_before(db, path, sha, run_id)
        with db.atomic():  # the error and the run's outcome row together, or neither
            record_error(db, path, sha, reason, run_id=run_id)
            note(path, TIMEOUT if kind == TIMEOUT else FAILED, sha, reason, seconds)
        report.failures.append(Failure(path, reason, kind, known_since=since))

    first_with_hash: dict[str, str] = {}

    def tasks() -> Iterator[Task]:
        """Hash in the parent (cheap), skip what is stored, yield what needs parsing."""
        for path in files:
            special = special_kind(path)
            if special:  # reading a pipe waits forever, a link to /dev/zero never ends
                fail(path, None, f"not a regular file ({special}): only regular files are read; remove it from "
                                 "the folder", "unreadable")
                progress.finished(0, ok=False)
                continue
            try:
                sha = sha256_of(path)
                empty = os.path.getsize(path) == 0
            except OSError as exc:
                fail(path, None, _os_reason(exc), "unreadable")
                progress.finished(0, ok=False)
                continue
            if empty:  # every empty file has the same hash: it is not "the same content as" another paper
                fail(path, sha, "empty file (0 bytes); download it again or remove it from the batch", "unreadable")
                progress.finished(0, ok=False)
                continue
            if sha in first_with_hash:
                report.unchanged += 1
                note(path, UNCHANGED, sha, f"same content as {first_with_hash[sha]}")
                progress.skipped()
                continue
            first_with_hash[sha] = path
            if not opts.force and is_stored(db, sha):
                report.unchanged += 1
                note(path, UNCHANGED, sha, "already stored")
                progress.skipped()
                continue
            yield Task(path=path, sha256=sha, password=opts.password, ocr=opts.ocr, timeout=opts.timeout,
                       max_memory_mb=opts.max_memory_mb, isolate=opts.isolate)

    def store(outcome: TaskResult) -> None:
        report.peak_rss_kb = max(report.peak_rss_kb, outcome.peak_rss_kb)
        if not outcome.ok or outcome.result is None:
            fail(outcome.path, outcome.sha256, outcome.reason or "failed", outcome.kind, outcome.seconds)
            progress.finished(0, ok=False)
            return
        try:
            with db.atomic():  # the document and the run's outcome row commit together, or neither
                status = _write(outcome.result, outcome.sha256)
                note(outcome.path, status, outcome.sha256, None, outcome.seconds, outcome.pages)
        except Exception as exc:  # a store bug costs this document, not the run; a full disk stops it
            if storage_error(db_path, exc) is not None:
                raise
            fail(outcome.path, outcome.sha256, f"could not store it: {exc.__class__.__name__}: {exc}", "store_error",
                 outcome.seconds)
            progress.finished(0, ok=False)
            return
        if status == "replaced":
            report.replaced += 1
        elif status == "unchanged":
            report.unchanged += 1
        else:
            report.ingested += 1
        report.pages += outcome.pages
        progress.finished(outcome.pages, ok=True)

    def _write(result: dict[str, Any], sha: Optional[str]) -> str:
        """``write_document``; with ``force``, the stored copy is removed first (same transaction)."""
        if opts.force and sha and is_stored(db, sha):
            remove_document(db, sha)
            write_document(db, result, run_id=run_id)
            return "replaced"
        return write_document(db, result, run_id=run_id)

    try:
        pending = tasks()
        first = next(pending, None)
        if first is not None:  # start workers only when something needs parsing
            if not opts.cluster:
                warm()  # once here, inherited by every forked worker, instead of once per worker
            with open_pool(opts.workers, opts.cluster) as pool:
                report.executor = pool.label
                _drive(pool, _chain(first, pending), opts.in_flight or 2 * pool.slots, store)
    except (CouncilExtractError, sqlite3.Error):  # no workers (--cluster unreachable), or the disk: close the run
        try:
            finish_run(db, run_id, {**report.counts(), "interrupted": 1})
        except sqlite3.Error:  # the disk is still full: the next run closes it as interrupted
            pass
        db.close()
        raise
    finally:
        progress.close()
    report.seconds = round(time.monotonic() - started, 3)
    finish_run(db, run_id, report.counts())
    from ..followup import follow_up

    report.followup = follow_up(db)
    db.close()
    return report


def close_interrupted_runs(db: Any) -> int:
    """Mark runs left unfinished (killed, Ctrl-C) as interrupted; returns how many.

    Their end time is their last recorded file and their counts are what their
    ``run_files`` rows say, plus ``"interrupted": 1``. Called holding the writer lock
    (``store.lock``), so no run still at work in another process is among them.
    """
    import json

    marked = 0
    for (run_id,) in db.execute("SELECT id FROM runs WHERE finished_at IS NULL").fetchall():
        counts: dict[str, int] = {outcome: n for outcome, n in db.execute(
            "SELECT outcome, count(*) FROM run_files WHERE run_id = ? GROUP BY outcome", [run_id]).fetchall()}
        last = db.execute("SELECT max(at), (SELECT started_at FROM runs WHERE id = ?) FROM run_files WHERE run_id = ?",
                          [run_id, run_id]).fetchone()
        counts["interrupted"] = 1
        with db.atomic():
            db.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                       [last[0] or last[1], json.dumps(counts), run_id])
            for outcome in ("ingested", "unchanged", "replaced", "failed", "timeout"):
                db.execute(f"UPDATE runs SET [{outcome}] = ? WHERE id = ?", [counts.get(outcome, 0), run_id])
        marked += 1
    return marked


def _drive(pool: Pool, tasks: Iterator[Task], limit: int, store: Callable[[TaskResult], None],
           retries: int = 1) -> None:
    """Keep up to ``limit`` tasks in flight; store each result as soon as it completes.

    A local pool whose worker died is broken for every task in it: it is replaced and
    those tasks are tried again, up to ``retries`` times each (Dask retries by itself).
    """
    in_flight: dict[cf.Future[TaskResult], Task] = {}
    tries: dict[str, int] = {}
    retry: list[Task] = []
    exhausted = False

    def submit(task: Task) -> None:
        try:
            in_flight[pool.executor.submit(run_task, task)] = task
        except cf.BrokenExecutor as exc:
            try:
                if not pool.replace_broken():
                    raise
                in_flight[pool.executor.submit(run_task, task)] = task
            except cf.BrokenExecutor:
                store(_lost(task, exc))

    while True:
        while retry:
            submit(retry.pop())
        while not exhausted and len(in_flight) < limit:
            task = next(tasks, None)
            if task is None:
                exhausted = True
                break
            submit(task)
        if not in_flight:
            return
        done, _ = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
        for future in done:
            task = in_flight.pop(future)
            try:
                outcome = future.result()
            except (cf.BrokenExecutor, cf.CancelledError) as exc:  # a local worker died: every task in it is lost
                if tries.get(task.path, 0) < retries and pool.renew is not None:
                    tries[task.path] = tries.get(task.path, 0) + 1
                    retry.append(task)
                    continue
                outcome = _lost(task, exc)
            except Exception as exc:  # Dask gave up on it (KilledWorker), or the worker could not run it
                outcome = _lost(task, exc)
            store(outcome)
        if retry and getattr(pool.executor, "_broken", False):
            pool.replace_broken()


def _lost(task: Task, exc: BaseException) -> TaskResult:
    """The result of a task whose worker died or could not take it."""
    name = exc.__class__.__name__
    text = " ".join(str(exc).split())
    if name == "KilledWorker":
        tried = re.search(r"on (\d+) different workers", text)
        reason = (f"KilledWorker: every Dask worker that tried this document died"
                  f"{f' ({tried.group(1)} tries)' if tried else ''}; remove it from the batch or raise worker memory")
    elif name == "BrokenProcessPool":
        reason = "worker process died while parsing it (BrokenProcessPool); run again to retry the rest"
    else:
        reason = f"worker failed: {name}: {text}" if text else f"worker failed: {name}"
    return TaskResult(task.path, task.sha256, "worker_died", reason=reason)


def _chain(first: Task, rest: Iterator[Task]) -> Iterator[Task]:
    yield first
    yield from rest


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions"
    return f"cannot read it ({exc.strerror or exc})"
