"""itb import: load files exported from databases and registries into the knowledge base."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from harvester.errors import EvidenceError, ExitCode
from kb.imports import ImportReport, import_file
from kb.update import UpdateLock
from queries.common import JsonOption, print_data, refresh, settings, shows_errors
from queries.progress import progress_bar

log = logging.getLogger(__name__)


@shows_errors
def import_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Exported files, any supported format.")],
    source_name: Annotated[
        str | None,
        typer.Option(help="The database the records come from (Embase, Scopus, CINAHL...)."),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(help="Store the good records of a file and list every one skipped."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Import MEDLINE/.nbib, PubMed XML or CSV, RIS, ClinicalTrials.gov JSON or CSV, BibTeX, CSL
    JSON, CSV.

    The format is recognised from the content. Each file is one transaction: a bad
    record stops it with nothing stored, unless --skip-bad is given.
    """
    state = settings(ctx)
    reports: list[ImportReport] = []
    errors: list[EvidenceError] = []
    with state.knowledge_base() as (project, engine), UpdateLock(engine, "itb import"):
        for path in files:
            try:
                with progress_bar(f"import {path.name}", not state.quiet) as bar:
                    reports.append(import_file(engine, path, source_name, skip_bad, bar))
            except EvidenceError as exc:
                errors.append(exc)
        if reports:
            refresh(engine, project)
    print_data(
        [r.as_dict() for r in reports],
        as_json,
        lambda _: "\n\n".join(r.summary() for r in reports),
    )
    for error in errors:
        typer.echo(f"Error: {error}", err=True)
    if errors:
        raise typer.Exit(ExitCode.PARTIAL if reports else max(e.exit_code for e in errors))
