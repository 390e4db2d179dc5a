"""itb init, itb status, itb db and itb normalize: the project and its database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kb.update import UpdateLock, lock_wait
from kb.works import normalize_knowledge_base
from kb.workspace import create_project, describe, schema_report, upgrade_knowledge_base
from queries.common import JsonOption, print_data, project_taxonomy, settings, shows_errors
from queries.progress import progress_bar

db_app = typer.Typer(help="Create, inspect and upgrade the knowledge base's database.")


@shows_errors
def init_command(
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
        "parsers:  "
        + (
            "every stored record read by this itb's"
            if data["parsers"]["up_to_date"]
            else 'an older itb\'s: "itb db reparse" reads the records again'
        ),
        "rows:",
        *(f"  {name:<16} {count:>9,}" for name, count in data["counts"].items()),
        "saved searches:",
        *(
            f"  {s['name']:<16} {s['source']:<7} last success: {s['last_success'] or 'never'}"
            for s in data["searches"]
        ),
    ]
    return "\n".join(lines)


@shows_errors
def status_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
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


@db_app.command("reparse")
@shows_errors
def db_reparse(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Read every stored record's payload again with this itb's parsers (after an upgrade
    that reads more of them); write the fields that differ, then normalize and tag what
    changed. Payloads, verdicts and tag corrections are kept."""
    from kb.reparse import reparse_knowledge_base  # (the parsers and the tagger: loaded here,
    from kb.tag_store import tag_knowledge_base  # not by every command of this module)

    state = settings(ctx)
    with (
        state.knowledge_base() as (project, engine),
        UpdateLock(engine, "itb db reparse", wait=lock_wait()),
    ):
        with progress_bar("read again", not state.quiet) as bar:
            report = reparse_knowledge_base(engine, dry_run, bar)
        data: dict[str, Any] = {"reparse": report.as_dict(), "normalize": None, "tag": None}
        lines = [report.summary()]
        if report.written:
            normalized = normalize_knowledge_base(engine)
            tagged = tag_knowledge_base(engine, project_taxonomy(project))
            data |= {"normalize": normalized.as_dict(), "tag": tagged.as_dict()}
            lines += [normalized.summary(), tagged.summary()]
    print_data(data, as_json, lambda _: "\n".join(lines))


@shows_errors
def normalize_command(
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
