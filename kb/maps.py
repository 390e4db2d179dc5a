"""Evidence maps: how many works (or studies) carry each pair of ids of two facets, counted
in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, and_, case, cast, func, literal
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from kb.models import TagRow, WorkRow
from kb.query import Filters, conditions
from kb.taxonomy import Taxonomy

AXES = ("indication", "complication", "outcome", "design", "year")


def _axis(facet: str) -> Any:
    """(work id, value) of one facet: asserted tags, the design or the year."""
    work, tag = col(WorkRow.id), col(TagRow.work_id)
    if facet == "design":
        design = col(WorkRow.design)
        return core_select(work.label("work_id"), design.label("value")).where(design.is_not(None))
    if facet == "year":
        year = col(WorkRow.year)
        return core_select(work.label("work_id"), cast(year, String).label("value")).where(
            year.is_not(None)
        )
    return (
        core_select(tag.label("work_id"), col(TagRow.taxonomy_id).label("value"))
        .where(col(TagRow.facet) == facet, col(TagRow.qualifier).is_(None))
        .distinct()
    )


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
    per design, and the work ids behind it when asked), row and column totals."""
    found = conditions(filters)
    works = select(WorkRow.id, WorkRow.design, WorkRow.study_id)
    if found:
        works = works.where(and_(*found))
    base = works.subquery("w")
    a, b = _axis(rows).subquery("a"), _axis(columns).subquery("b")
    unit = (
        case((base.c.study_id.is_not(None), base.c.study_id * 2), else_=base.c.id * 2 + 1)
        if filters.study
        else base.c.id
    )
    design = base.c.design if by_design else literal("")
    joined = base.join(a, a.c.work_id == base.c.id).join(b, b.c.work_id == base.c.id)
    statement = (
        select(a.c.value, b.c.value, design, func.count(func.distinct(unit)))
        .select_from(joined)
        .group_by(a.c.value, b.c.value, design)
    )
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for row_value, column_value, design_value, count in session.execute(statement).all():
        cell = cells.setdefault(
            (row_value, column_value), {"row": row_value, "column": column_value, "count": 0}
        )
        if by_design:
            cell.setdefault("by_design", {})[design_value or "none"] = count
    # A cell's own count: distinct units over all designs (a design split adds up to it).
    totals = select(a.c.value, b.c.value, func.count(func.distinct(unit))).select_from(joined)
    for row_value, column_value, count in session.execute(
        totals.group_by(a.c.value, b.c.value)
    ).all():
        cells[(row_value, column_value)]["count"] = count
    if with_ids:
        pairs = select(a.c.value, b.c.value, base.c.id).select_from(joined).distinct()
        for row_value, column_value, work_id in session.execute(pairs).all():
            cells[(row_value, column_value)].setdefault("work_ids", []).append(work_id)
        for cell in cells.values():
            cell["work_ids"].sort()
    row_totals = _totals(session, base, a, unit)
    column_totals = _totals(session, base, b, unit)
    total = session.execute(select(func.count(func.distinct(unit))).select_from(base)).scalar()
    return {
        "rows_facet": rows,
        "columns_facet": columns,
        "unit": "study" if filters.study else "work",
        "rows": _ordered(taxonomy, rows, {r for r, _ in cells} | set(row_totals)),
        "columns": _ordered(taxonomy, columns, {c for _, c in cells} | set(column_totals)),
        "cells": sorted(cells.values(), key=lambda c: (c["row"], c["column"])),
        "row_totals": row_totals,
        "column_totals": column_totals,
        "total": int(total or 0),
        "filters": filters.describe(),
    }


def _totals(session: Session, base: Any, axis: Any, unit: Any) -> dict[str, int]:
    statement = (
        select(axis.c.value, func.count(func.distinct(unit)))
        .select_from(base.join(axis, axis.c.work_id == base.c.id))
        .group_by(axis.c.value)
    )
    return {value: int(count) for value, count in session.execute(statement).all()}


def _ordered(taxonomy: Taxonomy, facet: str, values: set[str]) -> list[str]:
    """Taxonomy order for ids (unknown ids after), numeric order for years."""
    if facet == "year":
        return sorted(values, key=lambda v: int(v) if v.isdigit() else 0)
    known = taxonomy.ids(facet)
    return [i for i in known if i in values] + sorted(values - set(known))
