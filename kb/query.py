"""What the query commands read: the filters they share, the works that pass them, and each
work's canonical fields, tags, identifiers and source records, loaded in a few queries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from harvester.errors import EvidenceError
from kb.database import among
from kb.models import (
    SOURCE_RANK,
    RecordVersionRow,
    SearchRunRow,
    SourceRecordRow,
    StudyRow,
    TagRow,
    WorkRow,
)
from kb.tagging.taxonomy import Taxonomy

FACET_FILTERS = ("indication", "complication", "outcome")
RETRACTED_CHOICES = ("include", "exclude", "only")
_YEARS = re.compile(r"^\s*(\d{4})?\s*(?::|-|\.\.)\s*(\d{4})?\s*$|^\s*(\d{4})\s*$")


class FilterError(EvidenceError):
    """A filter that cannot be applied; the message says what is accepted."""


@dataclass(frozen=True)
class Filters:
    """The filters every query command shares: AND across facets, OR within one."""

    indication: tuple[str, ...] = ()
    complication: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    design: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    source: tuple[str, ...] = ()
    text: str | None = None
    new_since: datetime | None = None
    retracted: str = "exclude"
    relevant_only: bool = False
    study: bool = False

    def describe(self) -> dict[str, Any]:
        """Return the filters that are set, as plain data (for logs and reports)."""
        found: dict[str, Any] = {}
        for name in ("indication", "complication", "outcome", "design", "source"):
            if getattr(self, name):
                found[name] = list(getattr(self, name))
        if self.year_from or self.year_to:
            found["year"] = f"{self.year_from or ''}:{self.year_to or ''}"
        if self.text:
            found["text"] = self.text
        if self.new_since:
            found["new_since"] = self.new_since.isoformat()
        found["retracted"] = self.retracted
        if self.relevant_only:
            found["relevant_only"] = True
        if self.study:
            found["study"] = True
        return found


def make_filters(
    taxonomy: Taxonomy,
    *,
    indication: Sequence[str] = (),
    complication: Sequence[str] = (),
    outcome: Sequence[str] = (),
    design: Sequence[str] = (),
    year: str | None = None,
    source: Sequence[str] = (),
    text: str | None = None,
    new_since: datetime | None = None,
    retracted: str = "exclude",
    relevant_only: bool = False,
    study: bool = False,
) -> Filters:
    """Return checked Filters; an unknown id is an error naming the nearest ids."""
    for facet, ids in (
        ("indication", indication),
        ("complication", complication),
        ("outcome", outcome),
        ("design", design),
    ):
        for taxonomy_id in ids:
            taxonomy.require(facet, taxonomy_id)
    if retracted not in RETRACTED_CHOICES:
        raise FilterError(f'--retracted takes include, exclude or only, not "{retracted}"')
    year_from, year_to = parse_years(year) if year else (None, None)
    return Filters(
        indication=tuple(dict.fromkeys(indication)),
        complication=tuple(dict.fromkeys(complication)),
        outcome=tuple(dict.fromkeys(outcome)),
        design=tuple(dict.fromkeys(design)),
        year_from=year_from,
        year_to=year_to,
        source=tuple(source),
        text=text.strip() if text and text.strip() else None,
        new_since=new_since,
        retracted=retracted,
        relevant_only=relevant_only,
        study=study,
    )


def parse_years(text: str) -> tuple[int | None, int | None]:
    """Return the years of "2015:2024", "2015:", ":2024" or "2019"."""
    found = _YEARS.match(text)
    if not found:
        raise FilterError(f'--year takes YEAR or FROM:TO (e.g. 2015:2024), not "{text}"')
    if found.group(3):
        return int(found.group(3)), int(found.group(3))
    start, end = found.group(1), found.group(2)
    if not start and not end:
        raise FilterError(f'--year takes YEAR or FROM:TO (e.g. 2015:2024), not "{text}"')
    low, high = int(start) if start else None, int(end) if end else None
    if low and high and low > high:
        raise FilterError(f"--year {text}: the first year is after the second")
    return low, high


def parse_since(session: Session, text: str) -> datetime:
    """Return the moment of "--new-since DATE|last-run" (last-run: the last update's start)."""
    if text.strip().lower() == "last-run":
        started = last_run_start(session)
        if started is None:
            raise FilterError("--new-since last-run: no harvest, import or update has run yet")
        return started
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            raise FilterError(
                f'--new-since takes a date (2025-01-31) or "last-run", not "{text}"'
            ) from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def last_run_start(session: Session) -> datetime | None:
    """Return when the latest update began, or else the latest harvest or import."""
    for kinds in (("update",), ("harvest", "import")):
        started = session.exec(
            select(func.max(SearchRunRow.started_at)).where(
                col(SearchRunRow.kind).in_(kinds),
                col(SearchRunRow.status).in_(("success", "partial")),
            )
        ).one()
        if started is not None:
            return started if started.tzinfo else started.replace(tzinfo=UTC)
    return None


def conditions(filters: Filters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    for facet in FACET_FILTERS:
        ids = getattr(filters, facet)
        if ids:
            found.append(
                exists().where(
                    col(TagRow.work_id) == WorkRow.id,
                    col(TagRow.facet) == facet,
                    col(TagRow.taxonomy_id).in_(ids),
                    col(TagRow.qualifier).is_(None),
                )
            )
    if filters.design:
        found.append(col(WorkRow.design).in_(filters.design))
    if filters.year_from is not None:
        found.append(col(WorkRow.year) >= filters.year_from)
    if filters.year_to is not None:
        found.append(col(WorkRow.year) <= filters.year_to)
    if filters.source:
        wanted = [s.lower() for s in filters.source]
        found.append(
            exists().where(
                col(SourceRecordRow.work_id) == WorkRow.id,
                or_(
                    func.lower(SourceRecordRow.source_name).in_(wanted),
                    func.lower(SourceRecordRow.source).in_(wanted),
                ),
            )
        )
    if filters.text:
        for word in filters.text.split():
            # % and _ are the user's letters, not LIKE wildcards.
            literal = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{literal}%"
            found.append(
                or_(
                    func.lower(WorkRow.title).like(pattern, escape="\\"),
                    func.lower(func.coalesce(WorkRow.abstract, "")).like(pattern, escape="\\"),
                )
            )
    if filters.new_since is not None:
        found.append(col(WorkRow.created_at) >= filters.new_since)
    if filters.retracted == "exclude":
        found.append(col(WorkRow.retracted).is_(False))
    elif filters.retracted == "only":
        found.append(col(WorkRow.retracted).is_(True))
    if filters.relevant_only:
        found.append(col(WorkRow.relevant).is_(True))
    return found


def select_work_ids(session: Session, filters: Filters) -> list[int]:
    """Return the ids of the works that pass FILTERS, in id order."""
    found = conditions(filters)
    statement = select(WorkRow.id).order_by(col(WorkRow.id))
    if found:
        statement = statement.where(and_(*found))
    return [i for i in session.exec(statement).all() if i is not None]


@dataclass
class SourceView:
    """A source record of a work: where it came from and its own key there."""

    record_id: int
    source: str
    source_name: str
    source_key: str
    status: str
    first_seen: datetime
    last_seen: datetime
    version: int


@dataclass
class WorkView:
    """A work as the tables and exports show it."""

    work_id: int
    title: str
    year: int | None
    authors: list[dict[str, Any]]
    journal: str | None
    journal_iso: str | None
    issn: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None
    pmid: str | None
    pmcid: str | None
    nct_ids: list[str]
    kind: str
    language: str | None
    retracted: bool
    relevant: bool | None
    design: str | None
    registered_design: str | None
    sample_size: int | None
    sample_size_type: str | None
    study_id: int | None
    study_nct: str | None
    citation_key: str | None
    created_at: datetime
    updated_at: datetime
    pub_date: str | None = None
    abstract: str | None = None
    title_original: str | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)
    records: list[SourceView] = field(default_factory=list)
    # Detail for exports: the richest member records' parsed fields.
    mesh: list[str] = field(default_factory=list)
    # The same headings with PubMed's major-topic stars ("Baclofen/*administration & dosage")
    mesh_marked: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    registry: dict[str, Any] | None = None
    # As the richest member record printed them: NLM's journal abbreviation (MedlineTA), the
    # date as printed ("2014 May-Jun", "2019 Spring"), every language, each author's
    # affiliations (by position), and the DOI in the case it was received.
    medline_ta: str | None = None
    date_text: str | None = None
    languages: list[str] = field(default_factory=list)
    affiliations: list[list[str]] = field(default_factory=list)
    doi_received: str | None = None
    # A caller's note for the exports (itb dedupe: which records a group merged).
    note: str | None = None

    @property
    def nct_id(self) -> str | None:
        """Return the registration's NCT id (a registration work's own, else its study's)."""
        if self.kind == "registration":
            own = [r.source_key for r in self.records if r.source == "ctgov"]
            return own[0] if own else (self.nct_ids[0] if self.nct_ids else None)
        return self.study_nct

    @property
    def first_author(self) -> str:
        """Return the first author's family name or group name ("" when none)."""
        for author in self.authors:
            return str(author.get("family") or author.get("collective") or "")
        return ""


def load_views(session: Session, ids: Sequence[int], detail: bool = False) -> list[WorkView]:
    """Return the WorkViews of IDS (in that order); DETAIL adds the abstract, MeSH, keywords,
    publication types, full author names and registry fields from the member records."""
    views: dict[int, WorkView] = {}
    for start in range(0, len(ids), 5000):
        chunk = list(ids[start : start + 5000])
        for view in _load_chunk(session, chunk, detail):
            views[view.work_id] = view
    return [views[i] for i in ids if i in views]


_WORK_COLUMNS = (
    "id", "title", "year", "authors", "journal", "journal_iso", "issn", "volume", "issue",
    "pages", "doi", "pmid", "pmcid", "nct_ids", "record_kind", "language", "retracted",
    "relevant", "design", "registered_design", "sample_size", "sample_size_type", "study_id",
    "citation_key", "created_at", "updated_at", "pub_date", "abstract", "title_original",
)  # fmt: skip


def _load_chunk(session: Session, ids: list[int], detail: bool) -> list[WorkView]:
    # Core rows, not ORM objects: tables and exports read thousands of works at once.
    table = WorkRow.__table__  # type: ignore[attr-defined]
    works = (
        session.connection().execute(
            core_select(
                *(table.c[name] for name in _WORK_COLUMNS if detail or name != "abstract")
            ).where(among(session, table.c.id, ids))
        )
    ).all()
    studies = dict(
        session.exec(
            select(StudyRow.id, StudyRow.nct_id).where(
                col(StudyRow.id).in_({w.study_id for w in works if w.study_id})
            )
        ).all()
    )
    tags: dict[int, dict[str, list[str]]] = {}
    for work_id, facet, taxonomy_id in session.exec(
        select(TagRow.work_id, TagRow.facet, TagRow.taxonomy_id)
        .where(among(session, col(TagRow.work_id), ids), col(TagRow.qualifier).is_(None))
        .order_by(col(TagRow.work_id), col(TagRow.facet), col(TagRow.taxonomy_id))
    ).all():
        found = tags.setdefault(work_id, {}).setdefault(facet, [])
        if taxonomy_id not in found:
            found.append(taxonomy_id)
    records: dict[int, list[SourceView]] = {}
    table = SourceRecordRow.__table__  # type: ignore[attr-defined]
    for row in session.connection().execute(
        core_select(
            table.c.id, table.c.work_id, table.c.source, table.c.source_name,
            table.c.source_key, table.c.status, table.c.first_seen_at, table.c.last_seen_at,
            table.c.current_version,
        )
        .where(among(session, table.c.work_id, ids))
        .order_by(table.c.id)
    ).all():  # fmt: skip
        records.setdefault(row.work_id, []).append(
            SourceView(row.id, row.source, row.source_name, row.source_key, row.status,
                       row.first_seen_at, row.last_seen_at, row.current_version)
        )  # fmt: skip
    views = []
    for work in works:
        values = dict(work._mapping)
        work_id = values.pop("id")
        values.update(
            work_id=work_id,
            kind=values.pop("record_kind"),
            authors=list(values["authors"] or []),
            nct_ids=list(values["nct_ids"] or []),
            study_nct=studies.get(values["study_id"]) if values["study_id"] else None,
            tags=tags.get(work_id, {}),
            records=records.get(work_id, []),
        )
        views.append(WorkView(**values))
    if detail:
        _add_detail(session, views)
    return views


def add_registry_detail(session: Session, views: Sequence[WorkView]) -> None:
    """Fill the registry fields (status, phase, enrollment...) of the registrations only."""
    _add_detail(session, [v for v in views if v.kind == "registration"])


def _add_detail(session: Session, views: Sequence[WorkView]) -> None:
    """Fill MeSH, keywords, publication types, full names and registry fields."""
    wanted = {r.record_id: (r.version, v) for v in views for r in v.records}
    fields: dict[int, list[tuple[int, int, Mapping[str, Any]]]] = {}
    for start in range(0, len(wanted), 5000):
        chunk = list(wanted)[start : start + 5000]
        for record_id, version, data, source in session.exec(
            select(
                RecordVersionRow.source_record_id,
                RecordVersionRow.version,
                RecordVersionRow.fields,
                SourceRecordRow.source,
            )
            .join(SourceRecordRow, col(SourceRecordRow.id) == RecordVersionRow.source_record_id)
            .where(among(session, col(RecordVersionRow.source_record_id), chunk))
        ).all():
            current, view = wanted[record_id]
            if version == current and data:
                fields.setdefault(view.work_id, []).append(
                    (SOURCE_RANK.get(source, 3), record_id, data)
                )
    for view in views:
        members = [data for _, _, data in sorted(fields.get(view.work_id, []), key=lambda m: m[:2])]
        fill_detail(view, members)


def fill_detail(view: WorkView, members: Iterable[Mapping[str, Any]]) -> None:
    """Fill VIEW's MeSH, keywords, publication types (union over its member records' parsed
    fields, in that order), full author names, registry fields and full date."""
    mesh: dict[str, tuple[str, str]] = {}
    keywords: dict[str, str] = {}
    types: dict[str, str] = {}
    for data in members:
        for heading in data.get("mesh") or []:
            name = str(heading.get("descriptor") or "")
            named = [q for q in heading.get("qualifiers") or [] if q.get("name")]
            text = "/".join([name, *(str(q["name"]) for q in named)]) if name else ""
            if text:
                marked = "/".join(
                    [
                        ("*" if heading.get("major") else "") + name,
                        *(("*" if q.get("major") else "") + str(q["name"]) for q in named),
                    ]
                )
                mesh.setdefault(text.lower(), (text, marked))
        for keyword in data.get("keywords") or []:
            word = keyword.get("keyword") if isinstance(keyword, dict) else keyword
            if word:
                keywords.setdefault(str(word).lower(), str(word))
        for kind in data.get("publication_types") or []:
            name = str(kind.get("name") or "")
            if name and data.get("pmid"):
                types.setdefault(name.lower(), name)
        full = [a for a in data.get("authors") or [] if isinstance(a, dict)]
        if (
            full
            and any(a.get("given") or a.get("suffix") for a in full)
            and not any(a.get("given") or a.get("suffix") for a in view.authors)
        ):
            view.authors = full
        if view.registry is None and data.get("nct_id") and _REGISTRY_KEYS.intersection(data):
            # (a registry record, or a registration read from a file with a registry's facts)
            view.registry = dict(data)
        if not view.pub_date:
            view.pub_date = _full_date(data)
        _fill_printed(view, data)
    view.mesh = [text for text, _ in mesh.values()]
    view.mesh_marked = [marked for _, marked in mesh.values()]
    view.keywords = list(keywords.values())
    view.publication_types = list(types.values())


_REGISTRY_KEYS = frozenset({"conditions", "enrollment", "overall_status", "brief_title", "sponsor"})


def _fill_printed(view: WorkView, data: Mapping[str, Any]) -> None:
    """Take what exports print as the source printed it from the first member that has it."""
    given = data.get("journal")
    journal: Mapping[str, Any] = given if isinstance(given, dict) else {}
    view.medline_ta = view.medline_ta or journal.get("medline_ta")
    view.issn = view.issn or journal.get("issn")
    # The volume and issue as printed ("21 Suppl 4", "Pt 2"), where the work keeps only
    # the number it matches on.
    for name in ("volume", "issue"):
        printed, kept = str(journal.get(name) or "").strip(), getattr(view, name)
        if kept and printed != kept and printed.startswith(str(kept)):
            setattr(view, name, printed)
    published = data.get("pub_date")
    if not view.date_text and isinstance(published, dict):
        view.date_text = published.get("medline_date") or published.get("raw") or None
    if not view.languages:
        view.languages = [str(x) for x in data.get("languages") or [] if x]
    authors = [a for a in data.get("authors") or [] if isinstance(a, dict)]
    if not view.affiliations and len(authors) == len(view.authors):
        found = [[str(x) for x in a.get("affiliations") or [] if x] for a in authors]
        view.affiliations = found if any(found) else []
    received = data.get("doi_as_received") or data.get("doi")
    if not view.doi_received and received and view.doi and str(received).lower() == view.doi:
        view.doi_received = view.doi = str(received)  # exports print it as received


def _full_date(data: Mapping[str, Any]) -> str | None:
    """Return an ISO date, as precise as the record gives it ("2019", "2019-05", "2019-05-03")."""
    published = data.get("pub_date")
    if isinstance(published, dict) and published.get("sortable"):
        return str(published["sortable"])
    posted = data.get("first_posted")
    if isinstance(posted, dict) and posted.get("date"):
        return str(posted["date"])
    return None
