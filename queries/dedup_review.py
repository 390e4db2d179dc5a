"""itb dedup: the review queue of uncertain duplicates, verdicts, and undoing merges."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated, Any

import typer

from harvester.errors import EvidenceError
from kb.dedup.pairs import describe
from kb.verdicts import decide_pair, review_queue, split_work
from queries.common import JsonOption, print_data, retag, settings, shows_errors

dedup_app = typer.Typer(
    help="Decide uncertain duplicates (a verdict is never overridden) and undo merges.",
    no_args_is_help=True,
)
ReasonOption = Annotated[str | None, typer.Option(help="Why, kept with the verdict.")]


def _render_record(record: dict[str, Any]) -> str:
    def shown(*values: Any) -> str:
        return " ".join(str(v) for v in values if v not in (None, "")) or "-"

    head = (
        f"  [{record['record']}] {record['source']} {record['key']} "
        f"(work {shown(record['work'])})\n      {shown(record['title'])}\n"
    )
    registry = record.get("registry") or {}
    if registry:  # a registration: who runs it, where it stands, when it was posted
        return head + (
            f"      registration | sponsor {shown(registry.get('sponsor'))} | status "
            f"{shown(registry.get('status'))} | first posted {shown(registry.get('first_posted'))}"
            f" | last update {shown(registry.get('last_update_posted'))}"
        )
    authors = shown(*(a for a in record["authors"] if a))
    printed = shown(record["journal"], record["volume"], record["pages"])
    return (
        head + f"      {authors} | {shown(record['year'])} | {printed} | doi {shown(record['doi'])}"
    )


def _render_pair(item: dict[str, Any]) -> str:
    why = describe(item["rule"], item.get("explanation") or {})
    head = f"pair {item['pair']}: score {item['score']}, {why}"
    return "\n".join([head, *(_render_record(r) for r in item["records"])])


@dedup_app.command("queue")
@shows_errors
def queue_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the pairs waiting for a verdict, most similar first."""
    with settings(ctx).knowledge_base() as (_, engine):
        items = review_queue(engine)
    print_data(
        items,
        as_json,
        lambda d: "\n\n".join(_render_pair(i) for i in d) or "no pair waits for a verdict",
    )


@dedup_app.command("accept")
@shows_errors
def accept_command(ctx: typer.Context, pair: int, reason: ReasonOption = None) -> None:
    """Say PAIR is one record (merged into one work, whatever later runs find)."""
    with settings(ctx).knowledge_base() as (project, engine):
        report = decide_pair(engine, pair, True, reason, getpass.getuser())
        retag(engine, project)
    typer.echo(f"pair {pair}: the same record. {report.summary()}")


@dedup_app.command("reject")
@shows_errors
def reject_command(ctx: typer.Context, pair: int, reason: ReasonOption = None) -> None:
    """Say PAIR is two records (kept apart, whatever later runs find)."""
    with settings(ctx).knowledge_base() as (project, engine):
        report = decide_pair(engine, pair, False, reason, getpass.getuser())
        retag(engine, project)
    typer.echo(f"pair {pair}: two records. {report.summary()}")


@dedup_app.command("split")
@shows_errors
def split_command(ctx: typer.Context, work: int, reason: ReasonOption = None) -> None:
    """Undo the merge of WORK: each of its source records becomes a work, for good."""
    with settings(ctx).knowledge_base() as (project, engine):
        report = split_work(engine, work, reason, getpass.getuser())
        retag(engine, project)
    typer.echo(f"work {work} split. {report.summary()}")


@dedup_app.command("review")
@shows_errors
def review_command(ctx: typer.Context) -> None:
    """Go through the queue on a terminal: answer s (same), d (different), k (skip), q (quit)."""
    if not sys.stdin.isatty():
        raise EvidenceError(
            'itb dedup review needs a terminal; use "itb dedup queue" and accept/reject'
        )
    with settings(ctx).knowledge_base() as (project, engine):
        items = review_queue(engine)
        if not items:
            typer.echo("no pair waits for a verdict")
        for number, item in enumerate(items, start=1):
            typer.echo(f"\n({number}/{len(items)}) {_render_pair(item)}")
            answer = typer.prompt("[s]ame, [d]ifferent, s[k]ip, [q]uit", default="k").lower()
            if answer.startswith("q"):
                break
            if answer[:1] in ("s", "d"):
                decide_pair(engine, item["pair"], answer.startswith("s"), None, getpass.getuser())
                typer.echo("  noted")
        retag(engine, project)
