"""The document's date and body where the title block does not say them plainly: a resolution's adoption clause,
a US staff report's agenda date, an authority's own meeting named on its title line."""

from __future__ import annotations

from extract.load.model import Document
from extract.load.text import pages_from_text
from extract.parse import parse_document


def test_a_resolution_is_dated_by_its_adoption_clause_and_a_us_memo_by_its_agenda_date():
    resolution = "\n".join(["CITY OF CORAL GABLES, FLORIDA", "RESOLUTION NO. 2024-10", "",
                            "A RESOLUTION OF THE CITY COMMISSION APPOINTING A MEMBER TO THE ARTS ADVISORY PANEL.",
                            "", "WHEREAS, the Panel advises the Commission on public art;", "",
                            "WHEREAS, each Commissioner appoints one member of the Panel;", "",
                            "WHEREAS, a seat on the Panel is vacant;", "",
                            "WHEREAS, the Commissioner has nominated a resident of the City;", "",
                            "NOW, THEREFORE, BE IT RESOLVED BY THE COMMISSION:", "",
                            "SECTION 1. That the foregoing recitals are adopted.", "",
                            "SECTION 2. That the appointment term began on June 1, 2023.", "",
                            "PASSED AND ADOPTED THIS TWENTY-THIRD DAY OF JANUARY,", "A.D., 2024."])
    memo = "\n".join(["COUNCIL AGENDA: 01/26/21", "FILE: 21-124", "ITEM: 3.4",
                      "TO: HONORABLE MAYOR   FROM: David Sykes", "AND CITY COUNCIL",
                      "SUBJECT: SEE BELOW   DATE: January 13, 2021", "", "SUBJECT: ADOPTION OF A POLICY", "",
                      "RECOMMENDATION", "Adopt the Statement of Policy."])
    for text, iso in ((resolution, "2024-01-23"), (memo, "2021-01-26")):
        doc = Document(path="paper.txt", sha256="0" * 64, format="text", pages=pages_from_text(text))
        assert parse_document(doc).date == iso


def test_an_authority_titling_its_own_meeting_agenda_is_the_body():
    text = "\n".join(["Garelochhead Community Council Public Meeting Agenda", "Tuesday 17th August 2021",
                      "COVID-19 Virtual Meeting 19:00hrs", "", "1. Introductions and welcome",
                      "2. Minutes and actions from June 15th", "3. Police Reports", "4. Roads discussion",
                      "5. AOB", "6. Date of next meeting"])
    record = parse_document(Document(path="agenda.txt", sha256="0" * 64, format="text", pages=pages_from_text(text)))
    assert (record.kind, record.council, record.body, record.date) == (
        "agenda", "Garelochhead Community Council", "Garelochhead Community Council", "2021-08-17")


def test_a_council_name_stops_before_a_role_heading_and_a_numbered_meeting_title_gives_its_committee():
    """'City of Boston   Commissioners:' (a title block's role column) is not part of the authority's name,
    and 'The 5th Meeting of the Planning and Environment Committee' names the committee."""
    boston = "\n".join(["City of Boston   Commissioners:", "Licensing Board   Kathleen M. Joyce Chairman",
                        "Voting Agenda April 23 2020", "", "1. Third Cliff Bakery, LLC", "GRANTED",
                        "2. The Bittersweet Shoppe", "GRANTED"])
    record = parse_document(Document(path="b.txt", sha256="0" * 64, format="text", pages=pages_from_text(boston)))
    assert record.council == "City of Boston"
    london = "\n".join(["---", "title: The 5th Meeting of the Planning and Environment Committee", "---",
                        "March 18, 2025, at 1:00 PM", "", "Present:", "S. Lehman, S. Lewis, P. Cuddy", "",
                        "1.   Disclosures of Pecuniary Interest", "", "That it BE NOTED that none were disclosed.", "",
                        "2.   Consent", "", "That the list BE RECEIVED."])
    record = parse_document(Document(path="l.md", sha256="0" * 64, format="markdown", pages=pages_from_text(london)))
    assert record.body == "Planning and Environment Committee"


def test_numeric_dates_read_in_the_order_of_the_papers_country():
    """"1/12/2021" is 12 January in a US staff report (dollars, a city manager, council members) and
    1 December in a British parish's minutes (pounds, councillors): the paper's own words decide."""
    from extract.pipeline import ExtractOptions, extract_document

    us = ("STAFF REPORT\nCity Council\nMeeting Date: 1/12/2021\nStaff Report Number: 21-004-CC\n\n"
          "Recommendation\nStaff recommends that the City Council approve a contract of $25,000 with Acme Paving.\n"
          "Report prepared by: Jane Smith, Assistant to the City Manager\n")
    uk = ("Minutes of the meeting of Low Fell Parish Council held on 1/12/2021\n"
          "Present: Cllrs Hill, Crump and Harper\n\n1. Finance\nThe councillors approved payments of £250.\n")
    options = ExtractOptions(tag=False)
    for text, expected in ((us, "2021-01-12"), (uk, "2021-12-01")):
        doc = Document(path="paper.txt", sha256="0", format="text", pages=pages_from_text(text))
        assert extract_document(doc, options).date == expected
