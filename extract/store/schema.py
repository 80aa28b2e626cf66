"""The SQLite schema, made and upgraded in place with sqlite-utils.

A database records its schema version in ``PRAGMA user_version``. The schema is
built by applying ``MIGRATIONS`` in order, so a fresh database and an old one
go through the very same steps: ``open_db`` upgrades whatever it opens to
``SCHEMA_VERSION`` (v1 -> v2 adds the batch tables, the ``format``/``warnings``/
``run_id`` columns of ``documents`` and porter stemming in the search index).

Shape: ``documents`` (one row per file content, keyed on sha256) and ``pages``
belong to one file. Everything extracted (meetings, attendance, agenda and
minute items, resolutions, votes, reports, recommendations, owners, actions,
metrics, indicators, KPI values) is *shared*: keyed on a natural ``key`` (see
``keys.py``) and stored once however many copies carry it, with every copy
listed in ``sources`` (table, key, document sha256, page). Each shared row's own
``sha256``/``page`` name the copy it is shown from (always one of its sources).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Callable

import sqlite_utils

from ..errors import StoreError

SCHEMA_VERSION = 2

# Shared tables, parents before children: (name, columns, foreign keys (column, table, column)).
# Every shared table also has key (pk), sha256 -> documents, page, extra (JSON of record keys we do not map).
SHARED: list[tuple[str, dict[str, Any], list[tuple[str, str, str]]]] = [
    ("owners", {"council": str, "name": str, "owner_key": str}, []),
    ("indicators", {"council": str, "label": str, "indicator_key": str, "unit": str}, []),
    ("meetings", {"council": str, "body": str, "date": str, "pages": str}, []),
    ("attendance", {"meeting_key": str, "role": str, "name": str}, [("meeting_key", "meetings", "key")]),
    ("agenda_items", {"council": str, "body": str, "date": str, "number": str, "title": str, "printed_pages": str,
                      "document": str, "physical_pages": str, "position": int}, []),
    ("minute_items", {"meeting_key": str, "number": str, "title": str, "text": str, "position": int},
     [("meeting_key", "meetings", "key")]),
    ("resolutions", {"meeting_key": str, "item_key": str, "item_number": str, "number": str, "text": str,
                     "keyword": str, "text_source": str, "position": int},
     [("meeting_key", "meetings", "key"), ("item_key", "minute_items", "key")]),
    ("votes", {"resolution_key": str, "votes_for": int, "votes_against": int, "votes_abstain": int,
               "outcome": str, "names": str}, [("resolution_key", "resolutions", "key")]),
    ("reports", {"council": str, "decision_maker": str, "subject": str, "date": str, "report_of": str,
                 "fields": str}, []),
    ("recommendations", {"report_key": str, "number": int, "text": str}, [("report_key", "reports", "key")]),
    ("actions", {"text": str, "owner": str, "owner_ref": str, "owner_key": str, "source": str, "due": str,
                 "council": str, "body": str, "date": str, "meeting_key": str, "resolution_key": str,
                 "report_key": str, "text_source": str},
     [("owner_ref", "owners", "key"), ("meeting_key", "meetings", "key"), ("resolution_key", "resolutions", "key"),
      ("report_key", "reports", "key")]),
    ("metrics", {"text": str, "value": str, "measure": str, "period": str, "comparator": str, "change": str,
                 "council": str, "body": str, "date": str, "meeting_key": str},
     [("meeting_key", "meetings", "key")]),
    ("kpi_values", {"indicator_ref": str, "indicator": str, "column_label": str, "raw": str, "value": float,
                    "unit": str, "rag": str, "period": str, "table_name": str, "council": str, "date": str},
     [("indicator_ref", "indicators", "key")]),
]
SHARED_NAMES = [name for name, _, _ in SHARED]
FOREIGN_KEYS = {name: fks for name, _, fks in SHARED}
# Tables whose rows the search index holds, with the column used as the hit's title and text.
SEARCHABLE = ("pages", "agenda_items", "minute_items", "resolutions", "actions", "recommendations")
BATCH_TABLES = ("runs", "run_files", "errors")
FTS_TABLE = "search_fts"


def open_db(path: str | Path, read_only: bool = False) -> sqlite_utils.Database:
    """Open (or create) the database at ``path``, upgraded to ``SCHEMA_VERSION``; WAL and foreign keys on.

    Only an empty database or one of ours is ever written to: any other SQLite file is refused before
    anything is changed (``StoreError``, exit 3). ``read_only`` opens an existing database of ours for
    reading and changes nothing, not even the journal mode (search, export, kpis --db).
    """
    p = Path(path)
    memory = str(path) == ":memory:"
    if p.exists() and p.is_dir():
        raise StoreError(f"{p}: is a folder; pass a database file such as out/council.db")
    if read_only:
        if not p.is_file():
            raise StoreError(f"{p}: no such database; run `council-extract ingest PATH --db {p}` first, or pass --db")
        return read_db(p)
    if not memory:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{p}: cannot create its folder ({exc.strerror or exc}); pass another --db path") from None
    try:
        db = sqlite_utils.Database(p if not memory else None, memory=memory)
        db.conn.execute("PRAGMA busy_timeout = 30000")
        version = user_version(db)
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise storage_error(p, exc) or StoreError(f"{p}: not a council-extract database ({exc}); "
                                                  "pass another --db path") from None
    if version > SCHEMA_VERSION:
        raise _newer(p, version)
    if tables and "documents" not in tables:
        raise _foreign(p, tables)
    problem = None if memory else unwritable(p)
    if problem:  # SQLite would open it and fail at the first write, part-way through a command
        db.close()
        raise problem
    try:
        if not db.memory:
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise storage_error(p, exc) or StoreError(f"{p}: cannot be opened for writing ({exc})") from None
    return db


class ReadOnlyDatabase(sqlite_utils.Database):
    """A database ``read_db`` opened (``mode=ro``): SQLite refuses writes to the file; TEMP tables still work."""


def read_db(path: str | Path) -> sqlite_utils.Database:
    """Open the database at ``path`` for reading only: nothing is created, migrated or switched.

    Readers never write, so a reading command can run beside the nightly ingest (over WAL it sees
    each committed document) and cannot change a file it was pointed at by mistake. A path that
    does not exist raises ``FileNotFoundError`` rather than creating an empty database.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(2, "no such database", str(p))
    if p.is_dir():
        raise StoreError(f"{p}: is a folder; pass a database file such as out/council.db")
    try:
        conn = sqlite3.connect(_read_only_uri(p), uri=True)
        conn.execute("PRAGMA busy_timeout = 30000")
        db = ReadOnlyDatabase(conn)
        version = user_version(db)
        names = db.table_names()
    except sqlite3.DatabaseError as exc:
        raise storage_error(p, exc) or StoreError(f"{p}: not a council-extract database ({exc}); "
                                                  "pass another --db path") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise _newer(p, version)
    if "documents" not in names:
        conn.close()
        if names:
            raise _foreign(p, set(names))
        raise StoreError(f"{p}: an empty database; run `council-extract ingest PATH --db {p}` to fill it")
    if version < SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{p}: made by an older council-extract (schema {version}, this one reads "
                         f"{SCHEMA_VERSION}); run `council-extract ingest` into it once to upgrade it")
    return db


def is_read_only(db: sqlite_utils.Database) -> bool:
    """Was ``db`` opened by ``read_db``? (Code that would write checks first.)"""
    return isinstance(db, ReadOnlyDatabase)


def table_names(db: sqlite_utils.Database) -> set[str]:
    """The tables this connection sees: the file's, and TEMP ones (a read-only open's derived tables)."""
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' UNION "
                                     "SELECT name FROM sqlite_temp_master WHERE type = 'table'").fetchall()}


def _newer(p: Path, version: int) -> StoreError:
    return StoreError(f"{p}: schema version {version} is newer than this council-extract understands "
                      f"({SCHEMA_VERSION}); upgrade council-extract (pip install -U council-extract) to read it")


def _foreign(p: Path, tables: set[str]) -> StoreError:
    """Another program's SQLite file: refused before anything in it is changed."""
    shown = ", ".join(sorted(tables)[:4]) + (", ..." if len(tables) > 4 else "")
    return StoreError(f"{p}: not a council-extract database (it holds other tables: {shown}); council-extract "
                      "writes only to its own databases: pass another --db path")


def _read_only_uri(p: Path) -> str:
    """``mode=ro``; in a folder nobody can write (a read-only share), also ``immutable``, since SQLite could
    not create the shared-memory file a WAL database needs, and no writer can be at work there."""
    uri = f"{p.resolve().as_uri()}?mode=ro"
    if not os.access(p.resolve().parent, os.W_OK) and not Path(f"{p}-wal").exists():
        uri += "&immutable=1"
    return uri


def unwritable(p: Path) -> StoreError | None:
    """Why the database at ``p`` cannot be written (a read-only file, or a read-only folder SQLite must write
    its journal in), or None."""
    folder = p.parent if str(p.parent) else Path(".")
    if p.exists() and not os.access(p, os.W_OK):
        return StoreError(f"{p}: the database file is read-only; make it writable (chmod u+w {p}) or pass "
                          "another --db (reading commands such as search, summary and recs only read it)")
    if folder.exists() and not os.access(folder, os.W_OK):
        return StoreError(f"{p}: its folder {folder} is read-only, and SQLite must write its journal beside "
                          "the database; make the folder writable or move the database")
    return None


def storage_error(path: str | Path, exc: BaseException) -> StoreError | None:
    """The one-line ``StoreError`` for an SQLite error that is about the disk or the file, not about us
    (disk full, read-only file or folder, I/O error, locked too long); None for anything else."""
    if not isinstance(exc, sqlite3.Error):
        return None
    p = Path(path)
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    again = "then run the same command again: everything stored so far is complete"
    if name == "SQLITE_FULL" or "disk is full" in text:
        return StoreError(f"{p}: the disk is full ({text}); free some space, {again}")
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return StoreError(f"{p}: disk I/O error writing the database (a full disk, a quota or a failing disk); "
                          f"free space or check the disk, {again}")
    if name.startswith("SQLITE_READONLY") or "readonly database" in text or name.startswith("SQLITE_CANTOPEN") \
            or "unable to open database file" in text:
        return unwritable(p) or StoreError(f"{p}: cannot be opened for writing ({text}); check the file and its "
                                           "folder")
    if name.startswith("SQLITE_BUSY") or "database is locked" in text:
        return StoreError(f"{p}: the database stayed locked by another process for 30 s; wait for it to finish, "
                          f"{again}")
    return None


def user_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> int:
    """Apply the migration steps from the database's version up to ``target``; returns the new version."""
    version = user_version(db)
    if version and not db.table_names():
        version = 0
    if version == 0 and "documents" in db.table_names():
        raise StoreError("database has council-extract tables but no schema version; rebuild it with ingest")
    for step in range(version + 1, target + 1):
        with db.atomic():
            MIGRATIONS[step](db)
            db.execute(f"PRAGMA user_version = {step}")
    return user_version(db)


# ---------------------------------------------------------------- v1: documents, pages, shared rows, search


def _v1(db: sqlite_utils.Database) -> None:
    db.table("documents").create({"sha256": str, "path": str, "file": str, "kind": str, "pages": int, "council": str,
                            "body": str, "date": str, "ingested_at": str}, pk="sha256", not_null={"path"})
    db.table("documents").create_index(["path"])
    db.table("documents").create_index(["council", "body", "date"])
    db.table("pages").create({"sha256": str, "page": int, "printed": str, "stamps": str, "text_source": str, "text": str,
                        "extra": str}, pk=("sha256", "page"), foreign_keys=[("sha256", "documents", "sha256")])
    for name, columns, fks in SHARED:
        cols: dict[str, Any] = {"key": str, **columns, "sha256": str, "page": int, "extra": str}
        db.table(name).create(cols, pk="key", foreign_keys=[("sha256", "documents", "sha256"), *fks])
        db.table(name).create_index(["sha256"])
        for column, _, _ in fks:
            db.table(name).create_index([column])
    db.table("meetings").create_index(["council", "body", "date"])
    db.table("sources").create({"tbl": str, "key": str, "sha256": str, "page": int}, pk=("tbl", "key", "sha256"),
                         foreign_keys=[("sha256", "documents", "sha256")])
    db.table("sources").create_index(["sha256"])
    db.execute("CREATE VIEW meeting_sources AS SELECT key AS meeting_key, sha256, page FROM sources "
               "WHERE tbl = 'meetings'")
    db.execute("CREATE VIEW resolution_sources AS SELECT key AS resolution_key, sha256, page FROM sources "
               "WHERE tbl = 'resolutions'")
    # One searchable row per page or shared row; the context columns (council, body, date) are the row's own
    # (a resolution's are its meeting's), so filters need no join.
    db.table("search_rows").create({"id": int, "tbl": str, "key": str, "sha256": str, "page": int, "council": str,
                              "body": str, "date": str, "title": str, "text": str}, pk="id",
                             foreign_keys=[("sha256", "documents", "sha256")])
    db.table("search_rows").create_index(["tbl", "key"], unique=True)
    db.table("search_rows").create_index(["sha256"])
    db.table("search_rows").create_index(["date"])
    _create_fts(db, "unicode61")


def _create_fts(db: sqlite_utils.Database, tokenize: str) -> None:
    """An external-content FTS5 index over search_rows, kept in step by triggers."""
    db.executescript(f"""
        CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='search_rows', content_rowid='id',
            tokenize='{tokenize}');
        CREATE TRIGGER search_rows_ai AFTER INSERT ON search_rows BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER search_rows_ad AFTER DELETE ON search_rows BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER search_rows_au AFTER UPDATE OF title, text ON search_rows BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
    """)


# ---------------------------------------------------------------- v2: batch bookkeeping, porter stemming


def _v2(db: sqlite_utils.Database) -> None:
    documents = db.table("documents")
    for column, kind in (("format", str), ("warnings", str), ("run_id", int)):
        if column not in documents.columns_dict:
            documents.add_column(column, kind)
    db.table("runs").create({"id": int, "started_at": str, "finished_at": str, "options": str, "counts": str,
                       "ingested": int, "unchanged": int, "replaced": int, "failed": int, "timeout": int},
                      pk="id", if_not_exists=True)
    db.table("run_files").create({"id": int, "run_id": int, "path": str, "sha256": str, "outcome": str, "reason": str,
                            "seconds": float, "pages": int, "at": str}, pk="id",
                           foreign_keys=[("run_id", "runs", "id")], if_not_exists=True)
    db.table("run_files").create_index(["run_id"], if_not_exists=True)
    db.table("run_files").create_index(["path"], if_not_exists=True)
    db.table("errors").create({"id": int, "run_id": int, "path": str, "sha256": str, "reason": str, "at": str}, pk="id",
                        foreign_keys=[("run_id", "runs", "id")], if_not_exists=True)
    db.table("errors").create_index(["path"], if_not_exists=True)
    # v1 indexed words as written; v2 stems them ("recommend" finds "recommendations"): rebuild the index.
    db.executescript(f"""
        DROP TRIGGER IF EXISTS search_rows_ai; DROP TRIGGER IF EXISTS search_rows_ad;
        DROP TRIGGER IF EXISTS search_rows_au; DROP TABLE IF EXISTS {FTS_TABLE};
    """)
    _create_fts(db, "porter unicode61")
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _v1, 2: _v2}
