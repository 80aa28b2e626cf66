"""Agenda front sheets, pack splitting and dates, on synthetic sheets of several templates and on the gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.load.model import Document, Line, Page
from extract.load.stamps import annotate
from extract.load.text import pages_from_text
from extract.parse.agenda import find_agenda, parse_agenda, split_page_ref
from extract.parse.text.dates import find_dates, parse_date
from extract.parse.document.sections import split_pack

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def text_doc(text: str) -> Document:
    doc = Document(path="x.txt", sha256="0", format="text", pages=pages_from_text(text))
    for page in doc.pages:
        annotate(page)
    return doc


def pdf_page(number: int, rows: list[tuple[float, float, str]], bold: bool = False, size: float = 12.0) -> Page:
    """A page of positioned lines: (x0, top, text), each as wide as its text (half the font size a character)."""
    lines = [Line(text=t, x0=x, top=top, x1=x + 0.5 * size * len(t), bottom=top + size, size=size, bold=bold)
             for x, top, t in rows]
    return annotate(Page(number=number, lines=lines, width=595, height=842))


MODERNGOV = """PUBLIC INFORMATION

PLANNING COMMITTEE

AGENDA


1   APOLOGIES

 To receive any apologies.

2   MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING) (Pages
1 - 8)

 To approve the minutes of the meeting held on 3 March 2024.

3   LAND AT MILL LANE (Pages 9 - 30)

 Report of the Head of Planning.

Tuesday, 2 April 2024 Director of Legal Services
"""


def test_moderngov_text_front_sheet():
    items = parse_agenda(text_doc(MODERNGOV))
    assert [(i.number, i.title, i.pages) for i in items] == [
        ("1", "APOLOGIES", None),
        ("2", "MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)", [1, 8]),
        ("3", "LAND AT MILL LANE", [9, 30]),
    ]


def kent_style() -> Document:
    rows = [(270, 180, "AGENDA"), (265, 210, "CABINET"), (78, 252, "Thursday, 30th January, 2025, at 10.00 am"),
            (231, 362, "UNRESTRICTED ITEMS"), (55, 423, "1.   Apologies"),
            (54, 448, "2.   Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)"),
            (54, 473, "3.   24/00108 - Revenue and Capital Budget Monitoring Report – November"),
            (82, 487, "2024-25 (Pages 11 - 84)"),
            (54, 512, "4.   Commissioning Plan for Education Provision in Kent 2025-29 (Pages"),
            (82, 526, "461 - 610)"), (245, 551, "EXEMPT ITEMS"),
            (70, 571, "(At the time of preparing the agenda there were no exempt items.)")]
    return Document(path="k.pdf", sha256="0", format="pdf",
                    pages=[pdf_page(1, rows), pdf_page(2, [(55, 100, "Benjamin Watts"), (55, 155, "Wednesday, 22 January 2025")])])


def test_kent_style_wrapped_titles_and_page_refs():
    items = parse_agenda(kent_style())
    assert [i.number for i in items] == ["1", "2", "3", "4"]
    assert items[2].title == "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"
    assert items[2].pages == [11, 84]
    assert items[3].title == "Commissioning Plan for Education Provision in Kent 2025-29"
    assert items[3].pages == [461, 610]
    assert all(i.page == 1 for i in items)


def test_parish_list_with_subitems():
    rows = [(200, 76, "LITTLE ASHBY PARISH COUNCIL"), (160, 121, "You are summoned to a meeting of the above Council"),
            (72, 166, "AGENDA"), (72, 196, "101. Apologies for absence"), (72, 211, "102. Accounts for payment:-"),
            (72, 226, "Village Hall Room Hire"), (108, 241, "Merlin Waste"), (72, 256, "103. Planning:- Land at Mill Lane"),
            (72, 271, "104. Date of next meeting"), (212, 301, "J Smith (Clerk)")]
    doc = Document(path="p.pdf", sha256="0", format="pdf", pages=[pdf_page(1, rows)])
    items = parse_agenda(doc)
    assert [(i.number, i.title) for i in items] == [("101", "Apologies for absence"), ("102", "Accounts for payment:-"),
                                                    ("103", "Planning:- Land at Mill Lane"), ("104", "Date of next meeting")]
    assert items[1].subitems == ["Village Hall Room Hire", "Merlin Waste"]


def test_trailing_page_column_and_no_heading():
    doc = text_doc("ORDER OF BUSINESS\n\n1. Welcome   1 - 2\n2. Budget report .......... 3 - 16\n3. Any other business\n")
    items = parse_agenda(doc)
    assert [(i.title, i.pages) for i in items] == [("Welcome", [1, 2]), ("Budget report", [3, 16]),
                                                   ("Any other business", None)]
    assert find_agenda(text_doc("MINUTES\n\n1. Apologies\n2. Minutes\n")) == (None, [])


@pytest.mark.parametrize("title,expected", [
    ("Budget (Pages 5 - 12)", ("Budget", [5, 12])), ("Budget (Page 7)", ("Budget", [7, 7])),
    ("Budget 2025-26", ("Budget 2025-26", None)), ("Budget   1 - 16", ("Budget", [1, 16])),
])
def test_split_page_ref(title, expected):
    assert split_page_ref(title) == expected


@pytest.mark.parametrize("text,iso", [
    ("Thursday, 30th January, 2025, at 10.00 am", "2025-01-30"), ("29th October 2018", "2018-10-29"),
    ("3 DECEMBER 2020", "2020-12-03"), ("16/06/2022", "2022-06-16"), ("January 30, 2025", "2025-01-30"),
    ("held on Monday 29th\nOctober 2018", "2018-10-29"), ("Sep-21", None), ("31/02/2022", None), ("16 June", None),
    ("PASSED AND ADOPTED THIS 23rd DAY OF January, A.D., 2024", "2024-01-23"),
    ("adopted on the 5th day of March, 2024", "2024-03-05"),
    # month first only where day first is no date (a US agenda date); 05/03/2024 stays 5 March
    ("DATE: January 13 , 2021", "2021-01-13"), ("30 January , 2025", "2025-01-30"),
    ("COUNCIL AGENDA: 01/26/21", "2021-01-26"), ("05/03/2024", "2024-03-05"), ("13/13/2024", None),
    # the day in words, as resolutions and ordinances date their adoption
    ("PASSED AND ADOPTED THIS TWENTY- THIRD DAY OF JANUARY, A. D., 2024.", "2024-01-23"),
    ("given this first day of March in the year 2023", "2023-03-01"),
    ("the Thirty-First day of December, 2019", "2019-12-31"), ("the thirty-first day of June 2023", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_find_dates_positions():
    found = find_dates("from 1 April 2024 to 31/03/2025")
    assert [d.iso for d in found] == ["2024-04-01", "2025-03-31"]


def test_split_pack_by_stamps_and_printed_pages():
    front = [(270, 100, "AGENDA"), (55, 150, "1. Apologies"), (55, 175, "2. Minutes of the last meeting (Pages 1 - 2)"),
             (55, 200, "3. Budget report (Pages 3 - 6)")]
    pages = [pdf_page(1, front),
             pdf_page(2, [(400, 30, "Agenda Item 2"), (60, 80, "MINUTES OF THE MEETING HELD ON 3 MARCH 2024"), (300, 800, "Page 1")]),
             pdf_page(3, [(60, 80, "continued"), (300, 800, "Page 2")]),
             pdf_page(4, [(400, 30, "Agenda Item 3"), (60, 80, "DECISION-MAKER: CABINET"), (60, 100, "SUBJECT: BUDGET"),
                          (60, 120, "DATE OF DECISION: 2 APRIL 2024"), (300, 800, "Page 3")]),
             pdf_page(5, [(60, 80, "text"), (300, 800, "Page 4")]),
             pdf_page(6, [(400, 30, "Appendix 1"), (60, 80, "Glossary table"), (300, 800, "Page 5")]),
             pdf_page(7, [(60, 80, "more"), (300, 800, "Page 6")])]
    doc = Document(path="pack.pdf", sha256="0", format="pdf", pages=pages)
    items = parse_agenda(doc)
    sections = split_pack(doc, items)
    assert [(s.kind, s.first_page, s.last_page, s.agenda_number) for s in sections] == [
        ("front_sheet", 1, 1, None), ("minutes", 2, 3, "2"), ("report", 4, 5, "3"), ("appendix", 6, 7, "3")]
    assert (items[1].document, items[1].physical_pages) == ("minutes", [2, 3])
    assert (items[2].document, items[2].physical_pages) == ("report", [4, 7])
    assert items[0].physical_pages is None


def _gold_files() -> list[Path]:
    if not (SHARED / "gold").is_dir():
        return []
    return sorted(p for p in (SHARED / "gold").glob("*.json") if "agenda" in json.loads(p.read_text()))


@pytest.mark.parametrize("gold_path", _gold_files() or [None], ids=lambda p: p.stem if p else "no-shared")
def test_gold_agenda_floor(gold_path):
    if gold_path is None:
        pytest.skip("../shared not present: the shared gold files are not part of the project")
    from extract.load import load_document
    from extract.parse.agenda import parse_agenda as parse
    from scoring import score  # tests/scoring.py, the project's own scorer

    doc_path = next((p for d in ("seeds", "pdfs") for p in (SHARED / d).glob(gold_path.stem + ".*")), None)
    if doc_path is None:
        pytest.skip(f"no document for {gold_path.name}")
    gold = json.loads(gold_path.read_text())
    pred = {"agenda": [{"number": i.number, "title": i.title, "pages": i.pages, "page": i.page}
                       for i in parse(load_document(doc_path))]}
    scores = score(pred, {"agenda": gold["agenda"]})
    if not gold["agenda"]:
        assert scores["agenda"].predicted == 0
        return
    assert scores["agenda"].f1 >= 0.95
    assert scores["agenda.pages"].f1 >= 0.95


def test_county_style_pdf_front_sheet_through_the_loader(tmp_path):
    """A real PDF (fpdf2): bold numbered titles, indented descriptions, a wrapped title, 3a, a PART 2 heading."""
    from extract.load import load_document
    from extract.pipeline import extract_document

    from pdfs import Paper

    pdf = Paper()
    pdf.line("WEXSHIRE COUNTY COUNCIL", bold=True, x=90)
    pdf.line("Notice of Meeting", bold=True, x=90)
    pdf.line("Meeting: Environment Select Committee", x=20)
    pdf.line("Date: Monday, 3 June 2024 at 10.00 am", x=20)
    pdf.gap(6)
    pdf.line("AGENDA", bold=True, x=90)
    pdf.gap(4)
    pdf.line("1        Apologies for Absence", bold=True, x=20)
    pdf.line("To receive apologies for absence.", x=35)
    pdf.gap(4)
    pdf.line("2        Minutes of the meeting held on 1 May 2024 (Pages 1 - 6)", bold=True, x=20)
    pdf.line("To confirm the minutes.", x=35)
    pdf.gap(4)
    pdf.line("3        Highways maintenance programme 2024/25 and the forward plan", bold=True, x=20)
    pdf.line("of key decisions (Pages 7 - 22)", bold=True, x=35)
    pdf.line("Report of the Director of Highways.", x=35)
    pdf.gap(4)
    pdf.line("3a      Winter service (Pages 23 - 30)", bold=True, x=20)
    pdf.gap(4)
    pdf.line("PART 2 - EXEMPT ITEMS", bold=True, x=20)
    pdf.gap(4)
    pdf.line("4        Property disposal (Pages 31 - 40)", bold=True, x=20)
    pdf.gap(10)
    pdf.line("Jane Smith, Chief Executive", x=20)
    pdf.line("Published: Friday, 24 May 2024", x=20)
    path = pdf.save(tmp_path / "front.pdf")

    record = extract_document(load_document(path))
    assert [(i.number, i.title, i.pages) for i in record.agenda] == [
        ("1", "Apologies for Absence", None),
        ("2", "Minutes of the meeting held on 1 May 2024", [1, 6]),
        ("3", "Highways maintenance programme 2024/25 and the forward plan of key decisions", [7, 22]),
        ("3a", "Winter service", [23, 30]),
        ("4", "Property disposal", [31, 40]),
    ]
    assert (record.kind, record.council, record.body, record.date) == (
        "agenda", "Wexshire County Council", "Environment Select Committee", "2024-06-03")


def test_a_stray_number_under_the_heading_is_not_the_first_item():
    doc = text_doc("AGENDA\n\n30 January 2025\n\n1. Apologies\n2. Minutes\n3. Budget\n")
    assert [(i.number, i.title) for i in parse_agenda(doc)] == [("1", "Apologies"), ("2", "Minutes"), ("3", "Budget")]


def test_running_minute_numbers_with_a_year_prefix():
    doc = text_doc("AGENDA\n24/101 Apologies\n24/102 Declarations of interest\n24/103 Planning\n")
    assert [i.number for i in parse_agenda(doc)] == ["24/101", "24/102", "24/103"]


# --- sub-items and right-hand page columns (general shapes seen in unseen templates) ----------------------------

def test_text_numbered_subitems_indented_under_a_heading_item():
    doc = text_doc("""RESOURCES COMMITTEE

AGENDA

1.  Welcome and Apologies

2.  Treasury Management Strategy  (Pages 3 - 20)

3.  Property Matters

      3.1  Disposal of the Old Depot, Ferry Road  (Pages 21 - 30)

      3.2  Lease Renewal at the Market Hall  (Pages 31 - 36)

      3.3  Acquisitions Fund - Annual Review

4.  Date of Next Meeting
""")
    items = parse_agenda(doc)
    assert [(i.number, i.title, i.pages) for i in items] == [
        ("1", "Welcome and Apologies", None),
        ("2", "Treasury Management Strategy", [3, 20]),
        ("3", "Property Matters", None),
        ("3.1", "Disposal of the Old Depot, Ferry Road", [21, 30]),
        ("3.2", "Lease Renewal at the Market Hall", [31, 36]),
        ("3.3", "Acquisitions Fund - Annual Review", None),
        ("4", "Date of Next Meeting", None),
    ]


def test_indented_number_that_does_not_belong_to_the_item_above_is_not_a_subitem():
    doc = text_doc("AGENDA\n\n1.  Apologies\n\n2.  Budget\n\n      4.1  Figures quoted in the report\n\n3.  Close\n")
    assert [i.number for i in parse_agenda(doc)] == ["1", "2", "3"]


def test_pdf_right_hand_page_column_keeps_wrapped_title_lines():
    rows = [(250, 80, "AGENDA"),
            (60, 110, "1.   Apologies"),
            (60, 130, "2.   Minutes   Pages 1 - 4"),
            (94, 150, "To approve the minutes of the last meeting."),  # a description below a gap
            (60, 172, "3.   Bus shelter replacement programme for the villages of   Pages 5 - 12"),
            (94, 186, "Upper Denby and Lowmoor"),
            (60, 206, "4.   Draft playing pitch strategy: outcome   Pages 13 - 20"),
            (94, 220, "of the second consultation"),
            (60, 240, "5.   Annual audit letter   Pages 21 - 24"),
            (94, 254, "Report of the External Auditor."),
            (60, 276, "6.   Any other business")]
    doc = Document(path="a.pdf", sha256="0", format="pdf", pages=[pdf_page(1, rows, size=11.0)])
    items = parse_agenda(doc)
    assert [(i.number, i.title, i.pages) for i in items] == [
        ("1", "Apologies", None),
        ("2", "Minutes", [1, 4]),
        ("3", "Bus shelter replacement programme for the villages of Upper Denby and Lowmoor", [5, 12]),
        ("4", "Draft playing pitch strategy: outcome of the second consultation", [13, 20]),
        ("5", "Annual audit letter", [21, 24]),  # a capitalised sentence under a finished title is its description
        ("6", "Any other business", None),
    ]


def test_lettered_subitems_straight_under_a_heading_item():
    doc = text_doc("""AGENDA

1.  Declarations of Interest

2.  Housing Matters

    (a)  Tenancy Strategy Refresh  (Pages 5 - 14)

    (b)  Void Property Performance  (Pages 15 - 20)

3.  Date of Next Meeting
""")
    assert [(i.number, i.title, i.pages) for i in parse_agenda(doc)] == [
        ("1", "Declarations of Interest", None), ("2", "Housing Matters", None),
        ("(a)", "Tenancy Strategy Refresh", [5, 14]), ("(b)", "Void Property Performance", [15, 20]),
        ("3", "Date of Next Meeting", None)]


def test_lettered_list_inside_an_items_description_is_not_items():
    doc = text_doc("AGENDA\n\n1.  Apologies\n\n2.  Fees and Charges  (Pages 3 - 9)\n\n    To agree:\n"
                   "    (a) The parking charges;\n    (b) The cemetery fees.\n\n3.  Close\n")
    assert [i.number for i in parse_agenda(doc)] == ["1", "2", "3"]


def test_pdf_lettered_subitems_set_under_their_heading_without_a_gap():
    rows = [(250, 80, "AGENDA"), (60, 110, "1.   Apologies"), (60, 130, "2.   Planning Applications"),
            (90, 144, "(a)   Land at Orchard Way   Pages 3 - 10"), (90, 158, "(b)   Former Garage Site, Hill Street   Pages 11 - 16"),
            (60, 180, "3.   Appeals")]
    doc = Document(path="a.pdf", sha256="0", format="pdf", pages=[pdf_page(1, rows, size=11.0)])
    assert [(i.number, i.title, i.pages) for i in parse_agenda(doc)] == [
        ("1", "Apologies", None), ("2", "Planning Applications", None), ("(a)", "Land at Orchard Way", [3, 10]),
        ("(b)", "Former Garage Site, Hill Street", [11, 16]), ("3", "Appeals", None)]


# ---- agendas set as a table with a "Page" column --------------------------------------------------------------

def _table_agenda() -> Document:
    """A ruled agenda table: numbers in the first column, titles in the second, pages in the third; lettered
    sub-items printed in the numbers' column; a single page printed without a range."""
    def row(top: float, *cells: tuple[float, str]) -> Line:
        text = "   ".join(t for _, t in cells)
        return Line(text=text, x0=cells[0][0], top=top, x1=cells[-1][0] + 40, bottom=top + 10, size=10.0,
                    runs=[(x, x + 6 * len(t), t) for x, t in cells])
    lines = [row(60, (60, "AGENDA")), row(85, (62, "No."), (200, "Subject"), (480, "Pages")),
             row(105, (61, "1"), (150, "Chair's announcements")),
             row(125, (60, "2"), (140, "Minutes of the previous meeting"), (482, "3 - 8")),
             row(145, (60, "3"), (130, "Reports of the working parties:")),
             row(165, (61, "(a)"), (120, "Allotments working party"), (480, "9 - 12")),
             row(185, (61, "(b)"), (110, "Cemetery extension working party"), (480, "13 - 20")),
             row(205, (60, "4"), (160, "Budget monitoring 2025/26"), (488, "21")),
             row(225, (60, "5"), (170, "Date of the next meeting"))]
    return Document(path="t.pdf", sha256="0", format="pdf", pages=[Page(number=1, lines=lines, width=595, height=842)])


def test_table_agenda_single_page_in_a_page_column_and_lettered_rows_in_the_number_column():
    items = parse_agenda(_table_agenda())
    assert [(i.number, i.title, i.pages) for i in items] == [
        ("1", "Chair's announcements", None),
        ("2", "Minutes of the previous meeting", [3, 8]),
        ("3", "Reports of the working parties:", None),
        ("(a)", "Allotments working party", [9, 12]),
        ("(b)", "Cemetery extension working party", [13, 20]),
        ("4", "Budget monitoring 2025/26", [21, 21]),
        ("5", "Date of the next meeting", None)]


def test_lone_trailing_number_is_a_page_only_under_a_page_column():
    assert split_page_ref("Budget monitoring 2025/26   21") == ("Budget monitoring 2025/26   21", None)
    assert split_page_ref("Budget monitoring 2025/26   21", page_column=True) == ("Budget monitoring 2025/26", [21, 21])
    assert split_page_ref("Capital strategy   2026", page_column=True)[1] is None  # a year, not a page


def test_text_agenda_with_a_page_column_heading():
    doc = text_doc("AGENDA\n\nItem   Title                         Page\n\n1      Apologies\n\n"
                   "2      Minutes of the last meeting   1 - 4\n\n3      Play area inspection report   5\n\n"
                   "4      Any other business\n")
    assert [(i.number, i.title, i.pages) for i in parse_agenda(doc)] == [
        ("1", "Apologies", None), ("2", "Minutes of the last meeting", [1, 4]),
        ("3", "Play area inspection report", [5, 5]), ("4", "Any other business", None)]


def test_an_agenda_table_is_not_a_kpi_table():
    from extract.parse.agenda import is_agenda_table

    agenda = [["Item", "Business", "Page"], ["1", "Apologies", ""], ["2", "Minutes", "1 - 6"],
              ["3", "Budget report", "7 - 18"], ["(a)", "Fees and charges", "19 - 24"], ["4", "Work plan", "25"]]
    assert is_agenda_table(agenda)
    assert is_agenda_table([r for r in agenda if r[0] != "Item"])  # no heading row: the page ranges tell
    kpis = [["Ref", "Indicator", "Q1", "Q2"], ["1", "Missed bins", "41", "38"], ["2", "Fly-tips cleared (%)", "92%", "95%"],
            ["3", "Calls answered", "88%", "91%"]]
    assert not is_agenda_table(kpis)


def test_time_column_before_the_item_number():
    doc = text_doc("""AGENDA

Time     Item

09.30    1.  Welcome and apologies

09.35    2.  Declarations of interest

09.40    3.  Minutes of the meeting held on 1 May 2025 (pages 3 - 8)

10.15    4.  Annual report of the Board -
             progress against the plan (Pages 9 - 30)

11.00        Close
""")
    items = parse_agenda(doc)
    assert [(i.number, i.title, i.pages) for i in items] == [
        ("1", "Welcome and apologies", None), ("2", "Declarations of interest", None),
        ("3", "Minutes of the meeting held on 1 May 2025", [3, 8]),
        ("4", "Annual report of the Board - progress against the plan", [9, 30])]


def test_item_word_letter_spaced_heading_and_bracketed_subitems():
    rows = [(200, 100, "A G E N D A"), (60, 130, "Item   Subject   Page"),
            (60, 150, "Item 1   Apologies"), (60, 170, "Item 2   Minutes of the last meeting   Page 3"),
            (60, 190, "Item 3   Licensing applications"), (60, 210, "3(a)   The Crown, High Street   Page 9"),
            (60, 230, "3(b)   The Bell, Mill Road   Page 15"), (60, 250, "Item 4   Urgent business")]
    doc = Document(path="x.pdf", sha256="0", format="pdf", pages=[pdf_page(1, rows)])
    items = parse_agenda(doc)
    assert [(i.number, i.title, i.pages) for i in items] == [
        ("1", "Apologies", None), ("2", "Minutes of the last meeting", [3, 3]), ("3", "Licensing applications", None),
        ("3(a)", "The Crown, High Street", [9, 9]), ("3(b)", "The Bell, Mill Road", [15, 15]),
        ("4", "Urgent business", None)]


def test_a_time_alone_is_not_an_item():
    doc = text_doc("AGENDA\n\n1. Apologies\n\n2. Minutes\n\n12.10    Close\n")
    assert [i.number for i in parse_agenda(doc)] == ["1", "2"]


def test_agenda_table_with_item_words_and_bracketed_subitems():
    from extract.parse.agenda import is_agenda_table

    rows = [["Item", "Subject", "Page"], ["Item 1", "Apologies", ""], ["Item 2", "Minutes", "Page 3"],
            ["Item 3", "Applications", ""], ["3(a)", "The Crown", "Page 9"], ["3(b)", "The Bell", "Page 15"],
            ["Item 4", "Urgent business", ""]]
    assert is_agenda_table(rows)
    assert not is_agenda_table([["Service", "Budget", "Outturn"], ["Adults", "186", "188"],
                                ["Children", "97", "99"], ["Place", "40", "41"]])


def test_a_title_line_with_the_word_agenda_opens_the_list() -> None:
    """Many parish and city agendas print no "AGENDA" line of its own: the word stands in the title."""
    for title in ("Ashby Parish Council Agenda & Summons to Councillors", "Notice and Agenda",
                  "Ashby Community Council Public Meeting Agenda"):
        items = parse_agenda(text_doc(f"""\
{title}
Tuesday 4th March 2025 at 7.30pm in the Village Hall

1 To receive apologies for absence
2 Declarations of Interest
3 To receive the minutes of the last meeting
4 Planning
"""))
        assert [(i.number, i.title) for i in items][:2] == [("1", "To receive apologies for absence"),
                                                           ("2", "Declarations of Interest")], title
    # a sentence that mentions the agenda does not open one
    from extract.parse.agenda import is_heading

    assert not is_heading("The agenda was approved as presented.")
    assert not is_heading("10. Items not on the Agenda")
    assert not is_heading("AMENITIES COMMITTEE - 4 MARCH 2025                 AGENDA ITEM 6")


def test_a_short_title_over_a_line_of_description_keeps_its_own_words() -> None:
    doc = Document(path="x.pdf", sha256="0", format="pdf", pages=[pdf_page(1, [
        (72, 60, "AGENDA"),
        (72, 90, "1    Correspondence"),
        (100, 104, "To discuss correspondence received from the county council about the bus service"),
        (72, 130, "2    Review of the management arrangements for the village hall and the recreation"),
        (100, 144, "ground including the lease"),
        (72, 170, "3    Planning"),
    ])])
    items = parse_agenda(doc)
    assert [(i.number, i.title) for i in items] == [
        ("1", "Correspondence"),
        ("2", "Review of the management arrangements for the village hall and the recreation ground including the lease"),
        ("3", "Planning")]


CITY_AGENDA = """\
City Council Meeting
Amended Agenda
Tuesday, February 9, 2021

How to submit written Public Comment before the City Council Meeting:
1) Use the eComment tab located on the City Council Agenda page.
2) By email to the City Clerk by 10:00 a.m. the day of the meeting.
3) By letter to the City Clerk at City Hall.
Public comment instructions, paragraph 1, on how to join the meeting and speak.
Public comment instructions, paragraph 2, on how to join the meeting and speak.
Public comment instructions, paragraph 3, on how to join the meeting and speak.
Public comment instructions, paragraph 4, on how to join the meeting and speak.
Public comment instructions, paragraph 5, on how to join the meeting and speak.
Public comment instructions, paragraph 6, on how to join the meeting and speak.
Public comment instructions, paragraph 7, on how to join the meeting and speak.
Public comment instructions, paragraph 8, on how to join the meeting and speak.
Public comment instructions, paragraph 9, on how to join the meeting and speak.
Public comment instructions, paragraph 10, on how to join the meeting and speak.
Public comment instructions, paragraph 11, on how to join the meeting and speak.
Public comment instructions, paragraph 12, on how to join the meeting and speak.
Public comment instructions, paragraph 13, on how to join the meeting and speak.
Public comment instructions, paragraph 14, on how to join the meeting and speak.
Public comment instructions, paragraph 15, on how to join the meeting and speak.
Public comment instructions, paragraph 16, on how to join the meeting and speak.
Public comment instructions, paragraph 17, on how to join the meeting and speak.
Public comment instructions, paragraph 18, on how to join the meeting and speak.

1. CEREMONIAL ITEMS

2. CONSENT CALENDAR

2.1 Approval of City Council Minutes.

2.2   21-246   Final Adoption of Ordinances.

2.3   21-238   Settlement of Anderson v. City of San Jose

3. STRATEGIC SUPPORT

3.1 Report of the City Manager (Verbal Report)

3.2   21-227   Mid-Year Budget Review Report

4. ADJOURNMENT
"""


def test_a_city_agenda_is_read_as_an_outline_past_its_preamble_lists():
    """Pages of public-comment instructions, numbered "1)", "2)", come first; the business is a hierarchical
    outline with legislative file numbers between the number and the title. The longer reading wins, and
    the file number is no part of a title."""
    items = parse_agenda(text_doc(CITY_AGENDA))
    assert [(i.number, i.title) for i in items] == [
        ("1", "CEREMONIAL ITEMS"), ("2", "CONSENT CALENDAR"), ("2.1", "Approval of City Council Minutes."),
        ("2.2", "Final Adoption of Ordinances."), ("2.3", "Settlement of Anderson v. City of San Jose"),
        ("3", "STRATEGIC SUPPORT"), ("3.1", "Report of the City Manager (Verbal Report)"),
        ("3.2", "Mid-Year Budget Review Report"), ("4", "ADJOURNMENT")]


def test_an_outline_stops_where_a_packs_minutes_begin():
    """An agenda pack's own list wins over the numbered items of the minutes printed behind it."""
    pack = """\
PARISH COUNCIL MEETING
AGENDA

1. Apologies
2. Minutes of the last meeting
3. Planning

MINUTES OF THE MEETING OF ASHBY PARISH COUNCIL HELD ON 9 JANUARY 2024
Present: Cllr P Hart (Chairman), Cllr S Lowe

15. APOLOGIES
16. MINUTES
17. PLANNING
18. FINANCE
19. HIGHWAYS
20. CORRESPONDENCE
21. CLOSE
"""
    assert [i.number for i in parse_agenda(text_doc(pack))] == ["1", "2", "3"]


LEGISTAR_AGENDA = """\
ASHBY CITY COUNCIL

SPECIAL NOTICE REGARDING COVID-19

Members of the public may view the meeting online and submit comments by email.
\f
City Council   Notice and Agenda   January 26, 2021

CALL TO ORDER

Call to Order via teleconference.

ROLL CALL:

CONSENT CALENDAR

1.A   21-0109   Approve City Council Meeting Minutes of January 12, 2021
Recommendation: Approve the minutes as submitted.
1.B   21-0171   Approve the List of Claims and Bills
Recommendation: Approve the list.
1.C   21-0194   Award a Contract to Park Consulting Group
1.D   21-0132   Award of Bid No. PW21-06 to Kingdom Pipelines

PUBLIC HEARINGS/GENERAL BUSINESS

2   21-0079   Consideration of Grant Program Changes
3   21-0129   Introduce an Ordinance Amending Chapter 16.52

ADJOURNMENT
"""


def test_a_city_agenda_keeps_its_unnumbered_sections_and_lettered_consent_items() -> None:
    """US city agendas list their opening and closing business as headings in capitals ("CALL TO ORDER",
    "ROLL CALL:", "ADJOURNMENT") among numbered items lettered under the consent calendar ("1.A", "1.B"):
    every one is an agenda item, the sections unnumbered. The masthead and notices of the first page, ahead
    of the page before the first numbered item, are not; the outline starts at the first agenda heading
    though the list walker finds its list further on."""
    items = parse_agenda(text_doc(LEGISTAR_AGENDA))
    assert [(i.number, i.title) for i in items] == [
        (None, "CALL TO ORDER"), (None, "ROLL CALL"), (None, "CONSENT CALENDAR"),
        ("1.A", "Approve City Council Meeting Minutes of January 12, 2021"),
        ("1.B", "Approve the List of Claims and Bills"), ("1.C", "Award a Contract to Park Consulting Group"),
        ("1.D", "Award of Bid No. PW21-06 to Kingdom Pipelines"),
        (None, "PUBLIC HEARINGS/GENERAL BUSINESS"), ("2", "Consideration of Grant Program Changes"),
        ("3", "Introduce an Ordinance Amending Chapter 16.52"), (None, "ADJOURNMENT")]


def test_pdf_agenda_titles_wrap_onto_lines_set_under_their_column(tmp_path) -> None:
    """Legistar sets number, file number and title in columns; a title's second line is set under the
    title's column, and a "Recommendation:" line under it opens the item's text. (Six items: an outline
    replaces the list walker's reading only where it is clearly the longer one.)"""
    from extract.load import load_document
    from pdfs import Paper

    pdf = Paper(unit="pt")
    pdf.at(40, 30, "City of Ashby").at(40, 44, "Notice and Agenda").at(40, 58, "City Council")
    rows = [("1.A", "21-0109", "Approve City Council Meeting Minutes of January 12, 2021", None),
            ("1.B", "21-0171", "Approve the List(s) of Claims and Bills Approved for Payment", "by the City Manager"),
            ("1.C", "21-0194", "Award a Contract to Park Consulting Group for the Project",
             "Management of the Permitting System"),
            ("2", "21-0079", "Consideration of Grant Program Changes", None),
            ("3", "21-0129", "Introduce an Ordinance Amending Chapter 16.52", None),
            ("4", "21-0130", "Council Meeting Calendar", None)]
    y = 90
    for number, file_no, title, more in rows:
        pdf.at(40, y, number).at(80, y, file_no).at(150, y, title)
        y += 14
        if more:
            pdf.at(150, y, more)
            y += 14
        pdf.at(150, y, "Recommendation: Approve as submitted.")
        y += 24
    doc = load_document(pdf.save(tmp_path / "agenda.pdf"))
    titles = [i.title for i in parse_agenda(doc)]
    assert titles == ["Approve City Council Meeting Minutes of January 12, 2021",
                      "Approve the List(s) of Claims and Bills Approved for Payment by the City Manager",
                      "Award a Contract to Park Consulting Group for the Project Management of the Permitting System",
                      "Consideration of Grant Program Changes", "Introduce an Ordinance Amending Chapter 16.52",
                      "Council Meeting Calendar"]


def test_a_lettered_legistar_outline_with_its_sections_and_their_items() -> None:
    """Legistar's "Agenda - Final" letters its sections ("A.   PRESENTATIONS") and numbers their items under
    the letter ("A.-1.   23-6894   Presentation ..."), titles ending in a full stop; a title wraps onto
    several lines."""
    text = """\
City of Ashby
Agenda - Final Revised
Tuesday, January 23, 2024

CALL TO ORDER

A.   PRESENTATIONS AND PROTOCOL DOCUMENTS
A.-1.   23-6894   Presentation of the 2023 Holiday Window Contest Winners.
A.-2.   23-6913   Congratulations to Sergeant Raiza Mardis, recipient of the City of Ashby
Officer of the Month Award for November 2023.
B.   APPROVAL OF MINUTES
B.-1.   23-6809   Regular City Commission Meeting of December 12, 2023.
C.   CONSENT AGENDA
C.-1.   23-6887   A Resolution of the City Commission confirming the appointment of P. Tristan
Bourgoignie to serve as a member of the Pinewood Cemetery Advisory Board, for a two (2) year
term which began on June 1, 2023 and continues through May 31, 2025, and providing for an
effective date of the appointment and for its notice to the members of the Board and to the
Clerk.
C.-2.   23-6884   A Resolution of the City Commission approving the temporary public art activation.
"""
    items = parse_agenda(text_doc(text))
    assert [i.number for i in items] == [None, "A", "A.-1", "A.-2", "B", "B.-1", "C", "C.-1", "C.-2"]
    assert items[3].title == ("Congratulations to Sergeant Raiza Mardis, recipient of the City of Ashby Officer "
                              "of the Month Award for November 2023.")
    assert items[7].title.endswith("to the members of the Board and to the Clerk.")


def test_an_items_purpose_after_a_dash_is_no_part_of_its_title() -> None:
    """Parish agendas print each item's purpose after a dash ("Declarations of Interest - to receive any
    declarations ..."): the title is what stands before it."""
    text = """\
SOULBY PARISH COUNCIL
AGENDA

1. Apologies
2. Declarations of Interest - to receive any declarations of interest from members
3. Public Participation – to receive submissions from members of the public
4. Land at Mill Lane - Planning Application
"""
    assert [i.title for i in parse_agenda(text_doc(text))] == [
        "Apologies", "Declarations of Interest", "Public Participation", "Land at Mill Lane - Planning Application"]


def test_a_city_agenda_outline_runs_on_over_twenty_pages() -> None:
    """A city agenda prints its business over twenty pages and more (each item with its recommendation and
    notes): the outline follows it to the end, past the first dozen pages."""
    topics = ["Parks", "Libraries", "Housing", "Transport", "Water", "Planning", "Budget", "Safety", "Airport"]
    pages = ["CITY COUNCIL AGENDA\nTuesday, February 9, 2021\n\n1   CEREMONIAL ITEMS\n\n2   CONSENT CALENDAR\n"]
    for n, topic in enumerate(topics, start=3):
        pages.append(f"{n}   {topic.upper()} SERVICES\n\nRecommendation: approve the {topic} report as set out.\n"
                     f"The {topic} report was published on the website.\n")
        pages.append(f"Notes: the public may comment on {topic} in writing.\n"
                     f"Further {topic} papers are in the library.\n")  # a page of notes between items
    from extract.parse.agenda import outline_agenda

    items = outline_agenda(text_doc("\f".join(pages)), 1)
    assert [i.number for i in items] == [str(n) for n in range(1, 12)]
    assert items[-1].page == 18


def test_city_agenda_titles_without_sponsor_notes_or_the_description_after_capitals() -> None:
    """A title is what the heading prints: "(Sponsored by ...)" after it says who brought the item, the
    sentence after a title in capitals describes it, and a colon inside a title ending in a full stop
    ("Winter Shelter Plan: Emergency Housing Assistance Program.") does not cut it."""
    from extract.parse.agenda import outline_agenda

    text = ("CITY COMMISSION MEETING AGENDA\nTuesday, January 23, 2024\n\n"
            "1. COMMUNITY INPUT Members of the public wishing to address the Council may do so by email.\n\n"
            "2. Discussion regarding street tree planting. (Sponsored by Vice Mayor Hale)\n\n"
            "3. Winter Shelter Plan: Emergency Housing Assistance Program.\n\n"
            "4. ADJOURNMENT\n")
    items = outline_agenda(text_doc(text), 1)
    assert [(i.number, i.title) for i in items] == [
        ("1", "COMMUNITY INPUT"), ("2", "Discussion regarding street tree planting."),
        ("3", "Winter Shelter Plan: Emergency Housing Assistance Program."), ("4", "ADJOURNMENT")]
