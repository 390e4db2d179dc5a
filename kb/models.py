"""The schema: sqlmodel tables. Table classes end in Row, never mistaken for records.

What is kept, and why:
- ``source_record`` + ``record_version``: every record as received from one source, with
  every earlier version (a change adds a version, nothing is overwritten);
- ``work``: the deduplicated bibliographic entities; the source records point at them;
- ``study`` + ``study_link``: the works that report one trial, with how each was linked;
- ``work_link``: related but distinct works (erratum, retraction, comment, preprint);
- ``duplicate_pair``: every automatic duplicate decision with its score and explanation;
- ``tag``: facet tags of works, automatic or manual, with their evidence;
- ``manual_decision``: the user's duplicate verdicts and tag corrections, apart, so that
  no automatic step can erase them;
- ``saved_search`` + ``search_run``: the search log (harvests, imports, exports, updates);
- ``search_result``: which source records each saved search found, and whether it still does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Index, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Stable constraint names on both engines (PostgreSQL wants them unique per schema, and
# SQLite's batch migrations need names to find constraints again).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


_ZERO = timedelta(0)


# Which source a work's fields come from first: PubMed, then ClinicalTrials.gov, then files.
SOURCE_RANK = {"pubmed": 0, "ctgov": 1, "file": 2}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every engine (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}; give every datetime a timezone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        if value.tzinfo is UTC:
            return value
        # UTC under another name (PostgreSQL's Etc/UTC): relabel, cheaper than converting.
        return value.replace(tzinfo=UTC) if value.utcoffset() == _ZERO else value.astimezone(UTC)


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _when(nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


RUN_KINDS = ("harvest", "import", "export", "update")
RUN_STATUSES = ("running", "success", "partial", "failed", "interrupted")
RECORD_STATUSES = ("active", "no_longer_matches", "unavailable", "deleted")
PAIR_OUTCOMES = ("merged", "linked", "review", "distinct")
TAG_FACETS = ("indication", "complication", "outcome", "design")


def one_of(column: str, values: Sequence[str]) -> str:
    """Return a CHECK that COLUMN holds one of VALUES, as comparisons joined by OR: SQLite
    evaluates "column IN (...)" of more than two values by building a table of them for
    every row written (3.5 microseconds a row here: a fifth of the time of each of the
    140,000 tag rows a full tagging run inserts), and the comparisons at no measurable cost."""
    return " OR ".join(f"{column} = '{value}'" for value in values)


def _json() -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True))


def _text(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(Text, nullable=nullable))


class SavedSearchRow(SQLModel, table=True):
    """A named search, as configured in itb.toml, rerun by harvests and updates."""

    __tablename__ = "saved_search"
    __table_args__ = (CheckConstraint("source IN ('pubmed', 'ctgov')", name="source_known"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    source: str
    query: str = _text(nullable=False)
    params: dict[str, Any] | None = _json()
    created_at: datetime = _when()
    updated_at: datetime = _when()


class SearchRunRow(SQLModel, table=True):
    """One entry of the search log: a harvest, an import, an export or an update run."""

    __tablename__ = "search_run"
    __table_args__ = (
        CheckConstraint(one_of("kind", RUN_KINDS), name="kind_known"),
        CheckConstraint(one_of("status", RUN_STATUSES), name="status_known"),
        Index("ix_search_run_search_status", "saved_search_id", "status", "finished_at"),
        Index("ix_search_run_started", "started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    saved_search_id: int | None = Field(default=None, foreign_key="saved_search.id")
    source: str
    database_name: str
    interface: str | None = None
    query: str | None = _text()
    query_translation: str | None = _text()
    params: dict[str, Any] | None = _json()
    window_field: str | None = None
    window_start: str | None = None
    window_end: str | None = None
    started_at: datetime = _when()
    finished_at: datetime | None = _when(nullable=True)
    status: str = "running"
    count_reported: int | None = None
    retrieved: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    error: str | None = _text()
    details: dict[str, Any] | None = _json()


class StudyRow(SQLModel, table=True):
    """One study (a trial): the registration and the articles that report it."""

    __tablename__ = "study"

    id: int | None = Field(default=None, primary_key=True)
    label: str
    nct_id: str | None = Field(default=None, unique=True)
    created_at: datetime = _when()


class WorkRow(SQLModel, table=True):
    """A deduplicated bibliographic entity with its canonical fields."""

    __tablename__ = "work"
    __table_args__ = (
        Index("ix_work_doi", "doi"),
        Index("ix_work_pmid", "pmid"),
        Index("ix_work_pmcid", "pmcid"),
        Index("ix_work_year", "year"),
        Index("ix_work_study", "study_id"),
        Index("ix_work_updated", "updated_at"),
        Index("ix_work_design", "design"),
        Index("ix_work_citation_key", "citation_key", unique=True),
        Index("ix_work_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = _text(nullable=False)
    title_original: str | None = _text()
    abstract: str | None = _text()
    authors: list[dict[str, Any]] | None = _json()
    year: int | None = None
    pub_date: str | None = None
    journal: str | None = None
    journal_iso: str | None = None
    issn: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    nct_ids: list[str] | None = _json()
    record_kind: str = "article"
    language: str | None = None
    retracted: bool = False
    relevant: bool | None = None
    relevance_evidence: str | None = _text()
    sample_size: int | None = None
    sample_size_type: str | None = None
    sample_size_evidence: str | None = _text()
    # The one design (a manual correction wins), and what a registration declares.
    design: str | None = None
    registered_design: str | None = None
    # What the tags were made from (member records, taxonomy, tagger): a work whose
    # inputs hash differently is tagged again.
    tag_hash: str | None = None
    tagged_at: datetime | None = _when(nullable=True)
    # Assigned at the first export and never changed ("smith2019intrathecal").
    citation_key: str | None = None
    study_id: int | None = Field(default=None, foreign_key="study.id")
    created_at: datetime = _when()
    updated_at: datetime = _when()


class SourceRecordRow(SQLModel, table=True):
    """A record's identity in one source; its payloads live in record_version."""

    __tablename__ = "source_record"
    __table_args__ = (
        UniqueConstraint("source", "source_name", "source_key", name="uq_source_record_key"),
        Index("ix_source_record_work", "work_id"),
        Index("ix_source_record_key", "source_key"),
        CheckConstraint(one_of("status", RECORD_STATUSES), name="status_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str
    source_name: str
    source_key: str
    current_version: int = 1
    content_hash: str
    first_seen_at: datetime = _when()
    last_seen_at: datetime = _when()
    status: str = "active"
    work_id: int | None = Field(default=None, foreign_key="work.id")
    # The canonical form (kb.dedup.records) of the current version, and the content hash it
    # was made from: a record whose hash differs is new or changed since normalization.
    canonical: dict[str, Any] | None = _json()
    canonical_hash: str | None = None
    # Its blocking keys (kb.dedup.BlockKeys) and whether it has registry links: read for
    # every record by an incremental run, which reads the canonical form of a few only.
    match_keys: list[Any] | None = _json()


class RecordVersionRow(SQLModel, table=True):
    """One version of a source record: the payload exactly as received, and what was parsed."""

    __tablename__ = "record_version"
    __table_args__ = (UniqueConstraint("source_record_id", "version", name="uq_record_version"),)

    id: int | None = Field(default=None, primary_key=True)
    source_record_id: int = Field(foreign_key="source_record.id")
    version: int
    fetched_at: datetime = _when()
    content_hash: str
    source_version: str | None = None
    raw_format: str
    raw_payload: str = _text(nullable=False)
    fields: dict[str, Any] | None = _json()
    run_id: int | None = Field(default=None, foreign_key="search_run.id", index=True)


class SearchResultRow(SQLModel, table=True):
    """A source record a saved search found: when first and last (by run)."""

    __tablename__ = "search_result"
    __table_args__ = (
        UniqueConstraint("saved_search_id", "source_record_id", name="uq_search_result"),
        Index("ix_search_result_record", "source_record_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    saved_search_id: int = Field(foreign_key="saved_search.id")
    source_record_id: int = Field(foreign_key="source_record.id")
    first_run_id: int = Field(foreign_key="search_run.id")
    last_run_id: int = Field(foreign_key="search_run.id")
    matches: bool = True


class StudyLinkRow(SQLModel, table=True):
    """Why a work belongs to a study: DataBank, MEDLINE SI, abstract text, registry reference."""

    __tablename__ = "study_link"
    __table_args__ = (
        UniqueConstraint("study_id", "work_id", "via", name="uq_study_link"),
        Index("ix_study_link_work", "work_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id")
    work_id: int = Field(foreign_key="work.id")
    via: str
    nct_id: str | None = None
    pmid: str | None = None
    detail: str | None = _text()
    created_at: datetime = _when()


class WorkLinkRow(SQLModel, table=True):
    """Two distinct but related works: an erratum and its article, a comment and its target."""

    __tablename__ = "work_link"
    __table_args__ = (
        UniqueConstraint("from_work_id", "to_work_id", "relation", name="uq_work_link"),
        Index("ix_work_link_to", "to_work_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    from_work_id: int = Field(foreign_key="work.id")
    to_work_id: int = Field(foreign_key="work.id")
    relation: str
    via: str | None = None
    created_at: datetime = _when()


class DuplicatePairRow(SQLModel, table=True):
    """An automatic duplicate decision on two source records, with score and explanation."""

    __tablename__ = "duplicate_pair"
    __table_args__ = (
        UniqueConstraint("record_a_id", "record_b_id", name="uq_duplicate_pair"),
        CheckConstraint("record_a_id < record_b_id", name="ordered"),
        CheckConstraint(one_of("outcome", PAIR_OUTCOMES), name="outcome_known"),
        Index("ix_duplicate_pair_b", "record_b_id"),
        Index("ix_duplicate_pair_outcome", "outcome"),
    )

    id: int | None = Field(default=None, primary_key=True)
    record_a_id: int = Field(foreign_key="source_record.id")
    record_b_id: int = Field(foreign_key="source_record.id")
    score: float
    rule: str
    outcome: str
    explanation: dict[str, Any] | None = _json()
    created_at: datetime = _when()
    updated_at: datetime = _when()


class TagRow(SQLModel, table=True):
    """A facet tag of a work, with the field and words that produced it."""

    __tablename__ = "tag"
    __table_args__ = (
        CheckConstraint(one_of("facet", TAG_FACETS), name="facet_known"),
        CheckConstraint("origin IN ('auto', 'manual')", name="origin_known"),
        Index("ix_tag_work", "work_id"),
        Index("ix_tag_facet_id", "facet", "taxonomy_id", "negated"),
        # Covers the evidence map's reads: (work, id) of one facet without the table.
        Index("ix_tag_facet_work", "facet", "work_id", "taxonomy_id", "qualifier"),
    )

    id: int | None = Field(default=None, primary_key=True)
    work_id: int = Field(foreign_key="work.id")
    facet: str
    taxonomy_id: str
    origin: str = "auto"
    negated: bool = False
    # None for a tag; "negated", "hypothetical", "context" (background), "superseded" (a
    # vaguer indication where a cause is named), "comparator" (another treatment's harm),
    # "overdose" (a dose quoted to describe an overdose), "protocol" (a screening bolus's
    # amount), "improved" (a condition the patients had, said to get better), "harm_report"
    # (an outcome word in a case report of a harm), "other_cause" (an event the authors
    # attribute to another cause), "history" (a condition the patients had before) or
    # "overruled" (a keyword or MeSH harm the abstract speaks of only as absent, hypothetical
    # or of another cause), "harm_dose" (a dose lowered or stopped for a harm) or
    # "unmeasured" (pain named as a symptom, not measured or said to change), "generic" (an
    # outcome in a statement of what the therapy is known to do, no data of the study's own:
    # a review's tag still), "cited" (a disease the background says the therapy is known to
    # help: a review's topic, no primary study's patients), "looked_for" (a harm a primary
    # study's methods list as recorded and its results never name), "differential" (a
    # diagnosis weighed against another: "its differential diagnosis with sepsis"),
    # "baseline" (a scale read only as the patients came: "mean baseline leg Ashworth scores")
    # or "harmed" (what a harm took from the patients: "weakness affecting transfers", or the
    # pain a device or its refills caused: "discomfort from their pumps") for a
    # mention that is not a tag.
    qualifier: str | None = None
    field: str | None = None
    section: str | None = None
    matched_text: str | None = _text()
    created_at: datetime = _when()


class ManualDecisionRow(SQLModel, table=True):
    """A user's duplicate verdict or tag correction, which always wins over automatic steps.

    Decisions are anchored on source records (which are never deleted), so they survive
    works being merged, split or rebuilt; ``work_id`` records the work at decision time.
    A newer decision on the same subject supersedes an older one (``active`` false).
    """

    __tablename__ = "manual_decision"
    __table_args__ = (
        CheckConstraint("kind IN ('duplicate', 'tag')", name="kind_known"),
        CheckConstraint(
            "(kind = 'duplicate' AND verdict IN ('same', 'different')"
            " AND record_a_id IS NOT NULL AND record_b_id IS NOT NULL)"
            " OR (kind = 'tag' AND verdict IN ('add', 'remove')"
            " AND anchor_record_id IS NOT NULL AND facet IS NOT NULL"
            " AND taxonomy_id IS NOT NULL)",
            name="subject_complete",
        ),
        Index("ix_manual_decision_records", "record_a_id", "record_b_id"),
        Index("ix_manual_decision_anchor", "anchor_record_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    verdict: str
    record_a_id: int | None = Field(default=None, foreign_key="source_record.id")
    record_b_id: int | None = Field(default=None, foreign_key="source_record.id")
    anchor_record_id: int | None = Field(default=None, foreign_key="source_record.id")
    work_id: int | None = Field(default=None, foreign_key="work.id")
    facet: str | None = None
    taxonomy_id: str | None = None
    reason: str | None = _text()
    decided_by: str | None = None
    decided_at: datetime = _when()
    active: bool = True


class KbSettingRow(SQLModel, table=True):
    """A fact about the knowledge base as a whole (which parser version read its records)."""

    __tablename__ = "kb_setting"

    key: str = Field(primary_key=True)
    value: str
    updated_at: datetime = _when()
