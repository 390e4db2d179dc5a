"""The itb command line: thin commands over kb and harvester library functions.

Commands load on demand: `itb --help` imports no command module (it lists the one-line
descriptions kept in COMMANDS), and `itb table` imports the table's module and what it
uses, not the harvesters, the update job or the plotting library."""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from queries.entry import version_text

# name -> (module, attribute, its one-line description as `itb --help` lists it). The
# attribute is a command function or a typer.Typer of subcommands. The order is the
# order of the help: set up, fetch, decide, tag, look, write.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("queries.project_commands", "init_command",
             "Create a project: itb.toml with the default saved searches, and its knowledge "
             "base."),
    "status": ("queries.project_commands", "status_command",
               "Show the project, its database, row counts and saved searches."),
    "db": ("queries.project_commands", "db_app",
           "Create, inspect and upgrade the knowledge base's database."),
    "harvest": ("queries.harvest", "harvest_app",
                "Fetch records into the knowledge base: every saved search of both sources, "
                "or one source (pubmed, ctgov). Each run is logged."),
    "import": ("queries.imports", "import_command",
               "Import MEDLINE/.nbib, PubMed XML or CSV, RIS, ClinicalTrials.gov JSON or CSV, "
               "BibTeX, CSL JSON, CSV."),
    "update": ("queries.update", "update_command",
               "The nightly job: every saved search of both sources, incrementally; normalize, "
               "deduplicate, link and tag what is new or changed; log; write a digest."),
    "schedule": ("queries.update", "schedule_command",
                 "Print ready-to-install scheduling entries for the nightly `itb update`."),
    "normalize": ("queries.project_commands", "normalize_command",
                  "Normalize new and changed records, find their duplicates, update works and "
                  "studies."),
    "dedup": ("queries.dedup_review", "dedup_app",
              "Decide uncertain duplicates (a verdict is never overridden) and undo merges."),
    "dedupe": ("queries.dedupe", "dedupe_command",
               "Find duplicates across exported files, without a knowledge base."),
    "tag": ("queries.tagging", "tag_app",
            "Tag new and changed works (--all: every work), or correct a tag by hand."),
    "explain": ("queries.tagging", "explain_command",
                "Show each tag of WORK with the field and words behind it, and each negated "
                "mention."),
    "taxonomy": ("queries.tagging", "taxonomy_app",
                 "Check and list the tagging vocabulary (taxonomy.toml)."),
    "table": ("queries.tables", "table_command",
              "Characteristics of studies: one row per work, or per study with --study."),
    "map": ("queries.maps", "map_command",
            "Evidence map: works (or studies, --study) for each pair of ids of two facets."),
    "chart": ("queries.maps", "chart_command",
              "Works (or studies, --study) per publication year by design, as stacked bars."),
    "show": ("queries.reports", "show_command",
             "The whole story of one work: fields, source records and versions, duplicates "
             "and why, study links, tags with evidence."),
    "log": ("queries.reports", "log_command",
            "The search log: every search, import, export and update with its PRISMA-S "
            "items."),
    "prisma": ("queries.reports", "prisma_command",
               "PRISMA 2020 identification counts: per database and register, duplicates "
               "removed, records after deduplication, new since the last run; the flow diagram "
               "with -o FILE."),
    "report": ("queries.reports", "report_command",
               "One self-contained HTML page for people: headline counts, the PRISMA diagram, "
               "the evidence map, works per year by design, registrations, and the evidence "
               "table."),
    "export": ("queries.export", "export_command",
               "Export citations (RIS, MEDLINE/nbib, BibTeX, BibLaTeX, CSL-JSON, CSV, JSONL), "
               "or a formatted reference list (text, in a CSL style)."),
    "demo": ("queries.demo", "demo_command",
             "Run the main job offline on a bundled SAMPLE corpus: a project, a local replay "
             "server, two real updates, the evidence table and map, exports, a digest, the "
             "report page and pictures."),
}  # fmt: skip


def _value_names_for_people() -> None:
    """Make help name values as people read them (--format FORMAT, --raw, FILES) instead of
    the Python types Typer 0.2x prints (<str>, <bool>, <list[Path]>): one override of the
    method both help layouts ask, for options and arguments alike. (Typer offers no setting
    for it; a per-option metavar would not reach arguments or --help.)"""
    from typer import core

    def value_name(param: Any, ctx: Any) -> str:
        if param.param_type_name != "option" or param.is_flag or param.count:
            return ""  # a flag takes no value; an argument's own name says what it is
        names = [o for o in param.opts if o.startswith("--")] or list(param.opts)
        return str(names[0].lstrip("-").upper())

    for kind in (core.TyperOption, core.TyperArgument):
        if hasattr(kind, "display_type"):
            kind.display_type = value_name  # type: ignore[method-assign,assignment]


_value_names_for_people()


def load_command(name: str) -> Any:
    """Return the click command of NAME, importing its module now."""
    module, attribute, _ = COMMANDS[name]
    found = getattr(import_module(module), attribute)
    command: Any
    if isinstance(found, typer.Typer):
        command = typer.main.get_group(found)
    else:
        single = typer.Typer(add_completion=False)
        single.command(name)(found)
        command = typer.main.get_command(single)
    command.name = name
    return command


class LazyGroup(TyperGroup):
    """The top-level group: lists COMMANDS from their descriptions and imports a command's
    module only when that command runs (or its own help is asked for)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        # Stand-ins carrying each command's description: the help lists them, and
        # "did you mean" suggestions read their names.
        self.commands = {
            name: TyperCommand(name=name, help=text) for name, (_, _, text) in COMMANDS.items()
        }
        self._loaded: dict[str, Any] = {}
        self._listing = False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if self._listing:
            return self.commands[cmd_name]
        if cmd_name not in self._loaded:
            self._loaded[cmd_name] = load_command(cmd_name)
        return self._loaded[cmd_name]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="itb",
    cls=LazyGroup,
    help="itb: a living evidence knowledge base on intrathecal baclofen (ITB) therapy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit()


def _configure_logging(verbose: int, quiet: bool) -> None:
    from harvester.secrets import ScrubFilter

    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("itb: %(message)s"))
    handler.addFilter(ScrubFilter())
    for name in ("harvester", "kb", "queries"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


@app.callback()
def main(
    ctx: typer.Context,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project", envvar="ITB_PROJECT", help="Project folder (default: found upwards)."
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="ITB_DATABASE_URL",
            help="Database URL, overriding itb.toml (sqlite:///FILE or postgresql://...).",
            show_envvar=True,
        ),
    ] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Warnings and errors only.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """itb: a living evidence knowledge base on intrathecal baclofen (ITB) therapy."""
    from harvester.secrets import register_environment
    from queries.common import Settings

    register_environment()
    _configure_logging(verbose, quiet)
    ctx.obj = Settings(project_dir=project, db=db, quiet=quiet)


if __name__ == "__main__":
    app()
