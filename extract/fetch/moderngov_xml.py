"""Read the ModernGov web service's XML answers into plain data (no network here).

Shapes learned from real answers of ``mgWebService.asmx``: ``GetCommittees`` gives
``committees/committee`` (committeeid, committeetitle, committeedeleted,
committeeexpired); ``GetMeetings`` gives ``getmeetings/committee/committeemeetings/meeting``
(meetingid, meetingdate dd/mm/yyyy, meetingstatus); ``GetMeeting`` gives ``meeting`` with
``agendapublished``/``minutepublished`` and ``agendaitems/agendaitem`` whose
``linkeddocuments/linkeddoc`` carry attachmentid, title, url, isrestricted,
publicationdate, committeetitle and ownertitle. Some servers wrap answers in a
namespace or a SOAP-ish envelope: tags are matched by local name.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Committee:
    id: int
    title: str
    deleted: bool = False
    expired: bool = False


@dataclass
class MeetingRef:
    id: int
    date: Optional[str]  # ISO
    status: str = ""
    committee_id: Optional[int] = None
    committee: str = ""


@dataclass
class LinkedDocument:
    attachment_id: int
    title: str
    url: str
    restricted: bool = False
    publication_date: Optional[str] = None
    agenda_item: Optional[str] = None  # the agenda item's number and title
    owner_title: str = ""


@dataclass
class MeetingDetail:
    id: int
    date: Optional[str]
    committee: str = ""
    agenda_published: bool = False
    minutes_published: bool = False
    documents: list[LinkedDocument] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)


class ServiceAnswerError(ValueError):
    """An answer that is not the XML we asked for (an HTML error page, a firewall's block page)."""


def _root(xml: bytes) -> ET.Element:
    head = xml[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        raise ServiceAnswerError("an HTML page came back where the web service's XML was expected")
    try:
        return ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ServiceAnswerError(f"the web service's answer is not XML ({exc})") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _all(node: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in node.iter() if _local(el.tag) == name]


def _text(node: ET.Element, name: str) -> str:
    for child in node:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _flag(node: ET.Element, name: str) -> bool:
    return _text(node, name).lower() == "true"


def _int(text: str) -> Optional[int]:
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        return None


def uk_date(text: str) -> Optional[str]:
    """dd/mm/yyyy -> ISO; anything else -> None."""
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        return None


def committees(xml: bytes) -> list[Committee]:
    out = []
    for node in _all(_root(xml), "committee"):
        cid = _int(_text(node, "committeeid"))
        if cid is None:
            continue
        out.append(Committee(cid, _text(node, "committeetitle"), _flag(node, "committeedeleted"),
                             _flag(node, "committeeexpired")))
    return out


def meetings(xml: bytes) -> list[MeetingRef]:
    out = []
    for committee in _all(_root(xml), "committee"):
        cid = _int(_text(committee, "committeeid"))
        title = _text(committee, "committeetitle")
        for node in _all(committee, "meeting"):
            mid = _int(_text(node, "meetingid"))
            if mid is None:
                continue
            out.append(MeetingRef(mid, uk_date(_text(node, "meetingdate")), _text(node, "meetingstatus"), cid, title))
    return out


def meeting(xml: bytes) -> MeetingDetail:
    root = _root(xml)
    node = root if _local(root.tag) == "meeting" else next(iter(_all(root, "meeting")), None)
    if node is None:
        raise ServiceAnswerError("the answer holds no meeting")
    detail = MeetingDetail(id=_int(_text(node, "meetingid")) or 0, date=uk_date(_text(node, "meetingdate")),
                           agenda_published=_flag(node, "agendapublished"),
                           minutes_published=_flag(node, "minutepublished"))
    seen: set[int] = set()
    for item in _all(node, "agendaitem"):
        number = _text(item, "fulldisplaynumberformat").rstrip(".") or _text(item, "agendaitemnumber")
        label = f"{number} {_text(item, 'agendaitemtitle')}".strip()
        item_restricted = _flag(item, "isrestricted")
        for doc in _all(item, "linkeddoc"):
            aid = _int(_text(doc, "attachmentid"))
            if aid is None or aid in seen or _flag(doc, "isurl"):
                continue
            seen.add(aid)
            detail.committee = detail.committee or _text(doc, "committeetitle")
            detail.documents.append(LinkedDocument(
                attachment_id=aid, title=_text(doc, "title"), url=_text(doc, "url"),
                restricted=item_restricted or _flag(doc, "isrestricted"),
                publication_date=uk_date(_text(doc, "publicationdate")), agenda_item=label,
                owner_title=_text(doc, "ownertitle")))
    for doc in _all(node, "linkeddoc"):  # documents of the meeting itself (agenda pack, printed minutes)
        aid = _int(_text(doc, "attachmentid"))
        if aid is None or aid in seen or _flag(doc, "isurl"):
            continue
        seen.add(aid)
        detail.documents.append(LinkedDocument(
            attachment_id=aid, title=_text(doc, "title"), url=_text(doc, "url"), restricted=_flag(doc, "isrestricted"),
            publication_date=uk_date(_text(doc, "publicationdate")), owner_title=_text(doc, "ownertitle")))
    for attendee in _all(node, "attendee"):
        name = attendee.get("name")
        if name:
            detail.attendees.append(name)
    return detail
