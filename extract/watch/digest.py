"""What is new per watch, as Markdown, a phone-friendly HTML page, or JSON.

A digest covers one run (default: the latest) or every hit found since a date.
Each watch shows at most ``limit`` hits (newest meetings first) and says how many
it left out, so a watch whose query suddenly matches thousands of pages still
gives a readable digest. Everything taken from documents (titles, snippets, file
names) is escaped for the output format: PDFs are published by anyone, so their
text is data, never markup. The HTML page is self-contained (inline CSS, no
script, a Content-Security-Policy that forbids loading anything).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import quote

import sqlite_utils

from .evaluate import MARK_END, MARK_START
from .store import Watch, WatchError, latest_run, list_watches

DEFAULT_LIMIT = 50  # hits shown per watch
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>()#|!~])")


@dataclass
class WatchDigest:
    name: str
    describe: str
    total: int = 0  # new hits in the digest's scope
    hits: list[dict[str, Any]] = field(default_factory=list)  # at most the limit

    @property
    def left_out(self) -> int:
        return self.total - len(self.hits)


@dataclass
class Digest:
    scope: str  # "run 3", "since 2024-11-01"
    generated_at: str
    watches: list[WatchDigest] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(w.total for w in self.watches)

    @property
    def with_hits(self) -> list[WatchDigest]:
        return [w for w in self.watches if w.total]

    def subject(self) -> str:
        if not self.total:
            return f"council-extract: nothing new ({self.scope})"
        return (f"council-extract: {self.total} new match{'es' if self.total != 1 else ''} for "
                f"{', '.join(w.name for w in self.with_hits)} ({self.scope})")


def build_digest(db: sqlite_utils.Database, since: Optional[str] = None, run: Optional[int] = None,
                 limit: int = DEFAULT_LIMIT, names: Optional[Iterable[str]] = None,
                 base_url: Optional[str] = None) -> Digest:
    """The digest of hits recorded by run ``run``, or found on or after ``since``; default the latest run."""
    if since is not None and run is not None:
        raise WatchError("give --since or --run, not both")
    params: list[Any]
    if since is not None:
        where, params, scope = "h.found_at >= ?", [since], f"since {since}"
    else:
        run = run if run is not None else latest_run(db)
        where, params, scope = "h.run_id = ?", [run], f"run {run}"
    watches = list_watches(db)
    if names is not None:
        wanted = list(names)
        known = {w.name for w in watches}
        missing = [n for n in wanted if n not in known]
        if missing:
            raise WatchError(f"no watch named {', '.join(missing)}; `council-extract watch list` shows them")
        watches = [w for w in watches if w.name in wanted]
    digest = Digest(scope=scope, generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    for w in watches:
        digest.watches.append(_watch_digest(db, w, where, params, limit, base_url))
    return digest


def _watch_digest(db: sqlite_utils.Database, watch: Watch, where: str, params: list[Any], limit: int,
                  base_url: Optional[str]) -> WatchDigest:
    out = WatchDigest(watch.name, watch.describe())
    if "watch_hits" not in db.table_names():
        return out
    args = [watch.id, *params]
    out.total = int(db.execute(f"SELECT count(*) FROM watch_hits h WHERE h.watch_id = ? AND {where}",
                               args).fetchone()[0])
    rows = db.query(f"""SELECT h.* FROM watch_hits h WHERE h.watch_id = ? AND {where}
                        ORDER BY coalesce(h.date, '') DESC, h.file, h.page, h.id LIMIT ?""", [*args, int(limit)])
    out.hits = [{**r, "link": page_link(r, base_url)} for r in rows]
    return out


# ---------------------------------------------------------------- links and text


def page_link(hit: dict[str, Any], base_url: Optional[str] = None) -> Optional[str]:
    """Where to read the hit: ``BASE/file#page=N`` when the papers are published at BASE, else a file URI."""
    page = f"#page={hit['page']}" if hit.get("page") else ""
    if base_url and hit.get("file"):
        return base_url.rstrip("/") + "/" + quote(hit["file"]) + page
    if hit.get("path"):
        try:
            return Path(hit["path"]).resolve().as_uri() + page
        except ValueError:
            return None
    return None


def clean(text: Optional[str]) -> str:
    """Text with characters no XML/HTML document may hold removed (PDF text carries form feeds and worse)."""
    return _XML_BAD.sub("", text or "")


def snippet_text(snippet: Optional[str]) -> str:
    """The snippet with its highlights as [brackets] (plain text, JSON)."""
    return clean((snippet or "").replace(MARK_START, "[").replace(MARK_END, "]"))


def snippet_html(snippet: Optional[str]) -> str:
    """The snippet escaped for HTML, its highlights in <mark>."""
    parts = re.split(f"({MARK_START}|{MARK_END})", snippet or "")
    out = []
    for part in parts:
        if part == MARK_START:
            out.append("<mark>")
        elif part == MARK_END:
            out.append("</mark>")
        else:
            out.append(html.escape(clean(part)))
    text = "".join(out)
    return text + "</mark>" * (text.count("<mark>") - text.count("</mark>"))


def md_escape(text: Optional[str]) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", clean(text)))


def snippet_md(snippet: Optional[str]) -> str:
    parts = re.split(f"({MARK_START}|{MARK_END})", snippet or "")
    return "".join("**" if p in (MARK_START, MARK_END) else md_escape(p) for p in parts)


def where_line(hit: dict[str, Any]) -> str:
    """"2024-11-14 · Planning Committee · minutes.pdf p. 3" (plain text, unescaped)."""
    bits = [hit.get("date") or "", hit.get("body") or hit.get("council") or "",
            (hit.get("file") or "") + (f" p. {hit['page']}" if hit.get("page") else "")]
    return " · ".join(b for b in bits if b)


# ---------------------------------------------------------------- renderers


def to_json(digest: Digest) -> str:
    data = {"scope": digest.scope, "generated_at": digest.generated_at, "total": digest.total, "watches": [
        {"name": w.name, "describe": w.describe, "total": w.total, "shown": len(w.hits), "left_out": w.left_out,
         "hits": [{"title": h["title"], "snippet": snippet_text(h["snippet"]), "date": h["date"], "body": h["body"],
                   "council": h["council"], "file": h["file"], "path": h["path"], "page": h["page"],
                   "link": h["link"], "table": h["tbl"], "tables": (h["tables"] or "").split(","),
                   "run_id": h["run_id"], "found_at": h["found_at"], "key": h["key"]} for h in w.hits]}
        for w in digest.watches]}
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_markdown(digest: Digest) -> str:
    lines = [f"# council-extract digest ({digest.scope})", "",
             f"{digest.total} new match{'es' if digest.total != 1 else ''}, generated {digest.generated_at}.", ""]
    quiet = [w.name for w in digest.watches if not w.total]
    for w in digest.with_hits:
        lines += [f"## {md_escape(w.name)}: {w.total} new", "", f"_{md_escape(w.describe)}_", ""]
        for h in w.hits:
            title = md_escape(h["title"] or h["file"] or "match")
            link = f" ([page {h['page'] or 1}](<{h['link']}>))" if h.get("link") else ""
            lines.append(f"- **{title}**: {md_escape(where_line(h))}{link}")
            if h.get("snippet"):
                lines.append(f"  > {snippet_md(h['snippet'])}")
        if w.left_out:
            lines.append(f"- … and {w.left_out} more not shown (`council-extract watch show {w.name}` or "
                         "`watch digest --limit N`)")
        lines.append("")
    if quiet:
        lines += [f"Nothing new for: {', '.join(md_escape(n) for n in quiet)}.", ""]
    if not digest.watches:
        lines += ["No watches yet: add one with `council-extract watch add NAME QUERY`.", ""]
    return "\n".join(lines).rstrip() + "\n"


CSS = """
body{font:16px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;
 padding:12px;background:#f6f6f4;color:#1b1b1b}
main{max-width:42rem;margin:0 auto}
h1{font-size:1.3rem;margin:.2rem 0}
h2{font-size:1.1rem;margin:1.4rem 0 .3rem;border-bottom:2px solid #c8c8c0;padding-bottom:.2rem}
.what{color:#555;font-size:.85rem;margin:0 0 .5rem;overflow-wrap:anywhere}
.hit{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.6rem .8rem;margin:.5rem 0}
.hit h3{font-size:1rem;margin:0 0 .2rem;overflow-wrap:anywhere}
.meta{color:#555;font-size:.85rem;overflow-wrap:anywhere}
blockquote{margin:.4rem 0;padding-left:.6rem;border-left:3px solid #d9c36a;overflow-wrap:anywhere}
mark{background:#ffe680;padding:0 .1em}
a{color:#0b57a4}
.more,.quiet{color:#555;font-style:italic}
"""


def to_html(digest: Digest) -> str:
    e = html.escape
    body = [f"<h1>council-extract digest</h1><p class=\"what\">{e(digest.scope)} · {digest.total} new "
            f"match{'es' if digest.total != 1 else ''} · generated {e(digest.generated_at)}</p>"]
    for w in digest.with_hits:
        body.append(f"<section><h2>{e(w.name)}: {w.total} new</h2><p class=\"what\">{e(clean(w.describe))}</p>")
        for h in w.hits:
            link = (f" · <a href=\"{e(h['link'], quote=True)}\">page {e(str(h['page'] or 1))}</a>"
                    if h.get("link") else "")
            body.append(f"<article class=\"hit\"><h3>{e(clean(h['title'] or h['file'] or 'match'))}</h3>"
                        f"<div class=\"meta\">{e(clean(where_line(h)))}{link}</div>"
                        + (f"<blockquote>{snippet_html(h['snippet'])}</blockquote>" if h.get("snippet") else "")
                        + "</article>")
        if w.left_out:
            body.append(f"<p class=\"more\">… and {w.left_out} more not shown (council-extract watch show "
                        f"{e(w.name)}).</p>")
        body.append("</section>")
    quiet = [w.name for w in digest.watches if not w.total]
    if quiet:
        body.append(f"<p class=\"quiet\">Nothing new for: {e(', '.join(quiet))}.</p>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(digest.subject())}</title><style>{CSS}</style></head>\n<body><main>\n"
            + "\n".join(body) + "\n</main></body></html>\n")
