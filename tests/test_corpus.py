"""The demo corpus: every paper parses, and the parsers score against its gold.

``corpus/`` holds the papers of Wexcombe Borough Council (fictional), generated
from ``corpus_src/`` by ``scripts/make_corpus.py``; ``tests/gold/<stem>.json``
holds what a perfect parser would return, written by hand from the sources.
Floors (from the issues) are read on the pooled F1 over the whole corpus, as
``score_all.py`` reads them; a failing floor names the section and prints the
per-document table so it says which parser misses what.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract.cli import cli
from scoring import Scores, score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold"
FIXTURES = ROOT / "tests" / "fixtures"
PAPERS = sorted(p for p in CORPUS.iterdir() if p.suffix in {".pdf", ".txt"})

# physical pages of each paper: the page model must see the pages the gold's `page` fields count
PAGES = {
    "wexcombe_cyp_scrutiny_2024-11-14_agenda_pack": 12,
    "wexcombe_planning_2024-10-22_minutes": 3,
    "wexcombe_cabinet_2024-12-03_report_leisure_decarbonisation": 3,
    "wexcombe_cyp_scrutiny_2024-11-14_minutes": 2,
    "little_ashby_pc_2024-10-16_minutes": 2,
}

FLOORS = {
    "agenda": 0.95,
    "items": 0.95,
    "resolutions": 0.95,
    "meetings.present": 0.9,
    "meetings.apologies": 0.9,
    "reports": 0.9,
    "reports.fields": 0.9,
    "reports.recommendations": 0.9,
    "resolutions.votes": 1.0,  # votes exact
    "kpis": 0.95,
    "actions": 0.8,
}


def parse_json(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["parse", str(path), "--json", "--ocr", "never"])
    assert result.exit_code == 0, f"{path.name}: exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return json.loads(result.output)


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    """Each paper's record, parsed once for the whole module (a paper that fails parses to None)."""
    out: dict[str, Any] = {}
    for paper in PAPERS:
        try:
            out[paper.stem] = parse_json(paper)
        except (AssertionError, json.JSONDecodeError):
            out[paper.stem] = None
    return out


def gold_of(stem: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def test_corpus_shape():
    """4-6 papers, one of them text, each with gold and a known page count, all small."""
    assert 4 <= len(PAPERS) <= 6
    assert any(p.suffix == ".txt" for p in PAPERS)
    assert {p.stem for p in PAPERS} == set(PAGES)
    assert {p.stem for p in PAPERS} == {g.stem for g in GOLD.glob("*.json")}
    assert sum(p.stat().st_size for p in PAPERS) < 1_000_000


def test_gold_records_carry_pages():
    """Every gold record says where it starts, so page provenance is scored everywhere."""
    for stem in PAGES:
        gold = gold_of(stem)
        records = gold["agenda"] + gold["reports"] + gold["kpis"] + gold["actions"] + gold["metrics"]
        for meeting in gold["meetings"]:
            records += [meeting] + meeting["items"] + [r for i in meeting["items"] for r in i["resolutions"]]
        for record in records:
            assert isinstance(record.get("page"), int) and 1 <= record["page"] <= PAGES[stem], (stem, record)


def _gold_texts(gold: dict[str, Any]) -> list[tuple[str, int]]:
    """(text, page) of every gold record that quotes the paper."""
    out = [(a["title"], a["page"]) for a in gold["agenda"]]
    for meeting in gold["meetings"]:
        out += [(n, meeting["page"]) for n in meeting["present"] + meeting["apologies"]]
        for item in meeting["items"]:
            out.append((item["title"], item["page"]))
            out += [(r["text"], r["page"]) for r in item["resolutions"]]
    for report in gold["reports"]:
        out += [(report["subject"], report["page"]), (report["report_of"], report["page"])]
        out += [(r, report["page"]) for r in report["recommendations"]]
    out += [(k["indicator"], k["page"]) for k in gold["kpis"]] + [(k["raw"], k["page"]) for k in gold["kpis"]]
    out += [(a["text"], a["page"]) for a in gold["actions"]] + [(m["text"], m["page"]) for m in gold["metrics"]]
    return out


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.name)
def test_gold_quotes_the_paper_on_its_page(paper: Path):
    """Gold text is the paper's own words: whole in the source, and its start on the page the gold names."""
    from extract.load import load_document

    from scoring import fold

    source = fold((ROOT / "corpus_src" / (paper.name + (".src" if paper.suffix == ".pdf" else ""))).read_text(
        encoding="utf-8").replace("**", " ").replace(" | ", " "))
    pages = [fold(" ".join(line.text for line in page.lines)) for page in load_document(str(paper)).pages]
    for text, page in _gold_texts(gold_of(paper.stem)):
        assert fold(text) in source, f"not in the source: {text!r}"
        assert fold(text)[:30] in pages[page - 1], f"not on page {page}: {text!r}"


def test_corpus_is_up_to_date():
    """The committed papers are what the script makes from corpus_src (and it is deterministic)."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) generates the corpus")
    made_with = {p.name for p in PAPERS if p.suffix == ".pdf" and f"/Producer (fpdf2 {fpdf.__version__})".encode() in p.read_bytes()}
    if len(made_with) != sum(p.suffix == ".pdf" for p in PAPERS):
        pytest.skip(f"the corpus was made with another fpdf2 than {fpdf.__version__}: bytes may differ; run `make corpus`")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.name)
def test_paper_parses(paper: Path, parsed):
    record = parsed[paper.stem]
    if record is None:
        parse_json(paper)  # fails with the CLI's output
    assert record["source"]["file"] == paper.name
    assert record["source"]["pages"] == PAGES[paper.stem]
    for section in ("agenda", "meetings", "reports", "kpis", "actions", "metrics"):
        assert isinstance(record[section], list), section


def pooled(parsed) -> tuple[Scores, dict[str, Scores]]:
    total, per_doc = Scores(), {}
    for stem in PAGES:
        record = parsed[stem] or {}
        per_doc[stem] = score(record, gold_of(stem))
        total.merge(per_doc[stem])
    return total, per_doc


@pytest.mark.parametrize("section", list(FLOORS))
def test_floor(section: str, parsed):
    total, per_doc = pooled(parsed)
    count = total.get(section)
    assert count is not None, f"{section}: not scored (no gold has it?)"
    if count.f1 < FLOORS[section]:
        detail = "\n".join(f"  {stem}: gold {c.gold} pred {c.predicted} matched {c.matched} F1 {c.f1:.3f}"
                           for stem, s in per_doc.items() if (c := s.get(section)) and (c.gold or c.predicted))
        pytest.fail(f"{section}: pooled F1 {count.f1:.3f} < {FLOORS[section]}\n{detail}")


@pytest.mark.parametrize("name", ["hostile.txt", "hostile.pdf"])
def test_hostile_fixture_parses_and_keeps_the_markup_as_text(name: str):
    """The web UI tests need a paper whose text carries script tags: it parses, and the markup stays text."""
    from extract.load import load_document

    record = parse_json(FIXTURES / name)
    assert record["source"]["file"] == name
    text = "\n".join(line.text for page in load_document(str(FIXTURES / name)).pages for line in page.lines)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
