"""A self-contained HTML page of outstanding recommendations that a manager can send to a panel.

Grouped by meeting (body and date), then by owner, each with its age and the
latest evidence. Every piece of text comes from documents anyone can publish,
so all of it is escaped; the page has no scripts and no external resources.
"""

from __future__ import annotations

import html
from datetime import date
from itertools import groupby
from typing import Any, Optional

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem auto;max-width:60rem;padding:0 1rem;
color:#1b1b1b;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem;color:#444}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}td,th{border:1px solid #ddd;padding:.4rem;vertical-align:top;
text-align:left;font-size:.92rem}th{background:#f4f4f4}.status{font-weight:600;white-space:nowrap}.age{white-space:nowrap}
.evidence{color:#444;font-size:.85rem}.ocr{color:#8a5300;font-size:.8rem}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_html(rows: list[dict[str, Any]], title: str = "Outstanding recommendations",
                today: Optional[date] = None) -> str:
    """The page for ``rows`` (effective tracker rows, already filtered)."""
    today = today or date.today()
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width, initial-scale=1'>",
             f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{_e(title)}</h1>",
             f"<p>{len(rows)} item{'s' if len(rows) != 1 else ''} as of {today.isoformat()}.</p>"]
    if not rows:
        parts.append("<p>Nothing outstanding.</p>")
    by_meeting = sorted(rows, key=lambda r: (r.get("body") or "", r.get("raised") or "", r.get("owner") or ""))
    for (body, raised), meeting_rows in groupby(by_meeting, key=lambda r: (r.get("body"), r.get("raised"))):
        parts.append(f"<h2>{_e(body or 'Unknown body')} — meeting of {_e(raised or 'unknown date')}</h2>")
        for owner, owner_rows in groupby(meeting_rows, key=lambda r: r.get("owner")):
            parts.append(f"<h3>Owner: {_e(owner or 'not named')}</h3>")
            parts.append("<table><tr><th>ID</th><th>Request</th><th>Status</th><th>Age</th><th>Latest evidence</th></tr>")
            for r in owner_rows:
                evidence = "no evidence yet"
                if r.get("evidence"):
                    evidence = f"{_e(r.get('evidence_date'))}: {_e(r['evidence'])}"
                    if r.get("evidence_page"):
                        evidence += f" (page {_e(r['evidence_page'])})"
                if r.get("manual_note"):
                    evidence = f"Note: {_e(r['manual_note'])}<br>{evidence}"
                source = f"<br><span class='evidence'>item {_e(r.get('item_number') or '-')}, page {_e(r.get('page') or '-')}</span>"
                ocr = "<br><span class='ocr'>read by OCR: check the source</span>" if r.get("text_source") == "ocr" else ""
                age = f"{r['age_days']} days" if r.get("age_days") is not None else "-"
                parts.append(f"<tr><td>{_e(r['id'])}</td><td>{_e(r['request'])}{source}{ocr}</td>"
                             f"<td class='status'>{_e(r['status'])}</td><td class='age'>{_e(age)}</td>"
                             f"<td class='evidence'>{evidence}</td></tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
