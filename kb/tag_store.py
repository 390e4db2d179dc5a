"""Tags in the knowledge base: tag the works whose inputs changed (new or changed member
records, another taxonomy, another tagger), apply a user's corrections on top, and explain.

A work's tags are rebuilt whole from its member records' current versions; manual
corrections (manual_decision rows of kind "tag", anchored on a source record so they
follow the record through merges and splits) are applied after the automatic tagger on
every run, so they always win. One transaction per batch of works (see
tag_knowledge_base).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Text, and_, cast, delete, func
from sqlmodel import Session, col, select

import kb.tagging as tagging_package
from harvester.errors import EvidenceError
from harvester.limits import usable_cores
from kb.collector import collector_paused
from kb.database import among, insert_rows, session_scope, update_rows
from kb.lookup import find_work
from kb.models import (
    SOURCE_RANK,
    ManualDecisionRow,
    RecordVersionRow,
    SourceRecordRow,
    TagRow,
    WorkRow,
    utcnow,
)
from kb.tagging import Tagger, TagResult, tag_input
from kb.tagging.facets import parts_read
from kb.tagging.taxonomy import Taxonomy
from kb.tagging.workers import StoredWork, packed, read_work, start_worker, tag_in_worker


def tagger_version(folder: Path | None = None) -> str:
    """Return a digest of the tagger's code (the .py files of kb/tagging, or of FOLDER): a
    new release whose rules changed in code re-tags every work on the next `itb tag`, as a
    changed taxonomy does (its fingerprint), with no version number to forget to bump."""
    folder = folder or Path(tagging_package.__file__).parent
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


TAGGER_VERSION = tagger_version()
BATCH = 500
# A run with at least this many works to tag spreads the tagging (pure, CPU-bound) over one
# process per core; the database work stays in this process. Smaller runs (a nightly
# update's few hundred) are tagged here: starting workers would cost more than it saves.
PARALLEL_FROM = 2_000


@dataclass
class TagReport:
    """What a tagging run did."""

    works: int = 0
    tagged: int = 0
    tags: int = 0
    mentions: int = 0
    corrections: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data (for --json)."""
        return asdict(self)

    def summary(self) -> str:
        """Return the one-line human summary."""
        rate = (
            f" ({self.tagged / self.seconds:,.0f} works/s)" if self.seconds and self.tagged else ""
        )
        return (
            f"tagged {self.tagged:,} of {self.works:,} works{rate}: {self.tags:,} tags, "
            f"{self.mentions:,} negated or background mentions, "
            f"{self.corrections:,} manual corrections applied"
        )


def tag_knowledge_base(
    engine: Engine,
    taxonomy: Taxonomy,
    everything: bool = False,
    work_ids: Iterable[int] | None = None,
) -> TagReport:
    """Tag the works whose inputs changed since they were last tagged (or EVERYTHING, or
    WORK_IDS); return what was done.

    Each batch is one transaction: other writers (an export's citation keys, a correction)
    get their turn between batches instead of waiting for the whole run, and memory stays
    bounded. A run stopped half-way loses nothing: a work's stored input hash moves with its
    tags, so the next run tags exactly the works not yet done."""
    started = time.monotonic()
    report = TagReport()
    salt = f"{taxonomy.fingerprint}:{TAGGER_VERSION}"
    with session_scope(engine) as session:
        if everything and work_ids is None and usable_cores() >= 2:
            works = session.exec(select(func.count()).select_from(WorkRow)).one()
            if works >= PARALLEL_FROM:
                _start_worker_server()
        hashes = _input_hashes(session, salt)
    report.works = len(hashes)
    wanted = set(work_ids) if work_ids is not None else None
    stale = [
        (work_id, digest)
        for work_id, (digest, stored) in sorted(hashes.items())
        if (wanted is None or work_id in wanted) and (everything or wanted or digest != stored)
    ]
    del hashes
    batches = [dict(stale[start : start + BATCH]) for start in range(0, len(stale), BATCH)]
    with collector_paused(), _taggers(taxonomy, len(stale)) as (submit, parallel):
        if not parallel:
            for batch in batches:
                with session_scope(engine, write=True) as session:
                    tagged, inputs = _read_batch(session, batch)
                    _write_batch(session, batch, tagged, submit(inputs)(), report)
        else:
            # While the workers tag one batch, the next is read and the last is written.
            pending: tuple[dict[int, str], list[int], Callable[[], list[TagResult]]] | None
            pending = None
            for coming in [*batches, None]:
                upcoming = None
                if coming is not None:
                    with session_scope(engine, snapshot=True) as session:
                        tagged, inputs = _read_batch(session, coming)
                    upcoming = (coming, tagged, submit(inputs))
                if pending is not None:
                    done, ids, results = pending
                    with session_scope(engine, write=True) as session:
                        _write_batch(session, done, ids, results(), report)
                pending = upcoming
    report.seconds = time.monotonic() - started
    return report


Submit = Callable[[list[StoredWork]], Callable[[], list[TagResult]]]


@contextmanager
def _taggers(taxonomy: Taxonomy, count: int) -> Iterator[tuple[Submit, bool]]:
    """Yield (submit, parallel): submit(inputs) starts tagging a batch and returns the call
    that gives its results, in order. For COUNT works or more than PARALLEL_FROM on a
    machine with several cores the tagging is split over one worker process per core
    (forked from a server process started fresh, or started fresh: nothing of this
    process's threads or connections is inherited), and
    runs while the caller reads and writes; otherwise it is done here at once. The results
    are the same either way."""
    cores = usable_cores()
    if count < PARALLEL_FROM or cores < 2:
        # built for the first batch (a third of a second): a run with nothing to tag, or
        # one tagged by workers that build their own, never builds it
        made: list[Tagger] = []

        def here(items: list[StoredWork]) -> Callable[[], list[TagResult]]:
            if not made:
                made.append(Tagger(taxonomy))
            results = [made[0].tag(read_work(item)) for item in items]
            return lambda: results

        yield here, False
        return
    workers = min(cores, 8)
    with ProcessPoolExecutor(
        workers,
        mp_context=_worker_context(),
        initializer=start_worker,
        initargs=(packed(taxonomy),),
    ) as pool:

        def spread(items: list[StoredWork]) -> Callable[[], list[TagResult]]:
            share = -(-len(items) // workers) or 1  # one slice per worker
            futures = [
                pool.submit(tag_in_worker, items[i : i + share])
                for i in range(0, len(items), share)
            ]
            return lambda: [result for future in futures for result in future.result()]

        try:
            yield spread, True
        except BaseException:
            # (Ctrl-C or a failure: the batches not yet begun are dropped, those under way
            # let finish; nothing of them is written)
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _worker_context() -> BaseContext:
    """Return how tagging workers are started: forked from a server process started fresh
    that has imported the tagger once (each worker then builds its tagger, not imports it
    again: 0.26 s of a core each), where the platform has one; else each started fresh."""
    if "forkserver" not in get_all_start_methods():
        return get_context("spawn")
    context = get_context("forkserver")
    context.set_forkserver_preload(["kb.tagging.workers"])
    return context


def _start_worker_server() -> None:
    """Start the server process the tagging workers will be forked from, where the platform
    has one, before they are needed: it imports the tagger (a third of a second of another
    core) while this process finds the works to tag, instead of after."""
    if _worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _input_hashes(session: Session, salt: str) -> dict[int, tuple[str, str | None]]:
    """Return work id -> (hash of its members' ids and content hashes, the stored hash)."""
    members: dict[int, list[str]] = {}
    rows = session.exec(
        select(SourceRecordRow.work_id, SourceRecordRow.id, SourceRecordRow.content_hash).where(
            col(SourceRecordRow.work_id).is_not(None)
        )
    ).all()
    for work_id, record_id, content_hash in rows:
        assert work_id is not None
        members.setdefault(work_id, []).append(f"{record_id}:{content_hash}")
    stored = dict(session.exec(select(WorkRow.id, WorkRow.tag_hash)).all())
    found = {}
    for work_id, old in stored.items():
        assert work_id is not None
        parts = sorted(members.get(work_id, ()))
        digest = hashlib.sha1("|".join([salt, *parts]).encode(), usedforsecurity=False)
        found[work_id] = (digest.hexdigest(), old)
    return found


def _read_batch(session: Session, batch: dict[int, str]) -> tuple[list[int], list[StoredWork]]:
    """Return the works of BATCH that exist and each as the tagger is given it: its members'
    fields as the JSON text stored, richest first (parsed where it is tagged)."""
    ids = list(batch)
    works: dict[int, tuple[str, str]] = {
        work_id: (title, kind)
        for work_id, title, kind in session.exec(
            select(WorkRow.id, WorkRow.title, WorkRow.record_kind).where(
                among(session, col(WorkRow.id), ids)
            )
        ).all()
        if work_id is not None
    }
    fields: dict[int, list[tuple[int, int, str | None]]] = {}
    rows = session.exec(
        select(
            SourceRecordRow.work_id,
            SourceRecordRow.id,
            SourceRecordRow.source,
            cast(RecordVersionRow.fields, Text),
        )
        .join(
            RecordVersionRow,
            and_(
                col(RecordVersionRow.source_record_id) == SourceRecordRow.id,
                col(RecordVersionRow.version) == SourceRecordRow.current_version,
            ),
        )
        .where(among(session, col(SourceRecordRow.work_id), ids))
    ).all()
    for work_id, record_id, source, text in rows:
        assert work_id is not None and record_id is not None
        fields.setdefault(work_id, []).append((SOURCE_RANK.get(source, 3), record_id, text))
    tagged = [work_id for work_id in ids if work_id in works]
    inputs = []
    for work_id in tagged:
        title, kind = works[work_id]
        members = tuple(text for _, _, text in sorted(fields.get(work_id, []), key=lambda m: m[:2]))
        inputs.append((title, kind, members))
    return tagged, inputs


def _write_batch(
    session: Session,
    batch: dict[int, str],
    tagged: list[int],
    results: list[TagResult],
    report: TagReport,
) -> None:
    """Replace the tags of BATCH's works by RESULTS, with the corrections active now laid
    on top, and store each work's design, N, relevance and the input hash tagged."""
    ids = list(batch)
    corrections = _corrections(session, ids)
    session.execute(delete(TagRow).where(among(session, col(TagRow.work_id), ids)))
    tag_rows: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    now = utcnow()
    for work_id, result in zip(tagged, results, strict=True):
        design, rows_of_work = _rows(work_id, result, corrections.get(work_id, []), now)
        tag_rows += rows_of_work
        report.tags += sum(1 for r in rows_of_work if r["qualifier"] is None)
        report.mentions += sum(1 for r in rows_of_work if r["qualifier"] is not None)
        report.corrections += len(corrections.get(work_id, []))
        size = result.sample_size
        updates.append(
            {
                "id": work_id,
                "design": design,
                "registered_design": result.registered_design,
                "sample_size": size.value if size else None,
                "sample_size_type": size.source if size else None,
                "sample_size_evidence": size.evidence if size else None,
                "relevant": result.relevant,
                "relevance_evidence": result.relevance_evidence,
                "tag_hash": batch[work_id],
                "tagged_at": now,
            }
        )
        report.tagged += 1
    # Core statements: one executemany each (the ORM's bulk insert goes row by row here).
    if tag_rows:
        insert_rows(session.connection(), TagRow.__table__, tag_rows)  # type: ignore[attr-defined]
    update_rows(session.connection(), WorkRow.__table__, "id", updates)  # type: ignore[attr-defined]


def _how(session: Session, work: WorkRow, tagger: Tagger) -> dict[str, Any]:
    """Return how TAGGER reads WORK now: the parts read, and the rule and the sentence
    behind its design and its sample size."""
    rows = session.exec(
        select(SourceRecordRow.id, SourceRecordRow.source, RecordVersionRow.fields)
        .join(
            RecordVersionRow,
            and_(
                col(RecordVersionRow.source_record_id) == SourceRecordRow.id,
                col(RecordVersionRow.version) == SourceRecordRow.current_version,
            ),
        )
        .where(SourceRecordRow.work_id == work.id)
    ).all()
    ranked = sorted(rows, key=lambda r: (SOURCE_RANK.get(r[1], 3), r[0]))
    item = tag_input(work.title, work.record_kind, [r[2] or {} for r in ranked])
    result = tagger.tag(item)
    size = result.sample_size
    return {
        "read": list(parts_read(item)),
        "design_rule": {"rule": result.design_rule, "sentence": result.design_sentence},
        "sample_size_rule": {
            "rule": size.rule if size else "no count of participants stated",
            "sentence": size.sentence if size else "",
        },
    }


def _rows(
    work_id: int, result: TagResult, corrections: Sequence[ManualDecisionRow], now: Any
) -> tuple[str, list[dict[str, Any]]]:
    """Return the work's design and its tag rows: automatic ones, then corrections on top."""
    removed = {(c.facet, c.taxonomy_id) for c in corrections if c.verdict == "remove"}
    added = [c for c in corrections if c.verdict == "add"]
    design = result.design.id
    manual_design = [c for c in added if c.facet == "design"]
    rows = []
    seen: set[tuple[str, str, str | None, str | None]] = set()
    for mention in result.mentions:
        if mention.qualifier is None and (mention.facet, mention.id) in removed:
            continue
        key = (mention.facet, mention.id, mention.field, mention.qualifier)
        if key in seen:
            continue  # one row per id, field and kind of mention: the first words found
        seen.add(key)
        rows.append(
            _row(
                work_id,
                mention.facet,
                mention.id,
                "auto",
                mention.qualifier,
                mention.field,
                mention.section,
                mention.text,
                now,
            )
        )
    if manual_design:
        design = str(manual_design[-1].taxonomy_id)
    else:
        d = result.design
        rows.append(_row(work_id, "design", d.id, "auto", None, d.field, d.section, d.text, now))
    for correction in added:
        rows.append(
            _row(
                work_id,
                str(correction.facet),
                str(correction.taxonomy_id),
                "manual",
                None,
                "manual",
                None,
                correction.reason,
                now,
            )
        )
    return design, rows


def _row(
    work_id: int,
    facet: str,
    taxonomy_id: str,
    origin: str,
    qualifier: str | None,
    field: str | None,
    section: str | None,
    text: str | None,
    now: Any,
) -> dict[str, Any]:
    return {
        "work_id": work_id,
        "facet": facet,
        "taxonomy_id": taxonomy_id,
        "origin": origin,
        "negated": qualifier is not None,
        "qualifier": qualifier,
        "field": field,
        "section": section,
        "matched_text": text,
        "created_at": now,
    }


def _corrections(session: Session, work_ids: list[int]) -> dict[int, list[ManualDecisionRow]]:
    """Return the active tag corrections of each work, oldest first (the latest wins)."""
    rows = session.exec(
        select(SourceRecordRow.work_id, ManualDecisionRow)
        .join(SourceRecordRow, col(SourceRecordRow.id) == ManualDecisionRow.anchor_record_id)
        .where(
            ManualDecisionRow.kind == "tag",
            col(ManualDecisionRow.active),
            col(SourceRecordRow.work_id).in_(work_ids),
        )
        .order_by(col(ManualDecisionRow.decided_at), col(ManualDecisionRow.id))
    ).all()
    found: dict[int, list[ManualDecisionRow]] = {}
    for work_id, decision in rows:
        assert work_id is not None
        found.setdefault(work_id, []).append(decision)
    return found


def correct_tag(
    engine: Engine,
    taxonomy: Taxonomy,
    reference: str,
    verdict: str,
    facet: str,
    taxonomy_id: str,
    reason: str,
    decided_by: str | None = None,
) -> dict[str, Any]:
    """Store a user's tag correction (VERDICT add or remove) on the work REFERENCE names,
    superseding an earlier one on the same id, re-tag the work and return what was stored."""
    taxonomy.require(facet, taxonomy_id)
    if not reason.strip():
        raise EvidenceError("a correction needs a reason (--reason TEXT): it is kept with the tag")
    if facet == "design" and verdict == "remove":
        raise EvidenceError(
            f"a record always has one design; set it instead: itb tag add {reference} design ID"
        )
    with session_scope(engine) as session:
        work = find_work(session, reference)
        assert work.id is not None
        members = session.exec(
            select(SourceRecordRow.id)
            .where(SourceRecordRow.work_id == work.id)
            .order_by(col(SourceRecordRow.id))
        ).all()
        if not members:
            raise EvidenceError(f"work W{work.id} has no source records; nothing to anchor on")
        same = [facet] if facet != "design" else ["design"]
        earlier = session.exec(
            select(ManualDecisionRow).where(
                ManualDecisionRow.kind == "tag",
                col(ManualDecisionRow.active),
                col(ManualDecisionRow.anchor_record_id).in_(members),
                col(ManualDecisionRow.facet).in_(same),
            )
        ).all()
        for old in earlier:
            if old.taxonomy_id == taxonomy_id or facet == "design":
                old.active = False
                session.add(old)
        decision = ManualDecisionRow(
            kind="tag",
            verdict=verdict,
            anchor_record_id=members[0],
            work_id=work.id,
            facet=facet,
            taxonomy_id=taxonomy_id,
            reason=reason.strip(),
            decided_by=decided_by,
        )
        session.add(decision)
        session.flush()
        stored: dict[str, Any] = {
            "decision": decision.id,
            "work": work.id,
            "verdict": verdict,
            "facet": facet,
            "id": taxonomy_id,
            "reason": decision.reason,
        }
    tag_knowledge_base(engine, taxonomy, work_ids=[int(stored["work"])])
    return stored


def explain_work(engine: Engine, reference: str, tagger: Tagger | None = None) -> dict[str, Any]:
    """Return a work's tags with their evidence, its negated and background mentions, its
    design, sample size and relevance with theirs, and the corrections applied. With TAGGER,
    also how the tagger reads the work now: the parts it read, the rule and sentence that
    gave the design and N."""
    with session_scope(engine) as session:
        work = find_work(session, reference)
        how = _how(session, work, tagger) if tagger is not None and work.id is not None else {}
        tags = session.exec(
            select(TagRow).where(TagRow.work_id == work.id).order_by(col(TagRow.id))
        ).all()
        members = session.exec(
            select(SourceRecordRow.id).where(SourceRecordRow.work_id == work.id)
        ).all()
        corrections = session.exec(
            select(ManualDecisionRow)
            .where(
                ManualDecisionRow.kind == "tag",
                col(ManualDecisionRow.anchor_record_id).in_(members),
            )
            .order_by(col(ManualDecisionRow.decided_at))
        ).all()
        facets: dict[str, dict[str, list[dict[str, Any]]]] = {}
        mentions = []
        for tag in tags:
            evidence = {
                "field": tag.field,
                "section": tag.section,
                "words": tag.matched_text,
                "origin": tag.origin,
            }
            if tag.qualifier:
                mentions.append(
                    {"facet": tag.facet, "id": tag.taxonomy_id, "kind": tag.qualifier, **evidence}
                )
            elif tag.facet != "design":
                facets.setdefault(tag.facet, {}).setdefault(tag.taxonomy_id, []).append(evidence)
        design_evidence = [
            {"field": t.field, "section": t.section, "words": t.matched_text, "origin": t.origin}
            for t in tags
            if t.facet == "design" and t.taxonomy_id == work.design
        ]
        return {
            "work": work.id,
            "title": work.title,
            "pmid": work.pmid,
            "doi": work.doi,
            "nct_ids": work.nct_ids or [],
            "tagged_at": work.tagged_at.isoformat() if work.tagged_at else None,
            "relevant": work.relevant,
            "relevance_evidence": work.relevance_evidence,
            "design": {
                "id": work.design,
                "evidence": design_evidence,
                "registered": work.registered_design,
            },
            "sample_size": {
                "value": work.sample_size,
                "type": work.sample_size_type,
                "evidence": work.sample_size_evidence,
            },
            **how,
            "tags": {facet: dict(sorted(ids.items())) for facet, ids in sorted(facets.items())},
            "mentions": mentions,
            "corrections": [
                {
                    "decision": c.id,
                    "verdict": c.verdict,
                    "facet": c.facet,
                    "id": c.taxonomy_id,
                    "reason": c.reason,
                    "active": c.active,
                    "decided_at": c.decided_at.isoformat(),
                    "by": c.decided_by,
                }
                for c in corrections
            ],
        }
