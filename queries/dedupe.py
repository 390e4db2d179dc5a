"""itb dedupe: deduplicate exported files without a knowledge base."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from harvester.errors import EvidenceError
from kb.dedup.files import FileDedup, dedupe_files
from kb.imports import UNTITLED
from queries.citation_formats import ExportOptions, author_names, to_bibtex, to_nbib, to_ris
from queries.common import shows_errors
from queries.export import write_atomically
from queries.render import excel_safe

# -o's format from its file name when --format is not given.
FORMAT_OF_SUFFIX = {".ris": "ris", ".nbib": "nbib", ".bib": "bibtex", ".csv": "csv"}

MERGED_COLUMNS = (
    "group", "ids", "files", "title", "authors", "year", "journal", "volume", "issue", "pages",
    "doi", "pmid", "kind", "abstract",
)  # fmt: skip


def _safe(row: dict[str, Any], safe: bool) -> dict[str, Any]:
    if not safe:
        return row
    return {k: excel_safe(v) if isinstance(v, str) else v for k, v in row.items()}


def _write_groups(outcome: FileDedup, handle: TextIO, safe: bool = True) -> None:
    writer = csv.DictWriter(handle, fieldnames=["id", "file", "group", "keep", "reason"])
    writer.writeheader()
    writer.writerows(_safe(row, safe) for row in outcome.rows())


def _write_merged(outcome: FileDedup, handle: TextIO, safe: bool = True) -> None:
    """One row per group (singletons included): the merged record, every member's id."""
    group_of = {row["id"]: row["group"] for row in outcome.rows()}
    writer = csv.DictWriter(handle, fieldnames=list(MERGED_COLUMNS))
    writer.writeheader()
    for ids, view in zip(outcome.members(), outcome.merged_views(), strict=True):
        row = {
            "group": group_of[ids[0]],
            "ids": " ".join(ids),
            "files": " ".join(sorted({outcome.files[i] for i in ids})),
            "title": view.title,
            "authors": "; ".join(author_names(view)),
            "journal": view.journal or view.journal_iso,
            **{name: getattr(view, name) for name in MERGED_COLUMNS[5:] if name != "journal"},
        }
        writer.writerow(_safe(row, safe))


def merged_text(outcome: FileDedup, output_format: str, raw: bool = False) -> str:
    """Return one record per group in OUTPUT_FORMAT (csv, ris, nbib or bibtex); CSV cells
    never start a formula unless RAW."""
    if output_format == "csv":
        buffer = io.StringIO(newline="")
        _write_merged(outcome, buffer, not raw)
        return buffer.getvalue()
    views = outcome.merged_views()
    options = ExportOptions(kw=("mesh", "keywords"))
    if output_format == "ris":
        return to_ris(views, options).text
    if output_format == "nbib":
        written = to_nbib(views, options)
        if written.skipped:
            typer.echo(
                f"warning: {len(written.skipped):,} of {len(views):,} merged records have no PMID "
                "and MEDLINE (nbib) holds PubMed records only: they are not in the nbib file "
                "(the --groups CSV lists them); write ris or bibtex to keep every record",
                err=True,
            )
        return written.text
    return to_bibtex(views, options).text


def _format(output: Path | None, given: str | None) -> str:
    if given is not None:
        if given not in FORMAT_OF_SUFFIX.values():
            raise EvidenceError(f"--format {given}: use one of csv, ris, nbib, bibtex")
        return given
    return FORMAT_OF_SUFFIX.get(output.suffix.lower(), "csv") if output else "csv"


def _emit(path: Path, text: str) -> None:
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        write_atomically(path, text.encode("utf-8"))


@shows_errors
def dedupe_command(
    files: Annotated[list[Path], typer.Argument(help="Exported files, any import format.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="One merged record per group (see --format); - for stdout."
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, ris, nbib or bibtex (default: from -o's suffix, else csv).",
        ),
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option(help="Every input record's id -> group, kept or not, and why (CSV)."),
    ] = None,
    skip_bad: Annotated[bool, typer.Option(help="Leave out records that cannot be read.")] = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw", help="CSV: write cells as they are (default: no cell starts a formula)."
        ),
    ] = False,
) -> None:
    """Find duplicates across exported files, without a knowledge base.

    Writes every record's group (--groups, the scorer's id,group layout with keep and
    reason) and one merged record per group (-o, nothing lost: the kept record's fields,
    gaps filled from the others, every member named: the CSV's ids column, a note in RIS,
    MEDLINE and BibTeX).
    """
    chosen = _format(output, output_format)
    outcome = dedupe_files(files, skip_bad)
    texts = []
    if groups is not None:
        buffer = io.StringIO(newline="")
        _write_groups(outcome, buffer, not raw)
        texts.append((groups, buffer.getvalue()))
    if output is not None:
        texts.append((output, merged_text(outcome, chosen, raw)))
    for path, text in texts:
        _emit(path, text)
    untitled = sum(1 for record in outcome.records if not record.title)
    if untitled:
        typer.echo(f"Warning: {UNTITLED.format(count=untitled)}", err=True)
    removed = sum(len(g) - 1 for g in outcome.result.groups)
    typer.echo(
        f"{len(outcome.records):,} records, {len(outcome.result.groups):,} duplicate groups, "
        f"{removed:,} duplicates",
        err=True,
    )
