"""KPI and finance tables: one tidy record per value cell.

Two readers feed one list: ``kpi_pdf`` asks pdfplumber for ruled tables on the
PDF pages that look like they hold one (decided cheaply from the page model),
and ``kpi_text`` reads tables that survive only as lines of text (text files,
and PDF pages where pdfplumber found no grid). Records then get a canonical
``indicator_key`` (``indicators``) and the same indicator printed twice with the
same values (a summary table repeated further on) is kept once. Each record
says what its column is to the indicator's series (``column_kind``: the
indicator's value for a period, a target, a comparator, a finance column) and
the granularity of its period (``period_type``); targets and comparators carry
no period, so they never become points of a time line.
"""

from __future__ import annotations

from typing import Any, Optional

from ...load.model import Document
from ...record import Kpi
from .cells import classify_columns
from .indicators import IndicatorSettings, _numbers, assign_keys, fold
from .text_tables import read_text_tables


def parse_kpis(doc: Document, warnings: list[str], settings: Optional[Any] = None) -> list[Kpi]:
    """Every KPI table cell of the document, in reading order (see FORMAT.md ``kpis``)."""
    resolved = IndicatorSettings.resolve(settings)
    records: list[Kpi] = []
    table_pages: set[int] = set()
    if doc.format == "pdf" and doc.path:
        from .pdf_tables import read_pdf_tables

        pdf_records, table_pages = read_pdf_tables(doc, warnings)
        records.extend(pdf_records)
    text_doc = doc
    if table_pages:
        text_doc = Document(path=doc.path, sha256=doc.sha256, format=doc.format,
                            pages=[p for p in doc.pages if p.number not in table_pages])
    records.extend(read_text_tables(text_doc, warnings))
    records.sort(key=lambda k: (k.page or 0))
    records = drop_repeats(records, resolved)
    classify_columns(records)
    assign_keys(records, resolved)
    return records


def drop_repeats(records: list[Kpi], settings: IndicatorSettings) -> list[Kpi]:
    """The same indicator repeated in a later table with the same values counts once (the first)."""
    from rapidfuzz import fuzz

    rows: dict[tuple[Optional[str], str, int], list[Kpi]] = {}
    order: list[tuple[Optional[str], str, int]] = []
    for rec in records:
        key = (rec.table, rec.indicator, rec.page or 0)
        if key not in rows:
            rows[key] = []
            order.append(key)
        rows[key].append(rec)
    kept: list[list[Kpi]] = []
    seen: dict[tuple[tuple[str, str], ...], list[str]] = {}  # a row's cells -> folded labels of rows kept with them
    folded: dict[str, str] = {}
    for key in order:
        row = rows[key]
        cells = tuple((folded.setdefault(r.column or "", fold(r.column or "")), r.raw) for r in row)
        label = fold(row[0].indicator)
        earlier = seen.setdefault(cells, [])
        numbers = _numbers(label)  # labels that differ in a number ("2027 …", "2028 …") are different rows
        if any(fuzz.ratio(e, label) >= settings.threshold and _numbers(e) == numbers for e in earlier):
            continue
        earlier.append(label)
        kept.append(row)
    return [rec for row in kept for rec in row]
