"""The library type-checks (mypy, configured in pyproject.toml; the CLI is exempt)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def test_mypy_on_the_library():
    pytest.importorskip("mypy", reason="mypy (a dev dependency) checks the library's types")
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def test_package_marks_itself_typed():
    assert (ROOT / "extract" / "py.typed").exists()
