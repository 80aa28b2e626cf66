"""Compiled pattern rules with errors that name the file to fix.

The minutes parsers compile regular expressions from ``patterns/*.json`` that a
user may edit; a typo there should say which file is wrong, not raise a bare
``re.error`` traceback from deep inside a parser.
"""

from __future__ import annotations

import re
from functools import lru_cache, wraps
from typing import Callable, TypeVar

from ...errors import CouncilExtractError

T = TypeVar("T")


class PatternError(CouncilExtractError, ValueError):
    """A pattern file the parsers cannot use; the message names the file and what to do."""


def pattern_rules(*files: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Cache a rules builder; a pattern that does not compile becomes a ValueError naming ``files``."""

    def wrap(build: Callable[[], T]) -> Callable[[], T]:
        @lru_cache(maxsize=None)
        @wraps(build)
        def cached() -> T:
            try:
                return build()
            except re.error as exc:
                where = " or ".join(f"patterns/{f}" for f in files)
                raise PatternError(f"{where}: a regular expression does not compile ({exc}); "
                                 f"fix it, or set COUNCIL_EXTRACT_PATTERNS to a folder with working files") from exc
            except KeyError as exc:
                where = " or ".join(f"patterns/{f}" for f in files)
                raise PatternError(f"{where}: missing key {exc}; restore it from the shipped file") from exc

        return cached

    return wrap


__all__ = ["PatternError", "pattern_rules"]
