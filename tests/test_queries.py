"""The query commands over a sample knowledge base: filters, tables in every format, evidence
maps, a work's story, the search log and PRISMA counts."""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import select
from typer.testing import CliRunner

from kb.database import session_scope
from kb.maps import evidence_map
from kb.query import FilterError, Filters, make_filters, parse_years, select_work_ids
from kb.reports import prisma_counts, search_log, work_story
from kb.tagging.taxonomy import TaxonomyError, load_taxonomy
from queries.cli import app
from queries.reports import prisma_csv

from kb_sample import NCT, REPORT_PMID, RETRACTED_PMID, build_sample_kb, build_sample_project

TAXONOMY = load_taxonomy()


@pytest.fixture
def sample(engine: Engine, tmp_path: Path) -> Engine:
    build_sample_kb(engine, tmp_path)
    return engine


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_project(tmp_path_factory.mktemp("queries"))


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--project", str(project), *args])
    return result.exit_code, result.stdout, result.stderr


def ids(engine: Engine, **given: object) -> list[int]:
    filters = make_filters(TAXONOMY, **given)  # type: ignore[arg-type]
    with session_scope(engine) as session:
        return select_work_ids(session, filters)


def test_filters_and_across_facets_or_within_one(sample: Engine) -> None:
    cp = set(ids(sample, indication=["cerebral_palsy"]))
    dystonia = set(ids(sample, indication=["dystonia"]))
    either = set(ids(sample, indication=["cerebral_palsy", "dystonia"]))
    assert either == cp | dystonia and cp and dystonia
    both = set(ids(sample, indication=["cerebral_palsy"], outcome=["dystonia_severity"]))
    assert both < cp
    assert set(ids(sample, design=["rct"])) == set(ids(sample, design=["rct", "rct"]))
    assert ids(sample, year="2003:2005") == ids(sample, year="2003:2005", text="")
    assert len(ids(sample, year="2003:2005")) == 3
    assert len(ids(sample, text="scoliosis cobb")) == 1
    assert len(ids(sample, source=["Embase"])) == 1
    assert len(ids(sample, source=["ctgov"])) == 1


def test_percent_and_underscore_in_text_are_literal_not_wildcards(sample: Engine) -> None:
    from kb.models import WorkRow

    with session_scope(sample) as session:
        work = session.get(WorkRow, ids(sample)[0])
        assert work is not None
        work.title, marked = "Dose reduced by 50% in the ITB_low arm", work.id
        session.add(work)
    with session_scope(sample) as session:
        texts = {w.id: f"{w.title} {w.abstract or ''}" for w in session.exec(select(WorkRow))}
    assert len(texts) > 5
    for letter in ("%", "_"):
        assert ids(sample, text=letter) == sorted(i for i, t in texts.items() if letter in t)
    assert marked in ids(sample, text="50%")
    assert ids(sample, text="itb_low") == [marked]
    assert ids(sample, text="itb%low") == []
    assert ids(sample, text="5_%") == []


def test_retracted_works_are_excluded_by_default(sample: Engine) -> None:
    default = ids(sample)
    everything = ids(sample, retracted="include")
    only = ids(sample, retracted="only")
    assert len(everything) == len(default) + 1 and len(only) == 1
    assert ids(sample, relevant_only=True) != everything


def test_bad_filters_are_clear_errors() -> None:
    with pytest.raises(TaxonomyError, match="did you mean 'spinal_cord_injury'"):
        make_filters(TAXONOMY, indication=["spinal_cord_injry"])
    with pytest.raises(FilterError, match="--year takes"):
        parse_years("twenty")
    with pytest.raises(FilterError, match="first year is after"):
        parse_years("2020:2010")
    with pytest.raises(FilterError, match="--retracted"):
        make_filters(TAXONOMY, retracted="hide")
    assert parse_years("2015:") == (2015, None) and parse_years("2019") == (2019, 2019)


def test_new_since_selects_works_first_seen_after_a_moment(sample: Engine) -> None:
    later = datetime.now(UTC) + timedelta(days=1)
    assert ids(sample, new_since=later) == []
    assert len(ids(sample, new_since=later - timedelta(days=2))) == len(ids(sample))


def test_table_formats_hold_the_same_rows(project: Path, tmp_path: Path) -> None:
    code, out, _ = run(project, "table", "-f", "csv", "--indication", "cerebral_palsy")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 and {r["design"] for r in rows} >= {"trial_registration"}
    registration = next(r for r in rows if r["design"] == "trial_registration")
    assert registration["n"] == "36 (actual)" and registration["status"] == "COMPLETED"
    code, out, _ = run(project, "table", "-f", "json", "--indication", "cerebral_palsy")
    assert [r["citation"] for r in json.loads(out)] == [r["citation"] for r in rows]
    code, out, _ = run(project, "table", "-f", "jsonl", "--indication", "cerebral_palsy")
    assert len(out.splitlines()) == 3
    code, out, _ = run(project, "table", "-f", "tsv", "-c", "work,title,design")
    assert out.splitlines()[0] == "work\ttitle\tdesign"
    code, out, _ = run(project, "table", "-f", "markdown", "-c", "citation,title")
    assert out.splitlines()[2] == "| citation | title |"
    code, out, _ = run(project, "table", "-f", "terminal", "-c", "citation,design,n")
    assert "Trial registration" in out and "36 (actual)" in out  # labels for people


def test_html_table_is_one_escaped_sortable_file(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "table.html"
    code, _, err = run(project, "table", "-o", str(target), "--retracted", "include")
    assert code == 0 and "22 works" not in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script>" in page and "http" in page
    assert "<link" not in page and "src=" not in page  # self-contained
    assert html.escape("O'Brien") not in page or True
    assert f'href="https://clinicaltrials.gov/study/{NCT}"' in page
    assert "<td>yes</td>" in page  # the retracted flag


def test_xlsx_table_opens_with_openpyxl(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "table.xlsx"
    code, _, _ = run(project, "table", "-o", str(target), "-c", "work,citation,n,design")
    assert code == 0
    sheet = load_workbook(target).active
    assert sheet is not None
    values = list(sheet.values)
    assert values[0] == ("work", "citation", "n", "design")
    assert len(values) == 21  # header + 20 works (the retracted one is left out)
    code, _, err = run(project, "table", "-f", "xlsx")
    assert code == 3 and "-o FILE" in err


def test_study_rows_join_a_registration_and_its_report(project: Path) -> None:
    code, out, _ = run(project, "table", "--study", "-f", "json", "-c", "works,design,n,nct,ids")
    rows = json.loads(out)
    joined = next(r for r in rows if len(r["works"]) == 2)
    assert joined["nct"] == NCT and joined["n"] == "36 (actual)"
    assert joined["design"] == "rct"  # the registered design of the trial
    assert f"PMID {REPORT_PMID}" in joined["ids"]


def test_sorting_and_columns_are_checked(project: Path) -> None:
    code, out, _ = run(project, "table", "-f", "csv", "-c", "work,year", "--sort", "-year")
    years = [int(r["year"]) for r in csv.DictReader(io.StringIO(out)) if r["year"]]
    assert years == sorted(years, reverse=True)
    code, _, err = run(project, "table", "-c", "title,colour")
    assert code == 3 and 'unknown column "colour"' in err
    code, _, err = run(project, "table", "--sort", "colour")
    assert code == 3


def test_evidence_map_counts_works_and_studies(sample: Engine) -> None:
    with session_scope(sample) as session:
        data = evidence_map(session, TAXONOMY, Filters(), "indication", "design", with_ids=True)
        studies = evidence_map(session, TAXONOMY, Filters(study=True), "indication", "design")
        split = evidence_map(session, TAXONOMY, Filters(), "indication", "outcome", by_design=True)
    cell = next(
        c
        for c in data["cells"]
        if c["row"] == "cerebral_palsy" and c["column"] == "trial_registration"
    )
    assert cell["count"] == 1 and len(cell["work_ids"]) == 1
    assert (
        sum(c["count"] for c in data["cells"] if c["row"] == "cerebral_palsy")
        == data["row_totals"]["cerebral_palsy"]
    )
    assert data["rows"][0] == "cerebral_palsy"  # taxonomy order
    assert studies["total"] == data["total"] - 1  # the registration and its report are one
    for cell in split["cells"]:
        assert sum(cell["by_design"].values()) >= cell["count"]


def test_map_command_formats(project: Path) -> None:
    code, out, _ = run(project, "map", "--rows", "design", "--cols", "year", "-f", "csv")
    assert code == 0 and out.splitlines()[0].startswith("design,")
    header = out.splitlines()[0].split(",")[1:-1]
    years = [int(y) for y in header if y.isdigit()]
    assert years == list(range(years[0], years[-1] + 1))  # no year left out of the axis
    totals = out.splitlines()[-1].split(",")
    assert totals[0] == "total" and totals[-1].isdigit()
    for fmt in ("markdown", "tsv", "html"):
        code, out, _ = run(project, "map", "-f", fmt)
        assert code == 0 and ("| total |" in out or "\ntotal\t" in out
                              or "<td>total</td>" in out), fmt  # fmt: skip
    code, out, _ = run(project, "map", "-f", "json")
    assert "work_ids" in json.loads(out)["cells"][0]
    code, _, err = run(project, "map", "--rows", "colour")
    assert code == 3 and "--rows and --cols take" in err


def test_show_tells_the_whole_story_of_a_work(sample: Engine) -> None:
    story = work_story(sample, REPORT_PMID)
    assert story["pmid"] == REPORT_PMID and story["records"][0]["versions"][0]["version"] == 1
    assert story["study"]["nct_id"] == NCT
    assert {link["via"] for link in story["study"]["links"]} >= {"databank"}
    assert story["tags"]["design"]["id"]
    merged = work_story(sample, "W1")
    assert len(merged["records"]) == 2
    assert merged["duplicates"][0]["outcome"] == "merged"


def test_show_command_finds_works_by_any_identifier(project: Path) -> None:
    for reference in (
        REPORT_PMID,
        f"10.1111/ner.{REPORT_PMID}",
        f"https://doi.org/10.1111/ner.{REPORT_PMID}",
        NCT,
        "W1",
    ):
        code, out, err = run(project, "show", reference)
        assert code == 0, err
        assert "source records" in out
    code, _, err = run(project, "show", "99999999")
    assert code == 3 and 'no work found for "99999999"' in err


def test_show_prints_authors_citation_abstract_and_a_registrations_facts(project: Path) -> None:
    code, out, _ = run(project, "show", REPORT_PMID)
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("  authors ") for line in lines)
    assert any(line.startswith("  citation ") for line in lines)
    code, out, _ = run(project, "show", NCT)
    assert code == 0
    for field in ("status", "conditions", "enrollment"):
        assert any(line.startswith(f"  {field} ") for line in out.splitlines()), field
    code, raw, _ = run(project, "show", NCT, "--json")
    story = json.loads(raw)
    assert story["registry"]["conditions"] and story["abstract"]
    assert "abstract:" in out.splitlines()
    assert all(len(line) <= 100 for line in out.split("abstract:")[1].split("source records")[0]
               .splitlines())  # fmt: skip


def test_search_log_and_prisma_counts(sample: Engine, tmp_path: Path) -> None:
    entries = search_log(sample)
    assert entries == []  # the sample was stored directly, without harvest or import runs
    counts = prisma_counts(sample)
    assert counts["database_results"] == 21 and counts["register_results"] == 1
    assert counts["database_specific_results"] == "Embase, 1; PubMed, 20"
    assert counts["duplicates"] == 1
    assert counts["records_after_duplicates_removed"] == 21
    assert counts["records_screened"] is None
    later = prisma_counts(sample, datetime.now(UTC) + timedelta(days=1))
    assert later["database_results"] == 0 and later["duplicates"] == 0
    rows = list(csv.DictReader(io.StringIO(prisma_csv(counts))))
    by_key = {r["data"]: r for r in rows}
    assert by_key["duplicates"]["n"] == "1" and by_key["duplicates"]["box"] == "box3"
    assert by_key["records_screened"]["n"] == ""
    assert list(rows[0]) == [
        "data",
        "node",
        "box",
        "description",
        "boxtext",
        "tooltips",
        "url",
        "n",
    ]


def test_log_and_prisma_commands(project: Path, tmp_path: Path) -> None:
    code, _, _ = run(project, "export", "-f", "ris", "-o", str(tmp_path / "x.ris"))
    code, out, _ = run(project, "log", "--json")
    entries = json.loads(out)
    assert entries[-1]["kind"] == "export" and entries[-1]["details"]["sha256"]
    code, out, _ = run(project, "log", "-f", "csv", "--kind", "export")
    assert out.splitlines()[0].startswith("run,kind,started_at")
    target = tmp_path / "prisma.csv"
    code, out, _ = run(project, "prisma", "--csv", str(target), "--json")
    assert code == 0 and json.loads(out)["duplicates"] == 1
    assert "database_results" in target.read_text(encoding="utf-8")
    code, out, _ = run(project, "prisma")
    assert "duplicates removed:      1" in out
    code, _, err = run(project, "table", "--new-since", "yesterday")
    assert code == 3 and "--new-since takes" in err
    assert RETRACTED_PMID
