"""The ``council-extract`` command: a thin click layer over the library.

Options in, library calls, errors out. Three things every command shares live here,
once: ``database`` opens the database for reading (nothing is written; it must exist)
or for writing, with one set of messages; ``CLI.invoke`` turns library exceptions
into one-line messages with the project's exit codes (2 usage, 3 unreadable input
or unusable database, 4 batch with failures), anything else being a bug that keeps
its traceback (exit 1); and option choices come from the library (``LibraryChoice``),
never typed again here.
"""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

import click

from . import __version__
from .errors import CouncilExtractError, StoreError
from .output import emit, output_options, terminal_width

DEFAULT_DB = "out/council.db"


class UserError(click.ClickException):
    """A ``CouncilExtractError`` shown to the user with its own exit code (made only by ``CLI.invoke``)."""

    def __init__(self, error: CouncilExtractError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


class CLI(click.Group):
    """The command group: the one place library errors become one-line messages with their exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CouncilExtractError as exc:
            raise UserError(exc) from None


class LibraryChoice(click.Choice):
    """A choice list the library keeps ("module:NAME"), imported when first needed (help or a value to check)."""

    def __init__(self, where: str) -> None:
        self.where = where
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        module, _, name = self.where.partition(":")
        return tuple(getattr(importlib.import_module(module), name))

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        pass  # fixed by ``where``


OCR_CHOICE = LibraryChoice("extract.pipeline:OCR_MODES")
KIND_CHOICE = LibraryChoice("extract.record:KINDS")
READER_CHOICE = LibraryChoice("extract.parse:READERS")
TABLE_CHOICE = LibraryChoice("extract.store.schema:SEARCHABLE")


def database(db_path: str, write: bool = False, create: bool = False) -> Any:
    """The database at ``db_path``: for reading (it must exist; nothing is written to it), or for writing
    (upgraded in place; created with its folder only if ``create``). Problems are one-line errors (exit 3)."""
    from pathlib import Path

    from .store.schema import open_db, read_db

    if not create and not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database; run `council-extract ingest PATH --db {db_path}` "
                         "first, or pass --db")
    return open_db(db_path) if write else read_db(db_path)


def db_option(default: Optional[str] = DEFAULT_DB, text: str = "The SQLite database made by ingest.") -> Any:
    return click.option("--db", "db_path", default=default, show_default=default is not None,
                        type=click.Path(dir_okay=False), help=text)


DB_OPTION = db_option()
# On a subcommand of a group that takes --db too: given after the subcommand, or before it, or the default.
SUB_DB_OPTION = db_option(None, f"The SQLite database made by ingest  [default: {DEFAULT_DB}]")


def group_db(ctx: click.Context, db_path: Optional[str]) -> str:
    """``--db`` given to the subcommand, else to its group, else the default."""
    return db_path or (ctx.obj or {}).get("db_path") or DEFAULT_DB


@click.group(cls=CLI, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-extract")
def cli() -> None:
    """Turn local-government committee papers into data."""


def load_for_cli(path: str, password: Optional[str], pages: Optional[str], ocr: str, show: bool = False) -> Any:
    """Load a document the way every command does; with ``show``, progress on a terminal."""
    from .load import progress
    from .pipeline import ExtractOptions, load_file

    with Progress(show) as line, progress.reporting(line.show):
        try:
            return load_file(path, ExtractOptions(password=password, pages=pages, ocr=ocr))
        except CouncilExtractError:
            raise  # a pattern file the loader cannot use, not a bad --pages
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--pages") from None


@contextmanager
def input_file(path: str) -> Iterator[str]:
    """``path``, or for ``-`` a temporary copy of standard input named by its sniffed type (kept while used)."""
    if path != "-":
        yield path
        return
    import tempfile
    from pathlib import Path

    from .errors import UnreadableInput
    from .load import sniff

    data = sys.stdin.buffer.read()
    if not data:
        raise UnreadableInput("-", "nothing on standard input", "pipe a paper in: council-extract parse - < paper.pdf")
    with tempfile.TemporaryDirectory(prefix="council-extract-") as folder:
        raw = Path(folder) / "stdin"
        raw.write_bytes(data)
        try:
            kind = sniff(raw)
        except UnreadableInput as exc:
            raise UnreadableInput("-", exc.reason, exc.hint) from None
        typed = raw.rename(raw.with_suffix({"pdf": ".pdf", "html": ".html"}.get(kind, ".txt")))
        try:
            yield str(typed)
        except UnreadableInput as exc:
            raise UnreadableInput("-", exc.reason, exc.hint) from None


class Progress:
    """One line on stderr, redrawn in place, only when stderr is a terminal: stage and page."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.width = 0

    def show(self, stage: str, done: int = 0, total: int = 0) -> None:
        if not self.enabled:
            return
        text = f"{stage} page {done}/{total}" if total else f"{stage}…"
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()
        self.width = max(self.width, len(text))

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.clear()

    def clear(self) -> None:
        if self.enabled and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
            self.width = 0


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, readable=False))  # the loader says why a file is unreadable
@click.option("--json", "as_json", is_flag=True, help="Print the extraction record (FORMAT.md) as JSON.")
@click.option("--pages", help="Only these physical pages, e.g. 1-3,7.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", type=OCR_CHOICE, default="auto", show_default=True,
              help="OCR pages with no or garbled text: only where needed, never, or every page.")
@click.option("--model", help="A trained spaCy pipeline to use instead of the rule-based default (e.g. en_core_web_sm).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds the document may take; 0 for no limit.")
@click.option("--reader", type=READER_CHOICE, default="auto", show_default=True,
              help="What reads the structure: the rules, the trained layout reader, or both (docs/reader.md); "
                   "auto: COUNCIL_EXTRACT_READER, else the rules.")
def parse(file: str, as_json: bool, pages: Optional[str], password: Optional[str], ocr: str,
          model: Optional[str], timeout: float, reader: str) -> None:
    """Parse FILE (PDF, text or HTML; - for standard input) into the extraction record.

    On a terminal, a line on stderr shows the page being read (or OCRed) and the parse. The parse
    runs in a child process stopped at --timeout, so no file can hang the command.
    """
    from .batch.worker import extract_limited
    from .load import progress
    from .pipeline import ExtractOptions

    with input_file(file) as path, Progress(True) as line, progress.reporting(line.show):
        try:
            record = extract_limited(path, ExtractOptions(password=password, pages=pages, ocr=ocr, model=model,
                                                          reader=reader), timeout or None)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--pages") from None
    if file == "-":
        record.source.file = record.source.path = "-"
    if as_json:
        click.echo(json.dumps(record.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(summary_text(record.to_dict()))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--out", "folder", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder to write STEM.lines.tsv and STEM.json into.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", type=OCR_CHOICE, default="auto", show_default=True,
              help="OCR pages with no or garbled text: only where needed, never, or every page.")
@click.option("--force", is_flag=True, help="Overwrite annotation files that already exist.")
def annotate(file: str, folder: str, password: Optional[str], ocr: str, force: bool) -> None:
    """Start annotating FILE: a line-label template and an empty record (docs/annotating.md)."""
    from pathlib import Path

    from .parse.layout import labels

    doc = load_for_cli(file, password, None, ocr, show=True)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(file).stem
    tsv, rec = out / f"{stem}.lines.tsv", out / f"{stem}.json"
    for target in (tsv, rec):
        if target.exists() and not force:
            raise click.UsageError(f"{target} exists; pass --force to overwrite it")
    labels.write(labels.template(doc), tsv)
    skeleton = {"source": {"file": Path(file).name, "pages": len(doc.pages)}, "kind": None, "council": None,
                "body": None, "date": None, "agenda": [], "meetings": [], "reports": [], "kpis": [], "actions": []}
    rec.write_text(json.dumps(skeleton, indent=2) + "\n", encoding="utf-8")
    click.echo(f"wrote {tsv} ({sum(1 for _ in doc.lines())} lines on {len(doc.pages)} pages) and {rec}")


def summary_text(rec: dict[str, Any]) -> str:
    """A few lines a person reads instead of the JSON."""
    src = rec["source"]
    lines = [f"{src['file']}: {rec['kind']}, {src['pages']} pages",
             f"  council: {rec.get('council') or '-'}   body: {rec.get('body') or '-'}   date: {rec.get('date') or '-'}"]
    meetings = rec.get("meetings") or []
    items = sum(len(m.get("items") or []) for m in meetings)
    resolutions = sum(len(i.get("resolutions") or []) for m in meetings for i in m.get("items") or [])
    lines.append(f"  agenda items: {len(rec.get('agenda') or [])}   meetings: {len(meetings)}   minute items: {items}"
                 f"   resolutions: {resolutions}")
    lines.append(f"  reports: {len(rec.get('reports') or [])}   KPI values: {len(rec.get('kpis') or [])}"
                 f"   actions: {len(rec.get('actions') or [])}   metrics: {len(rec.get('metrics') or [])}")
    ocr = [p["page"] for p in rec.get("pages") or [] if p.get("text_source") == "ocr"]
    if ocr:
        review = [p["page"] for p in rec.get("pages") or [] if (p.get("ocr") or {}).get("needs_review")]
        lines.append(f"  read by OCR: {page_ranges(ocr)}" + (f" (check {page_ranges(review)}: low confidence)"
                                                            if review else ""))
    for warning in rec.get("warnings") or []:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> "pages 1-3, 7"."""
    spans: list[list[int]] = []
    for page in sorted(set(pages)):
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
    return ("pages " if len(pages) > 1 else "page ") + text


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())  # a missing one: exit 3, before anything
@db_option(text="The SQLite database to fill (created if missing).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes  [default: the machine's cores]")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds one document may take; 0 for no limit.")
@click.option("--max-memory", type=click.IntRange(min=0), default=2048, show_default=True,
              help="MB of memory one document may take on top of the loaded worker; 0 for no limit.")
@click.option("--force", is_flag=True, help="Parse and store again files whose content is already stored.")
@click.option("--ocr", type=OCR_CHOICE, default="auto", show_default=True,
              help="OCR pages with no or garbled text: only where needed, never, or every page.")
@click.option("--password", help="Password for encrypted PDFs in the batch.")
@click.option("--pattern", "patterns", multiple=True,
              help="Glob for files inside folders, repeatable  [default: *.pdf *.txt *.md *.html *.htm]")
@click.option("--cluster", callback=lambda ctx, param, value: check_cluster(value),
              help="Parse on Dask: local:N for a local cluster, or tcp://HOST:8786.")
@click.option("--silent", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db_path: str, workers: Optional[int], timeout: float, max_memory: int, force: bool,
           ocr: str, password: Optional[str], patterns: tuple[str, ...], cluster: Optional[str], silent: bool) -> None:
    """Parse PATHS (files or folders) in parallel into the database; files already stored are skipped.

    Then the tracker, the web view's browse views and the watches are brought up to date.
    Safe to interrupt: run the same command again to finish the batch. A second ingest into the
    same database waits for the first to finish. Exit code 4 when documents failed that had not
    failed before with the same content (each is listed with its reason), or no paper was found.
    """
    from .batch.progress import Progress as BatchProgress
    from .batch.runner import DEFAULT_PATTERNS, BatchOptions, run_batch
    from .errors import BatchFailures

    options = BatchOptions(workers=workers, timeout=timeout or None, max_memory_mb=max_memory or None, force=force,
                           ocr=ocr, password=password, patterns=patterns or DEFAULT_PATTERNS, cluster=cluster)
    try:
        report = run_batch(db_path, paths, options, progress=BatchProgress(0, silent=silent),
                           on_wait=lambda: _waiting(db_path))
    except KeyboardInterrupt:
        click.echo("interrupted: every document stored so far is complete; run the same command again to finish",
                   err=True)
        sys.exit(130)
    click.echo(report.summary())
    _after_ingest(report)
    if report.new_failures:
        known = f" ({len(report.known_failures)} more failed before and are not counted)" \
            if report.known_failures else ""
        raise BatchFailures(f"{len(report.new_failures)} of {report.files} files failed (listed above){known}; "
                            "fix or remove them and run again: stored files are skipped")


def _waiting(db_path: str) -> None:
    click.echo(f"waiting for another ingest into {db_path} to finish", err=True)


def _after_ingest(report: Any) -> None:
    """What the library did after the batch (tracker, views, watches), on stderr."""
    followup = getattr(report, "followup", None)
    text = followup.summary() if followup is not None else ""
    if text:
        click.echo(text, err=True)


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--body", help="Only meetings of this body (case-insensitive substring).")
@click.option("--council", help="Only this council (case-insensitive substring).")
@click.option("--since", help="Meeting date on or after (YYYY-MM-DD).")
@click.option("--until", help="Meeting date on or before (YYYY-MM-DD).")
@click.option("--kind", type=KIND_CHOICE, help="Only documents of this kind.")
@click.option("--in", "tables", multiple=True, type=TABLE_CHOICE, metavar="TABLE",
              help="Only hits from this table (repeatable): pages, agenda_items, minute_items, resolutions, "
                   "actions, recommendations.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many hits.")
@click.option("--literal", is_flag=True, help="Search for the words as typed (no FTS5 operators or quotes).")
@output_options
def search(query: str, db_path: str, body: Optional[str], council: Optional[str], since: Optional[str],
           until: Optional[str], kind: Optional[str], tables: tuple[str, ...], limit: int, literal: bool,
           fmt: str) -> None:
    """Full-text search (FTS5, porter stemming) over page text, agenda titles, minute items, resolutions,
    actions and recommendations. QUERY takes FTS5 syntax: words, "a phrase", OR, NOT, prefix*.

    Each sentence is shown once, by its most specific record (a resolution before the action and the
    minute item that repeat it; also_in names them)."""
    from .store.search import COLUMNS
    from .store.search import search as run_search

    db = database(db_path)
    hits = run_search(db, query, body=body, council=council, since=since, until=until, kind=kind,
                      table=list(tables) or None, limit=limit, as_literal=literal)
    columns = ["table", "date", "body", "file", "page", "text_source", "snippet"] if fmt == "table" else None
    emit(hits, fmt, columns=columns, width=80, fields=COLUMNS)
    if since or until:
        from .store.search import undated_matches

        left = undated_matches(db, query, body=body, council=council, kind=kind, table=list(tables) or None,
                               as_literal=literal)
        if left:
            click.echo(f"note: {left} matching row(s) have no meeting date and were left out by --since/--until",
                       err=True)


@cli.command()
@click.argument("tables", nargs=-1)
@DB_OPTION
@click.option("--format", "fmt", type=LibraryChoice("extract.store.export:FORMATS"), default="csv",
              show_default=True)
@click.option("--to", "directory", required=True, type=click.Path(file_okay=False),
              help="Folder to write one file per table into.")
def export(tables: tuple[str, ...], db_path: str, fmt: str, directory: str) -> None:
    """Export every table, or the TABLES named, to --to DIR as CSV, JSON or Parquet."""
    from .store.export import export_tables

    for item in export_tables(database(db_path), directory, fmt, list(tables) or None):
        click.echo(f"{item['file']}: {item['rows']} rows", err=True)


ACTION_COLUMNS = ["date", "body", "owner", "text", "source", "file", "page", "key"]


def join_fitting(items: list[str], width: int, gap: str = "  ") -> str:
    """Items on as few lines as fit ``width``, never split."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(gap) + len(item) <= width:
            lines[-1] += gap + item
        else:
            lines.append(item)
    return "\n".join(lines)


@cli.command()
@DB_OPTION
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Open actions listed (0 for all).")
@output_options(table="counts, the last run, files failing, then the open actions as a table (default)",
                json="one JSON object: counts, last_run, errors (files failing), open_actions, open_action_count",
                csv="the open actions as comma-separated values", tsv="the open actions as tab-separated values",
                nl="the open actions as newline-delimited JSON", md="the open actions as a Markdown table")
def summary(db_path: str, limit: int, fmt: str) -> None:
    """What went into the database (documents, meetings, resolutions, actions, KPI values), the last run,
    files still failing, and the open actions."""
    from .store.summary import summary as make_summary
    from .track.items import fresh

    # fresh: actions whose request a later paper answered are not listed as open (nothing is written)
    data = make_summary(fresh(database(db_path)), limit or None)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    if fmt != "table":
        emit(data["open_actions"], fmt, fields=ACTION_COLUMNS)
        return
    width = terminal_width() or 10**6
    click.echo(join_fitting([f"{c['what']}: {c['count']}" for c in data["counts"]], width))
    run = data["last_run"]
    if run:
        click.echo(textwrap.fill(
            f"last run {run['id']} ({run['started_at']}): ingested {run['ingested'] or 0}, unchanged "
            f"{run['unchanged'] or 0}, replaced {run['replaced'] or 0}, failed {run['failed'] or 0}, "
            f"timeout {run['timeout'] or 0}", width, subsequent_indent="  ", break_on_hyphens=False))
    for error in data["errors"][:5]:
        reason = error["reason"] or ""
        line = "error: " + (reason if reason.startswith(error["path"]) else f"{error['path']}: {reason}")
        if error.get("runs", 0) > 1:
            line += f" (known: failing since {error['since'][:10]}, {error['runs']} runs)"
        click.echo(textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False))
    if len(data["errors"]) > 5:
        click.echo(f"... and {len(data['errors']) - 5} more files failing (summary --json lists them all)")
    shown, total = len(data["open_actions"]), data["open_action_count"]
    if not total:
        click.echo("\nopen actions: none")
        return
    click.echo(f"\nopen actions: {total}" + (f" ({shown} newest shown; --limit 0 for all)" if shown < total else ""))
    emit(data["open_actions"], fmt, columns=["date", "body", "owner", "text", "file", "page"], width=70)


@cli.command()
@click.option("--council", "council_names", multiple=True, help="Only this council (as named in the councils file); repeatable.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or after this date (default: 14 days ago).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or before this date (default: 60 days ahead).")
@click.option("--to", "folder", type=click.Path(file_okay=False), default="out/papers", show_default=True,
              help="Folder for the downloaded papers (one sub-folder per council).")
@db_option(text="Database holding the fetch log (and the papers, with --ingest).")
@click.option("--ingest", "then_ingest", is_flag=True, help="Ingest what was fetched into the database.")
@click.option("--councils-file", type=click.Path(exists=True, dir_okay=False),
              help="A councils file to use instead of the shipped patterns/councils.toml.")
@click.option("--min-interval", type=click.FloatRange(min=0), help="Seconds between requests to one host (default from the councils file).")
@click.option("--silent", is_flag=True, help="No progress on stderr.")
def fetch(council_names: tuple[str, ...], since: Any, until: Any, folder: str, db_path: str, then_ingest: bool,
          councils_file: Optional[str], min_interval: Optional[float], silent: bool) -> None:
    """Fetch newly published papers from council websites (ModernGov) into FOLDER."""
    import datetime as dt
    from pathlib import Path

    from .errors import BatchFailures
    from .fetch.councils import load_councils
    from .fetch.fetcher import fetch_councils, not_ingested

    councils, settings = load_councils(councils_file)  # a problem with the file: PatternFileError (exit 3)
    if min_interval is not None:
        settings.min_interval = min_interval
    if council_names:
        wanted = {n.casefold() for n in council_names}
        unknown = wanted - {c.name.casefold() for c in councils}
        if unknown:
            raise click.BadParameter(f"not in the councils file: {', '.join(sorted(unknown))}", param_hint="--council")
        councils = [c for c in councils if c.name.casefold() in wanted]
    today = dt.date.today()
    start = since.date() if since else today - dt.timedelta(days=14)
    end = until.date() if until else today + dt.timedelta(days=60)
    db = database(db_path, write=True, create=True)

    def show(line: str) -> None:
        if not silent:
            click.echo("\r" + line[:150].ljust(150), err=True, nl=False)

    report = fetch_councils(db, councils, settings, Path(folder), start, end, progress=show)
    if not silent:
        click.echo("", err=True)
    click.echo(report.summary())
    # every fetched paper not yet in the database: this run's, and any fetched earlier without --ingest
    papers = sorted(set(report.fetched) | set(not_ingested(db))) if then_ingest else []
    db.close()
    if papers:
        from .batch.runner import run_batch

        batch = run_batch(db_path, papers, {"workers": None}, on_wait=lambda: _waiting(db_path))
        click.echo(batch.summary())
        _after_ingest(batch)
        if batch.new_failures:
            raise BatchFailures(f"{len(batch.new_failures)} fetched documents failed to ingest")
    if report.failed_councils:
        raise BatchFailures(f"fetch finished with new failures: {', '.join(report.failed_councils)}")


def tracker(db_path: str, write: bool = False) -> Any:
    """The database with its tracked items up to date (rebuilt for this run only when reading)."""
    from .track.items import fresh

    return fresh(database(db_path, write=write))


@cli.group(invoke_without_command=True)
@DB_OPTION
@click.option("--body", help="Only requests of this body (substring).")
@click.option("--status", type=LibraryChoice("extract.track.status:STATUS_FILTERS"),
              help="Only items with this status (outstanding: open or in progress).")
@click.option("--owner", help="Only items owed by this owner (substring).")
@click.option("--older-than", help="Only items raised longer ago than this (90d, 12w, 6m, 1y), by meeting date.")
@output_options
@click.pass_context
def recs(ctx: click.Context, db_path: str, body: Optional[str], status: Optional[str], owner: Optional[str],
         older_than: Optional[str], fmt: str) -> None:
    """Track what panels asked for: list the tracked recommendations (or use a subcommand).

    --db goes before or after a subcommand: `recs show ID --db X` and `recs --db X show ID` are the same."""
    ctx.obj = {"db_path": db_path}
    if ctx.invoked_subcommand is not None:
        return
    from .track.status import COLUMNS, TABLE_COLUMNS, effective_rows, select

    rows = select(effective_rows(tracker(db_path)), body=body, status=status, owner=owner, older_than=older_than)
    columns = TABLE_COLUMNS if fmt == "table" else COLUMNS if fmt in ("md", "csv", "tsv") else None
    emit(rows, fmt, columns=columns, width=70, fields=COLUMNS)


@recs.command("show")
@click.argument("ident")
@SUB_DB_OPTION
@click.pass_context
def recs_show(ctx: click.Context, ident: str, db_path: Optional[str]) -> None:
    """The request ID (or the first characters of it), its source page, its links and its history."""
    from .track.status import effective_rows, history, links, resolve_id

    db = tracker(group_db(ctx, db_path))
    key = resolve_id(db, ident)
    row = next(r for r in effective_rows(db) if r["key"] == key)
    click.echo(f"ID {row['id']} ({row['kind']}), raised {row['raised'] or '?'} by {row['body'] or '?'}"
               f" (item {row['item_number'] or '-'}: {row['item_title'] or '-'})")
    click.echo(f"Request: {row['request']}")
    click.echo(f"Owner: {row['owner'] or 'not named'}   Due: {row['due'] or '-'}   Status: {row['status']} "
               f"({row['status_basis']})")
    click.echo(f"Source: {row['source_path'] or row['sha256']} page {row['page'] or '?'}"
               + ("  [read by OCR]" if row.get("text_source") == "ocr" else ""))
    found = links(db, key)
    click.echo(f"Links ({len(found)}):")
    for link in found:
        click.echo(f"  {link['date']} {link['tbl']} page {link['page']} confidence {link['confidence']:.2f} "
                   f"-> {link['proposed_status']} ({link['cue'] or 'similar wording'}): {link['snippet'][:160]}")
    steps = history(db, key)
    click.echo(f"History ({len(steps)}):")
    for step in steps:
        click.echo(f"  {step['at']} {step['status']}: {step['note'] or ''}")


@recs.command("set")
@click.argument("ident")
@click.option("--status", required=True, type=LibraryChoice("extract.track.items:STATUSES"))
@click.option("--note", help="Why: kept with the time in the history.")
@click.option("--by", help="Who set it.")
@SUB_DB_OPTION
@click.pass_context
def recs_set(ctx: click.Context, ident: str, status: str, note: Optional[str], by: Optional[str],
             db_path: Optional[str]) -> None:
    """Set the status of request ID by hand (kept through every re-ingest)."""
    from .track.status import set_status

    row = set_status(tracker(group_db(ctx, db_path), write=True), ident, status, note, by)
    click.echo(f"{row['item_key'][:8]}: {status} at {row['at']}")


@recs.command("report")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default="out/recs.html", show_default=True)
@click.option("--body", help="Only requests of this body (substring).")
@click.option("--owner", help="Only items owed by this owner (substring).")
@click.option("--older-than", help="Only items raised longer ago than this (90d, 12w, 6m, 1y).")
@SUB_DB_OPTION
@click.pass_context
def recs_report(ctx: click.Context, html_path: str, body: Optional[str], owner: Optional[str],
                older_than: Optional[str], db_path: Optional[str]) -> None:
    """Write a self-contained HTML page of the outstanding items, grouped by meeting and owner."""
    from pathlib import Path

    from .track.report import render_html
    from .track.status import effective_rows, select

    rows = select(effective_rows(tracker(group_db(ctx, db_path))), body=body, status="outstanding", owner=owner,
                  older_than=older_than)
    Path(html_path).parent.mkdir(parents=True, exist_ok=True)
    Path(html_path).write_text(render_html(rows), encoding="utf-8")
    click.echo(f"{html_path}: {len(rows)} outstanding items")


@cli.command()
@click.argument("db_argument", metavar="[DB_PATH]", required=False, type=click.Path(dir_okay=False))
@db_option(None, f"The database to browse (or give it as DB_PATH)  [default: {DEFAULT_DB}]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on; another host only on purpose.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db_argument: Optional[str], db_path: Optional[str], host: str, port: int) -> None:
    """Browse and search the database in a web browser (Datasette, read-only).

    The view stays live while an ingest writes to the same database: each page shows
    what is committed, and new papers appear without a restart."""
    from .web.serve import check, serve as run_server

    if db_argument and db_path and db_argument != db_path:
        raise click.UsageError("give the database once: as DB_PATH or as --db")
    path = db_argument or db_path or DEFAULT_DB
    database(path).close()  # a missing or unusable database fails here, before "serving"
    check(host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this machine can read the database", err=True)
    click.echo(f"council-extract: serving {path} read-only at http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(path, host=host, port=port)


def check_cluster(value: Optional[str]) -> Optional[str]:
    """``--cluster`` checked as it is parsed: local:N or a scheduler address."""
    if value:
        from .batch.executors import ClusterError, parse_cluster

        try:
            parse_cluster(value)
        except ClusterError as exc:
            raise click.BadParameter(str(exc), param_hint="--cluster") from None
    return value


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@db_option(None, "List the KPI values stored in this database (across reports) instead of reading FILE.")
@click.option("--pages", help="Only these physical pages, e.g. 1-3,7.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", type=OCR_CHOICE, default="never", show_default=True,
              help="OCR pages with no or garbled text: only where needed, never, or every page.")
@click.option("--indicator", help="Only rows whose indicator contains this text (case-insensitive).")
@output_options
def kpis(file: Optional[str], db_path: Optional[str], pages: Optional[str], password: Optional[str], ocr: str,
         indicator: Optional[str], fmt: str) -> None:
    """KPI and finance table cells of FILE, one row per value cell; or, with --db, every stored value."""
    from .parse.kpis import parse_kpis
    from .record import to_plain

    if bool(file) == bool(db_path):
        raise click.UsageError("give a FILE to read, or --db DATABASE to list stored KPI values (not both)")
    if db_path:
        from .store.kpis import COLUMNS, stored_kpis

        rows = stored_kpis(database(db_path), indicator)
        columns = None if fmt in ("json", "nl") else ["date", "document", "page", "indicator", "column", "raw",
                                                       "value", "unit", "rag", "period", "column_kind"]
        emit(rows, fmt, columns=columns, width=50, fields=COLUMNS)
        return
    assert file is not None
    from dataclasses import fields

    from .record import Kpi

    doc = load_for_cli(file, password, pages, ocr, show=True)
    warnings: list[str] = []
    rows = [to_plain(k) for k in parse_kpis(doc, warnings)]
    if indicator:
        rows = [r for r in rows if indicator.lower() in (r["indicator"] or "").lower()]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    columns = None if fmt in ("json", "nl") else ["page", "indicator", "column", "raw", "value", "unit", "rag", "period",
                                                   "column_kind", "table"]
    emit(rows, fmt, columns=columns, width=50, fields=[f.name for f in fields(Kpi)])


# ---------------------------------------------------------------- watch: saved searches and alerts


@cli.group()
@DB_OPTION
@click.pass_context
def watch(ctx: click.Context, db_path: str) -> None:
    """Saved searches and alerts: watches evaluated after every ingest, digests, Atom feeds, e-mail.

    --db goes before or after the subcommand."""
    ctx.obj = {"db_path": db_path}


@watch.command("add")
@click.argument("name")
@click.argument("query", required=False)
@SUB_DB_OPTION
@click.option("--event", type=LibraryChoice("extract.watch.store:EVENTS"),
              help="Watch an event instead of text: a new resolution, a KPI value turning RED, a tracked "
                   "recommendation whose status changed.")
@click.option("--body", help="Only this body (case-insensitive substring).")
@click.option("--council", help="Only this council (case-insensitive substring).")
@click.option("--kind", type=KIND_CHOICE, help="Only documents of this kind.")
@click.option("--in", "tables", multiple=True, type=TABLE_CHOICE, metavar="TABLE",
              help="Only hits from this table (repeatable), as in `search`.")
@click.option("--since", help="Only meetings on or after (YYYY-MM-DD).")
@click.option("--until", help="Only meetings on or before (YYYY-MM-DD).")
@click.option("--indicator", help="With --event kpi-red: only indicators whose name contains this text.")
@click.option("--literal", is_flag=True, help="Search for the words as typed (no FTS5 operators or quotes).")
@click.option("--backfill", is_flag=True, help="Also match the documents already stored (default: only new ones).")
@click.pass_context
def watch_add(ctx: click.Context, name: str, query: Optional[str], db_path: Optional[str], event: Optional[str], body: Optional[str],
              council: Optional[str], kind: Optional[str], tables: tuple[str, ...], since: Optional[str],
              until: Optional[str], indicator: Optional[str], literal: bool, backfill: bool) -> None:
    """Save a search NAME for QUERY (the syntax and filters of `search`), or an --event watch.

    Matches are recorded after every ingest; see them with `watch digest` or `watch feed`.
    """
    from .watch.evaluate import evaluate_watch, initialise_rec_state, validate
    from .watch.store import Watch, add_watch, check_name

    db = database(group_db(ctx, db_path), write=True, create=True)
    new = Watch(name=name, query=query, event=event,
                filters={"body": body, "council": council, "kind": kind, "tables": list(tables), "since": since,
                         "until": until, "indicator": indicator, "literal": literal})
    check_name(name)
    validate(db, new)
    add_watch(db, new, backfill=backfill)
    if new.event == "rec-status":
        initialise_rec_state(db, new)
    found = evaluate_watch(db, new) if backfill else 0
    click.echo(f"watch {name}: {new.describe()}" + (f"; {found} matches in stored documents" if backfill else ""))


@watch.command("list")
@SUB_DB_OPTION
@output_options
@click.pass_context
def watch_list(ctx: click.Context, db_path: Optional[str], fmt: str) -> None:
    """The saved watches, with how many hits each has recorded."""
    from .watch.store import listing

    rows = listing(database(group_db(ctx, db_path)))
    columns = ["name", "kind", "query", "filters", "hits", "last_found"] if fmt in ("table", "md", "csv", "tsv") \
        else None
    emit(rows, fmt, columns=columns, width=50,
         fields=["name", "kind", "query", "filters", "hits", "last_found", "last_run", "created_at"])


@watch.command("show")
@click.argument("name")
@SUB_DB_OPTION
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Latest hits shown.")
@click.pass_context
def watch_show(ctx: click.Context, name: str, db_path: Optional[str], limit: int) -> None:
    """What watch NAME looks for and its latest hits."""
    from .watch.digest import snippet_text, where_line
    from .watch.store import get_watch, watch_stats

    db = database(group_db(ctx, db_path))
    w = get_watch(db, name)
    assert w is not None
    stats = watch_stats(db).get(w.id or 0, {})
    click.echo(f"{w.name}: {w.describe()}")
    click.echo(f"created {w.created_at}; evaluated up to run {w.last_run}; {stats.get('hits', 0)} hits")
    for h in db.query("SELECT * FROM watch_hits WHERE watch_id = ? ORDER BY found_at DESC, id DESC LIMIT ?",
                      [w.id, limit]):
        click.echo(f"  run {h['run_id']} {h['title'] or ''} ({where_line(h)})")
        click.echo(f"    {snippet_text(h['snippet'])}")


@watch.command("remove")
@click.argument("name")
@SUB_DB_OPTION
@click.pass_context
def watch_remove(ctx: click.Context, name: str, db_path: Optional[str]) -> None:
    """Delete watch NAME and its recorded hits."""
    from .watch.store import remove_watch

    hits = remove_watch(database(group_db(ctx, db_path), write=True), name)
    click.echo(f"removed watch {name} ({hits} hits)")


@watch.command("check")
@click.argument("names", nargs=-1)
@SUB_DB_OPTION
@click.pass_context
def watch_check(ctx: click.Context, names: tuple[str, ...], db_path: Optional[str]) -> None:
    """Evaluate the watches (or NAMES) now against documents of runs they have not seen (ingest does this itself)."""
    from .watch.evaluate import evaluate_pending
    from .watch.store import get_watch

    db = database(group_db(ctx, db_path), write=True)
    for n in names:
        get_watch(db, n)
    report = evaluate_pending(db, list(names) or None)
    click.echo(report.summary())
    if report.errors:
        from .errors import BatchFailures

        raise BatchFailures(f"{len(report.errors)} of {report.watches} watches could not be evaluated "
                            "(listed above)")


@watch.command("digest")
@SUB_DB_OPTION
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="Hits found on or after this date (default: those of the latest run).")
@click.option("--run", "run_id", type=click.IntRange(min=1), help="Hits of this ingest run (see the runs table).")
@click.option("--md", "fmt", flag_value="md", default=True, help="Markdown on stdout (default).")
@click.option("--json", "fmt", flag_value="json", help="JSON on stdout.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Write a self-contained HTML page (readable on a phone) to this file.")
@click.option("--watch", "names", multiple=True, help="Only this watch (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Hits shown per watch.")
@click.option("--base-url", help="Where the papers are published: links become BASE-URL/FILE#page=N.")
@click.option("--smtp", help="Send the digest by e-mail through this SMTP server (HOST:PORT).")
@click.option("--to", "to", multiple=True, help="With --smtp: recipient address (repeatable).")
@click.option("--from", "sender", default="council-extract@localhost", show_default=True, help="With --smtp: sender.")
@click.option("--starttls", is_flag=True, help="With --smtp: upgrade the connection with STARTTLS.")
@click.pass_context
def watch_digest(ctx: click.Context, db_path: Optional[str], since: Any, run_id: Optional[int], fmt: str, html_path: Optional[str],
                 names: tuple[str, ...], limit: int, base_url: Optional[str], smtp: Optional[str],
                 to: tuple[str, ...], sender: str, starttls: bool) -> None:
    """What is new per watch, with snippets and page links: Markdown, JSON, HTML, or e-mail."""
    from pathlib import Path

    from .watch.digest import build_digest, to_html, to_json, to_markdown
    from .watch.mail import send_digest

    if to and not smtp:
        raise click.UsageError("--to needs --smtp HOST:PORT")
    db = database(group_db(ctx, db_path))
    digest = build_digest(db, since=(since.isoformat() if since.time().isoformat() != "00:00:00" else
                                     since.strftime("%Y-%m-%d")) if since else None, run=run_id, limit=limit,
                          names=list(names) or None, base_url=base_url)
    if html_path:
        Path(html_path).parent.mkdir(parents=True, exist_ok=True)
        Path(html_path).write_text(to_html(digest), encoding="utf-8")
        click.echo(f"{html_path}: {digest.total} new matches in {len(digest.with_hits)} watches", err=True)
    elif not smtp:
        click.echo(to_json(digest) + "\n" if fmt == "json" else to_markdown(digest), nl=False)
    if smtp:
        send_digest(digest, smtp, list(to), sender=sender, starttls=starttls)
        click.echo(f"sent to {', '.join(to)}: {digest.subject()}", err=True)


@watch.command("feed")
@click.argument("name", required=False)
@SUB_DB_OPTION
@click.option("--to", "folder", default="out/feeds", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write NAME.xml into.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Newest entries kept.")
@click.option("--base-url", help="Where the papers are published: entry links become BASE-URL/FILE#page=N.")
@click.option("--feeds-url", help="Where the feeds folder is published (for each feed's self link).")
@click.pass_context
def watch_feed(ctx: click.Context, name: Optional[str], db_path: Optional[str], folder: str, limit: int, base_url: Optional[str],
               feeds_url: Optional[str]) -> None:
    """Write an Atom feed per watch (watch NAME, or every watch) into --to FOLDER."""
    from .watch.feed import write_feed
    from .watch.store import get_watch, list_watches

    db = database(group_db(ctx, db_path))
    watches = [get_watch(db, name)] if name else list_watches(db)
    if not watches:
        click.echo("no watches yet: add one with `council-extract watch add NAME QUERY`", err=True)
    for w in watches:
        assert w is not None
        path, changed = write_feed(db, w, folder, base_url=base_url, feeds_url=feeds_url, limit=limit)
        click.echo(f"{path}: {'written' if changed else 'unchanged'}", err=True)


@cli.group("patterns")
def patterns_group() -> None:
    """Check a folder of pattern files, or bring your own copy (COUNCIL_EXTRACT_PATTERNS) up to date."""


@patterns_group.command("check")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
def patterns_check(folder: Optional[str]) -> None:
    """Check every pattern file of FOLDER (default: the folder in use) against its schema; one line per problem."""
    from .patterns import PatternFileError, check_folder, patterns_dir

    where = folder or str(patterns_dir())
    problems = check_folder(where)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise PatternFileError(f"{where}: {len(problems)} pattern file problem(s), listed above")
    click.echo(f"{where}: every pattern file is usable")


@patterns_group.command("update")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
def patterns_update(folder: str, dry_run: bool) -> None:
    """Add to your copy FOLDER the files and keys this version's patterns have and it lacks (renamed keys renamed,
    moved keys carried to their new file, keys this version no longer reads removed; your own words kept); then
    check it."""
    from pathlib import Path

    from .pattern_update import update_folder
    from .patterns import PatternFileError, shipped_dir

    if Path(folder).resolve() == shipped_dir().resolve():
        raise click.BadParameter("that is the shipped patterns folder; give the folder of your own copy",
                                 param_hint="FOLDER")
    report = update_folder(folder, write=not dry_run)
    for change in report.changes:
        click.echo(("would change " if dry_run else "") + f"{Path(folder) / change}")
    if not report.changes:
        click.echo(f"{folder}: nothing to add")
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        raise PatternFileError(f"{folder}: {len(report.problems)} problem(s) left to fix by hand, listed above")


def main() -> None:
    """Console entry point."""
    cli(prog_name="council-extract")


if __name__ == "__main__":
    main()
