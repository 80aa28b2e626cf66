"""People in attendance lines: split a printed list into one name per person.

Minutes print attendance as prose lists ("Cllrs Hodivala (Chairman), Hewett and
Wood"). A person is kept as printed but without titles ("Councillor", "Mrs"),
role notes in brackets, or honours ("OBE"), which are not people of their own.
Which words are titles is data (``patterns/minutes.json``).
"""

from __future__ import annotations

import re

from ...patterns import load_json
from ..text.pattern_rules import pattern_rules


@pattern_rules("minutes.json")
def _rules() -> dict:
    p = load_json("minutes.json")
    titles = sorted(p["name_titles"], key=len, reverse=True)
    return {
        "title": re.compile(r"^(?:" + "|".join(titles) + r")(?:\s+|$)", re.I),
        "post": re.compile(r"^(?:" + "|".join(p["post_nominals"]) + r")\.?$", re.I),
        "not_name": re.compile(r"^(?:" + "|".join(p["not_names"]) + r")\.?$", re.I),
        "officer": re.compile(r"\b(?:" + "|".join(p["role_notes_officers"]) + r")\b", re.I),
        "org": re.compile(r"\b(?:" + "|".join(p["organisation_words"]) + r")$", re.I),
        "cont": re.compile(r"^(?:" + "|".join(p["attendance"]["continuation"]) + r")\s*[:\-–]\s*", re.I),
        "role_suffix": re.compile(p["name_role_suffix"], re.I),
        # a second person run on after a name once its own titles are off: "R MacCallum Mrs R Dawson"
        "inner_title": re.compile(r"(?<=[a-z])\s+(?=(?:" + "|".join(titles) + r")\s+(?-i:[A-Z]))", re.I),
        "role_label": re.compile(r"(?:^|(?<=[\s,;:]))(?:" + "|".join(p["member_role_labels"]) + r")\s*:+\s*", re.I),
    }


def group_label(text: str) -> bool:
    """Does ``text`` open with an organisation's name as a label ("Cley Borough Council: Councillors A and B")?
    Joint committees list their members under the council each represents."""
    m = re.match(r"^([^:]{3,60}?)\s*:\s*(?=\S)", text.strip())
    return bool(m and _rules()["org"].search(m.group(1).strip()))


def is_organisation(text: str) -> bool:
    """A short line naming an organisation ("Eastmarsh City Council"), a group heading in an attendance list."""
    words = text.strip(" :").split()
    return 1 < len(words) <= 8 and bool(_rules()["org"].search(text.strip(" :"))) and words[0][:1].isupper()


def strip_titles(name: str) -> str:
    """'Chairman Cllr Mrs Shewell' -> 'Shewell'; titles may stack."""
    rules = _rules()
    prev = None
    name = name.strip(" .,;")
    while prev != name:
        prev = name
        name = rules["title"].sub("", name).strip(" .,;")
    return name


def split_names(text: str) -> tuple[list[str], list[str]]:
    """(people, officers) named in one attendance list.

    Officers are the entries whose bracketed role note names an officer post
    ("Mrs C Hardy (Clerk)"): they attend, they are not members.
    """
    rules = _rules()
    text = re.sub(r"(?<![:\-–])[ \t]{3,}(?=\S)", ", ", text)  # columns set apart by wide gaps are separate entries
    text = re.sub(r"\s+", " ", text).strip()
    text = rules["cont"].sub("", text)
    text = rules["role_label"].sub(", ", text).strip(" ,")  # "Chair: Mrs S Walker: Secretary: Mr G M Beat"
    # role notes may hold commas ("(Head of Finance, Policy)"): keep them whole while splitting
    notes: list[str] = []

    def hold(m: re.Match) -> str:
        notes.append(m.group(0))
        return f"\x00{len(notes) - 1}\x00"

    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", hold, text)  # "(Chair)", "[acting chair]"
    if ";" in text:
        # people separated by semicolons, each with a role after a comma ("Rachel Dunmore, Chief Nurse; ...")
        entries = [e.strip() for e in text.split(";") if e.strip()]
        def role_after_comma(entry: str, words: int = 2) -> bool:
            rest = entry.split(",", 1)[1].strip() if "," in entry else ""
            return (len(rest.split()) >= words and "," not in rest and not re.search(r"\band\b|&", rest)
                    and rest[:1].isupper() and not (_rules()["title"].match(rest) and strip_titles(rest)))

        # every entry "Name, Role" (a one-word role such as "Chair" counts once a longer role shows the pattern)
        if len(entries) > 1 and all(role_after_comma(e, 1) for e in entries[:-1]) \
                and any(role_after_comma(e) for e in entries[:-1]):
            text = ", ".join(e.split(",")[0] for e in entries)
    people: list[str] = []
    officers: list[str] = []
    parts = re.split(r"\s*(?:,|;|\band\b|&|\s[–-]\s)\s*", text)
    while parts:
        part = parts.pop(0).strip(" .")
        if not part:
            continue
        held = [notes[int(i)] for i in re.findall(r"\x00(\d+)\x00", part)]
        if group_label(part):
            part = part.split(":", 1)[1]  # members grouped under their council ("Cley Borough Council: Cllr A")
        bare = re.sub(r"\x00\d+\x00", " ", part)
        bare = rules["cont"].sub("", re.sub(r"\s+", " ", bare).strip(" .")).strip(" .:")
        name = strip_titles(bare)
        inner = rules["inner_title"].search(name)
        if inner and not held and len(name[: inner.start()].split()) >= 2 and not name.lower().startswith("the "):
            parts.insert(0, name[inner.end():])
            name = bare = name[: inner.start()]
        name = rules["role_suffix"].sub("", name)  # "Jane Smith Chair"
        while len(name.split()) > 1 and rules["post"].match(name.split()[-1]) and name.split()[-1].isupper():
            name = name.rsplit(None, 1)[0]  # "J Smith MBE"
        if rules["org"].search(name) and len(name.split()) > 1 and len(name.split()[0]) > 1:
            continue  # "Birmingham City Council" printed beside a member's name
        if rules["officer"].search(name) and not held:
            continue  # a role printed beside a name ("Jane Smith, Chief Executive"): not a person
        if (rules["not_name"].match(bare) or rules["not_name"].match(name)) and held and \
                rules["title"].match(held[0].strip("() ")):
            # an office with its holder in brackets: "The Mayor (Councillor J Bloggs)"
            bare = name = strip_titles(held[0].strip("() "))
            held = held[1:]
        if not name or (rules["post"].match(name) and name.isupper()) or rules["not_name"].match(bare) or rules["not_name"].match(name):
            continue
        if not re.search(r"[A-Za-z]", name) or re.search(r"\d", name) or len(name.split()) > 5:
            continue
        if re.fullmatch(r"[A-Z]{2,3}", name) and len(parts) + len(people) > 1:
            continue  # a member's initials in a column beside the name ("Rob Weatherston   RW")
        if any(rules["officer"].search(n) for n in held):
            officers.append(name)
        else:
            people.append(name)
    return people, officers
