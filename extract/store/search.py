"""Full-text search over the store: page text, agenda titles, minute items,
resolutions, actions and recommendations, in one FTS5 index with porter stemming.

``search(db, query, **filters)`` is the library entry point (the CLI, alerts and
the web UI all call it). The query is FTS5 syntax (words, "phrases", OR, NOT,
prefix*), always passed as a parameter; filters are parameters too. A query
FTS5 cannot parse raises ``BadQuery`` with a message saying how to fix it.
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
           "sha256", "path", "rank")


def literal(query: str) -> str:
    """Each word of ``query`` as a quoted FTS5 string: searches for the words, whatever punctuation they hold."""
    words = re.findall(r"\S+", query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


_PUNCTUATED = re.compile(r"(?<![\w\"*])(\w+(?:[-./'’:]\w+)+)(?![\w\"])")


def fts_query(query: str, as_literal: bool = False) -> str:
    """What goes to FTS5 MATCH: the query as typed, with words that hold punctuation ("fly-tipping",
    "S.106", "2023/24") quoted so FTS5 reads them as the words people mean, not as operators."""
    if as_literal:
        return literal(query)
    parts = query.split('"')
    for i in range(0, len(parts), 2):  # even parts lie outside double quotes
        parts[i] = _PUNCTUATED.sub(lambda m: '"' + m.group(1) + '"', parts[i])
    return '"'.join(parts)


def _check_date(name: str, value: Optional[str]) -> Optional[str]:
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
           council: Optional[str] = None, limit: Optional[int] = 50, as_literal: bool = False) -> list[dict[str, Any]]:
    """Hits for ``query``, best first: each with its table, snippet, document, meeting date, page, text source.

    ``body`` and ``council`` match case-insensitively as substrings; ``since``/``until`` bound the meeting
    date (inclusive); ``kind`` is the document kind; ``table`` one or more of ``SEARCHABLE``.
    """
    if not query or not query.strip():
        raise BadQuery("empty search query; give one or more words, e.g. council-extract search \"NEET\"")
    match = fts_query(query, as_literal)
    since, until = _check_date("--since", since), _check_date("--until", until)
    where = [f"{FTS_TABLE} MATCH :query"]
    params: dict[str, Any] = {"query": match}
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
    if table:
        tables = [table] if isinstance(table, str) else list(table)
        unknown = [t for t in tables if t not in SEARCHABLE]
        if unknown:
            raise BadQuery(f"--table {', '.join(unknown)}: not searchable; use one of {', '.join(SEARCHABLE)}")
        names = []
        for i, name in enumerate(tables):
            params[f"t{i}"] = name
            names.append(f":t{i}")
        where.append(f"r.tbl IN ({', '.join(names)})")
    sql = f"""
        SELECT r.tbl AS [table],
               snippet({FTS_TABLE}, -1, '[', ']', '…', 16) AS snippet,
               r.title AS title, r.date AS date, r.body AS body, r.council AS council,
               d.file AS file, r.page AS page, p.text_source AS text_source, d.kind AS kind,
               r.key AS key, r.sha256 AS sha256, d.path AS path, bm25({FTS_TABLE}) AS rank
        FROM {FTS_TABLE}
        JOIN search_rows r ON r.id = {FTS_TABLE}.rowid
        JOIN documents d ON d.sha256 = r.sha256
        LEFT JOIN pages p ON p.sha256 = r.sha256 AND p.page = r.page
        WHERE {' AND '.join(where)}
        ORDER BY rank, r.date DESC
    """
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = int(limit)
    try:
        return [dict(row) for row in _dict_rows(db, sql, params)]
    except sqlite3.OperationalError as exc:
        raise BadQuery(_explain(query, str(exc))) from None


def _dict_rows(db: sqlite_utils.Database, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(where: list[str], params: dict[str, Any], name: str, column: str, value: Optional[str]) -> None:
    """Add a case-insensitive substring filter (``column`` holds ``value``), the value as a parameter."""
    if value:
        where.append(f"{column} LIKE :{name} ESCAPE '\\'")
        params[name] = "%" + _like(value) + "%"


def _explain(query: str, error: str) -> str:
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
