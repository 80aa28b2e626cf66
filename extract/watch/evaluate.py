"""Run every watch against what the latest ingest runs stored, and record new hits once.

Each watch remembers the highest run id it has been evaluated against
(``watches.last_run``). ``evaluate_pending`` looks only at documents whose
``run_id`` is above that, so it costs what the new documents cost, not what the
database holds; and if one evaluation failed (or ran from a library call that
skipped it), the next one catches up. A hit is written with ``INSERT OR IGNORE``
on ``(watch_id, identity)``, where the identity names content rather than a
file copy: a page is identified by its document's path and its text, a
resolution or KPI value by its natural key. So re-ingesting an unchanged file,
re-running a batch or ``--force`` never repeats an alert, and a republished
document alerts only for the pages that changed.

Text watches use the store's search syntax and filters (``store/search.py``):
the same FTS5 index, the same ``BadQuery`` messages. A text watch's matches on
one page (the page text, the minute item, the resolution on it) collapse into
one hit per page, shown with the most specific snippet (with ``--table`` naming
only structured tables, each matching row is a hit).
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

import sqlite_utils

from ..errors import BadQuery
from ..store.schema import FTS_TABLE
from ..store.search import add_filters, contains, explain, fts_query, search
from .store import EVENTS, Watch, WatchError, ensure_tables, latest_run, list_watches, now

MARK_START, MARK_END = "\x02", "\x03"  # snippet highlight markers in watch_hits.snippet (see digest.py)
# A page's matches are shown from the most specific row that matched on it.
PREFERENCE = ("resolutions", "recommendations", "minute_items", "actions", "agenda_items", "pages")
SNIPPET_CHARS = 400
HIT_COLUMNS = ("run_id", "identity", "tbl", "tables", "key", "sha256", "page", "title", "snippet", "date", "body",
               "council", "kind", "file", "path")


@dataclass
class EvalReport:
    """What one evaluation did: new hits per watch name, and the run range it covered."""

    upto_run: int = 0
    watches: int = 0
    new_hits: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # watch name -> why it could not be evaluated
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.new_hits.values())

    def summary(self) -> str:
        busiest = sorted(((n, name) for name, n in self.new_hits.items() if n), key=lambda x: (-x[0], x[1]))
        found = ", ".join(f"{name} {n}" for n, name in busiest[:8]) + (", …" if len(busiest) > 8 else "")
        lines = [f"watches: {self.total} new matches" + (f" ({found})" if found else "") +
                 f" from {self.watches} watches in {self.seconds:.2f} s"
                 + ("; `council-extract watch digest` shows them" if self.total else "")]
        lines += [f"warning: watch {name} not evaluated ({why}); it is tried again after the next ingest "
                  "or with `council-extract watch check`" for name, why in sorted(self.errors.items())]
        return "\n".join(lines)


# ---------------------------------------------------------------- validation


def validate(db: sqlite_utils.Database, watch: Watch) -> None:
    """Refuse a watch that could never run: a query FTS5 cannot parse, a bad filter, an unknown event."""
    f = watch.filters
    if watch.event is None:
        if not watch.query or not watch.query.strip():
            raise WatchError("a text watch needs a QUERY (or pass --event resolution|kpi-red|rec-status)")
        search(db, watch.query, body=f.get("body"), council=f.get("council"), kind=f.get("kind"),
               table=f.get("tables") or None, since=f.get("since"), until=f.get("until"), limit=1,
               as_literal=bool(f.get("literal")))
        if f.get("indicator"):
            raise WatchError("--indicator goes with --event kpi-red")
        return
    if watch.event not in EVENTS:
        raise WatchError(f"--event {watch.event}: use one of {', '.join(EVENTS)}")
    if watch.event == "resolution":
        if watch.query:
            search(db, watch.query, body=f.get("body"), council=f.get("council"), table="resolutions", limit=1,
                   as_literal=bool(f.get("literal")))
    elif watch.query:
        hint = "--indicator TEXT" if watch.event == "kpi-red" else "--body/--council"
        raise WatchError(f"--event {watch.event} takes no QUERY; narrow it with {hint}")
    unused = [k for k in ("kind", "tables", "since", "until") if f.get(k)]
    if watch.event != "kpi-red" and f.get("indicator"):
        unused.append("indicator")
    if unused:
        raise WatchError(f"--event {watch.event} does not use --{', --'.join(unused)}")


# ---------------------------------------------------------------- evaluation


def evaluate_pending(db: sqlite_utils.Database, names: Optional[Iterable[str]] = None) -> EvalReport:
    """Evaluate each watch (or those named) against the documents of runs it has not seen yet."""
    started = time.monotonic()
    report = EvalReport(upto_run=latest_run(db))
    if "watches" not in db.table_names():
        return report
    ensure_tables(db)
    wanted = set(names) if names is not None else None
    watches = [w for w in list_watches(db) if wanted is None or w.name in wanted]
    report.watches = len(watches)
    ctx = _Context(db, report.upto_run)
    try:
        # One transaction for all (one commit, not one per watch); each watch is a savepoint inside it,
        # so a watch that fails is rolled back alone, reported, and tried again next time.
        with db.atomic():
            for watch in watches:
                try:
                    report.new_hits[watch.name] = evaluate_watch(db, watch, ctx)
                except Exception as exc:  # reported in the summary and by the CLI's exit code, never silent
                    report.errors[watch.name] = f"{exc.__class__.__name__}: {exc}"
    finally:
        ctx.close()
    report.seconds = round(time.monotonic() - started, 3)
    return report


class _Context:
    """What several watches share in one evaluation: the new documents per run range, the tracker rows."""

    def __init__(self, db: sqlite_utils.Database, upto: int) -> None:
        self.db = db
        self.upto = upto
        self._docs: dict[int, int] = {}
        self._tracked: Optional[list[dict[str, Any]]] = None
        self._indexes: dict[int, str] = {}
        self._refreshed = False
        self._pages: dict[tuple[str, int], Optional[str]] = {}

    def index(self, after: int) -> str:
        """A temporary FTS5 index of just the search rows of documents stored by runs after ``after``.

        Watches run against it rather than the whole ``search_fts``: a common word matches
        thousands of stored pages but only a few new ones, and the cost should be the new
        ones'. Same columns, same tokenizer, so the same queries mean the same thing.
        """
        if after not in self._indexes:
            name = f"watch_fts_{after}"
            self.db.execute(f"DROP TABLE IF EXISTS temp.{name}")
            self.db.execute(f"CREATE VIRTUAL TABLE temp.{name} USING fts5(title, text, "
                            f"tokenize='{fts_tokenizer(self.db)}')")
            self.db.execute(f"""INSERT INTO temp.{name}(rowid, title, text)
                                SELECT r.id, r.title, r.text FROM search_rows r JOIN documents d ON d.sha256 = r.sha256
                                WHERE d.run_id > ? AND d.run_id <= ?""", [after, self.upto])
            self._indexes[after] = name
        return self._indexes[after]

    def close(self) -> None:
        for name in self._indexes.values():
            self.db.execute(f"DROP TABLE IF EXISTS temp.{name}")
        self._indexes.clear()

    def page_identity(self, sha256: str, page: Optional[int], path: Optional[str]) -> Optional[str]:
        """"page:PATH:HASH-OF-ITS-TEXT" (the same for every watch matching the page, so computed once)."""
        if page is None:
            return None
        key = (sha256, page)
        if key not in self._pages:
            row = self.db.execute("SELECT text FROM pages WHERE sha256 = ? AND page = ?", [sha256, page]).fetchone()
            self._pages[key] = (f"page:{path}:" + _digest(" ".join(row[0].split()))) if row and row[0] is not None \
                else None
        return self._pages[key]

    def new_documents(self, after: int) -> int:
        if after not in self._docs:
            self._docs[after] = int(self.db.execute(
                "SELECT count(*) FROM documents WHERE run_id > ? AND run_id <= ?", [after, self.upto]).fetchone()[0])
        return self._docs[after]

    def tracked(self, after: Optional[int] = None) -> list[dict[str, Any]]:
        """The tracker's effective rows; its items are rebuilt first when documents arrived after run ``after``
        (a manual ``recs set`` needs no rebuild: effective statuses read the history directly)."""
        if after is not None:
            from ..track import refresh

            stale = "tracked_items" not in self.db.table_names() or bool(self.new_documents(after))
            if stale and not self._refreshed:
                refresh(self.db)
                self._refreshed, self._tracked = True, None
        if self._tracked is None:
            from ..track import effective_rows

            self._tracked = effective_rows(self.db)
        return self._tracked


def evaluate_watch(db: sqlite_utils.Database, watch: Watch, ctx: Optional[_Context] = None) -> int:
    """Record this watch's new hits (one transaction, with its ``last_run``); returns how many are new."""
    own = ctx is None
    ctx = ctx or _Context(db, latest_run(db))
    try:
        return _evaluate(db, watch, ctx)
    finally:
        if own:
            ctx.close()


def _evaluate(db: sqlite_utils.Database, watch: Watch, ctx: _Context) -> int:
    after = watch.last_run
    if watch.event == "rec-status" and "documents" in db.table_names():
        ctx.tracked(after)  # the tracker's refresh, before (not inside) this watch's transaction
    elif watch.event in (None, "resolution") and ctx.upto > after and ctx.new_documents(after):
        ctx.index(after)  # built outside the transaction too
    found_at = now()
    with db.atomic():  # the hits, the watch's last_run and its tracker state move together
        hits: list[dict[str, Any]] = []
        if watch.event == "rec-status":
            hits = _rec_status_hits(db, watch, ctx)
        elif ctx.upto > after and ctx.new_documents(after):
            finder = {None: _text_hits, "resolution": _resolution_hits, "kpi-red": _kpi_red_hits}[watch.event]
            hits = finder(db, watch, after, ctx)
        before = db.conn.total_changes
        if hits:  # plain executemany: sqlite-utils' insert_all re-reads the table's columns on every call
            columns = ["watch_id", "found_at", *HIT_COLUMNS]
            db.conn.executemany(
                f"INSERT OR IGNORE INTO watch_hits ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [[watch.id, found_at, *(h[c] for c in HIT_COLUMNS)] for h in hits])
        added = db.conn.total_changes - before  # rows INSERT OR IGNORE really inserted (watch_hits has no triggers)
        if ctx.upto > after:
            db.execute("UPDATE watches SET last_run = ? WHERE id = ?", [ctx.upto, watch.id])
            watch.last_run = ctx.upto
    return int(added)


def _text_hits(db: sqlite_utils.Database, watch: Watch, after: int, ctx: _Context) -> list[dict[str, Any]]:
    """The watch's search, limited to rows of documents stored by runs after ``after``, one hit per page."""
    f, upto, fts = watch.filters, ctx.upto, ctx.index(after)
    query = watch.query or ""
    match = fts_query(query, bool(f.get("literal")))
    where = [f"{fts} MATCH :query", "d.run_id > :after", "d.run_id <= :upto"]
    params: dict[str, Any] = {"query": match, "after": after, "upto": upto}
    add_filters(where, params, body=f.get("body"), council=f.get("council"), since=f.get("since"),
                until=f.get("until"), kind=f.get("kind"), tables=f.get("tables"))
    sql = f"""
        SELECT r.tbl AS tbl, r.key AS key, r.sha256 AS sha256, r.page AS page, r.title AS title, r.date AS date,
               r.body AS body, r.council AS council, d.file AS file, d.path AS path, d.kind AS kind,
               d.run_id AS run_id, r.id AS rowid, bm25({fts}) AS rank
        FROM {fts}
        JOIN search_rows r ON r.id = {fts}.rowid
        JOIN documents d ON d.sha256 = r.sha256
        WHERE {' AND '.join(where)}
    """
    try:
        rows = _rows(db, sql, params)
    except Exception as exc:  # the query parsed when added; a newer SQLite may disagree
        raise BadQuery(f"watch {watch.name}: " + explain(query, str(exc))) from None
    # Page text is searched too (no --table, or --table pages): a page's matches make one hit. Otherwise
    # each matching row (resolution, action, ...) is its own hit.
    per_page = not f.get("tables") or "pages" in f["tables"]
    pages: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for row in rows:
        where_ = row["page"] if per_page and row["page"] is not None else f"{row['tbl']}:{row['key']}"
        pages.setdefault((row["sha256"], where_), []).append(row)
    chosen = []
    for group in pages.values():
        group.sort(key=lambda r: (PREFERENCE.index(r["tbl"]) if r["tbl"] in PREFERENCE else 99, r["rank"]))
        chosen.append((group[0], sorted({r["tbl"] for r in group})))
    # Snippets only for the rows shown (FTS5 re-reads a row's text to make one).
    snippets: dict[int, str] = {}
    ids = [best["rowid"] for best, _ in chosen]
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        snippets.update(db.execute(
            f"SELECT rowid, snippet({fts}, -1, '{MARK_START}', '{MARK_END}', '…', 24) FROM {fts} "
            f"WHERE {fts} MATCH ? AND rowid IN ({', '.join('?' for _ in part)})", [match, *part]).fetchall())
    hits = []
    for best, tables in chosen:
        identity = ctx.page_identity(best["sha256"], best["page"], best["path"]) if per_page else None
        identity = identity or f"row:{best['tbl']}:{best['key']}"
        hits.append(_hit(best, identity, snippets.get(best["rowid"]), tables=tables))
    return hits


def _resolution_hits(db: sqlite_utils.Database, watch: Watch, after: int, ctx: _Context) -> list[dict[str, Any]]:
    """Resolutions first stored from documents of the new runs, of the watched body/council."""
    f, upto = watch.filters, ctx.upto
    where = ["d.run_id > :after", "d.run_id <= :upto"]
    params: dict[str, Any] = {"after": after, "upto": upto}
    contains(where, params, "body", "coalesce(m.body, d.body)", f.get("body"))
    contains(where, params, "council", "coalesce(m.council, d.council)", f.get("council"))
    if watch.query:
        params["query"] = fts_query(watch.query, bool(f.get("literal")))
        fts = ctx.index(after)
        where.append(f"""r.key IN (SELECT s.key FROM {fts} JOIN search_rows s ON s.id = {fts}.rowid
                          WHERE {fts} MATCH :query AND s.tbl = 'resolutions')""")
    sql = f"""
        SELECT 'resolutions' AS tbl, r.key AS key, r.sha256 AS sha256, r.page AS page, r.text AS text,
               coalesce(r.item_number, r.number) AS number, mi.title AS item_title,
               coalesce(m.body, d.body) AS body, coalesce(m.council, d.council) AS council,
               coalesce(m.date, d.date) AS date, d.file AS file, d.path AS path, d.kind AS kind, d.run_id AS run_id
        FROM resolutions r
        JOIN documents d ON d.sha256 = r.sha256
        LEFT JOIN meetings m ON m.key = r.meeting_key
        LEFT JOIN minute_items mi ON mi.key = r.item_key
        WHERE {' AND '.join(where)}
        ORDER BY r.sha256, r.position
    """
    hits = []
    for row in _rows(db, sql, params):
        title = "Resolution" + (f" {row['number']}" if row["number"] else "") + \
                (f": {row['item_title']}" if row["item_title"] else "")
        hits.append(_hit({**row, "title": title}, f"row:resolutions:{row['key']}", _clip(row["text"])))
    return hits


def _kpi_red_hits(db: sqlite_utils.Database, watch: Watch, after: int, ctx: _Context) -> list[dict[str, Any]]:
    """New KPI values rated RED whose indicator was not RED at its previous rated value."""
    f, upto = watch.filters, ctx.upto
    where = ["d.run_id > :after", "d.run_id <= :upto", "lower(trim(k.rag)) = 'red'"]
    params: dict[str, Any] = {"after": after, "upto": upto}
    contains(where, params, "indicator", "k.indicator", f.get("indicator"))
    contains(where, params, "council", "coalesce(k.council, d.council)", f.get("council"))
    contains(where, params, "body", "d.body", f.get("body"))
    sql = f"""
        SELECT 'kpi_values' AS tbl, k.key AS key, k.sha256 AS sha256, k.page AS page, k.indicator AS indicator,
               k.indicator_ref AS indicator_ref, k.raw AS raw, k.unit AS unit, k.period AS period,
               k.column_label AS column_label, coalesce(k.council, d.council) AS council, d.body AS body,
               coalesce(k.date, d.date) AS date, d.file AS file, d.path AS path, d.kind AS kind, d.run_id AS run_id
        FROM kpi_values k JOIN documents d ON d.sha256 = k.sha256
        WHERE {' AND '.join(where)}
    """
    hits = []
    for row in _rows(db, sql, params):
        before = _previous_rag(db, row)
        if before and before["rag"].strip().lower() == "red":
            continue  # still red, not turning red
        was = f" (was {before['rag'].upper()} in {before['period'] or before['date']})" if before else ""
        value = row["raw"] or ""
        when = row["period"] or row["column_label"] or row["date"] or ""
        text = f"{row['indicator']}: {value} {when} RED{was}".replace("  ", " ")
        hits.append(_hit({**row, "title": f"RED: {row['indicator']}"}, f"row:kpi_values:{row['key']}", text))
    return hits


def _previous_rag(db: sqlite_utils.Database, row: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The indicator's latest rated value before this one (by meeting date, then period)."""
    same = "indicator_ref = :ref" if row["indicator_ref"] else "indicator = :indicator AND council IS :council"
    found = db.execute(f"""
        SELECT rag, period, date FROM kpi_values
        WHERE {same} AND key != :key AND rag IS NOT NULL AND trim(rag) != ''
          AND (coalesce(date, '') < :date OR (coalesce(date, '') = :date AND coalesce(period, '') < :period))
        ORDER BY coalesce(date, '') DESC, coalesce(period, '') DESC LIMIT 1""",
        {"ref": row["indicator_ref"], "indicator": row["indicator"], "council": row["council"], "key": row["key"],
         "date": row["date"] or "", "period": row["period"] or ""}).fetchone()
    return {"rag": found[0], "period": found[1], "date": found[2]} if found else None


def tracker_state(rows: list[dict[str, Any]], watch: Watch) -> dict[str, dict[str, Any]]:
    """The tracked items a rec-status watch follows, by key."""
    f = watch.filters
    out = {}
    for r in rows:
        if f.get("body") and f["body"].casefold() not in (r.get("body") or "").casefold():
            continue
        if f.get("council") and f["council"].casefold() not in (r.get("council") or "").casefold():
            continue
        out[r["key"]] = r
    return out


def initialise_rec_state(db: sqlite_utils.Database, watch: Watch) -> int:
    """Remember the status of every followed item now, so only later changes alert; returns how many."""
    from ..track import effective_rows, refresh

    if "documents" not in db.table_names():
        return 0
    refresh(db)
    items = tracker_state(effective_rows(db), watch)
    seen = now()
    with db.atomic():
        db.table("watch_rec_state").insert_all(
            ({"watch_id": watch.id, "item_key": k, "status": r["status"], "seen_at": seen} for k, r in items.items()),
            replace=True)
    return len(items)


def _rec_status_hits(db: sqlite_utils.Database, watch: Watch, ctx: _Context) -> list[dict[str, Any]]:
    """Tracked items whose effective status differs from the one this watch saw last; updates what it saw."""
    if "documents" not in db.table_names():
        return []
    items = tracker_state(ctx.tracked(), watch)
    seen = {r["item_key"]: r["status"] for r in db.query(
        "SELECT item_key, status FROM watch_rec_state WHERE watch_id = ?", [watch.id])}
    at = now()
    hits, updates = [], []
    for key, r in items.items():
        old = seen.get(key)
        if old == r["status"]:
            continue
        updates.append({"watch_id": watch.id, "item_key": key, "status": r["status"], "seen_at": at})
        if old is None:
            continue  # a newly tracked item: its first status is not a change
        path = r.get("source_path") or ""
        row = {"tbl": "tracked_items", "key": key, "sha256": r.get("sha256"), "page": r.get("page"),
               "title": f"{r['id']}: {old} → {r['status']} ({r['status_basis']})", "date": r.get("raised"),
               "body": r.get("body"), "council": r.get("council"), "file": path.rsplit("/", 1)[-1] or None,
               "path": path or None, "kind": r.get("kind"), "run_id": ctx.upto or None}
        evidence = f" Evidence: {r['evidence']}" if r.get("evidence") else ""
        hits.append(_hit(row, f"rec:{key}:{old}>{r['status']}:{at}", _clip((r.get("request") or "") + evidence)))
    if updates:
        db.table("watch_rec_state").insert_all(updates, replace=True)
    return hits


# ---------------------------------------------------------------- helpers


def fts_tokenizer(db: sqlite_utils.Database) -> str:
    """The tokenizer of the store's search index (porter unicode61 since schema v2), read from its definition."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()
    found = re.search(r"tokenize\s*=\s*'([^']*)'", row[0] if row else "")
    return found.group(1) if found else "unicode61"


def _hit(row: dict[str, Any], identity: str, snippet: Optional[str], tables: Optional[list[str]] = None) -> dict[str, Any]:
    return {"run_id": row.get("run_id"), "identity": identity, "tbl": row["tbl"],
            "tables": ",".join(tables or [row["tbl"]]), "key": row.get("key"), "sha256": row.get("sha256"),
            "page": row.get("page"), "title": row.get("title"), "snippet": snippet, "date": row.get("date"),
            "body": row.get("body"), "council": row.get("council"), "kind": row.get("kind"),
            "file": row.get("file"), "path": row.get("path")}


def _clip(text: Optional[str], limit: int = SNIPPET_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def _rows(db: sqlite_utils.Database, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
