"""Loading: every input shape into one page model, and a clear error for every bad input."""

from __future__ import annotations

import pytest

from extract.errors import NeedsOCR, UnreadableInput
from extract.load import load_document, parse_page_range, sniff
from extract.load.quality import judge_text
from extract.load.stamps import printed_page_number, stamp_of
from extract.load.text import pages_from_text
from extract.load.html import text_from_html

from conftest import shared_dir
from pdfs import Paper


def test_pdf_lines_keep_position_size_and_bold(make_pdf):
    path = make_pdf(["**MINUTES OF THE CABINET**", "Present: Councillors Smith and Jones", "Page 3"])
    doc = load_document(path)
    page = doc.pages[0]
    assert [line.text for line in page.lines][:2] == ["MINUTES OF THE CABINET", "Present: Councillors Smith and Jones"]
    heading, body = page.lines[0], page.lines[1]
    assert heading.bold and not body.bold
    assert heading.size and abs(heading.size - 11) < 1
    assert heading.top < body.top
    assert page.printed_number == "3"
    assert doc.format == "pdf" and len(doc.sha256) == 64


def test_runs_on_one_baseline_make_one_line(tmp_path):
    paper = Paper(size=10)
    for x, text in ((20, "Indicator"), (90, "Apr-24"), (130, "May-24")):
        paper.on_baseline(x, 30, text)
    path = paper.save(tmp_path / "table.pdf")
    line = load_document(path).pages[0].lines[0]
    assert line.text.split() == ["Indicator", "Apr-24", "May-24"]
    assert [run[2] for run in line.runs] == ["Indicator", "Apr-24", "May-24"]


def test_pages_option_selects_physical_pages(make_pdf):
    path = make_pdf([["first page"], ["second page"], ["third page"]])
    doc = load_document(path, pages="2-3")
    assert [p.number for p in doc.pages] == [2, 3]
    assert doc.pages[0].lines[0].text == "second page"


@pytest.mark.parametrize("spec,expected", [("1-3,7", [1, 2, 3, 7]), ("2", [2]), ("9-12", [9, 10])])
def test_page_range(spec, expected):
    assert parse_page_range(spec, 10) == expected


@pytest.mark.parametrize("spec", ["a-b", "3-1", "0"])
def test_bad_page_range(spec):
    with pytest.raises(ValueError, match="bad page range"):
        parse_page_range(spec, 10)


def test_text_splits_at_form_feeds_then_at_page_stamps():
    assert len(pages_from_text("one\fsecond\fthird")) == 3
    pages = pages_from_text("Minutes\nitem one\nPage 1\nitem two\nPage 2\n")
    assert [p.number for p in pages] == [1, 2]
    assert pages[1].lines[0].text == "item two"
    assert len(pages_from_text("no stamps at all\njust text")) == 1


def test_text_tags_and_markdown_become_bold_flags():
    page = pages_from_text("<b>DECISION-MAKER:</b>\tCABINET\n## Minutes\n**Present:** Cllr A")[0]
    assert page.lines[0].text.startswith("DECISION-MAKER:") and page.lines[0].bold
    assert page.lines[1].text == "Minutes" and page.lines[1].bold
    assert page.lines[2].text == "Present: Cllr A" and page.lines[2].bold


def test_html_drops_navigation_and_scripts():
    html = """<html><head><title>x</title><script>var a=1;</script></head><body>
    <nav><a href='/'>Home</a> | <a href='/c'>Committees</a></nav>
    <h1>Minutes of the Planning Committee</h1><p>Present: Councillor Reed</p>
    <footer>Cookie settings</footer></body></html>"""
    text = text_from_html(html)
    assert "Minutes of the Planning Committee" in text and "Present: Councillor Reed" in text
    assert "Home" not in text and "var a" not in text and "Cookie" not in text


def test_html_file_loads(tmp_path):
    path = tmp_path / "minutes.html"
    path.write_text("<html><body><h2>Minutes</h2><p>RESOLVED that the report be noted.</p></body></html>")
    doc = load_document(path)
    assert doc.format == "html"
    assert "RESOLVED that the report be noted." in doc.text


@pytest.mark.parametrize("line,number", [("Page 9", "9"), ("Page 9 of 40", "9"), ("- 15 -", "15"), ("Agenda Item 7", None)])
def test_printed_page_numbers(line, number):
    assert printed_page_number(line) == number


@pytest.mark.parametrize("line", ["Agenda Item 7", "Appendix 2", "Public Document Pack", "AGENDA ITEM 12"])
def test_stamps(line):
    assert stamp_of(line) == line


def test_quality_judgement():
    assert judge_text("The Committee resolved that the minutes be approved and signed. " * 3).status == "good"
    assert judge_text("\x19\x1f\"#\x1c\x17& \x13\"\x1a#\x19\x01\x15\x1f$ 6+7+38\x12\x01\x15116\x01 " * 4).status == "garbled"
    assert judge_text("  ").status == "blank"
    assert judge_text("", has_images=True).status == "no_text"


# --- bad input: one line, naming the file, saying what to do ---------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(UnreadableInput, match=r"empty\.pdf: empty file"):
        load_document(path)


def test_html_saved_as_pdf(tmp_path):
    path = tmp_path / "agenda.pdf"
    path.write_text("<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>")
    with pytest.raises(UnreadableInput, match="not a PDF: it is an HTML page"):
        load_document(path)


def test_truncated_pdf(make_pdf, tmp_path):
    data = make_pdf(["Minutes of the meeting"]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:300])
    with pytest.raises(UnreadableInput, match="corrupt or truncated PDF"):
        load_document(path)


def test_encrypted_pdf_needs_password(make_pdf):
    path = make_pdf(["Minutes of the meeting of Test Council"], password="secret")
    with pytest.raises(UnreadableInput, match="encrypted PDF; pass --password"):
        load_document(path)
    with pytest.raises(UnreadableInput, match="wrong password"):
        load_document(path, password="nope")
    assert "Minutes of the meeting" in load_document(path, password="secret").text


def test_unsupported_binary(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableInput, match="unsupported file type \\(a PNG image\\)"):
        sniff(path)


def test_scan_without_text_needs_ocr(tmp_path):
    pil = pytest.importorskip("PIL.Image")
    image = pil.new("RGB", (400, 500), "white")
    image_path = tmp_path / "scan.png"
    image.save(image_path)
    path = Paper().image(image_path, x=10, y=10, w=180).save(tmp_path / "scan.pdf")
    with pytest.raises(NeedsOCR, match="no text layer on 1 of 1 pages \\(a scan\\): needs OCR"):
        load_document(path, ocr="never")


def test_shared_bad_inputs_say_why():
    pdfs = shared_dir("pdfs")
    cases = {"*NOT_A_PDF*": "not a PDF", "*_SCAN.pdf": "a scan", "*_GARBLED.pdf": "garbled text layer"}
    for pattern, reason in cases.items():
        for path in pdfs.glob(pattern):
            with pytest.raises(UnreadableInput, match=reason):
                load_document(path, ocr="never")


def test_shared_good_pdfs_stay_on_their_text_layer():
    for path in sorted(shared_dir("pdfs").glob("*.pdf")):
        if any(tag in path.name for tag in ("SCAN", "GARBLED", "NOT_A_PDF")):
            continue
        doc = load_document(path, ocr="never")
        assert all(p.text_source == "text_layer" for p in doc.pages), path.name
        assert not doc.warnings, (path.name, doc.warnings)


def test_shifted_character_map_is_garbled_by_the_dictionary():
    real = "The Committee resolved that the minutes of the meeting be approved and signed by the Chairman as a correct record."
    shifted = "".join(chr(((ord(c) - 97 + 7) % 26) + 97) if c.islower() else c for c in real)
    assert judge_text(real * 2).status == "good"
    verdict = judge_text(shifted * 2)
    assert verdict.status == "garbled" and verdict.dictionary < 0.5


def test_a_cover_page_in_capitals_is_good_text():
    cover = ("DECISION-MAKER: CHILDREN AND FAMILIES SCRUTINY PANEL SUBJECT: CHILDREN AND LEARNING PERFORMANCE "
             "DATE OF DECISION: 16 JUNE 2022 REPORT OF: DIRECTOR LEGAL AND BUSINESS SERVICES ")
    assert judge_text(cover * 2).status == "good"


def test_a_page_in_welsh_is_text_not_a_garbled_layer():
    """Bilingual councils print Welsh beside (or instead of) English: that layer is text, never OCRed as English."""
    welsh = ("Cofnodion cyfarfod Cyngor Cymuned Llanaber a gynhaliwyd nos Lun yn Neuadd y Pentref. Presennol: "
             "y Cadeirydd a chwech aelod. Ymddiheuriadau: dim. Datganiadau o fuddiant: dim. Cytunwyd bod cofnodion "
             "y cyfarfod diwethaf yn gywir ac fe'u llofnodwyd gan y Cadeirydd. Materion yn codi: trafodwyd y "
             "llwybr cyhoeddus a'r parcio ger yr ysgol. Penderfynwyd gofyn i'r Clerc ysgrifennu at y Cyngor Sir.")
    verdict = judge_text(welsh * 2)
    assert verdict.status == "good", verdict
    # the same page through a shifted character map is still garbled
    shifted = "".join(chr(((ord(c) - 97 + 7) % 26) + 97) if c.islower() else c for c in welsh)
    assert judge_text(shifted * 2).status == "garbled"


def test_markdown_front_matter_and_callouts_are_not_the_papers_text():
    from extract.load.text import pages_from_text

    text = ("---\ntitle: \"The 5th Meeting of the Ashby Planning Committee\"\ndate: 2025-04-02\ncategories:\n"
            "- planning\n---\nMarch 18, 2025\n> [!abstract]- Present:\n> S. Lehman, S. Lewis\n")
    lines = [line.text for page in pages_from_text(text) for line in page.lines]
    assert lines[:4] == ["The 5th Meeting of the Ashby Planning Committee", "March 18, 2025", "Present:",
                         "S. Lehman, S. Lewis"]
    assert not any("categories" in t or "2025-04-02" in t or t.startswith("[!") for t in lines)
    # a rule line that is not front matter stays text
    assert [l.text for p in pages_from_text("---\nMinutes of the meeting\n") for l in p.lines][:2] == [
        "---", "Minutes of the meeting"]


def test_overlapping_runs_read_each_character_once(tmp_path):
    # Runs placed separately whose boxes overlap by a fraction of a point (kerning, a figure set apart):
    # the bounds of each touch the neighbour's edge character, which was read twice ("August 22021").
    paper = Paper(size=12)
    pdf = paper.pdf
    first = "Tuesday 17th August "
    paper.on_baseline(20, 30, first)
    paper.on_baseline(20 + pdf.get_string_width(first) - 0.25, 30, "2021")
    start = 20 + pdf.get_string_width("Meeting at 19:")
    paper.on_baseline(20, 45, "Meeting at 19:")
    paper.on_baseline(start, 45, "0")
    paper.on_baseline(start + pdf.get_string_width("0") - 0.08, 45, "0hrs")
    lines = [line.text for line in load_document(paper.save(tmp_path / "overlap.pdf")).pages[0].lines]
    assert lines == ["Tuesday 17th August 2021", "Meeting at 19:00hrs"]


def test_overprinted_run_is_read_once(tmp_path):
    # Bold by double printing: the same words drawn twice, a hair apart.
    paper = Paper(size=12)
    paper.on_baseline(20, 30, "MINUTES")
    paper.on_baseline(20.15, 30, "MINUTES")
    paper.on_baseline(20, 45, "Present: Councillors Smith and Jones")
    lines = [line.text for line in load_document(paper.save(tmp_path / "overprint.pdf")).pages[0].lines]
    assert lines == ["MINUTES", "Present: Councillors Smith and Jones"]


def test_runs_read_as_one_word_join_without_a_space(tmp_path):
    # Letter-spaced figures placed one by one: no space between them in the text, so "17", not "1 7";
    # a list marker and its first word keep their space.
    paper = Paper(size=12)
    pdf = paper.pdf
    x = 20.0
    for part in ("Tuesday ", "1", "7", "th August 2021"):
        paper.on_baseline(x, 30, part)
        x += pdf.get_string_width(part) + (0.25 if part in ("1", "7") else 0)
    paper.on_baseline(20, 45, "1.")
    paper.on_baseline(20 + pdf.get_string_width("1.") + 0.5, 45, "Introductions")
    lines = [line.text for line in load_document(paper.save(tmp_path / "spaced.pdf")).pages[0].lines]
    assert lines == ["Tuesday 17th August 2021", "1. Introductions"]


@pytest.mark.parametrize("text,read", [
    ("MMIINNUUTTEESS  OOFF  TTHHEE  MMEEEETTIINNGG", "MINUTES OF THE MEETING"),
    ("TTuueessddaayy  1177tthh  JJuunnee  22002211", "Tuesday 17th June 2021"),
    ("Tuesday 17th June 2021", "Tuesday 17th June 2021"),     # plain text
    ("Bookkeeper's committee coffee", "Bookkeeper's committee coffee"),
    ("1100 2200 3300", "1100 2200 3300"),                      # figures alone: no words to judge by
    ("XXXXXXXXXXXXXXXX", "XXXXXXXXXXXXXXXX"),                  # a filler, one letter
    ("Date ....................", "Date ...................."),  # a dot leader pairs up, the words do not
])
def test_undouble_reads_overprinted_text_once(text, read):
    from extract.load.doubled import undouble

    assert undouble(text) == read


def test_doubled_text_layer_and_text_file_are_read_once(tmp_path, make_pdf):
    # A text layer (or a text file made from one) where fake bold printed every character twice.
    path = make_pdf(["MMIINNUUTTEESS  OOFF  TTHHEE  PPAARRIISSHH  CCOOUUNNCCIILL",
                     "Held on Tuesday 17th June 2021 at the Village Hall"])
    assert [line.text for line in load_document(path).pages[0].lines] == [
        "MINUTES OF THE PARISH COUNCIL", "Held on Tuesday 17th June 2021 at the Village Hall"]
    text = tmp_path / "minutes.txt"
    text.write_text("AAGGEENNDDAA\nTTuueessddaayy  1177tthh  JJuunnee  22002211\n1. Apologies\n", encoding="utf-8")
    assert [line.text for line in load_document(text).pages[0].lines][:3] == [
        "AGENDA", "Tuesday 17th June 2021", "1. Apologies"]


def test_markdown_keeps_no_html_tags_of_a_table_left_in_it():
    """Markdown exported from a web page keeps a minutes table as HTML: its rows are lines of text, the cells
    set apart by spaces, and no tag or stray emphasis marker is left in the text."""
    text = ("---\ntitle: Parish Council January\n---\n\nSome notes.\n\n"
            "<table border=\"0\"><tbody><tr><td><b>Date held:</b></td><td>17th January</td></tr>"
            "<tr><td>1.</td><td><b>Apologies</b></td><td>None</td></tr></tbody></table>\n\nMore text.\n")
    lines = [line.text for page in pages_from_text(text) for line in page.lines if line.text.strip()]
    assert lines == ["Parish Council January", "Some notes.", "Date held:   17th January", "1.   Apologies   None",
                     "More text."]
