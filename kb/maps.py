"""Evidence maps: how many works (or studies) carry each pair of ids of two facets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_
from sqlalchemy import select as core_select
from sqlmodel import Session, col

from kb.models import TagRow, WorkRow
from kb.query import Filters, conditions
from kb.tagging.taxonomy import Taxonomy

AXES = ("indication", "complication", "outcome", "design", "year")


def _values(
    session: Session, facet: str, works: dict[int, tuple[str | None, int | None, int | None]]
) -> dict[int, list[str]]:
    """Return work id -> the values of FACET (asserted tags, the design or the year)."""
    if facet == "design":
        return {w: [d] for w, (d, _, _) in works.items() if d}
    if facet == "year":
        return {w: [str(y)] for w, (_, y, _) in works.items() if y is not None}
    found: dict[int, list[str]] = {}
    # Hundreds of thousands of (work, id) pairs: read straight from the driver's cursor,
    # without a result object per row. FACET is one of AXES, never the user's text.
    if facet not in AXES:
        raise ValueError(f"unknown facet {facet!r}")
    statement = core_select(col(TagRow.work_id), col(TagRow.taxonomy_id)).where(
        col(TagRow.facet) == facet, col(TagRow.qualifier).is_(None)
    )
    connection = session.connection()
    sql = str(statement.compile(connection, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    for work_id, value in rows:
        if work_id in works:
            values = found.setdefault(work_id, [])
            if value not in values:
                values.append(value)
    return found


def evidence_map(
    session: Session,
    taxonomy: Taxonomy,
    filters: Filters,
    rows: str,
    columns: str,
    by_design: bool = False,
    with_ids: bool = False,
) -> dict[str, Any]:
    """Return the map of ROWS x COLUMNS: every non-empty cell with its count (and its count
    per design, and the work ids behind it when asked), row and column totals.

    The filtered works and the two facets' values are read once each and counted here:
    one pass, the same on every engine."""
    found = conditions(filters)
    statement = core_select(
        col(WorkRow.id), col(WorkRow.design), col(WorkRow.year), col(WorkRow.study_id)
    )
    if found:
        statement = statement.where(and_(*found))
    works: dict[int, tuple[str | None, int | None, int | None]] = {}
    for work_id, design, year, study in session.connection().execute(statement).all():
        works[int(work_id or 0)] = (design, year, study)

    def unit(work_id: int) -> int:
        study = works[work_id][2]
        return (study * 2 if study else work_id * 2 + 1) if filters.study else work_id

    left, right = _values(session, rows, works), _values(session, columns, works)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    members: dict[tuple[str, str], set[int]] = {}
    designs: dict[tuple[str, str, str], set[int]] = {}
    ids: dict[tuple[str, str], list[int]] = {}
    row_units: dict[str, set[int]] = {}
    column_units: dict[str, set[int]] = {}
    for work_id, row_values in left.items():
        for value in row_values:
            row_units.setdefault(value, set()).add(unit(work_id))
        for column_value in right.get(work_id, ()):
            for row_value in row_values:
                key = (row_value, column_value)
                members.setdefault(key, set()).add(unit(work_id))
                if by_design:
                    design = works[work_id][0] or "none"
                    designs.setdefault((*key, design), set()).add(unit(work_id))
                if with_ids:
                    ids.setdefault(key, []).append(work_id)
    for work_id, column_values in right.items():
        for value in column_values:
            column_units.setdefault(value, set()).add(unit(work_id))
    for (row_value, column_value), units in members.items():
        cell: dict[str, Any] = {"row": row_value, "column": column_value, "count": len(units)}
        if by_design:
            cell["by_design"] = {
                d: len(u)
                for (r, c, d), u in sorted(designs.items())
                if (r, c) == (row_value, column_value)
            }
        if with_ids:
            cell["work_ids"] = sorted(ids[(row_value, column_value)])
        cells[(row_value, column_value)] = cell
    row_totals = {k: len(v) for k, v in row_units.items()}
    column_totals = {k: len(v) for k, v in column_units.items()}
    return {
        "rows_facet": rows,
        "columns_facet": columns,
        "unit": "study" if filters.study else "work",
        "rows": _ordered(taxonomy, rows, set(row_totals)),
        "columns": _ordered(taxonomy, columns, set(column_totals)),
        "cells": sorted(cells.values(), key=lambda c: (c["row"], c["column"])),
        "row_totals": row_totals,
        "column_totals": column_totals,
        "total": len({unit(w) for w in works}),
        "filters": filters.describe(),
    }


def _ordered(taxonomy: Taxonomy, facet: str, values: set[str]) -> list[str]:
    """Taxonomy order for ids (unknown ids after); for years every year from the first to
    the last, those without a work too (a year axis with gaps misleads), then any other
    value ("no year")."""
    if facet == "year":
        years = sorted(int(v) for v in values if v.isdigit())
        axis = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
        return axis + sorted(v for v in values if not v.isdigit())
    known = taxonomy.ids(facet)
    return [i for i in known if i in values] + sorted(values - set(known))
