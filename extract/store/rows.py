"""record -> table rows. Pure functions: one extraction result in, rows per table out.

Every row carries its natural ``key`` (``keys.py``), the document ``sha256`` and
the ``page`` it starts on. Record keys this module does not map go into the
row's ``extra`` JSON, so fields parsers add later are kept, not dropped.
Rows that belong to a meeting (minute items, resolutions, actions and metrics
on its pages) take the meeting's body and date as their context: the same
resolution printed in a later agenda pack keeps the key it had in its minutes.
A paper whose record has no date is dated from a full date in its file name
(``file_name_date``), so date filters do not lose it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Optional

from ..parse.text.file_dates import date_from_file_name
from .keys import context, make_key, norm


@dataclass
class DocumentRows:
    """The rows one document gives: its own (document, pages) and the shared ones, per table."""

    document: dict[str, Any]
    pages: list[dict[str, Any]]
    shared: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    search: list[dict[str, Any]] = field(default_factory=list)  # tbl, key, page, council, body, date, title, text

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.shared.setdefault(table, []).append(row)


def dumps(value: Any) -> Optional[str]:
    if value is None or value == [] or value == {}:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


def _extra(item: dict[str, Any], mapped: set[str]) -> Optional[str]:
    return dumps({k: v for k, v in item.items() if k not in mapped and v not in (None, [], {}, "")})


def _int(value: Any) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


@dataclass
class _Span:
    key: str
    council: Optional[str]
    body: Optional[str]
    date: Optional[str]
    first: Optional[int]
    last: Optional[int]


def rows_for(result: dict[str, Any]) -> DocumentRows:
    """All rows of one extraction result ``{"record": …, "pages": [...], "path": …}``."""
    rec = result["record"]
    if hasattr(rec, "to_dict"):
        rec = rec.to_dict()
    src = rec.get("source") or {}
    sha = src["sha256"]
    council, body, date = rec.get("council"), rec.get("body"), rec.get("date")
    # absolute, so "corpus/a.pdf" and "/home/me/corpus/a.pdf" are one path when a changed file is replaced
    path = os.path.abspath(str(result.get("path") or src.get("path") or src.get("file")))
    warnings = list(rec.get("warnings") or [])
    if not date:
        date = file_name_date(src.get("file") or path, warnings)
    doc_ctx = context(council, body, date, sha)
    document = {"sha256": sha, "path": path, "file": src.get("file"), "format": src.get("format"),
                "kind": rec.get("kind"), "pages": src.get("pages"), "council": council, "body": body, "date": date,
                "warnings": dumps(warnings)}
    out = DocumentRows(document=document, pages=_pages(sha, rec, result.get("pages") or []))

    spans = _meetings(out, rec, sha, council, body, date)
    res_by_text = {norm(r["text"]): r for r in out.shared.get("resolutions", [])}

    def span_at(page: Optional[int]) -> Optional[_Span]:
        if page is None:
            return None
        for span in spans:
            if span.first is not None and span.first <= page <= (span.last or span.first):
                return span
        return None

    for page_row in out.pages:
        span = span_at(page_row["page"])
        ctx = span or _Span("", council, body, date, None, None)
        out.search.append({"tbl": "pages", "key": f"{sha}:{page_row['page']}", "page": page_row["page"],
                           "council": council, "body": ctx.body, "date": ctx.date, "title": None,
                           "text": page_row["text"]})

    for pos, item in enumerate(rec.get("agenda") or []):
        key = make_key("agenda", *doc_ctx, item.get("number"), item.get("title"))
        out.add("agenda_items", {"key": key, "council": council, "body": body, "date": date,
                                 "number": item.get("number"), "title": item.get("title"),
                                 "printed_pages": dumps(item.get("pages")), "document": item.get("document"),
                                 "physical_pages": dumps(item.get("physical_pages")), "position": pos,
                                 "sha256": sha, "page": item.get("page"),
                                 "extra": _extra(item, {"number", "title", "pages", "document", "physical_pages",
                                                        "page"})})
        out.search.append({"tbl": "agenda_items", "key": key, "page": item.get("page"), "council": council,
                           "body": body, "date": date, "title": item.get("title"), "text": None})

    report_keys: list[str] = []
    for report in rec.get("reports") or []:
        r_date = report.get("date") or date
        rkey = make_key("report", *context(council, report.get("decision_maker") or body, r_date, sha),
                        report.get("subject"))
        report_keys.append(rkey)
        out.add("reports", {"key": rkey, "council": council, "decision_maker": report.get("decision_maker"),
                            "subject": report.get("subject"), "date": report.get("date"),
                            "report_of": report.get("report_of"), "fields": dumps(report.get("fields")),
                            "sha256": sha, "page": report.get("page"),
                            "extra": _extra(report, {"decision_maker", "subject", "date", "report_of", "fields",
                                                     "page", "recommendations"})})
        for number, text in enumerate(report.get("recommendations") or [], 1):
            text = text if isinstance(text, str) else (text or {}).get("text", "")
            key = make_key("recommendation", rkey, text)
            out.add("recommendations", {"key": key, "report_key": rkey, "number": number, "text": text,
                                        "sha256": sha, "page": report.get("page"), "extra": None})
            out.search.append({"tbl": "recommendations", "key": key, "page": report.get("page"),
                               "council": council, "body": report.get("decision_maker") or body, "date": r_date,
                               "title": report.get("subject"), "text": text})

    owners: dict[str, dict[str, Any]] = {}
    for action in rec.get("actions") or []:
        page = action.get("page")
        span = span_at(page)
        resolution = res_by_text.get(norm(action.get("text"))) if action.get("source") == "resolution" else None
        a_body, a_date = (span.body, span.date) if span else (body, date)
        meeting_key = resolution["meeting_key"] if resolution else (span.key if span else None)
        if resolution:
            a_body, a_date = _meeting_context(out, resolution["meeting_key"], a_body, a_date)
        owner_ref = None
        if action.get("owner"):
            owner_ref = make_key("owner", council, action.get("owner_key") or action.get("owner"))
            owners.setdefault(owner_ref, {"key": owner_ref, "council": council, "name": action.get("owner"),
                                          "owner_key": action.get("owner_key"), "sha256": sha, "page": page,
                                          "extra": None})
        report_key = None
        if action.get("source") == "recommendation" and report_keys:
            report_key = _report_for_page(rec.get("reports") or [], report_keys, page)
        key = make_key("action", *context(council, a_body, a_date, sha), action.get("source"), action.get("text"))
        out.add("actions", {"key": key, "text": action.get("text"), "owner": action.get("owner"),
                            "owner_ref": owner_ref, "owner_key": action.get("owner_key"),
                            "source": action.get("source"), "due": action.get("due"), "council": council,
                            "body": a_body, "date": a_date, "meeting_key": meeting_key,
                            "resolution_key": resolution["key"] if resolution else None, "report_key": report_key,
                            "text_source": action.get("text_source"), "sha256": sha, "page": page,
                            "extra": _extra(action, {"text", "owner", "owner_key", "source", "due", "page",
                                                     "text_source"})})
        out.search.append({"tbl": "actions", "key": key, "page": page, "council": council, "body": a_body,
                           "date": a_date, "title": action.get("owner"), "text": action.get("text")})
    for owner in owners.values():
        out.add("owners", owner)

    for metric in rec.get("metrics") or []:
        span = span_at(metric.get("page"))
        m_body, m_date = (span.body, span.date) if span else (body, date)
        key = make_key("metric", *context(council, m_body, m_date, sha), metric.get("text"), metric.get("value"))
        out.add("metrics", {"key": key, "text": metric.get("text"), "value": metric.get("value"),
                            "measure": metric.get("measure"), "period": metric.get("period"),
                            "comparator": metric.get("comparator"), "change": dumps(metric.get("change")),
                            "council": council, "body": m_body, "date": m_date,
                            "meeting_key": span.key if span else None, "sha256": sha, "page": metric.get("page"),
                            "extra": _extra(metric, {"text", "value", "measure", "period", "comparator", "change",
                                                     "page"})})

    indicators: dict[str, dict[str, Any]] = {}
    for kpi in rec.get("kpis") or []:
        label = kpi.get("indicator")
        ind_key = make_key("indicator", council, kpi.get("indicator_key") or label)
        indicators.setdefault(ind_key, {"key": ind_key, "council": council, "label": label,
                                        "indicator_key": kpi.get("indicator_key"), "unit": kpi.get("unit"),
                                        "sha256": sha, "page": kpi.get("page"), "extra": None})
        key = make_key("kpi", *doc_ctx, ind_key, kpi.get("column"), kpi.get("raw"), kpi.get("period"))
        out.add("kpi_values", {"key": key, "indicator_ref": ind_key, "indicator": label,
                               "column_label": kpi.get("column"), "raw": kpi.get("raw"), "value": kpi.get("value"),
                               "unit": kpi.get("unit"), "rag": kpi.get("rag"), "period": kpi.get("period"),
                               "table_name": kpi.get("table"), "council": council, "date": date, "sha256": sha,
                               "page": kpi.get("page"),
                               "extra": _extra(kpi, {"indicator", "column", "raw", "value", "unit", "rag", "period",
                                                     "table", "indicator_key", "page"})})
    for indicator in indicators.values():
        out.add("indicators", indicator)
    return out


def file_name_date(name: str, warnings: list[str]) -> Optional[str]:
    """A stored paper's date when its text names none: the full date in its file name, if one (the
    record keeps ``date: null``: the paper does not say). Noted among the document's warnings, so the
    date's source is on record. Why in the store: ``--since``/``--until`` and the web view's date filters
    leave undated rows out, and a council's file names ("Minutes-2024-03-05.pdf") often date what its
    pages do not (an appendix, a budget table). The date then places the paper's rows like a printed one,
    natural keys included, as a fetched paper's web-service date does (``ingest.with_fetched_metadata``)."""
    found = date_from_file_name(name)
    if found:
        warnings.append(f"the paper prints no meeting date: dated {found} from its file name")
    return found


def _pages(sha: str, rec: dict[str, Any], texts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Page rows: the record's page facts joined with the result's page texts, by page number."""
    facts = {p.get("page"): p for p in rec.get("pages") or []}
    by_number: dict[int, dict[str, Any]] = {}
    for item in texts:
        by_number[item["page"]] = {**facts.get(item["page"], {}), **item}
    for number, fact in facts.items():
        by_number.setdefault(number, dict(fact))
    rows = []
    for number in sorted(n for n in by_number if n is not None):
        p = by_number[number]
        rows.append({"sha256": sha, "page": number, "printed": p.get("printed"), "stamps": dumps(p.get("stamps")),
                     "text_source": p.get("text_source"), "text": p.get("text"),
                     "extra": _extra(p, {"page", "printed", "stamps", "text_source", "text"})})
    return rows


def _meetings(out: DocumentRows, rec: dict[str, Any], sha: str, council: Optional[str], body: Optional[str],
              date: Optional[str]) -> list[_Span]:
    """Meetings with their attendance, minute items, resolutions and votes; returns each meeting's page span."""
    spans: list[_Span] = []
    meetings = rec.get("meetings") or []
    for index, meeting in enumerate(meetings):
        m_body = meeting.get("body") or body
        m_date = meeting.get("date") or (date if rec.get("kind") == "minutes" else None)
        ctx = context(council, m_body, m_date, f"{sha}#{index}")  # (the paper and index, unless all is known)
        mkey = make_key("meeting", *ctx)
        pages_seen = [meeting.get("page")] + [i.get("page") for i in meeting.get("items") or []] + [
            r.get("page") for i in meeting.get("items") or [] for r in i.get("resolutions") or []]
        numbers = [p for p in pages_seen if isinstance(p, int)]
        span_pages = meeting.get("pages") or ([min(numbers), max(numbers)] if numbers else None)
        spans.append(_Span(mkey, council, m_body, m_date, span_pages[0] if span_pages else None,
                           span_pages[-1] if span_pages else None))
        page = meeting.get("page") or (span_pages[0] if span_pages else None)
        out.add("meetings", {"key": mkey, "council": council, "body": m_body, "date": m_date,
                             "pages": dumps(span_pages), "sha256": sha, "page": page,
                             "extra": _extra(meeting, {"body", "date", "page", "present", "apologies",
                                                       "in_attendance", "apologies_in_items", "items", "pages"})})
        for role in ("present", "apologies", "in_attendance", "apologies_in_items"):
            for name in meeting.get(role) or []:
                out.add("attendance", {"key": make_key("attendance", mkey, role, name), "meeting_key": mkey,
                                       "role": role, "name": name, "sha256": sha, "page": page, "extra": None})
        for pos, item in enumerate(meeting.get("items") or []):
            ikey = make_key("item", mkey, item.get("number") or item.get("title"))
            out.add("minute_items", {"key": ikey, "meeting_key": mkey, "number": item.get("number"),
                                     "title": item.get("title"), "text": item.get("text"), "position": pos,
                                     "sha256": sha, "page": item.get("page"),
                                     "extra": _extra(item, {"number", "title", "text", "page", "resolutions"})})
            out.search.append({"tbl": "minute_items", "key": ikey, "page": item.get("page"), "council": council,
                               "body": m_body, "date": m_date, "title": item.get("title"), "text": item.get("text")})
            for rpos, res in enumerate(item.get("resolutions") or []):
                rkey = make_key("resolution", *ctx, item.get("number"), res.get("number"), res.get("text"))
                r_page = res.get("page") or item.get("page")
                out.add("resolutions", {"key": rkey, "meeting_key": mkey, "item_key": ikey,
                                        "item_number": item.get("number"), "number": res.get("number"),
                                        "text": res.get("text"), "keyword": res.get("keyword"),
                                        "text_source": res.get("text_source"), "position": rpos, "sha256": sha,
                                        "page": r_page,
                                        "extra": _extra(res, {"text", "number", "page", "keyword", "vote",
                                                              "text_source"})})
                out.search.append({"tbl": "resolutions", "key": rkey, "page": r_page, "council": council,
                                   "body": m_body, "date": m_date, "title": item.get("title"),
                                   "text": res.get("text")})
                vote = res.get("vote")
                if vote:
                    out.add("votes", {"key": rkey, "resolution_key": rkey, "votes_for": _int(vote.get("for")),
                                      "votes_against": _int(vote.get("against")),
                                      "votes_abstain": _int(vote.get("abstain")), "outcome": vote.get("outcome"),
                                      "names": dumps(vote.get("names")), "sha256": sha, "page": r_page,
                                      "extra": None})
    return spans


def _meeting_context(out: DocumentRows, meeting_key: str, body: Optional[str],
                     date: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    for meeting in out.shared.get("meetings", []):
        if meeting["key"] == meeting_key:
            return meeting["body"], meeting["date"]
    return body, date


def _report_for_page(reports: list[dict[str, Any]], keys: list[str], page: Optional[int]) -> Optional[str]:
    """The report whose cover sheet is the last one at or before ``page``."""
    best = None
    for report, key in zip(reports, keys):
        start = report.get("page")
        if page is None or start is None or start <= page:
            best = key
    return best
