"""Officer report cover sheets: decision maker, subject, date, report of, recommendations."""

from __future__ import annotations

from ..load.model import Document
from ..record import Report


def parse_reports(doc: Document) -> list[Report]:
    return []
