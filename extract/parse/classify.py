"""What kind of paper a document is: agenda_pack, agenda, minutes, report, ..."""

from __future__ import annotations

from ..load.model import Document
from ..record import Record


def classify(doc: Document, record: Record) -> str:
    if record.meetings and not record.agenda:
        return "minutes"
    if record.agenda and (record.meetings or record.reports):
        return "agenda_pack"
    if record.agenda:
        return "agenda"
    if record.reports:
        return "report"
    return "other"
