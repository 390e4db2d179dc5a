"""The whole story of one work, the search log (PRISMA-S) and the PRISMA 2020 counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, or_
from sqlmodel import Session, col, select

from kb.database import session_scope
from kb.lookup import find_work
from kb.models import (
    DuplicatePairRow,
    RecordVersionRow,
    SavedSearchRow,
    SearchResultRow,
    SearchRunRow,
    SourceRecordRow,
    StudyLinkRow,
    StudyRow,
    WorkLinkRow,
    WorkRow,
)
from kb.query import last_run_start, load_views
from kb.tag_store import explain_work

_WORK_FIELDS = (
    "title", "title_original", "authors", "year", "journal", "journal_iso", "issn", "volume",
    "issue", "pages", "doi", "pmid", "pmcid", "nct_ids", "record_kind", "language",
    "retracted", "relevant", "design", "registered_design", "sample_size",
    "sample_size_type", "citation_key", "study_id",
)  # fmt: skip


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def work_story(engine: Engine, reference: str) -> dict[str, Any]:
    """Return everything about one work: canonical fields, every source record with its
    versions and the searches that found it, duplicate decisions and why, study and work
    links, and its tags with their evidence."""
    with session_scope(engine, snapshot=True) as session:
        work = find_work(session, reference)
        assert work.id is not None
        records = session.exec(
            select(SourceRecordRow)
            .where(SourceRecordRow.work_id == work.id)
            .order_by(col(SourceRecordRow.id))
        ).all()
        ids = [r.id for r in records]
        story: dict[str, Any] = {"work": work.id}
        story.update({name: getattr(work, name) for name in _WORK_FIELDS})
        story["created_at"], story["updated_at"] = _iso(work.created_at), _iso(work.updated_at)
        view = load_views(session, [work.id], detail=True)[0]
        story["abstract"] = view.abstract
        story["registry"] = _registry_summary(view.registry) if view.registry else None
        story["records"] = [_record(session, r) for r in records]
        story["duplicates"] = _duplicates(session, ids)
        story["study"] = _study(session, work)
        story["related"] = _related(session, work.id)
    story["tags"] = explain_work(engine, f"W{story['work']}")
    return story


def _registry_summary(fields: dict[str, Any]) -> dict[str, Any]:
    """Return what a reader of a registration wants first: status, phase, sponsor,
    conditions, interventions, enrollment and the dates."""

    def when(name: str) -> str | None:
        value = fields.get(name)
        return value.get("date") if isinstance(value, dict) else value

    enrollment = fields.get("enrollment") or {}
    return {
        "status": fields.get("overall_status"),
        "phases": fields.get("phases") or [],
        "sponsor": (fields.get("sponsor") or {}).get("name"),
        "conditions": fields.get("conditions") or [],
        "interventions": [
            " ".join(filter(None, (i.get("type"), i.get("name"))))
            for i in fields.get("interventions") or []
            if isinstance(i, dict)
        ],
        "enrollment": enrollment.get("count"),
        "enrollment_type": enrollment.get("type"),
        "start": when("start"),
        "primary_completion": when("primary_completion"),
        "completion": when("completion"),
        "first_posted": when("first_posted"),
        "last_update_posted": when("last_update_posted"),
    }


def _record(session: Session, record: SourceRecordRow) -> dict[str, Any]:
    versions = [
        (
            v.version,
            v.fetched_at,
            v.content_hash,
            v.source_version,
            v.run_id,
            v.raw_format,
            (v.fields or {}).get("title"),
        )  # fmt: skip
        for v in session.exec(
            select(RecordVersionRow)
            .where(RecordVersionRow.source_record_id == record.id)
            .order_by(col(RecordVersionRow.version))
        ).all()
    ]
    searches = session.exec(
        select(SavedSearchRow.name)
        .join(SearchResultRow, col(SearchResultRow.saved_search_id) == SavedSearchRow.id)
        .where(SearchResultRow.source_record_id == record.id)
    ).all()
    return {
        "record": record.id,
        "source": record.source,
        "database": record.source_name,
        "key": record.source_key,
        "status": record.status,
        "first_seen": _iso(record.first_seen_at),
        "last_seen": _iso(record.last_seen_at),
        "current_version": record.current_version,
        "found_by": list(searches),
        "versions": [
            {
                "version": v,
                "fetched_at": _iso(at),
                "sha256": digest,
                "source_version": sv,
                "run": run,
                "format": fmt,
                "title": title,
            }
            for v, at, digest, sv, run, fmt, title in versions
        ],  # fmt: skip
    }


def _duplicates(session: Session, ids: list[int | None]) -> list[dict[str, Any]]:
    pairs = session.exec(
        select(DuplicatePairRow)
        .where(
            or_(
                col(DuplicatePairRow.record_a_id).in_(ids),
                col(DuplicatePairRow.record_b_id).in_(ids),
            )
        )
        .order_by(col(DuplicatePairRow.id))
    ).all()
    found = []
    for pair in pairs:
        other_id = pair.record_b_id if pair.record_a_id in ids else pair.record_a_id
        other = session.get(SourceRecordRow, other_id)
        found.append(
            {
                "pair": pair.id,
                "records": [pair.record_a_id, pair.record_b_id],
                "other": {
                    "record": other_id,
                    "database": other.source_name if other else None,
                    "key": other.source_key if other else None,
                    "work": other.work_id if other else None,
                },
                "outcome": pair.outcome,
                "rule": pair.rule,
                "score": round(pair.score, 3),
                "explanation": pair.explanation or {},
            }
        )
    return found


def _study(session: Session, work: WorkRow) -> dict[str, Any] | None:
    if work.study_id is None:
        return None
    study = session.get(StudyRow, work.study_id)
    links = session.exec(select(StudyLinkRow).where(StudyLinkRow.study_id == work.study_id)).all()
    members = session.exec(
        select(WorkRow.id, WorkRow.title, WorkRow.record_kind).where(
            WorkRow.study_id == work.study_id
        )
    ).all()
    return {
        "study": work.study_id,
        "label": study.label if study else None,
        "nct_id": study.nct_id if study else None,
        "works": [{"work": i, "title": t, "kind": k} for i, t, k in members],
        "links": [
            {
                "work": link.work_id,
                "via": link.via,
                "nct_id": link.nct_id,
                "pmid": link.pmid,
                "detail": link.detail,
            }
            for link in links
        ],  # fmt: skip
    }


def _related(session: Session, work_id: int) -> list[dict[str, Any]]:
    links = session.exec(
        select(WorkLinkRow).where(
            or_(col(WorkLinkRow.from_work_id) == work_id, col(WorkLinkRow.to_work_id) == work_id)
        )
    ).all()
    return [
        {
            "relation": link.relation,
            "direction": "from" if link.from_work_id == work_id else "to",
            "work": link.to_work_id if link.from_work_id == work_id else link.from_work_id,
            "via": link.via,
        }
        for link in links
    ]


def search_log(
    engine: Engine, kinds: tuple[str, ...] = (), limit: int | None = None
) -> list[dict[str, Any]]:
    """Return the search log, oldest first: each harvest, import, export and update with
    the PRISMA-S items (database, interface, exact query, limits, date, counts)."""
    with session_scope(engine, snapshot=True) as session:
        statement = select(SearchRunRow, SavedSearchRow.name).outerjoin(
            SavedSearchRow, col(SavedSearchRow.id) == SearchRunRow.saved_search_id
        )
        if kinds:
            statement = statement.where(col(SearchRunRow.kind).in_(kinds))
        statement = statement.order_by(col(SearchRunRow.id).desc())
        if limit:
            statement = statement.limit(limit)
        rows = session.exec(statement).all()
        entries = []
        for run, search in reversed(rows):
            window = None
            if run.window_field or run.window_start or run.window_end:
                window = (
                    f"{run.window_field or ''} {run.window_start or ''}..{run.window_end or ''}"
                )
            entries.append(
                {
                    "run": run.id,
                    "kind": run.kind,
                    "saved_search": search,
                    "database": run.database_name,
                    "source": run.source,
                    "interface": run.interface,
                    "query": run.query,
                    "query_translation": run.query_translation,
                    "params": run.params or {},
                    "limits": window.strip() if window else None,
                    "started_at": _iso(run.started_at),
                    "finished_at": _iso(run.finished_at),
                    "status": run.status,
                    "count_reported": run.count_reported,
                    "retrieved": run.retrieved,
                    "new": run.new,
                    "updated": run.updated,
                    "unchanged": run.unchanged,
                    "failed": run.failed,
                    "error": run.error,
                    "details": run.details or {},
                }
            )
        return entries


# Trial registers (PRISMA counts them apart from bibliographic databases).
REGISTERS = {
    "clinicaltrials.gov", "who ictrp", "ictrp", "isrctn", "euctr", "eu ctr", "ctis", "anzctr",
    "chictr", "drks", "ctri", "jrct", "umin-ctr",
}  # fmt: skip

PRISMA_KEYS = (
    "database_results", "database_specific_results", "register_results",
    "register_specific_results", "website_results", "organisation_results",
    "citations_results", "duplicates", "excluded_automatic", "excluded_other",
    "records_screened", "records_excluded", "dbr_sought_reports", "dbr_notretrieved_reports",
    "dbr_assessed", "dbr_excluded", "other_sought_reports", "other_notretrieved_reports",
    "other_assessed", "other_excluded", "previous_studies", "previous_reports",
    "new_studies", "new_reports", "total_studies", "total_reports",
)  # fmt: skip


def records_per_source(session: Session) -> list[tuple[str, str, int]]:
    """Return (source name, "database" or "register", records) for every source."""
    found = session.exec(
        select(SourceRecordRow.source, SourceRecordRow.source_name, func.count())
        .group_by(SourceRecordRow.source, SourceRecordRow.source_name)
        .order_by(SourceRecordRow.source_name)
    ).all()
    return [
        (name, "register" if source == "ctgov" or name.lower() in REGISTERS else "database", n)
        for source, name, n in found
    ]


def prisma_counts(engine: Engine, since: datetime | None = None) -> dict[str, Any]:
    """Return the identification counts of PRISMA 2020 (keys of the PRISMA2020 package):
    records per database and register (first seen since SINCE), duplicates removed (records
    of works seen before count as duplicates), records after deduplication, and as
    excluded_automatic the works the tagger flags as not about intrathecal baclofen;
    screening and eligibility rows stay null for people to fill."""
    with session_scope(engine, snapshot=True) as session:
        window = [col(SourceRecordRow.first_seen_at) >= since] if since else []
        per_source = session.exec(
            select(SourceRecordRow.source, SourceRecordRow.source_name, func.count())
            .where(*window)
            .group_by(SourceRecordRow.source, SourceRecordRow.source_name)
            .order_by(SourceRecordRow.source_name)
        ).all()
        databases: dict[str, int] = {}
        registers: dict[str, int] = {}
        for source, name, n in per_source:
            register = source == "ctgov" or name.lower() in REGISTERS
            target = registers if register else databases
            target[name] = target.get(name, 0) + n
        identified = sum(databases.values()) + sum(registers.values())
        first_seen = (
            select(SourceRecordRow.work_id, func.min(SourceRecordRow.first_seen_at).label("first"))
            .where(col(SourceRecordRow.work_id).is_not(None))
            .group_by(col(SourceRecordRow.work_id))
            .subquery()
        )
        new_works = select(first_seen.c.work_id)
        if since:
            new_works = new_works.where(first_seen.c.first >= since)
        after = session.exec(select(func.count()).select_from(new_works.subquery())).one()
        off_topic = session.exec(
            select(func.count()).where(
                col(WorkRow.id).in_(new_works), col(WorkRow.relevant).is_(False)
            )
        ).one()
        unplaced = session.exec(
            select(func.count()).where(col(SourceRecordRow.work_id).is_(None), *window)
        ).one()
        last = last_run_start(session)
        new_since_last = (
            session.exec(select(func.count()).where(col(WorkRow.created_at) >= last)).one()
            if last
            else None
        )
        studies = session.exec(select(func.count(func.distinct(WorkRow.study_id)))).one()
    counts: dict[str, Any] = dict.fromkeys(PRISMA_KEYS)
    counts.update(
        database_results=sum(databases.values()),
        database_specific_results="; ".join(f"{name}, {n}" for name, n in databases.items()),
        register_results=sum(registers.values()),
        register_specific_results="; ".join(f"{name}, {n}" for name, n in registers.items()),
        duplicates=identified - after - unplaced,
        excluded_automatic=off_topic,
    )
    return {
        **counts,
        "records_identified": identified,
        "records_after_duplicates_removed": after,
        "records_not_yet_deduplicated": unplaced,
        "new_since_last_run": new_since_last,
        "last_run_started": _iso(last),
        "window_start": _iso(since),
        "window_end": _iso(datetime.now().astimezone()),
        "studies_linked": studies,
    }
