"""The shape of every pattern file: its keys, their types and defaults, and which strings are regular expressions.

One declaration per file in ``FILES``. ``extract.patterns`` checks a file against it when the file is
first loaded, so a misspelt key, a missing one, a value of the wrong type or a regular expression that
does not compile stops with one line naming the file and the key, instead of silently switching a rule
off. Defaults live here and only here: a key declared with a default may be left out of a file and the
loader fills it in, so the code reading the file never repeats it. Keys starting with ``_`` are
comments, anywhere.

A regular expression may use the shared words of ``vocabulary.json`` as ``{slot}`` (``{months}``
becomes ``(?:jan(?:uary)?|feb(?:ruary)?|...)``); the loader expands them, so a council's word added to
the vocabulary reaches every file that refers to the slot. A few keys also take a placeholder the
reading code fills from the same file (``{place}``, ``{bodies}``, ``{note}``): those are declared here
and left for the code.

When a later version renames a key or a file, the old name goes into ``RENAMED_KEYS`` /
``RENAMED_FILES``; a key it moves to another file goes into ``MOVED_KEYS``, one it drops into
``RETIRED_KEYS``. A user's older copy then gets a message naming what became of the key, and
``council-extract patterns update`` renames, moves or removes it.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .errors import CouncilExtractError


class PatternFileError(CouncilExtractError, ValueError):
    """A pattern file that cannot be used: the message names the file, the key and what is wrong."""

    exit_code = 3


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REQUIRED: Any = _Marker("REQUIRED")  # the key must be in the file
ABSENT: Any = _Marker("ABSENT")  # the key may be left out, and then stays out (no default value)

SLOT = re.compile(r"\{([a-z_]+)\}")


def _no_slots(regex: str, placeholders: tuple[str, ...], at: "At") -> str:
    return regex


@dataclass(frozen=True)
class At:
    """Where a value stands (file, line, key path) and what the loader lends the checks."""

    path: str
    key: str = ""
    line: Optional[int] = None
    hint: str = ""  # how to bring an older copy up to date (said with a missing or renamed key)
    renamed: dict[str, str] = field(default_factory=dict)  # old key path -> new key path, for this file
    expand: Callable[[str, tuple[str, ...], "At"], str] = _no_slots  # vocabulary slots -> alternatives
    retired: dict[str, str] = field(default_factory=dict)  # key path -> what became of it, for this file

    def __truediv__(self, key: str) -> "At":
        return At(self.path, f"{self.key}.{key}" if self.key else key, self.line, self.hint, self.renamed, self.expand,
                  self.retired)

    def item(self, index: int) -> "At":
        """A list's item: a user's record (a council, a rule), so no hint about updating a copy."""
        return At(self.path, f"{self.key}[{index}]", self.line, "", self.renamed, self.expand, self.retired)

    def error(self, reason: str) -> PatternFileError:
        where = self.path + (f" line {self.line}" if self.line else "")
        return PatternFileError(f"{where}: {self.key}: {reason}" if self.key else f"{where}: {reason}")


class Spec:
    """One value's shape. ``check`` returns the value as the loader hands it on (defaults filled in)."""

    what = "a value"  # said in errors: "should be <what>"
    plural = "values"  # said of a list's items: "a list of <plural>"

    def __init__(self, default: Any = REQUIRED) -> None:
        self.default = default

    def check(self, value: Any, at: At) -> Any:
        raise NotImplementedError

    def absent(self, at: At) -> Any:
        """The value of a key left out of the file (``ABSENT``: leave it out)."""
        if self.default is REQUIRED:
            raise at.error(f"missing key ({self.what}){'; ' + at.hint if at.hint else ''}")
        if self.default is ABSENT:
            return ABSENT
        return self.check(copy.deepcopy(self.default), at)

    def wrong(self, value: Any, at: At) -> PatternFileError:
        return at.error(f"should be {self.what}, not {type(value).__name__} {_short(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Text(Spec):
    """A plain string (matched as written, never as a regular expression)."""

    def __init__(self, default: Any = REQUIRED, form: Optional[str] = None, what: str = "a non-empty string",
                 blank: bool = False, plural: str = "non-empty strings") -> None:
        super().__init__(default)
        self.form = re.compile(form) if form else None
        self.what, self.plural = what, plural
        self.blank = blank

    def check(self, value: Any, at: At) -> Any:
        if (not isinstance(value, str) or not (self.blank or value.strip())
                or (self.form and not self.form.fullmatch(value))):
            raise self.wrong(value, at)
        return value


class Choice(Spec):
    """One of a fixed set of strings."""

    def __init__(self, values: tuple[str, ...], default: Any = REQUIRED) -> None:
        super().__init__(default)
        self.values = values
        self.what = "one of " + ", ".join(values)
        self.plural = "words out of " + ", ".join(values)

    def check(self, value: Any, at: At) -> Any:
        if value not in self.values:
            raise self.wrong(value, at)
        return value


class Regex(Spec):
    """A regular expression (Python syntax). Vocabulary ``{slot}`` references are expanded;
    ``placeholders`` are ``{name}`` references the reading code fills in, left as they are."""

    what = "a regular expression"
    plural = "regular expressions"

    def __init__(self, default: Any = REQUIRED, placeholders: tuple[str, ...] = (), slots: bool = True) -> None:
        super().__init__(default)
        self.placeholders = placeholders
        self.slots = slots

    def check(self, value: Any, at: At) -> Any:
        if not isinstance(value, str) or not value:
            raise self.wrong(value, at)
        expanded = at.expand(value, self.placeholders, at) if self.slots else value
        trial = expanded
        for name in self.placeholders:
            trial = trial.replace("{" + name + "}", "(?:x)")
        try:
            re.compile(trial)
        except re.error as exc:
            raise at.error(f"{_short(value)} does not compile ({exc})") from None
        return expanded


class Number(Spec):
    """An integer (``integer=True``) or any number, within bounds."""

    def __init__(self, default: Any = REQUIRED, integer: bool = False, least: Optional[float] = None,
                 most: Optional[float] = None, above: Optional[float] = None) -> None:
        super().__init__(default)
        self.integer, self.least, self.most, self.above = integer, least, most, above
        bounds = [f">= {least}" if least is not None else "", f"> {above}" if above is not None else "",
                  f"<= {most}" if most is not None else ""]
        limits = "".join(" " + b for b in bounds if b)
        self.what = ("a whole number" if integer else "a number") + limits
        self.plural = ("whole numbers" if integer else "numbers") + limits

    def check(self, value: Any, at: At) -> Any:
        kinds = (int,) if self.integer else (int, float)
        if (isinstance(value, bool) or not isinstance(value, kinds)
                or (self.least is not None and value < self.least) or (self.most is not None and value > self.most)
                or (self.above is not None and value <= self.above)):
            raise self.wrong(value, at)
        return value


def Int(default: Any = REQUIRED, least: Optional[float] = None, most: Optional[float] = None,
        above: Optional[float] = None) -> Number:
    return Number(default, True, least, most, above)


def Float(default: Any = REQUIRED, least: Optional[float] = None, most: Optional[float] = None,
          above: Optional[float] = None) -> Number:
    return Number(default, False, least, most, above)


class ListOf(Spec):
    """A list whose every item has the shape ``item``."""

    def __init__(self, item: Spec, default: Any = REQUIRED, nonempty: bool = False, length: Optional[int] = None,
                 order: str = "") -> None:
        super().__init__(default)
        self.item = item
        self.nonempty = nonempty
        self.length = length  # exactly this many items (their place says what each is: ``order``)
        size = f"{length} " if length is not None else "non-empty " if nonempty else ""
        self.what = f"a list of {size}{item.plural}{' (' + order + ')' if order else ''}"
        self.plural = f"lists of {item.plural}"

    def check(self, value: Any, at: At) -> Any:
        if (not isinstance(value, list) or (self.nonempty and not value)
                or (self.length is not None and len(value) != self.length)):
            raise self.wrong(value, at)
        return [self.item.check(v, at.item(i)) for i, v in enumerate(value)]


def Words(default: Any = REQUIRED) -> ListOf:
    """Strings matched as written (escaped, compared or looked up; never regular expressions)."""
    return ListOf(Text(), default)


def Regexes(default: Any = REQUIRED, placeholders: tuple[str, ...] = (), nonempty: bool = False) -> ListOf:
    return ListOf(Regex(placeholders=placeholders), default, nonempty)


class Table(Spec):
    """A JSON object (a TOML table) with declared keys; ``_`` keys are comments. An unknown key is an
    error (a misspelt key would otherwise switch its rule off without a word)."""

    what = "an object of named keys"
    plural = "objects"

    def __init__(self, fields: dict[str, Spec], default: Any = REQUIRED) -> None:
        super().__init__(default)
        self.fields = fields

    def check(self, value: Any, at: At) -> Any:
        if not isinstance(value, dict):
            raise self.wrong(value, at)
        for key in value:
            if key not in self.fields and not key.startswith("_"):
                raise self.unknown(key, at)
        out: dict[str, Any] = {}
        for key, item in value.items():  # the file's order, then defaults in the declared order
            out[key] = item if key.startswith("_") else self.fields[key].check(item, at / key)
        for key, spec in self.fields.items():
            if key not in value:
                filled = spec.absent(at / key)
                if filled is not ABSENT:
                    out[key] = filled
        return out

    def unknown(self, key: str, at: At) -> PatternFileError:
        path = (at / key).key
        if path in at.renamed:
            new = at.renamed[path]
            return (at / key).error(f"renamed {new!r} in this version{'; ' + at.hint if at.hint else ''}")
        if path in at.retired:
            return (at / key).error(f"{at.retired[path]} in this version{'; ' + at.hint if at.hint else ''}")
        close = difflib.get_close_matches(key, list(self.fields), n=1)
        known = f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(self.fields)
        return (at / key).error(f"unknown key; {known} (keys starting with _ are comments)")


class Map(Spec):
    """A JSON object whose keys are data (words, names): each value has the shape ``value``; the
    ``required`` keys must be there."""

    def __init__(self, value: Spec, default: Any = REQUIRED, key: Optional[str] = None,
                 required: tuple[str, ...] = (), shapes: Optional[dict[str, Spec]] = None) -> None:
        super().__init__(default)
        self.value = value
        self.key = re.compile(key) if key else None
        self.required = required
        self.shapes = shapes or {}  # keys whose value has a shape of its own (instead of ``value``)
        self.what = f"an object whose values are {value.plural}"
        self.plural = "objects"

    def check(self, value: Any, at: At) -> Any:
        if not isinstance(value, dict):
            raise self.wrong(value, at)
        for key in self.required:
            if key not in value:
                raise (at / key).error(f"missing key ({self.value.what}){'; ' + at.hint if at.hint else ''}")
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key.startswith("_"):
                out[key] = item
                continue
            if self.key and not self.key.fullmatch(key):
                raise (at / key).error(f"not a usable name (letters and _ only, matching {self.key.pattern})")
            out[key] = self.shapes.get(key, self.value).check(item, at / key)
        return out


class TokenPattern(Spec):
    """A spaCy token pattern (a list of token objects, checked by spaCy's own schema, with any REGEX
    compiled) or a phrase (a string)."""

    what = "a spaCy token pattern (a list of objects) or a phrase"
    plural = "token patterns"

    def check(self, value: Any, at: At) -> Any:
        if isinstance(value, str) and value.strip():
            return value
        if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
            raise self.wrong(value, at)
        from spacy.schemas import validate_token_pattern

        problems = validate_token_pattern(value)
        if problems:
            raise at.error(f"not a spaCy token pattern: {problems[0]}")
        for index, token in enumerate(value):
            for attr, condition in token.items():
                if isinstance(condition, dict) and "REGEX" in condition:
                    try:
                        re.compile(condition["REGEX"])
                    except re.error as exc:
                        raise at.item(index).error(f"{attr} REGEX {_short(condition['REGEX'])} does not compile "
                                                   f"({exc})") from None
        return value


@dataclass(frozen=True)
class PatternFile:
    """One pattern file: how it is written (``json``, ``jsonl``: one ``shape`` a line, ``lines``: a word
    list, one ``shape`` a line, ``toml``) and what it holds."""

    form: str
    shape: Spec
    about: str


# --- the files ---------------------------------------------------------------------------------------------

RAGS = ("red", "amber", "green")
UNITS = ("percentage", "number", "rate", "money")


def _rules_file(labels: tuple[str, ...], about: str) -> PatternFile:
    """A spaCy SpanRuler rule file: one ``{"label": ..., "pattern": [...]}`` a line (``id`` optional).
    Only ``labels`` are read by the code: another label would be matched and never used."""
    return PatternFile("jsonl", Table({"label": Choice(labels), "pattern": TokenPattern(),
                                       "id": Text(default=ABSENT)}), about)


AGENDA = Table({
    "headings": Regexes(),
    "item": Regex(),
    "page_refs": Regexes(),
    "not_items": Regexes(),
    "list_end": Regexes(default=[]),
    "max_gap_lines": Int(default=16, least=1),
    "intro_colon": Words(default=[":", ":-"]),
    "list_end_headings": Regexes(default=[]),
    "heading_phrases": Regexes(default=[]),
    "page_column_headings": Regexes(default=[]),
    "file_number": Regex(),
    "outline_item": Regex(),
    "purpose_clause": Regex(),
    "title_notes": Regex(),
})

AUTHORITIES = Table({
    "place": Regex(),
    "names": Regexes(placeholders=("place",)),
    "bare_names": Regexes(default=[], placeholders=("place",)),
    "bare_not_places": Words(default=[]),
    "stop_places": Words(default=[]),
    "types": Words(),
    "acronym_types": Map(Words(), default={}),
    "domains": Regexes(default=[]),
    "generic_domains": Words(default=[]),
    "venues": Words(default=[]),
    "body_words": Words(),
    "not_body_lines": Regexes(default=[]),
    "attendee_line": Regex(),
    "meeting_of": Regexes(default=[]),
    "above_council": Words(default=[]),
    "report_body_labels": Regexes(default=[]),
    "report_date_labels": Regexes(default=[]),
    "meeting_dates_labels": Regexes(default=[]),
    "adoption_clauses": Regexes(default=[]),
    "decided_by": Regexes(default=[]),
    "own_meeting_title": Regex(default="$^"),
    "body_labels": Regexes(default=[]),
    "whole_meeting_words": Regex(default="$^"),
    "body_holder": Regex(default="$^"),
    "self_meeting_words": Words(default=[]),
    "body_strip": Regex(default="$^"),
    "own_meetings": Map(Regex(), default={}),
})

COVER_FIELDS = ("decision_maker", "subject", "date", "report_of")
COVER_LABELS = Table({
    "fields": Map(Words(), required=COVER_FIELDS),
    "other_labels": Words(default=[]),
    "prose_labels": Words(default=[]),
    "prose_label_not_values": Regexes(default=[]),
    "not_cover_labels": Words(default=[]),
    "not_cover_values": Map(Regexes(), default={}),
    "placeholder_values": Regexes(default=[]),
    "required": Table({"all": Words(default=["subject"]), "any": Words(default=[]), "min_of": Int(default=1, least=0)},
                      default={}),
    "recommendation_headings": Words(default=[]),
    "recommendation_leads": Regexes(default=[]),
    "end_headings": Regexes(default=[]),
    "window_pages": Int(default=2, least=1),
    "title_heading": Table({"needs": Words(default=["decision_maker", "report_of"]),
                            "min_size_ratio": Float(default=1.4, above=0),
                            "lines_above": Int(default=6, least=0)}, default={}),
})

DECISIONS = Table({
    "bodies": Words(),
    "lead": Regexes(placeholders=("bodies", "note")),
    "keyword_note": Regex(),
    "lead_strong": Words(),
    "final": Regexes(placeholders=("bodies",)),
    "verdicts": Regexes(),
    "application_reference": Regex(),
    "not_decisions": Regexes(),
    "motion": Regexes(),
    "motion_outcome": Regex(),
    "motion_lost": Regex(),
    "outcomes": Table({"carried": Regexes(), "lost": Regexes()}),
    "stated_outcome": Regex(),  # groups o / alone
    "outcome_only": Regex(),
    "counts": Regexes(),
    "named": Table({"for": Regexes(), "against": Regexes(), "abstain": Regexes()}),
    "unanimous": Regexes(),
    "list_marker": Regex(),
    "amendment": Regex(),
    "not_final": Regexes(),
    "clause": Regex(placeholders=("bodies",)),
    "caps_inside": Regex(),  # group kw
    "trailing_vote": Regex(),
    "lead_noted": Regex(),
    "stated_inside": Regex(),
    "operative_part": Regexes(),
    "text_labels": Regexes(),
    "preamble": Regexes(),
    "motion_block": Table({
        "mover_lines": Regexes(),
        "seconder_lines": Regexes(),
        "vote_lines": Regexes(),
        "outcome_lines": Regexes(),
        "motion_openers": Regexes(),
        "max_vote_lines": Int(default=40, least=1),
        "vote_record": Regex(),
        "title_kind_label": Regex(),
    }),
})

KINDS = Table({
    "attendance_lines": Regexes(default=[]),
    "cover_labels": Regexes(default=[]),
    "min_cover_labels": Int(default=3, least=1),
    "letter_openings_lines": Regexes(default=[]),
    "letter_closings_lines": Regexes(default=[]),
    "decision_notice": Regexes(default=[]),
    "meeting_record": Table({
        "within_lines": Int(default=60, least=1),
        "min_items": Int(default=2, least=1),
        "attendance_lines": Regexes(default=[]),
        "decision_labels": Regexes(default=[]),
        "item_lines": Regexes(default=[]),
    }, default={}),
    "appendix_lines": Regexes(default=[]),
    "glossary_lines": Regexes(default=[]),
    "report_titles": Regexes(default=[]),
    "presentation": Table({
        "max_mean_words": Float(default=11, above=0),
        "max_sentence_share": Float(default=0.35, least=0, most=1),
        "min_lines": Int(default=15, least=0),
        "min_median_size": Float(default=17, above=0),
        "max_lines_per_slide": Int(default=22, least=1),
        "min_bullet_share": Float(default=0.2, least=0, most=1),
    }, default={}),
    "procedural_titles": Regexes(),
})

KPIS = Table({
    "rag": Map(Choice(RAGS)),
    "missing": Words(),
    "unit_words": Map(Choice(UNITS)),
    "unit_headings": Map(Choice(UNITS)),
    "column_words": Words(),
    "comparator_phrases": Words(),
    "current_columns": Words(),
    "total_words": Words(),
    "target_words": Words(),
    "comparator_words": Words(),
    "budget_words": Words(),
    "period_words": Words(),
    "breakdown_headings": Words(),
    "value_suffixes": Map(Choice(UNITS), default={}),
    "label_headings": Words(default=[]),
    "inline_labels": Words(default=[]),
    "rag_columns": Words(default=[]),
    "title_cues": Words(default=[]),
    "direction_words": Words(default=[]),
})

LAYOUT = Table({"initials_tail": Regex(), "cues": Map(ListOf(Regex(), nonempty=True), key=r"[a-z_]+")})

MINUTES = Table({
    "meeting_headers": Regexes(),
    "kind_headers": Regexes(),
    "header_body": Regexes(),
    "header_no_body": Regexes(),
    "header_as_body": Regex(),
    "header_generic_body": Regexes(),
    "whole_authority_body": Regexes(),
    "attendance": Table({"present": Regexes(), "apologies": Regexes(), "in_attendance": Regexes(),
                         "continuation": Regexes()}),
    "label_runs_into": Regex(),
    "titled_row": Regex(),
    "title_abbreviation_end": Regex(),
    "name_titles": Regexes(),
    "name_role_suffix": Regex(),
    "member_role_labels": Regexes(),
    "post_nominals": Regexes(),
    "role_notes_officers": Regexes(),
    "not_names": Regexes(),
    "apologies_from": Regex(),  # group 1: the names
    "item": Regex(),
    "item_trailing": Regex(),
    "item_ref": Regex(),
    "title_stop": Regex(),
    "not_item_titles": Regexes(),
    "weak_item_titles": Regexes(),
    "members_by_title": Regex(),
    "table_header_cells": Words(),
    "sentence_words": Words(),
    "name_column_headings": Regexes(),
    "max_item_gap": Int(least=1),
    "vote_line": Regexes(),
    "meeting_end": Regexes(),
    "abbreviations": Words(),
    "organisation_words": Regexes(),
    "heading_number": Regex(),
    "bare_heading_number": Regex(),
    "label_headings": Table({"not_titles": Regexes(), "max_words": Int(least=1), "least": Int(least=2),
                             "list_start": Regex()}),
})

OCR_CORRECTIONS = Table({"rules": ListOf(Table({"name": Text(), "pattern": Regex(),
                                                "replacement": Text(what="a string", blank=True, plural="strings")}))})

STAMPS = Table({"page_numbers": Regexes(), "stamps": Regexes()})

TRACKER = Table({
    "procedural": Regexes(),
    "answer_cues": Regexes(),
    "open_cues": Regexes(),
    "revisit_cues": Regexes(),
    "owed_cues": Regexes(),  # wordings that bind someone named to act
    "decided": Regexes(),  # decisions taken there and then: not requests
    "monitoring_titles": Regexes(),
    "stopwords": Words(),
    "log_columns": Map(Words(), required=("who", "what", "status")),  # an action log's column headings
    "log_statuses": Map(Words(), required=("answered", "outstanding")),  # a log's status words
    "minutes_table_action_columns": Words(),  # the "Action" column of minutes set as a table
})

# the months slot is read by place too (the code gives a month its number from it): twelve, January first
VOCABULARY = Map(ListOf(Regex(slots=False), nonempty=True), key=r"[a-z_]+", required=("months", "weekdays"),
                 shapes={"months": ListOf(Regex(slots=False), length=12, order="January first")})

DATES = Table({"day_name": Regex(), "month_first_cues": Regexes(), "day_first_cues": Regexes()})

PLATFORMS = ("moderngov",)
COUNCILS = Table({
    "defaults": Table({
        "contact": Text(default="council-extract@example.org"),
        "min_interval": Float(default=1.0, least=0),  # seconds between two requests to one host
        "timeout": Float(default=60.0, above=0),
        "max_retries": Int(default=3, least=0, most=10),
        "max_bytes": Int(default=100 * 1024 * 1024, above=0),
    }, default={}),
    "council": ListOf(Table({
        "name": Text(),
        "platform": Choice(PLATFORMS, default="moderngov"),
        "base_url": Text(form=r"https?://\S+", what="an http(s) address", plural="http(s) addresses"),
        "committees": Words(default=[]),  # empty: every committee
        "contact": Text(default=ABSENT),
    }), default=[]),
})

FILES: dict[str, PatternFile] = {
    "agenda.json": PatternFile("json", AGENDA, "agenda headings, item and page-range forms"),
    "authorities.json": PatternFile("json", AUTHORITIES, "how authorities name themselves; bodies and labels"),
    "cover_labels.json": PatternFile("json", COVER_LABELS, "report cover-sheet labels and recommendation headings"),
    "decisions.json": PatternFile("json", DECISIONS, "decision wordings and vote forms"),
    "dates.json": PatternFile("json", DATES, "how dates are printed: a day's name before one"),
    "kinds.json": PatternFile("json", KINDS, "cues for what kind of paper a document is"),
    "kpis.json": PatternFile("json", KPIS, "words of KPI tables: RAG, units, headings"),
    "layout.json": PatternFile("json", LAYOUT, "pattern cues the layout reader gives each line"),
    "minutes.json": PatternFile("json", MINUTES, "minutes headers, attendance labels, item-number styles"),
    "ocr_corrections.json": PatternFile("json", OCR_CORRECTIONS, "known OCR misreadings"),
    "stamps.json": PatternFile("json", STAMPS, "page-number footers and system stamps"),
    "tracker.json": PatternFile("json", TRACKER, "recommendation tracker cues"),
    "vocabulary.json": PatternFile("json", VOCABULARY, "shared words other files refer to as {slot}"),
    "action_cues.jsonl": _rules_file(("FUTURE", "PROGRESSIVE", "ASKED", "DELEGATE", "PROCEDURAL", "PASSIVE_BY",
                                      "PLAN_FOR", "LEAD_GERUND", "STATE_VERB", "QUESTION", "NOT_COMMITMENT", "FORWARD"),
                                     "wordings that commit someone to work, or do not"),
    "bodies.jsonl": _rules_file(("BODY",), "committees, boards and teams that can act"),
    "headings.jsonl": _rules_file(("NEXT_STEPS",), "headings whose bullets are actions"),
    "metric_units.jsonl": _rules_file(("VALUE", "NOT_VALUE_BEFORE", "NOT_VALUE_AFTER", "MONTH", "COMPARATOR",
                                       "CHANGE_UP", "CHANGE_DOWN", "NOT_METRIC_SENTENCE"),
                                      "what makes a number a measured value"),
    "organisations.jsonl": _rules_file(("ORG",), "outside organisations that can act"),
    "roles.jsonl": _rules_file(("ROLE",), "officers and members who can be asked to act"),
    "council_words.txt": PatternFile("lines", Text(form=r"\S+", what="one word (no spaces)", plural="words"),
                                     "council vocabulary for the text-quality dictionary"),
    "language_words.txt": PatternFile("lines", Text(form=r"\S+", what="one word (no spaces)", plural="words"),
                                      "words of the other languages councils print, for the text-quality dictionary"),
    "councils.toml": PatternFile("toml", COUNCILS, "the councils fetch follows"),
}

# Names a later version changed: file -> {old key path: new key path}; old file name -> new file name.
RENAMED_KEYS: dict[str, dict[str, str]] = {}
RENAMED_FILES: dict[str, str] = {}
# Keys a later version moved to another file: old file -> {old key path: (new file, new key path)}. The
# user's value goes with the key (``patterns update``), merged into what the new file holds.
MOVED_KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "kinds.json": {"minutes_headers": ("minutes.json", "kind_headers")},  # minutes headers in one file
}
# Keys a later version dropped: file -> {key path: why (said to the user)}. ``patterns update`` removes them.
RETIRED_KEYS: dict[str, dict[str, str]] = {
    "tracker.json": {"request": "retired (the trained sentence classifier decides what is a request)"},
}


def gone_keys(name: str) -> dict[str, str]:
    """What became of each key of the file ``name`` that this version no longer reads (key path -> a few
    words: retired, or moved to another file), for the loader's message."""
    gone = dict(RETIRED_KEYS.get(name, {}))
    for old, (new_file, new_key) in MOVED_KEYS.get(name, {}).items():
        gone[old] = f"moved to {new_file} as {new_key!r}"
    return gone

__all__ = ["ABSENT", "FILES", "MOVED_KEYS", "PatternFile", "PatternFileError", "RENAMED_FILES", "RENAMED_KEYS",
           "REQUIRED", "RETIRED_KEYS", "Spec", "gone_keys",
           "At", "Table", "Map", "ListOf", "Regex", "Text", "Choice", "Number", "TokenPattern", "SLOT"]
