"""The extraction record: the seam between parsing and storing.

These dataclasses mirror ``FORMAT.md`` (one JSON object per document). Parsers
return them; ``Record.to_dict()`` gives the JSON that ``parse --json`` prints and
that ``store`` ingests. Keys may be added (they are), never renamed: every
record carries ``page``, the physical 1-based page it starts on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

KINDS = ("agenda_pack", "agenda", "minutes", "report", "decision_notice", "presentation", "letter", "other")


@dataclass
class Source:
    file: str
    sha256: str
    pages: int
    path: Optional[str] = None
    format: str = "pdf"  # pdf | text | html


@dataclass
class AgendaItem:
    number: Optional[str]
    title: str
    pages: Optional[list[int]] = None  # printed page range [first, last]
    page: Optional[int] = None
    # what the pack carries behind the item: "minutes", "report", "appendix", ...
    document: Optional[str] = None
    physical_pages: Optional[list[int]] = None
    # un-numbered lines listed under an item that introduces them ("Accounts for payment:-")
    subitems: list[str] = field(default_factory=list)
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page


@dataclass
class Vote:
    for_: Optional[int] = None
    against: Optional[int] = None
    abstain: Optional[int] = None
    outcome: Optional[str] = None  # carried | lost | None
    names: Optional[dict[str, list[str]]] = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"for": self.for_, "against": self.against, "abstain": self.abstain, "outcome": self.outcome}
        if self.names:
            out["names"] = self.names
        return out


@dataclass
class Resolution:
    text: str
    number: Optional[str] = None
    page: Optional[int] = None
    keyword: Optional[str] = None  # the decision wording as printed: RESOLVED, AGREED, ...
    vote: Optional[Vote] = None
    text_source: Optional[str] = None


@dataclass
class MinuteItem:
    number: Optional[str]
    title: Optional[str]  # None: the minutes' decisions were found but not their item heading
    page: Optional[int] = None
    resolutions: list[Resolution] = field(default_factory=list)
    text: Optional[str] = None  # the item's body, for search and the tracker
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page


@dataclass
class Meeting:
    body: Optional[str]
    date: Optional[str]
    page: Optional[int] = None
    pages: Optional[list[int]] = None  # physical page range of these minutes
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)
    apologies_in_items: list[str] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page


@dataclass
class Report:
    subject: Optional[str]
    decision_maker: Optional[str] = None
    date: Optional[str] = None
    report_of: Optional[str] = None
    recommendations: list[str] = field(default_factory=list)
    page: Optional[int] = None
    fields: dict[str, str] = field(default_factory=dict)  # every cover-sheet label as printed
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page


@dataclass
class Kpi:
    indicator: str
    column: Optional[str]
    raw: str
    value: Optional[float]
    unit: Optional[str] = None
    page: Optional[int] = None
    rag: Optional[str] = None
    period: Optional[str] = None
    table: Optional[str] = None
    indicator_key: Optional[str] = None
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page
    column_kind: Optional[str] = None  # period | target | comparator | budget | other (parse.kpis.cells.column_kind)
    period_type: Optional[str] = None  # month | quarter | year | financial_year | date | range
    breakdown: Optional[str] = None  # the measure a row of areas or services breaks down (its series is both)


@dataclass
class Action:
    text: str
    owner: Optional[str]
    source: str  # resolution | next_steps | recommendation | commitment
    page: Optional[int] = None
    owner_key: Optional[str] = None
    due: Optional[str] = None
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page


@dataclass
class Metric:
    text: str
    value: str
    measure: Optional[str] = None
    period: Optional[str] = None
    page: Optional[int] = None
    comparator: Optional[str] = None
    change: Optional[dict[str, str]] = None
    text_source: Optional[str] = None  # "ocr" where the record starts on an OCRed page


@dataclass
class Record:
    source: Source
    kind: str = "other"
    council: Optional[str] = None
    body: Optional[str] = None
    date: Optional[str] = None
    agenda: list[AgendaItem] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)  # per-page facts: printed number, stamps, text source

    def to_dict(self) -> dict[str, Any]:
        return to_plain(self)


def to_plain(value: Any) -> Any:
    """asdict() that honours Vote's ``for`` key."""
    if isinstance(value, Vote):
        return value.to_dict()
    if hasattr(value, "__dataclass_fields__"):
        return {name: to_plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


__all__ = [
    "KINDS", "Source", "AgendaItem", "Vote", "Resolution", "MinuteItem", "Meeting",
    "Report", "Kpi", "Action", "Metric", "Record", "asdict", "to_plain",
]
