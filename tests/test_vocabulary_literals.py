"""No vocabulary word written into a regular expression in ``extract/parse/``.

The words councils share (months, weekdays, person titles, decision verbs and outcomes, role words) are
named once, in ``patterns/vocabulary.json``, and reach a regular expression through a ``{slot}`` of a pattern
file, so a user who adds their council's word there sees it used everywhere. A regex literal in the parsers
that spells one of those words out is a second copy the user's word never reaches: this test finds them.

``NOT_YET_MOVED`` lists, per file, the words still written in code when the test was written (to move to
pattern files); a word not listed fails, and so does a listed word no longer there (shrink the list).
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

NOT_YET_MOVED = {
    "document/identity.py": {"cllrs", "councillors", "mayor", "confirmed"},
    "kpis/cells.py": {"jan", "feb", "mar", "apr", "may", "june", "july", "aug", "sep", "oct", "nov", "dec"},
    "layout/features.py": {"chair", "clerk"},
    "minutes/__init__.py": {"accepted", "noted", "received"},
    "minutes/attendance.py": {"cllr", "cllrs", "councillors", "dr", "miss", "mr", "mrs", "ms", "prof", "rev"},
    "minutes/from_roles.py": {"agreed", "approved", "decided", "resolved"},
    "minutes/names.py": {"chair", "mayor"},
    "minutes/resolutions.py": {"agreed", "approved", "carried", "decided", "defeated", "lost", "resolved"},
    "minutes/votes.py": {"carried", "defeated", "lost", "passed"},
}


def words_of(fragment: str) -> set[str]:
    """The single words a vocabulary fragment matches: ``jan(?:uary)?`` -> jan, january; ``cllrs?\\.?`` -> cllr,
    cllrs (the dot is no part of a word); a phrase (``head\\s+of``) gives none."""
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
            elif name == "AT":  # an anchor (\b, ^) joins nothing and breaks nothing
                pass
            else:  # \s, a category, any character: a break between words
                outs = [o + " " for o in outs]
        return outs

    return {text.lower() for text in walk(sre_parse.parse(fragment)) if re.fullmatch(r"[A-Za-z]+", text)}


def vocabulary() -> dict[str, str]:
    """Each single word of the named slots, with its slot."""
    data = json.loads((ROOT / "patterns" / "vocabulary.json").read_text(encoding="utf-8"))
    return {word: slot for slot in SLOTS for fragment in data[slot] for word in words_of(fragment)}


def regex_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string in the pattern of an ``re`` call, or in the value of the name it passes."""
    tree = ast.parse(source)
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    out = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCTIONS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            pattern = node.args[0]
            for root in assigned.get(pattern.id, []) if isinstance(pattern, ast.Name) else [pattern]:
                out += [(sub.lineno, sub.value) for sub in ast.walk(root)
                        if isinstance(sub, ast.Constant) and isinstance(sub.value, str)]
    return out


def words_in_regex(text: str) -> set[str]:
    """The words a regex literal spells: escapes (\\b, \\s) and group names are not words."""
    text = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)|\\[a-zA-Z]|\(\?[aiLmsux]+\)", " ", text)
    return set(re.findall(r"[a-z]+", text.lower()))


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
                                   'Z = re.search(r"(?P<sep>[/.])(?P=sep)", "")\nLABEL = "Resolved"\n')
    assert vocabulary_in_parse(tmp_path) == {"m.py": {"monday": [2], "resolved": [4]}}
    assert {"jan", "january", "sept", "september", "cllr", "cllrs", "authorised", "authorized"} <= set(vocabulary())


def test_no_new_vocabulary_word_in_a_parse_regex():
    found = {name: set(words) for name, words in vocabulary_in_parse(PARSE).items()}
    new = {name: sorted(words - NOT_YET_MOVED.get(name, set())) for name, words in found.items()}
    new = {name: words for name, words in new.items() if words}
    assert not new, ("vocabulary words written into regular expressions in extract/parse/ (use a {slot} of "
                     f"patterns/vocabulary.json in a pattern file instead): {new}")
    moved = {name: sorted(words - found.get(name, set())) for name, words in NOT_YET_MOVED.items()}
    moved = {name: words for name, words in moved.items() if words}
    assert not moved, f"no longer in the code, take them out of NOT_YET_MOVED: {moved}"
