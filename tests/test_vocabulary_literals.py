"""No vocabulary word written into a regular expression in ``extract/parse/``.

The words councils share (months, weekdays, person titles, decision verbs and outcomes, role words) are
named once, in ``patterns/vocabulary.json``, and reach a regular expression through a ``{slot}`` of a pattern
file, so a user who adds their council's word there sees it used everywhere. A regex literal in the parsers
that spells one of those words out is a second copy the user's word never reaches: this test finds them.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

try:
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # Python < 3.11
    import sre_parse  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
PARSE = ROOT / "extract" / "parse"
SLOTS = ("months", "weekdays", "person_titles", "decision_verbs", "decision_outcomes", "role_words")
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


class TooMany(Exception):
    """A regular expression that spells more strings than are worth listing."""


def spellings(fragment: str, most: int = 5000) -> list[str]:
    """The strings a regular expression matches, a break between words (a space) for ``\\s``, a class or any
    character, a repeat taken once or not at all: ``jan(?:uary)?`` -> jan, january."""
    def walk(items) -> list[str]:
        outs = [""]
        for op, value in items:
            name = str(op)
            if name == "LITERAL":
                outs = [o + chr(value) for o in outs]
            elif name == "IN":
                chars = [chr(v) for k, v in value if str(k) == "LITERAL"] or [" "]
                outs = [o + c for o in outs for c in chars]
            elif name == "SUBPATTERN":
                outs = [o + s for o in outs for s in walk(value[-1])]
            elif name == "BRANCH":
                outs = [o + s for o in outs for b in value[1] for s in walk(b)]
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                low, _, sub = value
                outs = [o + s for o in outs for s in ([""] if low == 0 else []) + walk(sub)]
            elif name == "AT":  # an anchor (\\b, ^) joins nothing and breaks nothing
                pass
            else:  # a category (\\s, \\d), any character, a lookaround: a break between words
                outs = [o + " " for o in outs]
            if len(outs) > most:
                raise TooMany(fragment)
        return outs

    return walk(sre_parse.parse(fragment))


def words_of(fragment: str) -> set[str]:
    """The single words a vocabulary fragment matches: ``cllrs?\\.?`` -> cllr, cllrs (a dot is no part of a
    word); a phrase (``head\\s+of``) gives none."""
    return {text.lower() for text in spellings(fragment) if re.fullmatch(r"[A-Za-z]+", text)}


def vocabulary() -> dict[str, set[str]]:
    """Each single word of the named slots, with the slots it is in."""
    data = json.loads((ROOT / "patterns" / "vocabulary.json").read_text(encoding="utf-8"))
    slots: dict[str, set[str]] = {}
    for slot in SLOTS:
        for fragment in data[slot]:
            for word in words_of(fragment):
                slots.setdefault(word, set()).add(slot)
    return slots


def regex_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string in the pattern of an ``re`` call, or in the value of a name it uses (not the
    keys that look a pattern file's value up)."""
    tree = ast.parse(source)
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    out = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCTIONS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            roots, seen = [node.args[0]], set()
            while roots:
                root = roots.pop()
                keys = {id(sub.slice) for sub in ast.walk(root) if isinstance(sub, ast.Subscript)}
                for sub in ast.walk(root):
                    if id(sub) in keys:  # a key that looks a pattern up (p["outcomes"]["carried"]), no regex text
                        continue
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        out.append((sub.lineno, sub.value))
                    elif isinstance(sub, ast.Name) and sub.id not in seen:
                        seen.add(sub.id)
                        roots += assigned.get(sub.id, [])
    return out


def words_in_regex(text: str) -> set[str]:
    """The words a regex literal spells, as written (escapes such as \\b and group names are not words) and,
    where the literal is a whole regular expression, as matched (``(?:mon|tues?)(?:day)?`` spells monday)."""
    written = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)|\\[a-zA-Z]|\(\?[aiLmsux]+\)", " ", text)
    words = set(re.findall(r"[a-z]+", written.lower()))
    try:
        spelt = {w for spelling in spellings(text) for w in re.findall(r"[a-z]+", spelling.lower())}
    except (TooMany, re.error):
        return words  # a part of a regular expression, or one too rich to spell out: as written only
    # a word counts as spelt where it starts as written (not "nov" from "no\\.?\\s*[ivx]")
    return words | {w for w in spelt if any(token.startswith(w[:3]) for token in words)}


def vocabulary_in_parse(folder: Path) -> dict[str, dict[str, list[int]]]:
    """file (relative to ``folder``) -> vocabulary word -> the lines of the regex literals that spell it."""
    words = vocabulary()
    found: dict[str, dict[str, list[int]]] = {}
    for path in sorted(folder.rglob("*.py")):
        for line, text in regex_literals(path.read_text(encoding="utf-8")):
            for word in words_in_regex(text) & set(words):
                found.setdefault(path.relative_to(folder).as_posix(), {}).setdefault(word, []).append(line)
    return found


def test_the_scan_finds_a_vocabulary_word_in_a_regex(tmp_path: Path):
    (tmp_path / "m.py").write_text('import re\nDAY = r"\\b(?P<sep>monday|tue)\\s+(\\d+)"\n'
                                   'X = re.compile(DAY)\nY = re.search(r"(?i)resolved\\s*:", "")\n'
                                   'Z = re.search(r"(?P<sep>[/.])(?P=sep)", "")\nLABEL = "Resolved"\n'
                                   'W = re.compile("|".join(p["outcomes"]["carried"]))\n')
    assert vocabulary_in_parse(tmp_path) == {"m.py": {"monday": [2], "resolved": [4]}}
    assert {"jan", "january", "sept", "september", "cllr", "cllrs", "authorised", "authorized"} <= set(vocabulary())
    assert "wednesday" in words_in_regex(r"(?:mon|tues?|wed(?:nes)?)(?:day)?\.?,?\s+")


def test_no_vocabulary_word_in_a_parse_regex():
    found = vocabulary_in_parse(PARSE)
    assert not found, ("vocabulary words written into regular expressions in extract/parse/ (file: word: lines; use a "
                       f"{{slot}} of patterns/vocabulary.json in a pattern file, or move the regex to one): {found}")
