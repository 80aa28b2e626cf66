"""An Atom feed per watch (RFC 4287), for feed readers and e-mail-by-feed services.

Ids are stable: the feed's is the watch's uuid, each entry's a uuid5 of the
watch's uuid and the hit's identity (the same content gives the same id on every
run, on every machine the database is copied to). Entries are newest first; the
feed's ``updated`` is its newest entry's, so an unchanged watch writes an
identical file (written only when its bytes change, via a temporary file and a
rename, so a reader never sees half a feed). Document text is escaped by the XML
writer and stripped of characters XML cannot hold.
"""

from __future__ import annotations

import os
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Optional

import sqlite_utils

from .digest import clean, page_link, snippet_html, where_line
from .store import Watch, ensure_tables

ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_ENTRIES = 100


def entry_id(watch: Watch, identity: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.UUID(watch.uuid), identity))


def render_feed(db: sqlite_utils.Database, watch: Watch, self_url: Optional[str] = None,
                base_url: Optional[str] = None, limit: int = DEFAULT_ENTRIES) -> bytes:
    """The watch's newest ``limit`` hits as an Atom document (UTF-8 bytes)."""
    ensure_tables(db)
    hits = list(db.query("SELECT * FROM watch_hits WHERE watch_id = ? ORDER BY found_at DESC, id DESC LIMIT ?",
                         [watch.id, int(limit)]))
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = clean(text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", "urn:uuid:" + watch.uuid)
    sub(feed, "title", f"council-extract watch: {watch.name}")
    sub(feed, "subtitle", watch.describe())
    sub(feed, "updated", hits[0]["found_at"] if hits else watch.created_at)
    author = sub(feed, "author")
    sub(author, "name", "council-extract")
    sub(feed, "generator", "council-extract")
    if self_url:
        sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    for h in hits:
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(watch, h["identity"]))
        title = h["title"] or h["file"] or "match"
        sub(entry, "title", f"{title} ({where_line(h)})" if where_line(h) else title)
        sub(entry, "updated", h["found_at"])
        sub(entry, "published", h["found_at"])
        link = page_link(h, base_url)
        if link:
            sub(entry, "link", rel="alternate", href=link)
        if h["snippet"]:
            sub(entry, "summary", snippet_html(h["snippet"]), type="html")
        for table in (h["tables"] or h["tbl"] or "").split(","):
            if table:
                sub(entry, "category", term=table)
    ET.indent(feed, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def write_feed(db: sqlite_utils.Database, watch: Watch, folder: str | Path, base_url: Optional[str] = None,
               feeds_url: Optional[str] = None, limit: int = DEFAULT_ENTRIES) -> tuple[Path, bool]:
    """Write ``FOLDER/NAME.xml``; returns the path and whether its content changed.

    ``feeds_url`` is where FOLDER is published (for the feed's self link); without it
    the self link is the file's own URI.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{watch.name}.xml"
    self_url = (feeds_url.rstrip("/") + "/" + path.name) if feeds_url else path.resolve().as_uri()
    data = render_feed(db, watch, self_url=self_url, base_url=base_url, limit=limit)
    if path.exists() and path.read_bytes() == data:
        return path, False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path, True
