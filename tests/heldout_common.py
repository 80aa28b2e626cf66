"""What the three held-out test modules share: scoring a set, its floors, and the printed table.

Each set (`tests/heldout*/`) is a ``HeldoutSet`` of papers, their page counts, gold and floors;
the test modules keep their own checks of the set's shape and call these for the rest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest

from scoring import Scores, score


@dataclass
class HeldoutSet:
    papers: list[Path]
    pages: dict[str, int]  # physical pages of each paper, by stem (the order of the table)
    gold_dir: Path
    floors: dict[str, float]

    def gold_of(self, stem: str) -> dict[str, Any]:
        return json.loads((self.gold_dir / f"{stem}.json").read_text(encoding="utf-8"))

    def score_all(self, records: dict[str, Optional[dict[str, Any]]]) -> tuple[Scores, dict[str, Scores]]:
        total, per_paper = Scores(), {}
        for stem in self.pages:
            per_paper[stem] = score(records.get(stem) or {}, self.gold_of(stem))
            total.merge(per_paper[stem])
        return total, per_paper

    def check_floor(self, section: str, parsed: dict[str, tuple[Optional[dict[str, Any]], str]]) -> None:
        """Pooled F1 of ``section`` stays above its floor; a failure names the papers behind it."""
        total, per_paper = self.score_all({stem: rec for stem, (rec, _) in parsed.items()})
        count = total.get(section)
        assert count is not None, f"{section}: not scored (no gold has it?)"
        if count.f1 < self.floors[section]:
            detail = "\n".join(f"  {stem}: gold {c.gold} pred {c.predicted} matched {c.matched} F1 {c.f1:.3f}"
                               for stem, s in per_paper.items() if (c := s.get(section)) and (c.gold or c.predicted))
            pytest.fail(f"{section}: pooled F1 {count.f1:.3f} < floor {self.floors[section]}\n{detail}")

    def check_parses(self, paper: Path, parsed: dict[str, tuple[Optional[dict[str, Any]], str]]) -> None:
        """The paper parses to a record with its page count and every section a list."""
        record, output = parsed[paper.stem]
        assert record is not None, f"{paper.name}: {output}"
        assert record["source"]["pages"] == self.pages[paper.stem]
        for section in ("agenda", "meetings", "reports", "kpis"):
            assert isinstance(record.get(section), list), section

    def check_up_to_date(self, script: Path) -> None:
        """The committed papers are what ``script --check`` would make from the set's sources."""
        fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) generates the held-out PDFs")
        pdfs = [p for p in self.papers if p.suffix == ".pdf"]
        if not all(f"/Producer (fpdf2 {fpdf.__version__})".encode() in p.read_bytes() for p in pdfs):
            pytest.skip(f"the papers were made with another fpdf2 than {fpdf.__version__}: bytes may differ")
        run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr

    def report(self, parsed: dict[str, tuple[Optional[dict[str, Any]], str]]) -> str:
        from test_heldout import table

        total, per_paper = self.score_all({stem: rec for stem, (rec, _) in parsed.items()})
        return table(per_paper, total) + "\n\n" + total.table()

    def main(self, argv: list[str]) -> int:
        """``python tests/test_heldoutN.py [-v]``: the per-paper table (and with -v what each paper missed)."""
        from test_heldout import misses, parse_paper, table

        records = {}
        for paper in self.papers:
            record, output = parse_paper(paper)
            if record is None:
                print(f"{paper.name}: FAILED TO PARSE: {output}")
            records[paper.stem] = record
        total, per_paper = self.score_all(records)
        if "-v" in argv:
            for stem in self.pages:
                print(f"\n== {stem}")
                for line in misses(records.get(stem) or {}, self.gold_of(stem)):
                    print("   " + line)
            print()
        print(table(per_paper, total))
        print()
        print(total.table())
        low = [f"{s} {total[s].f1:.3f} < {f}" for s, f in self.floors.items() if s in total and total[s].f1 < f]
        if low:
            print("below floor: " + "; ".join(low))
        return 1 if low else 0
