"""itb harvest: run saved searches (or an ad-hoc query) against PubMed and ClinicalTrials.gov."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated

import typer
from sqlalchemy import Engine

from harvester.ctgov import ClinicalTrials
from harvester.errors import ConfigError, EvidenceError, ExitCode
from harvester.http import RateLimits, make_client
from harvester.pubmed import PubMed
from kb.pipeline import HarvestReport, Progress, harvest_ctgov, harvest_pubmed
from kb.project import Project, SavedSearch, ctgov_settings, eutils_settings
from kb.update import UpdateLock
from queries.common import JsonOption, Settings, print_data, refresh, settings, shows_errors
from queries.progress import progress_bar

log = logging.getLogger(__name__)

harvest_app = typer.Typer(
    help=(
        "Fetch records into the knowledge base: every saved search of both sources, or "
        "one source (pubmed, ctgov). Each run is logged."
    ),
    invoke_without_command=True,
)

DateOption = Annotated[
    datetime | None, typer.Option(formats=["%Y-%m-%d"], help="A day, as YYYY-MM-DD.")
]
FullOption = Annotated[
    bool, typer.Option(help="Rerun the whole search; flag records that no longer match.")
]


@dataclass
class Window:
    """The date options of a harvest command."""

    since: date | None = None
    until: date | None = None
    full: bool = False
    reports: list[HarvestReport] = field(default_factory=list)
    errors: list[EvidenceError] = field(default_factory=list)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _jobs(
    project: Project, source: str, query: str | None, search: str | None
) -> list[SavedSearch]:
    if query and search:
        raise typer.BadParameter("give --query or --search, not both")
    if query:
        return [SavedSearch("", source, query)]
    if search:
        chosen = project.search(search)
        if chosen.source != source:
            raise ConfigError(f'saved search "{search}" is a {chosen.source} search, not {source}')
        return [chosen]
    found = [s for s in project.searches if s.source == source]
    if not found:
        raise ConfigError(
            f"no {source} saved search in {project.config_path}; add one or pass --query"
        )
    return found


def _run(state: Settings, project: Project, jobs: list[SavedSearch], window: Window) -> None:
    """Run each job; keep going past a failed one; collect reports and errors in WINDOW."""
    eutils, ctgov = eutils_settings(project), ctgov_settings(project)
    limits = RateLimits({"pubmed": eutils.requests_per_second, "ctgov": ctgov.rate})
    with (
        make_client(limits) as client,
        state.knowledge_base() as (_, engine),
        UpdateLock(engine, "itb harvest"),
    ):
        pubmed = PubMed(client, eutils) if any(j.source == "pubmed" for j in jobs) else None
        trials = ClinicalTrials(client, ctgov)
        for job in jobs:
            try:
                with progress_bar(f"{job.source} {job.name or 'query'}", not state.quiet) as bar:
                    window.reports.append(_one(engine, pubmed, trials, job, window, bar))
            except EvidenceError as exc:
                window.errors.append(exc)
        if window.reports:
            refresh(engine, project)


def _one(
    engine: Engine,
    pubmed: PubMed | None,
    trials: ClinicalTrials,
    job: SavedSearch,
    window: Window,
    bar: Progress | None,
) -> HarvestReport:
    name = job.name or None
    if job.source == "pubmed":
        assert pubmed is not None
        return harvest_pubmed(
            engine,
            pubmed,
            job.query,
            name,
            window.since,
            window.until,
            window.full,
            bar,
        )
    return harvest_ctgov(
        engine,
        trials,
        job.query,
        job.params,
        name,
        window.since,
        window.full,
        bar,
    )


def _report(window: Window, as_json: bool) -> None:
    """Print the reports; print each error; exit partial when some work succeeded."""
    print_data(
        [r.as_dict() for r in window.reports],
        as_json,
        lambda _: "\n\n".join(r.summary() for r in window.reports),
    )
    for error in window.errors:
        typer.echo(f"Error: {error}", err=True)
    if window.errors:
        code = ExitCode.PARTIAL if window.reports else max(e.exit_code for e in window.errors)
        raise typer.Exit(code)


def _harvest_source(
    ctx: typer.Context,
    source: str,
    query: str | None,
    search: str | None,
    window: Window,
    as_json: bool,
) -> None:
    state = settings(ctx)
    project = state.project()
    assert project is not None
    _run(state, project, _jobs(project, source, query, search), window)
    _report(window, as_json)


@harvest_app.callback()
@shows_errors
def harvest_all(ctx: typer.Context, full: FullOption = False, as_json: JsonOption = False) -> None:
    """Run every saved search of both sources (or one source: itb harvest pubmed|ctgov)."""
    if ctx.invoked_subcommand is not None:
        return
    state = settings(ctx)
    project = state.project()
    assert project is not None
    if not project.searches:
        raise ConfigError(f"no saved search in {project.config_path}; add [[search]] tables")
    window = Window(full=full)
    _run(state, project, list(project.searches), window)
    _report(window, as_json)


@harvest_app.command("pubmed")
@shows_errors
def harvest_pubmed_command(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Option(help="An ad-hoc PubMed query.")] = None,
    search: Annotated[
        str | None, typer.Option(help="A saved search of itb.toml (default: every PubMed one).")
    ] = None,
    since: DateOption = None,
    until: DateOption = None,
    full: FullOption = False,
    as_json: JsonOption = False,
) -> None:
    """Harvest PubMed: esearch, then efetch XML in batches; incremental by default."""
    _harvest_source(ctx, "pubmed", query, search, Window(_day(since), _day(until), full), as_json)


@harvest_app.command("ctgov")
@shows_errors
def harvest_ctgov_command(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Option(help="An ad-hoc query.term expression.")] = None,
    search: Annotated[
        str | None,
        typer.Option(help="A saved search of itb.toml (default: every ClinicalTrials.gov one)."),
    ] = None,
    since: DateOption = None,
    full: FullOption = False,
    as_json: JsonOption = False,
) -> None:
    """Harvest ClinicalTrials.gov (API v2 /studies, 1,000 a page); incremental by default."""
    _harvest_source(ctx, "ctgov", query, search, Window(_day(since), None, full), as_json)
