"""Document kind and the document's own council, body and date: synthetic snippets and the gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.load.model import Document, Line, Page
from extract.load.stamps import annotate
from extract.load.text import pages_from_text
from extract.parse.document.identity import find_authorities
from extract.record import Record, Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def text_doc(text: str, name: str = "x.txt") -> Document:
    doc = Document(path=name, sha256="0", format="text", pages=pages_from_text(text))
    for page in doc.pages:
        annotate(page)
    return doc


def light_parse(doc: Document) -> Record:
    """What classify and meta read (agenda, minutes, cover sheets), without the slow KPI and NLP stages."""
    from extract.parse import agenda, minutes, reports
    from extract.parse.document import identity, kind

    record = Record(source=Source(file=doc.name, sha256=doc.sha256, pages=len(doc.pages)))
    record.agenda = agenda.parse_agenda(doc)
    record.meetings = minutes.parse_minutes(doc)
    record.reports = reports.parse_reports(doc)
    record.kind = kind.classify(doc, record)
    identity.fill_document_meta(doc, record)
    return record


def parsed(text: str) -> Record:
    return light_parse(text_doc(text))


LETTER = """Ofsted, Clive House, London

26 July 2024

Ms A Smith, Director of Children's Services, Wexcombe Borough Council

Dear Anna

Annual engagement meeting about social care and education, 4 July 2024

Thank you for meeting with us. We discussed the service at length and agreed next steps for the coming year.

Yours sincerely

J Jones
"""

DECISION = """WEXCOMBE BOROUGH COUNCIL
RECORD OF EXECUTIVE DECISION
Decision taken by: Cabinet Member for Housing
Date of decision: 14 May 2024
Subject: Housing allocations policy
"""

MINUTES = """NORTH DENE TOWN COUNCIL

MINUTES of a meeting of the Finance and General Purposes Committee held at the Town Hall on Tuesday 5th March 2024 at 7pm.

Present: Cllrs Able (Chair), Baker and Cole

12. Apologies
None.

13. Budget
RESOLVED that the budget be approved.
"""

COVER = """DECISION-MAKER:\tCABINET
SUBJECT:\tLEISURE CENTRE DECARBONISATION
DATE OF DECISION:\t3 DECEMBER 2024
REPORT OF:\tDIRECTOR OF PLACE

RECOMMENDATIONS:
(i) That the scheme be approved.
"""

SLIDES = "\n".join(["Scrutiny Panel", "", "Our children's services", ""] + [
    f"- Point number {i} about performance" for i in range(20)] + ["Next steps", "- Keep going", "- Recruit staff"])

AGENDA = """LITTLE ASHBY PARISH COUNCIL
You are summoned to a meeting of the above Council on Wednesday 16th October 2024 at 7.30pm
AGENDA
24/101 Apologies for absence
24/102 Declarations of interest
24/103 Minutes of the previous meeting
"""


@pytest.mark.parametrize("text,kind", [
    (LETTER, "letter"), (DECISION, "decision_notice"), (MINUTES, "minutes"), (COVER, "report"),
    (SLIDES, "presentation"), (AGENDA, "agenda"), ("Just a line of text.", "other"),
])
def test_kind_of_snippets(text, kind):
    assert parsed(text).kind == kind


def test_agenda_with_papers_behind_is_a_pack():
    pack = AGENDA + "\n\n" + MINUTES.replace("Finance and General Purposes Committee", "Parish Council") + "\n" + COVER
    assert parsed(pack).kind == "agenda_pack"


def test_meta_of_minutes():
    record = parsed(MINUTES)
    assert (record.council, record.body, record.date) == ("North Dene Town Council", "Finance and General Purposes Committee", "2024-03-05")


def test_meta_of_parish_agenda_names_the_council_as_body():
    record = parsed(AGENDA)
    assert (record.council, record.body, record.date) == ("Little Ashby Parish Council", "Little Ashby Parish Council", "2024-10-16")


def test_meta_of_letter_is_the_meeting_it_reports_on():
    record = parsed(LETTER)
    assert (record.council, record.body, record.date) == ("Wexcombe Borough Council", "Annual engagement meeting", "2024-07-04")


def test_meta_of_cover_sheet_without_authority_name():
    record = parsed(COVER + "\nContact: jo.bloggs@wexcombe.gov.uk\n")
    assert (record.council, record.body, record.date) == (None, "CABINET", "2024-12-03")  # a domain alone is not a name


def test_constructed_council_from_self_reference_and_domain():
    text = COVER + "\nThe County Council will consult schools. Contact: jo@wexshire.gov.uk\n"
    assert parsed(text).council == "Wexshire County Council"


@pytest.mark.parametrize("line,names", [
    ("KENT COUNTY COUNCIL", ["Kent County Council"]),
    ("Hampshire County Council and Portsmouth City Council", ["Hampshire County Council", "Portsmouth City Council"]),
    ("The London Borough of Camden", ["London Borough of Camden"]),
    ("NHS Kent and Medway Integrated Care Board", ["NHS Kent and Medway Integrated Care Board"]),
    ("West Yorkshire Combined Authority", ["West Yorkshire Combined Authority"]),
    ("the Town Council agreed", []),
    ("Brighton and Hove City Council", ["Brighton and Hove City Council"]),
    ("Kingston upon Hull City Council", ["Kingston upon Hull City Council"]),
    # a US staff report's title and addressees are no place: a place is capitalised words, joined by
    # "and", "upon", "of" ..., that starts and ends with a name, and "For", "To" are no names
    ("REQUEST FOR CITY COUNCIL ACTION", []),
    ("Report To City Council", []),
    ("TO: HONORABLE MAYOR AND CITY COUNCIL", []),
    ("MEMORANDUM TO SENIOR STAFF AND CITY COUNCIL", []),
])
def test_find_authorities(line, names):
    assert sorted(find_authorities(line)) == sorted(names)


def _gold_files() -> list[Path]:
    folder = SHARED / "gold"
    return sorted(p for p in folder.glob("*.json") if "kind" in json.loads(p.read_text())) if folder.is_dir() else []


@pytest.mark.parametrize("gold_path", _gold_files() or [None], ids=lambda p: p.stem if p else "no-shared")
def test_gold_kind_and_document(gold_path):
    if gold_path is None:
        pytest.skip("../shared not present: the shared gold files are not part of the project")
    from extract.load import load_document
    from scoring import score  # tests/scoring.py, the project's own scorer

    doc_path = next((p for d in ("seeds", "pdfs") for p in (SHARED / d).glob(gold_path.stem + ".*")), None)
    if doc_path is None:
        pytest.skip(f"no document for {gold_path.name}")
    gold = json.loads(gold_path.read_text())
    record = light_parse(load_document(doc_path))
    assert record.kind == gold["kind"]
    scores = score({"council": record.council, "body": record.body, "date": record.date},
                   {k: gold[k] for k in ("council", "body", "date") if k in gold})
    assert scores["document"].matched == scores["document"].gold, (record.council, record.body, record.date)


@pytest.mark.parametrize("text,expected", [
    ("WEXCOMBE BOROUGH COUNCIL\nPlanning Committee Agenda\nTuesday 4 June 2024\nAGENDA\n1. Apologies\n2. Minutes\n",
     ("agenda", "Wexcombe Borough Council", "Planning Committee", "2024-06-04")),
    ("Notice of a meeting of the Cabinet to be held on Tuesday 4 June 2024\nAGENDA\n1. Apologies\n2. Minutes\n",
     ("agenda", None, "Cabinet", "2024-06-04")),
    ("Minutes of the Planning Committee meeting held on 4 June 2024\nPresent: Cllr A\n1. Apologies\nNone.\n",
     ("minutes", None, "Planning Committee", "2024-06-04")),
])
def test_body_headings_of_other_templates(text, expected):
    record = parsed(text)
    assert (record.kind, record.council, record.body, record.date) == expected


# --- authorities with no type word, NHS and police bodies; bodies printed in minutes headers -----------------------

@pytest.mark.parametrize("line,names", [
    ("HIGHCLIFFE COUNCIL", ["Highcliffe Council"]),
    ("The Moray Firth Council", ["Moray Firth Council"]),
    ("Rossburn Council – Housing Committee", ["Rossburn Council"]),
    ("Rossburn Council   Page 3 of 9", ["Rossburn Council"]),
    ("Youth Council", []), ("Full Council", []), ("Budget Council", []), ("Extraordinary Council", []),
    ("Report to Council", []), ("Cabinet and Council", []), ("County Council", []),
    ("Rossburn Council agreed the plan on Monday.", []),  # running text: not a self-naming line
    ("Fernbrook Community Healthcare NHS Trust", ["Fernbrook Community Healthcare NHS Trust"]),
    ("Fernbrook University Hospitals NHS Foundation Trust", ["Fernbrook University Hospitals NHS Foundation Trust"]),
    ("NHS Greyhaven Integrated Care Board", ["NHS Greyhaven Integrated Care Board"]),
    ("LOWFIELD POLICE, FIRE AND CRIME PANEL", ["Lowfield Police, Fire and Crime Panel"]),
    ("North Tarn Fire and Rescue Authority", ["North Tarn Fire and Rescue Authority"]),
    ("Westvale National Park Authority", ["Westvale National Park Authority"]),
    ("ST ALDHELMS BOROUGH COUNCIL", ["St Aldhelms Borough Council"]),  # a saint's name is part of the place
    ("St Aldhelms Council", ["St Aldhelms Council"]),
    ("Leader's Council", []), ("Tenants’ Council", []),
])
def test_find_authorities_on_a_line_of_its_own(line, names):
    assert sorted(find_authorities(line, whole_line=True)) == sorted(names)


def test_bare_council_name_is_not_read_from_running_text():
    assert find_authorities("HIGHCLIFFE COUNCIL") == []  # without whole_line only typed names count


def test_council_without_type_word_heads_the_paper():
    text = ("GLENHOLM COUNCIL\n\nHOUSING AND PROPERTY COMMITTEE\n\n"
            "Minute of Meeting of the Housing and Property Committee held in the Council Offices on "
            "Thursday, 6 March 2025 at 2.00 pm.\n\nPresent: Councillors A Brodie (Convener), K Lamont and P Wishart.\n\n"
            "1.  Rent Setting 2025/26\n\n    The Committee agreed to approve the rent increase.\n")
    record = parsed(text)
    assert (record.council, record.body, record.date) == ("Glenholm Council", "Housing and Property Committee", "2025-03-06")


def test_nhs_trust_and_police_panel_papers_name_their_authority():
    cover = ("{head}\n\nMeeting:   {body}\nDate:   3 April 2025\nReport title:   Quarterly Finance Update\n"
             "Presented by:   Director of Finance\n\nThe {short} is asked to:\n- note the report.\n")
    nhs = parsed(cover.format(head="Fernbrook Community Healthcare NHS Trust", body="Trust Board (Part 1)", short="Board"))
    assert (nhs.council, nhs.body) == ("Fernbrook Community Healthcare NHS Trust", "Trust Board (Part 1)")
    pcp = parsed(cover.format(head="LOWFIELD POLICE, FIRE AND CRIME PANEL", body="Lowfield Police, Fire and Crime Panel",
                              short="Panel"))
    assert pcp.council == "Lowfield Police, Fire and Crime Panel"


def test_minutes_header_prints_the_committee_under_the_authority_name():
    text = ("Royal Borough of Oakvale\n\nMINUTES OF THE LICENSING SUB-COMMITTEE\n\n"
            "Wednesday 12 February 2025 at 10.00 am, Committee Room 2\n\n"
            "Present: Councillors Mary Hollins (Chair), Ben Ashe and Kay Turner\n\n"
            "1. APPLICATION FOR A PREMISES LICENCE\n\nRESOLVED: That the licence be granted.\n")
    record = parsed(text)
    assert (record.kind, record.council, record.body) == ("minutes", "Royal Borough of Oakvale", "Licensing Sub-Committee")


def test_minutes_of_the_authority_as_a_whole_carry_its_full_name():
    text = ("NORTH TARN FIRE AND RESCUE AUTHORITY\n\n"
            "Minutes of a meeting of the Fire and Rescue Authority held at Headquarters on Friday 7 March 2025.\n\n"
            "Present: Councillors J Bell (Chair), R Carr and S Dunn.\n\n"
            "1. BUDGET 2025/26\n\nRESOLVED that the budget be approved.\n")
    record = parsed(text)
    assert (record.council, record.body) == ("North Tarn Fire and Rescue Authority", "North Tarn Fire and Rescue Authority")


def test_an_attendee_affiliation_in_the_title_block_does_not_outweigh_the_title():
    text = ("HOLLOWAY VALE COMBINED AUTHORITY\n\n"
            "Minutes of the Combined Authority meeting held on Monday 10 March 2025 at Riverside House\n\n"
            "Present:\nMayor Kim Ferris (Chair)\nCouncillor Dan Oakes (Ashby City Council)\n"
            "Councillor Liz Payne (Moreton District Council)\n\n"
            "1. Apologies\nNone.\n\n2. Adult Skills Budget\nRESOLVED: That the adult skills budget be approved.\n")
    record = parsed(text)
    assert (record.council, record.body) == ("Holloway Vale Combined Authority", "Holloway Vale Combined Authority")


# ---- decision notices, joint bodies, a council's own meeting ------------------------------------------------

DECISION_OF_HOLDER = """BRANTWICK DISTRICT COUNCIL

Decision of the Portfolio Holder for Leisure

Decision maker: Portfolio Holder for Leisure (Councillor T Example)
Date of decision: 3 June 2026
Subject: Swimming pool opening hours
Decision: To extend weekday opening at the town pool to 9pm.
Reasons for the decision: Demand for evening sessions has grown.
Alternative options considered: Keeping the current hours.
Call-in expiry: 10 June 2026
"""


def test_decision_of_an_office_holder_is_a_decision_notice_without_a_report():
    record = parsed(DECISION_OF_HOLDER)
    assert record.kind == "decision_notice"
    assert record.reports == []
    assert (record.body, record.date) == ("Portfolio Holder for Leisure", "2026-06-03")  # the office, not its holder


def test_joint_committee_of_two_councils_is_the_publishing_body():
    text = ("Ashcombe and Pellow Joint Crematorium Committee\n\nMinutes of the meeting held on 5 May 2026 at "
            "Ashcombe Town Hall\n\nAshcombe District Council: Councillors A Jones and B Smith\n"
            "Pellow Borough Council: Councillors C Brown and D Green\n\n1. Minutes of the last meeting\n\n"
            "RESOLVED: That the minutes be approved.\n")
    assert find_authorities("ASHCOMBE AND PELLOW JOINT CREMATORIUM COMMITTEE") == ["Ashcombe and Pellow Joint Crematorium Committee"]
    record = parsed(text)
    assert record.council == "Ashcombe and Pellow Joint Crematorium Committee"
    assert record.body == "Ashcombe and Pellow Joint Crematorium Committee"


def test_full_meeting_of_a_town_council_is_the_council():
    text = ("TREWEN TOWN COUNCIL\n\nMINUTES OF THE FULL TOWN COUNCIL MEETING\nTuesday 2 June 2026, 7pm, Trewen Guildhall\n\n"
            "PRESENT: Cllr A Jones (Mayor), Cllr B Smith, Cllr C Brown\n\n1. Apologies\n\nNone were received.\n\n"
            "2. Minutes\n\nRESOLVED: That the minutes of 5 May 2026 be approved.\n")
    record = parsed(text)
    assert (record.kind, record.council, record.body) == ("minutes", "Trewen Town Council", "Trewen Town Council")


MEETING_DECISIONS = """ASHCOMBE COUNTY COUNCIL
EXECUTIVE - RECORD OF DECISIONS
Record of the decisions taken at the meeting of the Executive held on Monday 3 March 2025.
Executive Members: Councillor Ann Able (Leader), Councillor Ben Baker and Councillor Cara Cole.
Apologies: Councillor Dev Dale.

12 Library Service Strategy
Decision: The Executive approved the strategy.
Reasons for decision: To meet the statutory duty.

13 Fees and Charges 2025/26
Decision: To approve the fees and charges as set out in the report.
Reasons for decision: To balance the budget.
"""

TIMED_AGENDA = """WOLDSIDE FIRE AUTHORITY
Monday 2 June 2025, 2.00 pm

                       A G E N D A

Time      Item
2.00      1.  Apologies
2.05      2.  Declarations of interest
2.10      3.  Minutes of the last meeting (pages 3 - 6)
2.30      4.  Budget outturn
"""

LABELLED_REPORT = """HILLFORD TOWN COUNCIL

AMENITIES COMMITTEE - 4 MARCH 2025                 AGENDA ITEM 6

Title:     Cemetery fees
Author:    Deputy Clerk
Status:    For decision

1. Purpose
1.1 To review the fees for the coming year.
"""


def test_record_of_decisions_of_a_whole_meeting_is_its_minutes():
    assert parsed(MEETING_DECISIONS).kind == "minutes"
    # one decision maker, no attendance: still a notice
    assert parsed(DECISION).kind == "decision_notice"


def test_record_with_attendance_but_one_decision_stays_a_notice():
    one = MEETING_DECISIONS.split("13 Fees")[0]
    assert parsed(one).kind == "decision_notice"


def test_front_sheet_with_time_column_is_an_agenda():
    assert parsed(TIMED_AGENDA).kind == "agenda"


def test_title_author_status_labels_make_a_report():
    assert parsed(LABELLED_REPORT).kind == "report"


def test_a_line_that_is_not_a_committee_name_is_not_given_as_the_body():
    from extract.parse.document.identity import plausible_body

    assert plausible_body("Licensing Board Keeana S. Saxon") == "Licensing Board"
    assert plausible_body("Township of Ashby Council was") == "Township of Ashby Council"
    assert plausible_body("Board of Directors") == "Board of Directors"
    assert plausible_body("Ashby Community Board No. 4") == "Ashby Community Board No. 4"
    assert plausible_body("Amenities, Leisure and Community Services") == "Amenities, Leisure and Community Services"
    for junk in ("CALL TO ORDER AND ROLL CALL", "P Clarke, A Armstrong, EDC, Clerk J Brampton", "Meeting Date",
                 "HONORABLE MAYOR FROM : A Smith", "categories", "Council Chambers"):
        assert plausible_body(junk) is None, junk


def test_minutes_under_a_title_form_header_are_minutes_not_an_agenda():
    """The minutes parser's headers and the kind's are one cue: a header the parser reads ends any agenda search."""
    text = """Ashby City Council Meeting Minutes
December 10, 2018

Present: Mayor P Hart, Councilor S Lowe and Councilor T Reed

1. Minutes from the November 14, 2018 City Council Meeting
Councilor Lowe moved to accept the minutes. The motion passed 3-0.

2. Financials
Councilor Reed moved to accept the financial report. The motion passed 3-0.

CONSENT AGENDA
1. Approval of bills
2. Approval of the parks schedule
Councilor Hart moved to approve the consent agenda. The motion passed 3-0.
"""
    record = parsed(text)
    assert record.kind == "minutes" and record.agenda == []


@pytest.mark.parametrize("masthead, body", [
    ("NEWBY PARISH COUNCIL", "Newby Parish Council"),
    ("City of Rivergate", "City Council"),
])
def test_minutes_that_name_no_committee_are_the_authoritys_own_meeting(masthead: str, body: str) -> None:
    """Minutes headed only by the authority's name are its own meeting's: a parish council's by its name,
    a US city's by the name its members meet under ("City of Rivergate" -> "City Council")."""
    text = (f"{masthead}\nMinutes of the meeting held on Tuesday 3 September 2019 at the Village Hall\n\n"
            "Present: Cllr A Brown, Cllr B Green, Cllr C White\n\n1. Apologies\nNone.\n\n2. Finance\n"
            "RESOLVED that the payments be approved.\n\n3. Planning\nNo applications.\n")
    record = parsed(text)
    assert (record.kind, record.council, record.body) == ("minutes", masthead.title() if masthead.isupper()
                                                          else masthead, body)


def test_a_staff_report_stamped_agenda_item_is_a_report_and_its_recommendations_no_agenda() -> None:
    """A US staff report ("AGENDA ITEM", DATE / TO / FROM / SUBJECT) lists its recommended actions as
    "1. ...", "2. ...": the paper is the report, the list its recommendations, not an agenda; "TO: Mayor
    and City Council" goes to the City Council."""
    text = """City of Ashby
AGENDA ITEM
DATE: October 21, 2020
TO: Mayor and City Council
FROM: Omar Dadabhoy, Community Development Director
SUBJECT: ORDINANCE AMENDING TITLE 15 OF THE MUNICIPAL CODE RELATING TO MEDICAL USES
Recommended Actions:
1. Find that the proposed amendments are exempt from the California Environmental Quality Act.
2. Introduce an Ordinance amending Table 15.18.020 of the Municipal Code.
3. Direct staff to return with a report on parking standards.
Fiscal Impact:
None
Background:
At their regularly scheduled meeting on June 17, 2020, the City Council directed Staff to study medical uses
in the Town Center zone and to return with an ordinance for its consideration.
"""
    from extract.parse import parse_document

    record = parse_document(text_doc(text), reader="rules")
    assert record.kind == "report"
    assert record.agenda == []
    assert record.body == "City Council"


def test_a_signed_resolution_is_a_decision_notice_of_the_body_its_title_names() -> None:
    """"RESOLUTION NO. 2024-10 / A RESOLUTION OF THE CITY COMMISSION ...": a resolution passed on its own
    is a decision notice; the body is the one its title names, the date its adoption clause's."""
    from extract.parse import parse_document

    text = """CITY OF ASHBY, FLORIDA
RESOLUTION NO. 2024- 10
A RESOLUTION OF THE CITY COMMISSION
CONFIRMING THE APPOINTMENT OF KURT SCHUBERT TO SERVE AS A MEMBER OF THE LANDSCAPE
ADVISORY BOARD, FOR A TWO (2) YEAR TERM WHICH BEGAN ON JUNE 1, 2023.
BE IT RESOLVED BY THE COMMISSION OF THE CITY OF ASHBY:
SECTION 1. The appointment is confirmed.
SECTION 2. This resolution shall become effective upon the date of its passage and adoption.
PASSED AND ADOPTED THIS TWENTY-THIRD DAY OF JANUARY, A.D. 2024.
"""
    record = parse_document(text_doc(text), reader="rules")
    assert (record.kind, record.council, record.body, record.date) == (
        "decision_notice", "City of Ashby", "City Commission", "2024-01-23")


def test_a_heading_fragment_with_no_bodys_word_is_not_the_body() -> None:
    """"MINUTES OF THE ANNUAL GENERAL MEETING OF THE ASHBY COMMUNITY COUNCIL": "Annual General" is no
    committee, so the meeting is the council's own; a committee named by its remit ("Amenities, Leisure
    and Community Services") keeps its name."""
    text = ("Ashby Community Council\nMINUTES OF THE ANNUAL GENERAL MEETING OF\nTHE ASHBY COMMUNITY COUNCIL\n"
            "HELD IN THE BURGH CHAMBERS ON MONDAY 15TH MAY 2017\n\nPresent: Mr C Veitch, Mr G Beat, Mr J Kinnear\n\n"
            "1. Apologies\nNone.\n\n2. Minutes\nThe minutes were approved.\n\n3. Accounts\nAccounts agreed.\n")
    record = parsed(text)
    assert (record.kind, record.body) == ("minutes", "Ashby Community Council")


def test_a_bodys_name_printed_with_meeting_after_it_drops_the_word() -> None:
    """"City Council Meeting" names the City Council; "Annual Parish Meeting" (a meeting that is the body)
    is not touched by it, as "meeting" does not follow a body's word there."""
    import re

    from extract.patterns import load_json  # the pattern is data: authorities.json body_strip

    strip = re.compile(load_json("authorities.json")["body_strip"], re.I)
    assert strip.sub("", "City Council Meeting").strip() == "City Council"
    assert strip.sub("", "Planning Committee Special Meeting").strip() == "Planning Committee"
    assert strip.sub("", "Souldern Annual Parish Meeting").strip() == "Souldern Annual Parish Meeting"


def test_a_landscape_page_of_tables_under_a_reports_title_is_a_report(tmp_path):
    """A quarterly finance report printed landscape: few lines on the page, as slides have, but its title
    names a report and its lines are a table of figures, so it is a report, not a presentation."""
    from extract.load import load_document
    from extract.parse import parse_document

    from pdfs import Paper

    paper = Paper(orientation="L")
    paper.line("RIVERTON UNIFIED SCHOOL DISTRICT - BOND PROGRAM", bold=True)
    paper.line("Quarterly Finance Report - Quarter Ending December 31, 2023")
    paper.gap(4)
    paper.table([["Program", "Budget", "Expenditures to Date", "Remaining Balance"],
                 ["School Modernization", "$450,000,000", "$212,345,678", "$191,975,421"],
                 ["Technology", "$25,000,000", "$18,200,000", "$5,700,000"],
                 ["Total", "$475,000,000", "$230,545,678", "$197,675,421"]], widths=(80, 50, 60, 60))
    record = parse_document(load_document(str(paper.save(tmp_path / "bond.pdf"))))
    assert record.kpis and record.kind == "report"
