"""Shared fixtures: where ../shared is, and small PDFs made on the fly (by ``pdfs.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_dir(*parts: str) -> Path:
    """A folder under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not present ({path}): the shared development papers are not part of the project")
    return path


def template_paper(shape: str) -> str:
    """The paper of one template of the harness (``tests/templates/<shape>/paper.txt``, see test_templates.py)."""
    return (Path(__file__).resolve().parent / "templates" / shape / "paper.txt").read_text(encoding="utf-8")


@pytest.fixture
def make_pdf(tmp_path):
    """Write a small text PDF (``pdfs.text_pdf``): ``make_pdf(["line", ...], name=..., password=...)`` -> path."""
    from pdfs import text_pdf

    def make(pages: list[list[str]] | list[str], name: str = "doc.pdf", password: str | None = None) -> Path:
        return text_pdf(tmp_path / name, pages, password)

    return make


def pytest_addoption(parser):
    parser.addoption("--screens", action="store_true", default=False,
                     help="save screenshots of the web pages the browser tests visit into out/screens/")
