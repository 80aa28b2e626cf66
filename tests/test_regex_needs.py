"""The literal pre-check of a regex never skips a text the regex matches (it only saves running it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.parse.document.identity import find_authorities, spec
from extract.parse.text.needs import may_match, required_literals

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_fixed_words_are_read_off_the_pattern():
    needs = required_literals(re.compile(r"(?P<place>[A-Z]\w+)\s+(?:County|City)\s+Council"))
    assert {frozenset({"County", "City"}), frozenset({"Council"})} <= set(needs)


@pytest.mark.parametrize("pattern", [r"(?:a|b)+x*", r"(?i)Council", r"(?:Council)?\s+\w+", r"(?:x|\d+)y?"])
def test_patterns_that_need_no_fixed_text_get_no_check(pattern):
    needs = required_literals(re.compile(pattern))
    assert all(may_match(needs, text) for text in ("", "zzz", "COUNCIL"))


def test_optional_and_case_free_parts_are_not_needed():
    needs = required_literals(re.compile(r"Board(?:\s+of\s+Health)?(?i:\s+TRUST)?"))
    assert needs == () or all(may_match(needs, t) for t in ("Board", "Board trust"))
    assert not may_match(required_literals(re.compile(r"Integrated\s+Care\s+Board")), "Integrated Care Trust")


def test_no_line_the_authority_patterns_match_is_skipped():
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["KENT COUNTY COUNCIL", "NHS Kent and Medway Integrated Care Board", "City of London Council",
              "London Borough of Camden", "Corporation of the Town of Ajax", "Port of Alsea"]
    matched = 0
    for pattern, needs in zip(spec().names, spec().name_needs):
        for line in lines:
            if pattern.search(line):
                matched += 1
                assert may_match(needs, line), (pattern.pattern, line)
    assert matched >= 6
    assert find_authorities("KENT COUNTY COUNCIL") == ["Kent County Council"]
