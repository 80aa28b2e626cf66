"""Shared fixtures: where ../shared is, and small PDFs made on the fly."""

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


@pytest.fixture
def make_pdf(tmp_path):
    """Write a small text PDF with fpdf2: ``make_pdf(["line", ...], name=..., password=...)`` -> path."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the test PDFs")

    def make(pages: list[list[str]] | list[str], name: str = "doc.pdf", password: str | None = None) -> Path:
        if pages and isinstance(pages[0], str):
            pages = [pages]  # type: ignore[list-item]
        pdf = fpdf.FPDF(format="A4")
        pdf.set_font("helvetica", size=11)
        for lines in pages:
            pdf.add_page()
            for line in lines:
                bold = line.startswith("**")
                pdf.set_font("helvetica", style="B" if bold else "", size=11)
                pdf.cell(0, 6, line.strip("*"), new_x="LMARGIN", new_y="NEXT")
        if password:
            pdf.set_encryption(owner_password=password + "-owner", user_password=password)
        path = tmp_path / name
        pdf.output(str(path))
        return path

    return make


def pytest_addoption(parser):
    parser.addoption("--screens", action="store_true", default=False,
                     help="save screenshots of the web pages the browser tests visit into out/screens/")
