"""Every scored set (``scored_sets.SETS``: the demo corpus and the held-out sets) checked the same way.

The set's shape, its gold (pages inside the paper, the FORMAT.md vocabulary, text quoted from the paper on
the page it names, so a wrong gold fails here), its papers being what its script makes, every paper parsing,
and the pooled F1 of each section staying above the set's floor. ``python tests/scored_sets.py SET -v``
prints the per-paper table and what each paper missed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scored_sets import KINDS, SECTIONS, SETS, ScoredSet, check_up_to_date, gold_records, paper_text, parsed, quoted
from scoring import fold

PAPERS = [(s, p) for s in SETS.values() for p in s.papers]
GOLD = [(s, stem) for s in SETS.values() for stem in s.pages]
FLOORS = [(s, section) for s in SETS.values() for section in s.floors]


def ids(value: object) -> str:
    return value.name if isinstance(value, (ScoredSet, Path)) else str(value)


@pytest.mark.parametrize("scored", SETS.values(), ids=ids)
def test_shape(scored: ScoredSet):
    """A few papers of both file kinds, each with gold and a known page count, none long."""
    low, high = scored.count
    assert low <= len(scored.papers) <= high
    assert {p.suffix for p in scored.papers} == {".pdf", ".txt"}
    assert {p.stem for p in scored.papers} == set(scored.pages) == {g.stem for g in scored.gold_dir.glob("*.json")}
    assert max(scored.pages.values()) <= scored.max_pages


@pytest.mark.parametrize("scored,stem", GOLD, ids=ids)
def test_gold_is_well_formed(scored: ScoredSet, stem: str):
    """Every gold record names a page inside the paper; kinds, dates and votes are of the FORMAT.md vocabulary."""
    gold = scored.gold_of(stem)
    assert gold["kind"] in KINDS
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", gold["date"])
    for record in gold_records(gold):
        assert isinstance(record.get("page"), int) and 1 <= record["page"] <= scored.pages[stem], (stem, record)
    for meeting in gold.get("meetings") or []:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", meeting["date"])
        for vote in (r.get("vote") for i in meeting["items"] for r in i["resolutions"]):
            assert vote is None or set(vote) == {"for", "against", "abstain", "outcome"}


@pytest.mark.parametrize("scored,paper", PAPERS, ids=ids)
def test_gold_quotes_the_paper_on_its_page(scored: ScoredSet, paper: Path):
    """Gold text is the paper's own words, starting on the page the gold names."""
    whole, pages = paper_text(scored, paper)
    assert len(pages) == scored.pages[paper.stem]
    for text, page in quoted(scored.gold_of(paper.stem)):
        assert fold(text) in whole, f"not in the paper: {text!r}"
        assert fold(text)[:30] in pages[page - 1], f"not on page {page}: {text!r}"


@pytest.mark.parametrize("scored", [s for s in SETS.values() if s.earlier], ids=ids)
def test_councils_are_new(scored: ScoredSet):
    """No council of a held-out set appears in the earlier sets or the demo corpus (it must be unseen)."""
    sources = [p for folder in scored.earlier for p in folder.iterdir() if p.is_file()]
    seen = " ".join(fold(p.read_text(encoding="utf-8", errors="replace")) for p in sources)
    assert all(name in seen for name in scored.earlier_names), "the earlier sets' sources were not read"
    for stem in scored.pages:
        council = fold(scored.gold_of(stem)["council"])
        assert council not in seen, f"{stem}: {council!r} is already in an earlier set or the demo corpus"


@pytest.mark.parametrize("scored", SETS.values(), ids=ids)
def test_papers_are_up_to_date(scored: ScoredSet):
    """The committed papers are what the set's script makes from its sources (and the script is deterministic)."""
    pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the papers")
    problem = check_up_to_date(scored)
    if problem and problem.startswith("skip: "):
        pytest.skip(problem.removeprefix("skip: "))
    assert problem is None, problem


@pytest.mark.parametrize("scored,paper", PAPERS, ids=ids)
def test_paper_parses(scored: ScoredSet, paper: Path):
    """Every paper parses to a record of its file with its page count and every section a list."""
    record, output = parsed(scored.name)[paper.stem]
    assert record is not None, f"{paper.name}: {output}"
    assert record["source"]["file"] == paper.name
    assert record["source"]["pages"] == scored.pages[paper.stem]
    for section in SECTIONS:
        assert isinstance(record.get(section), list), section


@pytest.mark.parametrize("scored,section", FLOORS, ids=ids)
def test_floor(scored: ScoredSet, section: str):
    """Pooled F1 per section stays above the set's floor; a failure names the papers behind it."""
    total, per_paper = scored.score_all({stem: rec for stem, (rec, _) in parsed(scored.name).items()})
    count = total.get(section)
    assert count is not None, f"{section}: not scored (no gold has it?)"
    if count.f1 < scored.floors[section]:
        detail = "\n".join(f"  {stem}: gold {c.gold} pred {c.predicted} matched {c.matched} F1 {c.f1:.3f}"
                           for stem, s in per_paper.items() if (c := s.get(section)) and (c.gold or c.predicted))
        pytest.fail(f"{section}: pooled F1 {count.f1:.3f} < floor {scored.floors[section]}\n{detail}")
