"""A progress line on stderr: documents done, pages per second, time left.

On a terminal the line redraws in place; into a file or pipe (a log, CI) it prints
a fresh line at most every ``log_every`` seconds, so logs stay readable. Silent
progress draws nothing. Speed and time left count only documents actually parsed:
files skipped as already stored are instant and would flatter the estimate.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Optional, TextIO


@dataclass
class Progress:
    total: int
    silent: bool = False
    stream: Optional[TextIO] = None
    log_every: float = 10.0
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    parsed: int = 0
    failed: int = 0
    pages: int = 0
    _last_draw: float = 0.0
    _width: int = 0

    def __post_init__(self) -> None:
        if self.stream is None:
            self.stream = sys.stderr
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def skipped(self) -> None:
        """A document that needed no parsing (already stored)."""
        self.done += 1
        self._draw()

    def finished(self, pages: int, ok: bool) -> None:
        """A document parsed (or failed) by a worker."""
        self.done += 1
        self.parsed += 1
        self.pages += pages
        if not ok:
            self.failed += 1
        self._draw()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        share = self.done / self.total if self.total else 1.0
        width = 24
        filled = int(round(share * width))
        bar = "#" * filled + "-" * (width - filled)
        text = (f"[{bar}] {self.done}/{self.total} docs  {self.pages / elapsed:.1f} pages/s")
        if self.failed:
            text += f"  {self.failed} failed"
        left = self.seconds_left()
        if left is not None and self.done < self.total:
            text += f"  {_clock(left)} left"
        return text

    def seconds_left(self) -> Optional[float]:
        if not self.parsed:
            return None
        per_doc = (time.monotonic() - self.started) / self.parsed
        return per_doc * (self.total - self.done)

    def _draw(self, force: bool = False) -> None:
        if self.silent or self.stream is None:
            return
        now = time.monotonic()
        if self._tty:
            if not force and now - self._last_draw < 0.1 and self.done < self.total:
                return
            text = self.line()
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self._width = len(text)
        else:
            if not force and now - self._last_draw < self.log_every:
                return
            self.stream.write(self.line() + "\n")
        self.stream.flush()
        self._last_draw = now

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.silent or self.stream is None:
            return
        if self._tty:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
