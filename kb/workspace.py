"""A project and its knowledge base together: create one, open one, describe one."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlmodel import col, select

from harvester.errors import DatabaseError
from harvester.parser_version import parser_version
from kb.database import (
    check_schema,
    ensure_schema,
    open_engine,
    parse_url,
    safe_url,
    schema_state,
    session_scope,
)
from kb.database import upgrade as upgrade_schema
from kb.models import SavedSearchRow, SearchRunRow
from kb.project import (
    CONFIG_NAME,
    Project,
    database_url,
    init_project,
    load_project,
    resolve_sqlite_path,
)
from kb.store import count_rows, parsers_behind, save_saved_searches

log = logging.getLogger(__name__)


def create_project(folder: Path, db_url: str | None = None, email: str | None = None) -> Project:
    """Create a project folder with its itb.toml and an up-to-date knowledge base.

    All or nothing: when the database cannot be set up, the files made are removed again.
    """
    stored_url = _url_for_config(db_url) if db_url else None
    existed = folder.exists()
    config = init_project(folder, stored_url, email)
    project = load_project(folder)
    sqlite_file = _sqlite_file(db_url or project.database_url, folder)
    had_sqlite = sqlite_file is not None and sqlite_file.exists()
    try:
        engine = open_engine(db_url or project.database_url)
        try:
            upgrade_schema(engine)
            with session_scope(engine) as session:
                save_saved_searches(session, project.searches)
        finally:
            engine.dispose()
    except BaseException:
        config.unlink(missing_ok=True)
        if sqlite_file is not None and not had_sqlite:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(f"{sqlite_file}{extra}").unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return project


def _url_for_config(url: str) -> str:
    """Return URL fit to be written into itb.toml: as the user wrote it, but no password."""
    parsed = parse_url(url)
    if not parsed.password:
        return url.strip()
    log.warning(
        "the database password is not written to %s; give it with PGPASSWORD, "
        "~/.pgpass or ITB_DATABASE_URL",
        CONFIG_NAME,
    )
    without = URL.create(
        drivername=make_url(url.strip()).drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return without.render_as_string(hide_password=False)


def _sqlite_file(url: str, root: Path) -> Path | None:
    parsed = parse_url(resolve_sqlite_path(url, root.resolve()))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def open_knowledge_base(
    project: Project | None, db_override: str | None = None, auto_upgrade: bool = True
) -> Engine:
    """Return an engine on the project's database, its schema brought up to date."""
    url = database_url(project, db_override)
    sqlite_file = _sqlite_file(url, project.root if project else Path.cwd())
    if sqlite_file is not None and not sqlite_file.exists():
        raise DatabaseError(
            f'no knowledge base at {sqlite_file}; run "itb db upgrade" to create an empty one'
        )
    engine = open_engine(url)
    try:
        ensure_schema(engine, auto_upgrade=auto_upgrade)
        if project is not None:
            with session_scope(engine) as session:
                save_saved_searches(session, project.searches)
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade_knowledge_base(
    project: Project | None, db_override: str | None = None
) -> dict[str, Any]:
    """Create or upgrade the schema of the project's database; return what was done."""
    url = database_url(project, db_override)
    engine = open_engine(url)
    try:
        before = upgrade_schema(engine)
        if project is not None:
            with session_scope(engine) as session:
                save_saved_searches(session, project.searches)
    finally:
        engine.dispose()
    return {"database": safe_url(url), "from": before.current, "to": before.head}


def schema_report(project: Project | None, db_override: str | None = None) -> dict[str, Any]:
    """Return where the database's schema stands, changing nothing."""
    url = database_url(project, db_override)
    engine = open_engine(url)
    try:
        state = check_schema(engine)
    finally:
        engine.dispose()
    return {
        "database": safe_url(url),
        "engine": engine.dialect.name,
        "current": state.current,
        "newest": state.head,
        "up_to_date": state.up_to_date,
    }


def describe(engine: Engine, project: Project | None) -> dict[str, Any]:
    """Return the state of a knowledge base: schema, row counts, saved searches."""
    state = schema_state(engine)
    with session_scope(engine) as session:
        counts = count_rows(session)
        searches = []
        for search in session.exec(select(SavedSearchRow).order_by(col(SavedSearchRow.name))):
            last = session.exec(
                select(SearchRunRow.finished_at)
                .where(SearchRunRow.saved_search_id == search.id, SearchRunRow.status == "success")
                .order_by(col(SearchRunRow.finished_at).desc())
                .limit(1)
            ).first()
            searches.append(
                {
                    "name": search.name,
                    "source": search.source,
                    "query": search.query,
                    "params": search.params or {},
                    "last_success": last.isoformat() if last else None,
                }
            )
    return {
        "project": str(project.root) if project else None,
        "database": safe_url(engine.url),
        "engine": engine.dialect.name,
        "schema": {"current": state.current, "newest": state.head},
        "parsers": {"version": parser_version(), "up_to_date": not parsers_behind(engine)},
        "counts": counts,
        "searches": searches,
    }
