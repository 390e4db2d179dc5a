"""itb update: the nightly job (lock, every saved search, normalize, tag, log, digest), and
itb schedule: ready-to-install cron and systemd entries."""

from __future__ import annotations

import json
import logging
import shlex
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from harvester.errors import ConfigError
from harvester.secrets import ScrubFilter, scrub, scrub_data
from kb.changes import work_changes
from kb.database import session_scope
from kb.project import Project, SavedSearch
from kb.query import add_registry_detail, load_views
from kb.reparse import reparse_knowledge_base
from kb.store import parsers_behind
from kb.tag_store import tag_knowledge_base
from kb.tagging.taxonomy import Taxonomy, load_taxonomy
from kb.update import (
    UpdateLock,
    UpdateRun,
    begin_update,
    changed_works,
    finish_update,
    harvest_saved_searches,
)
from kb.works import normalize_knowledge_base
from queries.citation_formats import ExportOptions, write_citations
from queries.common import JsonOption, project_taxonomy, settings, shows_errors
from queries.export import write_atomically
from queries.progress import progress_bar
from queries.render import render
from queries.tables import with_labels, work_row

log = logging.getLogger(__name__)
DIGEST_COLUMNS = (
    "citation", "title", "design", "n", "indication", "outcome", "complication", "ids",
    "sources", "retracted",
)  # fmt: skip


def failure_lines(run: UpdateRun) -> list[str]:
    """Return the opening of a failed or partial run's digest: which search failed, the
    error, what to do (Markdown lines); none when every search succeeded."""
    if not run.errors:
        return []
    stopped = "did not finish" if run.reports else "failed"
    lines = [f"## This update {stopped}: {len(run.errors)} of its searches failed", ""]
    for error in run.errors:
        lines.append(f"- {error['source']} search {error['search']}: {error['error']}")
    lines += [
        "",
        "What to do: run `itb update` again later (a failed search keeps its watermark, so "
        "the next run fetches its window again); `itb log` shows every run.",
        "",
    ]
    return lines


def write_digest(
    engine: Engine,
    run: UpdateRun,
    folder: Path,
    new: list[int],
    changed: list[int],
    taxonomy: Taxonomy | None = None,
) -> dict[str, str]:
    """Write the digest of RUN into FOLDER: a Markdown list and an HTML page of the new and
    changed works (what changed: status, enrollment, title, retraction, a new source), the
    searches' counts and a banner when some failed, and the new works as RIS and CSV for a
    screening tool."""
    from queries.pages import digest_html

    taxonomy = taxonomy or load_taxonomy()
    folder.mkdir(parents=True, exist_ok=True)
    with session_scope(engine, snapshot=True) as session:
        fresh = load_views(session, new, detail=True)
        add_registry_detail(session, fresh)
        moved = load_views(session, changed, detail=True)
        add_registry_detail(session, moved)
    changes = work_changes(engine, changed, run.previous)
    since = f"{run.previous:%Y-%m-%d %H:%M} UTC" if run.previous else "none yet"
    title = (
        f"itb update {run.started_at:%Y-%m-%d %H:%M} UTC: what is new since the last "
        f"successful update ({since})"
    )
    new_rows = with_labels([{**work_row(v), "change": "new"} for v in fresh], taxonomy)
    changed_rows = with_labels(
        [{**work_row(v), "change": "; ".join(changes.get(v.work_id, []))} for v in moved],
        taxonomy,
    )
    failure = failure_lines(run)
    counts = f"{len(new_rows)} new works, {len(changed_rows)} changed"
    if failure:
        counts += " (what is stored in the knowledge base; the failed searches brought nothing)"
    markdown = [f"# {title}", "", *failure, f"{counts}.", ""]
    markdown.append(str(render(new_rows, DIGEST_COLUMNS, "markdown", "New works")))
    markdown.append(
        str(render(changed_rows, ("change", *DIGEST_COLUMNS), "markdown", "Changed works"))
    )
    files = {
        "markdown": folder / "digest.md",
        "html": folder / "digest.html",
        "ris": folder / "new.ris",
        "csv": folder / "new.csv",
    }
    write_atomically(files["markdown"], "\n".join(markdown).encode("utf-8"))
    searches = [
        {**r.as_dict(), "search": r.search or "", "result": r.status} for r in run.reports
    ] + [
        {"source": e["source"], "search": e["search"], "retrieved": "", "new": "", "updated": "",
         "unchanged": "", "result": f"failed: {e['error']}"}
        for e in run.errors
    ]  # fmt: skip
    stopped = "did not finish" if run.reports else "failed"
    page = digest_html(title, fresh, moved, changes, taxonomy, searches, run.errors, stopped)
    write_atomically(files["html"], page.encode("utf-8"))
    options = ExportOptions()
    write_atomically(files["ris"], write_citations(fresh, "ris", options).text.encode("utf-8"))
    people = ExportOptions(excel_safe=True)  # new.csv is opened in a spreadsheet
    write_atomically(files["csv"], write_citations(fresh, "csv", people).text.encode("utf-8"))
    return {name: str(path) for name, path in files.items()}


@contextmanager
def _bar(enabled: bool, search: SavedSearch) -> Iterator[Any]:
    with progress_bar(f"{search.source} {search.name}", enabled) as bar:
        yield bar


def run_update(
    engine: Engine, project: Project, digest_root: Path | None, full: bool, quiet: bool
) -> dict[str, Any]:
    """Run the whole update under the lock; return its summary."""
    started = time.monotonic()
    with UpdateLock(engine) as lock:
        run = begin_update(engine, lock)
        since = f"{run.previous:%Y-%m-%d %H:%M:%S} UTC" if run.previous else "none, a first run"
        log.info("update run %s started; last successful update: %s", run.run_id, since)
        harvest_saved_searches(engine, project, run, lambda s: _bar(not quiet, s), full)
        reparsed = None
        if parsers_behind(engine):  # an upgrade's parsers read the stored records again
            reparsed = reparse_knowledge_base(engine)
            log.info("records read again by this itb's parsers: %s", reparsed.headline())
        normalized = normalize_knowledge_base(engine)
        log.info("%s", normalized.summary())
        tagged = tag_knowledge_base(engine, project_taxonomy(project))
        log.info("%s", tagged.summary())
        new, changed = changed_works(engine, run.previous)
        digest: dict[str, str] = {}
        if digest_root is not None:
            folder = digest_root / f"{run.started_at:%Y-%m-%dT%H%M%S}-run{run.run_id}"
            digest = write_digest(engine, run, folder, new, changed, project_taxonomy(project))
        summary = {
            "run": run.run_id,
            "started_at": run.started_at.isoformat(),
            "since": run.previous.isoformat() if run.previous else None,
            "searches": [r.as_dict() for r in run.reports],
            "failed": run.errors,
            "reparse": reparsed.as_dict() if reparsed else None,
            "normalize": normalized.as_dict(),
            "tag": tagged.as_dict(),
            "new_works": len(new),
            "changed_works": len(changed),
            "new_work_ids": new,
            "changed_work_ids": changed,
            "digest": digest,
        }
        finish_update(engine, run, {"new_works": len(new), "changed_works": len(changed),
                                    "digest": digest})  # fmt: skip
        summary.update(status=run.status, exit_code=run.exit_code)
        summary["seconds"] = round(time.monotonic() - started, 2)
        if digest_root is not None:
            text = json.dumps(scrub_data(summary), indent=2, ensure_ascii=False).encode("utf-8")
            write_atomically(Path(digest["markdown"]).parent / "summary.json", text)
            if run.status == "success":  # latest.json always names a successful run
                write_atomically(digest_root / "latest.json", text)
    return summary


def render_summary(summary: dict[str, Any]) -> str:
    """Return the human summary of an update."""
    lines = [f"itb update run {summary['run']}: {summary['status']} in {summary['seconds']} s"]
    for search in summary["searches"]:
        lines.append(
            f"  {search['source']:<7} {search.get('search') or '':<16} retrieved "
            f"{search['retrieved']:,}: {search['new']:,} new, {search['updated']:,} updated, "
            f"{search['unchanged']:,} unchanged"
        )
    for failure in summary["failed"]:
        lines.append(f"  {failure['source']:<7} {failure['search']:<16} FAILED: {failure['error']}")
    if summary.get("reparse"):
        reparsed = summary["reparse"]
        lines.append(
            f"  stored records read again by this itb's parsers: {reparsed['changed']:,} of "
            f"{reparsed['versions']:,} with new fields"
        )
    lines.append(
        f"  works: {summary['new_works']:,} new, {summary['changed_works']:,} changed since "
        f"{summary['since'] or 'the first update'}"
    )
    if summary["digest"]:
        lines.append(f"  digest: {Path(summary['digest']['markdown']).parent}")
    return "\n".join(lines)


@shows_errors
def update_command(
    ctx: typer.Context,
    digest_dir: Annotated[
        Path | None,
        typer.Option(help="Where digests go (default: the project's digests/ folder)."),
    ] = None,
    no_digest: Annotated[bool, typer.Option("--no-digest", help="Write no digest.")] = False,
    full: Annotated[
        bool, typer.Option(help="Rerun whole searches instead of the incremental windows.")
    ] = False,
    log_file: Annotated[Path | None, typer.Option(help="Also append the log to this file.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The nightly job: every saved search of both sources, incrementally; normalize,
    deduplicate, link and tag what is new or changed; log; write a digest.

    Exit codes: 0 success (also when nothing is new), 4 partial (a source failed, the
    others were stored), 5 locked (another update runs), 75 temporary failure (retry
    later), 2 usage, 3 user or data error, 1 bug.
    """
    state = settings(ctx)
    handler = _file_handler(log_file) if log_file else None
    try:
        with state.knowledge_base() as (project, engine):
            if project is None or not project.searches:
                raise ConfigError("itb update needs a project with saved searches ([[search]])")
            root = None if no_digest else (digest_dir or project.root / "digests")
            summary = run_update(engine, project, root, full, state.quiet)
    finally:
        if handler is not None:
            for name in ("harvester", "kb", "queries"):
                logging.getLogger(name).removeHandler(handler)
            handler.close()
    typer.echo(
        json.dumps(scrub_data(summary), indent=2, ensure_ascii=False)
        if as_json
        else scrub(render_summary(summary))
    )
    for failure in summary["failed"]:
        typer.echo(f"Error: {failure['search']}: {failure['error']}", err=True)
    if summary["exit_code"]:
        raise typer.Exit(summary["exit_code"])


def _file_handler(path: Path) -> logging.Handler:
    try:
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot write the log file {path}: {error.strerror}") from error
    handler.setFormatter(logging.Formatter("%(asctime)s itb %(levelname)s %(message)s"))
    handler.addFilter(ScrubFilter())
    for name in ("harvester", "kb", "queries"):
        logging.getLogger(name).addHandler(handler)
    return handler


@shows_errors
def schedule_command(
    ctx: typer.Context,
    cron: Annotated[bool, typer.Option("--cron", help="Print a crontab line.")] = False,
    systemd: Annotated[
        bool, typer.Option("--systemd", help="Print a service and a timer.")
    ] = False,
    at: Annotated[str, typer.Option(help="Time of day, HH:MM (local time).")] = "03:15",
) -> None:
    """Print ready-to-install scheduling entries for the nightly `itb update`.

    The default hour (03:15 local time) keeps the job in NCBI's quiet hours for US users,
    which NCBI asks large jobs to use (evenings and weekends, US Eastern time).
    """
    if cron == systemd:
        raise ConfigError("choose one: --cron or --systemd")
    hour, _, minute = at.partition(":")
    if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
        raise ConfigError(f'--at takes HH:MM, not "{at}"')
    project = settings(ctx).project()
    assert project is not None
    itb = shutil.which("itb") or f"{sys.executable} -m queries.cli"
    root = shlex.quote(str(project.root))
    log_path = shlex.quote(str(project.root / "update.log"))
    if cron:
        typer.echo(
            f"# itb nightly update of {project.root} (install: crontab -e, paste this line)\n"
            f"{int(minute)} {int(hour)} * * * cd {root} && {itb} -q update "
            f"--log-file {log_path} >/dev/null"
        )
        return
    typer.echo(
        f"""# ~/.config/systemd/user/itb-update.service
[Unit]
Description=itb nightly update of {project.root}
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={project.root}
ExecStart={itb} -q update --log-file {project.root / "update.log"}
# 75 is a temporary failure (network, busy server): try again in a while.
RestartForceExitStatus=75
Restart=on-failure
RestartSec=30min
SuccessExitStatus=4

# ~/.config/systemd/user/itb-update.timer
[Unit]
Description=Run itb update every night

[Timer]
OnCalendar=*-*-* {int(hour):02d}:{int(minute):02d}:00
RandomizedDelaySec=15min
Persistent=true

[Install]
WantedBy=timers.target

# install: systemctl --user daemon-reload && systemctl --user enable --now itb-update.timer"""
    )
