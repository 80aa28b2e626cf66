"""``council-extract serve``: Datasette over the database, read-only and live, with our pages and plugin.

The server opens the database with read-only connections (``mode=ro``), never
``immutable``: over WAL each page sees what is committed, so the view stays correct
while the nightly ingest writes to the same file and shows the new papers after it,
without a restart. Nothing is written by the server; the derived tables it shows
(tracked items, name spellings, browse views) are kept by every ingest
(``followup``). A database last written otherwise (an older version, or the
library's ``write_document`` alone) is brought up to date once, before serving.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from ..errors import CouncilExtractError, StoreError

TEMPLATES = Path(__file__).parent / "templates"


class ServeError(CouncilExtractError):
    exit_code = 2


def needs_preparing(db_path: str | Path) -> bool:
    """Does the database lack (current) browse views, name spellings or tracked items?"""
    from ..store.schema import read_db
    from ..track.items import is_stale
    from .views import views_current

    try:
        db = read_db(db_path)
    except StoreError as exc:
        if "older council-extract" in str(exc):
            return True
        raise
    try:
        return not views_current(db) or is_stale(db)
    finally:
        db.close()


def prepare(db_path: str | Path) -> bool:
    """Bring the derived tables up to date if they are not (written once, then never); returns whether it wrote."""
    if not Path(db_path).is_file():
        raise ServeError(f"{db_path}: no such database; run `council-extract ingest PATH --db {db_path}` first")
    if not needs_preparing(db_path):
        return False
    from ..followup import update_derived
    from ..store.schema import open_db

    db = open_db(db_path)
    try:
        update_derived(db)
    finally:
        db.close()
    return True


def live_database_class() -> Any:
    """Datasette's database on read-only connections that see each commit; it refuses to open a writer."""
    from datasette.database import Database

    class LiveDatabase(Database):  # type: ignore[misc]
        def connect(self, write: bool = False) -> Any:
            if write:
                raise PermissionError("council-extract serve is read-only")
            return super().connect(write=False)

    return LiveDatabase


def make_datasette(db_path: str | Path) -> Any:
    """A configured Datasette instance for the database (not yet serving)."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from ..store.schema import read_db
    from . import kpichart, plugin
    from .metadata import build_metadata

    prepare(db_path)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="council_extract")
    if not pm.is_registered(kpichart):
        pm.register(kpichart, name="council_extract_kpichart")
    db = read_db(db_path)
    names = db.table_names() + db.view_names()
    db.close()
    name = Path(db_path).stem
    ds = Datasette(metadata=build_metadata(names, database=name), template_dir=str(TEMPLATES),
                   settings={"default_page_size": 50, "sql_time_limit_ms": 5000, "facet_time_limit_ms": 1000,
                             "allow_download": False})
    for existing in [n for n in ds.databases if n != "_internal"]:
        ds.remove_database(existing)
    ds.add_database(live_database_class()(ds, path=str(Path(db_path).resolve()), is_mutable=True), name=name)
    return ds


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex((host, port)) != 0


def check(host: str, port: int) -> None:
    """Refuse a port already taken, before anything is printed or opened."""
    if not port_free(host, port):
        raise ServeError(f"port {port} on {host} is in use; pick another with --port")


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    import uvicorn

    check(host, port)
    from .guard import guard

    ds = make_datasette(db_path)
    uvicorn.run(guard(ds.app(), host, port), host=host, port=port, log_level="warning")
