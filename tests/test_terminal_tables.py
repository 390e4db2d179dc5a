"""Terminal tables as a person meets them: drawn for the window's width, no id ever broken,
lists wrapped at their commas, columns giving way by priority with a note, labels for
people and ids for machines, newest first, a pager only on a terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.tagging.taxonomy import load_taxonomy
from queries.cli import app
from queries.render import render, terminal_width
from queries.tables import DEFAULT_COLUMNS, sort_rows, with_labels

from kb_sample import build_sample_project

TAXONOMY = load_taxonomy()
LONGEST_IDS = ["hereditary_spastic_paraplegia", "activities_of_daily_living", "controlled_trial"]


def _rows(count: int = 12) -> list[dict[str, object]]:
    indications = TAXONOMY.ids("indication")
    outcomes = TAXONOMY.ids("outcome")
    complications = TAXONOMY.ids("complication")
    rows = []
    for i in range(count):
        rows.append(
            {
                "citation": f"Author{i} et al. {2000 + i}",
                "title": "Intrathecal baclofen for spasticity: a study of many words "
                * (i % 3 + 1),
                "year": 2000 + i,
                "design": TAXONOMY.ids("design")[i % 10],
                "n": 10 * i or None,
                "indication": indications[i % 12 : i % 12 + 3],
                "outcome": outcomes[i % 13 : i % 13 + 4],
                "complication": complications[i % 17 : i % 17 + 3],
                "status": "ACTIVE_NOT_RECRUITING" if i % 4 == 0 else None,
                "ids": {
                    "text": f"PMID {40000000 + i}, doi:10.1000/itb.{i}",
                    "links": [(f"PMID {40000000 + i}", "u"), (f"doi:10.1000/itb.{i}", "u")],
                },
                "sources": ["PubMed", "Embase"],
                "retracted": i == 3,
            }
        )
    return rows


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w.:/]+", text))


@pytest.mark.parametrize("width", [80, 120, 200])
def test_every_tag_id_appears_whole_and_no_line_is_wider_than_the_window(width: int) -> None:
    rows = _rows()
    out = str(render(rows, DEFAULT_COLUMNS, "terminal", width=width))
    assert max(len(line) for line in out.splitlines()) <= width
    words = _words(out)
    header = out.splitlines()[0].split()
    shown = [c for c in ("indication", "outcome", "complication", "design") if c in header]
    assert "indication" in shown and "design" in shown
    for row in rows:
        for column in shown:
            value = row[column]
            for tag in value if isinstance(value, list) else [value]:
                assert tag in words, f"{tag} is broken or missing at {width} columns"
    if width == 80:  # sources and ids give way first, and the note says how to see them
        assert "left out to fit 80 columns: sources, ids" in out
        assert "--format csv" in out


def test_labels_wrap_between_words_never_inside_one() -> None:
    rows = with_labels(_rows(), TAXONOMY)
    for width in (80, 120, 200):
        out = str(render(rows, DEFAULT_COLUMNS, "terminal", width=width))
        words = _words(out)
        for row in rows:
            for label in row["indication"]:  # type: ignore[union-attr]
                assert all(part in words for part in re.findall(r"[\w.:/]+", label))
        assert "Hereditary" in out or "Multiple" in out


def test_lists_wrap_at_their_commas() -> None:
    rows = [{"citation": "A 2020", "indication": ["cerebral_palsy", "multiple_sclerosis",
                                                   "spinal_cord_injury"]}]  # fmt: skip
    out = str(render(rows, ["citation", "indication"], "terminal", width=32))
    body = out.splitlines()[2:]
    assert [line.split("  ")[-1].strip() for line in body] == [
        "cerebral_palsy,",
        "multiple_sclerosis,",
        "spinal_cord_injury",
    ]


def test_a_narrow_window_moves_the_title_under_its_row_instead_of_cutting_it_to_nothing() -> None:
    rows = _rows(3)
    out = str(render(rows, ("citation", "title", "design", "indication", "outcome"), "terminal",
                     width=80))  # fmt: skip
    assert "    Intrathecal baclofen for spasticity" in out
    wide = str(render(rows, ("citation", "title", "design"), "terminal", width=200))
    assert wide.splitlines()[0].split()[:3] == ["citation", "title", "design"]


def test_a_two_thousand_character_title_is_shortened_in_the_terminal_only() -> None:
    rows = [{"citation": "A 2020", "title": "word " * 400, "design": "cohort"}]
    out = str(render(rows, ("citation", "title", "design"), "terminal", width=100))
    assert max(len(line) for line in out.splitlines()) <= 100 and "…" in out
    assert json.loads(str(render(rows, ("title",), "json")))[0]["title"] == rows[0]["title"]


def test_an_empty_table_says_so() -> None:
    out = str(render([], DEFAULT_COLUMNS, "terminal", width=80))
    assert "(no rows)" in out


def test_width_comes_from_columns_and_is_100_when_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "93")
    assert terminal_width() == 93
    monkeypatch.delenv("COLUMNS")
    assert terminal_width() == 100  # pytest's stdout is not a terminal


def test_default_sort_is_newest_first_then_first_author() -> None:
    rows = [
        {"citation": "Brown 2019", "year": 2019},
        {"citation": "Adams 2021", "year": 2021},
        {"citation": "Abel 2019", "year": 2019},
        {"citation": "Nobody n.d.", "year": None},
    ]
    order = [r["citation"] for r in sort_rows(rows, "-year,citation")]
    assert order == ["Adams 2021", "Abel 2019", "Brown 2019", "Nobody n.d."]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_project(tmp_path_factory.mktemp("terminal"))


def _run(project: Path, *args: str, columns: str = "80") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--project", str(project), *args], env={"COLUMNS": columns})
    return result.exit_code, result.stdout


def test_itb_table_shows_labels_to_people_and_ids_to_machines(project: Path) -> None:
    code, out = _run(project, "table", "-f", "terminal", "-c", "citation,design,indication",
                     columns="120")  # fmt: skip
    assert code == 0 and "Cerebral palsy" in out and "cerebral_palsy" not in out
    code, out = _run(project, "table", "-f", "csv", "-c", "citation,design,indication")
    assert "cerebral_palsy" in out and "Cerebral palsy" not in out
    code, out = _run(project, "table", "-f", "markdown", "-c", "design")
    assert "Trial registration" in out


def test_itb_table_fits_80_columns_and_sorts_newest_first(project: Path) -> None:
    code, out = _run(project, "table", "-f", "terminal", "--no-pager")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    code, data = _run(project, "table", "-f", "json", "-c", "year,citation")
    years = [r["year"] for r in json.loads(data) if r["year"] is not None]
    assert years == sorted(years, reverse=True)


def test_itb_map_names_its_columns_by_label_and_fits_the_window(project: Path) -> None:
    code, out = _run(project, "map", "-f", "terminal", "--rows", "indication", "--cols",
                     "design", columns="200")  # fmt: skip
    assert code == 0 and "Cerebral palsy" in out and "Trial" in out and "total" in out
    code, out = _run(project, "map", "-f", "terminal", columns="80")
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "total" in out.splitlines()[1] or "total" in out  # the totals column stays


def test_the_pager_runs_only_on_a_terminal_for_long_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from queries import tables

    record = tmp_path / "paged.txt"
    monkeypatch.setenv("ITB_PAGER", f"tee {record}")
    monkeypatch.setattr(tables.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("LINES", "10")
    assert tables._page("line\n" * 50) and record.read_text() == "line\n" * 50
    assert not tables._page("short\n")
    monkeypatch.setenv("ITB_PAGER", "cat")
    assert not tables._page("line\n" * 50)


def test_xlsx_for_people_has_links_widths_an_autofilter_and_a_frozen_header(
    project: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "table.xlsx"
    result = CliRunner().invoke(app, ["--project", str(project), "table", "-o", str(target),
                                      "-c", "citation,title,pmid,doi,nct,indication"])  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    header = [c.value for c in sheet[1]]
    pmid = sheet.cell(row=2, column=header.index("pmid") + 1)
    assert pmid.hyperlink is not None
    assert pmid.hyperlink.target == f"https://pubmed.ncbi.nlm.nih.gov/{pmid.value}/"
    nct = next(c for c in sheet[get_column(header, "nct")] if c.value and c.row > 1)
    assert nct.hyperlink is not None and "clinicaltrials.gov/study/" in nct.hyperlink.target
    widths = {c: sheet.column_dimensions[c].width for c in ("A", "B")}
    assert widths["B"] == 60 and 8 < widths["A"] < 40  # the title wraps at 60
    labels = {c.value for c in sheet[get_column(header, "indication")][1:]}
    assert any(v and "Cerebral palsy" in v for v in labels)  # labels, for people


def get_column(header: list[object], name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(header.index(name) + 1)
