"""The ``council-extract`` command: a thin click layer over the library.

Options in, library calls, errors out. Library exceptions become one-line
messages with the project's exit codes (3 unreadable input, 4 batch with
failures); anything else is a bug and keeps its traceback (exit 1).
"""

from __future__ import annotations

import json
import sys
from typing import Any, Optional

import click

from . import __version__
from .errors import CouncilExtractError
from .output import emit, output_options


class UserError(click.ClickException):
    """A ``CouncilExtractError`` shown to the user with its own exit code."""

    def __init__(self, error: CouncilExtractError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


def fail(error: CouncilExtractError) -> UserError:
    return UserError(error)


OCR_CHOICE = click.Choice(["auto", "never", "force"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-extract")
def cli() -> None:
    """Turn local-government committee papers into data."""


def load_for_cli(path: str, password: Optional[str], pages: Optional[str], ocr: str) -> Any:
    """Load a document the way every command does, errors as one-line messages."""
    from .pipeline import ExtractOptions, load_file

    try:
        return load_file(path, ExtractOptions(password=password, pages=pages, ocr=ocr))
    except CouncilExtractError as exc:
        raise fail(exc) from None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pages") from None


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the extraction record (FORMAT.md) as JSON.")
@click.option("--pages", help="Only these physical pages, e.g. 1-3,7.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", type=OCR_CHOICE, default="auto", show_default=True,
              help="OCR pages with no or garbled text: only where needed, never, or every page.")
@click.option("--model", help="A trained spaCy pipeline to use instead of the rule-based default (e.g. en_core_web_sm).")
def parse(file: str, as_json: bool, pages: Optional[str], password: Optional[str], ocr: str,
          model: Optional[str]) -> None:
    """Parse FILE (PDF, text or HTML) into the extraction record."""
    from .pipeline import ExtractOptions, extract_document

    doc = load_for_cli(file, password, pages, ocr)
    try:
        record = extract_document(doc, ExtractOptions(model=model))
    except CouncilExtractError as exc:  # e.g. --model names a spaCy pipeline that is not installed
        raise fail(exc) from None
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

    doc = load_for_cli(file, password, None, ocr)
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
    for warning in rec.get("warnings") or []:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", default="out/council.db", show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite database to fill (created if missing).")
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

    Safe to interrupt: run the same command again to finish the batch.
    Exit code 4 when some documents failed (each is listed with its reason).
    """
    from .batch.progress import Progress
    from .batch.runner import DEFAULT_PATTERNS, BatchOptions, run_batch
    from .errors import BatchFailures

    options = BatchOptions(workers=workers, timeout=timeout or None, max_memory_mb=max_memory or None, force=force,
                           ocr=ocr, password=password, patterns=patterns or DEFAULT_PATTERNS, cluster=cluster)
    try:
        report = run_batch(db_path, paths, options, progress=Progress(0, silent=silent))
    except CouncilExtractError as exc:
        raise fail(exc) from None
    except KeyboardInterrupt:
        click.echo("interrupted: every document stored so far is complete; run the same command again to finish",
                   err=True)
        sys.exit(130)
    click.echo(report.summary())
    _watch_after_ingest(db_path)
    if report.failures:
        raise fail(BatchFailures(f"{report.failed} of {report.files} files failed (listed above); "
                                 "fix or remove them and run again: stored files are skipped"))


from .record import KINDS  # noqa: E402

DB_OPTION = click.option("--db", "db_path", default="out/council.db", show_default=True,
                         type=click.Path(dir_okay=False), help="The SQLite database made by ingest.")


def open_store(db_path: str, must_exist: bool = True) -> Any:
    """The store at ``db_path`` (upgraded in place), errors as ``UserError``."""
    from pathlib import Path

    from .errors import StoreError
    from .store.schema import open_db

    if must_exist and not Path(db_path).exists():
        raise fail(StoreError(f"{db_path}: no such database; run `council-extract ingest PATH --db {db_path}` "
                              "first, or pass --db"))
    try:
        return open_db(db_path)
    except CouncilExtractError as exc:
        raise fail(exc) from None


def _without_table_flag(func: Any) -> Any:
    """Drop output_options' ``--table`` flag (a table is the default anyway) where ``--table`` names a table."""
    func.__click_params__ = [p for p in func.__click_params__ if not (p.name == "fmt" and "--table" in p.opts)]
    return func


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--body", help="Only meetings of this body (case-insensitive substring).")
@click.option("--council", help="Only this council (case-insensitive substring).")
@click.option("--since", help="Meeting date on or after (YYYY-MM-DD).")
@click.option("--until", help="Meeting date on or before (YYYY-MM-DD).")
@click.option("--kind", type=click.Choice(KINDS), help="Only documents of this kind.")
@click.option("--table", "tables", multiple=True,
              type=click.Choice(["pages", "agenda_items", "minute_items", "resolutions", "actions",
                                 "recommendations"]), help="Only hits from this table (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many hits.")
@click.option("--literal", is_flag=True, help="Search for the words as typed (no FTS5 operators or quotes).")
@_without_table_flag
@output_options
def search(query: str, db_path: str, body: Optional[str], council: Optional[str], since: Optional[str],
           until: Optional[str], kind: Optional[str], tables: tuple[str, ...], limit: int, literal: bool,
           fmt: str) -> None:
    """Full-text search (FTS5, porter stemming) over page text, agenda titles, minute items, resolutions,
    actions and recommendations. QUERY takes FTS5 syntax: words, "a phrase", OR, NOT, prefix*."""
    from .store.search import search as run_search

    db = open_store(db_path)
    try:
        hits = run_search(db, query, body=body, council=council, since=since, until=until, kind=kind,
                          table=list(tables) or None, limit=limit, as_literal=literal)
    except CouncilExtractError as exc:
        raise fail(exc) from None
    fmt = fmt or "table"
    columns = ["table", "date", "body", "file", "page", "text_source", "snippet"] if fmt == "table" else None
    emit(hits, fmt, columns=columns, width=80)


@cli.command()
@click.argument("tables", nargs=-1)
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet"]), default="csv", show_default=True)
@click.option("--to", "directory", required=True, type=click.Path(file_okay=False),
              help="Folder to write one file per table into.")
def export(tables: tuple[str, ...], db_path: str, fmt: str, directory: str) -> None:
    """Export every table, or the TABLES named, to --to DIR as CSV, JSON or Parquet."""
    from .store.export import export_tables

    db = open_store(db_path)
    try:
        written = export_tables(db, directory, fmt, list(tables) or None)
    except CouncilExtractError as exc:
        raise fail(exc) from None
    for item in written:
        click.echo(f"{item['file']}: {item['rows']} rows", err=True)


@cli.command()
@DB_OPTION
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Open actions listed (0 for all).")
@output_options
def summary(db_path: str, limit: int, fmt: str) -> None:
    """What went into the database (documents, meetings, resolutions, actions, KPI values) and the open actions."""
    from .store.summary import summary as make_summary

    from .track import refresh

    db = open_store(db_path)
    refresh(db)  # so actions whose request a later paper answered are not listed as open
    data = make_summary(db, limit or None)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    if fmt != "table":
        emit(data["open_actions"], fmt)
        return
    click.echo("  ".join(f"{c['what']}: {c['count']}" for c in data["counts"]))
    run = data["last_run"]
    if run:
        click.echo(f"last run {run['id']} ({run['started_at']}): ingested {run['ingested'] or 0}, unchanged "
                   f"{run['unchanged'] or 0}, replaced {run['replaced'] or 0}, failed {run['failed'] or 0}, "
                   f"timeout {run['timeout'] or 0}")
    for error in data["errors"][:5]:
        reason = error["reason"] or ""
        click.echo("error: " + (reason if reason.startswith(error["path"]) else f"{error['path']}: {reason}"))
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
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="out/council.db", show_default=True,
              help="Database holding the fetch log (and the papers, with --ingest).")
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
    from .fetch.fetcher import fetch_councils
    from .store.schema import open_db

    try:
        councils, settings = load_councils(councils_file)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"councils file: {exc}") from None
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
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)

    def show(line: str) -> None:
        if not silent:
            click.echo("\r" + line[:150].ljust(150), err=True, nl=False)

    report = fetch_councils(db, councils, settings, Path(folder), start, end, progress=show)
    if not silent:
        click.echo("", err=True)
    click.echo(report.summary())
    if then_ingest and report.fetched:
        from .batch.runner import run_batch

        batch = run_batch(db_path, report.fetched, {"workers": None})
        click.echo(batch.summary())
        _watch_after_ingest(db_path)
        if batch.failed:
            raise fail(BatchFailures(f"{batch.failed} fetched documents failed to ingest"))
    if report.failed_councils:
        raise fail(BatchFailures(f"fetch finished with failures: {', '.join(report.failed_councils)}"))


REC_COLUMNS = ("id", "raised", "body", "item_number", "request", "owner", "status", "age_days", "evidence_date",
               "file", "page")


def _tracker_db(db_path: str) -> Any:
    from pathlib import Path

    from .store.schema import open_db
    from .track import refresh

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run `council-extract ingest PATH --db {db_path}` first")
    db = open_db(db_path)
    refresh(db)
    return db


def _tracker_error(exc: Exception) -> click.ClickException:
    error = click.ClickException(str(exc))
    error.exit_code = getattr(exc, "exit_code", 1)
    return error


@cli.group(invoke_without_command=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="out/council.db", show_default=True)
@click.option("--body", help="Only requests of this body (substring).")
@click.option("--status", type=click.Choice(["open", "in progress", "answered", "closed", "dropped", "outstanding"]),
              help="Only items with this status (outstanding: open or in progress).")
@click.option("--owner", help="Only items owed by this owner (substring).")
@click.option("--older-than", help="Only items raised longer ago than this (90d, 12w, 6m, 1y), by meeting date.")
@output_options
@click.pass_context
def recs(ctx: click.Context, db_path: str, body: Optional[str], status: Optional[str], owner: Optional[str],
         older_than: Optional[str], fmt: str) -> None:
    """Track what panels asked for: list the tracked recommendations (or use a subcommand)."""
    ctx.obj = {"db_path": db_path}
    if ctx.invoked_subcommand is not None:
        return
    from .track.status import TrackerError, effective_rows, select

    db = _tracker_db(db_path)
    try:
        rows = select(effective_rows(db), body=body, status=status, owner=owner, older_than=older_than)
    except TrackerError as exc:
        raise _tracker_error(exc) from None
    emit(rows, fmt, columns=REC_COLUMNS if fmt in ("table", "md", "csv", "tsv") else None, width=70)


@recs.command("show")
@click.argument("ident")
@click.pass_context
def recs_show(ctx: click.Context, ident: str) -> None:
    """The request ID (or the first characters of it), its source page, its links and its history."""
    from .track.status import TrackerError, effective_rows, history, links, resolve_id

    db = _tracker_db(ctx.obj["db_path"])
    try:
        key = resolve_id(db, ident)
    except TrackerError as exc:
        raise _tracker_error(exc) from None
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
@click.option("--status", required=True, type=click.Choice(["open", "in progress", "answered", "closed", "dropped"]))
@click.option("--note", help="Why: kept with the time in the history.")
@click.option("--by", help="Who set it.")
@click.pass_context
def recs_set(ctx: click.Context, ident: str, status: str, note: Optional[str], by: Optional[str]) -> None:
    """Set the status of request ID by hand (kept through every re-ingest)."""
    from .track.status import TrackerError, set_status

    db = _tracker_db(ctx.obj["db_path"])
    try:
        row = set_status(db, ident, status, note, by)
    except TrackerError as exc:
        raise _tracker_error(exc) from None
    click.echo(f"{row['item_key'][:8]}: {status} at {row['at']}")


@recs.command("report")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default="out/recs.html", show_default=True)
@click.option("--body", help="Only requests of this body (substring).")
@click.option("--owner", help="Only items owed by this owner (substring).")
@click.option("--older-than", help="Only items raised longer ago than this (90d, 12w, 6m, 1y).")
@click.pass_context
def recs_report(ctx: click.Context, html_path: str, body: Optional[str], owner: Optional[str],
                older_than: Optional[str]) -> None:
    """Write a self-contained HTML page of the outstanding items, grouped by meeting and owner."""
    from pathlib import Path

    from .track.report import render_html
    from .track.status import TrackerError, effective_rows, select

    db = _tracker_db(ctx.obj["db_path"])
    try:
        rows = select(effective_rows(db), body=body, status="outstanding", owner=owner, older_than=older_than)
    except TrackerError as exc:
        raise _tracker_error(exc) from None
    Path(html_path).parent.mkdir(parents=True, exist_ok=True)
    Path(html_path).write_text(render_html(rows), encoding="utf-8")
    click.echo(f"{html_path}: {len(rows)} outstanding items")


@cli.command()
@click.argument("db_path", default="out/council.db", type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on; another host only on purpose.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db_path: str, host: str, port: int) -> None:
    """Browse and search the database in a web browser (Datasette, read-only)."""
    from .web.serve import ServeError, serve as run_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this machine can read the database", err=True)
    click.echo(f"council-extract: serving {db_path} read-only at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        run_server(db_path, host=host, port=port)
    except ServeError as exc:
        raise fail(exc) from None


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
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="List the KPI values stored in this database (across reports) instead of reading FILE.")
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
    from .record import _plain

    if bool(file) == bool(db_path):
        raise click.UsageError("give a FILE to read, or --db DATABASE to list stored KPI values (not both)")
    if db_path:
        from pathlib import Path

        from .store.kpis import stored_kpis
        from .store.schema import open_db

        if not Path(db_path).is_file():
            raise click.ClickException(f"{db_path}: no database yet; run `council-extract ingest PATH --db {db_path}` first")
        rows = stored_kpis(open_db(db_path), indicator)
        columns = None if fmt in ("json", "nl") else ["date", "document", "page", "indicator", "column", "raw",
                                                       "value", "unit", "rag", "period"]
        emit(rows, fmt, columns=columns, width=50)
        return
    assert file is not None
    doc = load_for_cli(file, password, pages, ocr)
    warnings: list[str] = []
    rows = [_plain(k) for k in parse_kpis(doc, warnings)]
    if indicator:
        rows = [r for r in rows if indicator.lower() in (r["indicator"] or "").lower()]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    columns = None if fmt in ("json", "nl") else ["page", "indicator", "column", "raw", "value", "unit", "rag", "period",
                                                   "table"]
    emit(rows, fmt, columns=columns, width=50)


# ---------------------------------------------------------------- watch: saved searches and alerts


def _watch_after_ingest(db_path: str) -> None:
    """Evaluate the saved watches against what the ingest just stored (after ``ingest`` and ``fetch --ingest``).

    The ingest is committed before this runs; a failure here is a warning, and the next
    ingest (or ``watch check``) catches up, since each watch remembers the last run it saw.
    """
    try:
        from .store.schema import open_db
        from .watch.evaluate import evaluate_pending
        from .watch.store import has_watches

        db = open_db(db_path)
        try:
            if not has_watches(db):
                return
            report = evaluate_pending(db)
        finally:
            db.close()
    except Exception as exc:  # never lose (or fail) the ingest over an alert
        click.echo(f"warning: watches not evaluated ({exc.__class__.__name__}: {exc}); "
                   f"run `council-extract watch check --db {db_path}` to retry", err=True)
        return
    click.echo(report.summary(), err=True)


def _watch_db(db_path: str, must_exist: bool = True) -> Any:
    return open_store(db_path, must_exist=must_exist)


@cli.group()
def watch() -> None:
    """Saved searches and alerts: watches evaluated after every ingest, digests, Atom feeds, e-mail."""


@watch.command("add")
@click.argument("name")
@click.argument("query", required=False)
@DB_OPTION
@click.option("--event", type=click.Choice(["resolution", "kpi-red", "rec-status"]),
              help="Watch an event instead of text: a new resolution, a KPI value turning RED, a tracked "
                   "recommendation whose status changed.")
@click.option("--body", help="Only this body (case-insensitive substring).")
@click.option("--council", help="Only this council (case-insensitive substring).")
@click.option("--kind", type=click.Choice(["agenda_pack", "agenda", "minutes", "report", "decision_notice",
                                           "presentation", "letter", "other"]), help="Only documents of this kind.")
@click.option("--table", "tables", multiple=True,
              type=click.Choice(["pages", "agenda_items", "minute_items", "resolutions", "actions",
                                 "recommendations"]), help="Only hits from this table (repeatable).")
@click.option("--since", help="Only meetings on or after (YYYY-MM-DD).")
@click.option("--until", help="Only meetings on or before (YYYY-MM-DD).")
@click.option("--indicator", help="With --event kpi-red: only indicators whose name contains this text.")
@click.option("--literal", is_flag=True, help="Search for the words as typed (no FTS5 operators or quotes).")
@click.option("--backfill", is_flag=True, help="Also match the documents already stored (default: only new ones).")
def watch_add(name: str, query: Optional[str], db_path: str, event: Optional[str], body: Optional[str],
              council: Optional[str], kind: Optional[str], tables: tuple[str, ...], since: Optional[str],
              until: Optional[str], indicator: Optional[str], literal: bool, backfill: bool) -> None:
    """Save a search NAME for QUERY (the syntax and filters of `search`), or an --event watch.

    Matches are recorded after every ingest; see them with `watch digest` or `watch feed`.
    """
    from .watch.evaluate import evaluate_watch, initialise_rec_state, validate
    from .watch.store import Watch, add_watch, check_name

    db = _watch_db(db_path, must_exist=False)
    new = Watch(name=name, query=query, event=event,
                filters={"body": body, "council": council, "kind": kind, "tables": list(tables), "since": since,
                         "until": until, "indicator": indicator, "literal": literal})
    try:
        check_name(name)
        validate(db, new)
        add_watch(db, new, backfill=backfill)
        if new.event == "rec-status":
            initialise_rec_state(db, new)
        found = evaluate_watch(db, new) if backfill else 0
    except CouncilExtractError as exc:
        raise fail(exc) from None
    click.echo(f"watch {name}: {new.describe()}" + (f"; {found} matches in stored documents" if backfill else ""))


@watch.command("list")
@DB_OPTION
@output_options
def watch_list(db_path: str, fmt: str) -> None:
    """The saved watches, with how many hits each has recorded."""
    from .watch.store import listing

    rows = listing(_watch_db(db_path))
    columns = ["name", "kind", "query", "filters", "hits", "last_found"] if fmt in ("table", "md", "csv", "tsv") \
        else None
    emit(rows, fmt, columns=columns, width=50)


@watch.command("show")
@click.argument("name")
@DB_OPTION
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Latest hits shown.")
def watch_show(name: str, db_path: str, limit: int) -> None:
    """What watch NAME looks for and its latest hits."""
    from .watch.digest import snippet_text, where_line
    from .watch.store import get_watch, watch_stats

    db = _watch_db(db_path)
    try:
        w = get_watch(db, name)
    except CouncilExtractError as exc:
        raise fail(exc) from None
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
@DB_OPTION
def watch_remove(name: str, db_path: str) -> None:
    """Delete watch NAME and its recorded hits."""
    from .watch.store import remove_watch

    try:
        hits = remove_watch(_watch_db(db_path), name)
    except CouncilExtractError as exc:
        raise fail(exc) from None
    click.echo(f"removed watch {name} ({hits} hits)")


@watch.command("check")
@click.argument("names", nargs=-1)
@DB_OPTION
def watch_check(names: tuple[str, ...], db_path: str) -> None:
    """Evaluate the watches (or NAMES) now against documents of runs they have not seen (ingest does this itself)."""
    from .watch.evaluate import evaluate_pending
    from .watch.store import get_watch

    db = _watch_db(db_path)
    try:
        for n in names:
            get_watch(db, n)
        report = evaluate_pending(db, list(names) or None)
    except CouncilExtractError as exc:
        raise fail(exc) from None
    click.echo(report.summary())
    if report.errors:
        from .errors import BatchFailures

        raise fail(BatchFailures(f"{len(report.errors)} of {report.watches} watches could not be evaluated "
                                 "(listed above)"))


@watch.command("digest")
@DB_OPTION
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
def watch_digest(db_path: str, since: Any, run_id: Optional[int], fmt: str, html_path: Optional[str],
                 names: tuple[str, ...], limit: int, base_url: Optional[str], smtp: Optional[str],
                 to: tuple[str, ...], sender: str, starttls: bool) -> None:
    """What is new per watch, with snippets and page links: Markdown, JSON, HTML, or e-mail."""
    from pathlib import Path

    from .watch.digest import build_digest, to_html, to_json, to_markdown
    from .watch.mail import send_digest

    if to and not smtp:
        raise click.UsageError("--to needs --smtp HOST:PORT")
    db = _watch_db(db_path)
    try:
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
    except CouncilExtractError as exc:
        raise fail(exc) from None


@watch.command("feed")
@click.argument("name", required=False)
@DB_OPTION
@click.option("--to", "folder", default="out/feeds", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write NAME.xml into.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Newest entries kept.")
@click.option("--base-url", help="Where the papers are published: entry links become BASE-URL/FILE#page=N.")
@click.option("--feeds-url", help="Where the feeds folder is published (for each feed's self link).")
def watch_feed(name: Optional[str], db_path: str, folder: str, limit: int, base_url: Optional[str],
               feeds_url: Optional[str]) -> None:
    """Write an Atom feed per watch (watch NAME, or every watch) into --to FOLDER."""
    from .watch.feed import write_feed
    from .watch.store import get_watch, list_watches

    db = _watch_db(db_path)
    try:
        watches = [get_watch(db, name)] if name else list_watches(db)
    except CouncilExtractError as exc:
        raise fail(exc) from None
    if not watches:
        click.echo("no watches yet: add one with `council-extract watch add NAME QUERY`", err=True)
    for w in watches:
        assert w is not None
        path, changed = write_feed(db, w, folder, base_url=base_url, feeds_url=feeds_url, limit=limit)
        click.echo(f"{path}: {'written' if changed else 'unchanged'}", err=True)


def main() -> None:
    """Console entry point."""
    cli(prog_name="council-extract")


if __name__ == "__main__":
    main()
