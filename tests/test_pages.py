"""Pictures and pages as a person looks at them: the PRISMA diagram, the map and the year
chart in SVG, PNG and PDF; `itb report` and the digest as self-contained pages, checked in
the file and, in headless Chromium, as rendered (counts, filter box, map cells, no request
leaving the page, screenshots that are not blank)."""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.database import open_engine
from kb.tagging.taxonomy import load_taxonomy
from kb.update import UpdateRun, changed_works
from kb.workspace import create_project
from queries.cli import app
from queries.update import write_digest

from kb_sample import build_sample_project

REQUIRE_CHROMIUM = os.environ.get("ITB_REQUIRE_CHROMIUM") == "1"
HOSTILE = (
    '<script>document.body.dataset.pwned = "script"</script>'
    '<img src=x onerror="document.body.dataset.pwned = 1"> Intrathecal baclofen pump refill'
)
RIS = (
    "TY  - JOUR\r\nTI  - {title}\r\nAU  - Hacker, A.\r\nPY  - 2024\r\nJF  - Neuromodulation\r\n"
    "AB  - Intrathecal baclofen <b>bold</b> & <i>markup</i> in an abstract.\r\nER  - \r\n"
    "TY  - JOUR\r\nTI  - {long}\r\nAU  - Long, B.\r\nPY  - 2023\r\nJF  - Spinal Cord\r\n"
    "ER  - \r\n"
)


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--project", str(project), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    root = build_sample_project(folder)
    long_title = ("Intrathecal baclofen " + "and a very long title " * 90)[:2000]
    ris = folder / "hostile.ris"
    ris.write_text(RIS.format(title=HOSTILE, long=long_title), encoding="utf-8")
    code, _, err = run(root, "import", str(ris), "--source-name", "Embase")
    assert code == 0, err
    return root


@pytest.fixture(scope="module")
def empty_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_project(tmp_path_factory.mktemp("empty") / "p").root


# --- pictures ---------------------------------------------------------------------------


def test_prisma_diagram_is_drawn_in_every_format_with_the_counts_of_prisma_json(
    project: Path, tmp_path: Path
) -> None:
    _, out, _ = run(project, "prisma", "--json")
    counts = json.loads(out)
    for suffix, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        target = tmp_path / f"prisma.{suffix}"
        code, _, err = run(project, "prisma", "-o", str(target))
        assert code == 0, err
        assert target.read_bytes().startswith(magic)
    svg = (tmp_path / "prisma.svg").read_text(encoding="utf-8")
    assert f"Databases (n = {counts['database_results']:,})" in svg
    assert f"Registers (n = {counts['register_results']:,})" in svg
    assert f"Duplicate records removed (n = {counts['duplicates']:,})" in svg
    assert "Records screened" in svg and "n = ?" in svg  # left for the review team
    again = tmp_path / "again.svg"
    run(project, "prisma", "-o", str(again))
    assert again.read_bytes() == (tmp_path / "prisma.svg").read_bytes()  # no date inside


def test_map_and_year_chart_draw_as_pictures(project: Path, tmp_path: Path) -> None:
    code, out, _ = run(project, "map", "-f", "json", "--rows", "indication", "--cols", "design")
    data = json.loads(out)
    code, svg, err = run(project, "map", "-f", "svg", "--rows", "indication", "--cols", "design")
    assert code == 0, err
    assert f"{data['total']} total" in svg and "Cerebral palsy" in svg
    for suffix in ("png", "pdf"):
        code, _, err = run(project, "map", "-o", str(tmp_path / f"map.{suffix}"))
        assert code == 0, err
    code, _, err = run(project, "chart", "-o", str(tmp_path / "years.png"))
    assert code == 0 and (tmp_path / "years.png").read_bytes().startswith(b"\x89PNG")
    code, svg, _ = run(project, "chart")
    assert "publication year" in svg


def test_a_map_of_one_cell_and_an_empty_knowledge_base_still_draw(
    project: Path, empty_project: Path, tmp_path: Path
) -> None:
    code, svg, err = run(project, "map", "-f", "svg", "--text", "refill", "--rows", "design",
                         "--cols", "year")  # fmt: skip
    assert code == 0, err
    for args in (("map", "-f", "svg"), ("chart", "-f", "svg"), ("prisma", "-f", "svg")):
        code, svg, err = run(empty_project, *args)
        assert code == 0 and "<svg" in svg, err
    code, _, err = run(empty_project, "report", "-o", str(tmp_path / "empty.html"))
    assert code == 0, err
    assert "No tagged works to map yet" in (tmp_path / "empty.html").read_text(encoding="utf-8")


def test_pictures_refuse_a_binary_format_on_stdout_and_an_unknown_suffix(project: Path) -> None:
    code, _, err = run(project, "map", "-f", "png")
    assert code == 3 and "-o FILE" in err
    code, _, err = run(project, "prisma", "-o", "diagram.txt")
    assert code == 3 and ".svg, .png or .pdf" in err


# --- the report page as a file ----------------------------------------------------------


@pytest.fixture(scope="module")
def report(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    code, _, err = run(project, "report", "-o", str(target), "--retracted", "include")
    assert code == 0, err
    return target


def test_report_loads_nothing_from_anywhere(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = dict(part.strip().split(" ", 1) for part in html.unescape(policy.group(1)).split(";"))
    assert rules["default-src"] == "'none'" and "unsafe-inline" not in rules["script-src"]
    assert rules["script-src"].startswith("'sha256-")
    assert not re.search(r'\b(src|href)="(https?:)?//', page.split("<body>")[0])
    assert not re.search(r'<(script|img|link|iframe)[^>]+\bsrc="https?:', page)
    assert page.count("<script>") == 1  # the page's own script; the data block is JSON


def test_report_escapes_markup_in_titles_and_abstracts(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "<script>document.body" not in page and "<img src=x" not in page
    assert "\\u003cscript\\u003e" in page  # inside the JSON block, as text


# --- in Chromium ------------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if REQUIRE_CHROMIUM:
        pytest.fail("ITB_REQUIRE_CHROMIUM=1 but chromium is not installed")
    pytest.skip("needs Chromium (Debian's chromium package)")


def _browse(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
             "--virtual-time-budget=5000", *extra, url],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip


def _dom(url: str) -> str:
    done = _browse(url, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def served(report: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve the report's folder on loopback; yield its address and the paths requested."""
    requested: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(report.parent), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            requested.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{report.name}", requested
    finally:
        server.shutdown()
        server.server_close()


def _rows(dom: str) -> int:
    return len(re.findall(r'<tr class="work"', dom))


def test_report_in_chromium_shows_the_counts_of_prisma_and_map_json(
    project: Path, served: tuple[str, list[str]]
) -> None:
    url, requested = served
    dom = _dom(url)
    _, out, _ = run(project, "prisma", "--json")
    counts = json.loads(out)
    for key in ("database_results", "register_results", "duplicates", "excluded_automatic"):
        assert f'data-prisma="{key}">{counts[key]}<' in dom
    _, out, _ = run(project, "map", "-f", "json", "--rows", "indication", "--cols", "design",
                    "--retracted", "include")  # fmt: skip
    data = json.loads(out)
    assert re.search(rf'data-map-total(="")?>{data["total"]}<', dom)
    for row, total in data["row_totals"].items():
        assert f'data-row-total="{row}">{total}<' in dom
    works = int(re.search(r'data-total="(\d+)"', dom).group(1))  # type: ignore[union-attr]
    assert _rows(dom) == min(works, 100) and works >= 20
    assert requested == [f"/{url.rsplit('/', 1)[1]}"]  # the page itself, nothing else
    assert not re.search(r"<body[^>]*data-pwned", dom)  # the title's markup never ran
    assert "&lt;script&gt;document.body" in dom


def test_the_filter_box_and_a_map_cell_hide_rows(
    project: Path, served: tuple[str, list[str]]
) -> None:
    url, _ = served
    everything = _rows(_dom(url))
    assert _rows(_dom(url + "#filter=refill")) < everything
    assert _rows(_dom(url + "#filter=nothing-has-this-word")) == 0
    _, out, _ = run(project, "map", "-f", "json", "--rows", "indication", "--cols", "design",
                    "--retracted", "include")  # fmt: skip
    cell = max(json.loads(out)["cells"], key=lambda c: c["count"])
    dom = _dom(f"{url}#cell=indication:{cell['row']}/design:{cell['column']}")
    assert _rows(dom) == cell["count"]


def _not_blank(path: Path) -> None:
    from matplotlib.image import imread

    pixels = imread(str(path))
    assert pixels.shape[0] > 500 and pixels.std() > 0.05, "the screenshot is blank"


@pytest.mark.parametrize("width", [1400, 800])
def test_report_screenshots_are_not_blank(report: Path, tmp_path: Path, width: int) -> None:
    shot = tmp_path / f"report-{width}.png"
    done = _browse(report.as_uri(), f"--window-size={width},1000", f"--screenshot={shot}")
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    _not_blank(shot)


def test_digest_page_opens_with_the_failure_and_says_what_changed(
    project: Path, tmp_path: Path
) -> None:
    engine = open_engine(f"sqlite:///{project / 'itb.sqlite'}")
    try:
        new, changed = changed_works(engine, None)
        run_ = UpdateRun(run_id=99, started_at=datetime.now(UTC), previous=None)
        run_.errors.append({"source": "ctgov", "search": "itb-ctgov", "error": "HTTP 503",
                            "exit_code": 5})  # fmt: skip
        files = write_digest(engine, run_, tmp_path, new[:5], new[5:8], load_taxonomy())
    finally:
        engine.dispose()
    page = Path(files["html"]).read_text(encoding="utf-8")
    assert 'role="alert"' in page and "ctgov search itb-ctgov: HTTP 503" in page
    assert 'href="new.ris"' in page and 'href="new.csv"' in page
    dom = _dom(Path(files["html"]).as_uri())
    assert _rows(dom) == 8 and "failed: 1 of its searches failed" in dom


def test_a_map_of_exactly_one_cell_draws_and_prints() -> None:
    from queries.figures import map_figure
    from queries.render import render

    data = {
        "rows_facet": "indication", "columns_facet": "design", "unit": "work",
        "rows": ["stroke"], "columns": ["cohort"],
        "cells": [{"row": "stroke", "column": "cohort", "count": 1}],
        "row_totals": {"stroke": 1}, "column_totals": {"cohort": 1}, "total": 1,
    }  # fmt: skip
    svg = map_figure(data, {"stroke": "Stroke"}, {"cohort": "Cohort study"}, "svg").decode()
    assert "Stroke" in svg and "Cohort study" in svg and "1 total" in svg
    table = [{"indication": "Stroke", "cohort": 1, "total": 1}]
    out = str(render(table, ["indication", "cohort", "total"], "terminal", width=80))
    assert out.splitlines()[-1].split() == ["Stroke", "1", "1"]
