"""The spaCy pipeline: a blank English tokenizer, sentence boundaries and our rule components.

Rules are data: every component reads its token patterns from ``patterns/*.jsonl``
in spaCy's own format (``{"label": "ROLE", "pattern": [{"lower": "clerk"}]}``), so a
user extends them for their council by adding lines. The default pipeline needs
nothing but ``pip install``; ``model="en_core_web_sm"`` (any installed trained
pipeline) is used instead when asked, with the same components added, so the
output keeps its shape. The pipeline is built once per process and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator, Optional

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
    ruler = SpanRuler(nlp, name=name, spans_key="_council", overwrite=True, validate=False,
                      phrase_matcher_attr="LOWER")
    labels: dict[str, set[str]] = {}
    for key, files in groups.items():
        rows = _patterns(files)
        labels[key] = {row["label"] for row in rows}
        ruler.add_patterns(rows)
    return CouncilRules(ruler, labels)


def _add_rules(nlp: Language) -> Language:
    nlp.tokenizer = TamedTokenizer(nlp.tokenizer)
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



# spaCy's tokenizer strips suffixes from a space-free run one at a time, each time searching the whole rest of
# the run: a run of punctuation (";;;;;", "$$$$$") costs the square of its length, and a very long run of
# anything is slow. ``TamedTokenizer`` searches suffixes in the last ``SUFFIX_REACH`` characters only (no
# suffix rule matches more than a few) and reads runs longer than ``WORD_RUN`` (nothing a council writes is
# a word that long) as if broken by a space every ``WORD_RUN`` characters, giving the tokens back their own
# characters, so the Doc's text is the text given. Texts longer than a piece are tagged in pieces cut at
# whitespace and joined again (``pipe``), so a 2 MB line never meets spaCy's 1,000,000-character limit.
SUFFIX_REACH = 100
WORD_RUN = 1000
PIECE = 100_000
_WORD_RUN = re.compile(r"\S{%d,}" % (WORD_RUN + 1))


def _break_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return "".join(" " if i % WORD_RUN == WORD_RUN - 1 else ch for i, ch in enumerate(run))


def tame(text: str) -> str:
    """``text`` with space-free runs longer than ``WORD_RUN`` broken by spaces (same length)."""
    return text if len(text) <= WORD_RUN else _WORD_RUN.sub(_break_run, text)


def _near_the_end(search: Any) -> Any:
    def suffix_search(text: str) -> Any:  # the tokenizer reads only the match's length
        return search(text[-SUFFIX_REACH:])
    return suffix_search


class TamedTokenizer:
    """spaCy's tokenizer in linear time on any text (see above); the Doc's text is the text given."""

    def __init__(self, tokenizer: Any) -> None:
        if tokenizer.suffix_search is not None:
            tokenizer.suffix_search = _near_the_end(tokenizer.suffix_search)
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        tamed = tame(text)
        doc = self.tokenizer(tamed)
        if tamed == text:
            return doc
        words: list[str] = []
        spaces: list[bool] = []
        for token in doc:
            end = token.idx + len(token.text)
            if token.whitespace_ and tamed[end] != text[end]:  # a space put in: the character is the token's
                words.append(text[token.idx:end + 1])
                spaces.append(False)
            else:
                words.append(text[token.idx:end])
                spaces.append(bool(token.whitespace_))
        return Doc(self.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str) -> Any:  # rules, caches and serialisation stay the wrapped tokenizer's
        return getattr(self.tokenizer, name)


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of at most about ``size`` characters, each cut just after whitespace."""
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while len(text) - start > size:
        cut = max(text.rfind(" ", start, start + size), text.rfind("\n", start, start + size))
        end = cut + 1 if cut > start else start + size
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def pipe(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """One Doc per text, like ``nlp.pipe``, for texts of any length (see ``pieces``)."""
    size = min(PIECE, nlp.max_length)
    parts = [pieces(text, size) for text in texts]
    docs = nlp.pipe(piece for group in parts for piece in group)
    for group in parts:
        found = [next(docs) for _ in group]
        yield found[0] if len(found) == 1 else Doc.from_docs(found, ensure_whitespace=False)
