"""One list of meetings from the layout reader's and the rule-based parser's.

Why: the two fail differently.  The rules find a set of minutes only under a
heading form they know, but where they do, the meeting and its attendance are
almost always right (dev-train precision 1.00); the reader finds minutes
whatever their heading, but also in papers that hold none.  So where the rules
found meetings they are kept, each taking the reader's items for the same date
when the rules found no items; the reader's meetings stand only where the rules
found none.
"""

from __future__ import annotations

from ...record import Meeting


def combine_meetings(reader: list[Meeting], rules: list[Meeting]) -> list[Meeting]:
    """The rules' meetings where they found any, completed by the reader's; else the reader's."""
    if not rules:
        return reader
    by_date = {m.date: m for m in reader if m.date}
    for meeting in rules:
        read = by_date.get(meeting.date) if meeting.date else None
        if read is not None and not meeting.items:
            meeting.items = read.items
    return rules
