"""Ingest: the stages that write, each batch one transaction, every run in the search log."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, update
from sqlmodel import Session, col, func, select

from harvester.ctgov import ClinicalTrials, since_filter
from harvester.errors import EvidenceError
from harvester.pubmed import EARLIEST, DateWindow, FetchOutcome, PubMed
from harvester.records import RawRecord
from kb.database import insert_rows, session_scope
from kb.models import SavedSearchRow, SearchResultRow, SearchRunRow, SourceRecordRow
from kb.store import close_run, count_outcomes, save_raw_records

log = logging.getLogger(__name__)

OVERLAP = timedelta(days=3)
PUBMED_INTERFACE = "NCBI E-utilities (esearch + efetch XML)"
CTGOV_INTERFACE = "ClinicalTrials.gov API v2 (/studies)"
Progress = Callable[[int, int], None]


@dataclass
class HarvestReport:
    """What one harvest run did, as logged in search_run."""

    run_id: int
    search: str | None
    source: str
    database: str
    query: str
    mode: str
    window_start: str | None = None
    window_end: str | None = None
    count_reported: int = 0
    listed: int = 0
    retrieved: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    renderings: int = 0
    unavailable: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    no_longer_matching: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    status: str = "running"
    error: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data (for --json)."""
        return asdict(self)

    def summary(self) -> str:
        """Return the one-screen human summary."""
        window = (
            f"{self.window_start or 'start'} .. {self.window_end or 'today'}"
            if self.mode == "incremental" or self.window_start
            else "whole search"
        )
        lines = [
            f"{self.database} harvest #{self.run_id}"
            + (f' of saved search "{self.search}"' if self.search else "")
            + f": {self.status}",
            f"  query:      {self.query}",
            f"  mode:       {self.mode} ({window})",
            f"  reported:   {self.count_reported:,} records; listed {self.listed:,}",
            f"  retrieved:  {self.retrieved:,}: {self.new:,} new, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged",
            f"  requests:   {self.requests:,} in {self.seconds:.1f} s",
        ]
        if self.details.get("data_timestamp"):
            lines.append(f"  data as of: {self.details['data_timestamp']}")
        if self.unavailable:
            lines.append(
                f"  unavailable ({len(self.unavailable)}): {', '.join(self.unavailable[:20])}"
                + (" ..." if len(self.unavailable) > 20 else "")
            )
        if self.deleted:
            lines.append(f"  deleted by NLM: {', '.join(self.deleted[:20])}")
        if self.no_longer_matching:
            lines.append(
                f"  no longer matching ({len(self.no_longer_matching)}): "
                + ", ".join(self.no_longer_matching[:20])
            )
        lines.extend(f"  gap: {gap}" for gap in self.gaps)
        if self.error:
            lines.append(f"  error: {self.error}")
        return "\n".join(lines)


def last_success(session: Session, saved_search_id: int) -> date | None:
    """Return the watermark of a saved search: the window end of its last successful harvest."""
    end = session.exec(
        select(func.max(SearchRunRow.window_end)).where(
            SearchRunRow.saved_search_id == saved_search_id,
            SearchRunRow.kind == "harvest",
            SearchRunRow.status == "success",
        )
    ).one()
    return date.fromisoformat(end) if end else None


def _windows(
    watermark: date | None, since: date | None, until: date | None, full: bool
) -> tuple[str, list[DateWindow | None]]:
    today = datetime.now(UTC).date()
    if since is not None or (watermark is not None and not full):
        start = since or (watermark - OVERLAP if watermark else EARLIEST)
        end = until or today
        return "incremental", [DateWindow("crdt", start, end), DateWindow("mdat", start, end)]
    if until is not None:
        return "full", [DateWindow("crdt", EARLIEST, until)]
    return "full", [None]


class _Counting(Protocol):
    calls: int


@dataclass(frozen=True)
class _Plan:
    """What a run will do, decided from the saved search's watermark."""

    mode: str
    window_field: str | None = None
    window_start: date | None = None
    window_end: date | None = None


def harvest_pubmed(
    engine: Engine,
    pubmed: PubMed,
    query: str,
    search_name: str | None = None,
    since: date | None = None,
    until: date | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> HarvestReport:
    """Run one PubMed harvest into the knowledge base and log it; return its report.

    Incremental by default (create-date and modification-date windows from the saved
    search's watermark, less a few days of overlap); ``full`` reruns the whole search and
    flags stored records that no longer match. A failed run is logged as failed and never
    moves the watermark; the error is raised again.
    """
    windows: list[DateWindow | None] = []

    def plan(watermark: date | None) -> _Plan:
        mode, chosen = _windows(watermark, since, until, full)
        windows.extend(chosen)
        first = chosen[0]
        if mode == "incremental" and first is not None:
            return _Plan(mode, "crdt+mdat", first.start, first.end)
        return _Plan(mode, "crdt" if until else None, None, until)

    def work(report: HarvestReport, search_id: int | None) -> None:
        _run_pubmed(engine, pubmed, query, windows, report, search_id, full, progress)

    return _harvest(
        engine,
        search_name,
        ("pubmed", "PubMed", PUBMED_INTERFACE, query),
        {"batch_size": pubmed.settings.batch_size},
        plan,
        work,
        pubmed,
    )


def harvest_ctgov(
    engine: Engine,
    trials: ClinicalTrials,
    query: str,
    params: Mapping[str, str] | None = None,
    search_name: str | None = None,
    since: date | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> HarvestReport:
    """Run one ClinicalTrials.gov harvest into the knowledge base and log it; return its report.

    QUERY is the query.term; PARAMS adds other API parameters (query.cond, query.intr...).
    Incremental by default: studies whose LastUpdatePostDate is within the window from
    the watermark less a few days of overlap; ``full`` reruns the whole search.
    """
    api_params = {"query.term": query, **(params or {})}

    def plan(watermark: date | None) -> _Plan:
        if since is not None or (watermark is not None and not full):
            start = since or (watermark - OVERLAP if watermark else EARLIEST)
            api_params["filter.advanced"] = since_filter(api_params.get("filter.advanced"), start)
            return _Plan("incremental", "LastUpdatePostDate", start, datetime.now(UTC).date())
        return _Plan("full")

    def work(report: HarvestReport, search_id: int | None) -> None:
        _run_ctgov(engine, trials, api_params, report, search_id, full, progress)

    return _harvest(
        engine,
        search_name,
        ("ctgov", "ClinicalTrials.gov", CTGOV_INTERFACE, query),
        {"page_size": trials.settings.page_size, "api": api_params},
        plan,
        work,
        trials,
    )


def _harvest(
    engine: Engine,
    search_name: str | None,
    what: tuple[str, str, str, str],
    params: dict[str, Any],
    plan_for: Callable[[date | None], _Plan],
    work: Callable[[HarvestReport, int | None], None],
    client: _Counting,
) -> HarvestReport:
    """Log a run, do its work, and log how it ended (a failure is raised again)."""
    source, database, interface, query = what
    started = time.monotonic()
    with session_scope(engine) as session:
        search = _saved_search(session, search_name)
        search_id = search.id if search else None
        plan = plan_for(last_success(session, search_id) if search_id else None)
        end = plan.window_end or datetime.now(UTC).date()
        run = SearchRunRow(
            kind="harvest",
            saved_search_id=search_id,
            source=source,
            database_name=database,
            interface=interface,
            query=query,
            window_field=plan.window_field,
            window_start=plan.window_start.isoformat() if plan.window_start else None,
            window_end=end.isoformat(),
            params={"mode": plan.mode, **params},
        )
        session.add(run)
        session.flush()
        assert run.id is not None
        report = HarvestReport(
            run_id=run.id,
            search=search_name,
            source=source,
            database=database,
            query=query,
            mode=plan.mode,
            window_start=run.window_start,
            window_end=end.isoformat() if plan.window_field else None,
        )
    try:
        work(report, search_id)
    except EvidenceError as exc:
        report.status, report.error = "failed", str(exc)
        _finish(engine, report, started, client)
        raise
    except BaseException as exc:
        report.status, report.error = "failed", f"interrupted: {type(exc).__name__}"
        _finish(engine, report, started, client)
        raise
    report.status = "success"
    _finish(engine, report, started, client)
    return report


def _saved_search(session: Session, name: str | None) -> SavedSearchRow | None:
    if name is None:
        return None
    row = session.exec(select(SavedSearchRow).where(SavedSearchRow.name == name)).first()
    if row is None:
        raise EvidenceError(f'no saved search "{name}" in the knowledge base; check itb.toml')
    return row


def _run_pubmed(
    engine: Engine,
    pubmed: PubMed,
    query: str,
    windows: list[DateWindow | None],
    report: HarvestReport,
    search_id: int | None,
    full: bool,
    progress: Progress | None,
) -> None:
    pmids: list[str] = []
    seen: set[str] = set()
    translations = []
    window_log: list[dict[str, Any]] = []
    reported = listed = 0
    for window in windows:
        result = pubmed.search(query, window)
        reported += result.count
        listed += len(result.pmids)
        report.gaps.extend(result.gaps)
        window_log.extend(result.windows)
        if result.translation:
            translations.append(result.translation)
        for pmid in result.pmids:
            if pmid not in seen:
                seen.add(pmid)
                pmids.append(pmid)
    # The created-date and modified-date windows overlap (a record made and changed in the
    # window is in both): the overlap is counted once, so "reported" never exceeds what
    # exists; each window's own count stays in the run's details.
    report.count_reported = reported - (listed - len(pmids))
    report.listed = len(pmids)
    with session_scope(engine) as session:
        run = session.get(SearchRunRow, report.run_id)
        assert run is not None
        run.query_translation = " | ".join(translations) or None
        run.count_reported = report.count_reported
        run.details = {"windows": window_log}
    outcome = FetchOutcome()

    def store(records: list[RawRecord]) -> None:
        _store_batch(engine, records, report, search_id)
        if progress is not None:
            progress(report.retrieved, len(pmids))

    if progress is not None:
        progress(0, len(pmids))
    pubmed.fetch_records(pmids, outcome, store)
    report.unavailable = outcome.unavailable
    report.deleted = outcome.deleted
    with session_scope(engine) as session:
        _mark_status(session, "pubmed", outcome.unavailable, "unavailable")
        _mark_status(session, "pubmed", outcome.deleted, "deleted")
        if full and search_id is not None:
            report.no_longer_matching = _flag_no_longer_matching(session, search_id, seen)


def _run_ctgov(
    engine: Engine,
    trials: ClinicalTrials,
    params: dict[str, str],
    report: HarvestReport,
    search_id: int | None,
    full: bool,
    progress: Progress | None,
) -> None:
    version = trials.fetch_version()
    report.details["data_timestamp"] = version.get("dataTimestamp")
    report.details["api_version"] = version.get("apiVersion")
    seen: set[str] = set()
    total: list[int] = []

    def store(records: list[RawRecord]) -> None:
        _store_batch(engine, records, report, search_id)
        seen.update(r.source_key for r in records)
        if progress is not None:
            progress(report.retrieved, max(report.retrieved, *total, 0))

    outcome = trials.fetch_studies(params, store)
    report.listed = outcome.received
    report.count_reported = outcome.total if outcome.total is not None else outcome.received
    report.details["pages"] = outcome.pages
    if outcome.total is not None and outcome.total != outcome.received:
        report.gaps.append(
            f"ClinicalTrials.gov announced {outcome.total} studies but sent {outcome.received}"
        )
    with session_scope(engine) as session:
        run = session.get(SearchRunRow, report.run_id)
        assert run is not None
        run.count_reported = report.count_reported
        if full and search_id is not None:
            report.no_longer_matching = _flag_no_longer_matching(session, search_id, seen)


def _store_batch(
    engine: Engine, records: Sequence[RawRecord], report: HarvestReport, search_id: int | None
) -> None:
    """Store one batch and the run's counters in one transaction."""
    with session_scope(engine) as session:
        saved = save_raw_records(session, records, report.run_id)
        new, updated, unchanged, renderings = count_outcomes(saved)
        report.renderings += renderings
        report.retrieved += len(saved)
        report.new, report.updated = report.new + new, report.updated + updated
        report.unchanged += unchanged
        if search_id is not None:
            _record_hits(session, search_id, [record_id for record_id, _ in saved], report.run_id)
        run = session.get(SearchRunRow, report.run_id)
        assert run is not None
        run.retrieved, run.new = report.retrieved, report.new
        run.updated, run.unchanged = report.updated, report.unchanged


def _record_hits(session: Session, search_id: int, record_ids: list[int], run_id: int) -> None:
    """Note that the saved search found these records in this run."""
    found = set(
        session.exec(
            select(SearchResultRow.source_record_id).where(
                SearchResultRow.saved_search_id == search_id,
                col(SearchResultRow.source_record_id).in_(record_ids),
            )
        )
    )
    if found:
        session.execute(
            update(SearchResultRow)
            .where(
                col(SearchResultRow.saved_search_id) == search_id,
                col(SearchResultRow.source_record_id).in_(found),
            )
            .values(last_run_id=run_id, matches=True)
        )
    fresh = sorted(set(record_ids) - found)
    if fresh:
        insert_rows(
            session.connection(),
            SearchResultRow.__table__,  # type: ignore[attr-defined]
            [
                {
                    "saved_search_id": search_id,
                    "source_record_id": record_id,
                    "first_run_id": run_id,
                    "last_run_id": run_id,
                    "matches": True,
                }
                for record_id in fresh
            ],
        )


def _mark_status(session: Session, source: str, keys: list[str], status: str) -> None:
    if keys:
        session.execute(
            update(SourceRecordRow)
            .where(col(SourceRecordRow.source) == source, col(SourceRecordRow.source_key).in_(keys))
            .values(status=status)
        )


def _flag_no_longer_matching(session: Session, search_id: int, matching: set[str]) -> list[str]:
    """Flag stored records of a saved search that a full rerun no longer finds; return keys."""
    rows = session.exec(
        select(SearchResultRow, SourceRecordRow)
        .join(SourceRecordRow, col(SourceRecordRow.id) == SearchResultRow.source_record_id)
        .where(SearchResultRow.saved_search_id == search_id, col(SearchResultRow.matches))
    ).all()
    flagged = []
    for hit, record in rows:
        if record.source_key not in matching:
            hit.matches = False
            flagged.append(record.source_key)
            still_found = session.exec(
                select(func.count())
                .select_from(SearchResultRow)
                .where(
                    SearchResultRow.source_record_id == record.id,
                    col(SearchResultRow.matches),
                    SearchResultRow.saved_search_id != search_id,
                )
            ).one()
            if not still_found and record.status == "active":
                record.status = "no_longer_matches"
    return sorted(flagged, key=lambda k: int(k) if k.isdigit() else 0)


def _finish(engine: Engine, report: HarvestReport, started: float, client: _Counting) -> None:
    report.seconds = time.monotonic() - started
    report.requests = client.calls
    details = {
        "listed": report.listed,
        "unavailable": report.unavailable,
        "deleted": report.deleted,
        "no_longer_matching": report.no_longer_matching,
        "gaps": report.gaps,
        "requests": report.requests,
        "seconds": round(report.seconds, 3),
        **report.details,
    }
    with session_scope(engine) as session:
        close_run(
            session,
            report.run_id,
            report.status,
            report.error,
            details,
            failed=len(report.unavailable),
        )
