"""Follow-ups across documents: later papers of the same body that answer or revisit a request.

Candidates are minute items, resolutions and report cover sheets of the same
council and body with a later date. A candidate is linked when it shares enough
meaningful words with the request (rapidfuzz's token-set ratio over content
words, and the share of the request's distinctive words it repeats) or when it
is a recommendations-monitoring item that answers in general terms. The cue
words it carries propose a status (``answered`` or ``in progress``); nothing is
closed here: closing is a person's decision (``recs set``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any, Iterable, Optional

import sqlite_utils
from rapidfuzz import fuzz

from ..store.keys import make_key, norm
from .rules import answer_cue, content_words, is_monitoring_item, open_cue, revisit_cue

MIN_CONFIDENCE = 0.5  # below this a candidate is not linked
MIN_SHARED_WORDS = 3  # a specific follow-up repeats at least this many of the request's meaningful words
SNIPPET = 300
SHORT_TEXT = 8  # texts with fewer distinct meaningful words than this weigh less


def _later_texts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every later-paper text a request could be answered in, with its context."""
    out: list[dict[str, Any]] = []
    names = set(db.table_names())
    if "minute_items" in names:
        for r in db.query("""SELECT mi.key, mi.title, mi.text, mi.sha256, mi.page, m.council, m.body, m.date
                             FROM minute_items mi JOIN meetings m ON m.key = mi.meeting_key"""):
            out.append({"tbl": "minute_items", "key": r["key"], "title": r["title"] or "",
                        "text": f"{r['title'] or ''}. {r['text'] or ''}", **_ctx(r)})
    if "resolutions" in names:
        for r in db.query("""SELECT r.key, r.text, r.sha256, r.page, m.council, m.body, m.date
                             FROM resolutions r JOIN meetings m ON m.key = r.meeting_key"""):
            out.append({"tbl": "resolutions", "key": r["key"], "title": "", "text": r["text"] or "", **_ctx(r)})
    if "pages" in names:
        # tracker tables in agenda packs ("Monitoring scrutiny recommendations", "Action log"): whole pages,
        # matched row by row (see _segments); the pack's own body and date
        for r in db.query("""SELECT p.sha256, p.page, p.text, d.council, d.body, d.date FROM pages p
                             JOIN documents d ON d.sha256 = p.sha256 WHERE p.text LIKE '%ecommendation%'
                                OR p.text LIKE '%ction log%' OR p.text LIKE '%ction tracker%'"""):
            title = next((line for line in (r["text"] or "").splitlines()[:8] if is_monitoring_item(line)), None)
            if title:
                out.append({"tbl": "pages", "key": f"{r['sha256']}:{r['page']}", "title": title,
                            "text": r["text"] or "", "table": True, **_ctx(r)})
    if "reports" in names:
        for r in db.query("SELECT key, subject, sha256, page, council, decision_maker AS body, date FROM reports"):
            out.append({"tbl": "reports", "key": r["key"], "title": r["subject"] or "", "text": r["subject"] or "",
                        **_ctx(r)})
    return out


def _answers_all(text: str) -> bool:
    """A monitoring item that says every earlier request was met, without naming them."""
    low = text.lower()
    return any(p in low for p in ("all the requested", "all requested", "all of the requested", "all recommendations",
                                  "all the recommendations", "all actions"))


def _ctx(row: dict[str, Any]) -> dict[str, Any]:
    return {"sha256": row["sha256"], "page": row["page"], "council": row["council"], "body": row["body"],
            "date": row["date"]}


def _same_body(a: Any, b: Any) -> bool:
    return bool(a) and bool(b) and norm(a) == norm(b)


def _idf(texts: Iterable[list[str]]) -> dict[str, float]:
    docs = list(texts)
    counts: Counter[str] = Counter()
    for words in docs:
        counts.update(set(words))
    n = max(1, len(docs))
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in counts.items()}


TABLE_ROW_LINES = 4  # a tracker table's row, wrapped, spans about this many extracted lines


def _segments(text: str, table: bool = False) -> list[str]:
    """The whole text and, where it has several, each sentence: a minute item often answers
    several requests, one sentence each. A tracker table is read in windows of a few lines,
    since its rows wrap (meeting, recommendation, action taken, status)."""
    if table:
        lines = [line for line in (text or "").splitlines() if line.strip()]
        return ["\n".join(lines[i:i + TABLE_ROW_LINES]) for i in range(max(1, len(lines) - TABLE_ROW_LINES + 1))]
    sentences = [x for x in re.split(r"(?<=[.;])\s+", text or "") if x.strip()]
    return [text] + sentences if len(sentences) > 1 else [text]


def find_links(db: sqlite_utils.Database, candidates: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Links per tracked item key."""
    later = _later_texts(db)
    segments = {id(t): [(seg, set(content_words(seg))) for seg in _segments(t["text"], bool(t.get("table")))]
                for t in later}
    request_words = {c.key: content_words(f"{c.item_title or ''} {c.request}") for c in candidates}
    idf = _idf([*(content_words(t["text"]) for t in later), *request_words.values()])
    out: dict[str, list[dict[str, Any]]] = {}
    for c in candidates:
        if not c.raised:
            continue
        asked = set(request_words[c.key])
        if not asked:
            continue
        asked_weight = sum(idf.get(w, 0.0) for w in asked) or 1.0
        for t in later:
            if not t["date"] or t["date"] <= c.raised or not _same_body(t["body"], c.body):
                continue
            if t["tbl"] == "resolutions" and t["key"] == c.source_key:
                continue
            best = max((_similarity(asked, asked_weight, said, idf) + (seg,) for seg, said in segments[id(t)]),
                       key=lambda x: x[0])
            confidence, shared, segment = best
            monitoring = is_monitoring_item(t["title"])
            answer = answer_cue(segment)
            still_open = open_cue(segment)
            revisit = revisit_cue(segment)
            general = monitoring and answer_cue(t["text"]) is not None and _answers_all(t["text"])
            if general and confidence < MIN_CONFIDENCE:
                confidence, answer, segment = 0.5, answer_cue(t["text"]), t["text"]  # "all the requested information"
            elif confidence < MIN_CONFIDENCE or shared < MIN_SHARED_WORDS:
                continue
            status = "open" if still_open else ("answered" if answer else "in progress")
            out.setdefault(c.key, []).append({
                "key": make_key("link", c.key, t["tbl"], t["key"]), "item_key": c.key, "tbl": t["tbl"],
                "target_key": t["key"], "sha256": t["sha256"], "page": t["page"], "date": t["date"],
                "snippet": " ".join(segment.split())[:SNIPPET], "confidence": confidence,
                "proposed_status": status,
                "cue": "general" if general and segment == t["text"] and shared < MIN_SHARED_WORDS else (
                    still_open or answer or revisit or ("monitoring item" if monitoring else None))})
    return out


def _similarity(asked: set[str], asked_weight: float, said: set[str], idf: dict[str, float]) -> tuple[float, int]:
    """Confidence that ``said`` speaks of the request, and how many meaningful words they share."""
    shared = asked & said
    said_weight = sum(idf.get(w, 0.0) for w in said) or 1.0
    # distinctive words in common, against the shorter of the two texts (a follow-up is often brief)
    overlap = sum(idf.get(w, 0.0) for w in shared) / min(asked_weight, said_weight)
    overlap *= min(1.0, len(said) / SHORT_TEXT)  # a four-word title matching proves less than a paragraph
    ratio = fuzz.token_set_ratio(" ".join(sorted(asked)), " ".join(sorted(said))) / 100.0
    return round(min(1.0, 0.6 * overlap + 0.4 * ratio), 3), len(shared)


LOG_MATCH = 85.0  # a log row names the request when their words agree this well (rapidfuzz, 0-100)


def logs_in_store(db: sqlite_utils.Database) -> list[tuple[Any, dict[str, Any]]]:
    """Every row of the action logs and matters-arising lists printed in stored papers, with its paper's
    sha256, council, body and date (``extract/nlp/logs.py`` reads them from the stored page text)."""
    from ..nlp.logs import read_logs

    if "pages" not in db.table_names() or "documents" not in db.table_names():
        return []
    rows = db.query("""SELECT p.sha256, p.page, p.text, d.council, d.body, d.date FROM pages p
                       JOIN documents d ON d.sha256 = p.sha256
                       WHERE lower(p.text) LIKE '%status%' OR lower(p.text) LIKE '%update%'
                          OR lower(p.text) LIKE '%progress%' OR lower(p.text) LIKE '%matters arising%'
                          OR lower(p.text) LIKE '%owner%' OR lower(p.text) LIKE '%who%'
                       ORDER BY p.sha256, p.page""")
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["sha256"], []).append(r)
    out: list[tuple[Any, dict[str, Any]]] = []
    for sha, pages in by_doc.items():
        meta = {k: pages[0][k] for k in ("sha256", "council", "body", "date")}
        lines = [(p["page"], line) for p in pages for line in (p["text"] or "").splitlines()]
        out.extend((row, meta) for row in read_logs(lines))
    return out


def log_score(row_text: str, request: str) -> float:
    want = " ".join(row_text.split()).lower()
    have = " ".join(request.split()).lower()
    score = fuzz.ratio(want, have)
    if len(have.split()) >= 4:  # a request quoted inside a longer matters-arising entry
        score = max(score, fuzz.partial_ratio(have, want) if len(have) < len(want) else fuzz.token_set_ratio(want, have))
    return score


def log_links(db: sqlite_utils.Database, candidates: list[Any],
              logs: Optional[list[tuple[Any, dict[str, Any]]]] = None) -> dict[str, list[dict[str, Any]]]:
    """The council's own status for each request its action logs list.

    A row of a "Who / What / Status" grid, an "Action / Owner / Update" table or a matters-arising
    list in a paper of the same body, on or after the day the request was raised, is the council's
    word on it: "Done" proposes ``answered``, anything else ``in progress``. These links carry
    ``cue`` "council's log"."""
    from ..nlp.logs import status_of

    out: dict[str, list[dict[str, Any]]] = {}
    for row, meta in (logs if logs is not None else logs_in_store(db)):
        status = status_of(row.status, in_words=row.kind == "list")
        if status is None:
            continue
        best, best_score = None, 0.0
        for c in candidates:
            same_paper = c.sha256 == meta["sha256"]
            if not same_paper and (not c.raised or not meta["date"] or c.raised > meta["date"]
                                   or not _same_body(c.body, meta["body"])):
                continue
            score = log_score(row.text, c.request)
            if score > best_score:
                best, best_score = c, score
        if best is None or best_score < LOG_MATCH:
            continue
        out.setdefault(best.key, []).append({
            "key": make_key("link", best.key, "log", meta["sha256"], str(row.page), row.text), "item_key": best.key,
            "tbl": "pages", "target_key": f"{meta['sha256']}:{row.page}", "sha256": meta["sha256"], "page": row.page,
            "date": meta["date"], "snippet": (row.text if row.kind == "list" else f"{row.text} — {row.status}")[:SNIPPET],
            "confidence": round(best_score / 100.0, 3), "proposed_status": status, "cue": "council's log"})
    return out
