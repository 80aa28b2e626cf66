"""Exceptions the library raises, each carrying the exit code the CLI should use.

The CLI turns these into one-line messages (never a traceback); the exit codes
follow the project's convention: 3 an input that cannot be read, 4 a batch that
finished with some documents failed. 1 stays reserved for bugs.
"""

from __future__ import annotations

from pathlib import Path


class CouncilExtractError(Exception):
    """Base class: a problem the user can act on, with a message saying how."""

    exit_code = 1


class UnreadableInput(CouncilExtractError):
    """A file that cannot be turned into pages: wrong type, corrupt, encrypted, needs OCR."""

    exit_code = 3

    def __init__(self, path: str | Path, reason: str, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        message = f"{self.path}: {reason}"
        if hint:
            message += f"; {hint}"
        super().__init__(message)


class NeedsOCR(UnreadableInput):
    """A scan or a garbled text layer, read with ``--ocr never``."""


class BatchFailures(CouncilExtractError):
    """A batch that finished, but with some documents failed."""

    exit_code = 4


class StoreError(CouncilExtractError):
    """A database that cannot be used: not SQLite, made by a newer version, a folder."""

    exit_code = 3


class BadQuery(CouncilExtractError):
    """A search query or filter that cannot be run (an unbalanced quote, a bad date)."""

    exit_code = 2


class ModelNotInstalled(CouncilExtractError):
    """``--model NAME`` names a spaCy pipeline that is not installed (nothing is downloaded at run time)."""

    exit_code = 2

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"spaCy model {name!r} is not installed; install it (python -m spacy download {name}) "
                         f"or leave out --model to use the built-in rules")
