"""``council-extract serve``: Datasette over the database, read-only, with our metadata and plugin.

Before serving, the database is brought up to date once (schema, tracker,
browse views, a WAL checkpoint so the read-only copy sees everything); then it
is opened immutable, so the web server can never change it.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from ..errors import CouncilExtractError


class ServeError(CouncilExtractError):
    exit_code = 2


def prepare(db_path: str | Path) -> dict[str, str]:
    """Update tracker and views, checkpoint the WAL; returns sha256 -> file path of every document."""
    from ..store.schema import open_db
    from ..track import refresh
    from .views import ensure_views

    if not Path(db_path).is_file():
        raise ServeError(f"{db_path}: no such database; run `council-extract ingest PATH --db {db_path}` first")
    db = open_db(db_path)
    refresh(db)
    ensure_views(db)
    paths = {r["sha256"]: str(Path(r["path"]).resolve()) for r in db.query("SELECT sha256, path FROM documents")}
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()
    return paths


def make_datasette(db_path: str | Path) -> Any:
    """A configured Datasette instance for the database (not yet serving)."""
    import sqlite_utils
    from datasette.app import Datasette
    from datasette.plugins import pm

    from . import kpichart, plugin
    from .metadata import build_metadata

    paths = prepare(db_path)
    plugin.configure(paths)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="council_extract")
    if not pm.is_registered(kpichart):
        pm.register(kpichart, name="council_extract_kpichart")
    names = sqlite_utils.Database(db_path).table_names() + sqlite_utils.Database(db_path).view_names()
    name = Path(db_path).stem
    return Datasette(immutables=[str(db_path)], metadata=build_metadata(names, database=name),
                     settings={"default_page_size": 50, "sql_time_limit_ms": 5000, "facet_time_limit_ms": 1000,
                               "allow_download": True})


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex((host, port)) != 0


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    import uvicorn

    if not port_free(host, port):
        raise ServeError(f"port {port} on {host} is in use; pick another with --port")
    ds = make_datasette(db_path)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
