"""itb dedupe: deduplicate exported files without a knowledge base."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from kb.dedupe_files import FileDedup, dedupe_files
from queries.common import shows_errors

MERGED_COLUMNS = (
    "group", "ids", "files", "title", "authors", "year", "journal", "volume", "issue", "pages",
    "doi", "pmid", "kind", "abstract",
)  # fmt: skip


def _write_groups(outcome: FileDedup, handle: TextIO) -> None:
    writer = csv.DictWriter(handle, fieldnames=["id", "file", "group", "keep", "reason"])
    writer.writeheader()
    writer.writerows(outcome.rows())


def _write_merged(outcome: FileDedup, handle: TextIO) -> None:
    """One row per group (singletons included): the kept record's fields, every member's id."""
    by_id = {r.id: r for r in outcome.records}
    members: dict[str, list[str]] = {}
    for row in outcome.rows():
        members.setdefault(row["group"], []).append(row["id"])
    writer = csv.DictWriter(handle, fieldnames=list(MERGED_COLUMNS))
    writer.writeheader()
    for group, ids in members.items():
        kept = by_id[outcome.keep(ids) if len(ids) > 1 else ids[0]]
        merged = {
            name: next(
                (getattr(by_id[i], name) for i in [kept.id, *ids] if getattr(by_id[i], name)), None
            )
            for name in ("doi", "pmid", "abstract", "volume", "issue", "pages", "year")
        }
        writer.writerow(
            {
                "group": group,
                "ids": " ".join(ids),
                "files": " ".join(sorted({outcome.files[i] for i in ids})),
                "title": kept.title,
                "authors": "; ".join(
                    " ".join(p for p in (a.family or a.collective, a.initials) if p)
                    for a in kept.authors
                ),
                "journal": kept.journal or kept.journal_iso,
                "kind": kept.kind,
                **merged,
            }
        )


@shows_errors
def dedupe_command(
    files: Annotated[list[Path], typer.Argument(help="Exported files, any import format.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="One merged row per record group (CSV); - for stdout."),
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option(help="Every input record's id -> group, kept or not, and why (CSV)."),
    ] = None,
    skip_bad: Annotated[bool, typer.Option(help="Leave out records that cannot be read.")] = False,
) -> None:
    """Find duplicates across exported files, without a knowledge base.

    Writes every record's group (--groups, the scorer's id,group layout with keep and
    reason) and one merged row per group (-o, nothing lost: every member's id is listed).
    """
    outcome = dedupe_files(files, skip_bad)
    for path, write in ((groups, _write_groups), (output, _write_merged)):
        if path is None:
            continue
        if str(path) == "-":
            write(outcome, sys.stdout)
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                write(outcome, handle)
    removed = sum(len(g) - 1 for g in outcome.result.groups)
    typer.echo(
        f"{len(outcome.records):,} records, {len(outcome.result.groups):,} duplicate groups, "
        f"{removed:,} duplicates",
        err=True,
    )
