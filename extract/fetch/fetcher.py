"""Download each new document once and record what the web service said about it.

A document is keyed by council and attachment id: fetched once, then asked for
again only conditionally (If-None-Match / If-Modified-Since) when it is seen
again and its local copy is still there (a deleted copy is fetched again). Three
tables: ``fetch_requests`` holds every request made (retries and robots.txt
included) with its status and outcome, and every restricted document skipped;
``fetch_log`` the latest state per URL (validators, last outcome, since when it
has been failing); ``fetched_documents`` every document kept (council, committee,
meeting, date, agenda item, title, URLs, sha256), which ``ingest`` reads so a
fetched document carries its true council, body and date.

Failures stay with their council: the run goes on. A failure that is the same as
the last time (same URL, same reason) is *known*: reported with the date it
started, but not a new failure, so one council that blocks us for weeks does not
fail every nightly run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import sqlite_utils

from .councils import Council, FetchSettings, slugify
from .http import FetchError, PoliteClient
from .moderngov import FoundDocument, walk
from .moderngov_xml import ServiceAnswerError


@dataclass
class CouncilOutcome:
    council: str
    meetings: int = 0
    found: int = 0
    fetched: list[str] = field(default_factory=list)
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)  # new document failures
    known_failures: list[str] = field(default_factory=list)  # document failures the same as last time
    failed: Optional[str] = None  # the council's own failure (service unreachable, blocked)
    failed_since: Optional[str] = None  # the council's failure is known: the same since then
    skipped: int = 0  # restricted documents (and ones with no link): never asked for
    bytes: int = 0


@dataclass
class FetchReport:
    councils: list[CouncilOutcome] = field(default_factory=list)

    @property
    def fetched(self) -> list[str]:
        return [p for c in self.councils for p in c.fetched]

    @property
    def failed_councils(self) -> list[str]:
        """Councils with a new failure (these fail the run)."""
        return [c.council for c in self.councils if (c.failed and not c.failed_since) or c.failures]

    @property
    def known_failed_councils(self) -> list[str]:
        """Councils failing as they did last time, and nothing new."""
        return [c.council for c in self.councils if c.council not in self.failed_councils
                and (c.failed or c.known_failures)]

    def summary(self) -> str:
        lines = []
        for c in self.councils:
            if c.failed:
                state = (f"FAILED (known, failing since {c.failed_since[:10]}): {c.failed}" if c.failed_since
                         else f"FAILED: {c.failed}")
            else:
                known = f" ({len(c.known_failures)} known)" if c.known_failures else ""
                skipped = f", {c.skipped} restricted skipped" if c.skipped else ""
                state = (f"{len(c.fetched)} new, {c.unchanged} unchanged, {len(c.failures) + len(c.known_failures)} "
                         f"failed{known}{skipped}, {c.bytes // 1024} KB")
            lines.append(f"{c.council}: {c.found} documents seen; {state}")
            lines.extend(f"  {reason}" for reason in c.failures)
            lines.extend(f"  known: {reason}" for reason in c.known_failures)
        total = len(self.fetched)
        only_known = self.known_failed_councils
        lines.append(f"{total} documents fetched; councils with new failures: {', '.join(self.failed_councils) or 'none'}"
                     + (f"; with known failures only: {', '.join(only_known)}" if only_known else ""))
        return "\n".join(lines)


def ensure_tables(db: sqlite_utils.Database) -> None:
    db.table("fetch_log").create({"url": str, "council": str, "etag": str, "last_modified": str, "sha256": str,
                            "status": str, "reason": str, "fetched_at": str, "failed_since": str}, pk="url",
                           if_not_exists=True)
    if "failed_since" not in db.table("fetch_log").columns_dict:
        db.table("fetch_log").add_column("failed_since", str)
    db.table("fetch_requests").create({"id": int, "at": str, "council": str, "url": str, "status": int,
                                 "outcome": str, "reason": str}, pk="id", if_not_exists=True)
    db.table("fetch_requests").create_index(["url"], if_not_exists=True)
    db.table("fetched_documents").create(
        {"council": str, "attachment_id": int, "committee": str, "meeting_id": int, "meeting_date": str,
         "agenda_item": str, "title": str, "url": str, "meeting_url": str, "publication_date": str, "path": str,
         "sha256": str, "fetched_at": str}, pk=("council", "attachment_id"), if_not_exists=True)
    db.table("fetched_documents").create_index(["sha256"], if_not_exists=True)


def document_metadata(db: sqlite_utils.Database, sha256: str) -> Optional[dict[str, Any]]:
    """What the web service said about a fetched file, for ``ingest``: council, body, date, URLs."""
    if "fetched_documents" not in db.table_names():
        return None
    rows = list(db.query("select council, committee, meeting_date, url, meeting_url, title, agenda_item "
                         "from fetched_documents where sha256 = ? order by fetched_at desc limit 1", [sha256]))
    if not rows:
        return None
    row = rows[0]
    return {"council": row["council"], "body": row["committee"], "date": row["meeting_date"],
            "source_url": row["url"], "meeting_url": row["meeting_url"], "title": row["title"],
            "agenda_item": row["agenda_item"]}


def file_name(found: FoundDocument) -> str:
    doc = found.document
    return (f"{found.meeting_date or 'undated'}_{slugify(found.committee, 40)}_{doc.attachment_id}_"
            f"{slugify(doc.title, 60)}.pdf")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _request_logger(db: sqlite_utils.Database, council: str) -> Callable[[str, Optional[int], str, Optional[str]], None]:
    def log(url: str, status: Optional[int], outcome: str, reason: Optional[str]) -> None:
        db.table("fetch_requests").insert({"at": _now(), "council": council, "url": url, "status": status,
                                     "outcome": outcome, "reason": reason})
    return log


def _log_failure(db: sqlite_utils.Database, url: str, council: str, reason: str) -> Optional[str]:
    """Record that ``url`` failed; returns since when, if it failed the same way last time (a known failure)."""
    prior = next(iter(db.query("select status, reason, failed_since, fetched_at from fetch_log where url = ?",
                               [url])), None)
    known = prior["failed_since"] or prior["fetched_at"] if prior and prior["status"] == "failed" \
        and prior["reason"] == reason else None
    db.table("fetch_log").upsert({"url": url, "council": council, "status": "failed", "reason": reason,
                            "fetched_at": _now(), "failed_since": known or _now()}, pk="url", alter=True)
    return known


def not_ingested(db: sqlite_utils.Database) -> list[str]:
    """Fetched papers whose file is here but whose content is not in the database (fetched without
    ``--ingest``, or an ingest that was stopped): ``fetch --ingest`` ingests them with the new ones."""
    if "fetched_documents" not in db.table_names() or "documents" not in db.table_names():
        return []
    rows = db.query("select distinct path from fetched_documents f where path is not null and not exists "
                    "(select 1 from documents d where d.sha256 = f.sha256) order by path")
    return [r["path"] for r in rows if Path(r["path"]).is_file()]


def fetch_councils(db: sqlite_utils.Database, councils: list[Council], settings: FetchSettings, to: Path,
                   since: dt.date, until: dt.date, client: Optional[PoliteClient] = None,
                   progress: Optional[Callable[[str], None]] = None) -> FetchReport:
    """Fetch every council's new documents in the window into ``to``; failures never stop the run."""
    ensure_tables(db)
    report = FetchReport()
    for council in councils:
        http = client or PoliteClient(contact=council.contact or settings.contact, min_interval=settings.min_interval,
                                      timeout=settings.timeout, max_retries=settings.max_retries,
                                      max_bytes=settings.max_bytes)
        http.on_request = _request_logger(db, council.name)
        outcome = CouncilOutcome(council.name)
        report.councils.append(outcome)
        meetings: set[int] = set()
        try:
            for found in walk(council, http, since, until):
                outcome.found += 1
                meetings.add(found.meeting_id)
                outcome.meetings = len(meetings)
                if found.document.restricted or not found.document.url:
                    outcome.skipped += 1
                    db.table("fetch_requests").insert({
                        "at": _now(), "council": council.name, "url": found.document.url or found.meeting_url,
                        "outcome": "skipped", "reason": f"{'restricted' if found.document.restricted else 'no link'}:"
                                                        f" {found.document.title} (attachment "
                                                        f"{found.document.attachment_id}); never asked for"})
                    continue
                _fetch_one(db, http, council, found, to, outcome)
                if progress:
                    progress(f"{council.name}: {outcome.meetings} meetings, {outcome.found} documents, "
                             f"{len(outcome.fetched)} new, {outcome.bytes // 1024} KB")
        except (FetchError, ServiceAnswerError) as exc:
            outcome.failed = str(exc)
            outcome.failed_since = _log_failure(db, getattr(exc, "url", council.base_url), council.name, str(exc))
    return report


def _document_failed(db: sqlite_utils.Database, council: Council, outcome: CouncilOutcome, url: str, title: str,
                     reason: str) -> None:
    since = _log_failure(db, url, council.name, reason)
    line = f"{title} ({url}): {reason}"
    if since:
        outcome.known_failures.append(f"{line} (failing since {since[:10]})")
    else:
        outcome.failures.append(line)


def _fetch_one(db: sqlite_utils.Database, http: PoliteClient, council: Council, found: FoundDocument, to: Path,
               outcome: CouncilOutcome) -> None:
    doc = found.document
    known = list(db.query("select path, sha256 from fetched_documents where council = ? and attachment_id = ?",
                          [council.name, doc.attachment_id]))
    previous = known[0] if known else None
    log = next(iter(db.query("select etag, last_modified from fetch_log where url = ?", [doc.url])), None)
    have_copy = bool(previous and previous["path"] and Path(previous["path"]).exists())
    if have_copy and not (log and (log["etag"] or log["last_modified"])):
        outcome.unchanged += 1  # fetched before and the server gives no validator: attachments do not change
        return
    try:
        # validators only for a copy we still have: a 304 for a deleted copy would never bring it back
        response = http.get(doc.url, etag=(log or {}).get("etag") if have_copy else None,
                            last_modified=(log or {}).get("last_modified") if have_copy else None,
                            accept="application/pdf")
        if response.not_modified and not have_copy:  # a server that answers 304 unasked: ask plainly again
            response = http.get(doc.url, accept="application/pdf")
    except FetchError as exc:
        _document_failed(db, council, outcome, doc.url, doc.title, exc.reason)
        return
    if response.not_modified:
        outcome.unchanged += 1
        db.table("fetch_log").upsert({"url": doc.url, "council": council.name, "status": "not modified",
                                "reason": None, "fetched_at": _now(), "failed_since": None}, pk="url", alter=True)
        return
    body = response.body
    if not body.lstrip()[:5].startswith(b"%PDF"):
        looks = "an HTML page" if b"<html" in body[:1024].lower() else "not a PDF"
        _document_failed(db, council, outcome, doc.url, doc.title, f"{looks} came back where a PDF was expected")
        return
    sha = hashlib.sha256(body).hexdigest()
    folder = to / council.slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(found)
    if not (previous and previous["sha256"] == sha and path.exists()):
        partial = path.with_suffix(".part")
        partial.write_bytes(body)
        partial.replace(path)  # never leave half a file under the real name
        outcome.fetched.append(str(path))
        outcome.bytes += len(body)
    else:
        outcome.unchanged += 1
    with db.conn:
        db.table("fetch_log").upsert({"url": doc.url, "council": council.name, "etag": response.headers.get("etag"),
                                "last_modified": response.headers.get("last-modified"), "sha256": sha,
                                "status": "fetched", "reason": None, "fetched_at": _now(), "failed_since": None},
                               pk="url", alter=True)
        db.table("fetched_documents").upsert({
            "council": council.name, "attachment_id": doc.attachment_id, "committee": found.committee,
            "meeting_id": found.meeting_id, "meeting_date": found.meeting_date, "agenda_item": doc.agenda_item,
            "title": doc.title, "url": doc.url, "meeting_url": found.meeting_url,
            "publication_date": doc.publication_date, "path": str(path), "sha256": sha, "fetched_at": _now()},
            pk=("council", "attachment_id"), alter=True)
