"""The spaCy pipeline: a blank English tokenizer, sentence boundaries and our rule components.

Rules are data: every component reads its token patterns from ``patterns/*.jsonl``
in spaCy's own format (``{"label": "ROLE", "pattern": [{"lower": "clerk"}]}``), so a
user extends them for their council by adding lines. The default pipeline needs
nothing but ``pip install``; ``model="en_core_web_sm"`` (any installed trained
pipeline) is used instead when asked, with the same components added, so the
output keeps its shape. The pipeline is built once per process and cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Optional

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc

from ..errors import ModelNotInstalled
from ..patterns import load_jsonl

# spans key -> the pattern files whose rules it holds
RULE_FILES: dict[str, list[str]] = {
    "owners": ["roles.jsonl", "bodies.jsonl", "organisations.jsonl"],
    "cues": ["action_cues.jsonl"],
    "units": ["metric_units.jsonl"],
    "headings": ["headings.jsonl"],
}


def _patterns(files: Iterable[str]) -> list[dict[str, Any]]:
    """Rows of the pattern files; a pattern of plain lower-case words becomes a phrase pattern.

    Phrase patterns go to spaCy's PhraseMatcher (matched on LOWER), far faster than the token
    Matcher, and tokenised like the text itself ("sub-committee" is three tokens in both)."""
    out: list[dict[str, Any]] = []
    for name in files:
        for row in load_jsonl(name):
            if "label" not in row or "pattern" not in row:
                continue
            rule: dict[str, Any] = {k: row[k] for k in ("label", "pattern", "id") if k in row}
            pattern = rule["pattern"]
            if isinstance(pattern, list) and all(isinstance(t, dict) and set(t) == {"lower"} and isinstance(t["lower"], str)
                                                 for t in pattern):
                rule["pattern"] = " ".join(t["lower"] for t in pattern)
            out.append(rule)
    return out


class CouncilRules:
    """One SpanRuler over every pattern file, its matches shared out to a span group per file family.

    One matcher pass per doc instead of one per file keeps the pipeline fast; the groups
    (``doc.spans["owners"]``, ``["cues"]``, ``["units"]``, ``["headings"]``) stay apart by label."""

    def __init__(self, ruler: SpanRuler, groups: dict[str, set[str]]) -> None:
        self.ruler = ruler
        self.groups = groups

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        found = list(doc.spans.get("_council", []))
        for key, labels in self.groups.items():
            doc.spans[key] = [span for span in found if span.label_ in labels]
        return doc


@Language.factory("council_rules", default_config={"groups": RULE_FILES})
def make_council_rules(nlp: Language, name: str, groups: dict[str, list[str]]) -> CouncilRules:
    """The rule component: patterns from ``patterns/*.jsonl`` (``groups`` maps a spans key to its files)."""
    ruler = SpanRuler(nlp, name=name, spans_key="_council", overwrite=True, validate=True,
                      phrase_matcher_attr="LOWER")
    labels: dict[str, set[str]] = {}
    for key, files in groups.items():
        rows = _patterns(files)
        labels[key] = {row["label"] for row in rows}
        ruler.add_patterns(rows)
    return CouncilRules(ruler, labels)


def _add_rules(nlp: Language) -> Language:
    if "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("council_rules", config={"groups": {k: list(v) for k, v in RULE_FILES.items()}})
    return nlp


@lru_cache(maxsize=4)
def get_nlp(model: Optional[str] = None) -> Language:
    """The pipeline for ``model`` (None: the blank rule-based default), built once per process."""
    if not model:
        return _add_rules(spacy.blank("en"))
    try:
        # the trained parser is slow and would move sentence boundaries: our sentencizer keeps output alike
        nlp = spacy.load(model, exclude=["parser", "senter", "lemmatizer"])
    except (OSError, IOError) as exc:
        raise ModelNotInstalled(model) from exc
    return _add_rules(nlp)

