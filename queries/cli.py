"""The itb command line: thin commands over kb and harvester library functions."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from sqlalchemy import Engine

from harvester.errors import ConfigError, EvidenceError, ExitCode
from harvester.http import RateLimits, make_client
from harvester.pubmed import PubMed
from kb.pipeline import HarvestReport, harvest_pubmed
from kb.project import Project, eutils_settings, find_project_root, load_project
from kb.workspace import (
    create_project,
    describe,
    open_knowledge_base,
    schema_report,
    upgrade_knowledge_base,
)
from queries.progress import progress_bar

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="itb",
    help="itb: a living evidence knowledge base on intrathecal baclofen (ITB) therapy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(help="Create, inspect and upgrade the knowledge base's database.")
app.add_typer(db_app, name="db")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@dataclass
class Settings:
    """What the global options chose; the project is found when a command asks for it."""

    project_dir: Path | None = None
    db: str | None = None
    quiet: bool = False

    def project(self, required: bool = True) -> Project | None:
        """Return the project given by --project, or found at or above the current folder."""
        if self.project_dir is not None:
            return load_project(self.project_dir)
        try:
            return load_project(find_project_root(Path.cwd()))
        except EvidenceError:
            if required or self.db is None:
                raise
            return None

    @contextmanager
    def knowledge_base(self, auto_upgrade: bool = True) -> Iterator[tuple[Project | None, Engine]]:
        """Yield the project and an engine on its up-to-date database."""
        project = self.project(required=False)
        engine = open_knowledge_base(project, self.db, auto_upgrade=auto_upgrade)
        try:
            yield project, engine
        finally:
            engine.dispose()


def shows_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an EvidenceError into one line on stderr and its exit code; bugs keep tracebacks."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except EvidenceError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def settings(ctx: typer.Context) -> Settings:
    """Return the Settings the main callback stored on the context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def print_data(data: Any, as_json: bool, render: Callable[[Any], str]) -> None:
    """Print DATA as JSON when asked, else in its human form."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json else render(data))


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"itb {package_version('itb')}")
        raise typer.Exit()


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("itb: %(message)s"))
    for name in ("harvester", "kb", "queries"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


@app.callback()
def main(
    ctx: typer.Context,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project", envvar="ITB_PROJECT", help="Project folder (default: found upwards)."
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="ITB_DATABASE_URL",
            help="Database URL, overriding itb.toml (sqlite:///FILE or postgresql://...).",
            show_envvar=True,
        ),
    ] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Warnings and errors only.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """itb: a living evidence knowledge base on intrathecal baclofen (ITB) therapy."""
    _configure_logging(verbose, quiet)
    ctx.obj = Settings(project_dir=project, db=db, quiet=quiet)


@app.command()
@shows_errors
def init(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Folder for the new project.")] = Path("."),
    email: Annotated[
        str | None, typer.Option(help="Contact email NCBI asks E-utilities users for.")
    ] = None,
) -> None:
    """Create a project: itb.toml with the default saved searches, and its knowledge base."""
    project = create_project(folder, settings(ctx).db, email)
    typer.echo(f"Created an itb project in {project.root}")
    typer.echo(f"  settings: {project.config_path}")
    typer.echo(f"  saved searches: {', '.join(s.name for s in project.searches)}")


def _render_status(data: dict[str, Any]) -> str:
    lines = [
        f"project:  {data['project'] or '(none)'}",
        f"database: {data['database']}",
        f"schema:   {data['schema']['current']} (newest {data['schema']['newest']})",
        "rows:",
        *(f"  {name:<16} {count:>9,}" for name, count in data["counts"].items()),
        "saved searches:",
        *(
            f"  {s['name']:<16} {s['source']:<7} last success: {s['last_success'] or 'never'}"
            for s in data["searches"]
        ),
    ]
    return "\n".join(lines)


@app.command()
@shows_errors
def status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the project, its database, row counts and saved searches."""
    with settings(ctx).knowledge_base() as (project, engine):
        data = describe(engine, project)
    print_data(data, as_json, _render_status)


@db_app.command("status")
@shows_errors
def db_status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the database's schema version against the newest this itb knows (changes nothing)."""
    state = settings(ctx)
    report = schema_report(state.project(required=False), state.db)
    print_data(
        report,
        as_json,
        lambda d: (
            f"{d['database']}: schema {d['current'] or 'none'} (newest {d['newest']})"
            + ("" if d["up_to_date"] else '; run "itb db upgrade"')
        ),
    )


@db_app.command("upgrade")
@shows_errors
def db_upgrade(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Create the schema in an empty database, or bring an older one up to date."""
    state = settings(ctx)
    done = upgrade_knowledge_base(state.project(required=False), state.db)
    print_data(
        done,
        as_json,
        lambda d: (
            f"{d['database']}: up to date at {d['to']}"
            + ("" if d["from"] == d["to"] else f" (was {d['from'] or 'empty'})")
        ),
    )


harvest_app = typer.Typer(
    help="Fetch records from the sources into the knowledge base (search log kept).",
    no_args_is_help=True,
)
app.add_typer(harvest_app, name="harvest")

DateOption = Annotated[
    datetime | None, typer.Option(formats=["%Y-%m-%d"], help="A day, as YYYY-MM-DD.")
]


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
    full: Annotated[
        bool, typer.Option(help="Rerun the whole search; flag records that no longer match.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Harvest PubMed: esearch, then efetch XML in batches; incremental by default."""
    if query and search:
        raise typer.BadParameter("give --query or --search, not both")
    state = settings(ctx)
    project = state.project()
    assert project is not None
    jobs = (
        [(query, None)]
        if query
        else [(s.query, s.name) for s in project.searches if s.source == "pubmed"]
        if search is None
        else [(project.search(search).query, search)]
    )
    if not jobs:
        raise ConfigError(
            f"no PubMed saved search in {project.config_path}; add one or pass --query"
        )
    eutils = eutils_settings(project)
    reports: list[HarvestReport] = []
    errors: list[EvidenceError] = []
    limits = RateLimits({eutils.host: eutils.requests_per_second})
    with make_client(limits) as client, state.knowledge_base() as (_, engine):
        pubmed = PubMed(client, eutils)
        for term, name in jobs:
            try:
                with progress_bar(f"PubMed {name or 'query'}", not state.quiet) as bar:
                    reports.append(
                        harvest_pubmed(
                            engine,
                            pubmed,
                            term,
                            name,
                            since.date() if since else None,
                            until.date() if until else None,
                            full,
                            bar,
                        )
                    )
            except EvidenceError as exc:
                errors.append(exc)
    print_data(
        [r.as_dict() for r in reports],
        as_json,
        lambda _: "\n\n".join(r.summary() for r in reports),
    )
    _exit_for(errors, succeeded=len(reports))


def _exit_for(errors: list[EvidenceError], succeeded: int) -> None:
    """Print each error; exit partial when some work succeeded, else with the error's code."""
    for error in errors:
        typer.echo(f"Error: {error}", err=True)
    if errors:
        code = ExitCode.PARTIAL if succeeded else max(e.exit_code for e in errors)
        raise typer.Exit(code)
