"""Apply the trained layout model: every non-blank line of a document gets a role.

The model file (``model.crfsuite`` beside this module) is built by ``make train``
from the annotated papers and ships in the package; ``COUNCIL_EXTRACT_LAYOUT_MODEL``
points at another (a model trained with your council's annotations, or one
trained without a held-out body for cross-validation).  Without a model file the
reader is unavailable and the rule-based parsers work alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ...load.model import Document, Line, Page
from .features import document_features

MODEL_FILE = Path(__file__).resolve().parent / "model.crfsuite"


@dataclass
class LabelledLine:
    """A line of the document with the role the model gives it and how sure it is."""

    page: Page
    line: Line
    label: str
    confidence: float


def model_path() -> Optional[Path]:
    override = os.environ.get("COUNCIL_EXTRACT_LAYOUT_MODEL")
    path = Path(override) if override else MODEL_FILE
    return path if path.is_file() else None


@lru_cache(maxsize=4)
def _tagger(path: str) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def available() -> bool:
    return model_path() is not None


def label_document(doc: Document) -> list[LabelledLine]:
    """Every non-blank line of ``doc`` with its role, in reading order ([] without a model)."""
    path = model_path()
    if path is None:
        return []
    lines, feats = document_features(doc)
    if not lines:
        return []
    tagger = _tagger(str(path))
    tagger.set(feats)
    labels = tagger.tag()
    out = []
    for k, ((page, line), label) in enumerate(zip(lines, labels)):
        out.append(LabelledLine(page, line, label, tagger.marginal(label, k)))
    return out
