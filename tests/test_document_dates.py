"""The document's date where the title block prints none: a resolution's adoption clause, a US staff
report's agenda date."""

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
