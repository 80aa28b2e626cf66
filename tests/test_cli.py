"""The ``parse`` command: the record on stdout, one-line errors with the right exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.record import KINDS

from conftest import shared_dir

SECTIONS = ("agenda", "meetings", "reports", "kpis", "actions", "metrics", "warnings")


def parse(*args: str):
    return CliRunner().invoke(cli, ["parse", *args])


def test_parse_json_has_every_section(make_pdf):
    path = make_pdf(["**MINUTES of a meeting of the Cabinet held on 3 March 2025**", "Present: Mr A Smith"])
    result = parse(str(path), "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["source"]["file"] == path.name
    assert record["source"]["pages"] == 1 and len(record["source"]["sha256"]) == 64
    assert record["kind"] in KINDS
    for section in SECTIONS:
        assert isinstance(record[section], list), section
    assert {"council", "body", "date"} <= record.keys()


def test_parse_summary_is_short_and_readable(make_pdf):
    path = make_pdf(["Agenda", "1. Apologies"])
    result = parse(str(path))
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(f"{path.name}: ")
    assert len(result.output.splitlines()) < 12


@pytest.mark.parametrize("content,name,message", [
    (b"", "empty.pdf", "empty file"),
    (b"<html><body>403 Forbidden</body></html>", "paper.pdf", "not a PDF: it is an HTML page"),
    (b"%PDF-1.7\n1 0 obj garbage", "broken.pdf", "corrupt or truncated PDF"),
    (b"PK\x03\x04" + b"\x00" * 64, "paper.docx", "unsupported file type"),
])
def test_bad_input_is_one_line_exit_3(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = parse(str(path), "--json")
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and name in lines[0]
    assert "Traceback" not in result.output


def test_encrypted_pdf_with_password_option(make_pdf):
    path = make_pdf(["Minutes of the meeting"], password="pw")
    assert parse(str(path)).exit_code == 3
    assert parse(str(path), "--password", "pw").exit_code == 0


def test_bad_pages_option_is_usage_error(make_pdf):
    result = parse(str(make_pdf(["x"])), "--pages", "z")
    assert result.exit_code == 2 and "bad page range" in result.output


def test_missing_file():
    result = parse("/nonexistent/paper.pdf")
    assert result.exit_code == 3 and "no such file" in result.output


def _shared_files():
    try:
        seeds, pdfs = shared_dir("seeds"), shared_dir("pdfs")
    except pytest.skip.Exception:
        return []
    return sorted(p for p in [*seeds.iterdir(), *pdfs.iterdir()] if p.name != "SOURCES.md")


@pytest.mark.parametrize("path", _shared_files() or [None], ids=lambda p: p.name if p else "no-shared")
def test_every_shared_paper_parses_or_fails_cleanly(path):
    if path is None:
        shared_dir("pdfs")
    result = parse(str(path), "--json", "--ocr", "never")
    if any(tag in path.name for tag in ("NOT_A_PDF", "SCAN", "GARBLED")):
        assert result.exit_code == 3 and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    else:
        assert result.exit_code == 0, result.output[-2000:]
        assert json.loads(result.output)["kind"] in KINDS


def test_kind_right_on_every_gold_file():
    gold_dir = shared_dir("gold")
    docs = [shared_dir("seeds"), shared_dir("pdfs")]
    wrong = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text())
        if "kind" not in gold:
            continue
        stem = gold_path.name.split(".")[0]
        doc = next((p for d in docs for p in sorted(d.glob(stem + ".*"))), None)
        if doc is None:
            continue
        record = json.loads(parse(str(doc), "--json").output)
        if record["kind"] != gold["kind"]:
            wrong.append((stem, record["kind"], gold["kind"]))
    assert not wrong
