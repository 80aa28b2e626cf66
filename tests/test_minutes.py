"""Minutes parser: meetings, attendance, minute items, resolutions and votes.

Unit tests use small synthetic minutes in the styles councils print (county
"RESOLVED that", parish "It was resolved", "AGREED:", lettered sub-resolutions,
named vote lists, an item heading glued to the line before it); the gold tests
score the parser on the shared papers with the shared scorer and assert the
floors the issue names.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extract.load.model import Document, Line, Page
from extract.load.text import pages_from_text
from extract.parse.minutes import parse_minutes
from extract.parse.minutes.names import split_names
from extract.parse.minutes.votes import find_vote
from extract.record import Record, Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def doc_of(text: str) -> Document:
    return Document(path="minutes.txt", sha256="0", format="text", pages=pages_from_text(text))


def only_meeting(text: str):
    meetings = parse_minutes(doc_of(text))
    assert len(meetings) == 1, [m.date for m in meetings]
    return meetings[0]


def resolutions(meeting):
    return [(item.number, r.number, r.text) for item in meeting.items for r in item.resolutions]


COUNTY = """\
KENT COUNTY COUNCIL
CABINET

MINUTES of a meeting of the Cabinet held in the Council Chamber, County Hall, Maidstone on Thursday,
30 January 2025.

PRESENT: Mr R W Gough (Chairman), Mrs S Chandler, Mr R C Love, OBE, Dr L Smith and Mr R J Thomas

IN ATTENDANCE: Mrs A Beer (Chief Executive), Mr B Watts (General Counsel)

84. Apologies
(Item 1)

Apologies were received from Mrs C Bell.

85. Minutes of the Meeting held on 9 January 2025
(Item 3)

RESOLVED that the minutes of the meeting on 9 January 2025 were a correct record and that they be
signed by the Chair.

86. 24/00108 - Revenue and Capital Budget Monitoring Report - November
2024-25
(Item 5)

1. Mr Oakford introduced the report which set out the budget monitoring position.

2. Members asked about the overspend.

3. RESOLVED that Cabinet agree to:

(a) Note the forecast revenue overspend of £23.3m.

(b) Agree the Capital budget changes.
"""


def test_county_resolved_that_and_lettered_subresolutions():
    m = only_meeting(COUNTY)
    assert m.body == "Cabinet"
    assert m.date == "2025-01-30"
    assert m.present == ["R W Gough", "S Chandler", "R C Love", "L Smith", "R J Thomas"]
    assert m.apologies == []  # recorded only inside item 84
    assert "C Bell" in m.apologies_in_items
    assert m.in_attendance == ["A Beer", "B Watts"]
    assert [(i.number, i.title) for i in m.items] == [
        ("84", "Apologies"),
        ("85", "Minutes of the Meeting held on 9 January 2025"),
        ("86", "24/00108 - Revenue and Capital Budget Monitoring Report - November 2024-25"),
    ]
    assert resolutions(m) == [
        ("85", None, "that the minutes of the meeting on 9 January 2025 were a correct record and that they be "
                     "signed by the Chair."),
        ("86", "a", "Note the forecast revenue overspend of £23.3m."),
        ("86", "b", "Agree the Capital budget changes."),
    ]


PARISH = """\
MINUTES OF THE MEETING OF ASHBY PARISH COUNCIL HELD ON MONDAY 3RD APRIL 2023 AT 7.30PM IN THE VILLAGE HALL

Present: Cllrs J Smith (Chairman), K Jones, L Brown and Mrs P Green
In attendance: Mrs M White (Clerk) and 3 members of the public

23/045 Apologies for absence
Apologies were received and accepted from Cllr T Black.

23/046 Minutes of the previous meeting
It was resolved that the minutes of the meeting held on 6th March 2023 be signed as a true record.

23/047 Planning
The council considered application 23/00123/FUL at 1 High Street. It was RESOLVED to support the application.

23/048 Village green
Cllr Jones proposed that the council buys two new benches, seconded by Cllr Brown. 4 votes for, 2 against. Carried.

23/049 Date of next meeting
Monday 1st May 2023.
"""


def test_parish_it_was_resolved_and_motion_with_counts():
    m = only_meeting(PARISH)
    assert m.body == "Ashby Parish Council"
    assert m.date == "2023-04-03"
    assert m.present == ["J Smith", "K Jones", "L Brown", "P Green"]
    assert [i.number for i in m.items] == ["23/045", "23/046", "23/047", "23/048", "23/049"]
    got = {item.number: item.resolutions for item in m.items}
    assert [r.text for r in got["23/046"]] == [
        "that the minutes of the meeting held on 6th March 2023 be signed as a true record."]
    assert [r.text for r in got["23/047"]] == ["to support the application."]
    (motion,) = got["23/048"]
    assert motion.text == "that the council buys two new benches"
    assert motion.vote.to_dict() == {"for": 4, "against": 2, "abstain": None, "outcome": "carried"}
    assert got["23/049"] == []


AGREED = """\
Planning Committee
Minutes
Date: Tuesday 14 March 2023
Present
Councillor A Smith (Chair)
Councillors B Jones, C Brown and D White
Apologies: Councillor E Green

12. Declarations of interest
None.

13. Land at Mill Lane
Members discussed the access arrangements.
AGREED: that planning permission be granted subject to conditions.

14. Tree works
AGREED –
i. that the works to T1 be approved;
ii. that the works to T2 be refused.
"""


def test_bare_minutes_header_agreed_and_roman_subresolutions():
    m = only_meeting(AGREED)
    assert m.body == "Planning Committee"
    assert m.date == "2023-03-14"
    assert m.present == ["A Smith", "B Jones", "C Brown", "D White"]
    assert m.apologies == ["E Green"]
    assert resolutions(m) == [
        ("13", None, "that planning permission be granted subject to conditions."),
        ("14", "i", "that the works to T1 be approved;"),
        ("14", "ii", "that the works to T2 be refused."),
    ]


NAMED_VOTE = """\
MINUTES OF THE MEETING OF THE COUNCIL HELD ON 12 JULY 2022

Present: Councillors Adams (Mayor), Baker, Clark, Davies, Evans and Foster

7. NOTICE OF MOTION - CLIMATE EMERGENCY

An amendment was moved by Councillor Baker and seconded by Councillor Clark that the target date be 2035.

Upon being put to the vote the amendment was LOST.

A recorded vote was taken on the motion.
For: Councillors Adams, Davies and Evans
Against: Councillors Baker and Clark
Abstain: Councillor Foster

RESOLVED that the Council declares a climate emergency.

8. EXCLUSION OF THE PRESS AND PUBLIC

RESOLVED unanimously that the press and public be excluded.
"""


def test_named_vote_lists_and_lost_amendment():
    m = only_meeting(NAMED_VOTE)
    assert m.body == "Council"
    rows = {(r.text): r for item in m.items for r in item.resolutions}
    emergency = rows["that the Council declares a climate emergency."]
    assert emergency.vote.to_dict()["for"] == 3 and emergency.vote.against == 2 and emergency.vote.abstain == 1
    assert emergency.vote.outcome == "carried"
    assert emergency.vote.names["against"] == ["Baker", "Clark"]
    amendment = rows["that the target date be 2035."]
    assert amendment.vote.outcome == "lost"
    excluded = rows["that the press and public be excluded."]
    assert excluded.vote.to_dict() == {"for": None, "against": None, "abstain": None, "outcome": "carried"}


GLUED = """\
CHILDREN AND FAMILIES SCRUTINY PANEL

MINUTES OF THE MEETING HELD ON 30 SEPTEMBER 2021

Present:

Councillors Guthrie (Chair), Bell, Mitchell (except agenda items
1-8) and Dr Paffey
Appointed Members: Rob Sanders

20. POST 16 PROVISION

RESOLVED:

1) That analysis would be undertaken of Post 16 performance.

2) That the Panel would be provided with data. 21. CHILDREN AND LEARNING - PERFORMANCE

The Panel received the report.

RESOLVED that feedback would be provided on missing children.
\f
22. MONITORING SCRUTINY RECOMMENDATIONS AND OTHER
MATTERS

The Panel noted that all the requested information had been provided.
"""


def test_item_glued_after_page_break_wrapped_caps_title_and_appointed_members():
    m = only_meeting(GLUED)
    assert m.present == ["Guthrie", "Bell", "Mitchell", "Paffey", "Rob Sanders"]
    assert [(i.number, i.title, i.page) for i in m.items] == [
        ("20", "POST 16 PROVISION", 1),
        ("21", "CHILDREN AND LEARNING - PERFORMANCE", 1),
        ("22", "MONITORING SCRUTINY RECOMMENDATIONS AND OTHER MATTERS", 2),
    ]
    assert resolutions(m) == [
        ("20", "1", "That analysis would be undertaken of Post 16 performance."),
        ("20", "2", "That the Panel would be provided with data."),
        ("21", None, "that feedback would be provided on missing children."),
    ]


TWO_SETS = """\
AGENDA
1 Apologies
2 Minutes of the previous meetings (Pages 1 - 10)
3 Budget

MINUTES OF THE MEETING HELD ON 4 NOVEMBER 2021

Present: Councillors Guthrie (Chair), Bell and Laurent
Apologies: Councillors Mitchell
Appointed Members: Catherine Hobbs and Rob Sanders

23. APOLOGIES
The apologies of Councillor Mitchell were noted.

24. BUDGET
RESOLVED that the item be deferred.
\f
MINUTES OF THE MEETING HELD ON 31 MARCH 2022

Present: Councillors Guthrie (Chair) and Bell

35. APOLOGIES
None.
"""


def test_pack_with_two_sets_of_minutes_ignores_the_agenda_list():
    meetings = parse_minutes(doc_of(TWO_SETS))
    assert [(m.date, m.page) for m in meetings] == [("2021-11-04", 1), ("2022-03-31", 2)]
    first, second = meetings
    assert first.apologies == ["Mitchell", "Catherine Hobbs", "Rob Sanders"]
    assert [i.number for i in first.items] == ["23", "24"]
    assert [i.number for i in second.items] == ["35"]
    assert second.present == ["Guthrie", "Bell"]


PARAGRAPH_DECISIONS = """\
Amenities Committee
Tuesday 13th March 2018
Town Hall
Present:
Cllrs Hodivala (Chairman), Hewett and Wood.
Under Standing Orders Cllr Wood would be substituting for Cllr Ellis.

57 Defibrillators
Committee considered locations. It was agreed that the community centre would be prioritised. Banners Gate Hall has agreed to host a new defib.
Committee resolved to note the update.

58 Any Other Business
Cllrs Hayward & Hoskins agreed to obtain and erect one. Risk Assessment - possible review? Agreed to re-visit in the New Year.

59 Annual Return
Completed return, having been received from the external auditor was presented and approved.

60 Grants
The Committee noted the report.
"""


def test_decisions_without_a_leading_keyword():
    m = only_meeting(PARAGRAPH_DECISIONS)
    assert m.body == "Amenities Committee"
    assert m.date == "2018-03-13"
    assert m.present == ["Hodivala", "Hewett", "Wood"]  # the substitution note is not a name
    assert resolutions(m) == [
        ("57", None, "that the community centre would be prioritised."),
        ("57", None, "to note the update."),
        ("58", None, "to re-visit in the New Year."),
        ("59", None, "Completed return, having been received from the external auditor was presented and approved."),
    ]


def test_layout_items_with_paragraph_numbers_and_a_misprinted_number():
    """PDF-style lines: items are bold at the margin; numbered paragraphs are indented and not items."""

    def line(text, x0=72.0, bold=False, top=0.0):
        return Line(text=text, x0=x0, x1=x0 + 6 * len(text), top=top, bottom=top + 12, size=12, bold=bold)

    rows = [("MINUTES of a meeting of the Board held on 5 May 2022", 72, False),
            ("PRESENT: Dr A Jones (Chair), Ms B Smith", 72, False),
            ("55   Matters Arising", 37, True), ("Trim Trail", 72, True),
            ("1. The report was introduced.", 108, False),
            ("2. RESOLVED that the report be noted.", 108, False),
            ("6   Grants", 37, True),
            ("57   Defibrillators", 37, True),
            ("The Board APPROVED the purchase of two defibrillators.", 72, False)]
    lines, top = [], 50.0
    for text, x0, bold in rows:
        lines.append(line(text, x0, bold, top))
        top += 30
    doc = Document(path="m.pdf", sha256="0", format="pdf", pages=[Page(number=1, lines=lines, width=595, height=842)])
    (m,) = parse_minutes(doc)
    assert [(i.number, i.title) for i in m.items] == [("55", "Matters Arising"), ("6", "Grants"), ("57", "Defibrillators")]
    assert resolutions(m) == [("55", None, "that the report be noted."),
                              ("57", None, "the purchase of two defibrillators.")]


@pytest.mark.parametrize("text, expected", [
    ("For: 52, Against: 3, Abstain: 1", {"for": 52, "against": 3, "abstain": 1, "outcome": "carried"}),
    ("The motion was carried by 7 votes to 2.", {"for": 7, "against": 2, "abstain": None, "outcome": "carried"}),
    ("The amendment was lost by 3 votes to 5.", {"for": 3, "against": 5, "abstain": None, "outcome": "lost"}),
    ("CARRIED unanimously", {"for": None, "against": None, "abstain": None, "outcome": "carried"}),
    ("(10 in favour, 2 against, 1 abstention)", {"for": 10, "against": 2, "abstain": 1, "outcome": "carried"}),
])
def test_vote_wordings(text, expected):
    assert find_vote(text, decided=True).to_dict() == expected


def test_no_vote_in_plain_text():
    assert find_vote("The Panel noted the report.") is None


def test_names_drop_titles_roles_and_honours():
    people, officers = split_names("Chairman Cllr Mrs Shewell, Cllrs Hayward, County Cllr Webb, Mr R C Love, OBE "
                                   "and Mrs C Hardy (Clerk)")
    assert people == ["Shewell", "Hayward", "Webb", "R C Love"]
    assert officers == ["C Hardy"]


def test_no_minutes_in_an_agenda():
    text = "AGENDA\n\n1. Apologies\n2. Minutes of the previous meeting\n3. Budget report\n"
    assert parse_minutes(doc_of(text)) == []


# ------------------------------------------------------------------ gold floors

GOLD_FILES = [
    "001_937c12d170c9b0c7",
    "kent_cabinet_2025-01-30_printed_minutes",
    "sutton_coldfield_tc_alcs_2018-03-13_minutes",
    "tintern_cc_2018-10-29_minutes",
]
FLOORS = {"items": 0.95, "resolutions": 0.95, "meetings": 0.9, "meetings.present": 0.9, "meetings.apologies": 0.9,
          "items.page": 0.95, "resolutions.page": 0.95, "meetings.page": 0.95, "resolutions.votes": 1.0}


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"../shared not present ({path}): the shared scorer is not part of the project")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _document(stem: str) -> Path:
    for folder in ("seeds", "pdfs"):
        found = sorted((SHARED / folder).glob(stem + ".*"))
        if found:
            return found[0]
    pytest.skip(f"../shared not present: no document for {stem}")


@pytest.mark.parametrize("stem", GOLD_FILES)
def test_gold_floors(stem):
    score = _scorer()
    from extract.load import load_document

    doc = load_document(_document(stem))
    record = Record(source=Source(file=doc.name, sha256=doc.sha256, pages=len(doc.pages)),
                    meetings=parse_minutes(doc))
    gold = json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    tally = score.Tally()
    score.score_meetings(gold["meetings"], record.to_dict()["meetings"], tally)
    for section, floor in FLOORS.items():
        if section in tally.rows:
            f1 = tally.prf(section)[2]
            assert f1 >= floor, f"{stem}: {section} F1 {f1:.3f} < {floor} ({tally.rows[section]})"


ADDRESS_AND_BOARD = """\
MINUTES OF THE PUBLIC BOARD MEETING HELD ON THURSDAY 5 MAY 2022 AT 12 HIGH STREET
12 High Street, Anytown
Present:
Jane Smith, Chair
John Brown, Chief Executive
In attendance:
Paul Grey, Board Secretary

Item 22/45 Welcome and apologies
Apologies were noted from Peter Blue.

Item 22/46 Minutes of the last meeting
The minutes were APPROVED as an accurate record.

Item 22/47 Annual Report
The Board APPROVED the Annual Report 2021/22.
The Board NOTED the update on winter pressures.

Item 22/48 Committee reports
The Board discussed the reports and AGREED to refer the audit findings to the Audit Committee.
"""


def test_board_style_items_roles_and_capitalised_decisions():
    m = only_meeting(ADDRESS_AND_BOARD)
    assert m.date == "2022-05-05"
    assert m.present == ["Jane Smith", "John Brown"]  # roles after the comma are not people
    assert m.in_attendance == ["Paul Grey"]
    assert [i.number for i in m.items] == ["22/45", "22/46", "22/47", "22/48"]  # not "12 High Street"
    assert [r[2] for r in resolutions(m)] == [
        "The minutes were APPROVED as an accurate record.",
        "the Annual Report 2021/22.",
        "to refer the audit findings to the Audit Committee.",
    ]


INLINE = """\
Minutes of the meeting of Little Snoring Parish Council held on Tuesday 7th June 2016

PRESENT: Cllr A Bloggs (Chair), Cllr B Smith, Cllr C Jones

16/063 MINUTES: The minutes of the meeting held on 3rd May 2016 were agreed and signed as a true record.
16/064 FINANCE
a) Payments: Resolved to approve the payments listed below.
b) Bank reconciliation: It was resolved to accept the reconciliation.
16/065 AUDIT
RESOLVED that (a) the internal audit report be noted; and (b) the audit plan be approved.
16/066 PLAYING FIELD: Cllr Smith proposed that new goalposts be purchased. Seconded by Cllr Jones, all in favour.
"""


def test_parish_inline_and_lettered_decisions_and_all_in_favour():
    m = only_meeting(INLINE)
    assert m.body == "Little Snoring Parish Council"
    got = resolutions(m)
    assert got[0] == ("16/063", None, "The minutes of the meeting held on 3rd May 2016 were agreed and signed as a "
                                      "true record.")
    assert got[1:5] == [
        ("16/064", "a", "to approve the payments listed below."),
        ("16/064", "b", "to accept the reconciliation."),
        ("16/065", "a", "the internal audit report be noted; and"),
        ("16/065", "b", "the audit plan be approved."),
    ]
    goalposts = m.items[-1].resolutions[0]
    assert goalposts.text == "that new goalposts be purchased."
    assert goalposts.vote.outcome == "carried" and goalposts.vote.for_ is None


def test_glued_heading_in_the_second_of_two_meetings_keeps_both_meetings_whole():
    text = GLUED + "\f" + GLUED.replace("30 SEPTEMBER 2021", "4 NOVEMBER 2021")
    first, second = parse_minutes(doc_of(text))
    assert [i.number for i in first.items] == [i.number for i in second.items] == ["20", "21", "22"]
    assert second.present == first.present
    assert len(resolutions(second)) == 3


def test_running_header_is_not_a_second_meeting():
    page = ("Minutes of the Planning Committee held on 5 May 2022\n\nPresent: Councillors A, B and C\n\n"
            "{n}. Item {n}\nRESOLVED that item {n} be noted.\n\nmore text\nPage {n}\n")
    text = "\f".join(page.format(n=n) for n in (1, 2, 3))
    (m,) = parse_minutes(doc_of(text))
    assert [i.number for i in m.items] == ["1", "2", "3"]


def test_agenda_entry_naming_minutes_is_not_a_meeting():
    text = ("Planning Committee\nAgenda\n\nMinutes of the meeting held on 12 March 2024 (Pages 1 - 6)\n"
            "1. Apologies\n2. Declarations of interest\n3. Land at Mill Lane\n")
    assert parse_minutes(doc_of(text)) == []


def test_body_from_the_title_line_above_not_from_running_text():
    text = ("The Panel noted the report.\nWEXCOMBE BOROUGH COUNCIL\nLICENSING SUB-COMMITTEE\n"
            "MINUTES OF THE MEETING HELD ON 3 JUNE 2024\n\nPresent: Councillors A and B\n\n"
            "7. Application for a premises licence\nRESOLVED that the licence be granted.\n")
    (m,) = parse_minutes(doc_of(text))
    assert m.body == "Licensing Sub-Committee"
    assert m.date == "2024-06-03"


def test_a_broken_pattern_file_names_the_file(tmp_path, monkeypatch):
    import shutil

    from extract import patterns
    from extract.parse.minutes import items as minute_items

    shutil.copytree(patterns.patterns_dir(), tmp_path / "patterns")
    broken = tmp_path / "patterns" / "minutes.json"
    data = json.loads(broken.read_text(encoding="utf-8"))
    data["item"] = "(?P<num>\\d+"  # unbalanced bracket
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("COUNCIL_EXTRACT_PATTERNS", str(tmp_path / "patterns"))
    patterns.load_json.cache_clear()
    minute_items._rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"patterns/minutes\.json: a regular expression does not compile"):
            parse_minutes(doc_of(PARISH))
    finally:
        monkeypatch.delenv("COUNCIL_EXTRACT_PATTERNS")
        patterns.load_json.cache_clear()
        minute_items._rules.cache_clear()


def test_signed_by_the_chairman_inside_a_resolution_does_not_end_the_minutes():
    text = ("Minutes of the meeting of Ashby Parish Council held on 3 April 2023\n\nPresent: Cllrs A, B and C\n\n"
            "1. Minutes\nRESOLVED that the minutes be approved and\nsigned by the Chairman\n\n"
            "2. Planning\nRESOLVED to object.\n\nSigned ..................... Chairman\n\n3. Stray heading\n")
    (m,) = parse_minutes(doc_of(text))
    assert [i.number for i in m.items] == ["1", "2"]


def test_bare_outcome_line_closes_the_motion_above_it():
    text = ("Minutes of the meeting of Ashby Parish Council held on 3 April 2023\n\nPresent: Cllrs A, B and C\n\n"
            "5. Bench\nCllr A proposed that a bench be bought, seconded by Cllr B.\n\nUnanimously agreed\n\n"
            "The Clerk will order it.\n")
    (m,) = parse_minutes(doc_of(text))
    (bench,) = m.items[0].resolutions
    assert bench.text == "that a bench be bought"
    assert bench.vote is not None and bench.vote.outcome == "carried"


def test_names_beside_their_organisations_and_honours_without_commas():
    people, _ = split_names("Councillor Ian Ward (Chair)   Birmingham City Council, Mayor Andy Street, "
                            "Councillor Mrs J Smith MBE, Councillor B Ma")
    assert people == ["Ian Ward", "Andy Street", "J Smith", "B Ma"]


CORPUS_MINUTES = ["wexcombe_cyp_scrutiny_2024-11-14_agenda_pack", "wexcombe_planning_2024-10-22_minutes",
                  "wexcombe_cyp_scrutiny_2024-11-14_minutes", "little_ashby_pc_2024-10-16_minutes"]


@pytest.mark.parametrize("stem", CORPUS_MINUTES)
def test_demo_corpus_minutes_floors(stem):
    """The repository's own demo papers (no ../shared needed), scored with the repository's scorer."""
    from scoring import score

    from extract.load import load_document

    root = Path(__file__).resolve().parents[1]
    paper = next((root / "corpus").glob(stem + ".*"), None)
    if paper is None:
        pytest.skip(f"corpus/{stem} not built (run `make corpus`)")
    doc = load_document(paper)
    record = Record(source=Source(file=doc.name, sha256=doc.sha256, pages=len(doc.pages)),
                    meetings=parse_minutes(doc)).to_dict()
    gold = json.loads((root / "tests" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    scores = score(record, {"meetings": gold["meetings"]})
    for section, floor in FLOORS.items():
        count = scores.get(section)
        if count is not None and (count.gold or count.predicted):
            assert count.f1 >= floor, f"{stem}: {section}\n{scores.table()}"


BOARD_TABLE = """\
Minutes of the Board Meeting held in Public
Thursday 23 May 2024, Boardroom
Yn bresennol / Present:

Name   Role

Dr Ann Able   Chair

Ben Baker   Chief Executive

Ymddiheuriadau / Apologies: Carol Cole, Chief Nurse; Councillor Dan Dale, Partner Member

B/24/01 Welcome and apologies
The Chair welcomed members.

B/24/02 Governance: revised Scheme of Delegation
The Board APPROVED the revised scheme.

B/24/03 Finance report: The report was received and discussed at length by members.
"""


def test_names_table_rows_bilingual_labels_roles_and_colons_in_titles():
    m = only_meeting(BOARD_TABLE)
    assert m.present == ["Ann Able", "Ben Baker"]
    assert m.apologies == ["Carol Cole", "Dan Dale"]
    assert [(i.number, i.title) for i in m.items] == [
        ("B/24/01", "Welcome and apologies"),
        ("B/24/02", "Governance: revised Scheme of Delegation"),  # a colon inside a heading stays
        ("B/24/03", "Finance report"),  # a colon before the minute's text ends the title
    ]


# -- layouts from the second held-out round: columns, margins, tables, unnumbered headings ---------------
# (own wording and invented councils; the held-out papers only showed which layouts exist)

def _layout_pdf(tmp_path, pages, name="laid_out.pdf"):
    """A PDF whose rows are cells at given x-positions (points): ``pages`` is a list of pages, each a list
    of rows; a row is a list of (x, text, bold) cells, or ("gap",) for extra space, or ("foot", cells)
    for a footer row at the foot of the page. Returns the loaded Document."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the test PDFs")
    from extract.load import load_document

    pdf = fpdf.FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    for rows in pages:
        pdf.add_page()
        y = 60.0
        for row in rows:
            if row == ("gap",):
                y += 10
                continue
            cells, size, top = row, 11, y
            if row[0] == "foot":
                cells, size, top = row[1], 8, 800
            for x, text, bold in cells:
                pdf.set_font("helvetica", style="B" if bold else "", size=size)
                pdf.set_xy(x, top)
                pdf.cell(text=text)
            if row[0] != "foot":
                y += 16
    path = tmp_path / name
    pdf.output(str(path))
    return load_document(str(path))


def test_side_by_side_attendance_margin_minute_numbers_and_unanimous_decisions(tmp_path):
    """A hearing's minutes: Present and Apologies as two ruled columns, "Minute 31" in a margin column
    with the title beside it (wrapping onto a line that opens with a figure), an Action cell on the
    heading line, "RESOLVED (unanimously) -" closing a paragraph over (a)/(b), a footer page cell."""
    L, T = 60, 140  # margin column, text column
    doc = _layout_pdf(tmp_path, [[
        [(200, "Saltmere District Council", True)],
        [(210, "Taxi Licensing Panel", True)], ("gap",),
        [(L, "Minutes of the hearing held at Saltmere House on Wednesday 2 October 2024.", False)], ("gap",),
        [(L, "Present", True), (380, "Apologies", True)], ("gap",),
        [(L, "Councillor Ann Tolley (Chair)", False), (330, "Councillor Joe Marsh", False)], ("gap",),
        [(L, "Councillor Priti Shah", False)], ("gap",),
        [(L, "Officers: Licensing Manager, Solicitor to the Panel.", False)], ("gap",),
        [(L, "Minute 31", True), (T, "APPEAL AGAINST REFUSAL - UNIT 4,", True)],
        [(T, "27 HARBOUR WALK", True)], ("gap",),
        [(T, "The Panel heard from the applicant and from the licensing manager.", False)], ("gap",),
        [(T, "Having weighed the evidence, the Panel RESOLVED (unanimously) -", False)], ("gap",),
        [(150, "(a)", False), (180, "That the appeal be allowed.", False)],
        [(150, "(b)", False), (180, "That the licence be reviewed in six months.", False)], ("gap",),
        [(L, "Minute 32", True), (T, "NEXT SITTING", True), (460, "Clerk", False)], ("gap",),
        [(T, "The Panel DECIDED (unanimously): That the Chair fix the date of the next sitting.", False)],
        ("foot", [(L, "Saltmere District Council - Taxi Licensing Panel", False), (480, "Page 1 of 1", False)]),
    ]])
    [m] = parse_minutes(doc)
    assert m.body == "Taxi Licensing Panel"  # not "hearing"
    assert m.present == ["Ann Tolley", "Priti Shah"]
    assert m.apologies == ["Joe Marsh"]
    assert [(i.number, i.title) for i in m.items] == [("31", "APPEAL AGAINST REFUSAL - UNIT 4, 27 HARBOUR WALK"),
                                                      ("32", "NEXT SITTING")]
    got = [(i.number, r.number, r.text, r.vote and (r.vote.for_, r.vote.outcome)) for i in m.items for r in i.resolutions]
    assert got == [("31", "a", "That the appeal be allowed.", (None, "carried")),
                   ("31", "b", "That the licence be reviewed in six months.", (None, "carried")),
                   ("32", None, "That the Chair fix the date of the next sitting.", (None, "carried"))]


def test_minutes_as_a_table_with_an_action_column_keep_every_row(tmp_path):
    """"Ref | Minute | Action": a heading row whose Action cell is filled is still an item, a decision
    with the Action cell beside it is still read, and a vote stays with its own minute."""
    N, T, A = 60, 124, 460
    doc = _layout_pdf(tmp_path, [[
        [(200, "Upper Stow Parish Council", True)], ("gap",),
        [(N, "Minutes of the Parish Council meeting held on Monday 3 June 2024 in the Reading Room.", False)],
        ("gap",),
        [(N, "Councillors:", False), (T, "Ann Bell (Chair), Carl Dean and Eve Fox.", False)], ("gap",),
        [(N, "Absent with apologies:", False), (180, "Gus Hill.", False)], ("gap",),
        [(N, "Ref", True), (T, "Minute", True), (A, "Action", True)], ("gap",),
        [(N, "24/30", False), (T, "MINUTES", False)],
        [(T, "Resolved: to sign the minutes of 6 May 2024.", False)], ("gap",),
        [(N, "24/31", False), (T, "BUS SHELTER", False), (A, "Clerk", False)],
        [(T, "Resolved (5 for, 1 against): to repaint the bus shelter.", False)], ("gap",),
        [(N, "24/32", False), (T, "VILLAGE SIGN", False)],
        [(T, "Resolved: to order a new village sign.", False), (A, "Cllr Dean", False)], ("gap",),
        ("foot", [(N, "Upper Stow Parish Council - minutes", False), (420, "Chair's initials ......", False)]),
    ]])
    [m] = parse_minutes(doc)
    assert m.present == ["Ann Bell", "Carl Dean", "Eve Fox"]
    assert m.apologies == ["Gus Hill"]
    assert [(i.number, i.title) for i in m.items] == [("24/30", "MINUTES"), ("24/31", "BUS SHELTER"),
                                                      ("24/32", "VILLAGE SIGN")]
    votes = {i.number: [(r.text, r.vote and (r.vote.for_, r.vote.against, r.vote.outcome)) for r in i.resolutions]
             for i in m.items}
    assert votes == {"24/30": [("to sign the minutes of 6 May 2024.", None)],
                     "24/31": [("to repaint the bus shelter.", (5, 1, "carried"))],
                     "24/32": [("to order a new village sign.", None)]}


def test_unnumbered_bold_headings_and_members_grouped_by_council(tmp_path):
    """A joint committee prints bold headings without numbers: they are the items (number null), a bare
    "AGREED:" over bullets gives one decision per bullet, and members are listed under their council."""
    L = 60
    doc = _layout_pdf(tmp_path, [[
        [(150, "RIVERSIDE JOINT ARCHIVES COMMITTEE", True)], ("gap",),
        [(L, "Minutes of the meeting held on Friday 11 October 2024 at the Record Office.", False)], ("gap",),
        [(L, "Attending:", False)],
        [(L, "Northvale County Council: Councillors Ivy Long (Chair) and Sam Price", False)], ("gap",),
        [(L, "Eastmarsh City Council: Councillor Tom Reid", False)], ("gap",),
        [(L, "Apologies were received from Councillor Una West (Eastmarsh City Council).", False)], ("gap",),
        [(L, "Digitisation project", True)], ("gap",),
        [(L, "The archivist reported that the first phase had finished within budget.", False)], ("gap",),
        [(L, "AGREED:", False)], ("gap",),
        [(70, "-", False), (88, "That the second phase proceed from January 2025.", False)], ("gap",),
        [(70, "-", False), (88, "That a bid be made to the heritage lottery fund.", False)], ("gap",),
        [(L, "Opening hours", True)], ("gap",),
        [(L, "The archivist described visitor numbers on Saturdays.", False)], ("gap",),
        [(L, "Noted.", False)],
    ]])
    [m] = parse_minutes(doc)
    assert m.date == "2024-10-11"
    assert m.body == "Riverside Joint Archives Committee"
    assert m.present == ["Ivy Long", "Sam Price", "Tom Reid"]
    assert m.apologies == ["Una West"]
    assert [(i.number, i.title) for i in m.items] == [(None, "Digitisation project"), (None, "Opening hours")]
    assert resolutions(m) == [(None, None, "That the second phase proceed from January 2025."),
                              (None, None, "That a bid be made to the heritage lottery fund.")]


TWO_COLUMNS = """\
MILLBROOK TOWN COUNCIL

MINUTES OF THE ANNUAL TOWN COUNCIL MEETING
Thursday 16 May 2024 at 7.30pm, The Pavilion

MEMBERS PRESENT                     APOLOGIES
Cllr Ada Pike (Town Mayor)          Cllr Owen Blythe
Cllr Ben Carver                     Cllr Tess Rowe
Cllr Cara Lund

IN ATTENDANCE: Town Clerk (Mr P Quill)

1. ELECTION OF TOWN MAYOR
RESOLVED: That Cllr Ada Pike be elected Town Mayor for 2024/25.
Voting: 5 for, 2 against

2. CEMETERY FEES
RESOLVED: That the cemetery fees be increased by 3%.
"""


def test_text_columns_whole_council_body_and_a_vote_line():
    m = only_meeting(TWO_COLUMNS)
    assert m.body == "Millbrook Town Council"  # a meeting of the whole council is the council
    assert m.present == ["Ada Pike", "Ben Carver", "Cara Lund"]
    assert m.apologies == ["Owen Blythe", "Tess Rowe"]
    first = m.items[0].resolutions
    assert [r.text for r in first] == ["That Cllr Ada Pike be elected Town Mayor for 2024/25."]  # vote line apart
    assert (first[0].vote.for_, first[0].vote.against, first[0].vote.outcome) == (5, 2, "carried")
    assert m.items[1].resolutions[0].vote is None


DIVISIONS = """\
Minutes of the Meeting of the Council held at the Civic Centre on Wednesday 6 March 2024

PRESENT: The Mayor, Councillor Wendy Ash (in the Chair); the Deputy Mayor, Councillor Raj Bedi;
Councillors Lee Cole and Mo Dunn.

14. BUDGET 2024/25

After debate the motion was put to a recorded vote and CARRIED (For 22, Against 9, Abstentions 1).

RESOLVED -

(1) That the revenue budget for 2024/25 be approved.

(2) That the capital strategy be approved.

15. TREASURY STRATEGY

RESOLVED (For 25, Against 6) - That the treasury management strategy be adopted.

16. CIVIC AWARDS

RESOLVED (unanimously) - That the Freedom of the Borough be conferred on the lifeboat crew.
"""


def test_division_before_resolved_reaches_every_numbered_resolution_and_mayor_is_not_a_name():
    m = only_meeting(DIVISIONS)
    assert m.present == ["Wendy Ash", "Raj Bedi", "Lee Cole", "Mo Dunn"]
    got = [(r.number, r.text, (r.vote.for_, r.vote.against, r.vote.abstain, r.vote.outcome) if r.vote else None)
           for i in m.items for r in i.resolutions]
    assert got == [
        ("1", "That the revenue budget for 2024/25 be approved.", (22, 9, 1, "carried")),
        ("2", "That the capital strategy be approved.", (22, 9, 1, "carried")),
        (None, "That the treasury management strategy be adopted.", (25, 6, None, "carried")),
        (None, "That the Freedom of the Borough be conferred on the lifeboat crew.", (None, None, None, "carried")),
    ]


JOINT_TEXT = """\
WESTFORD AND ELM JOINT BURIAL BOARD
Minutes of the meeting held on Tuesday 4 June 2024 at Elm Village Hall

Members:
Westford Parish Council: Cllrs Kay Hart (Chair) and Ian Moss
Elm Parish Council: Cllr Sue Platt

ACCOUNTS FOR THE YEAR
The treasurer presented the accounts for the year.
AGREED: That the accounts for 2023/24 be approved.

GRASS CUTTING CONTRACT
DECIDED:
- That the contract be awarded to the lowest tender.
- That the contract run for three years.
"""


def test_unnumbered_capital_headings_in_text_and_the_meeting_is_kept():
    m = only_meeting(JOINT_TEXT)
    assert m.present == ["Kay Hart", "Ian Moss", "Sue Platt"]
    assert [(i.number, i.title) for i in m.items] == [(None, "ACCOUNTS FOR THE YEAR"), (None, "GRASS CUTTING CONTRACT")]
    assert [r.text for i in m.items for r in i.resolutions] == [
        "That the accounts for 2023/24 be approved.",
        "That the contract be awarded to the lowest tender.", "That the contract run for three years."]


def test_minutes_without_any_headings_still_give_the_meeting():
    text = ("Minutes of the meeting of the Allotments Working Group held on 9 April 2024\n\n"
            "Present: Cllrs Joan Fell and Rob Tate\n\n"
            "The group walked the site and discussed the waiting list with the tenants' representative.\n")
    m = only_meeting(text)
    assert (m.date, m.present, m.items) == ("2024-04-09", ["Joan Fell", "Rob Tate"], [])


def test_office_titles_are_not_names_but_a_bracketed_holder_is():
    assert split_names("The Lord Mayor, Councillor Hal Pryce (in the Chair); the Deputy Mayor") == (["Hal Pryce"], [])
    assert split_names("The Chairman (Councillor Nia Rhys), Cllr Tom Gale") == (["Nia Rhys", "Tom Gale"], [])


def test_labels_with_names_side_by_side_on_one_line():
    text = ("Minutes of the meeting of the Footpaths Committee held on 12 March 2024\n\n"
            "Present: Cllr Amy Fry (Chair)          Apologies: Cllr Bo Lee\n"
            "Cllr Cy Moss\n\n"
            "1. STILES\nRESOLVED: That the stiles on path 14 be replaced.\n\n"
            "2. SIGNS\nRESOLVED: That new finger posts be ordered.\n")
    m = only_meeting(text)
    assert (m.present, m.apologies) == (["Amy Fry", "Cy Moss"], ["Bo Lee"])


@pytest.mark.parametrize("para, expected", [
    ("AGREED (nem. con.) - to buy a memorial bench.", [(None, "to buy a memorial bench.", (None, None, "carried"))]),
    ("Resolved (by 7 votes to 2): that the hall hire fees rise by 5%.",
     [(None, "that the hall hire fees rise by 5%.", (7, 2, "carried"))]),
    ("RESOLVED (with one abstention) - That the plan be adopted.", [(None, "That the plan be adopted.", None)]),
    ("RESOLVED (a) That the report be noted; and (b) that the plan be adopted.",
     [("a", "That the report be noted; and", None), ("b", "that the plan be adopted.", None)]),
])
def test_a_bracket_after_the_keyword_is_the_vote_not_the_text(para, expected):
    from extract.parse.minutes.resolutions import Para, find_resolutions

    got = [(r.number, r.text, (r.vote.for_, r.vote.against, r.vote.outcome) if r.vote else None)
           for r in find_resolutions([Para(text=para, page=1)])]
    assert got == expected


def test_numbered_paragraphs_under_bold_headings_are_not_the_items(tmp_path):
    """Bold unnumbered headings over numbered paragraphs ("1. The ranger reported ..."): the headings are
    the items, and each keeps its own decision."""
    L = 60
    doc = _layout_pdf(tmp_path, [[
        [(150, "UPLAND COMMONS FORUM", True)], ("gap",),
        [(L, "Minutes of the meeting held on Monday 2 December 2024 at the Hub.", False)], ("gap",),
        [(L, "Present: Cllr Jo Ash (Chair), Cllr Lu Bird", False)], ("gap",),
        [(L, "Grazing rights", True)], ("gap",),
        [(L, "1. The ranger reported on stocking levels", False)],
        [(L, "across the three commons this autumn.", False)], ("gap",),
        [(L, "2. Two graziers had asked for extra rights.", False)], ("gap",),
        [(L, "RESOLVED: That extra rights be refused for 2025.", False)], ("gap",),
        [(L, "Bracken control", True)], ("gap",),
        [(L, "1. Spraying would start in June.", False)], ("gap",),
        [(L, "RESOLVED: That the spraying budget be approved.", False)],
    ]])
    [m] = parse_minutes(doc)
    assert [(i.number, i.title, [r.text for r in i.resolutions]) for i in m.items] == [
        (None, "Grazing rights", ["That extra rights be refused for 2025."]),
        (None, "Bracken control", ["That the spraying budget be approved."])]


def test_body_printed_in_the_header_before_the_date_line():
    text = ("NORTH QUAYSIDE COUNCIL\nMINUTES OF THE AUDIT PANEL\nMonday 8 July 2024 at 6.00 pm, Room 2\n\n"
            "Present: Councillors Kim Orr (Chair) and Lev Park\n\n"
            "1. EXTERNAL AUDIT PLAN\nRESOLVED: That the audit plan be noted.\n\n"
            "2. RISK REGISTER\nRESOLVED: That the risk register be approved.\n")
    assert only_meeting(text).body == "Audit Panel"


def test_members_under_council_headings_on_their_own_lines_and_qualified_labels():
    from extract.parse.minutes.attendance import parse_attendance

    att = parse_attendance([("Present:", True), ("Northvale County Council", False),
                            ("Cllr Amy Ash, Cllr Ben Bell", False), ("Eastmarsh City Council", False),
                            ("Cllr Cat Cole", False), ("Apologies (for absence): Cllr Dan Dee", True)])
    assert (att.present, att.apologies) == (["Amy Ash", "Ben Bell", "Cat Cole"], ["Dan Dee"])


def test_a_paragraph_closing_on_resolved_introduces_the_bullets_below_it():
    from extract.parse.minutes.resolutions import Para, find_resolutions

    paras = [Para("Following a short debate, the Committee RESOLVED (unanimously):", 1),
             Para("• That the allotment rents be frozen.", 1), Para("• That officers review them in 2025.", 2),
             Para("The meeting closed at 8pm.", 2)]
    got = [(r.text, r.page, r.vote.outcome if r.vote else None) for r in find_resolutions(paras)]
    assert got == [("That the allotment rents be frozen.", 1, "carried"), ("That officers review them in 2025.", 2, "carried")]


# --- numbers after titles, decision records, name columns, "Name, Role" lists ---------------------------------

def test_minute_number_in_brackets_after_the_title_and_a_reference_at_line_start():
    text = ("Minutes of the meeting of Ashby Magna Parish Council held on Tuesday 3 June 2025 at 7 pm.\n\n"
            "Present: Cllrs Ann Lowe and Bob Marsh.\n\n"
            "Allotments (31/12)\nThe tenancy list was reviewed.\nResolved: to raise rents by 5%.\n\n"
            "Planning (31/13)\n31/0777 - The Old Forge, High Street: new porch.\nResolved: no comment.\n\n"
            "Accounts (31/14)\nResolved: (a) to pay the invoices listed;\n(b) to note the budget report.\n")
    m = only_meeting(text)
    assert [(i.number, i.title) for i in m.items] == [("31/12", "Allotments"), ("31/13", "Planning"),
                                                        ("31/14", "Accounts")]
    assert resolutions(m) == [("31/12", None, "to raise rents by 5%."), ("31/13", None, "no comment."),
                              ("31/14", "a", "to pay the invoices listed;"), ("31/14", "b", "to note the budget report.")]


def test_item_number_with_a_letter_prefix_keeps_its_space():
    text = ("Minutes of the Quarry Vale Trust Board held on Friday 7 March 2025\n\n"
            "Present: Ada Finch, Chair; Cyril Brook, Director of Estates\n\n"
            "QB 11/201  Welcome\nThe Chair opened the meeting.\n\n"
            "QB 11/202  Estates Strategy\nThe Board APPROVED the estates strategy.\n")
    assert [i.number for i in only_meeting(text).items] == ["QB 11/201", "QB 11/202"]


def test_name_role_pairs_separated_by_semicolons_drop_every_role():
    people, _ = split_names("Ada Finch, Chair; Cyril Brook, Director of Estates; Dora Vale, Head Midwife; "
                            "Evan Holt, Lay Member.")
    assert people == ["Ada Finch", "Cyril Brook", "Dora Vale", "Evan Holt"]
    assert split_names("Smith, Jones; Brown, White")[0] == ["Smith", "Jones", "Brown", "White"]


def test_present_table_keeps_only_the_names_column():
    text = ("Minutes of the meeting of the Harbour Scrutiny Committee held on Monday 2 June 2025.\n\n"
            "PRESENT:\n\n"
            "   Councillor                 Party\n"
            "   Ifor Hale (Chair)          Green\n"
            "   Nia Cole                   Reform UK\n\n"
            "1. MINUTES\nRESOLVED - that the minutes be approved.\n\n"
            "2. HARBOUR DUES\nRESOLVED - that the dues be frozen.\n")
    assert only_meeting(text).present == ["Ifor Hale", "Nia Cole"]


def test_record_of_decisions_reads_as_minutes_with_decision_labels():
    text = ("RECORD OF DECISIONS\n"
            "Record of the decisions taken at the meeting of the Executive held on Wednesday 5 March 2025.\n\n"
            "Executive Members: Councillor Pat Rowe (Leader) and Councillor Sam Tate.\n\n"
            "12  Library Opening Hours\n"
            "Decision: The Executive approved the revised opening hours.\n"
            "Reasons for decision: To match hours to footfall.\n\n"
            "13  Fleet Replacement\n"
            "Decision:\n(1) To buy six electric vans.\n(2) To sell the diesel vans at auction.\n"
            "Reasons for decision: To cut emissions.\n\n"
            "Decision: 25/0012 was published on 7 March 2025.\n")
    m = only_meeting(text)
    assert (m.body, m.present) == ("Executive", ["Pat Rowe", "Sam Tate"])
    assert resolutions(m) == [("12", None, "The Executive approved the revised opening hours."),
                              ("13", "1", "To buy six electric vans."), ("13", "2", "To sell the diesel vans at auction.")]


def test_running_head_with_page_number_set_apart_is_not_text():
    text = ("Minutes of the meeting of Ashby Magna Parish Council held on Tuesday 3 June 2025 at 7 pm.\n\n"
            "Present: Cllrs Ann Lowe and Bob Marsh.\n\n"
            "1. Bus stop\nResolved: to ask for a new shelter.\n"
            "\fASHBY MAGNA PARISH COUNCIL - 3 June 2025                  Page 2\n\n"
            "2. Finance\nResolved: to pay the invoices.\n")
    assert resolutions(only_meeting(text)) == [("1", None, "to ask for a new shelter."), ("2", None, "to pay the invoices.")]


def test_agreed_by_a_count_of_votes_keeps_the_count_as_the_vote():
    from extract.parse.minutes.resolutions import Para, find_resolutions

    got = find_resolutions([Para("Application 9/101, Mill House: a garage. It was agreed by 5 votes to 2 that "
                                 "the Council support the application.", 1)])
    assert [(r.text, r.vote.for_, r.vote.against, r.vote.outcome) for r in got] == [
        ("that the Council support the application.", 5, 2, "carried")]


# -- number shapes and title-form headers seen across real councils (own wording, invented councils) ------

def test_items_numbered_year_month_sequence_and_roman_numerals() -> None:
    dotted = only_meeting("""\
Little Ashby Parish Council - 4th March 2025

Present
Councillors P Hart (Chair), S Lowe and T Reed

25.03.01 Apologies
None

25.03.02 Declarations of Interest
None

25.03.03 Minutes
The minutes of the meeting held on 4th February 2025 were approved and signed.
""")
    assert [(i.number, i.title) for i in dotted.items] == [
        ("25.03.01", "Apologies"), ("25.03.02", "Declarations of Interest"), ("25.03.03", "Minutes")]
    roman = only_meeting("""\
MINUTES OF THE BOARD OF DIRECTORS MEETING HELD ON MARCH 4, 2025

Present: Director Hart, Director Lowe, Director Reed

I. Call to Order
The Chair called the meeting to order at 5:30 p.m.

II. Public Comment
There was no public comment.

III. Consent Agenda
It was agreed that the consent agenda be approved.
""")
    assert [(i.number, i.title) for i in roman.items] == [
        ("I", "Call to Order"), ("II", "Public Comment"), ("III", "Consent Agenda")]


def test_title_form_headers_open_minutes() -> None:
    for header in ("Ashby City Council Meeting Minutes", "AGREED Minutes for the Ashby Community Council Meeting"):
        meeting = only_meeting(f"""\
{header}
March 4, 2025

1. Call to order
The meeting was called to order at 7:00 p.m.

2. Parks
It was agreed that the parks plan be adopted.
""")
        assert meeting.date == "2025-03-04" and [i.title for i in meeting.items] == ["Call to order", "Parks"], header
    # an agenda entry about minutes is not a header
    from extract.parse.minutes.header import is_header

    assert not is_header("3. Approval of the Previous Meeting Minutes")
    assert not is_header("Approve Regular Meeting Minutes")


def test_movers_sentences_and_verdicts_are_decisions() -> None:
    meeting = only_meeting("""\
MINUTES OF THE MEETING OF ASHBY CITY COUNCIL HELD ON MARCH 4, 2025

Present: Mayor P Hart, Councilor S Lowe, Councilor T Reed

1. Parks ordinance
Motion: Councilor Lowe moved to approve the parks ordinance as presented. Councilor Reed seconded. The motion passed 3-0.

2. Planning applications
Mill House, Church Lane - single storey rear extension. Supported.
The Chair moved that the public be excluded for the next item.
""")
    texts = [r.text for item in meeting.items for r in item.resolutions]
    assert any(t.endswith("Councilor Lowe moved to approve the parks ordinance as presented.") for t in texts)
    assert "Mill House, Church Lane - single storey rear extension. Supported." in texts
    assert not any("public be excluded" in t for t in texts)
