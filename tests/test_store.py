"""Rows in and out: every table round-trips, and a record's earlier versions survive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from harvester.records import RawRecord
from kb.database import session_scope
from kb.models import (
    DuplicatePairRow,
    KbSettingRow,
    ManualDecisionRow,
    RecordVersionRow,
    SavedSearchRow,
    SearchResultRow,
    SearchRunRow,
    SourceRecordRow,
    StudyLinkRow,
    StudyRow,
    TagRow,
    WorkLinkRow,
    WorkRow,
)
from kb.project import SavedSearch
from kb.store import SaveOutcome, count_rows, load_versions, save_raw_record, save_saved_searches

WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def pubmed_record(payload: str, version: str = "1", when: datetime = WHEN) -> RawRecord:
    return RawRecord(
        source="pubmed",
        source_name="PubMed",
        source_key="12345678",
        raw_format="pubmed-xml",
        raw_payload=payload,
        fields={"title": "Intrathecal baclofen for spasticity", "year": 2024},
        source_version=version,
        fetched_at=when,
    )


def test_saving_a_new_record_stores_version_one_with_its_raw_payload(engine: Engine) -> None:
    payload = "<PubmedArticle><MedlineCitation>Ünïcode &amp; all</MedlineCitation></PubmedArticle>"
    with session_scope(engine) as session:
        row, outcome = save_raw_record(session, pubmed_record(payload))
    assert outcome is SaveOutcome.NEW
    with session_scope(engine) as session:
        stored = session.get(SourceRecordRow, row.id)
        assert stored is not None
        (version,) = load_versions(session, stored)
    assert version.raw_payload == payload
    assert version.version == 1
    assert version.fields == {"title": "Intrathecal baclofen for spasticity", "year": 2024}
    assert version.content_hash == pubmed_record(payload).content_hash
    assert version.fetched_at == WHEN


def test_saving_the_same_payload_again_changes_nothing_but_last_seen(engine: Engine) -> None:
    later = WHEN + timedelta(days=1)
    with session_scope(engine) as session:
        save_raw_record(session, pubmed_record("<a/>"))
    with session_scope(engine) as session:
        row, outcome = save_raw_record(session, pubmed_record("<a/>", when=later))
        assert outcome is SaveOutcome.UNCHANGED
        assert len(load_versions(session, row)) == 1
    with session_scope(engine) as session:
        stored = session.get(SourceRecordRow, row.id)
        assert stored is not None
        assert (stored.first_seen_at, stored.last_seen_at) == (WHEN, later)


def test_a_changed_record_keeps_its_earlier_version(engine: Engine) -> None:
    with session_scope(engine) as session:
        save_raw_record(session, pubmed_record("<v1/>", version="1"))
    with session_scope(engine) as session:
        row, outcome = save_raw_record(
            session, pubmed_record("<v2/>", version="2", when=WHEN + timedelta(hours=1))
        )
    assert outcome is SaveOutcome.UPDATED
    with session_scope(engine) as session:
        stored = session.get(SourceRecordRow, row.id)
        assert stored is not None
        versions = load_versions(session, stored)
        assert stored.current_version == 2
        assert stored.content_hash == pubmed_record("<v2/>").content_hash
    assert [(v.version, v.raw_payload, v.source_version) for v in versions] == [
        (1, "<v1/>", "1"),
        (2, "<v2/>", "2"),
    ]


def test_the_same_key_in_two_sources_is_two_records(engine: Engine) -> None:
    embase = RawRecord("file", "Embase", "12345678", "ris", "TY  - JOUR\nER  -\n")
    with session_scope(engine) as session:
        _, first = save_raw_record(session, pubmed_record("<a/>"))
        _, second = save_raw_record(session, embase)
    assert (first, second) == (SaveOutcome.NEW, SaveOutcome.NEW)
    with session_scope(engine) as session:
        assert count_rows(session)["source_record"] == 2


def test_a_failed_save_stores_nothing(engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        save_raw_record(session, pubmed_record("<a/>"))
        raise RuntimeError("crash before commit")
    with session_scope(engine) as session:
        assert count_rows(session)["source_record"] == 0
        assert count_rows(session)["record_version"] == 0


def test_saved_searches_are_stored_by_name_and_follow_query_changes(engine: Engine) -> None:
    search = SavedSearch("itb-pubmed", "pubmed", "baclofen[tiab]")
    with session_scope(engine) as session:
        save_saved_searches(session, [search])
    changed = SavedSearch("itb-pubmed", "pubmed", "baclofen[tiab] AND intrathecal[tiab]")
    with session_scope(engine) as session:
        save_saved_searches(session, [changed])
    with session_scope(engine) as session:
        rows = session.exec(select(SavedSearchRow)).all()
    assert [(r.name, r.query) for r in rows] == [("itb-pubmed", changed.query)]


def test_datetimes_come_back_timezone_aware_in_utc(engine: Engine) -> None:
    eastern = timezone(timedelta(hours=-5))
    with session_scope(engine) as session:
        row = SavedSearchRow(
            name="s",
            source="pubmed",
            query="q",
            created_at=datetime(2025, 1, 1, 21, 0, tzinfo=eastern),
            updated_at=WHEN,
        )
        session.add(row)
    with session_scope(engine) as session:
        stored = session.get(SavedSearchRow, row.id)
    assert stored is not None
    assert stored.created_at == datetime(2025, 1, 2, 2, 0, tzinfo=UTC)
    assert stored.created_at.tzinfo == UTC


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with pytest.raises(Exception, match="naive datetime"), session_scope(engine) as session:
        session.add(
            SavedSearchRow(name="s", source="pubmed", query="q", created_at=datetime(2025, 1, 1))
        )


def _one_of_each(session: Session) -> list[SQLModel]:
    """Insert one fully filled row of every table; return them in insertion order."""
    search = SavedSearchRow(
        name="itb-ctgov", source="ctgov", query="intrathecal", params={"query.intr": "baclofen"}
    )
    session.add(search)
    session.flush()
    run = SearchRunRow(
        kind="harvest",
        saved_search_id=search.id,
        source="ctgov",
        database_name="ClinicalTrials.gov",
        interface="API v2",
        query="intrathecal",
        query_translation="intrathecal[ALL]",
        params={"pageSize": "1000"},
        window_field="LastUpdatePostDate",
        window_start="2025-01-01",
        window_end="2025-02-01",
        started_at=WHEN,
        finished_at=WHEN + timedelta(seconds=9),
        status="success",
        count_reported=3,
        retrieved=3,
        new=2,
        updated=1,
        unchanged=0,
        failed=0,
        error=None,
        details={"dataTimestamp": "2025-02-01T09:00:00", "unavailable": []},
    )
    study = StudyRow(label="NCT01234567", nct_id="NCT01234567")
    session.add_all([run, study])
    session.flush()
    work = WorkRow(
        title="Intrathecal baclofen in children with cerebral palsy: a randomised trial",
        title_original="Baclofène intrathécal chez l'enfant",
        abstract="BACKGROUND: ... RESULTS: 37 patients ...",
        authors=[{"family": "Müller", "initials": "AB"}, {"collective": "ITB Study Group"}],
        year=2024,
        pub_date="2024-03",
        journal="Developmental Medicine and Child Neurology",
        journal_iso="Dev Med Child Neurol",
        issn="0012-1622",
        volume="66",
        issue="3",
        pages="123-129",
        doi="10.1111/dmcn.12345",
        pmid="12345678",
        pmcid="PMC1234567",
        nct_ids=["NCT01234567"],
        record_kind="article",
        language="eng",
        retracted=True,
        relevant=True,
        sample_size=37,
        sample_size_type="stated",
        sample_size_evidence="37 patients",
        study_id=study.id,
    )
    other = WorkRow(title="Erratum", record_kind="erratum", year=2024)
    session.add_all([work, other])
    session.flush()
    record_a = SourceRecordRow(
        source="pubmed",
        source_name="PubMed",
        source_key="12345678",
        content_hash="a" * 64,
        work_id=work.id,
        status="active",
    )
    record_b = SourceRecordRow(
        source="file",
        source_name="Embase",
        source_key="L2001234567",
        content_hash="b" * 64,
        work_id=work.id,
        status="no_longer_matches",
        current_version=3,
    )
    session.add_all([record_a, record_b])
    session.flush()
    assert record_a.id is not None and record_b.id is not None and work.id is not None
    assert study.id is not None and other.id is not None
    assert search.id is not None and run.id is not None
    rows: list[SQLModel] = [
        RecordVersionRow(
            source_record_id=record_a.id,
            version=1,
            content_hash="a" * 64,
            source_version="1",
            raw_format="pubmed-xml",
            raw_payload="<PubmedArticle/>",
            fields={"pmid": "12345678", "mesh": [{"ui": "D020775", "major": True}]},
            run_id=run.id,
        ),
        StudyLinkRow(
            study_id=study.id, work_id=work.id, via="databank", nct_id="NCT01234567", pmid=None
        ),
        WorkLinkRow(from_work_id=other.id, to_work_id=work.id, relation="erratum_for", via="xml"),
        DuplicatePairRow(
            record_a_id=record_a.id,
            record_b_id=record_b.id,
            score=0.987,
            rule="doi",
            outcome="merged",
            explanation={"doi": "equal", "title": 0.99},
        ),
        TagRow(
            work_id=work.id,
            facet="complication",
            taxonomy_id="infection",
            origin="auto",
            negated=True,
            field="abstract",
            section="RESULTS",
            matched_text="no infections occurred",
        ),
        SearchResultRow(
            saved_search_id=search.id,
            source_record_id=record_a.id,
            first_run_id=run.id,
            last_run_id=run.id,
            matches=False,
        ),
        ManualDecisionRow(
            kind="duplicate",
            verdict="different",
            record_a_id=record_a.id,
            record_b_id=record_b.id,
            reason="conference abstract and paper",
            decided_by="reviewer",
        ),
        ManualDecisionRow(
            kind="tag",
            verdict="add",
            anchor_record_id=record_a.id,
            work_id=work.id,
            facet="indication",
            taxonomy_id="cerebral_palsy",
            reason="stated in full text",
        ),
        KbSettingRow(key="a test's setting", value="its value", updated_at=WHEN),
    ]
    session.add_all(rows)
    session.flush()
    return [search, run, study, work, other, record_a, record_b, *rows]


def _dump(row: SQLModel) -> dict[str, Any]:
    return row.model_dump()


def test_every_table_round_trips_every_field(engine: Engine) -> None:
    with session_scope(engine) as session:
        written = [(type(row), _dump(row)) for row in _one_of_each(session)]
    tables = {model.__tablename__ for model, _ in written}
    assert tables == set(SQLModel.metadata.tables)
    with session_scope(engine) as session:
        for model, values in written:
            stored = session.get(model, values.get("id", values.get("key")))
            assert stored is not None, model.__name__
            assert _dump(stored) == values, model.__name__


def test_a_manual_decision_needs_a_complete_subject(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(ManualDecisionRow(kind="tag", verdict="add", facet="indication"))


def test_a_duplicate_pair_is_stored_once_in_order(engine: Engine) -> None:
    with session_scope(engine) as session:
        rows = _one_of_each(session)
        record_a, record_b = rows[5], rows[6]
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            DuplicatePairRow(
                record_a_id=record_b.id,  # type: ignore[attr-defined]
                record_b_id=record_a.id,  # type: ignore[attr-defined]
                score=1.0,
                rule="pmid",
                outcome="merged",
            )
        )


def rendering(raw_format: str, payload: str, title: str) -> RawRecord:
    return RawRecord(
        source="file", source_name="PubMed", source_key="12345678", raw_format=raw_format,
        raw_payload=payload, fields={"title": title}, fetched_at=WHEN,
    )  # fmt: skip


def test_the_same_record_in_a_poorer_format_is_kept_as_a_rendering_not_an_update(
    engine: Engine,
) -> None:
    xml = rendering("pubmed-xml", "<PubmedArticle>Salášek</PubmedArticle>", "Salášek: ITB")
    medline = rendering("medline", "PMID- 12345678\nTI  - Salasek: ITB\n", "Salasek: ITB")
    with session_scope(engine) as session:
        row, outcome = save_raw_record(session, xml)
        assert outcome == SaveOutcome.NEW
        row, outcome = save_raw_record(session, medline)
        assert outcome == SaveOutcome.RENDERING
        assert row.current_version == 1  # the XML, with its accents, stays the current one
        assert [v.raw_format for v in load_versions(session, row)] == ["pubmed-xml", "medline"]
        _, again = save_raw_record(session, medline)
        assert again == SaveOutcome.UNCHANGED  # a rendering already stored is not stored twice
        changed = rendering("pubmed-xml", "<PubmedArticle>Salášek (v2)</PubmedArticle>", "x")
        row, outcome = save_raw_record(session, changed)
        assert outcome == SaveOutcome.UPDATED and row.current_version == 3


def test_a_richer_rendering_received_later_becomes_the_current_version(engine: Engine) -> None:
    medline = rendering("medline", "PMID- 12345678\nTI  - Salasek: ITB\n", "Salasek: ITB")
    xml = rendering("pubmed-xml", "<PubmedArticle>Salášek</PubmedArticle>", "Salášek: ITB")
    ris = rendering("ris", "TY  - JOUR\nTI  - Salasek\nER  - \n", "Salasek")
    with session_scope(engine) as session:
        save_raw_record(session, medline)
        row, outcome = save_raw_record(session, xml)
        assert outcome == SaveOutcome.RENDERING and row.current_version == 2
        row, outcome = save_raw_record(session, ris)
        assert outcome == SaveOutcome.RENDERING and row.current_version == 2
        assert len(load_versions(session, row)) == 3
