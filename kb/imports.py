"""Import exported files: each file one transaction and one search-log entry."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from harvester.errors import EvidenceError, FileFormatError
from harvester.file_formats import read_records
from harvester.files import FORMAT_DATABASES, BadRecord, count_records, decode_file, detect_format
from harvester.records import RawRecord
from kb.collector import collector_paused
from kb.database import refresh_statistics, session_scope
from kb.models import SearchRunRow
from kb.store import close_run, count_outcomes, save_raw_records

log = logging.getLogger(__name__)
BATCH = 500
ANALYZE_FROM = 1000
FORMAT_LABELS = {
    "ris": "RIS import",
    "bibtex": "BibTeX import",
    "csl-json": "CSL-JSON import",
    "csv": "CSV import",
}


@dataclass
class ImportReport:
    """What importing one file did, as logged in search_run."""

    run_id: int
    file: str
    database: str
    format: str = ""
    encoding: str = ""
    size: int = 0
    sha256: str = ""
    counted: int = 0
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    renderings: int = 0  # records already stored, received again in another format
    untitled: int = 0  # records without a title (read, and deduplicated on other fields)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    status: str = "running"
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data (for --json)."""
        return asdict(self)

    def summary(self) -> str:
        """Return the human summary of the import."""
        lines = [
            f"import #{self.run_id} of {self.file}: {self.status}",
            f"  database:  {self.database} ({self.format}, {self.encoding}, {self.size:,} bytes)",
            f"  records:   {self.counted:,} in the file; {self.read:,} read: {self.new:,} new, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged"
            + (
                f", {self.renderings:,} stored as another rendering of a known record"
                if self.renderings
                else ""
            ),
        ]
        lines.extend(f"  skipped:   {s['where']}: {s['reason']}" for s in self.skipped)
        lines.extend(f"  note:      {note}" for note in self.notes)
        lines.extend(f"  warning:   {warning}" for warning in self.warnings)
        if self.error:
            lines.append(f"  error:     {self.error}")
        return "\n".join(lines)


UNTITLED = (
    "{count:,} records have no title: kept, and deduplicated on their DOI, journal, volume, "
    "pages, authors, year and abstract"
)


def _database(text: str, fmt: str, given: str | None) -> str:
    if given:
        return given
    if fmt == "ris":
        found = re.search(r"^(?:DB|DP)  - (.+)$", text, re.M)
        if found and found.group(1).strip():
            return found.group(1).strip()
    return FORMAT_DATABASES.get(fmt) or FORMAT_LABELS.get(fmt, "File import")


def import_file(
    engine: Engine,
    path: Path,
    source_name: str | None = None,
    skip_bad: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one exported file; all or nothing unless SKIP_BAD; return its report.

    The file's records are counted by their record marks independently of the readers,
    and any difference is explained in the report's notes.
    """
    started = time.monotonic()
    decoded = decode_file(path)
    fmt = detect_format(decoded.head, path)
    database = _database(decoded.head, fmt, source_name)
    with session_scope(engine) as session:
        run = SearchRunRow(
            kind="import",
            source="file",
            database_name=database,
            interface=f"file import ({fmt})",
            query=None,
            params={"file": str(path), "skip_bad": skip_bad},
        )
        session.add(run)
        session.flush()
        assert run.id is not None
    report = ImportReport(
        run_id=run.id,
        file=path.name,
        database=database,
        format=fmt,
        encoding=decoded.encoding,
        size=decoded.size,
        sha256=decoded.sha256,
        counted=count_records(decoded.lines(), fmt),
        warnings=list(decoded.warnings),
    )
    for warning in decoded.warnings:
        log.warning("%s", warning)
    try:
        with collector_paused(), session_scope(engine) as session:
            batch: list[RawRecord] = []
            keys: set[str] = set()
            repeated = 0
            for item in read_records(decoded, fmt, database):
                if isinstance(item, BadRecord):
                    if not skip_bad:
                        raise FileFormatError(
                            f"{path.name}, {item.where}: {item.reason}; fix the record, or "
                            "pass --skip-bad to import the others"
                        )
                    report.skipped.append({"where": item.where, "reason": item.reason})
                    continue
                repeated += item.source_key in keys
                keys.add(item.source_key)
                batch.append(item)
                if len(batch) >= BATCH:
                    _save(session, batch, report)
                    if progress is not None:
                        progress(report.read, report.counted)
            _save(session, batch, report)
        report.notes.extend(_explain(report, repeated))
        if report.untitled:
            report.warnings.append(UNTITLED.format(count=report.untitled))
    except EvidenceError as exc:
        report.status, report.error = "failed", str(exc)
        report.new = report.updated = report.unchanged = report.read = report.renderings = 0
        _finish(engine, report, started)
        raise
    except BaseException as exc:
        report.status, report.error = "failed", f"interrupted: {type(exc).__name__}"
        _finish(engine, report, started)
        raise
    report.status = "success"
    _finish(engine, report, started)
    return report


def _save(session: Any, batch: list[RawRecord], report: ImportReport) -> None:
    if not batch:
        return
    saved = save_raw_records(session, batch, report.run_id)
    new, updated, unchanged, renderings = count_outcomes(saved)
    report.renderings += renderings
    before = report.read
    report.read += len(batch)
    # At 2,000, 4,000, 8,000... records: a handful of ANALYZEs however long the file.
    if before >= ANALYZE_FROM and before.bit_length() < report.read.bit_length():
        refresh_statistics(session, "source_record", "record_version")
    report.new, report.updated = report.new + new, report.updated + updated
    report.unchanged += unchanged
    report.untitled += sum(1 for record in batch if not record.fields.get("title"))
    batch.clear()


def _explain(report: ImportReport, repeated: int) -> list[str]:
    """Return why the records read differ from the records counted, when they do."""
    notes = []
    if repeated:
        notes.append(f"{repeated} records repeat an id seen earlier in the file (kept as versions)")
    accounted = report.read + len(report.skipped)
    if accounted != report.counted:
        notes.append(
            f"{report.counted} record marks in the file but {accounted} records read or skipped: "
            + (
                "some records lack their start mark (TY, PMID-...) or were merged into the one "
                "before; check the file around the skipped lines"
                if accounted < report.counted
                else "some records start without the usual mark; they were read all the same"
            )
        )
    return notes


def _finish(engine: Engine, report: ImportReport, started: float) -> None:
    report.seconds = time.monotonic() - started
    details = {
        "file": report.file,
        "format": report.format,
        "encoding": report.encoding,
        "size": report.size,
        "sha256": report.sha256,
        "counted": report.counted,
        "skipped": report.skipped,
        "warnings": report.warnings,
        "notes": report.notes,
        "renderings": report.renderings,
        "seconds": round(report.seconds, 3),
    }
    with session_scope(engine) as session:
        close_run(
            session,
            report.run_id,
            report.status,
            report.error,
            details,
            count_reported=report.counted,
            retrieved=report.read,
            new=report.new,
            updated=report.updated,
            unchanged=report.unchanged,
            failed=len(report.skipped),
        )
