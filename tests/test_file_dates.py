"""A paper whose text names no meeting date is dated from its file name in the store, and only by a full,
unambiguous date there; the record itself keeps ``date: null``."""

from __future__ import annotations

import json

import pytest

from extract.parse.text.file_dates import date_from_file_name
from extract.record import Record, Source
from extract.store.ingest import write_document
from extract.store.schema import open_db
from extract.store.search import search, undated_matches


@pytest.mark.parametrize("name,iso", [
    ("Minutes-2024-03-05.pdf", "2024-03-05"),
    ("2024_03_05_agenda.pdf", "2024-03-05"),
    ("/papers/kent_cabinet_2025.03.04_appendix1.pdf", "2025-03-04"),
    ("agenda20240305.pdf", "2024-03-05"),
    ("Cabinet 5 March 2024.pdf", "2024-03-05"),
    ("cabinet_5th-march-2024_minutes.pdf", "2024-03-05"),
    ("Planning-March-5-2024.docx", "2024-03-05"),
    ("minutes_2024-03-05_approved_2024-03-05.pdf", "2024-03-05"),  # one date, twice
])
def test_full_dates_in_file_names(name, iso):
    assert date_from_file_name(name) == iso


@pytest.mark.parametrize("name", [
    "us_nyc_manhattan_cb2_2020-01_NOT_A_PDF_403.pdf",        # a month, not a day
    "statement_of_accounts_2016-17_SCAN.pdf",                # a financial year
    "minutes_05-03-2024.pdf",                                # 5 March or 3 May?
    "minutes_03.05.24.pdf",                                  # two-digit year, figures only
    "agenda_2024.pdf",
    "minutes_2024-02-30.pdf",                                # no such day
    "draft_2024-03-05_final_2024-03-12.pdf",                 # two dates: which?
    "000_f063d2b5ef0dbb10.txt",
    "report_120240305123.pdf",                               # digits of a longer number
])
def test_no_date_from_partial_ambiguous_or_double_names(name):
    assert date_from_file_name(name) is None


def _record(name: str, date: str | None) -> Record:
    rec = Record(source=Source(file=name, sha256=(name * 64)[:64], pages=1, path=f"/papers/{name}", format="pdf"),
                 kind="report", council="Kent County Council", body="Cabinet", date=date)
    rec.pages = [{"page": 1, "printed": None, "stamps": [], "text_source": "text_layer"}]
    return rec


def _result(rec: Record) -> dict:
    return {"record": rec.to_dict(), "pages": [{"page": 1, "text": "Quarterly performance appendix: call handling",
                                                "text_source": "text_layer"}], "path": rec.source.path}


def test_store_dates_an_undated_paper_from_its_file_name(tmp_path):
    db = open_db(tmp_path / "council.db")
    write_document(db, _result(_record("kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf", None)))
    write_document(db, _result(_record("appendix_2025-01.pdf", None)))
    rows = {r["file"]: r for r in db.query("SELECT file, date, warnings FROM documents")}
    dated = rows["kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf"]
    assert dated["date"] == "2025-03-04"
    assert any("from its file name" in w for w in json.loads(dated["warnings"]))
    assert rows["appendix_2025-01.pdf"]["date"] is None and rows["appendix_2025-01.pdf"]["warnings"] is None
    # --since finds the paper dated by its name; the other is still counted as undated, not lost
    assert [h["file"] for h in search(db, "call handling", since="2025-03-01")] == [
        "kent_cabinet_2025-03-04_qpr_q3_appendix1.pdf"]
    assert undated_matches(db, "call handling") == 1


def test_printed_date_wins_over_the_file_name(tmp_path):
    db = open_db(tmp_path / "council.db")
    write_document(db, _result(_record("cabinet_2025-03-04_report.pdf", "2025-02-20")))
    row = next(iter(db.query("SELECT date, warnings FROM documents")))
    assert row["date"] == "2025-02-20" and row["warnings"] is None

