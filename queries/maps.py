"""itb map: evidence maps, a matrix of two facets counted in works or studies."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from harvester.errors import EvidenceError
from kb.database import session_scope
from kb.maps import AXES, evidence_map
from kb.tagging.taxonomy import Taxonomy
from queries.common import project_taxonomy, settings, shows_errors
from queries.figures import (
    PICTURE_FORMATS,
    as_output,
    map_figure,
    picture_format_of,
    years_figure,
)
from queries.figures import picture_format as figure_format
from queries.filtering import NO_FILTERS, FilterArgs, with_filters
from queries.render import HUMAN_FORMATS, TABLE_FORMATS, render
from queries.tables import (
    OutputOption,
    PagerOption,
    emit,
    label_of,
    output_format,
)


def map_rows(data: dict[str, Any], taxonomy: Taxonomy) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the map as table rows (one per row value) and its columns (ids, as the
    machine formats keep them; map_headers() names them for people)."""
    columns = [data["rows_facet"], *data["columns"], "total"]
    by_cell = {(c["row"], c["column"]): c for c in data["cells"]}
    rows = []
    for value in data["rows"]:
        row: dict[str, Any] = {data["rows_facet"]: value}
        for column in data["columns"]:
            cell = by_cell.get((value, column))
            if cell is None:
                row[column] = None
            elif cell.get("by_design"):
                parts = ", ".join(f"{d} {n}" for d, n in cell["by_design"].items())
                row[column] = {"text": f"{cell['count']} ({parts})"}
            else:
                row[column] = cell["count"]
        row["total"] = data["row_totals"].get(value, 0)
        rows.append(row)
    # Column totals count each work (or study) once, however many rows it sits in.
    totals: dict[str, Any] = {data["rows_facet"]: "total"}
    totals.update({column: data["column_totals"].get(column, 0) for column in data["columns"]})
    totals["total"] = data["total"]
    rows.append(totals)
    return rows, columns


def map_headers(data: dict[str, Any], taxonomy: Taxonomy) -> dict[str, str]:
    """Return the column headers people read: the taxonomy's labels of the column ids."""
    return {c: label_of(taxonomy, data["columns_facet"], c) for c in data["columns"]}


def label_map_rows(
    table: list[dict[str, Any]], data: dict[str, Any], taxonomy: Taxonomy
) -> list[dict[str, Any]]:
    """Return TABLE with the row ids replaced by their labels (the totals row stays)."""
    facet = data["rows_facet"]
    return [
        {**row, facet: label_of(taxonomy, facet, row[facet]) if row[facet] != "total" else "total"}
        for row in table
    ]


@shows_errors
@with_filters
def map_command(
    ctx: typer.Context,
    rows: Annotated[
        str, typer.Option(help=f"Facet of the rows: {', '.join(AXES)}.")
    ] = "indication",
    columns: Annotated[
        str, typer.Option("--cols", "--columns", help="Facet of the columns.")
    ] = "outcome",
    by_design: Annotated[
        bool, typer.Option("--by-design", help="Split each cell by design.")
    ] = False,
    table_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"One of {', '.join(TABLE_FORMATS + PICTURE_FORMATS)} (svg, png, pdf: a "
            "shaded grid; default: terminal on a terminal, else from -o).",
        ),
    ] = None,
    output: OutputOption = None,
    pager: PagerOption = True,
    filter_args: FilterArgs = NO_FILTERS,
) -> None:
    """Evidence map: works (or studies, --study) for each pair of ids of two facets.

    JSON output lists the work ids behind every cell; svg, png and pdf draw it.
    """
    if rows not in AXES or columns not in AXES:
        raise EvidenceError(f"--rows and --cols take one of {', '.join(AXES)}")
    picture = picture_format_of(table_format, output.suffix if output is not None else "")
    fmt = "json" if picture else output_format(table_format, output)
    with (
        settings(ctx).knowledge_base() as (project, engine),
        session_scope(engine, snapshot=True) as session,
    ):
        taxonomy = project_taxonomy(project)
        filters = filter_args.build(session, taxonomy)
        data = evidence_map(
            session, taxonomy, filters, rows, columns, by_design=by_design, with_ids=fmt == "json"
        )
    if picture:
        drawn = map_figure(
            data,
            {r: label_of(taxonomy, rows, r) for r in data["rows"]},
            map_headers(data, taxonomy),
            picture,
            columns,
        )
        emit(as_output(drawn, picture), output)
        return
    if fmt == "json":
        import json

        emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)
        return
    table, names = map_rows(data, taxonomy)
    headers = None
    if fmt in HUMAN_FORMATS:
        table, headers = label_map_rows(table, data, taxonomy), map_headers(data, taxonomy)
    unit = "studies" if filters.study else "works"
    title = f"itb evidence map: {rows} x {columns}, {data['total']:,} {unit}"
    emit(render(table, names, fmt, title, headers=headers), output, pager)


@shows_errors
@with_filters
def chart_command(
    ctx: typer.Context,
    picture_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="svg, png or pdf (default: from -o, else svg)."),
    ] = None,
    output: OutputOption = None,
    filter_args: FilterArgs = NO_FILTERS,
) -> None:
    """Works (or studies, --study) per publication year by design, as stacked bars."""
    picture = figure_format(picture_format, output, default="svg")
    assert picture is not None

    with (
        settings(ctx).knowledge_base() as (project, engine),
        session_scope(engine, snapshot=True) as session,
    ):
        taxonomy = project_taxonomy(project)
        data = evidence_map(session, taxonomy, filter_args.build(session, taxonomy), "year",
                            "design")  # fmt: skip
    labels = {d: label_of(taxonomy, "design", d) for d in data["columns"]}
    drawn = years_figure(data, labels, picture)
    emit(as_output(drawn, picture), output)
    if output is not None:
        typer.echo(f"works per year by design written to {output} ({picture})", err=True)
