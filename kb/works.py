"""Works and studies in the knowledge base: normalize what changed, find its duplicates
against everything stored (through the same blocking), group source records into works,
and link works into studies. One transaction; a user's verdicts always win."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, delete, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from kb.collector import collector_paused
from kb.database import among, insert_rows, session_scope
from kb.dedup import (
    BlockKeys,
    PairDecision,
    block_keys,
    decide,
    pairs_worth_comparing,
    recurring_titles,
)
from kb.dedup.links import link_studies
from kb.dedup.records import Record, author_to_json, normalize, record_from_json, record_to_json
from kb.models import (
    SOURCE_RANK,
    DuplicatePairRow,
    ManualDecisionRow,
    RecordVersionRow,
    SourceRecordRow,
    StudyLinkRow,
    StudyRow,
    TagRow,
    WorkLinkRow,
    WorkRow,
    utcnow,
)
from kb.store import rendering_rank

# Bumped whenever normalization or the pair rules change what they decide: every record of
# a knowledge base made before is then normalized and compared again on the next run.
RULES_VERSION = "7"

# Ids per statement: PostgreSQL takes at most 65,535 parameters, and memory stays bounded.
CHUNK = 5000
# Memory stays bounded whatever the size of the knowledge base: at most this many canonical
# records are kept in memory (the others are read again when needed), and candidate pairs
# are decided and stored this many at a time (only the decisions that join or flag records
# are kept for grouping). The records kept are bounded by their size: about 1.3 KB each
# and their abstract's length. 150 MB holds 100,000 records without abstracts and spares a
# first normalization of them reading each one three times over (20,000 kept before:
# 72-76 s -> 51-55 s, peak 702 -> 832 MB, back to back on one machine).
CACHE_BYTES = 150_000_000
RECORD_BYTES = 1_300
PAIR_CHUNK = 50_000

# Which source's canonical fields a work takes: PubMed's XML, then the registry, then files.
_RICH = ("abstract", "doi", "pmid", "journal", "journal_iso", "volume", "issue", "pages", "year")


@dataclass
class NormalizeReport:
    """What a normalization run did."""

    records: int = 0
    normalized: int = 0
    compared: int = 0
    duplicates: int = 0
    to_review: int = 0
    works: int = 0
    works_created: int = 0
    works_merged: int = 0
    studies: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data (for --json)."""
        return asdict(self)

    def summary(self) -> str:
        """Return the one-line human summary."""
        return (
            f"normalized {self.normalized:,} of {self.records:,} records; {self.compared:,} pairs "
            f"compared: {self.duplicates:,} duplicates, {self.to_review:,} to review; "
            f"{self.works:,} works ({self.works_created:,} new, {self.works_merged:,} merged), "
            f"{self.studies:,} studies"
        )


def normalize_knowledge_base(engine: Engine, everything: bool = False) -> NormalizeReport:
    """Normalize new and changed source records (or EVERYTHING), deduplicate them against the
    whole knowledge base, and bring works and studies up to date; return what was done."""
    started = time.monotonic()
    report = NormalizeReport()
    with collector_paused(), session_scope(engine) as session:
        rows = _load_rows(session)
        report.records = len(rows)
        records = _Records(session, rows)
        changed = _normalize_changed(session, rows, records, everything)
        report.normalized = len(changed)
        verdicts = _verdicts(session)
        keys = [row.keys for row in rows]  # every record's, read once
        decisions, decided = _decide(session, rows, keys, records, changed, verdicts, report)
        _group_into_works(session, rows, records, decisions, decided, verdicts, report, changed)
        _save_work_ids(session, rows)
        report.studies = _link_studies(session, rows, keys, records, changed)
        report.works = session.exec(select(func.count()).select_from(WorkRow)).one()
    report.seconds = time.monotonic() - started
    return report


@dataclass(slots=True)
class _Row:
    """What normalization needs of a source record: read as plain rows (not ORM objects, a
    hundred thousand of them), changes written back in one statement each. The canonical
    record itself is read only when needed (_Records); its blocking keys always are."""

    id: int
    source: str
    work_id: int | None
    content_hash: str
    canonical_hash: str | None
    match_keys: list[Any] | None
    current_version: int
    loaded_work_id: int | None

    @property
    def keys(self) -> BlockKeys:
        """Return the record's blocking keys (stored with its canonical form)."""
        assert self.match_keys is not None, "normalized records have their keys"
        return BlockKeys(*self.match_keys[:-1])

    @property
    def linked(self) -> bool:
        """Return whether the record names registrations or registry references."""
        return bool(self.match_keys and self.match_keys[-1])


_RECORDS = SourceRecordRow.__table__  # type: ignore[attr-defined]
_VERSIONS = RecordVersionRow.__table__  # type: ignore[attr-defined]


def _load_rows(session: Session) -> list[_Row]:
    t = _RECORDS
    found = session.connection().execute(
        core_select(
            t.c.id, t.c.source, t.c.work_id, t.c.content_hash, t.c.canonical_hash,
            t.c.match_keys, t.c.current_version,
        ).order_by(t.c.id)
    ).all()  # fmt: skip
    return [_Row(*row, row[2]) for row in found]


class _Records:
    """The canonical Records of the rows by index, read from the database in batches when
    needed (an incremental run reads a few thousand of a hundred thousand). At most
    CACHE_BYTES of them (by an estimate of their size) are kept; the others are read again,
    so memory is bounded."""

    def __init__(self, session: Session, rows: list[_Row]) -> None:
        self._session = session
        self._rows = rows
        self._known: dict[int, Record] = {}
        self._room = CACHE_BYTES

    def __getitem__(self, index: int) -> Record:
        return self._known[index] if index in self._known else self.many([index])[index]

    def put(self, index: int, record: Record) -> None:
        """Keep RECORD (just normalized) as the record of row INDEX, while there is room."""
        size = RECORD_BYTES + len(record.abstract or "") + len(record.title)
        if size <= self._room and index not in self._known:
            self._known[index] = record
            self._room -= size

    def many(self, indexes: Iterable[int]) -> dict[int, Record]:
        """Return the canonical records of INDEXES by index, reading those not kept."""
        wanted = set(indexes)
        found = {i: self._known[i] for i in wanted if i in self._known}
        missing = sorted(wanted - found.keys())
        position = {self._rows[i].id: i for i in missing}
        t = _RECORDS
        for start in range(0, len(missing), CHUNK):
            ids = [self._rows[i].id for i in missing[start : start + CHUNK]]
            for record_id, canonical in self._session.connection().execute(
                core_select(t.c.id, t.c.canonical).where(among(self._session, t.c.id, ids))
            ):
                record = record_from_json(canonical or {})
                found[position[record_id]] = record
                self.put(position[record_id], record)
        return found


def _save_work_ids(session: Session, rows: list[_Row]) -> None:
    """Write the work of every record whose work changed."""
    moved = [{"rid": r.id, "wid": r.work_id} for r in rows if r.work_id != r.loaded_work_id]
    if moved:
        t = _RECORDS
        session.connection().execute(
            update(t).where(t.c.id == bindparam("rid")).values(work_id=bindparam("wid")), moved
        )
        for row in rows:
            row.loaded_work_id = row.work_id


def _stamp(content_hash: str) -> str:
    """Return what a record's canonical_hash holds once normalized: its content, the rules."""
    return f"{content_hash}:{RULES_VERSION}"


def _normalize_changed(
    session: Session, rows: list[_Row], records: _Records, everything: bool
) -> set[str]:
    """Normalize the records whose content (or the rules) changed since their last
    normalization."""
    stale = [
        (i, r)
        for i, r in enumerate(rows)
        if everything or r.canonical_hash != _stamp(r.content_hash) or r.match_keys is None
    ]
    if not stale:
        return set()
    t = _RECORDS
    statement = (
        update(t)
        .where(t.c.id == bindparam("rid"))
        .values(canonical=bindparam("c"), canonical_hash=bindparam("h"), match_keys=bindparam("k"))
    )
    for start in range(0, len(stale), CHUNK):  # a bounded statement and memory per chunk
        chunk = stale[start : start + CHUNK]
        ids = [r.id for _, r in chunk]
        v = _VERSIONS
        versions = session.connection().execute(
            core_select(v.c.source_record_id, v.c.version, v.c.raw_format, v.c.fields).where(
                among(session, v.c.source_record_id, ids)
            )
        )
        current = {r.id: r.current_version for _, r in chunk}
        found: dict[int, list[tuple[int, str, dict[str, Any]]]] = {}
        for rid, version, raw_format, data in versions:
            found.setdefault(rid, []).append((version, raw_format, dict(data or {})))
        fields = {rid: _merged_renderings(current[rid], kept) for rid, kept in found.items()}
        written = []
        for index, row in chunk:
            record = normalize(str(row.id), fields.get(row.id) or {})
            records.put(index, record)
            row.canonical_hash = _stamp(row.content_hash)
            row.match_keys = [*block_keys(record), bool(record.registry_links)]
            written.append(
                {
                    "rid": row.id,
                    "c": record_to_json(record),
                    "h": row.canonical_hash,
                    "k": row.match_keys,
                }
            )
        session.connection().execute(statement, written)
    return {str(r.id) for _, r in stale}


# What a poorer rendering of a record may give when the current (richest) one lacks it.
_GAP_FIELDS = (
    "abstract", "doi", "pmcid", "pmid", "languages", "keywords", "mesh", "publication_types",
)  # fmt: skip


def _merged_renderings(
    current: int, versions: list[tuple[int, str, dict[str, Any]]]
) -> dict[str, Any]:
    """Return the current version's fields, each gap filled from the record's other
    renderings (the latest version of each other format, richest first), and the longest
    author list of them all."""
    base: dict[str, Any] = {}
    chosen = None
    for version, raw_format, data in versions:
        if version == current:
            base, chosen = dict(data), raw_format
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    for version, raw_format, data in versions:
        if raw_format != chosen and (raw_format not in latest or version > latest[raw_format][0]):
            latest[raw_format] = (version, data)
    for raw_format in sorted(latest, key=rendering_rank):
        other = latest[raw_format][1]
        for name in _GAP_FIELDS:
            if not base.get(name) and other.get(name):
                base[name] = other[name]
        longer = [a for a in other.get("authors") or [] if isinstance(a, dict)]
        ours = [a for a in base.get("authors") or [] if isinstance(a, dict)]
        if len(longer) > len(ours):
            # The longer list, with each name the richer rendering spelt ("Salášek" over
            # its ASCII "Salasek") wherever the two lists name the same person.
            base["authors"] = [
                ours[i] if i < len(ours) and _folded(ours[i]) == _folded(author) else author
                for i, author in enumerate(longer)
            ]
    return base


def _folded(author: dict[str, Any]) -> str:
    """An author's family name without accents or case, to match its transliteration."""
    name = unicodedata.normalize("NFKD", str(author.get("family") or author.get("collective")))
    return "".join(c for c in name if not unicodedata.combining(c)).casefold()


def _verdicts(session: Session) -> dict[frozenset[str], bool]:
    rows = session.exec(
        select(ManualDecisionRow)
        .where(ManualDecisionRow.kind == "duplicate", col(ManualDecisionRow.active))
        .order_by(col(ManualDecisionRow.decided_at))
    ).all()
    return {frozenset({str(r.record_a_id), str(r.record_b_id)}): r.verdict == "same" for r in rows}


def _decide(
    session: Session,
    rows: list[_Row],
    keys: list[BlockKeys],
    records: _Records,
    changed: set[str],
    verdicts: dict[frozenset[str], bool],
    report: NormalizeReport,
) -> tuple[list[PairDecision], set[str]]:
    """Decide the candidate pairs that involve a changed record, and every verdict pair,
    PAIR_CHUNK at a time, storing each decision; return the decisions that are not
    "distinct" (what grouping needs) and the ids of every record in a decided pair."""
    recurring = recurring_titles(keys)
    by_id = {str(row.id): i for i, row in enumerate(rows)}
    around = {by_id[rid] for rid in changed if rid in by_id}
    # The first look needs the keys only: canonical records are read for the pairs it keeps.
    ordered = pairs_worth_comparing(keys, around if len(around) < len(rows) else None)
    verdict_pairs = set()
    for pair in verdicts:
        first, second = sorted(pair, key=int)
        if first in by_id and second in by_id:
            verdict_pairs.add((by_id[first], by_id[second]))
    if verdict_pairs:
        ordered = sorted(verdict_pairs.union(ordered))  # the same order on every run
    kept: list[PairDecision] = []
    touched: set[str] = set()
    for start in range(0, len(ordered), PAIR_CHUNK):
        chunk = ordered[start : start + PAIR_CHUNK]
        known = records.many(i for pair in chunk for i in pair)
        decided = [
            decision
            for i, j in chunk
            if (decision := decide(known[i], known[j], verdicts, recurring, looked=True))
        ]
        del known
        _save_decisions(session, decided)
        report.compared += len(decided)
        report.duplicates += sum(d.outcome == "duplicate" for d in decided)
        report.to_review += sum(d.outcome == "review" for d in decided)
        touched.update(rid for d in decided for rid in (d.a, d.b))
        kept += [d for d in decided if d.outcome != "distinct"]
    return kept, touched


def _save_decisions(session: Session, decisions: list[PairDecision]) -> None:
    """Store each decision as a duplicate_pair row: new pairs inserted, known ones updated,
    one statement each (a run can decide thousands of pairs)."""
    if not decisions:
        return
    table = DuplicatePairRow.__table__  # type: ignore[attr-defined]
    ids = sorted({int(d.a) for d in decisions} | {int(d.b) for d in decisions})
    stored = {}
    for start in range(0, len(ids), CHUNK):
        chosen = ids[start : start + CHUNK]
        for pair_id, a, b in session.connection().execute(
            core_select(table.c.id, table.c.record_a_id, table.c.record_b_id).where(
                among(session, table.c.record_a_id, chosen)
            )
        ):
            stored[(a, b)] = pair_id
    now = utcnow()
    inserts: dict[tuple[int, int], dict[str, Any]] = {}
    updates: list[dict[str, Any]] = []
    stored_as = {"duplicate": "merged", "related": "linked"}
    for decision in decisions:
        a, b = int(decision.a), int(decision.b)
        if a > b:
            a, b = b, a
        outcome = stored_as.get(decision.outcome, decision.outcome)
        pair_id = stored.get((a, b))
        if pair_id is None:
            inserts[(a, b)] = {
                "record_a_id": a, "record_b_id": b, "score": decision.score,
                "rule": decision.rule, "outcome": outcome, "explanation": decision.explanation,
                "created_at": now, "updated_at": now,
            }  # fmt: skip
        else:
            updates.append(
                {
                    "pair_id": pair_id,
                    "score": decision.score,
                    "rule": decision.rule,
                    "outcome": outcome,
                    "explanation": decision.explanation,
                    "updated_at": now,
                }  # fmt: skip
            )
    connection = session.connection()
    if inserts:
        insert_rows(connection, table, list(inserts.values()))
    if updates:
        names = ("score", "rule", "outcome", "explanation", "updated_at")
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("pair_id"))
            .values({name: bindparam(name) for name in names}),
            updates,
        )


def _group_into_works(
    session: Session,
    rows: list[_Row],
    records: _Records,
    decisions: list[PairDecision],
    decided: set[str],
    verdicts: dict[frozenset[str], bool],
    report: NormalizeReport,
    changed: set[str],
) -> None:
    """Union records already in one work with new duplicates; create, merge, refresh works.

    Only groups that hold a changed record, a record without work, or records of several
    works are touched; the rest are as they were.
    """
    index = {str(r.id): i for i, r in enumerate(rows)}
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pair, same in verdicts.items():
        first, second = sorted(pair, key=int)
        if not same and first in index and second in index:
            a, b = rows[index[first]], rows[index[second]]
            if a.work_id is not None and a.work_id == b.work_id:
                b.work_id = None  # a user said these differ: the later record leaves the work
    first_of_work: dict[int, int] = {}
    for i, row in enumerate(rows):
        if row.work_id is not None:
            if row.work_id in first_of_work:
                parent[root(i)] = root(first_of_work[row.work_id])
            else:
                first_of_work[row.work_id] = i
    for decision in decisions:
        if decision.outcome == "duplicate":
            parent[root(index[decision.a])] = root(index[decision.b])
    # Only groups holding a changed record, a record without work, or a decided pair move.
    moving = {index[rid] for rid in changed if rid in index}
    moving |= {i for i, row in enumerate(rows) if row.work_id is None}
    moving |= {index[rid] for rid in decided if rid in index}
    moving_roots = {root(i) for i in moving}
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        group = root(i)
        if group in moving_roots:
            groups.setdefault(group, []).append(i)
    to_fill = []
    for members in groups.values():
        work_ids = sorted({w for i in members if (w := rows[i].work_id) is not None})
        untouched = len(work_ids) == 1 and all(
            rows[i].work_id is not None and str(rows[i].id) not in changed for i in members
        )
        if not untouched:
            to_fill.append((members, work_ids))
    placed: list[tuple[int, list[int]]] = []
    new_works: list[tuple[dict[str, Any], list[int]]] = []
    table = WorkRow.__table__  # type: ignore[attr-defined]
    # A batch of groups at a time: their records are read, their works written, then let go.
    for batch in _batches(to_fill, CHUNK):
        known = records.many(i for members, _ in batch for i in members)
        with session.no_autoflush:
            for members, work_ids in batch:
                best = min(members, key=lambda i: _authority(rows[i], known[i]))
                values = _work_values(known[best], [known[i] for i in members])
                if not work_ids:
                    new_works.append((values, members))
                    continue
                work = session.get(WorkRow, work_ids[0])
                assert work is not None
                for gone in work_ids[1:]:
                    _merge_work(session, gone, work_ids[0])
                    report.works_merged += 1
                for name, value in values.items():
                    setattr(work, name, value)
                placed.append((work_ids[0], members))
        session.flush()
        if new_works:
            # Core, not ORM objects: a first run creates a hundred thousand works.
            ids = insert_rows(
                session.connection(),
                table,
                [{**values, "created_at": values["updated_at"]} for values, _ in new_works],
                ids=True,
            )
            placed += [(wid, members) for wid, (_, members) in zip(ids, new_works, strict=True)]
            report.works_created += len(new_works)
            new_works = []
    for work_id, members in placed:
        for i in members:
            rows[i].work_id = work_id


def _batches(
    groups: list[tuple[list[int], list[int]]], size: int
) -> Iterable[list[tuple[list[int], list[int]]]]:
    """Yield GROUPS in order, in batches of about SIZE records."""
    batch: list[tuple[list[int], list[int]]] = []
    count = 0
    for group in groups:
        batch.append(group)
        count += len(group[0])
        if count >= size:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


def _authority(row: _Row, record: Record) -> tuple[int, int]:
    richness = sum(bool(getattr(record, name)) for name in _RICH)
    return (SOURCE_RANK.get(row.source, 3), -richness)


def _merge_work(session: Session, gone: int, kept: int) -> None:
    """Move everything of work GONE onto work KEPT, then remove GONE (its records stay)."""
    session.execute(
        update(SourceRecordRow).where(col(SourceRecordRow.work_id) == gone).values(work_id=kept)
    )
    session.execute(delete(StudyLinkRow).where(col(StudyLinkRow.work_id) == gone))
    session.execute(delete(TagRow).where(col(TagRow.work_id) == gone))  # kept's are re-made
    session.execute(
        delete(WorkLinkRow).where(
            (col(WorkLinkRow.from_work_id) == gone) | (col(WorkLinkRow.to_work_id) == gone)
        )
    )
    session.execute(
        update(ManualDecisionRow).where(col(ManualDecisionRow.work_id) == gone).values(work_id=kept)
    )
    session.flush()
    work = session.get(WorkRow, gone)
    if work is not None:
        session.delete(work)


def _work_values(best: Record, members: list[Record]) -> dict[str, Any]:
    """Return a work's canonical fields: from the most authoritative record, gaps from the
    others."""

    def pick(name: str) -> Any:
        for record in [best, *members]:
            value = getattr(record, name)
            if value:
                return value
        return None

    authors = best.authors or pick("authors") or ()
    return {
        "title": best.title,
        "title_original": pick("title_original"),
        "abstract": pick("abstract"),
        "authors": [author_to_json(author) for author in authors],
        "year": pick("year"),
        "journal": pick("journal"),
        "journal_iso": pick("journal_iso"),
        "volume": pick("volume"),
        "issue": pick("issue"),
        "pages": pick("pages"),
        "doi": pick("doi"),
        "pmid": pick("pmid"),
        "pmcid": pick("pmcid"),
        "nct_ids": sorted({nct for record in members for nct in record.nct_ids}) or None,
        "record_kind": best.kind,
        "retracted": any(record.retracted for record in members),
        "updated_at": utcnow(),
    }


def _link_studies(
    session: Session, rows: list[_Row], keys: list[BlockKeys], records: _Records, changed: set[str]
) -> int:
    """Bring the studies of changed records up to date; return how many studies there are."""
    work_of = {str(row.id): row.work_id for row in rows}
    linked = [i for i, row in enumerate(rows) if row.linked]
    known = records.many(linked)  # the records naming registrations: a small part of all
    by_pmid = {key.pmid: str(row.id) for row, key in zip(rows, keys, strict=True) if key.pmid}
    for nct, links in link_studies([known[i] for i in linked], by_pmid).items():
        if not any(link.record_id in changed for link in links):
            continue
        study = session.exec(select(StudyRow).where(StudyRow.nct_id == nct)).first()
        if study is None:
            study = StudyRow(label=nct, nct_id=nct)
            session.add(study)
            session.flush()
        for link in links:
            work_id = work_of.get(link.record_id)
            if work_id is None:
                continue
            exists = session.exec(
                select(StudyLinkRow.id).where(
                    StudyLinkRow.study_id == study.id,
                    StudyLinkRow.work_id == work_id,
                    StudyLinkRow.via == link.via,
                )
            ).first()
            if exists is None and study.id is not None:
                session.add(
                    StudyLinkRow(study_id=study.id, work_id=work_id, via=link.via, nct_id=nct)
                )
            work = session.get(WorkRow, work_id)
            if work is not None and work.study_id is None:
                work.study_id = study.id
    session.flush()
    return session.exec(select(func.count()).select_from(StudyRow)).one()
