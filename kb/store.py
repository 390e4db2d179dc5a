"""Rows in and out: RawRecord -> source_record/record_version, saved searches, counts.

The one place where records become rows. A record that changed gains a new version;
nothing is overwritten and nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from harvester.records import RawRecord
from kb.models import RecordVersionRow, SavedSearchRow, SourceRecordRow, utcnow
from kb.project import SavedSearch


class SaveOutcome(StrEnum):
    """What saving a raw record did."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def save_raw_record(
    session: Session, raw: RawRecord, run_id: int | None = None
) -> tuple[SourceRecordRow, SaveOutcome]:
    """Store RAW as a new record or a new version of a known one; return the row and outcome."""
    row = session.exec(
        select(SourceRecordRow).where(
            SourceRecordRow.source == raw.source,
            SourceRecordRow.source_name == raw.source_name,
            SourceRecordRow.source_key == raw.source_key,
        )
    ).first()
    if row is None:
        row = SourceRecordRow(
            source=raw.source,
            source_name=raw.source_name,
            source_key=raw.source_key,
            content_hash=raw.content_hash,
            first_seen_at=raw.fetched_at,
            last_seen_at=raw.fetched_at,
        )
        session.add(row)
        session.flush()
        session.add(_version_row(row, raw, run_id))
        return row, SaveOutcome.NEW
    row.last_seen_at = max(row.last_seen_at, raw.fetched_at)
    row.status = "active"
    if row.content_hash == raw.content_hash:
        return row, SaveOutcome.UNCHANGED
    row.current_version += 1
    row.content_hash = raw.content_hash
    session.add(_version_row(row, raw, run_id))
    return row, SaveOutcome.UPDATED


def _version_row(row: SourceRecordRow, raw: RawRecord, run_id: int | None) -> RecordVersionRow:
    assert row.id is not None
    return RecordVersionRow(
        source_record_id=row.id,
        version=row.current_version,
        fetched_at=raw.fetched_at,
        content_hash=raw.content_hash,
        source_version=raw.source_version,
        raw_format=raw.raw_format,
        raw_payload=raw.raw_payload,
        fields=dict(raw.fields),
        run_id=run_id,
    )


def load_versions(session: Session, record: SourceRecordRow) -> list[RecordVersionRow]:
    """Return every stored version of RECORD, oldest first."""
    return list(
        session.exec(
            select(RecordVersionRow)
            .where(RecordVersionRow.source_record_id == record.id)
            .order_by(col(RecordVersionRow.version))
        )
    )


def save_saved_searches(session: Session, searches: Iterable[SavedSearch]) -> list[SavedSearchRow]:
    """Store the saved searches of itb.toml by name (query changes update the row)."""
    rows = []
    for search in searches:
        row = session.exec(select(SavedSearchRow).where(SavedSearchRow.name == search.name)).first()
        params = dict(search.params)
        if row is None:
            row = SavedSearchRow(
                name=search.name, source=search.source, query=search.query, params=params
            )
            session.add(row)
        elif (row.source, row.query, row.params or {}) != (search.source, search.query, params):
            row.source, row.query, row.params = search.source, search.query, params
            row.updated_at = utcnow()
        rows.append(row)
    session.flush()
    return rows


def count_rows(session: Session) -> dict[str, int]:
    """Return the number of rows of every table, by table name."""
    counts: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        counts[table.name] = session.execute(select(func.count()).select_from(table)).scalar_one()
    return counts
