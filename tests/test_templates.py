"""Council templates, one folder each: ``tests/templates/<shape>/paper.*`` and ``expected.json``.

Adding a council's template is adding those two files: the paper (text, Markdown, HTML or PDF, in the
template's own wording, of an invented council) and what its record must hold. ``expected.json`` is part of
the FORMAT.md record the pipeline gives (``extract_file``): a key it names must be there with that value; a
key it leaves out is not checked; a list must have as many entries as the record's, each entry checked the
same way. So a template says exactly what it is about (``"present"`` and the items' numbers, say) and
nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract.pipeline import ExtractOptions, extract_file

TEMPLATES = Path(__file__).resolve().parent / "templates"


def differences(expected: Any, got: Any, where: str = "") -> list[str]:
    """Where ``got`` (a record, as plain data) departs from ``expected`` (a part of one), one line each."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where or 'record'}: expected an object, got {got!r}"]
        out = []
        for key, value in expected.items():
            if key not in got:
                out.append(f"{where}{key}: missing")
            else:
                out += differences(value, got[key], f"{where}{key}.")
        return out
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{where.rstrip('.')}: expected {len(expected)} entries {expected!r}, got {got!r}"]
        return [line for i, (e, g) in enumerate(zip(expected, got)) for line in differences(e, g, f"{where}{i}.")]
    return [] if expected == got else [f"{where.rstrip('.')}: expected {expected!r}, got {got!r}"]


def check_template(folder: Path) -> list[str]:
    """What the record of the folder's paper gets wrong against its ``expected.json`` (nothing: [])."""
    papers = [p for p in folder.iterdir() if p.stem == "paper"]
    assert len(papers) == 1, f"{folder.name}: one paper.* file, found {[p.name for p in papers]}"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    record = extract_file(papers[0], ExtractOptions(ocr="never")).to_dict()
    return differences(expected, record)


SHAPES = sorted(p for p in TEMPLATES.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", SHAPES, ids=lambda p: p.name)
def test_template(folder: Path):
    problems = check_template(folder)
    assert not problems, f"{folder.name}:\n  " + "\n  ".join(problems)


def test_a_new_template_is_two_files(tmp_path: Path):
    """A folder with a paper and its expected record is checked, and a wrong expectation is named."""
    folder = tmp_path / "minutes-new-shape"
    folder.mkdir()
    (folder / "paper.txt").write_text("MINUTES OF THE MEETING OF FELLTON PARISH COUNCIL HELD ON 2 MAY 2024\n\n"
                                      "Present: Cllrs A Lamb and B Ward\n\n1. Footpaths\n"
                                      "RESOLVED that the footpath survey be noted.\n", encoding="utf-8")
    expected = {"kind": "minutes", "meetings": [{"date": "2024-05-02", "present": ["A Lamb", "B Ward"],
                                                 "items": [{"number": "1", "resolutions": [
                                                     {"text": "that the footpath survey be noted."}]}]}]}
    (folder / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    assert check_template(folder) == []
    expected["meetings"][0]["present"] = ["A Lamb"]
    expected["meetings"][0]["body"] = "Fellton Town Council"
    (folder / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    assert check_template(folder) == [
        "meetings.0.present: expected 1 entries ['A Lamb'], got ['A Lamb', 'B Ward']",
        "meetings.0.body: expected 'Fellton Town Council', got 'Fellton Parish Council'"]


def test_every_shape_folder_is_a_paper_and_its_expected_record():
    assert len(SHAPES) >= 10
    for folder in SHAPES:
        assert sorted(p.name for p in folder.iterdir() if p.stem != "paper") == ["expected.json"], folder.name
