"""pages -> record. ``parse_document`` runs every parser over a loaded document.

Each parser reads the page model and returns plain records; none reaches back
into loading. The order matters only where a later step reads an earlier one's
output (classification reads the sections found; the NLP layer reads
resolutions and recommendations).
"""

from __future__ import annotations

from typing import Optional

from ..load.model import Document
from ..record import Record, Source
from . import agenda, classify, covers, kpis, meta, minutes


def parse_document(doc: Document, model: Optional[str] = None) -> Record:
    """The extraction record of one loaded document (see FORMAT.md)."""
    record = Record(source=Source(file=doc.name, sha256=doc.sha256, pages=len(doc.pages), path=doc.path,
                                  format=doc.format))
    record.warnings = list(doc.warnings)
    record.pages = [page.facts() for page in doc.pages]
    record.agenda = agenda.parse_agenda(doc)
    record.meetings = minutes.parse_minutes(doc)
    record.reports = covers.parse_reports(doc)
    record.kpis = kpis.parse_kpis(doc, record.warnings)
    record.kind = classify.classify(doc, record)
    meta.fill_document_meta(doc, record)
    from ..nlp import tag_record

    tag_record(doc, record, model=model)
    _mark_ocr(doc, record)
    return record


def _mark_ocr(doc: Document, record: Record) -> None:
    """Every record that starts on an OCRed page says so, so nobody quotes a misreading unawares."""
    ocr_pages = {page.number for page in doc.pages if page.text_source == "ocr"}
    if not ocr_pages:
        return
    for section in (record.agenda, record.reports, record.kpis, record.actions, record.metrics):
        for item in section:
            if getattr(item, "page", None) in ocr_pages:
                setattr(item, "text_source", "ocr")
    for meeting in record.meetings:
        if meeting.page in ocr_pages:
            meeting.text_source = "ocr"
        for minute in meeting.items:
            if minute.page in ocr_pages:
                minute.text_source = "ocr"
            for resolution in minute.resolutions:
                if resolution.page in ocr_pages:
                    resolution.text_source = "ocr"
