"""itb table: characteristics of studies, one row per work (or per study), any format."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from harvester.errors import EvidenceError
from kb.database import session_scope
from kb.query import WorkView, add_registry_detail, load_views, select_work_ids
from kb.tagging.taxonomy import Taxonomy
from queries.citation_formats import linked_ncts, registry_value, url
from queries.common import project_taxonomy, settings, shows_errors
from queries.export import write_atomically
from queries.filtering import NO_FILTERS, FilterArgs, with_filters
from queries.render import HUMAN_FORMATS, ID_LINKS, TABLE_FORMATS, render

COLUMNS = (
    "work", "citation", "title", "year", "design", "n", "indication", "outcome",
    "complication", "status", "phase", "pmid", "doi", "nct", "ids", "sources", "retracted",
    "relevant", "study", "works",
)  # fmt: skip
DEFAULT_COLUMNS = (
    "citation", "title", "design", "n", "indication", "outcome", "complication", "status",
    "ids", "sources", "retracted",
)  # fmt: skip
# A study's design: the strongest design among its reports.
_DESIGN_STRENGTH = (
    "systematic_review", "rct", "controlled_trial", "cohort", "case_series", "case_report",
    "guideline", "review", "other", "trial_registration",
)  # fmt: skip


def identifiers(view: WorkView) -> list[tuple[str, str]]:
    """Return (kind, value) of a work's identifiers: PMID, PMCID, DOI, then its NCT ids (a
    registration's own first); render.ID_LINKS says where each leads."""
    found = [(kind, value) for kind, value in (("pmid", view.pmid), ("pmcid", view.pmcid),
                                               ("doi", view.doi)) if value]  # fmt: skip
    own = [view.nct_id] if view.kind == "registration" and view.nct_id else []
    found += [("nct", nct) for nct in dict.fromkeys(own + linked_ncts(view))]
    return found


def work_row(view: WorkView) -> dict[str, Any]:
    """Return the table row of one work."""
    registration = view.kind == "registration"
    shown = {"pmid": "PMID {}", "doi": "doi:{}", "nct": "{}"}
    links = [
        (shown[kind].format(value), ID_LINKS[kind].format(value))
        for kind, value in identifiers(view)
        if kind in shown
    ]
    size = view.sample_size
    n_text = f"{size} ({view.sample_size_type})" if size is not None and registration else size
    return {
        "work": view.work_id,
        "citation": citation(view),
        "title": view.title,
        "year": view.year,
        "design": view.design,
        "n": n_text,
        "indication": view.tags.get("indication", []),
        "outcome": view.tags.get("outcome", []),
        "complication": view.tags.get("complication", []),
        "status": registry_value(view, "overall_status") if registration else None,
        "phase": ", ".join(registry_value(view, "phases") or []) if registration else None,
        "pmid": view.pmid,
        "doi": view.doi,
        "nct": view.nct_id,
        "ids": {"text": ", ".join(text for text, _ in links), "links": links},
        "sources": sorted({r.source_name for r in view.records}),
        "retracted": view.retracted,
        "relevant": view.relevant,
        "study": view.study_id,
        "works": [view.work_id],
        "url": url(view),
    }


def citation(view: WorkView) -> str:
    """Return "Smith 2019" (a registration: its NCT id and year)."""
    if view.kind == "registration":
        return f"{view.nct_id or 'registration'} ({view.year or 'n.d.'})"
    author = view.first_author or "Anon"
    more = " et al." if len(view.authors) > 2 else ""
    if len(view.authors) == 2:
        second = view.authors[1]
        more = f" & {second.get('family') or second.get('collective') or ''}"
    return f"{author}{more} {view.year or 'n.d.'}"


def study_rows(views: Sequence[WorkView]) -> list[dict[str, Any]]:
    """Return one row per study (works without a study are studies of their own)."""
    groups: dict[tuple[str, int], list[WorkView]] = {}
    for view in views:
        key = ("study", view.study_id) if view.study_id else ("work", view.work_id)
        groups.setdefault(key, []).append(view)
    rows = []
    for members in groups.values():
        registration = next((v for v in members if v.kind == "registration"), None)
        articles = sorted(
            (v for v in members if v.kind != "registration"),
            key=lambda v: (v.year or 9999, v.work_id),
        )
        lead = articles[0] if articles else members[0]
        row = work_row(lead)
        designs = [v.design for v in articles if v.design]
        if registration and registration.registered_design:
            designs.append(registration.registered_design)
        row["design"] = min(designs or [lead.design or "other"], key=_strength)
        for facet in ("indication", "outcome", "complication"):
            row[facet] = sorted({t for v in members for t in v.tags.get(facet, [])})
        if registration is not None:
            size = registration.sample_size
            kind = registration.sample_size_type
            row["n"] = f"{size} ({kind})" if size is not None else None
            row["status"] = registry_value(registration, "overall_status")
            row["phase"] = ", ".join(registry_value(registration, "phases") or [])
            row["nct"] = registration.nct_id
        links = [link for v in members for link in work_row(v)["ids"]["links"]]
        unique = list(dict.fromkeys(links))
        row["ids"] = {"text": ", ".join(text for text, _ in unique), "links": unique}
        row["sources"] = sorted({r.source_name for v in members for r in v.records})
        row["retracted"] = any(v.retracted for v in members)
        row["works"] = sorted(v.work_id for v in members)
        row["title"] = lead.title if articles else (registration or lead).title
        rows.append(row)
    return rows


def _strength(design: str) -> int:
    return _DESIGN_STRENGTH.index(design) if design in _DESIGN_STRENGTH else len(_DESIGN_STRENGTH)


DEFAULT_SORT = "-year,citation"
LABELLED = ("design", "indication", "outcome", "complication")


def label_of(taxonomy: Taxonomy, facet: str, value: str) -> str:
    """Return the taxonomy's label of VALUE ("Multiple sclerosis"), else VALUE itself."""
    entry = taxonomy.get(facet, value) if facet in LABELLED else None
    return entry.label if entry is not None else value


def with_labels(rows: Sequence[dict[str, Any]], taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Return ROWS with the taxonomy's labels in place of ids, for the formats people read."""
    labelled = []
    for row in rows:
        copy = dict(row)
        for facet in LABELLED:
            value = row.get(facet)
            if isinstance(value, list):
                copy[facet] = [label_of(taxonomy, facet, v) for v in value]
            elif isinstance(value, str) and value:
                copy[facet] = label_of(taxonomy, facet, value)
        labelled.append(copy)
    return labelled


def sort_rows(rows: list[dict[str, Any]], key: str | None) -> list[dict[str, Any]]:
    """Return ROWS sorted by the columns of KEY, comma-separated, in order ("-year": newest
    first); empty cells last whichever the direction; None keeps the rows' order."""
    if not key:
        return rows
    for part in reversed([k.strip() for k in key.split(",") if k.strip()]):
        rows = _sort_by(rows, part)
    return rows


def _sort_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in COLUMNS:
        raise EvidenceError(f'cannot sort by "{name}"; the columns are {", ".join(COLUMNS)}')

    def value(row: dict[str, Any]) -> tuple[int, Any]:
        cell = row.get(name)
        if isinstance(cell, dict):
            cell = cell.get("text")
        if isinstance(cell, list):
            cell = ", ".join(map(str, cell))
        if cell is None or cell == "":
            return (1, "")
        if isinstance(cell, int | float):
            return (0, cell)
        digits = str(cell).split(" ")[0]
        return (0, int(digits)) if digits.isdigit() and name == "n" else (0, str(cell).lower())

    present = [r for r in rows if value(r)[0] == 0]
    missing = [r for r in rows if value(r)[0] == 1]
    present.sort(key=value, reverse=descending)
    return present + missing


def parse_columns(text: str | None) -> list[str]:
    """Return the columns asked for (comma-separated), checked."""
    if not text:
        return list(DEFAULT_COLUMNS)
    columns = [c.strip() for c in text.split(",") if c.strip()]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise EvidenceError(f'unknown column "{unknown[0]}"; the columns are {", ".join(COLUMNS)}')
    return columns


def output_format(requested: str | None, output: Path | None) -> str:
    """Return the format: as asked, else from the file's suffix, else terminal or CSV."""
    if requested:
        if requested not in TABLE_FORMATS:
            raise EvidenceError(
                f'unknown format "{requested}"; use one of {", ".join(TABLE_FORMATS)}'
            )
        return requested
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        known = {"md": "markdown", "htm": "html", "txt": "terminal"}
        found = known.get(suffix, suffix)
        if found in TABLE_FORMATS:
            return found
    return "terminal" if sys.stdout.isatty() and output is None else "csv"


def emit(content: str | bytes, output: Path | None, pager: bool = False) -> None:
    """Write CONTENT to OUTPUT atomically, or to stdout: through a pager when PAGER is asked
    for, stdout is a terminal and the text is longer than the window (as git does)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is not None:
        write_atomically(output, data)
        return
    if isinstance(content, bytes):
        raise EvidenceError(
            "XLSX, PNG and PDF are binary files: give one a name with -o FILE (e.g. -o map.png)"
        )
    if pager and sys.stdout.isatty() and _page(content):
        return
    sys.stdout.write(content)
    sys.stdout.flush()


def _page(text: str) -> bool:
    """Show TEXT through $ITB_PAGER or $PAGER (less -FRX by default) when it is taller than
    the window; return False when it was not paged (short, no pager, the pager failed)."""
    import os
    import shlex
    import shutil
    import subprocess

    if text.count("\n") < shutil.get_terminal_size((100, 24)).lines - 1:
        return False
    command = os.environ.get("ITB_PAGER", os.environ.get("PAGER", "less"))
    if not command.strip() or command.strip() == "cat":
        return False
    environment = {**os.environ}
    environment.setdefault("LESS", "FRX")
    try:
        subprocess.run(shlex.split(command), input=text, text=True, env=environment, check=False)
    except OSError:
        return False
    return True


PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="Page long tables on a terminal ($ITB_PAGER, $PAGER, less).",
    ),
]


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"One of {', '.join(TABLE_FORMATS)} (default: terminal on a terminal).",
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="File to write (stdout when omitted).")
]


@shows_errors
@with_filters
def table_command(
    ctx: typer.Context,
    table_format: FormatOption = None,
    output: OutputOption = None,
    columns: Annotated[
        str | None,
        typer.Option("--columns", "-c", help=f"Comma-separated, from: {', '.join(COLUMNS)}."),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            help="Columns to sort by, comma-separated; -COLUMN sorts descending "
            "(default: newest first, then first author)."
        ),
    ] = DEFAULT_SORT,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw", help="CSV/TSV: write cells as they are (default: no cell starts a formula)."
        ),
    ] = False,
    pager: PagerOption = True,
    filter_args: FilterArgs = NO_FILTERS,
) -> None:
    """Characteristics of studies: one row per work, or per study with --study."""
    chosen = parse_columns(columns)
    fmt = output_format(table_format, output)
    with (
        settings(ctx).knowledge_base() as (project, engine),
        session_scope(engine, snapshot=True) as session,
    ):
        taxonomy = project_taxonomy(project)
        filters = filter_args.build(session, taxonomy)
        views = load_views(session, select_work_ids(session, filters))
        add_registry_detail(session, views)
    rows = study_rows(views) if filters.study else [work_row(v) for v in views]
    rows = sort_rows(rows, sort)
    if fmt in HUMAN_FORMATS:
        rows = with_labels(rows, taxonomy)
    unit = "studies" if filters.study else "works"
    title = f"itb evidence table: {len(rows):,} {unit}"
    emit(render(rows, chosen, fmt, title, raw=raw), output, pager)
    if output is not None:
        typer.echo(f"{len(rows):,} {unit} written to {output} ({fmt})", err=True)
