"""The front sheet's agenda: item number, title, printed page range."""

from __future__ import annotations

from ..load.model import Document
from ..record import AgendaItem


def parse_agenda(doc: Document) -> list[AgendaItem]:
    return []
