"""Full-text search over the store: page text, agenda titles, minute items,
resolutions, actions and recommendations, in one FTS5 index with porter stemming.

``search(db, query, **filters)`` is the library entry point (the CLI, alerts and
the web UI all call it). The query is FTS5 syntax (words, "phrases", OR, NOT,
prefix*), always passed as a parameter; filters are parameters too. A query
FTS5 cannot parse raises ``BadQuery`` with a message saying how to fix it.

One sentence, one record: a resolution is also an action, part of its minute item
and of its page, and each is indexed. Hits of one document whose matching sentences
a more specific hit already shows (``SPECIFIC`` order) are folded into it, which
lists them in ``also_in``.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date as _date
from typing import Any, Optional, Sequence

import sqlite_utils

from ..errors import BadQuery
from .schema import FTS_TABLE, SEARCHABLE

COLUMNS = ("table", "snippet", "title", "date", "body", "council", "file", "page", "text_source", "kind", "key",
           "sha256", "path", "rank", "also_in")
# Most specific first: the record a sentence is shown as when several hold it.
SPECIFIC = ("resolutions", "recommendations", "actions", "agenda_items", "minute_items", "pages")
MARK_START, MARK_END = "\x02", "\x03"


def literal(query: str) -> str:
    """Each word of ``query`` as a quoted FTS5 string: searches for the words, whatever punctuation they hold."""
    words = re.findall(r"\S+", query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


_PUNCTUATED = re.compile(r"(?<![\w\"*])(\w+(?:[-./'’:]\w+)+)(?![\w\"])")


# FTS5's cost grows with the square of a query's terms (2,000 words took 18 s, 14,000 over 300 s, inside
# SQLite where no time limit reaches): a query is a few words, so longer ones are refused before they run.
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64


def check_length(query: str) -> None:
    """Raise ``BadQuery`` (exit 2; HTTP 400 on the web) for a query past ``MAX_QUERY_CHARS`` or ``MAX_QUERY_TERMS``."""
    terms = len(re.findall(r"\w+", query))
    if len(query) > MAX_QUERY_CHARS or terms > MAX_QUERY_TERMS:
        raise BadQuery(f"search query too long ({len(query):,} characters, {terms:,} words): at most "
                       f"{MAX_QUERY_TERMS} words and {MAX_QUERY_CHARS:,} characters; search for the few words that "
                       "matter")


def fts_query(query: str, as_literal: bool = False) -> str:
    """What goes to FTS5 MATCH: the query as typed, with words that hold punctuation ("fly-tipping",
    "S.106", "2023/24") quoted so FTS5 reads them as the words people mean, not as operators.
    Too long a query raises ``BadQuery`` (``check_length``)."""
    check_length(query)
    if as_literal:
        return literal(query)
    parts = query.split('"')
    for i in range(0, len(parts), 2):  # even parts lie outside double quotes
        parts[i] = _PUNCTUATED.sub(lambda m: '"' + m.group(1) + '"', parts[i])
    return '"'.join(parts)


def check_date(name: str, value: Optional[str]) -> Optional[str]:
    """``value`` (the option ``name``) as a date filter: YYYY-MM-DD, YYYY-MM or YYYY, else ``BadQuery``."""
    if value is None:
        return None
    text = str(value).strip()
    for candidate in (text, text + "-01", text + "-01-01"):
        try:
            _date.fromisoformat(candidate)
            return text
        except ValueError:
            continue
    raise BadQuery(f"{name} {value!r}: not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")


def search(db: sqlite_utils.Database, query: str, *, body: Optional[str] = None, since: Optional[str] = None,
           until: Optional[str] = None, kind: Optional[str] = None, table: Optional[str | Sequence[str]] = None,
           council: Optional[str] = None, limit: Optional[int] = 50, as_literal: bool = False,
           offset: int = 0, distinct: bool = True, marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Hits for ``query``, best first: each with its table, snippet, document, meeting date, page, text source.

    ``body`` and ``council`` match case-insensitively as substrings; ``since``/``until`` bound the meeting
    date (inclusive); ``kind`` is the document kind; ``table`` one or more of ``SEARCHABLE``. ``offset``
    skips that many hits (pages of results); ``distinct`` shows each sentence once (see the module's doc);
    ``marks`` go around the matched words in the snippet (the web view uses control characters, then escapes).
    """
    if not query or not query.strip():
        raise BadQuery("empty search query; give one or more words, e.g. council-extract search \"NEET\"")
    match = fts_query(query, as_literal)
    where = [f"{FTS_TABLE} MATCH :query"]
    params: dict[str, Any] = {"query": match, "mark_start": marks[0], "mark_end": marks[1]}
    add_filters(where, params, body=body, council=council, since=since, until=until, kind=kind, tables=table)
    marked = (f", highlight({FTS_TABLE}, 0, '{MARK_START}', '{MARK_END}') AS marked_title, "
              f"highlight({FTS_TABLE}, 1, '{MARK_START}', '{MARK_END}') AS marked_text") if distinct else ""
    sql = f"""
        SELECT r.tbl AS [table],
               snippet({FTS_TABLE}, -1, :mark_start, :mark_end, '…', 16) AS snippet,
               r.title AS title, r.date AS date, r.body AS body, r.council AS council,
               d.file AS file, r.page AS page, p.text_source AS text_source, d.kind AS kind,
               r.key AS key, r.sha256 AS sha256, d.path AS path, bm25({FTS_TABLE}) AS rank{marked}
        FROM {FTS_TABLE}
        JOIN search_rows r ON r.id = {FTS_TABLE}.rowid
        JOIN documents d ON d.sha256 = r.sha256
        LEFT JOIN pages p ON p.sha256 = r.sha256 AND p.page = r.page
        WHERE {' AND '.join(where)}
        ORDER BY rank, r.date DESC
    """
    offset = max(0, int(offset or 0))
    if limit is not None:
        # folding repeats needs the hits around the page too: a window of a few pages' worth
        sql += " LIMIT :window"
        params["window"] = (offset + int(limit)) * (4 if distinct else 1) + (20 if distinct else 0)
    try:
        rows = _dict_rows(db, sql, params)
    except sqlite3.OperationalError as exc:
        raise BadQuery(explain(query, str(exc))) from None
    if distinct:
        rows = one_record_per_sentence(rows, marks)
    else:
        for row in rows:
            row["also_in"] = []
    end = None if limit is None else offset + int(limit)
    rows = rows[offset:end]
    if rows:
        from .names import namer

        spelling = namer(db)  # "CABINET" and "Cabinet" are one committee
        for row in rows:
            row["body"], row["council"] = spelling(row["body"]), spelling(row["council"])
    return rows


def sentences(marked: Optional[str]) -> list[tuple[str, str]]:
    """The sentences of a highlighted text that hold a match: (lower-case words, the sentence as marked)."""
    if not marked or MARK_START not in marked:
        return []
    out = []
    for part in re.split(r"(?<=[.!?;])\s+|\n\s*\n", marked):
        if MARK_START in part:
            words = re.findall(r"\w+", part.replace(MARK_START, " ").replace(MARK_END, " ").casefold())
            if words:
                out.append((" ".join(words), part))
    return out


def _same_sentence(a: str, b: str) -> bool:
    """One sentence holds the other (a heading inside a page's run-on line), both long enough to tell."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short == long or (short.count(" ") >= 3 and f" {short} " in f" {long} ")


def snippet_of(sentence: str, words: int = 16, marks: tuple[str, str] = ("[", "]")) -> str:
    """A snippet in ``snippet()``'s style ([match], … where cut) from one highlighted sentence."""
    tokens = sentence.split()
    first = next((i for i, t in enumerate(tokens) if MARK_START in t), 0)
    start = max(0, first - words // 2)
    end = min(len(tokens), start + words)
    start = max(0, min(start, end - words))
    text = " ".join(tokens[start:end]).replace(MARK_START, marks[0]).replace(MARK_END, marks[1])
    return ("…" if start else "") + text + ("…" if end < len(tokens) else "")


def one_record_per_sentence(rows: list[dict[str, Any]], marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Each matching sentence of a document shown once, by its most specific hit; keeps rank order.

    A hit whose every matching sentence is shown by a more specific one is folded into it (named in
    its ``also_in``); a hit with some sentences of its own is kept, its snippet taken from one of those.
    """
    order = {name: i for i, name in enumerate(SPECIFIC)}
    shown: dict[str, list[tuple[str, dict[str, Any]]]] = {}  # sha256 -> (sentence, the hit showing it)
    dropped: set[int] = set()
    for index, row in sorted(enumerate(rows), key=lambda x: (order.get(x[1]["table"], len(order)), x[0])):
        row["also_in"] = []
        said = sentences(row.get("marked_text")) + sentences(row.get("marked_title"))
        seen = shown.setdefault(row["sha256"], [])
        own = [(words, text) for words, text in said if not any(_same_sentence(words, o) for o, _ in seen)]
        if said and not own:
            holder = next(hit for o, hit in seen if _same_sentence(said[0][0], o))
            if row["table"] != holder["table"] and row["table"] not in holder["also_in"]:
                holder["also_in"].append(row["table"])
            dropped.add(index)
            continue
        if len(own) < len(said):  # its best snippet may show a sentence another hit shows: show its own
            row["snippet"] = snippet_of(own[0][1], marks=marks)
        seen.extend((words, row) for words, _ in own)
    for row in rows:
        row.pop("marked_title", None)
        row.pop("marked_text", None)
    return [row for i, row in enumerate(rows) if i not in dropped]


def _dict_rows(db: sqlite_utils.Database, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def undated_matches(db: sqlite_utils.Database, query: str, *, body: Optional[str] = None,
                    council: Optional[str] = None, kind: Optional[str] = None,
                    table: Optional[str | Sequence[str]] = None, as_literal: bool = False) -> int:
    """How many rows match ``query`` and the other filters but have no meeting date: what ``since``/``until``
    leave out, which a researcher bounding by date must be told rather than lose silently."""
    where = [f"{FTS_TABLE} MATCH :query", "r.date IS NULL"]
    params: dict[str, Any] = {"query": fts_query(query, as_literal)}
    add_filters(where, params, body=body, council=council, kind=kind, tables=table)
    sql = f"""SELECT count(*) FROM {FTS_TABLE} JOIN search_rows r ON r.id = {FTS_TABLE}.rowid
              JOIN documents d ON d.sha256 = r.sha256 WHERE {' AND '.join(where)}"""
    try:
        return int(db.execute(sql, params).fetchone()[0])
    except sqlite3.OperationalError as exc:
        raise BadQuery(explain(query, str(exc))) from None


def add_filters(where: list[str], params: dict[str, Any], *, body: Optional[str] = None,
                council: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                kind: Optional[str] = None, tables: Optional[str | Sequence[str]] = None) -> None:
    """The search filters as SQL conditions on ``search_rows r`` and ``documents d`` (values as parameters):
    shared by ``search`` and the watches, so a watch finds what the same search finds."""
    since, until = check_date("--since", since), check_date("--until", until)
    contains(where, params, "body", "r.body", body)
    contains(where, params, "council", "r.council", council)
    if since:
        where.append("r.date >= :since")
        params["since"] = since
    if until:
        where.append("r.date <= :until")
        params["until"] = until + ("-12-31" if len(until) == 4 else "-31" if len(until) == 7 else "")
    if kind:
        where.append("d.kind = :kind")
        params["kind"] = kind
    if tables:
        wanted = [tables] if isinstance(tables, str) else list(tables)
        unknown = [t for t in wanted if t not in SEARCHABLE]
        if unknown:
            raise BadQuery(f"--table {', '.join(unknown)}: not searchable; use one of {', '.join(SEARCHABLE)}")
        names = []
        for i, name in enumerate(wanted):
            params[f"t{i}"] = name
            names.append(f":t{i}")
        where.append(f"r.tbl IN ({', '.join(names)})")


def contains(where: list[str], params: dict[str, Any], name: str, column: str, value: Optional[str]) -> None:
    """Add a case-insensitive substring filter (``column`` holds ``value``), the value as a parameter."""
    if value:
        where.append(f"{column} LIKE :{name} ESCAPE '\\'")
        params[name] = "%" + _like(value) + "%"


def explain(query: str, error: str) -> str:
    """The FTS5 error turned into what the user should do."""
    if query.count('"') % 2:
        why = "unbalanced double quote"
    elif "syntax error" in error:
        why = f"FTS5 cannot parse it ({error.replace('fts5: ', '')})"
    elif "no such column" in error:
        why = "a word followed by ':' reads as a column filter"
    else:
        why = error
    return (f"bad search query {query!r}: {why}; balance the quotes around phrases, quote words holding "
            "punctuation (\"S.106\"), or pass --literal to search for the words as typed")
