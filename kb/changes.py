"""What changed in a work since a moment: each member record's newest version against the
version it had then (status, enrollment, title, retraction), and records new to the work.
Read from the kept versions, so the answer is the same whenever it is asked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from kb.database import session_scope
from kb.models import RecordVersionRow, SourceRecordRow
from kb.registry_terms import status_words


def _enrollment(fields: dict[str, Any]) -> str | None:
    value = fields.get("enrollment")
    if isinstance(value, dict) and value.get("count") is not None:
        kind = str(value.get("type") or "").lower()
        return f"{value['count']}" + (f" ({kind})" if kind else "")
    return None


def _status(fields: dict[str, Any]) -> str | None:
    value = fields.get("overall_status")
    return status_words(value) if value else None


def describe_change(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Return what differs between two parsed versions of one record, as people say it."""
    changes = []
    for name, read in (("status", _status), ("enrollment", _enrollment)):
        old, new = read(before), read(after)
        if old != new and (old or new):
            changes.append(f"{name}: {old or 'none'} -> {new or 'none'}")
    if bool(after.get("retracted")) and not bool(before.get("retracted")):
        changes.append("retracted")
    if (before.get("title") or "") != (after.get("title") or ""):
        changes.append("title changed")
    return changes


def work_changes(
    engine: Engine, work_ids: Sequence[int], since: datetime | None
) -> dict[int, list[str]]:
    """Return work id -> what changed since SINCE: one line per change of a member record
    (status, enrollment, retraction, title), "new record from SOURCE" for a record first
    seen since, "updated (no field shown here changed)" when nothing else tells."""
    found: dict[int, list[str]] = {w: [] for w in work_ids}
    if not work_ids or since is None:
        return found
    wanted = set(work_ids)
    with session_scope(engine, snapshot=True) as session:
        records = session.exec(
            select(SourceRecordRow).where(col(SourceRecordRow.work_id).in_(wanted))
        ).all()
        by_id = {r.id: r for r in records}
        versions: dict[int, list[RecordVersionRow]] = {}
        for version in session.exec(
            select(RecordVersionRow)
            .where(col(RecordVersionRow.source_record_id).in_(list(by_id)))
            .order_by(col(RecordVersionRow.source_record_id), col(RecordVersionRow.version))
        ).all():
            versions.setdefault(version.source_record_id, []).append(version)
    for record_id, record in by_id.items():
        assert record.work_id is not None and record_id is not None
        lines = found[record.work_id]
        kept = versions.get(record_id, [])
        if record.first_seen_at >= since:
            lines.append(f"new record from {record.source_name} ({record.source_key})")
            continue
        before = [v for v in kept if v.fetched_at < since]
        after = kept[-1] if kept else None
        if not before or after is None or after is before[-1]:
            continue
        for change in describe_change(before[-1].fields or {}, after.fields or {}):
            lines.append(f"{change} ({record.source_name})")
    for lines in found.values():
        if not lines:
            lines.append("updated (its tags or links changed)")
    return found
