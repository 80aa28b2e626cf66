"""pages -> record. ``parse_document`` runs every structure parser over a loaded document.

Each parser reads the page model and returns plain records; none reaches back
into loading. The order matters only where a later step reads an earlier one's
output (classification reads the sections found; the NLP layer reads
resolutions and recommendations).
"""

from __future__ import annotations

from ..load.model import Document
from ..record import Record, Source
import os
from typing import Optional

from . import agenda, kpis, minutes, reports
from .document import identity, kind
from .layout import model as layout
from .agenda_roles import agenda_from_roles
from .minutes.from_roles import meetings_from_roles
from .minutes.combine import combine_meetings

READERS = ("auto", "rules", "reader", "hybrid", "reader-rules")


def parse_document(doc: Document, reader: str = "auto", roles: Optional[list[layout.LabelledLine]] = None) -> Record:
    """The structure of one loaded document (see FORMAT.md); tagging is the pipeline's next stage.

    ``reader``: ``rules`` uses the rule-based parsers alone; ``reader`` reads the
    minutes from the trained layout reader's line roles; ``auto`` (the default)
    is the reader where a model is installed. ``COUNCIL_EXTRACT_READER`` overrides
    the default, for measuring one against the other.
    """
    if reader == "auto":  # the rules until the reader is shown better on dev-test (docs/reader.md)
        reader = os.environ.get("COUNCIL_EXTRACT_READER", "rules")
    if reader not in READERS:
        raise ValueError(f"reader must be one of {', '.join(READERS)}, not {reader!r}")
    record = Record(source=Source(file=doc.name, sha256=doc.sha256, pages=len(doc.pages), path=doc.path,
                                  format=doc.format))
    record.warnings = list(doc.warnings)
    record.pages = [page.facts() for page in doc.pages]
    if roles is None:  # ``roles`` given: lines already labelled (by a person, to measure the assembly alone)
        roles = layout.label_document(doc) if reader != "rules" else []
    record.agenda = agenda_from_roles(roles) if roles else agenda.parse_agenda(doc)
    if roles and reader == "hybrid":
        record.agenda = agenda.parse_agenda(doc) or record.agenda
    decisions = {"reader": "reader", "hybrid": "union", "reader-rules": "rules"}.get(reader, "union")
    record.meetings = meetings_from_roles(roles, decisions) if roles else minutes.parse_minutes(doc)
    if roles and reader == "hybrid":
        record.meetings = combine_meetings(record.meetings, minutes.parse_minutes(doc))
    record.reports = reports.parse_reports(doc)
    record.kpis = kpis.parse_kpis(doc, record.warnings)
    record.kind = kind.classify(doc, record)
    if record.kind == "report" and kind.recommendations_as_agenda(record):
        record.agenda = []  # the report's own recommendations, read as a list, are no agenda
    identity.fill_document_meta(doc, record)
    return record
