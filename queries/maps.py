"""itb map: evidence maps, a matrix of two facets counted in works or studies."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from harvester.errors import EvidenceError
from kb.database import session_scope
from kb.maps import AXES, evidence_map
from kb.tagging.taxonomy import Taxonomy
from queries.common import project_taxonomy, settings, shows_errors
from queries.filtering import NO_FILTERS, FilterArgs, with_filters
from queries.render import render
from queries.tables import FormatOption, OutputOption, emit, output_format


def map_rows(data: dict[str, Any], taxonomy: Taxonomy) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the map as table rows (one per row value) and its columns."""
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
    table_format: FormatOption = None,
    output: OutputOption = None,
    filter_args: FilterArgs = NO_FILTERS,
) -> None:
    """Evidence map: works (or studies, --study) for each pair of ids of two facets.

    JSON output lists the work ids behind every cell.
    """
    if rows not in AXES or columns not in AXES:
        raise EvidenceError(f"--rows and --cols take one of {', '.join(AXES)}")
    fmt = output_format(table_format, output)
    with (
        settings(ctx).knowledge_base() as (project, engine),
        session_scope(engine, snapshot=True) as session,
    ):
        taxonomy = project_taxonomy(project)
        filters = filter_args.build(session, taxonomy)
        data = evidence_map(
            session, taxonomy, filters, rows, columns, by_design=by_design, with_ids=fmt == "json"
        )
    if fmt == "json":
        import json

        emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)
        return
    table, names = map_rows(data, taxonomy)
    unit = "studies" if filters.study else "works"
    title = f"itb evidence map: {rows} x {columns}, {data['total']:,} {unit}"
    emit(render(table, names, fmt, title), output)
