"""The itb command line: thin commands over kb and harvester library functions."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from harvester.secrets import ScrubFilter, register_environment
from kb.update import UpdateLock, lock_wait
from kb.works import normalize_knowledge_base
from kb.workspace import create_project, describe, schema_report, upgrade_knowledge_base
from queries.common import JsonOption, Settings, print_data, settings, shows_errors
from queries.dedup_review import dedup_app
from queries.dedupe import dedupe_command
from queries.demo import demo_command
from queries.entry import version_text
from queries.export import export_command
from queries.harvest import harvest_app
from queries.imports import import_command
from queries.maps import chart_command, map_command
from queries.reports import log_command, prisma_command, report_command, show_command
from queries.tables import table_command
from queries.tagging import explain_command, tag_app, taxonomy_app
from queries.update import schedule_command, update_command


def _value_names_for_people() -> None:
    """Make help name values as people read them (--format FORMAT, --raw, FILES) instead of
    the Python types Typer 0.2x prints (<str>, <bool>, <list[Path]>): one override of the
    method both help layouts ask, for options and arguments alike. (Typer offers no setting
    for it; a per-option metavar would not reach arguments or --help.)"""
    from typer import core

    def value_name(param: Any, ctx: Any) -> str:
        if param.param_type_name != "option" or param.is_flag or param.count:
            return ""  # a flag takes no value; an argument's own name says what it is
        names = [o for o in param.opts if o.startswith("--")] or list(param.opts)
        return str(names[0].lstrip("-").upper())

    for kind in (core.TyperOption, core.TyperArgument):
        if hasattr(kind, "display_type"):
            kind.display_type = value_name  # type: ignore[method-assign,assignment]


_value_names_for_people()

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
app.add_typer(harvest_app, name="harvest")
app.add_typer(dedup_app, name="dedup")
app.command("import")(import_command)
app.command("dedupe")(dedupe_command)
app.add_typer(tag_app, name="tag")
app.command("explain")(explain_command)
app.add_typer(taxonomy_app, name="taxonomy")
app.command("export")(export_command)
app.command("table")(table_command)
app.command("map")(map_command)
app.command("chart")(chart_command)
app.command("show")(show_command)
app.command("log")(log_command)
app.command("prisma")(prisma_command)
app.command("report")(report_command)
app.command("update")(update_command)
app.command("schedule")(schedule_command)
app.command("demo")(demo_command)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit()


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("itb: %(message)s"))
    handler.addFilter(ScrubFilter())
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
    register_environment()
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


@app.command()
@shows_errors
def normalize(
    ctx: typer.Context,
    everything: Annotated[
        bool, typer.Option("--all", help="Normalize every record again, not only new ones.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Normalize new and changed records, find their duplicates, update works and studies."""
    with (
        settings(ctx).knowledge_base() as (_, engine),
        UpdateLock(engine, "itb normalize", wait=lock_wait()),
    ):
        report = normalize_knowledge_base(engine, everything)
    print_data(report.as_dict(), as_json, lambda _: report.summary())


if __name__ == "__main__":
    app()
