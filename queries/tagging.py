"""itb tag, itb explain, itb taxonomy: tag works, correct tags by hand, show the evidence."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated, Any

import typer

from harvester.errors import ProjectError
from kb.project import Project
from kb.tag_store import correct_tag, explain_work, tag_knowledge_base
from kb.tagging import Tagger
from kb.tagging.taxonomy import FACETS, check_taxonomy_file
from kb.update import UpdateLock, lock_wait
from queries.common import JsonOption, print_data, project_taxonomy, settings, shows_errors

tag_app = typer.Typer(
    help="Tag new and changed works (--all: every work), or correct a tag by hand.",
    invoke_without_command=True,
)
taxonomy_app = typer.Typer(help="Check and list the tagging vocabulary (taxonomy.toml).")

WorkArgument = Annotated[str, typer.Argument(help="PMID, DOI, NCT id, PMCID or work id (W12).")]
FacetArgument = Annotated[str, typer.Argument(help=f"One of {', '.join(FACETS)}.")]
IdArgument = Annotated[str, typer.Argument(help="A taxonomy id, e.g. cerebral_palsy.")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why (kept with the correction).")]


@tag_app.callback()
@shows_errors
def tag_command(
    ctx: typer.Context,
    everything: Annotated[
        bool, typer.Option("--all", help="Tag every work again (after a taxonomy change).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Tag the works that are new or changed since they were last tagged.

    A work is tagged again when one of its records changed, when records joined or left
    it, or when the taxonomy changed. Manual corrections are applied on top every time.
    """
    if ctx.invoked_subcommand is not None:
        return
    with (
        settings(ctx).knowledge_base() as (project, engine),
        UpdateLock(engine, "itb tag", wait=lock_wait()),
    ):
        report = tag_knowledge_base(engine, project_taxonomy(project), everything)
    print_data(report.as_dict(), as_json, lambda _: report.summary())


def _correct(
    ctx: typer.Context, verdict: str, work: str, facet: str, id_: str, reason: str
) -> None:
    with settings(ctx).knowledge_base() as (project, engine):
        stored = correct_tag(
            engine, project_taxonomy(project), work, verdict, facet, id_, reason, getpass.getuser()
        )
    typer.echo(
        f"W{stored['work']}: {facet} {id_} {'added' if verdict == 'add' else 'removed'} by hand "
        f"(decision {stored['decision']}); it wins over the tagger from now on"
    )


@tag_app.command("add")
@shows_errors
def add_command(
    ctx: typer.Context,
    work: WorkArgument,
    facet: FacetArgument,
    taxonomy_id: IdArgument,
    reason: ReasonOption,
) -> None:
    """Add a tag the tagger missed (for design: set the design)."""
    _correct(ctx, "add", work, facet, taxonomy_id, reason)


@tag_app.command("remove")
@shows_errors
def remove_command(
    ctx: typer.Context,
    work: WorkArgument,
    facet: FacetArgument,
    taxonomy_id: IdArgument,
    reason: ReasonOption,
) -> None:
    """Remove a tag the tagger got wrong; it stays removed through every re-tag."""
    _correct(ctx, "remove", work, facet, taxonomy_id, reason)


@shows_errors
def explain_command(ctx: typer.Context, work: WorkArgument, as_json: JsonOption = False) -> None:
    """Show each tag of WORK with the field and words behind it, and each negated mention."""
    with settings(ctx).knowledge_base() as (project, engine):
        data = explain_work(engine, work, Tagger(project_taxonomy(project)))
    print_data(data, as_json, render_explanation)


def render_explanation(data: dict[str, Any]) -> str:
    ids = ", ".join(
        x
        for x in (
            f"PMID {data['pmid']}" if data["pmid"] else "",
            f"doi {data['doi']}" if data["doi"] else "",
            *data["nct_ids"],
        )
        if x
    )
    size = data["sample_size"]
    design = data["design"]
    lines = [
        f"W{data['work']}  {data['title']}",
        f"  {ids}" if ids else "",
        f"relevant to intrathecal baclofen: {_yes(data['relevant'])}"
        + (f"  ({data['relevance_evidence']})" if data["relevance_evidence"] else ""),
        f"design: {design['id']}"
        + "".join(f"  [{_where(e)}: {e['words']!r}]" for e in design["evidence"])
        + (f"  (registered as {design['registered']})" if design["registered"] else ""),
        "sample size: "
        + (
            f"{size['value']} ({size['type']}; {size['evidence']!r})"
            if size["value"] is not None
            else "not stated"
        ),
    ]
    if "read" in data:
        design_at = next(i for i, line in enumerate(lines) if line.startswith("design: "))
        lines[design_at + 1 : design_at + 1] = _how_lines(data["design_rule"])
        lines.append("\n".join(_how_lines(data["sample_size_rule"])))
        lines.insert(2, "read: " + "; ".join(data["read"]))
    for facet in ("indication", "complication", "outcome"):
        tags = data["tags"].get(facet, {})
        lines.append(f"{facet}:" + ("" if tags else " none"))
        for taxonomy_id, evidence in tags.items():
            shown = "; ".join(f"{_where(e)}: {e['words']!r}" for e in evidence)
            lines.append(f"  {taxonomy_id:<28} {shown}")
    if data["mentions"]:
        lines.append("mentions that are not tags:")
        for m in data["mentions"]:
            lines.append(
                f"  {m['facet'] + '/' + m['id']:<38} {m['kind']:<12} {_where(m)}: {m['words']!r}"
            )
    if data["corrections"]:
        lines.append("manual corrections:")
        for c in data["corrections"]:
            state = "" if c["active"] else " (superseded)"
            lines.append(
                f"  {c['verdict']} {c['facet']} {c['id']}: {c['reason']} "
                f"({c['by'] or 'unknown'}, {c['decided_at'][:10]}){state}"
            )
    return "\n".join(line for line in lines if line)


def _how_lines(how: dict[str, str]) -> list[str]:
    lines = [f"  rule: {how['rule']}"]
    if how["sentence"]:
        lines.append(f"  from: {_shorten(how['sentence'])!r}")
    return lines


def _shorten(text: str, width: int = 200) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def _where(evidence: dict[str, Any]) -> str:
    section = evidence.get("section")
    field = str(evidence.get("field"))
    return f"{field}/{section}" if section and section not in (field, "abstract") else field


def _yes(value: bool | None) -> str:
    return "not tagged yet" if value is None else ("yes" if value else "no")


def _project_or_none(ctx: typer.Context) -> Project | None:
    """The project when there is one: the bundled taxonomy is checked outside projects too."""
    try:
        return settings(ctx).project()
    except ProjectError:
        return None


@taxonomy_app.command("check")
@shows_errors
def check_command(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="A taxonomy file (default: the project's taxonomy.toml)."),
    ] = None,
    standalone: Annotated[
        bool,
        typer.Option(help="Check FILE as a whole taxonomy, not as additions to the bundled one."),
    ] = False,
) -> None:
    """Validate a taxonomy file; name the first bad entry and exit 3 if there is one."""
    if file is None:
        taxonomy = project_taxonomy(_project_or_none(ctx))
    else:
        if not file.is_file():
            typer.echo(f"Error: no taxonomy file at {file}", err=True)
            raise typer.Exit(3)
        taxonomy = check_taxonomy_file(file, standalone=standalone)
    counts = ", ".join(f"{len(taxonomy.ids(f))} {f}" for f in FACETS)
    typer.echo(f"{' + '.join(taxonomy.files)}: valid ({counts} ids)")


@taxonomy_app.command("list")
@shows_errors
def list_command(
    ctx: typer.Context,
    facet: Annotated[str | None, typer.Argument(help="Only this facet.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the ids of every facet with their labels."""
    taxonomy = project_taxonomy(_project_or_none(ctx))
    if facet is not None and facet not in FACETS:
        typer.echo(f'Error: unknown facet "{facet}"; use one of {", ".join(FACETS)}', err=True)
        raise typer.Exit(2)
    rows = [
        {"facet": e.facet, "id": e.id, "label": e.label, "description": e.description}
        for e in taxonomy.entries
        if facet is None or e.facet == facet
    ]
    print_data(
        rows,
        as_json,
        lambda d: "\n".join(f"{r['facet']:<13} {r['id']:<30} {r['label']}" for r in d),
    )
