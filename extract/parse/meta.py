"""The document's own council, body and date (the meeting it is for)."""

from __future__ import annotations

from ..load.model import Document
from ..record import Record


def fill_document_meta(doc: Document, record: Record) -> None:
    return None
