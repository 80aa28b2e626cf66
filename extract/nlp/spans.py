"""The rule matches of a Doc, indexed once, so each sentence finds its own without reading them all.

The components put their matches in ``doc.spans`` groups (``owners``, ``cues``, ``units``,
``headings``). Filtering a whole group for every sentence of a block made long blocks
quadratic; ``within`` answers the same question from an index kept in ``doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spacy.tokens import Doc, Span

_KEY = "council_extract.span_index"


def _index(doc: Doc, group: str) -> tuple[list[int], list[tuple[int, Span]]]:
    """The group's spans sorted by start (with their order in the group), and those starts."""
    cache: dict[str, Any] = doc.user_data.setdefault(_KEY, {})
    if group not in cache:
        ordered = sorted(enumerate(doc.spans.get(group, [])), key=lambda pair: pair[1].start)
        cache[group] = ([span.start for _, span in ordered], ordered)
    return cache[group]  # type: ignore[no-any-return]


def within(doc: Doc, group: str, outer: Span) -> list[Span]:
    """The spans of ``group`` lying inside ``outer`` (start and end), in the group's own order."""
    starts, ordered = _index(doc, group)
    lo, hi = bisect_left(starts, outer.start), bisect_right(starts, outer.end)
    inside = [pair for pair in ordered[lo:hi] if pair[1].end <= outer.end]
    inside.sort(key=lambda pair: pair[0])
    return [span for _, span in inside]
