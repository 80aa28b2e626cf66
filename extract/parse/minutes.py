"""Minutes: meetings, attendance, numbered minute items and what was resolved."""

from __future__ import annotations

from ..load.model import Document
from ..record import Meeting


def parse_minutes(doc: Document) -> list[Meeting]:
    return []
