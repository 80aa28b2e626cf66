"""records -> tagged records: actions with owners and due dates, metrics in prose."""

from __future__ import annotations

from typing import Optional

from ..load.model import Document
from ..record import Record


def tag_record(doc: Document, record: Record, model: Optional[str] = None) -> None:
    """Fill ``record.actions`` and ``record.metrics`` from the parsed record and the text."""
    return None
