"""The document's own council, body and date (the meeting it is for).

- council: the authority as it names itself ("Kent County Council"), found in
  the text (headings count most, then how often it is named, then agreement
  with the paper's own web domain or acronym). Where it never spells its name
  out, a self-reference that gives the type ("the County Council", "KCC") is
  joined to the place its web domain or venue names ("kent.gov.uk" -> "Kent
  County Council"); a domain alone says too little, so no guess is made. A
  name with no type word ("Fife Council") counts only on a line of its own;
  a name in brackets in the title block is an attendee's affiliation.
- body: the committee the paper is for. Minutes: whose minutes they are (a
  meeting of the authority as a whole is the authority's full name);
  agenda (pack): the front sheet's title block, not the earlier meetings whose
  minutes it carries; report: the body on its cover sheet; letter: the meeting
  its subject line reports on; slides: the title slide.
- date: that meeting's date (ISO); a report or letter for no meeting: the date
  printed at its top.
Wordings live in ``patterns/authorities.json``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ...load.model import Document
from ...patterns import load_json
from ...record import Record
from .cues import fold, is_letter_opening, is_minutes_header, nonblank
from ..text.dates import find_dates, parse_date
from ..text.needs import Needs, may_match, required_literals

TITLE_BLOCK = 14  # non-blank lines at the top of the first page that may hold title, body and date
HEADING_WEIGHT = 5  # an authority named at the very top counts as this many mentions elsewhere
HEADING_LINES = 6  # non-blank lines at the top of the document where an authority names itself


@dataclass
class _Spec:
    names: list[re.Pattern[str]]
    bare_names: list[re.Pattern[str]]
    bare_not_places: set[str]
    stop_places: set[str]
    types: list[str]
    acronym_types: dict[str, list[str]]
    domains: list[re.Pattern[str]]
    generic_domains: set[str]
    venues: list[str]
    body_words: re.Pattern[str]
    not_body: list[re.Pattern[str]]
    meeting_of: list[re.Pattern[str]]
    above_council: set[str]
    report_body_labels: list[str]
    report_date_labels: list[str]
    meeting_dates_labels: list[str]
    adoption_clauses: list[str]
    decided_by: list[re.Pattern[str]]
    own_meetings: dict[str, re.Pattern[str]]  # the name members meet under -> the authority names it fits
    own_meeting_title: str
    body_labels: list[str]
    attendee_line: re.Pattern[str]
    header_as_body: re.Pattern[str]
    name_needs: list[Needs]  # per pattern of ``names``: the words a line must hold before it is tried


@lru_cache(maxsize=1)
def spec() -> _Spec:
    raw: dict[str, Any] = load_json("authorities.json")
    place = raw["place"]
    return _Spec(
        names=[re.compile(p.replace("{place}", place)) for p in raw["names"]],
        bare_names=[re.compile(p.replace("{place}", place)) for p in raw.get("bare_names", [])],
        bare_not_places={w.lower() for w in raw.get("bare_not_places", [])},
        stop_places=set(raw.get("stop_places", [])), types=list(raw["types"]),
        acronym_types=dict(raw.get("acronym_types", {})),
        domains=[re.compile(p, re.I) for p in raw.get("domains", [])],
        generic_domains=set(raw.get("generic_domains", [])), venues=list(raw.get("venues", [])),
        body_words=re.compile(r"\b(?:" + "|".join(map(re.escape, raw["body_words"])) + r")\b", re.I),
        not_body=[re.compile(p, re.I) for p in raw.get("not_body_lines", [])],
        meeting_of=[re.compile(p, re.I) for p in raw.get("meeting_of", [])],
        above_council={s.lower() for s in raw.get("above_council", [])},
        report_body_labels=list(raw.get("report_body_labels", [])),
        report_date_labels=list(raw.get("report_date_labels", [])),
        meeting_dates_labels=list(raw.get("meeting_dates_labels", [])),
        adoption_clauses=list(raw.get("adoption_clauses", [])),
        decided_by=[re.compile(p, re.I) for p in raw.get("decided_by", [])],
        own_meetings={name: re.compile(p) for name, p in raw.get("own_meetings", {}).items()},
        own_meeting_title=raw.get("own_meeting_title", "$^"),
        body_labels=list(raw.get("body_labels", [])),
        attendee_line=re.compile(raw["attendee_line"], re.I),
        header_as_body=re.compile(load_json("minutes.json")["header_as_body"], re.I),
        name_needs=[required_literals(re.compile(p.replace("{place}", place))) for p in raw["names"]],
    )


# --- council -------------------------------------------------------------------------------------------

def _tidy_case(name: str) -> str:
    """"KENT COUNTY COUNCIL" -> "Kent County Council"; mixed case stays as printed."""
    if name.isupper():
        small = {"of", "and", "upon", "on", "in", "le", "the", "under", "by"}
        words = name.lower().split()
        return " ".join(w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return " ".join(name.split())


def _trim_place(name: str, place: Optional[str]) -> Optional[str]:
    """Drop leading words that cannot start a place name ("The", lower-case joiners) or break the case style."""
    if not place:
        return name
    words = place.split()
    rest = name[len(name) - len(name.lstrip()):]
    upper_style = name.split()[-1].isupper()
    while words and (words[0] in spec().stop_places or words[0].islower() or words[0] == "&"
                     or (words[0] in ("St", "St.") and len(words) == 1)
                     or (upper_style and not words[0].isupper()) or (not upper_style and words[0].isupper() and len(words[0]) > 3)):
        words = words[1:]
    if not words:
        return None
    suffix = name[name.find(place) + len(place):] if place in name else ""
    prefix = name[: name.find(place)] if place in name else ""
    return " ".join((prefix + " ".join(words) + suffix).split()) or rest


def _title_case_caps(text: str) -> str:
    """A line set in capitals read in title case, so "KENT COUNTY COUNCIL" reads like "Kent County Council"."""
    letters = list(filter(str.isalpha, text))  # called on every line: the loops run in C
    if letters and sum(map(str.isupper, letters)) / len(letters) > 0.8:
        return _tidy_case(text.upper())
    return text


def _bare_authority(text: str) -> Optional[str]:
    """A line that is an authority's name with no type word ("Fife Council", "THE HIGHLAND COUNCIL"), alone
    or ahead of a dash or a wide gap. Only such a line counts: in running text "X Council" is as often a
    meeting ("Budget Council") or another body ("Youth Council") as an authority."""
    # the name alone, or leading a title or running header ("FIFE COUNCIL – EDUCATION COMMITTEE",
    # "Fife Council   Page 3"): the part before a dash, bar, colon or a wide gap
    first = re.split(r"\s+[-–—|]\s+|\s*:\s+|\s{3,}|\t", text.strip(), maxsplit=1)[0]
    text = " ".join(first.split()).strip(" .,:;")
    for pattern in spec().bare_names:
        m = pattern.fullmatch(text)
        if not m:
            continue
        place = _trim_place(m.group("name"), m.group("place"))
        words = (place or "").split()[:-1]  # the place, without "Council"
        if not words or len(words) > 4 or not words[-1][:1].isupper() or re.search(r"['’]s?$", words[-1]):
            continue  # "Leader's Council", "Tenants' Council": someone's council, not a place's
        if any(w.lower().strip("’'") in spec().bare_not_places or w in spec().stop_places for w in words):
            continue
        return _tidy_case(" ".join(words + ["Council"]))
    return None


def find_authorities(text: str, whole_line: bool = False) -> list[str]:
    """Every authority name printed in ``text`` (one line or a few joined), normalised in case.

    With ``whole_line`` the text is one line of the paper, and a line that is nothing but a name with
    no type word ("Fife Council") counts as well."""
    out: list[str] = []
    text = _title_case_caps(text)
    ends: set[int] = set()  # one name per place it ends: two patterns may read the same name ("NHS X ... Board")
    for pattern, needs in zip(spec().names, spec().name_needs):
        if not may_match(needs, text):  # lacks the pattern's fixed words ("Council"): it cannot match
            continue
        for m in pattern.finditer(text):
            if m.end("name") in ends:
                continue
            name = m.group("name")
            place = m.groupdict().get("place")
            if place:
                # a place never runs across another authority's name ("X County Council and Y City Council")
                parts = re.split(r"\b(?:Council|Authority|Board)\b", place)
                place_words = parts[-1].split()
                while place_words and place_words[0].lower() in ("and", "of", "the", "&", "or"):
                    place_words = place_words[1:]
                new_place = " ".join(place_words)
                name = name.replace(place, new_place, 1) if new_place else ""
                place = new_place
            trimmed = _trim_place(name, place) if name else None
            if trimmed:
                out.append(_tidy_case(trimmed))
                ends.add(m.end("name"))
    if whole_line and not out:
        bare = _bare_authority(text)
        if bare:
            out.append(bare)
    return out


def _doc_lines(doc: Document) -> list[tuple[int, str]]:
    return [(page.number, fold(line.text)) for page, line in doc.lines() if line.text.strip()]


def _affiliations(text: str) -> set[str]:
    """Authorities a line names as someone's affiliation, not as its own title: in brackets
    ("Councillor A Bligh (Braemouth City Council)") or on an attendance line."""
    if spec().attendee_line.match(text):
        return set(find_authorities(text))
    return {name for part in re.findall(r"\(([^()]*)\)", text) for name in find_authorities(part)}


def _mentions(doc: Document) -> Counter[str]:
    """Authority names, each line on its own and each pair of neighbouring short lines joined. A name in
    the title block counts as ``HEADING_WEIGHT`` mentions, unless it is an attendee's affiliation."""
    counts: Counter[str] = Counter()
    lines = _doc_lines(doc)
    head = {i for i in range(min(HEADING_LINES, len(lines)))}
    named: dict[str, list[str]] = {}  # a line's own names, read once though asked again as the next line
    for index, (_, text) in enumerate(lines):
        weight = HEADING_WEIGHT if index in head else 1
        found = find_authorities(text, whole_line=True)
        affiliated = _affiliations(text) if found and weight > 1 else set()
        for name in found:
            counts[name] += 1 if name in affiliated else weight
        if not found and index + 1 < len(lines) and len(text.split()) <= 4:
            following = lines[index + 1][1]
            joined = f"{text} {following}"
            for name in find_authorities(joined):
                if following not in named:
                    named[following] = find_authorities(following)
                if name not in named[following]:
                    counts[name] += weight
    return counts


# A whitespace run holding a line break, just before ".gov." / "gov.". Matched from the run's first character
# only (the lookbehind), so a long run of blank lines costs linear time (``\s*\n\s*`` backtracked cubically).
_WRAPPED_GOV = re.compile(r"(?<!\s)\s+(?=\.?gov\.)")


def _unwrap(m: re.Match[str]) -> str:
    return "" if "\n" in m.group(0) else m.group(0)


def _domain_places(text: str) -> Counter[str]:
    places: Counter[str] = Counter()
    compact = _WRAPPED_GOV.sub(_unwrap, text)  # an address wrapped before ".gov.uk"
    for pattern in spec().domains:
        for m in pattern.finditer(compact):
            place = m.group("place").lower()
            if place not in spec().generic_domains:
                places[place] += 1
    return places


def _acronyms(text: str) -> Counter[str]:
    ends = "|".join(sorted(spec().acronym_types, key=len, reverse=True))
    return Counter(m.group(0) for m in re.finditer(r"\b[A-Z]{1,3}(?:" + ends + r")\b", text))


def _self_types(text: str) -> Counter[str]:
    types = "|".join(map(re.escape, spec().types))
    return Counter(m.group(1).title() for m in re.finditer(r"\bthe\s+(" + types + r")\s+council\b", text, re.I)
                   if not m.group(0).isupper() or True)


def _venue_place(lines: list[str]) -> Optional[str]:
    for text in lines:
        for venue in spec().venues:
            m = re.search(r"((?:[A-Z][\w’'\-]+\s+){1,3})" + re.escape(venue) + r"\b", text)
            if m:
                return m.group(1).strip()
    return None


@dataclass
class _Evidence:
    """What the whole text says of its authority besides printed names: web domains, acronyms, "the County
    Council". Read once per document (each is a scan of all its text)."""

    text: str
    places: Counter[str]
    acronyms: Counter[str]
    types: Counter[str]

    @classmethod
    def of(cls, doc: Document) -> "_Evidence":
        text = doc.text
        return cls(text, _domain_places(text), _acronyms(text), _self_types(text))


def _constructed_council(doc: Document, evidence: Optional[_Evidence] = None) -> Optional[str]:
    """Place + type where the paper never spells its name out ("the County Council" + kent.gov.uk)."""
    ev = evidence or _Evidence.of(doc)
    text, types, acronyms, places = ev.text, ev.types, ev.acronyms, ev.places
    place: Optional[str] = None
    kind: Optional[str] = None
    if places:
        place = places.most_common(1)[0][0].replace("-", " ").title()
    else:
        place = _venue_place([t for _, t in _doc_lines(doc)[:TITLE_BLOCK * 3]])
    if place is None:
        return None
    initials = "".join(w[0] for w in place.split()).upper()
    for acronym, _ in acronyms.most_common():  # "KCC" with kent.gov.uk: Kent C... C(ouncil)
        if not acronym.startswith(initials):
            continue
        options = spec().acronym_types.get(acronym[len(initials):], [])
        if options:
            kind = (next((t for t in options if t in types), None)
                    or next((t for t in options if re.search(r"\b" + t + r"\b", text)), options[0]))
            break
    if kind is None and types:
        kind = types.most_common(1)[0][0]
    if kind is None:
        return None
    return f"{place} {kind} Council"


def _merge_suffixes(counts: Counter[str]) -> Counter[str]:
    """Credit a name with the mentions of longer names that end with it ("Children and Learning Southampton
    City Council" is "Southampton City Council" run on from the line before)."""
    merged: Counter[str] = Counter()
    names = sorted(counts, key=len)
    for name in names:
        target = next((short for short in names if short != name and name.endswith(" " + short)), name)
        merged[target] += counts[name]
    return merged


def _first_lines(doc: Document, limit: int) -> dict[str, int]:
    """The first of the top ``limit`` non-blank lines on which each authority is named."""
    first: dict[str, int] = {}
    for index, (_, text) in enumerate(_doc_lines(doc)[:limit]):
        for name in find_authorities(text, whole_line=True):
            first.setdefault(name, index)
    return first


def find_council(doc: Document) -> Optional[str]:
    counts = _merge_suffixes(_mentions(doc))
    ev = _Evidence.of(doc)
    constructed = _constructed_council(doc, ev)
    if not counts:
        return constructed
    places, acronyms, self_types = ev.places, ev.acronyms, ev.types

    def evidence(name: str) -> float:
        """What besides its printed mentions speaks for a name: the paper's domain, acronym and self-reference."""
        boost = 0.0
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if any(name.lower().startswith(p.replace("-", " ")) for p in places):
            boost += 3
        if acronyms.get(initials):
            boost += min(acronyms[initials], 10)
        if self_types and any(t in name for t in self_types):
            boost += min(sum(self_types.values()), 5)
        return boost

    first_line = _first_lines(doc, HEADING_LINES)

    def score(name: str) -> tuple[float, int, int]:
        # equal weight: the name printed first (the paper's own title) wins, then the shorter
        return counts[name] + evidence(name), -first_line.get(name, HEADING_LINES), -len(name)

    headed = [name for name in counts if counts[name] >= HEADING_WEIGHT]
    best = max(headed or list(counts), key=score)  # an authority named in its own title block wins
    if constructed and constructed != best and counts[best] < HEADING_WEIGHT and evidence(constructed) > score(best)[0]:
        return constructed  # named only in passing; the paper's own domain and acronym say otherwise
    dominant = self_types.most_common(1)[0][0] if self_types else None
    if (constructed and constructed != best and counts[best] < HEADING_WEIGHT
            and dominant and dominant in constructed and dominant not in best):
        # named only in passing ("Birmingham City Council is responsible for ..."), while the paper calls
        # itself "the Town Council": trust the self-reference
        return constructed
    return best


# --- body and date -------------------------------------------------------------------------------------

def _not_body(text: str) -> bool:
    t = text.strip().rstrip(":").strip()
    return any(p.fullmatch(t) for p in spec().not_body)


def _heading_like(text: str, bold: bool) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bold or upper or len(text.split()) <= 8


def _body_from_meeting_of(lines: list[str], council: Optional[str]) -> Optional[str]:
    joined = " ".join(lines)
    if council and re.search(r"\bmeeting\s+of\s+the\s+(?:parish|town|community|city|borough|district|county|full)\s+council\b"
                             r"(?!\s+(?:committee|panel|sub))", joined, re.I):
        return council
    if council and re.search(r"\bmeeting\s+of\s+the\s+above\s+(?:named\s+)?council\b", joined, re.I):
        return council
    for pattern in spec().meeting_of:
        for m in pattern.finditer(joined):
            body = m.group("body").strip(" ,")
            if body.lower() in spec().above_council or body.lower().startswith("above "):
                return council
            if len(body.split()) <= 10:
                return body
    return None


def _whole_authority(body: Optional[str], council: Optional[str]) -> bool:
    """Whether ``body`` is the authority meeting as a whole: "the Council", "Full Council", or the
    authority's own name without its place ("Fire and Rescue Authority" of "Westermoor Fire and Rescue
    Authority", "Combined Authority")."""
    if not body or not council:
        return False
    b = fold(body).lower().strip(" .")
    c = fold(council).lower()
    # "Full Town Council", "Annual Council": the authority's own meeting, a word before its name or type
    plain = re.sub(load_json("authorities.json").get("whole_meeting_words", "$^"), "", b, flags=re.I).strip()
    return any(x in spec().above_council or c == x or (len(x.split()) >= 2 and c.endswith(" " + x))
               for x in {b, plain} if x)


_NOT_A_NAME = {"the", "a", "an", "of", "and", "meeting", "meetings", "proceedings"}


def _printed_minutes_body(lines: list[str]) -> Optional[str]:
    """The body a minutes header line prints for itself ("MINUTES OF THE CABINET", "Minutes of the Board
    meeting held ..."), each title-block line read on its own."""
    for text in lines:
        for pattern in spec().meeting_of:
            m = pattern.search(text)
            if m:
                body = m.group("body").strip(" ,")
                if not set(body.lower().split()) - _NOT_A_NAME or not body[:1].isupper():
                    continue  # "Minutes of the meeting held ...", "of the last meeting": no body printed
                if body and len(body.split()) <= 10 and not find_dates(body):
                    return _tidy_case(body)
    return None


def _minutes_body(meeting_body: Optional[str], head: list[str], doc: Document, council: Optional[str]) -> Optional[str]:
    """Whose minutes these are. The minutes parser's reading comes first; where it names an authority
    (the line above the header) while the header prints a committee, the printed committee wins. A
    meeting of the authority as a whole ("meeting of the Parish Council", "... of the Fire and Rescue
    Authority") is the authority's full name."""
    body = meeting_body
    if body and spec().header_as_body.match(body):
        body = _printed_minutes_body([body]) or body  # the header line itself taken for the body's name
    if body and (find_authorities(body, whole_line=True) or _same_body(body, council)):
        printed = _printed_minutes_body(head)
        if printed and not find_authorities(printed, whole_line=True) and not _whole_authority(printed, council):
            body = printed
    body = body or _body_from_meeting_of(head, council) or _title_block_body(doc, council)
    if _whole_authority(body, council):
        body = council
    return body


def _title_block_body(doc: Document, council: Optional[str], limit: int = TITLE_BLOCK) -> Optional[str]:
    """The body named in the first page's title block: a "Meeting:" label, a heading line naming a
    committee, else the first heading."""
    rows = [(fold(line.text), line.bold) for page in doc.pages[:1] for line in page.lines if line.text.strip()][:limit]
    labelled = _label_value([text for text, _ in rows], spec().body_labels)
    if labelled:
        return _split_body_date(labelled)[0]
    candidates = []
    for text, bold in rows:
        if not re.search(r"[A-Za-z]{2}", text) or is_minutes_header(text) or _not_body(text) or find_dates(text) or is_letter_opening(text):
            continue
        if _LABEL_LINE.match(text):
            continue  # "Author: Town Clerk": a cover label and its value, never the meeting's name
        if council and fold(text).lower() == council.lower():
            continue
        if council and fold(text).lower().startswith(council.lower() + " ") and re.fullmatch(
                spec().own_meeting_title, fold(text)[len(council):].strip(), re.I):
            return council  # "Garelochhead Community Council Public Meeting Agenda": the authority's own meeting
        if find_authorities(text, whole_line=True) and len(text.split()) <= 6:
            continue
        if not _heading_like(text, bold) or len(text.split()) > 12 or text.endswith((".", ",")):
            continue
        if any(text.endswith(v) for v in spec().venues) or re.search(r"\d", text) or "@" in text:
            continue
        candidates.append(text)
    named = [c for c in candidates if spec().body_words.search(c)]
    if named:
        return named[0]
    if council and _self_meeting(council) and any(fold(text).lower() == council.lower() for text, _ in rows):
        return council  # "… Police and Crime Panel": the authority heading its own paper is the meeting
    return candidates[0] if candidates else None


def _self_meeting(council: str) -> bool:
    words = load_json("authorities.json").get("self_meeting_words", [])
    return bool(words) and re.search(r"\b(?:" + "|".join(map(re.escape, words)) + r")$", council.strip(), re.I) is not None


_LABEL_LINE = re.compile(r"^[A-Za-z][\w ()/'’&-]{0,30}:\s*\S")


def _label_value(lines: list[str], labels: list[str]) -> Optional[str]:
    for label in labels:
        pattern = re.compile(r"^\s*" + label + r"\s*:\s*(?P<v>\S.*)$", re.I)
        for text in lines:
            m = pattern.match(text)
            if m:
                return m.group("v").strip()
    return None


def _box_label_value(doc: Document, labels: list[str]) -> Optional[str]:
    """A label printed alone in a ruled box (PDF), its value in the cell beside it and starting above it
    when the label is centred in a tall cell ("Decision maker:" beside a two-line office and name)."""
    from ..reports.labels import value_cell

    patterns = [re.compile(r"\s*" + label + r"\s*:?\s*", re.I) for label in labels]
    for page in doc.pages[:2]:
        for index, line in enumerate(page.lines):
            text = (line.runs[0][2] if line.runs else line.text) if line.top is not None else ""
            if text and any(p.fullmatch(fold(text)) for p in patterns):
                cell = value_cell(page.lines, index)
                if cell:
                    return " ".join(" ".join(cell).split())
    return None


def _split_body_date(value: str) -> tuple[str, Optional[str]]:
    """"Cabinet – 30 January 2025" -> ("Cabinet", "2025-01-30")."""
    dates = find_dates(value)
    if dates:
        body = value[: dates[0].start].rstrip(" -–—,:;(")
        return (body or value), dates[0].iso
    return value, None


def _top_date(doc: Document, before_agenda: Optional[int] = None, limit: int = TITLE_BLOCK * 2) -> Optional[str]:
    lines = [fold(line.text) for page in doc.pages[:2] for line in page.lines if line.text.strip()]
    if before_agenda is not None:
        lines = lines[:before_agenda]
    return parse_date(" ".join(lines[:limit]))


def _decided_by(lines: list[str]) -> Optional[str]:
    """The body a resolution's title names ("A RESOLUTION OF THE CITY COMMISSION ..." -> "City Commission")."""
    joined = " ".join(" ".join(t.split()) for t in lines)
    for pattern in spec().decided_by:
        m = pattern.search(joined)
        if m:
            return _tidy_case(m.group("body"))
    return None


def _adopted_date(doc: Document) -> Optional[str]:
    """The date a resolution or ordinance was passed, from its adoption clause ("PASSED AND ADOPTED this
    twenty-third day of January, A.D., 2024"): the meeting it was adopted at, where its top prints no date."""
    text = " ".join(t for _, t in _doc_lines(doc))
    for clause in spec().adoption_clauses:
        for m in re.finditer(clause, text, re.I):
            found = parse_date(text[m.end(): m.end() + 80])
            if found:
                return found
    return None


def _agenda_line_index(doc: Document, record: Record) -> Optional[int]:
    if not record.agenda:
        return None
    first = record.agenda[0].title[:30]
    lines = [fold(line.text) for page in doc.pages[:2] for line in page.lines if line.text.strip()]
    return next((i for i, t in enumerate(lines) if first and first in t), None)


def _same_body(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    return fold(a).lower().strip(" .") == fold(b).lower().strip(" .")


def _letter_meta(doc: Document) -> tuple[Optional[str], Optional[str]]:
    lines = [fold(line.text) for page in doc.pages[:2] for line in page.lines if line.text.strip()]
    opening = next((i for i, t in enumerate(lines) if is_letter_opening(t)), None)
    letter_date = parse_date(" ".join(lines[: opening or 15]))
    if opening is not None and opening + 1 < len(lines):
        subject = lines[opening + 1]
        m = re.search(r"^(?:re:\s*)?(?P<body>.*?\bmeeting\b)", subject, re.I)
        if m and len(subject.split()) <= 20:
            return m.group("body").strip(), parse_date(subject) or letter_date
    return None, letter_date


def fill_document_meta(doc: Document, record: Record) -> None:
    """Set ``record.council``, ``record.body`` and ``record.date`` from what the document prints."""
    council = find_council(doc)
    record.council = council
    kind = record.kind
    head = [fold(line.text) for page in doc.pages[:1] for line in page.lines if line.text.strip()][:TITLE_BLOCK]
    body: Optional[str] = None
    date: Optional[str] = None
    if kind == "minutes":
        meeting = record.meetings[0] if record.meetings else None
        body = _minutes_body(meeting.body if meeting else None, head, doc, council)
        date = (meeting.date if meeting else None) or _top_date(doc)
    elif kind in ("agenda", "agenda_pack"):
        before = _agenda_line_index(doc, record)
        block = head[: before] if before else head
        body = _body_from_meeting_of(block, council) or _title_block_body(doc, council, before or TITLE_BLOCK)
        date = _top_date(doc, before)
        if date is None:
            dates: list[str] = [r.date for r in record.reports
                                if r.date and (not body or _same_body(r.decision_maker, body))]
            if not dates:
                labelled = parse_date(_label_value([t for _, t in _doc_lines(doc)], spec().meeting_dates_labels))
                dates = [labelled] if labelled else []
            date = Counter(dates).most_common(1)[0][0] if dates else None
    elif kind in ("report", "decision_notice"):
        report = record.reports[0] if record.reports else None
        lines = [fold(line.text) for page in doc.pages[:2] for line in page.lines if line.text.strip()][:60]
        value = ((report.decision_maker if report else None) or _label_value(lines, spec().report_body_labels)
                 or _box_label_value(doc, spec().report_body_labels))
        if value:
            body, date = _split_body_date(value)
        date = (report.date if report else None) or parse_date(_label_value(lines, spec().report_date_labels)) or date
        if kind == "decision_notice" and not value:
            # a signed resolution: passed by the body its title names, on the day its adoption clause gives
            body = _decided_by(head)
            date = date or _adopted_date(doc)
        if date is None and not value:
            date = _top_date(doc, limit=TITLE_BLOCK)
    elif kind == "letter":
        body, date = _letter_meta(doc)
    else:  # presentations and others: the title slide or title block
        body = _body_from_meeting_of(head, council) or _title_block_body(doc, council, 8)
        date = _top_date(doc, limit=8) or _adopted_date(doc)
    if body:
        body = re.sub(load_json("authorities.json").get("body_strip", "$^"), "", body.strip(), flags=re.I).strip(" ,:-–")
        # an office with its holder's name in brackets: "Portfolio Holder for Housing (Councillor A Jones)"
        body = re.sub(load_json("authorities.json").get("body_holder", "$^"), "", body, flags=re.I).strip(" ,:-–") or body
    record.body = plausible_body(body) if body else None
    if kind in ("minutes", "agenda", "agenda_pack") and council and (
            record.body is None or _same_body(record.body, council)
            or not (spec().body_words.search(record.body) or re.search(r",|&|\band\b", record.body))):
        # no committee named, or a heading without a body's word taken for one ("Annual General" of "Annual
        # General Meeting of the ... Community Council"): the authority's own meeting. A committee named by
        # its remit ("Amenities, Leisure and Community Services") stays.
        record.body = _own_meeting(council)
    record.date = date
    for meeting in record.meetings:
        meeting.body = plausible_body(meeting.body) if meeting.body else None


def _own_meeting(council: str) -> str:
    """The meeting of an authority whose minutes or agenda name no committee: the authority's own, by the
    name it gives its members as a body ("City of Rivergrove" -> "City Council", "Town of X" -> "Town
    Council"); a council named as such ("Newbiggin Parish Council") is its own meeting's name."""
    return next((name for name, rx in spec().own_meetings.items() if rx.match(council)), council)


def plausible_body(body: str) -> Optional[str]:
    """``body`` as a committee's name, or None when the line taken for it is something else.

    Why: where no label or header names the body, the title block's heading
    is taken, and on papers of unfamiliar layout that may be a list of names
    ("P Clarke, A Armstrong, Clerk J Brampton"), a procedural heading ("CALL TO
    ORDER AND ROLL CALL"), a label ("Meeting Date") or a name with the line's
    next words run on ("Licensing Board Keeana S. Saxon"). A body's name ends
    with its body word ("... Committee", "... Council"), or goes on only with
    "of ..." or a number ("Board of Directors", "Community Board No. 4"); a
    name with no body word is kept unless it is in capitals or a list.
    """
    text = " ".join(body.split())
    if not text or ":" in text or not (text[:1].isupper() or text[:1].isdigit()):
        return None
    named = list(spec().body_words.finditer(text))
    if not named:
        return None if text.isupper() or text.count(",") >= 2 else text
    tail = text[named[-1].end():].strip()
    if tail and not re.match(r"(?:of|for|no\.?|\d|\()", tail, re.I):
        trimmed = text[: named[-1].end()].strip(" ,-–")
        return trimmed if len(trimmed.split()) >= 2 else None
    return text


__all__ = ["fill_document_meta", "find_council", "find_authorities", "plausible_body"]
