"""What every itb command shares: settings from the global options, errors, output."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from sqlalchemy import Engine

from harvester.errors import EvidenceError
from harvester.secrets import scrub
from kb.project import Project, find_project_root, load_project
from kb.tagging.taxonomy import Taxonomy, load_taxonomy
from kb.workspace import open_knowledge_base

P = ParamSpec("P")
R = TypeVar("R")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]

log = logging.getLogger(__name__)


@dataclass
class Settings:
    """What the global options chose; the project is found when a command asks for it."""

    project_dir: Path | None = None
    db: str | None = None
    quiet: bool = False

    def project(self, required: bool = True) -> Project | None:
        """Return the project given by --project, or found at or above the current folder."""
        if self.project_dir is not None:
            return load_project(self.project_dir)
        try:
            return load_project(find_project_root(Path.cwd()))
        except EvidenceError:
            if required or self.db is None:
                raise
            return None

    @contextmanager
    def knowledge_base(self, auto_upgrade: bool = True) -> Iterator[tuple[Project | None, Engine]]:
        """Yield the project and an engine on its up-to-date database."""
        project = self.project(required=False)
        engine = open_knowledge_base(project, self.db, auto_upgrade=auto_upgrade)
        try:
            yield project, engine
        finally:
            engine.dispose()


def project_taxonomy(project: Project | None) -> Taxonomy:
    """Return the bundled taxonomy with the project's taxonomy.toml laid over it."""
    return load_taxonomy(project.taxonomy_path if project is not None else None)


def refresh(engine: Engine, project: Project | None) -> None:
    """Bring works, studies and tags up to date with what was stored; log what was done."""
    from kb.works import normalize_knowledge_base

    log.info("%s", normalize_knowledge_base(engine).summary())
    retag(engine, project)


def retag(engine: Engine, project: Project | None) -> None:
    """Tag the works whose records changed (after a merge or split too); log what was done."""
    from kb.tag_store import tag_knowledge_base

    log.info("%s", tag_knowledge_base(engine, project_taxonomy(project)).summary())


def shows_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an EvidenceError into one line on stderr and its exit code; bugs keep tracebacks."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except EvidenceError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def settings(ctx: typer.Context) -> Settings:
    """Return the Settings the main callback stored on the context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def print_data(data: Any, as_json: bool, render: Callable[[Any], str]) -> None:
    """Print DATA as JSON when asked, else in its human form."""
    text = json.dumps(data, indent=2, ensure_ascii=False) if as_json else render(data)
    typer.echo(scrub(text))
