"""Stored records read again from their raw payloads by today's parsers (`itb db reparse`).

A record's payload is kept exactly as received; its fields are what the parser of the day
read from it. A knowledge base made before a parser learnt something (an author's "Jr", a
MEDLINE file's affiliations) keeps the old reading until its records are read again: this
reads every stored version's payload again and, where today's fields differ, writes them
and marks the record to be normalized again (its canonical form, duplicates and work follow
on the next normalization, and its tags on the next tagging). Payloads, versions, verdicts
and tag corrections are not touched. A payload that cannot be read alone keeps its fields
and is reported. One transaction: all of it is written, or nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from harvester.reparse import NotReadable, reparse
from kb.collector import collector_paused
from kb.database import among, session_scope
from kb.models import RecordVersionRow, SourceRecordRow
from kb.store import stamp_parsers

log = logging.getLogger(__name__)

CHUNK = 1000  # versions read per statement: payloads run to a few hundred KB
EXAMPLES = 5  # unreadable payloads named in the report
_VERSIONS = RecordVersionRow.__table__  # type: ignore[attr-defined]
_RECORDS = SourceRecordRow.__table__  # type: ignore[attr-defined]


@dataclass
class ReparseReport:
    """What reading the stored payloads again found and did."""

    versions: int = 0
    changed: int = 0
    records: int = 0
    unreadable: int = 0
    by_format: dict[str, dict[str, int]] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)
    examples: list[dict[str, str]] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data (for --json)."""
        return {
            "versions": self.versions,
            "changed": self.changed,
            "records": self.records,
            "unreadable": self.unreadable,
            "by_format": self.by_format,
            "fields": self.fields,
            "unreadable_examples": self.examples,
            "written": self.written,
        }

    def headline(self) -> str:
        """Return the summary's first line."""
        return (
            f"{self.versions:,} stored versions read again: {self.changed:,} with new fields, "
            f"{self.unreadable:,} unreadable alone"
            + ("" if self.changed or self.unreadable else "; nothing to do")
        )

    def summary(self) -> str:
        """Return the human summary: a line, then one per changed field and unreadable one."""
        lines = [self.headline()]
        if self.changed:
            lines.append(
                f"fields read again ({self.records:,} records to normalize again):"
                if self.written
                else f"fields that would change in {self.records:,} records (--dry-run):"
            )
            lines += [f"  {name:<24} {count:>9,}" for name, count in self.fields.items()]
        for example in self.examples:
            lines.append(
                f"kept as stored: {example['format']} record {example['record']} "
                f"(version {example['version']}): {example['reason']}"
            )
        return "\n".join(lines)


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    """Return FIELDS as the JSON column gives them back (tuples as lists, and so on), through
    the column's own serializer (orjson: a tenth of the stdlib's time on a parsed article)."""
    return dict(orjson.loads(orjson.dumps(fields)))


def reparse_knowledge_base(
    engine: Engine, dry_run: bool = False, progress: Callable[[int, int], None] | None = None
) -> ReparseReport:
    """Read every stored version's payload again with today's parsers; write the fields that
    differ and mark their records for normalization (unless DRY_RUN). PROGRESS is called with
    (versions read, versions stored) after each chunk."""
    report = ReparseReport()
    fields_changed: Counter[str] = Counter()
    records: set[int] = set()
    with collector_paused(), session_scope(engine, snapshot=True, write=not dry_run) as session:
        total = session.connection().execute(select(func.count()).select_from(_VERSIONS)).scalar()
        last = 0
        while True:
            chunk = _chunk(session, last)
            if not chunk:
                break
            last = chunk[-1][0]
            writes = _read_again(chunk, report, fields_changed)
            records.update(rid for _, rid, _ in writes)
            if writes and not dry_run:
                _write(session, writes)
            if progress is not None:
                progress(report.versions, int(total or 0))
        if dry_run:
            session.rollback()
        else:
            stamp_parsers(session)
    report.records = len(records)
    report.fields = dict(fields_changed.most_common())
    report.written = not dry_run and report.changed > 0
    log.debug(
        "reparse: %d versions, %d changed, %d unreadable", report.versions, report.changed,
        report.unreadable,
    )  # fmt: skip
    return report


def _chunk(session: Session, after: int) -> list[Any]:
    v, r = _VERSIONS, _RECORDS
    return list(
        session.connection().execute(
            select(
                v.c.id,
                v.c.source_record_id,
                v.c.version,
                v.c.raw_format,
                v.c.raw_payload,
                v.c.fields,
                r.c.source_name,
                r.c.source_key,
            )  # fmt: skip
            .join(r, r.c.id == v.c.source_record_id)
            .where(v.c.id > after)
            .order_by(v.c.id)
            .limit(CHUNK)
        )
    )


def _read_again(
    chunk: list[Any], report: ReparseReport, fields_changed: Counter[str]
) -> list[tuple[int, int, dict[str, Any]]]:
    """Return (version id, record id, new fields) of CHUNK's versions whose fields differ."""
    writes = []
    for vid, rid, version, raw_format, payload, stored, source_name, key in chunk:
        report.versions += 1
        counts = report.by_format.setdefault(raw_format, {"read": 0, "changed": 0, "kept": 0})
        counts["read"] += 1
        try:
            fresh = _plain(reparse(raw_format, payload, source_name, key))
        except Exception as exc:  # noqa: BLE001 - one payload a parser fails on keeps its fields
            if not isinstance(exc, NotReadable):
                log.warning("reparse: %s record %s: the parser failed (%r)", raw_format, key, exc)
                exc = NotReadable(f"the parser failed ({type(exc).__name__}: {exc}); report it")
            report.unreadable += 1
            counts["kept"] += 1
            if len(report.examples) < EXAMPLES:
                report.examples.append(
                    {"format": raw_format, "record": key, "version": str(version),
                     "reason": str(exc)}
                )  # fmt: skip
            continue
        old = dict(stored or {})
        if fresh == old:
            continue
        report.changed += 1
        counts["changed"] += 1
        fields_changed.update(
            k for k in sorted(set(old) | set(fresh)) if old.get(k) != fresh.get(k)
        )
        writes.append((vid, rid, fresh))
    return writes


def _write(session: Session, writes: list[tuple[int, int, dict[str, Any]]]) -> None:
    """Store the new fields; clear their records' normalization stamps (so that the next
    normalization reads them again)."""
    connection = session.connection()
    v, r = _VERSIONS, _RECORDS
    connection.execute(
        update(v).where(v.c.id == bindparam("vid")).values(fields=bindparam("f")),
        [{"vid": vid, "f": fresh} for vid, _, fresh in writes],
    )
    records = sorted({rid for _, rid, _ in writes})
    connection.execute(update(r).where(among(session, r.c.id, records)).values(canonical_hash=None))
