"""file -> record: the one extraction pipeline every caller uses.

``parse``, ``kpis``, the batch worker and the scorer all go through
``extract_file`` (or ``extract_document`` for a page model already loaded), so
the stages are assembled in one place: load (which chooses OCR itself), read
the structure (``parse``), then tag actions and metrics (``nlp``).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from .load import load_document
from .load.model import Document
from .record import Record

OCR_MODES = ("auto", "never", "force")


@dataclass(frozen=True)
class ExtractOptions:
    """How to read a file. ``ocr``: re-read scanned or garbled pages (auto), never, or every page."""

    password: Optional[str] = None
    pages: Optional[str] = None  # "1-3,7": only these physical pages
    ocr: str = "auto"
    model: Optional[str] = None  # a spaCy pipeline for tagging instead of the built-in rules
    tag: bool = True  # run the NLP layer (actions, owners, metrics)
    reader: str = "auto"  # what reads the structure: parse.READERS (docs/reader.md)

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {self.ocr!r}")
        from .parse import READERS

        if self.reader not in READERS:
            raise ValueError(f"reader must be one of {', '.join(READERS)}, not {self.reader!r}")


def load_file(path: str | Path, options: ExtractOptions = ExtractOptions(),
              on_page: Optional[Callable[[int, int], None]] = None) -> Document:
    """The page model of ``path`` (raises ``UnreadableInput`` with a one-line reason)."""
    with collector_paused():
        return load_document(path, password=options.password, pages=options.pages, ocr=options.ocr, on_page=on_page)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while one document is read, then let run again.

    Reading a document allocates hundreds of thousands of objects that live until its record is made (lines,
    runs, characters, tokens), so the collector keeps starting and, every few documents, walks the whole heap
    (the spaCy pipeline included): a tenth of a second spent finding almost nothing, as reference counting
    frees nearly all of it (a few thousand objects in cycles a document, collected once it is done)."""
    if not gc.isenabled():  # already paused by a caller: nothing to restore
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def extract_document(doc: Document, options: ExtractOptions = ExtractOptions(), roles: Optional[list] = None) -> Record:
    """The extraction record of a loaded document: structure, then tags."""
    from .parse import parse_document
    from .parse.text.dates import month_first_paper, numeric_date_order

    head = "\n".join(page.text for page in doc.pages[:5])
    with collector_paused(), numeric_date_order(month_first_paper(head)):
        record = parse_document(doc, reader=options.reader, roles=roles)
        if options.tag:
            from .nlp import tag_record

            tag_record(doc, record, model=options.model)
            _mark_ocr(doc, record)
    return record


def extract_file(path: str | Path, options: ExtractOptions = ExtractOptions(),
                 on_page: Optional[Callable[[int, int], None]] = None) -> Record:
    """Load ``path`` and extract its record."""
    with collector_paused():
        return extract_document(load_file(path, options, on_page), options)


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


__all__ = ["ExtractOptions", "extract_file", "extract_document", "load_file", "OCR_MODES"]
