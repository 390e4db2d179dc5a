"""The HTML pages people open: `itb report` (the whole knowledge base on one page) and the
update digest. Each is one self-contained file: styles, script, pictures and data inline,
and a Content-Security-Policy that lets nothing load from anywhere (the one script is
allowed by its hash). Jinja2 templates (queries/templates) with autoescaping; the works
travel as JSON in a data block and the script draws them with textContent only, so a
title holding markup or a <script> shows as text and never runs."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import Engine

from kb.database import session_scope
from kb.maps import evidence_map
from kb.query import Filters, WorkView, add_registry_detail, load_views, select_work_ids
from kb.registry_terms import phase_words, status_words
from kb.reports import prisma_counts, records_per_source
from kb.tagging.taxonomy import Taxonomy
from queries.citation_formats import registry_value
from queries.render import ID_LINKS
from queries.tables import DEFAULT_SORT, citation, identifiers, label_of, sort_rows

PAGE_SIZE = 100
# (key, heading) of the works table; "title" carries the abstract, changes and links.
WORK_COLUMNS = (
    ("citation", "work"), ("title", "title, abstract and links"), ("year", "year"),
    ("design", "design"), ("n", "N"), ("indication", "indication"), ("outcome", "outcome"),
    ("complication", "complication"), ("status", "status"),
)  # fmt: skip
NUMERIC = ("year", "n")
FACETS = ("indication", "outcome", "complication")
CSP = (
    "default-src 'none'; script-src {script}; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


LINK_TEXT = {"pmid": "PubMed", "pmcid": "PMC", "doi": "DOI"}


def links_of(view: WorkView) -> list[tuple[str, str]]:
    """Return (text, address) of a work on PubMed, PMC, doi.org and ClinicalTrials.gov."""
    return [
        (LINK_TEXT.get(kind, value), ID_LINKS[kind].format(value))
        for kind, value in identifiers(view)
    ]


def page_works(
    views: Sequence[WorkView],
    taxonomy: Taxonomy,
    changes: dict[int, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Return the works as the page's script reads them: cells shown (taxonomy labels),
    facet ids (for the map's cells), sort keys, abstract, links, and what the filter box
    also searches (authors' names, identifiers)."""
    works = []
    for view in views:
        registration = view.kind == "registration"
        size = view.sample_size
        n_text = (
            f"{size} ({(view.sample_size_type or '').lower()})".replace(" ()", "")
            if size is not None and registration
            else size
        )
        facets = {facet: list(view.tags.get(facet, [])) for facet in FACETS}
        facets["design"] = [view.design] if view.design else []
        facets["year"] = [str(view.year)] if view.year is not None else []
        status = registry_value(view, "overall_status") if registration else None
        cells = {
            "citation": citation(view),
            "year": view.year,
            "design": label_of(taxonomy, "design", view.design) if view.design else "",
            "n": n_text,
            "status": status_words(status) if status else "",
            **{f: ", ".join(label_of(taxonomy, f, v) for v in facets[f]) for f in FACETS},
        }
        links = links_of(view)
        works.append(
            {
                "id": view.work_id,
                "title": view.title,
                "cells": cells,
                "facets": facets,
                "sort": {"year": view.year, "n": size},
                "abstract": view.abstract or "",
                "links": links,
                "retracted": view.retracted,
                "changes": (changes or {}).get(view.work_id, []),
                "authors": " ".join(
                    a.get("family") or a.get("collective") or "" for a in view.authors[:12]
                ),  # fmt: skip
                "ids": " ".join(i for i in (view.pmid, view.doi, view.pmcid) if i),
            }
        )
    return works


def inline_svg(svg: bytes, prefix: str) -> str:
    """Return an SVG document as an element for a page: no XML prologue, its ids prefixed
    so that two pictures on one page never share one."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r'\bid="', f'id="{prefix}-', text)
    return re.sub(r'(url\(#|href="#)', rf"\g<1>{prefix}-", text)


@cache
def _asset(name: str) -> str:
    return (resources.files("queries") / "templates" / name).read_text(encoding="utf-8")


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("queries", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _json_block(data: Any) -> str:
    """Return DATA as JSON safe inside a <script> data block (no "</script>" can close it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(
    template: str,
    context: dict[str, Any],
    works: list[dict[str, Any]],
    labels: dict[str, dict[str, str]],
    unit: str = "works",
) -> str:
    """Return one self-contained page: TEMPLATE filled with CONTEXT, the works table's data,
    the style, the script and the policy that allows that script alone."""
    from queries.entry import version_text

    script = _asset("page.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    payload = {
        "columns": [
            {"key": key, "label": label, "numeric": key in NUMERIC} for key, label in WORK_COLUMNS
        ],
        "works": works,
        "labels": labels,
        "page_size": PAGE_SIZE,
        "unit": unit,
    }
    return str(
        _environment()
        .get_template(template)
        .render(
            **context,
            csp=CSP.format(script=f"'sha256-{digest}'"),
            version=version_text().removeprefix("itb "),
            written=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            style=_asset("page.css"),
            script=script,
            works_json=_json_block(payload),
            table_columns=WORK_COLUMNS,
            work_count=len(works),
        )
    )


def facet_labels(taxonomy: Taxonomy) -> dict[str, dict[str, str]]:
    """Return facet -> id -> label, for the script's "works of this cell" line."""
    return {
        facet: {i: label_of(taxonomy, facet, i) for i in taxonomy.ids(facet)}
        for facet in (*FACETS, "design")
    }


def _shade(count: int, peak: int) -> str:
    if not count:
        return "transparent"
    return f"rgba(11,92,173,{0.08 + 0.5 * count / max(peak, 1):.2f})"


def _registrations(views: Sequence[WorkView]) -> dict[str, Any]:
    """Return registrations counted by status (rows) and phase (columns)."""
    counts: dict[tuple[str, str], int] = {}
    for view in views:
        if view.kind != "registration":
            continue
        status = status_words(registry_value(view, "overall_status") or "UNKNOWN")
        phases = registry_value(view, "phases") or []
        phase = " / ".join(phase_words(p) for p in phases) or "No phase given"
        counts[(status, phase)] = counts.get((status, phase), 0) + 1
    statuses = sorted({s for s, _ in counts})
    phases = sorted({p for _, p in counts})
    rows = [
        (s, [counts.get((s, p), 0) for p in phases], sum(counts.get((s, p), 0) for p in phases))
        for s in statuses
    ]
    return {"phases": phases, "rows": rows}


def report_html(engine: Engine, taxonomy: Taxonomy, filters: Filters, title: str) -> str:
    """Return the report page of the works FILTERS choose: headline counts, records per
    source, the PRISMA 2020 diagram, the evidence map (indication x design) whose cells list
    their works, works per year by design, registrations by status and phase, and the
    evidence table (filter box, sortable columns, pages of PAGE_SIZE, abstracts, links)."""
    from queries.figures import prisma_figure, years_figure

    counts = prisma_counts(engine)
    with session_scope(engine, snapshot=True) as session:
        views = load_views(session, select_work_ids(session, filters), detail=True)
        add_registry_detail(session, views)
        grid = evidence_map(session, taxonomy, filters, "indication", "design")
        years = evidence_map(session, taxonomy, filters, "year", "design")
        sources = records_per_source(session)
    views = _sorted(views)
    works = page_works(views, taxonomy)
    peak = max((c["count"] for c in grid["cells"]), default=0)
    studies = {("s", v.study_id) if v.study_id else ("w", v.work_id) for v in views}
    headline = [
        ("works", len(views)),
        ("studies", len(studies)),
        ("trial registrations", sum(v.kind == "registration" for v in views)),
        ("about intrathecal baclofen", sum(v.relevant is not False for v in views)),
        ("source records", sum(n for _, _, n in sources)),
    ]
    if counts.get("new_since_last_run") is not None:
        headline.append(("new since the last run", counts["new_since_last_run"]))
    design_labels = {d: label_of(taxonomy, "design", d) for d in years["columns"]}
    prisma_numbers = [
        (k, counts[k])
        for k in (
            "database_results",
            "register_results",
            "duplicates",
            "excluded_automatic",
            "records_identified",
            "records_after_duplicates_removed",
        )  # fmt: skip
    ]
    context = {
        "title": title,
        "subtitle": _describe(filters, len(views)),
        "headline": headline,
        "sources": sources,
        "prisma": counts,
        "prisma_numbers": prisma_numbers,
        "prisma_svg": inline_svg(prisma_figure(counts, "svg"), "prisma"),
        "map": grid,
        "map_title": "indication by design",
        "map_rows_label": "indication",
        "map_counts": {(c["row"], c["column"]): c["count"] for c in grid["cells"]},
        "row_labels": {r: label_of(taxonomy, "indication", r) for r in grid["rows"]},
        "column_labels": {c: label_of(taxonomy, "design", c) for c in grid["columns"]},
        "shade": lambda n: _shade(n, peak),
        "years_svg": inline_svg(years_figure(years, design_labels, "svg"), "years"),
        "registrations": _registrations(views),
        "table_heading": "Evidence table",
    }
    return render_page("report.html.j2", context, works, facet_labels(taxonomy))


def _sorted(views: list[WorkView]) -> list[WorkView]:
    """Return VIEWS as the table sorts them by default: newest first, then first author."""
    keyed = [{"year": v.year, "citation": citation(v), "view": v} for v in views]
    return [row["view"] for row in sort_rows(keyed, DEFAULT_SORT)]


def _describe(filters: Filters, count: int) -> str:
    chosen = {k: v for k, v in filters.describe().items() if k != "retracted"}
    said = "; ".join(
        f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in chosen.items()
    )
    retracted = {"exclude": "retracted works left out", "include": "retracted works included",
                 "only": "retracted works only"}.get(filters.retracted, "")  # fmt: skip
    return f"{count:,} works" + (f" ({said})" if said else "") + f"; {retracted}"


def digest_html(
    title: str,
    views: Sequence[WorkView],
    changed: Sequence[WorkView],
    changes: dict[int, list[str]],
    taxonomy: Taxonomy,
    searches: list[dict[str, Any]],
    failures: list[dict[str, Any]],
    stopped: str,
) -> str:
    """Return the digest page of one update: a banner when searches failed, the searches'
    counts, and the new and changed works (what changed, for each) with links to new.ris
    and new.csv."""
    new_works = page_works(views, taxonomy, {v.work_id: ["new"] for v in views})
    moved = page_works(changed, taxonomy, changes)
    headline = [
        ("new works", len(views)),
        ("changed works", len(changed)),
        ("searches run", len(searches)),
        ("searches failed", len(failures)),
    ]
    context = {
        "title": title,
        "subtitle": "New works first, then works whose records changed.",
        "headline": headline,
        "searches": searches,
        "failures": failures,
        "failure_heading": f"{stopped}: {len(failures)} of its searches failed",
        "table_heading": "New and changed works",
    }
    return render_page("digest.html.j2", context, new_works + moved, facet_labels(taxonomy))
