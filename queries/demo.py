"""itb demo: the main job, offline. A project, a replay server on loopback serving a bundled
SAMPLE corpus in the real PubMed and ClinicalTrials.gov formats, the real `itb update` over
real HTTP with real rate limits, the evidence table and map, exports and a digest; then a
second, incremental update after the sources gained and changed records."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from harvester.errors import ProjectError
from harvester.replay import ReplayServer
from kb.bundled import bundled_path
from kb.database import open_engine, session_scope
from kb.imports import import_file
from kb.maps import evidence_map
from kb.project import ENV_CTGOV_URL, ENV_EUTILS_URL, Project, load_project
from kb.query import Filters, add_registry_detail, load_views, select_work_ids
from kb.reports import prisma_counts
from kb.workspace import create_project
from queries.citation_formats import ExportOptions
from queries.common import project_taxonomy, refresh, settings, shows_errors
from queries.export import export_works
from queries.filtering import FilterArgs
from queries.maps import label_map_rows, map_headers, map_rows
from queries.render import render
from queries.tables import DEFAULT_SORT, label_of, sort_rows, with_labels, work_row
from queries.update import render_summary, run_update

BANNER = "SAMPLE DATA: every record of this demo is made up for it; none is a real study."
TABLE_COLUMNS = ("citation", "design", "n", "indication", "outcome", "complication", "title")


CORPUS_FILES = (
    "pubmed_round1.xml",
    "pubmed_round2.xml",
    "ctgov_round1.json",
    "ctgov_round2.json",
    "embase_sample.ris",
)


def corpus_file(name: str) -> bytes:
    """Return one file of the bundled sample corpus."""
    return bundled_path("queries", "demo_data", name, what="demo corpus file").read_bytes()


def check_corpus() -> None:
    """Raise InstallationError before any work if a file of the sample corpus is missing."""
    for name in CORPUS_FILES:
        bundled_path("queries", "demo_data", name, what="demo corpus file")


@contextmanager
def replay_sources(server: ReplayServer) -> Iterator[None]:
    """Point the harvesters at SERVER for the duration (as `replay.py -- COMMAND` does)."""
    saved = {k: os.environ.get(k) for k in (ENV_EUTILS_URL, ENV_CTGOV_URL)}
    os.environ[ENV_EUTILS_URL] = server.url
    os.environ[ENV_CTGOV_URL] = server.ctgov_url
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_demo(folder: Path, echo: Any, width: int | None = None) -> dict[str, Any]:
    """Run the whole demo in FOLDER; ECHO prints; return both updates' summaries."""
    if (folder / "itb.toml").exists():
        raise ProjectError(
            f"{folder} already holds an itb project; give the demo a new folder (itb demo DIR)"
        )
    check_corpus()
    project = create_project(folder, email="demo@example.org")
    project = load_project(project.root)
    echo(f"{BANNER}\n\nCreated a demo project in {project.root}")
    engine = open_engine(project.database_url)
    exports = project.root / "exports"
    exports.mkdir(exist_ok=True)
    summaries = []
    try:
        ris = project.root / "embase_sample.ris"
        ris.write_bytes(corpus_file("embase_sample.ris"))
        imported = import_file(engine, ris, "Embase")
        echo(f"Imported an Embase export: {imported.new} records (some are duplicates "
             "of PubMed records, to be found)")  # fmt: skip
        refresh(engine, project)
        server = ReplayServer()
        server.corpus.add_xml(corpus_file("pubmed_round1.xml"))
        server.studies.add_json(corpus_file("ctgov_round1.json").decode("utf-8"))
        with server, replay_sources(server):
            echo(f"\nReplay server on {server.url}: {len(server.corpus)} PubMed records, "
                 f"{len(server.studies)} ClinicalTrials.gov studies (sample)\n")  # fmt: skip
            echo("== First update (itb update) ==")
            first = run_update(
                engine, load_project(project.root), project.root / "digests", False, True
            )
            summaries.append(first)
            echo(render_summary(first))
            _show_results(engine, project, exports, echo, width)
            # Between the two runs the sources move on: new papers and studies, two
            # registrations updated (status and last-update date).
            today = datetime.now(UTC).date()
            server.corpus.add_xml(corpus_file("pubmed_round2.xml"), created=today, modified=today)
            added = server.studies.add_json(corpus_file("ctgov_round2.json").decode("utf-8"))
            for nct in added:
                server.studies.set_updated(nct, today)
            echo("\n== Second update: the refresh a review author does ==")
            second = run_update(
                engine, load_project(project.root), project.root / "digests", False, True
            )
            summaries.append(second)
            echo(render_summary(second))
            _show_new(engine, project, second, echo, width)
        _write_pictures(engine, project, echo)
    finally:
        engine.dispose()
    echo(f"\n{BANNER}\nEverything is in {project.root}: report.html, pictures/, exports/, "
         f"digests/, itb.sqlite. Try: cd {project.root} && itb table --indication "
         "cerebral_palsy")  # fmt: skip
    return {"project": str(project.root), "updates": summaries}


def _show_results(
    engine: Any, project: Project, exports: Path, echo: Any, width: int | None
) -> None:
    taxonomy = project_taxonomy(project)
    with session_scope(engine) as session:
        ids = select_work_ids(session, Filters(relevant_only=True))
        views = load_views(session, ids)
        add_registry_detail(session, views)
        data = evidence_map(session, taxonomy, Filters(study=True), "indication", "design")
        retracted = load_views(session, select_work_ids(session, Filters(retracted="only")))
    rows = with_labels(sort_rows([work_row(v) for v in views], DEFAULT_SORT), taxonomy)
    if retracted:
        flagged = ", ".join(f"PMID {v.pmid}" for v in retracted if v.pmid)
        echo(f"\nRetractions flagged: {len(retracted)} works are retracted ({flagged}); "
             "tables and exports leave them out unless --retracted include")  # fmt: skip
    echo(f"\nEvidence table (SAMPLE DATA; {len(rows)} works about intrathecal baclofen, "
         "first 15; itb table shows them all):")  # fmt: skip
    echo(str(render(rows[:15], TABLE_COLUMNS, "terminal", width=width)))
    table, columns = map_rows(data, taxonomy)
    echo("Evidence map (SAMPLE DATA): studies by indication x design (itb map for any pair)")
    labelled, headers = label_map_rows(table, data, taxonomy), map_headers(data, taxonomy)
    echo(str(render(labelled, columns, "terminal", width=width, headers=headers)))
    for fmt, name in (("ris", "itb-sample.ris"), ("csv", "itb-sample.csv"),
                      ("bibtex", "itb-sample.bib"), ("csl-json", "itb-sample.json"),
                      ("jsonl", "itb-sample.jsonl")):  # fmt: skip
        report = export_works(engine, taxonomy, FilterArgs(), fmt, ExportOptions(), exports / name)
        echo(f"  exported {report['written']} works to exports/{name}")


def _show_new(
    engine: Any, project: Project, summary: dict[str, Any], echo: Any, width: int | None
) -> None:
    with session_scope(engine) as session:
        views = load_views(session, summary["new_work_ids"] + summary["changed_work_ids"])
        add_registry_detail(session, views)
    new = set(summary["new_work_ids"])
    rows = [{**work_row(v), "change": "new" if v.work_id in new else "changed"} for v in views]
    rows = with_labels(rows, project_taxonomy(project))
    echo(f"\nWhat is new since the first update (SAMPLE DATA): {len(new)} new works, "
         f"{len(summary['changed_work_ids'])} changed")  # fmt: skip
    echo(str(render(rows, ("change", *TABLE_COLUMNS), "terminal", width=width)))
    if summary["digest"]:
        echo(f"Digest: {summary['digest']['markdown']} and .html; new works to screen: "
             f"{summary['digest']['ris']} and new.csv")  # fmt: skip


def _write_pictures(engine: Any, project: Project, echo: Any) -> None:
    """Write the report page and the manuscript pictures of the demo's knowledge base."""
    from queries.figures import map_figure, prisma_figure, years_figure
    from queries.pages import report_html

    taxonomy = project_taxonomy(project)
    folder = project.root / "pictures"
    folder.mkdir(exist_ok=True)
    counts = prisma_counts(engine)
    (folder / "prisma.svg").write_bytes(prisma_figure(counts, "svg"))
    with session_scope(engine, snapshot=True) as session:
        grid = evidence_map(session, taxonomy, Filters(), "indication", "outcome")
        years = evidence_map(session, taxonomy, Filters(), "year", "design")
    rows = {r: label_of(taxonomy, "indication", r) for r in grid["rows"]}
    columns = {c: label_of(taxonomy, "outcome", c) for c in grid["columns"]}
    (folder / "evidence-map.svg").write_bytes(map_figure(grid, rows, columns, "svg", "outcome"))
    designs = {d: label_of(taxonomy, "design", d) for d in years["columns"]}
    (folder / "works-per-year.svg").write_bytes(years_figure(years, designs, "svg"))
    page = project.root / "report.html"
    page.write_text(report_html(engine, taxonomy, Filters(), "itb evidence report (SAMPLE DATA)"),
                    encoding="utf-8")  # fmt: skip
    echo(f"\nThe report page: {page} (open it in a browser; itb report writes it)")
    echo(f"Pictures for a manuscript: {folder}/prisma.svg, evidence-map.svg, works-per-year.svg "
         "(itb prisma -o, itb map -o, itb chart -o; also .png and .pdf)")  # fmt: skip


@shows_errors
def demo_command(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="Folder for the demo project (created; must not hold one).")
    ] = Path("itb-demo"),
) -> None:
    """Run the main job offline on a bundled SAMPLE corpus: a project, a local replay
    server, two real updates, the evidence table and map, exports, a digest, the report page
    and pictures."""
    settings(ctx)
    run_demo(folder, typer.echo)
