"""The demo corpus's fixtures for other tests (the corpus itself is a scored set: ``test_scored_sets.py``).

``corpus/`` holds the papers of Wexcombe Borough Council (fictional), generated from ``corpus_src/`` by
``scripts/make_corpus.py``, which also makes ``tests/fixtures/`` from ``corpus_src/fixtures/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def parse_json(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["parse", str(path), "--json", "--ocr", "never"])
    assert result.exit_code == 0, f"{path.name}: exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return json.loads(result.output)


@pytest.mark.parametrize("name", ["hostile.txt", "hostile.pdf"])
def test_hostile_fixture_parses_and_keeps_the_markup_as_text(name: str):
    """The web UI tests need a paper whose text carries script tags: it parses, and the markup stays text."""
    from extract.load import load_document

    record = parse_json(FIXTURES / name)
    assert record["source"]["file"] == name
    text = "\n".join(line.text for page in load_document(str(FIXTURES / name)).pages for line in page.lines)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
