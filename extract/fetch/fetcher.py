"""Download each new document once and record what the web service said about it.

A document is keyed by council and attachment id: fetched once, then asked for
again only conditionally (If-None-Match / If-Modified-Since) when it is seen
again. Every request's outcome goes to ``fetch_log``; every document kept goes
to ``fetched_documents`` (council, committee, meeting, date, agenda item, title,
URLs, sha256), which ``ingest`` reads so a fetched document carries its true
council, body and date. Failures stay with their council: the run goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

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
    failures: list[str] = field(default_factory=list)
    failed: Optional[str] = None  # the council's own failure (service unreachable, blocked)
    bytes: int = 0


@dataclass
class FetchReport:
    councils: list[CouncilOutcome] = field(default_factory=list)

    @property
    def fetched(self) -> list[str]:
        return [p for c in self.councils for p in c.fetched]

    @property
    def failed_councils(self) -> list[str]:
        return [c.council for c in self.councils if c.failed or c.failures]

    def summary(self) -> str:
        lines = []
        for c in self.councils:
            state = f"FAILED: {c.failed}" if c.failed else (
                f"{len(c.fetched)} new, {c.unchanged} unchanged, {len(c.failures)} failed, {c.bytes // 1024} KB")
            lines.append(f"{c.council}: {c.found} documents seen; {state}")
            lines.extend(f"  {reason}" for reason in c.failures)
        total = len(self.fetched)
        lines.append(f"{total} documents fetched; councils with failures: {', '.join(self.failed_councils) or 'none'}")
        return "\n".join(lines)


def ensure_tables(db: sqlite_utils.Database) -> None:
    db.table("fetch_log").create({"url": str, "council": str, "etag": str, "last_modified": str, "sha256": str,
                            "status": str, "reason": str, "fetched_at": str}, pk="url", if_not_exists=True)
    db.table("fetched_documents").create(
        {"council": str, "attachment_id": int, "committee": str, "meeting_id": int, "meeting_date": str,
         "agenda_item": str, "title": str, "url": str, "meeting_url": str, "publication_date": str, "path": str,
         "sha256": str, "fetched_at": str}, pk=("council", "attachment_id"), if_not_exists=True)
    db.table("fetched_documents").create_index(["sha256"], if_not_exists=True)


def file_name(found: FoundDocument) -> str:
    doc = found.document
    return (f"{found.meeting_date or 'undated'}_{slugify(found.committee, 40)}_{doc.attachment_id}_"
            f"{slugify(doc.title, 60)}.pdf")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


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
        outcome = CouncilOutcome(council.name)
        report.councils.append(outcome)
        meetings: set[int] = set()
        try:
            for found in walk(council, http, since, until):
                outcome.found += 1
                meetings.add(found.meeting_id)
                outcome.meetings = len(meetings)
                _fetch_one(db, http, council, found, to, outcome)
                if progress:
                    progress(f"{council.name}: {outcome.meetings} meetings, {outcome.found} documents, "
                             f"{len(outcome.fetched)} new, {outcome.bytes // 1024} KB")
        except (FetchError, ServiceAnswerError) as exc:
            outcome.failed = str(exc)
            db.table("fetch_log").upsert({"url": getattr(exc, "url", council.base_url), "council": council.name,
                                    "status": "failed", "reason": str(exc), "fetched_at": _now()}, pk="url",
                                   alter=True)
    return report


def _fetch_one(db: sqlite_utils.Database, http: PoliteClient, council: Council, found: FoundDocument, to: Path,
               outcome: CouncilOutcome) -> None:
    doc = found.document
    known = list(db.query("select path, sha256 from fetched_documents where council = ? and attachment_id = ?",
                          [council.name, doc.attachment_id]))
    previous = known[0] if known else None
    log = next(iter(db.query("select etag, last_modified from fetch_log where url = ?", [doc.url])), None)
    if previous and previous["path"] and Path(previous["path"]).exists():
        if not (log and (log["etag"] or log["last_modified"])):
            outcome.unchanged += 1  # fetched before and the server gives no validator: attachments do not change
            return
    try:
        response = http.get(doc.url, etag=(log or {}).get("etag") if previous else None,
                            last_modified=(log or {}).get("last_modified") if previous else None,
                            accept="application/pdf")
    except FetchError as exc:
        outcome.failures.append(f"{doc.title} ({doc.url}): {exc.reason}")
        db.table("fetch_log").upsert({"url": doc.url, "council": council.name, "status": "failed", "reason": exc.reason,
                                "fetched_at": _now()}, pk="url", alter=True)
        return
    if response.not_modified:
        outcome.unchanged += 1
        db.table("fetch_log").upsert({"url": doc.url, "council": council.name, "status": "not modified",
                                "fetched_at": _now()}, pk="url", alter=True)
        return
    body = response.body
    if not body.lstrip()[:5].startswith(b"%PDF"):
        looks = "an HTML page" if b"<html" in body[:1024].lower() else "not a PDF"
        reason = f"{looks} came back where a PDF was expected"
        outcome.failures.append(f"{doc.title} ({doc.url}): {reason}")
        db.table("fetch_log").upsert({"url": doc.url, "council": council.name, "status": "failed", "reason": reason,
                                "fetched_at": _now()}, pk="url", alter=True)
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
                                "status": "fetched", "reason": None, "fetched_at": _now()}, pk="url", alter=True)
        db.table("fetched_documents").upsert({
            "council": council.name, "attachment_id": doc.attachment_id, "committee": found.committee,
            "meeting_id": found.meeting_id, "meeting_date": found.meeting_date, "agenda_item": doc.agenda_item,
            "title": doc.title, "url": doc.url, "meeting_url": found.meeting_url,
            "publication_date": doc.publication_date, "path": str(path), "sha256": sha, "fetched_at": _now()},
            pk=("council", "attachment_id"), alter=True)
