"""KPI and finance tables: one tidy record per value cell."""

from __future__ import annotations

from ..load.model import Document
from ..record import Kpi


def parse_kpis(doc: Document, warnings: list[str]) -> list[Kpi]:
    return []
