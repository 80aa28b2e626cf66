"""Walk one ModernGov council: committees -> meetings in a window -> meeting detail -> documents.

The web service answers plain GETs on ``{base}/mgWebService.asmx/{operation}``.
Its known traps are handled here: dates in any format other than dd/mm/yyyy
are silently ignored (the whole history comes back, capped at 5,000 rows), so
we always send dd/mm/yyyy and filter the answer again; document links come
back as ``http://`` and are moved to the site's own scheme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlencode, urlsplit, urlunsplit

from . import moderngov_xml as mx
from .councils import Council
from .http import PoliteClient


@dataclass
class FoundDocument:
    council: str
    committee: str
    meeting_id: int
    meeting_date: str | None
    document: mx.LinkedDocument
    meeting_url: str
    minutes_published: bool


def service_url(council: Council, operation: str, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{council.base_url}/mgWebService.asmx/{operation}" + (f"?{query}" if query else "")


def meeting_page(council: Council, meeting_id: int) -> str:
    """The council's own page for the meeting (what a person would open)."""
    return f"{council.base_url}/ieListDocuments.aspx?MId={meeting_id}"


def same_scheme(url: str, base_url: str) -> str:
    """``http://`` document links moved to the site's scheme when they point at the same host."""
    doc, base = urlsplit(url), urlsplit(base_url)
    if doc.scheme == "http" and base.scheme == "https" and doc.netloc.lower() == base.netloc.lower():
        return urlunsplit(("https", *doc[1:]))
    return url


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def walk(council: Council, client: PoliteClient, since: dt.date, until: dt.date) -> Iterator[FoundDocument]:
    """Every document of the council's followed committees' meetings in [since, until], restricted ones
    included (the fetcher records them as skipped, and never asks for them)."""
    committees = mx.committees(client.get(service_url(council, "GetCommittees"), accept="text/xml").body)
    for committee in committees:
        if committee.deleted or not council.follows(committee.title):
            continue
        answer = client.get(service_url(council, "GetMeetings", lCommitteeId=committee.id, sFromDate=uk(since),
                                        sToDate=uk(until)), accept="text/xml").body
        for ref in mx.meetings(answer):
            if ref.date is None or not since.isoformat() <= ref.date <= until.isoformat():
                continue  # the ignored-date trap: never trust the service to have filtered
            if ref.status.lower() == "cancelled":
                continue
            detail = mx.meeting(client.get(service_url(council, "GetMeeting", lMeetingId=ref.id),
                                           accept="text/xml").body)
            for doc in detail.documents:
                if doc.url:
                    doc.url = same_scheme(doc.url, council.base_url)
                yield FoundDocument(council.name, committee.title, ref.id, ref.date, doc,
                                    meeting_page(council, ref.id), detail.minutes_published)
