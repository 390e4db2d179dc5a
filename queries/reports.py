"""itb show, itb log, itb prisma: one work's story, the search log, PRISMA counts."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path
from typing import Annotated, Any

import typer

from harvester.errors import EvidenceError
from harvester.secrets import scrub_data
from kb.database import session_scope
from kb.query import parse_since
from kb.reports import PRISMA_KEYS, prisma_counts, search_log, work_story
from queries.common import JsonOption, print_data, project_taxonomy, settings, shows_errors
from queries.export import write_atomically
from queries.filtering import NO_FILTERS, FilterArgs, with_filters
from queries.render import render
from queries.tables import FormatOption, OutputOption, PagerOption, emit, output_format
from queries.tagging import render_explanation

LOG_KINDS = ("harvest", "import", "export", "update")
LOG_COLUMNS = (
    "run", "kind", "started_at", "status", "database", "interface", "saved_search", "query",
    "limits", "count_reported", "retrieved", "new", "updated", "unchanged", "failed", "error",
)  # fmt: skip


@shows_errors
def show_command(
    ctx: typer.Context,
    work: Annotated[str, typer.Argument(help="PMID, DOI, NCT id, PMCID or work id (W12).")],
    as_json: JsonOption = False,
) -> None:
    """The whole story of one work: fields, source records and versions, duplicates and
    why, study links, tags with evidence."""
    with settings(ctx).knowledge_base() as (_, engine):
        story = work_story(engine, work)
    print_data(story, as_json, _render_story)


def _render_story(story: dict[str, Any]) -> str:
    lines = [f"W{story['work']}  {story['title']}"]
    authors = [_person(a) for a in story.get("authors") or []]
    if authors:
        lines.extend(_wrapped("authors", "; ".join(a for a in authors if a)))
    if story.get("journal") or story.get("journal_iso") or story.get("volume"):
        lines.append(f"  {'citation':<13} {_citation(story)}")
    elif story.get("year"):
        lines.append(f"  {'year':<13} {story['year']}")
    for name in ("doi", "pmid", "pmcid", "record_kind", "language", "citation_key"):
        if story.get(name) not in (None, ""):
            lines.append(f"  {name:<13} {story[name]}")
    if story.get("nct_ids"):
        lines.append(f"  {'nct_ids':<13} {', '.join(story['nct_ids'])}")
    if story.get("retracted"):
        lines.append("  RETRACTED")
    registry = story.get("registry")
    if registry:
        enrolled = registry["enrollment"]
        for name, value in (
            ("status", registry["status"]),
            ("phase", ", ".join(registry["phases"])),
            ("sponsor", registry["sponsor"]),
            ("conditions", "; ".join(registry["conditions"])),
            ("interventions", "; ".join(registry["interventions"])),
            ("enrollment", f"{enrolled} ({(registry['enrollment_type'] or '').lower()})".replace(
                " ()", "") if enrolled is not None else None),
            ("start", registry["start"]),
            ("completion", registry["completion"] or registry["primary_completion"]),
            ("first posted", registry["first_posted"]),
            ("last update", registry["last_update_posted"]),
        ):  # fmt: skip
            if value:
                lines.extend(_wrapped(name, str(value)))
    if story.get("abstract"):
        lines.append("abstract:")
        lines.extend(textwrap.wrap(story["abstract"], width=88, initial_indent="  ",
                                   subsequent_indent="  "))  # fmt: skip
    lines.append(f"source records ({len(story['records'])}):")
    for record in story["records"]:
        found = f"; found by {', '.join(record['found_by'])}" if record["found_by"] else ""
        lines.append(
            f"  [{record['record']}] {record['database']} {record['key']} ({record['status']}; "
            f"first seen {record['first_seen'][:10]}, last seen {record['last_seen'][:10]}{found})"
        )
        formats = {v["format"] for v in record["versions"]}
        current = next(
            (v for v in record["versions"] if v["version"] == record["current_version"]), None
        )
        for version in record["versions"]:
            role = ""
            if version is current:
                role = " (current" + (", the richest rendering)" if len(formats) > 1 else ")")
            elif current is not None and version["format"] != current["format"]:
                role = " (another rendering, kept as received)"
            lines.append(
                f"      v{version['version']} fetched {version['fetched_at'][:19]} "
                f"{version['format']} sha256 {version['sha256'][:12]}{role}"
            )
            if current is not None and version is not current:
                differs = version.get("title") and version["title"] != current.get("title")
                if differs and "another rendering" in role:
                    lines.append(f"         its title differs: {version['title']}")
    if story["duplicates"]:
        lines.append("duplicate decisions:")
        for pair in story["duplicates"]:
            other = pair["other"]
            decided = f"{pair['outcome']} ({pair['rule']}, score {pair['score']})"
            lines.append(
                f"  pair {pair['pair']}: {decided} with [{other['record']}] "
                f"{other['database']} {other['key']} (work {other['work']})"
            )
    study = story["study"]
    if study:
        lines.append(f"study {study['study']}: {study['label']}")
        for link in study["links"]:
            lines.append(f"  W{link['work']} via {link['via']} {link['detail'] or ''}".rstrip())
    for related in story["related"]:
        lines.append(f"{related['relation']} ({related['direction']}) W{related['work']}")
    lines.append("tags:")
    lines.extend("  " + line for line in render_explanation(story["tags"]).splitlines()[1:])
    return "\n".join(lines)


def _person(author: dict[str, Any]) -> str:
    if author.get("collective"):
        return str(author["collective"])
    return " ".join(str(p) for p in (author.get("family"), author.get("initials")) if p)


def _citation(story: dict[str, Any]) -> str:
    """Return "Journal. Year;Volume(Issue):Pages" from what the work has."""
    place = str(story.get("journal") or story.get("journal_iso") or "")
    date = str(story.get("year") or "")
    volume = str(story.get("volume") or "")
    if story.get("issue"):
        volume += f"({story['issue']})"
    if story.get("pages"):
        volume += f":{story['pages']}"
    parts = [p for p in (place, ";".join(p for p in (date, volume) if p)) if p]
    return ". ".join(parts)


def _wrapped(name: str, text: str) -> list[str]:
    return textwrap.wrap(text, width=88, initial_indent=f"  {name:<13} ",
                         subsequent_indent=" " * 16) or [f"  {name}"]  # fmt: skip


@shows_errors
def log_command(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None, typer.Option(help="Only these kinds: harvest, import, export, update.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the latest N entries.")] = None,
    table_format: FormatOption = None,
    output: OutputOption = None,
    pager: PagerOption = True,
    as_json: JsonOption = False,
) -> None:
    """The search log: every search, import, export and update with its PRISMA-S items."""
    kinds = tuple(kind or ())
    if any(k not in LOG_KINDS for k in kinds):
        raise EvidenceError(f"--kind takes {', '.join(LOG_KINDS)}")
    with settings(ctx).knowledge_base() as (_, engine):
        entries = search_log(engine, kinds, limit)
    fmt = "json" if as_json else output_format(table_format, output)
    if fmt == "json":
        import json

        emit(json.dumps(scrub_data(entries), indent=2, ensure_ascii=False) + "\n", output)
        return
    emit(
        render(entries, LOG_COLUMNS, fmt, f"itb search log: {len(entries)} entries"), output, pager
    )


# The PRISMA2020 package's template rows: key -> (node, box, description).
_PRISMA_LAYOUT = {
    "previous_studies": ("node5", "box1", "Studies included in previous version of review"),
    "previous_reports": ("NA", "box1", "Reports of studies included in previous version of review"),
    "database_results": ("node7", "box2", "Records identified from: Databases"),
    "database_specific_results": ("NA", "box2", "Records identified from each database"),
    "register_results": ("NA", "box2", "Records identified from: Registers"),
    "register_specific_results": ("NA", "box2", "Records identified from each register"),
    "website_results": ("node17", "box11", "Records identified from: Websites"),
    "organisation_results": ("NA", "box11", "Records identified from: Organisations"),
    "citations_results": ("NA", "box11", "Records identified from: Citation searching"),
    "duplicates": ("node8", "box3", "Duplicate records"),
    "excluded_automatic": ("NA", "box3", "Records marked as ineligible by automation tools"),
    "excluded_other": ("NA", "box3", "Records removed for other reasons"),
    "records_screened": ("node9", "box4", "Records screened (databases and registers)"),
    "records_excluded": ("node10", "box5", "Records excluded (databases and registers)"),
    "dbr_sought_reports": (
        "node11",
        "box6",
        "Reports sought for retrieval (databases and registers)",
    ),
    "dbr_notretrieved_reports": (
        "node12",
        "box7",
        "Reports not retrieved (databases and registers)",
    ),
    "dbr_assessed": (
        "node13",
        "box8",
        "Reports assessed for eligibility (databases and registers)",
    ),
    "dbr_excluded": ("node14", "box9", "Reports excluded (databases and registers)"),
    "other_sought_reports": ("node18", "box12", "Reports sought for retrieval (other)"),
    "other_notretrieved_reports": ("node19", "box13", "Reports not retrieved (other)"),
    "other_assessed": ("node20", "box14", "Reports assessed for eligibility (other)"),
    "other_excluded": ("node21", "box15", "Reports excluded (other)"),
    "new_studies": ("node15", "box10", "New studies included in review"),
    "new_reports": ("NA", "box10", "Reports of new included studies"),
    "total_studies": ("node22", "box16", "Total studies included in review"),
    "total_reports": ("NA", "box16", "Reports of total included studies"),
}
_PRISMA_FRAME = (
    ("NA", "node4", "prevstud", "Previous studies"),
    ("NA", "node6", "newstud", "Identification of new studies via databases and registers"),
    ("NA", "node16", "othstud", "Identification of new studies via other methods"),
    ("identification", "node1", "identification", "Identification"),
    ("screening", "node2", "screening", "Screening"),
    ("included", "node3", "included", "Included"),
)


def prisma_csv(counts: dict[str, Any]) -> str:
    """Return the counts in the PRISMA2020 flow-diagram tool's CSV layout."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"])
    for data, node, box, text in _PRISMA_FRAME:
        writer.writerow([data, node, box, text, text, text, "NA", "NA"])
    for key in PRISMA_KEYS:
        node, box, text = _PRISMA_LAYOUT[key]
        value = counts.get(key)
        writer.writerow([key, node, box, text, text, text if node != "NA" else "NA", "NA",
                         "" if value is None else value])  # fmt: skip
    return buffer.getvalue()


@shows_errors
def prisma_command(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(help='Count records first seen since DATE or "last-run".')
    ] = None,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Also write the PRISMA2020 tool's CSV here.")
    ] = None,
    picture_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Draw the PRISMA 2020 flow diagram: svg, png or pdf (default: from -o).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File for the diagram.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """PRISMA 2020 identification counts: per database and register, duplicates removed,
    records after deduplication, new since the last run; the flow diagram with -o FILE."""
    from queries.figures import picture_format as format_of

    drawn = format_of(picture_format, output)
    with settings(ctx).knowledge_base() as (_, engine):
        with session_scope(engine) as session:
            moment = parse_since(session, since) if since else None
        counts = prisma_counts(engine, moment)
    if csv_file is not None:
        write_atomically(csv_file, prisma_csv(counts).encode("utf-8"))
    if drawn is not None:
        from queries.figures import as_output, prisma_figure

        emit(as_output(prisma_figure(counts, drawn), drawn), output)
        if output is not None:
            typer.echo(f"PRISMA 2020 flow diagram written to {output} ({drawn})", err=True)
        return
    print_data(counts, as_json, _render_prisma)


def _render_prisma(counts: dict[str, Any]) -> str:
    lines = [
        "Identification"
        + (
            f" (records first seen since {counts['window_start'][:10]})"
            if counts["window_start"]
            else ""
        ),
        f"  records from databases:  {counts['database_results']:,}"
        + (
            f"  ({counts['database_specific_results']})"
            if counts["database_specific_results"]
            else ""
        ),
        f"  records from registers:  {counts['register_results']:,}"
        + (
            f"  ({counts['register_specific_results']})"
            if counts["register_specific_results"]
            else ""
        ),
        f"  duplicates removed:      {counts['duplicates']:,}",
        "  marked off-topic by the tagger (not about intrathecal baclofen): "
        f"{counts['excluded_automatic']:,}",
        f"records after duplicates removed: {counts['records_after_duplicates_removed']:,}",
    ]
    if counts["new_since_last_run"] is not None:
        since = counts["last_run_started"][:19]
        lines.append(f"new since the last run ({since}): {counts['new_since_last_run']:,}")
    lines.append("screening and eligibility: for the review team (null in --json and --csv)")
    return "\n".join(lines)


@shows_errors
@with_filters
def report_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    filter_args: FilterArgs = NO_FILTERS,
) -> None:
    """One self-contained HTML page for people: headline counts, the PRISMA diagram, the
    evidence map, works per year by design, registrations, and the evidence table."""
    from queries.pages import report_html

    with settings(ctx).knowledge_base() as (project, engine):
        taxonomy = project_taxonomy(project)
        with session_scope(engine, snapshot=True) as session:
            filters = filter_args.build(session, taxonomy)
        page = report_html(engine, taxonomy, filters, "itb evidence report")
    write_atomically(output, page.encode("utf-8"))
    typer.echo(f"report written to {output} ({len(page) / 1e6:.1f} MB); open it in a browser",
               err=True)  # fmt: skip
