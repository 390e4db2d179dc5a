"""Rows in and out: RawRecord -> source_record/record_version, saved searches, counts.

The one place where records become rows. A record that changed gains a new version, and
the same record in another format a new rendering (a version too, current only when it is at
least as rich); nothing is overwritten and nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from harvester.parser_version import parser_version
from harvester.records import RawRecord
from kb.database import among, insert_rows, session_scope
from kb.models import (
    KbSettingRow,
    RecordVersionRow,
    SavedSearchRow,
    SearchRunRow,
    SourceRecordRow,
    utcnow,
)
from kb.project import SavedSearch


class SaveOutcome(StrEnum):
    """What saving a raw record did."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    RENDERING = "rendering"  # the same record in another format: kept beside, not an update


# How much of a record each format carries, richest first: PubMed XML over its MEDLINE text
# (ASCII transliterations, fewer fields), the registry's JSON over its website CSV, and any
# of these over a reference manager's RIS, BibTeX or CSV. A record received again in another
# format is a new rendering: stored as received, and the current version only when it is at
# least as rich as the one the record has.
RENDERING_RANK = {
    "pubmed-xml": 0, "ctgov-json": 0, "medline": 1, "ctgov-csv": 1, "pubmed-csv": 2,
}  # fmt: skip
OTHER_RANK = 3
CHUNK = 5000  # ids per statement (PostgreSQL takes at most 65,535 parameters)
_SOURCE_RECORDS = SourceRecordRow.__table__  # type: ignore[attr-defined]
_VERSIONS = RecordVersionRow.__table__  # type: ignore[attr-defined]


def rendering_rank(raw_format: str | None) -> int:
    """Return how rich a format is (0: the richest); formats not listed come last."""
    return RENDERING_RANK.get(raw_format or "", OTHER_RANK)


def save_raw_record(
    session: Session, raw: RawRecord, run_id: int | None = None
) -> tuple[SourceRecordRow, SaveOutcome]:
    """Store RAW as a new record or a new version of a known one; return the row and outcome."""
    ((record_id, outcome),) = save_raw_records(session, [raw], run_id)
    row = session.get(SourceRecordRow, record_id, populate_existing=True)
    assert row is not None
    return row, outcome


def save_raw_records(
    session: Session, records: Sequence[RawRecord], run_id: int | None = None
) -> list[tuple[int, SaveOutcome]]:
    """Store a batch of records as save_raw_record does, in a few set-wise statements.

    Returns (source_record id, outcome) per record, in order. A key twice in one batch
    counts as a record and then its update.
    """
    results: list[tuple[int, SaveOutcome]] = []
    known = _known_records(session, [(r.source, r.source_name, r.source_key) for r in records])
    new_rows: list[dict[str, Any]] = []
    pending: list[tuple[RawRecord, str]] = []
    changed: dict[int, dict[str, Any]] = {}
    versions: list[tuple[tuple[str, str, str], RawRecord, int, str]] = []
    regather: set[tuple[str, str, str]] = set()
    for record in records:
        key = (record.source, record.source_name, record.source_key)
        digest = record.content_hash
        state = known.get(key)
        if state is None:
            known[key] = {
                "id": None, "version": 1, "hash": digest, "last": record.fetched_at,
                "format": record.raw_format, "latest": 1, "hashes": {digest},
            }  # fmt: skip
            new_rows.append(
                {
                    "source": record.source,
                    "source_name": record.source_name,
                    "source_key": record.source_key,
                    "content_hash": digest,
                    "current_version": 1,
                    "first_seen_at": record.fetched_at,
                    "last_seen_at": record.fetched_at,
                    "status": "active",
                }
            )
            pending.append((record, "new"))
            versions.append((key, record, 1, digest))
            continue
        state["last"] = max(state["last"], record.fetched_at)
        other = record.raw_format != state["format"]
        if state["hash"] == digest or (other and digest in state["hashes"]):
            pending.append((record, "unchanged"))  # this version, or this rendering, is stored
        else:
            state["latest"] += 1
            state["hashes"].add(digest)
            versions.append((key, record, state["latest"], digest))
            if not other or rendering_rank(record.raw_format) <= rendering_rank(state["format"]):
                state["version"], state["hash"] = state["latest"], digest
                state["format"] = record.raw_format
            else:  # a poorer rendering may still fill a gap: normalize the record again
                regather.add(key)
            pending.append((record, "rendering" if other else "updated"))
        if state["id"] is not None:
            changed[state["id"]] = {
                "id": state["id"],
                "current_version": state["version"],
                "content_hash": state["hash"],
                "last_seen_at": state["last"],
                "status": "active",
            }
    if new_rows:
        ids = insert_rows(session.connection(), _SOURCE_RECORDS, new_rows, ids=True)
        for row, record_id in zip(new_rows, ids, strict=True):
            known[(row["source"], row["source_name"], row["source_key"])]["id"] = record_id
    if changed:
        session.execute(update(SourceRecordRow), list(changed.values()))
    _resync_new(session, known, new_rows)
    stale = sorted(known[key]["id"] for key in regather if known[key]["id"] is not None)
    if stale:
        session.execute(
            update(SourceRecordRow)
            .where(among(session, col(SourceRecordRow.id), stale))
            .values(canonical_hash=None)
        )
    if versions:
        insert_rows(
            session.connection(),
            _VERSIONS,
            [
                {
                    "source_record_id": known[key]["id"],
                    "version": number,
                    "fetched_at": record.fetched_at,
                    "content_hash": digest,
                    "source_version": record.source_version,
                    "raw_format": record.raw_format,
                    "raw_payload": record.raw_payload,
                    "fields": dict(record.fields),
                    "run_id": run_id,
                }
                for key, record, number, digest in versions
            ],
        )
    for record, outcome in pending:
        key = (record.source, record.source_name, record.source_key)
        results.append((known[key]["id"], SaveOutcome(outcome)))
    return results


def _known_records(
    session: Session, keys: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Return the stored state of (source, source name, key)s: id, version, hash, last seen."""
    groups: dict[tuple[str, str], set[str]] = {}
    for source, name, key in keys:
        groups.setdefault((source, name), set()).add(key)
    known: dict[tuple[str, str, str], dict[str, Any]] = {}
    for (source, name), wanted in groups.items():
        rows = session.execute(
            sa_select(
                col(SourceRecordRow.id),
                col(SourceRecordRow.source_key),
                col(SourceRecordRow.current_version),
                col(SourceRecordRow.content_hash),
                col(SourceRecordRow.last_seen_at),
            ).where(
                col(SourceRecordRow.source) == source,
                col(SourceRecordRow.source_name) == name,
                among(session, col(SourceRecordRow.source_key), sorted(wanted)),
            )
        )
        for row_id, key, version, digest, last in rows:
            known[(source, name, key)] = {
                "id": row_id,
                "version": version,
                "hash": digest,
                "last": last,
                "format": None,
                "latest": version,
                "hashes": {digest},
            }
    by_id = {state["id"]: state for state in known.values()}
    ids = sorted(by_id)
    for start in range(0, len(ids), CHUNK):
        for record_id, version, digest, raw_format in session.execute(
            sa_select(
                col(RecordVersionRow.source_record_id),
                col(RecordVersionRow.version),
                col(RecordVersionRow.content_hash),
                col(RecordVersionRow.raw_format),
            ).where(
                among(session, col(RecordVersionRow.source_record_id), ids[start : start + CHUNK])
            )
        ):
            state = by_id[record_id]
            state["hashes"].add(digest)
            state["latest"] = max(state["latest"], version)
            if version == state["version"]:
                state["format"] = raw_format
    return known


def _resync_new(
    session: Session,
    known: dict[tuple[str, str, str], dict[str, Any]],
    new_rows: list[dict[str, Any]],
) -> None:
    """Bring rows inserted in this batch to their final version when the batch updated them."""
    updates = [
        {
            "id": known[(r["source"], r["source_name"], r["source_key"])]["id"],
            "current_version": state["version"],
            "content_hash": state["hash"],
            "last_seen_at": state["last"],
        }
        for r in new_rows
        if (state := known[(r["source"], r["source_name"], r["source_key"])])["version"] > 1
        or state["last"] != r["last_seen_at"]
    ]
    if updates:
        session.execute(update(SourceRecordRow), updates)


def close_run(
    session: Session,
    run_id: int,
    status: str,
    error: str | None,
    details: dict[str, Any],
    **counts: int,
) -> None:
    """Record how a search-log run ended: status, error, counters, and details merged in."""
    run = session.get(SearchRunRow, run_id)
    assert run is not None, f"no search run {run_id}"
    run.status, run.error, run.finished_at = status, error, utcnow()
    for name, value in counts.items():
        setattr(run, name, value)
    run.details = {**(run.details or {}), **details}


def count_outcomes(saved: Iterable[tuple[int, SaveOutcome]]) -> tuple[int, int, int, int]:
    """Return how many of SAVED were (new, updated, unchanged, another rendering)."""
    outcomes = [outcome for _, outcome in saved]
    return (
        outcomes.count(SaveOutcome.NEW),
        outcomes.count(SaveOutcome.UPDATED),
        outcomes.count(SaveOutcome.UNCHANGED),
        outcomes.count(SaveOutcome.RENDERING),
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


# kb_setting: the version of the parsers that read every stored record (harvester.parser_version)
PARSER_KEY = "parser_version"


def parsed_with(session: Session) -> str | None:
    """Return the version of the parsers that last read every stored record (None: unknown,
    a knowledge base made before itb kept it)."""
    row = session.get(KbSettingRow, PARSER_KEY)
    return row.value if row is not None else None


def stamp_parsers(session: Session) -> None:
    """Record that this itb's parsers read every stored record."""
    row = session.get(KbSettingRow, PARSER_KEY)
    if row is None:
        session.add(KbSettingRow(key=PARSER_KEY, value=parser_version()))
    elif row.value != parser_version():
        row.value, row.updated_at = parser_version(), utcnow()
    session.flush()


def parsers_behind(engine: Engine) -> bool:
    """Whether stored records were read by other parsers than this itb's (an upgrade since):
    `itb db reparse`, or the next `itb update` by itself, reads them again."""
    with session_scope(engine) as session:
        if parsed_with(session) == parser_version():
            return False
        return session.exec(select(RecordVersionRow.id).limit(1)).first() is not None
