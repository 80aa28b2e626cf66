"""OCR: pages without a usable text layer are read with Tesseract, and say so."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.load import load_document
from extract.load.ocr import OcrSettings, correct, ocr_pages

from conftest import shared_dir
from pdfs import Paper, scan_of, text_pdf

pytest.importorskip("tesserocr", reason="tesserocr (a dependency) reads scanned pages")


def image_pdf(tmp_path, pages_of_text: list[list[str]], rotate: int = 0, name: str = "scan.pdf"):
    """A scan-like PDF: each page is an image of rendered text, with no text layer."""
    source = text_pdf(tmp_path / "source.pdf", pages_of_text, size=12, height=8)
    return scan_of(source, tmp_path / name, rotate=rotate)


@pytest.mark.parametrize("before,after", [
    ("Present: Clir N Hackett and Clirs Howells", "Present: Cllr N Hackett and Cllrs Howells"),
    ("Cilr Jones", "Cllr Jones"),
    ("held on 18\" March 2014", "held on 18th March 2014"),
    ("held on 21th March 2014", "held on 21st March 2014"),
    ("on 22th May 2014", "on 22nd May 2014"),
    ("on 3th June 2014", "on 3rd June 2014"),
    ("e The hall was booked", "• The hall was booked"),
    ("© Funding was agreed", "• Funding was agreed"),
    ("a budget of £ 1200", "a budget of £1200"),
    ("(a) | That the Head of Inclusion circulate", "(a)   That the Head of Inclusion circulate"),
    ("| Libraries budget |", "Libraries budget"),
])
def test_correction_rules(before, after):
    assert correct(before) == after


def test_corrections_leave_good_text_alone():
    for text in ("Cllr Smith", "Clifton Road", "the 11th March 2014", "e-mail the clerk", "12\" pipe"):
        assert correct(text) == text


def test_settings_validate():
    assert OcrSettings.resolve(None).dpi == 300
    assert OcrSettings.resolve({"dpi": 200}).dpi == 200
    with pytest.raises(ValueError, match="dpi"):
        OcrSettings.resolve({"dpi": 5})
    with pytest.raises(ValueError, match="unknown OCR setting"):
        OcrSettings.resolve({"colour": 1})


def test_scan_is_read_and_marked(tmp_path):
    path = image_pdf(tmp_path, [["MINUTES OF THE PLANNING COMMITTEE", "Present: Councillors Reed and Okafor",
                                 "The budget of 12,450 pounds was approved."]])
    doc = load_document(path, ocr="auto", ocr_hook=ocr_pages)
    page = doc.pages[0]
    assert page.text_source == "ocr"
    assert "PLANNING COMMITTEE" in page.text and "12,450" in page.text
    assert page.ocr["reason"] == "no_text" and page.ocr["dpi"] == 300 and page.ocr["engine"] == "tesseract"
    assert page.ocr["mean_confidence"] > 80 and page.ocr["needs_review"] is False


def test_only_pages_that_need_it_are_read(tmp_path):
    import pypdfium2 as pdfium

    scan = image_pdf(tmp_path, [["Appendix A: a scanned letter from the Parish Clerk"]])
    text_path = Paper(size=12).paragraph("The Committee considered the report of the Director of Finance on the budget "
                                         "for the coming year and resolved that the proposals be approved." * 2,
                                         height=8).save(tmp_path / "text.pdf")
    joined = pdfium.PdfDocument.new()
    for part in (text_path, scan):
        joined.import_pages(pdfium.PdfDocument(str(part)))
    mixed = tmp_path / "mixed.pdf"
    joined.save(str(mixed))
    doc = load_document(mixed, ocr="auto", ocr_hook=ocr_pages)
    assert [p.text_source for p in doc.pages] == ["text_layer", "ocr"]
    assert "scanned letter" in doc.pages[1].text


def test_rotated_page_is_read_upright(tmp_path):
    lines = ["MINUTES OF THE FINANCE COMMITTEE", "The Committee resolved that the accounts be approved.",
             "Apologies were received from Councillor Patel."] * 3
    path = image_pdf(tmp_path, [lines], rotate=90)
    page = load_document(path, ocr="auto", ocr_hook=ocr_pages).pages[0]
    assert page.ocr["rotated"] in (90, 270)
    assert "FINANCE COMMITTEE" in page.text


def test_parse_cli_records_text_source(tmp_path):
    path = image_pdf(tmp_path, [["Minutes of the meeting of Wexcombe Parish Council held on 4 March 2024"]])
    result = CliRunner().invoke(cli, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["pages"][0]["text_source"] == "ocr"
    assert record["pages"][0]["ocr"]["dictionary_share"] > 0.8
    never = CliRunner().invoke(cli, ["parse", str(path), "--ocr", "never"])
    assert never.exit_code == 3 and "needs OCR" in never.output


def test_shared_scan_keeps_its_figures():
    path = next(shared_dir("pdfs").glob("*_SCAN.pdf"))
    doc = load_document(path, ocr="auto", ocr_hook=ocr_pages, pages="1-4")
    assert all(p.text_source == "ocr" for p in doc.pages)
    text = doc.text
    assert "Statement of Accounts" in text and "31 March 2017" in text
    assert any(ch.isdigit() for ch in doc.pages[-1].text)


def test_shared_garbled_minutes_are_read():
    path = next(shared_dir("pdfs").glob("*_GARBLED.pdf"))
    result = CliRunner().invoke(cli, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert all(p["text_source"] == "ocr" for p in record["pages"])
    meetings = record["meetings"]
    assert meetings, "the OCRed minutes give a meeting"
    numbers = [item["number"] for item in meetings[0]["items"]]
    assert "14/037" in numbers
    assert any("Hackett" in name for name in meetings[0]["present"])
    assert any("Clarke" in name for name in meetings[0]["apologies"])


@pytest.mark.parametrize("stem", ["wexcombe_planning_2024-10-22_minutes", "wexcombe_cyp_scrutiny_2024-11-14_minutes"])
def test_corpus_round_trip_through_ocr(tmp_path, stem):
    """A demo paper turned into a scan parses with OCR as its gold says (items, resolutions F1 >= 0.9)."""
    from conftest import ROOT
    from scoring import score

    source = ROOT / "corpus" / f"{stem}.pdf"
    gold = json.loads((ROOT / "tests" / "gold" / f"{stem}.json").read_text())
    scan = scan_of(source, tmp_path / f"{stem}.pdf")
    result = CliRunner().invoke(cli, ["parse", str(scan), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert {p["text_source"] for p in record["pages"]} == {"ocr"}
    scores = score(record, gold)
    assert scores["items"].f1 >= 0.9, scores.table()
    assert scores["resolutions"].f1 >= 0.9, scores.table()
    resolutions = [r for m in record["meetings"] for i in m["items"] for r in i["resolutions"]]
    assert resolutions and all(r.get("text_source") == "ocr" for r in resolutions)
