"""records -> tagged records: actions with owners and due dates, metrics in prose.

``tag_record`` runs last in ``parse_document``: it reads the resolutions and
recommendations other parsers found and the page text, and fills
``record.actions`` and ``record.metrics``. The spaCy pipeline (``pipeline.py``)
is built once per process; only blocks that could hold an action or a number are
passed through it, which keeps tagging fast on long packs.
"""

from __future__ import annotations

import re
from typing import Optional

from ..load.model import Document
from ..record import Metric, Record
from .actions import ActionFinder, ends_section, is_next_steps_heading
from .blocks import Block, document_blocks
from .dates import next_meeting_date
from .logs import action_rows, read_logs
from .metrics import block_metrics
from .owners import Context, council_named
from .pipeline import get_nlp, pipe

# a cheap pre-filter: blocks with none of these cannot hold an action, a metric or a next-steps heading
_INTERESTING = re.compile(r"\d|\b(?:will|would|shall|to|being|ing|planned|plans?|underway|next|action|doing|asked|"
                          r"offered|agreed|we|going|due|scheduled|process)\b|ing\b", re.I)


def tag_record(doc: Document, record: Record, model: Optional[str] = None) -> None:
    """Fill ``record.actions`` and ``record.metrics`` from the parsed record and the text."""
    finder, metrics = collect(doc, record, model)
    record.actions = finder.decide()
    record.metrics = metrics


def collect(doc: Document, record: Record, model: Optional[str] = None) -> tuple[ActionFinder, list[Metric]]:
    """Every candidate sentence of the record (not yet classified), and the metrics in prose."""
    nlp = get_nlp(model)
    council = record.council or council_named("\n".join(page.text for page in doc.pages[:3]))
    ctx = Context(council=council, kind=record.kind)
    finder = ActionFinder(record, ctx)
    finder.next_meeting = next_meeting_date(" ".join(page.text for page in doc.pages), record.date)

    # resolutions and recommendations first: a sentence found again in the text is not a second action
    for meeting in record.meetings:
        texts = [(res, item) for item in meeting.items for res in item.resolutions if res.text]
        for (res, _item), parsed in zip(texts, pipe(nlp, (res.text for res, _ in texts))):
            finder.from_resolution(parsed, res.page or meeting.page, meeting.date)
    for report in record.reports:
        for parsed in pipe(nlp, report.recommendations):
            finder.from_recommendation(parsed, report.page)

    # the council's own action logs: one candidate per row, and their lines are not read again as prose
    logged: set[str] = set()
    for row in action_rows(read_logs((page.number, line.text) for page in doc.pages for line in page.lines)):
        parsed = nlp(row.text)
        finder.offer(parsed[:], row.text, row.owner, "next_steps", row.page, True, extra=["log_row"])
        logged.update(line.strip() for line in row.lines)
    blocks = [b for b in document_blocks(doc)
              if not logged or sum(line.strip() in logged for line in b.lines) * 2 < max(len(b.lines), 1)]
    # short blocks always: any of them may be a next-steps heading (patterns/headings.jsonl)
    wanted = [i for i, b in enumerate(blocks) if b.words <= 12 or _INTERESTING.search(b.text)]
    parsed_blocks = dict(zip(wanted, pipe(nlp, (blocks[i].text for i in wanted))))
    metrics: list[Metric] = []
    section: Optional[bool] = None  # inside a next-steps section: did it start with bullets?
    in_section, count = False, 0
    for i, block in enumerate(blocks):
        bdoc = parsed_blocks.get(i)
        if in_section:
            if ends_section(block, section, count):
                in_section = False
            else:
                if section is None:
                    section = block.bullet
                count += 1
                if bdoc is not None:
                    finder.from_next_steps(block, bdoc)
                    metrics.extend(block_metrics(block, bdoc))
                else:
                    finder.from_next_steps(block, nlp(block.text))
                continue
        if bdoc is None:
            continue
        if is_next_steps_heading(block, bdoc):
            in_section, section, count = True, None, 0
            continue
        finder.from_text(block, bdoc)
        metrics.extend(block_metrics(block, bdoc))
    return finder, metrics


__all__ = ["tag_record", "collect", "Block"]
