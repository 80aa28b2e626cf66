"""Line and page cues that say what kind of paper a stretch of text is.

Classification (what a whole document is) and pack splitting (where each
paper in a pack starts) ask the same questions of a page: does a set of
minutes start here, an officer report's cover sheet, an appendix, a glossary,
a letter? The wordings are data (``patterns/kinds.json``; minutes headers, which the minutes
parser reads too, in ``patterns/minutes.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ...load.model import Page
from ...patterns import load_json

TOP_LINES = 12  # a paper's opening heading stands within this many non-blank lines of its page's top


@dataclass
class Cues:
    attendance: list[re.Pattern[str]]
    cover_labels: list[re.Pattern[str]]
    min_cover_labels: int
    letter_openings: list[re.Pattern[str]]
    letter_closings: list[re.Pattern[str]]
    decision_notice: list[re.Pattern[str]]
    appendix: list[re.Pattern[str]]
    glossary: list[re.Pattern[str]]
    report_titles: list[re.Pattern[str]]
    presentation: dict[str, Any]
    meeting_record: dict[str, Any]


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = load_json("kinds.json")
    comp = lambda key: [re.compile(p, re.I) for p in raw.get(key, [])]  # noqa: E731
    return Cues(
        attendance=comp("attendance_lines"),
        cover_labels=[re.compile(r"^\s*" + p, re.I) for p in raw.get("cover_labels", [])],
        min_cover_labels=int(raw.get("min_cover_labels", 3)),
        letter_openings=comp("letter_openings_lines"), letter_closings=comp("letter_closings_lines"),
        decision_notice=comp("decision_notice"), appendix=comp("appendix_lines"), glossary=comp("glossary_lines"),
        report_titles=comp("report_titles"), presentation=dict(raw.get("presentation", {})),
        meeting_record=_meeting_record(raw.get("meeting_record", {})),
    )


def _meeting_record(raw: dict[str, Any]) -> dict[str, Any]:
    comp = lambda key: [re.compile(p, re.I) for p in raw.get(key, [])]  # noqa: E731
    return {"within_lines": int(raw.get("within_lines", 60)), "min_items": int(raw.get("min_items", 2)),
            "attendance": comp("attendance_lines"), "decision_labels": comp("decision_labels"),
            "item_lines": comp("item_lines")}


def fold(text: str) -> str:
    return " ".join(text.split())


def nonblank(page: Page) -> list[str]:
    return [fold(line.text) for line in page.lines if line.text.strip()]


def is_minutes_header(text: str) -> bool:
    """A line that opens a set of minutes (``minutes.json`` holds every header form)."""
    from ..minutes.header import shows_minutes

    return shows_minutes(text)


def is_attendance(text: str) -> bool:
    return any(p.fullmatch(fold(text)) for p in cues().attendance)


def cover_label_count(lines: list[str]) -> int:
    """How many different cover-sheet labels start these lines."""
    found = set()
    for text in lines:
        for index, pattern in enumerate(cues().cover_labels):
            if pattern.match(text):
                found.add(index)
                break
    return len(found)


def is_cover(lines: list[str]) -> bool:
    return cover_label_count(lines) >= cues().min_cover_labels


def is_letter_opening(text: str) -> bool:
    return any(p.fullmatch(fold(text).rstrip(",")) for p in cues().letter_openings)


def is_letter_closing(text: str) -> bool:
    return any(p.fullmatch(fold(text)) for p in cues().letter_closings)


def is_decision_notice_title(text: str) -> bool:
    return any(p.search(fold(text)) for p in cues().decision_notice)


def is_meeting_record(lines: list[str]) -> bool:
    """A decisions record of a whole meeting (who attended, several decided items): minutes in substance,
    whatever its title says. A decision notice records one decision by one decision maker."""
    spec = cues().meeting_record
    head = [fold(t) for t in lines[: spec["within_lines"]]]
    if not any(p.fullmatch(t) for t in head for p in spec["attendance"]):
        return False
    labels = sum(1 for t in head if any(p.search(t) for p in spec["decision_labels"]))
    numbered = sum(1 for t in head if any(p.fullmatch(t) for p in spec["item_lines"]))
    return max(labels, numbered) >= spec["min_items"]


def is_appendix_heading(text: str) -> bool:
    return any(p.fullmatch(fold(text)) for p in cues().appendix)


def is_glossary_heading(text: str) -> bool:
    return any(p.fullmatch(fold(text)) for p in cues().glossary)


def page_start(page: Page, text_model: bool = False) -> Optional[tuple[str, str]]:
    """(kind, title) of a paper that starts on ``page``: minutes, report, appendix or glossary; else None.

    On a PDF page the cue must stand at the top; a text file's page model may
    hold several papers in one page, so there the first cue anywhere counts.
    """
    lines = nonblank(page)
    head = lines if text_model else lines[:TOP_LINES]
    for text in head:
        if is_minutes_header(text):
            return "minutes", text
    if is_cover(lines[:40] if not text_model else lines):
        subject = next((re.split(r":\s*", t, maxsplit=1)[-1] for t in lines[:40]
                        if re.match(r"^\s*(?:subject|report\s+title|title\s+of\s+report)\s*:", t, re.I)), None)
        return "report", subject or (lines[0] if lines else "")
    stamps = [s for s in page.stamps if re.match(r"(?:appendix|annex)", s, re.I)]
    if stamps:
        return "appendix", stamps[0]
    for text in lines[:4]:
        if is_appendix_heading(text):
            return "appendix", text
        if is_glossary_heading(text):
            return "glossary", text
    return None


__all__ = ["cues", "page_start", "is_minutes_header", "is_attendance", "is_cover", "cover_label_count",
           "is_letter_opening", "is_letter_closing", "is_decision_notice_title", "is_meeting_record", "is_appendix_heading",
           "is_glossary_heading", "nonblank", "fold"]
