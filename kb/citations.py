"""Citation keys, assigned once and kept for good, and the log entry of every export."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, bindparam, update
from sqlmodel import Session, col, select

from kb.database import among, session_scope
from kb.models import SearchRunRow, WorkRow, utcnow
from kb.query import WorkView

_STOP = {"a", "an", "the", "of", "on", "in", "for", "to", "with", "and", "by", "from", "at"}


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ø", "o"))
    return "".join(c for c in folded if c.isascii()).lower()


def key_stem(view: WorkView) -> str:
    """Return the key a work would get before collisions: "smith2019intrathecal"."""
    if view.kind == "registration" and view.nct_id:
        return view.nct_id.lower()
    author = view.authors[0] if view.authors else {}
    if author.get("family"):
        name = str(author["family"])
    elif author.get("collective"):
        name = str(author["collective"]).split()[0]
    else:
        name = "anon"
    words = re.findall(r"[a-z0-9]+", _ascii(view.title))
    word = next((w for w in words if w not in _STOP), "")
    stem = re.sub(r"[^a-z0-9]", "", _ascii(name)) or "anon"
    return f"{stem}{view.year or 'nd'}{word}"


def assign_citation_keys(session: Session, views: Sequence[WorkView]) -> None:
    """Give every work of VIEWS without a key its key (collisions get a, b, ... in order of
    assignment) and store it; keys already given never change."""
    missing = sorted((v for v in views if not v.citation_key), key=lambda v: v.work_id)
    if not missing:
        return
    taken = {k for k in session.exec(select(WorkRow.citation_key)).all() if k}
    unique_keys(missing, taken)
    updates = [{"work_id": v.work_id, "key": v.citation_key} for v in missing]
    table = WorkRow.__table__  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.c.id == bindparam("work_id"), table.c.citation_key.is_(None))
        .values(citation_key=bindparam("key"))
    )
    session.connection().execute(statement, updates)


def unique_keys(views: Sequence[WorkView], taken: set[str]) -> None:
    """Give every view of VIEWS without a key one that is not in TAKEN (collisions get a,
    b, ... in the order of VIEWS); TAKEN grows with the keys given."""
    # The next suffix to try for each stem: n works sharing a stem cost O(n), not O(n^2).
    next_suffix: dict[str, int] = {}
    for view in views:
        if view.citation_key:
            continue
        stem = key_stem(view)
        key, suffix = stem, next_suffix.get(stem, 0)
        if suffix or key in taken:
            key = stem + _suffix(suffix)
            suffix += 1
            while key in taken:
                key = stem + _suffix(suffix)
                suffix += 1
        next_suffix[stem] = suffix
        taken.add(key)
        view.citation_key = key


def _suffix(number: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def log_export(
    session: Session,
    *,
    export_format: str,
    filters: dict[str, Any],
    written: int,
    skipped: list[dict[str, Any]],
    target: str,
    sha256: str,
    size: int,
) -> int:
    """Add the export to the search log; return its run id."""
    now = utcnow()
    run = SearchRunRow(
        kind="export",
        source="export",
        database_name=export_format,
        interface=f"itb export --format {export_format}",
        params=filters,
        started_at=now,
        finished_at=now,
        status="success",
        retrieved=written,
        new=written,
        failed=len(skipped),
        details={"file": target, "sha256": sha256, "bytes": size, "skipped": skipped[:100]},
    )
    session.add(run)
    session.flush()
    assert run.id is not None
    return run.id


def last_exports(session: Session, limit: int = 20) -> list[SearchRunRow]:
    """Return the latest exports, newest first."""
    return list(
        session.exec(
            select(SearchRunRow)
            .where(SearchRunRow.kind == "export")
            .order_by(col(SearchRunRow.id).desc())
            .limit(limit)
        ).all()
    )


def store_missing_keys(engine: Engine, views: Sequence[WorkView]) -> None:
    """Give the works of VIEWS without a citation key theirs, in one write transaction, and
    set each view's key to the one stored (another export may have given it first)."""
    missing = [v for v in views if not v.citation_key]
    if not missing:
        return
    with session_scope(engine, write=True) as session:
        assign_citation_keys(session, missing)
        ids = [v.work_id for v in missing]
        stored = dict(
            session.exec(
                select(WorkRow.id, WorkRow.citation_key).where(among(session, col(WorkRow.id), ids))
            ).all()
        )
    for view in missing:
        view.citation_key = stored.get(view.work_id) or view.citation_key
