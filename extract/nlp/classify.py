"""What a sentence is: a request someone must act on, a decision taken, a noting, procedure, or other text.

Only a ``request`` (a request or commitment someone must act on and report back) becomes an
action or a tracked item. The decision is a trained classifier, not a list of wordings: a
multinomial logistic regression over the sentence's words, its first words, where it was found
(a resolution, a report recommendation, an action list, running text), the cue spans of
``patterns/action_cues.jsonl`` and the hand rules' own verdict, all as sparse features.
``python -m extract.nlp.train`` learns it from annotated papers (``docs/annotating.md``) and
writes ``sentence_model.json`` beside this file; training is deterministic (full-batch gradient
descent from zero weights), so the same annotations give the same file.

The features need only the sentence and where it came from, so the tracker asks the same
question of a stored resolution and gets the same answer as the NLP layer did.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

LABELS = ("request", "decision", "noting", "procedure", "other")
MODEL_PATH = Path(__file__).with_name("sentence_model.json")
MODEL_ENV = "COUNCIL_EXTRACT_SENTENCE_MODEL"  # another model file (cross-validation, a council's own training)
_DATE = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
                   r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
                   r"next meeting)\b", re.I)
_MODAL = {"will", "would", "shall", "should", "must", "to", "need", "needs"}


@dataclass
class Verdict:
    label: str
    p_request: float

    @property
    def is_request(self) -> bool:
        return self.label == "request"


def features(sent: Span, source: str, rule: bool, owner: bool = False) -> list[str]:
    """Sparse features of one sentence (a span of a parsed block) found as ``source``.

    ``rule``: the hand rules of ``actions.py`` call it an action; ``owner``: they found who acts."""
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    low = [t.lower_ for t in words]
    out = [f"src={source}", f"rule={int(rule)}", f"src_rule={source}:{int(rule)}", f"owner={int(owner)}",
           f"src_owner={source}:{int(owner)}"]
    n = len(words)
    out.append("len=" + ("1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21-40" if n <= 40 else "41+"))
    alpha = [w for w in low if w.isalpha()]
    start = [w for w in low[:4] if w.isalpha() or w in {"to"}][:3]
    for i, w in enumerate(start):
        out.append(f"f{i}={w}")
    if len(start) >= 2:
        out.append(f"f01={start[0]}_{start[1]}")
    prev = "<s>"
    for w in alpha:
        out.append("w=" + w)
        out.append(f"b={prev}_{w}")
        prev = w
    for span in _within(doc, "cues", sent):
        out.append("cue=" + span.label_)
        out.append(f"cue={span.label_}:{span.text.lower()}")
        out.append(f"src_cue={source}:{span.label_}")
    for span in _within(doc, "owners", sent):
        if span.start - sent.start <= 3:
            out.append("owner_first=" + span.label_)
    text = sent.text
    if _DATE.search(text):
        out.append("date")
    if text.rstrip().endswith("?"):
        out.append("question")
    if words and words[0].text[:1].isupper() and len(words) > 1 and low[1] == "to":
        out.append("Name_to")
    if any(w in _MODAL for w in low):
        out.append("modal")
    if re.search(r"\b(?:I|we)\b", text):
        out.append("first_person")
    if re.search(r"\b(?:had|has|have|was|were)\b", text, re.I):
        out.append("past_aux")
    return list(dict.fromkeys(out))


def _within(doc: Doc, key: str, sent: Span) -> list[Span]:
    return [s for s in doc.spans.get(key, []) if s.start >= sent.start and s.end <= sent.end]


class SentenceModel:
    """The trained weights: ``weights[feature][label]``, a bias per label and the request threshold."""

    def __init__(self, labels: list[str], bias: list[float], weights: dict[str, list[float]],
                 threshold: float = 0.5) -> None:
        self.labels = labels
        self.bias = bias
        self.weights = weights
        self.threshold = threshold
        self.request = labels.index("request")

    @classmethod
    def load(cls, path: Path) -> "SentenceModel":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["labels"], data["bias"], data["weights"], data.get("threshold", 0.5))

    def probabilities(self, feats: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        for f in feats:
            row = self.weights.get(f)
            if row:
                for i, w in enumerate(row):
                    scores[i] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, feats: Iterable[str]) -> Verdict:
        probs = self.probabilities(feats)
        p = probs[self.request]
        if p >= self.threshold:
            return Verdict("request", p)
        others = [(q, i) for i, q in enumerate(probs) if i != self.request]
        return Verdict(self.labels[max(others)[1]], p)


class RulesOnly(SentenceModel):
    """``COUNCIL_EXTRACT_SENTENCE_MODEL=rules``: the hand rules alone decide (to compare against)."""

    def __init__(self) -> None:
        super().__init__(list(LABELS), [0.0] * len(LABELS), {}, 0.5)

    def predict(self, feats: Iterable[str]) -> Verdict:
        return Verdict("request", 1.0) if "rule=1" in feats else Verdict("other", 0.0)


class ModelMissing(RuntimeError):
    """The sentence model file is absent: run ``make train``."""


@lru_cache(maxsize=4)
def _load(path: str) -> SentenceModel:
    if path == "rules":
        return RulesOnly()
    if not Path(path).exists():
        raise ModelMissing(f"{path}: no sentence model; run `make train` (python -m extract.nlp.train)")
    return SentenceModel.load(Path(path))


def model(path: Optional[str] = None) -> SentenceModel:
    """The shipped model, or the one ``COUNCIL_EXTRACT_SENTENCE_MODEL`` (or ``path``) names."""
    return _load(str(path or os.environ.get(MODEL_ENV) or MODEL_PATH))


def classify(sent: Span, source: str, rule: bool, owner: bool = False) -> Verdict:
    """What the parsed sentence ``sent`` found as ``source`` is (``rule``: the hand rules call it an action)."""
    return model().predict(features(sent, source, rule, owner))


@lru_cache(maxsize=20000)
def classify_text(text: str, source: str) -> Verdict:
    """The same question for a stored resolution or recommendation (the tracker): the NLP layer's own steps."""
    from ..record import Record, Source
    from .actions import ActionFinder
    from .owners import Context
    from .pipeline import get_nlp

    finder = ActionFinder(Record(source=Source(file="", sha256="", pages=0)), Context(kind="minutes"))
    doc = get_nlp()(" ".join(text.split()))
    if source == "recommendation":
        finder.from_recommendation(doc, None)
    else:
        finder.from_resolution(doc, None, None)
    if not finder.candidates:
        return Verdict("other", 0.0)
    return model().predict(finder.candidates[0].feats)
