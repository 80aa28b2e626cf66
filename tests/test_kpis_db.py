"""Stored KPI values: the `kpis --db` listing and the pandas series across reports."""

from __future__ import annotations

import json

from click.testing import CliRunner

from extract.cli import cli
from extract.kpiframe import kpi_frame, kpi_series
from extract.load import load_document
from extract.pipeline import extract_document
from extract.store.ingest import make_result, write_document
from extract.store.kpis import stored_kpis
from extract.store.schema import open_db

from conftest import ROOT


def test_stored_kpis_form_series(tmp_path):
    path = tmp_path / "council.db"
    db = open_db(path)
    pack = ROOT / "corpus" / "wexcombe_cyp_scrutiny_2024-11-14_agenda_pack.pdf"
    doc = load_document(pack)
    record = extract_document(doc)
    write_document(db, make_result(doc, record))
    rows = stored_kpis(db)
    assert len(rows) == len(record.kpis) > 0
    assert {r["document"] for r in rows} == {pack.name}
    frame = kpi_frame(rows)
    key = frame["indicator_key"].iloc[0]
    wide = kpi_series(frame, key)
    assert len(wide) >= 2 and "value" in wide.columns
    label = rows[0]["indicator"]
    listed = CliRunner().invoke(cli, ["kpis", "--db", str(path), "--indicator", label[:12], "--json"])
    assert listed.exit_code == 0, listed.output
    assert all(label[:12].lower() in r["indicator"].lower() for r in json.loads(listed.output))
    both = CliRunner().invoke(cli, ["kpis", str(pack), "--db", str(path)])
    assert both.exit_code == 2 and "not both" in both.output
