"""How far one document's load has gone, for a person watching a terminal.

Loading a long pack, and above all OCR at a few seconds a page, can take minutes;
``parse`` shows a line that says which stage and which page. The stages report
through ``report(stage, done, total)``; whoever wants to show it wraps the call in
``reporting(callback)``. Nothing is reported (and it costs nothing) otherwise, so
the batch workers and the library stay silent.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, Optional

Callback = Callable[[str, int, int], None]
_callback: ContextVar[Optional[Callback]] = ContextVar("load_progress", default=None)


@contextmanager
def reporting(callback: Callback) -> Iterator[None]:
    """Send ``report`` calls made inside this block to ``callback(stage, done, total)``."""
    token = _callback.set(callback)
    try:
        yield
    finally:
        _callback.reset(token)


def report(stage: str, done: int, total: int) -> None:
    """Stage ``stage`` ("reading", "OCR") has done ``done`` of ``total`` pages."""
    callback = _callback.get()
    if callback is not None:
        callback(stage, done, total)
