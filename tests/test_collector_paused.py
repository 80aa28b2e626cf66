"""The garbage collector is held off while a document is read, and always given back as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from extract.pipeline import collector_paused, extract_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_paused_inside_and_enabled_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # nested: the inner one restores nothing
                assert not gc.isenabled()
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_caller_that_disabled_it_keeps_it_disabled():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_extract_file_leaves_the_collector_running():
    record = extract_file(CORPUS / "little_ashby_pc_2024-10-16_minutes.txt")
    assert record.source.file == "little_ashby_pc_2024-10-16_minutes.txt"
    assert gc.isenabled()
