"""What an ingest sets off once its documents are stored: the derived tables and the alerts.

The batch (``batch.runner.run_batch``) calls ``follow_up`` after every run, so a
Python caller of the batch gets the same database as the CLI: the tracker's items
and links rebuilt when documents arrived (``track.refresh``), one spelling per
council and committee (``store.names``), the web view's browse views, and the
saved watches evaluated against the new documents. Readers (``recs``, ``summary``,
``serve``) then only read.

Each step that fails is a warning, never a failed ingest: the documents are
committed before this runs, and the next ingest (or ``watch check``) catches up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import sqlite_utils


@dataclass
class FollowUp:
    """What ``follow_up`` did: items tracked (None if the tracker was up to date), the watches' report."""

    tracked: Optional[int] = None
    watches: Optional[Any] = None  # watch.evaluate.EvalReport, when there are watches
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [self.watches.summary()] if self.watches is not None else []
        return "\n".join(lines + [f"warning: {w}" for w in self.warnings])


def db_file(db: sqlite_utils.Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else ":memory:"


def update_derived(db: sqlite_utils.Database) -> Optional[int]:
    """The tracker (if documents arrived since it was built), name spellings and browse views; returns how
    many items are tracked when the tracker was rebuilt, else None."""
    from .store.names import refresh_names
    from .track.items import is_stale, refresh
    from .web.views import ensure_views

    tracked = refresh(db) if is_stale(db) else None
    refresh_names(db)
    ensure_views(db)
    return tracked


def follow_up(db: sqlite_utils.Database) -> FollowUp:
    """Bring the derived tables up to date and evaluate the watches; problems become warnings."""
    done = FollowUp()
    path = db_file(db)
    try:
        done.tracked = update_derived(db)
    except Exception as exc:  # the documents are stored; readers rebuild what they need for themselves
        done.warnings.append(f"tracker and browse views not updated ({exc.__class__.__name__}: {exc}); "
                             f"they are rebuilt by the next ingest into {path}")
    try:
        from .watch.evaluate import evaluate_pending
        from .watch.store import has_watches

        if has_watches(db):
            done.watches = evaluate_pending(db)
    except Exception as exc:  # never lose (or fail) the ingest over an alert
        done.warnings.append(f"watches not evaluated ({exc.__class__.__name__}: {exc}); "
                             f"run `council-extract watch check --db {path}` to retry")
    return done
