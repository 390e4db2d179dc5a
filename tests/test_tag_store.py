"""Tags in the knowledge base, on both engines: incremental tagging, corrections that win,
explanations, and the commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from typer.testing import CliRunner

from harvester.pubmed_xml import iter_pubmed_xml
from harvester.records import RawRecord
from kb.database import session_scope
from kb.models import ManualDecisionRow, SourceRecordRow, TagRow, WorkRow
from kb.store import save_raw_records
from kb.tag_store import correct_tag, explain_work, tag_knowledge_base
from kb.tagging import Tagger
from kb.tagging.taxonomy import load_taxonomy
from kb.works import normalize_knowledge_base
from queries.cli import app

TAXONOMY = load_taxonomy()


def article(pmid: str, title: str, abstract: str, types: tuple[str, ...] = ()) -> RawRecord:
    kinds = "".join(f"<PublicationType>{t}</PublicationType>" for t in types)
    xml = (
        "<PubmedArticleSet><PubmedArticle><MedlineCitation Status='MEDLINE' Owner='NLM'>"
        f"<PMID Version='1'>{pmid}</PMID><Article><Journal><Title>J Neurosurg</Title>"
        f"<JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>"
        f"<ArticleTitle>{title}</ArticleTitle><Abstract><AbstractText>{abstract}</AbstractText>"
        f"</Abstract><PublicationTypeList>{kinds}</PublicationTypeList></Article>"
        "</MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    found = [r for r in iter_pubmed_xml([xml.encode()]) if isinstance(r, RawRecord)]
    return found[0]


CP = article(
    "1001",
    "Intrathecal baclofen in children with cerebral palsy",
    "We reviewed 40 children with cerebral palsy. Infection occurred in 3. There were no deaths.",
)
SCI = article(
    "1002",
    "Intrathecal baclofen after spinal cord injury",
    "We report 12 adults with spinal cord injury; catheter breakage occurred in 2.",
)


def load(engine: Engine, *records: RawRecord) -> None:
    with session_scope(engine) as session:
        save_raw_records(session, list(records))
    normalize_knowledge_base(engine)


def tags_of(engine: Engine, pmid: str, facet: str) -> list[str]:
    with session_scope(engine) as session:
        work = session.exec(select(WorkRow).where(WorkRow.pmid == pmid)).one()
        rows = session.exec(
            select(TagRow.taxonomy_id).where(
                TagRow.work_id == work.id, TagRow.facet == facet, col(TagRow.qualifier).is_(None)
            )
        ).all()
        return sorted(set(rows))


def test_tagging_stores_tags_mentions_design_size_and_relevance(engine: Engine) -> None:
    load(engine, CP, SCI)
    report = tag_knowledge_base(engine, TAXONOMY)
    assert (report.works, report.tagged) == (2, 2)
    assert tags_of(engine, "1001", "indication") == ["cerebral_palsy"]
    assert tags_of(engine, "1001", "complication") == ["infection"]
    with session_scope(engine) as session:
        work = session.exec(select(WorkRow).where(WorkRow.pmid == "1001")).one()
        assert (work.design, work.sample_size, work.relevant) == ("case_series", 40, True)
        negated = session.exec(
            select(TagRow).where(TagRow.work_id == work.id, TagRow.qualifier == "negated")
        ).all()
        assert [(t.taxonomy_id, t.matched_text) for t in negated] == [("death", "deaths")]
        assert negated[0].negated


def test_tagging_is_incremental_and_follows_changed_records(engine: Engine) -> None:
    load(engine, CP, SCI)
    tag_knowledge_base(engine, TAXONOMY)
    assert tag_knowledge_base(engine, TAXONOMY).tagged == 0
    changed = article(
        "1001", CP.fields["title"], "We reviewed 40 children. Seizures occurred in 2."
    )
    load(engine, changed)
    report = tag_knowledge_base(engine, TAXONOMY)
    assert report.tagged == 1
    assert tags_of(engine, "1001", "complication") == ["seizure"]
    assert tag_knowledge_base(engine, TAXONOMY, everything=True).tagged == 2


def test_a_run_with_nothing_to_tag_builds_no_tagger(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a third of a second of the nightly update's no-change `itb tag`)
    import kb.tag_store

    load(engine, CP, SCI)
    tag_knowledge_base(engine, TAXONOMY)
    built: list[int] = []

    class Counted(Tagger):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kb.tag_store, "Tagger", Counted)
    assert tag_knowledge_base(engine, TAXONOMY).tagged == 0
    assert built == []
    assert tag_knowledge_base(engine, TAXONOMY, everything=True).tagged == 2
    assert built == [1]


def test_a_taxonomy_change_retags_every_work(engine: Engine, tmp_path: Path) -> None:
    load(engine, CP, SCI)
    tag_knowledge_base(engine, TAXONOMY)
    extra = tmp_path / "taxonomy.toml"
    extra.write_text('[complication.infection]\nsynonyms = ["sepsis"]\n', encoding="utf-8")
    report = tag_knowledge_base(engine, load_taxonomy(extra))
    assert report.tagged == 2
    assert tags_of(engine, "1001", "complication") == []


def test_a_release_whose_tagger_code_changed_retags_every_work(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kb import tag_store

    load(engine, CP, SCI)
    tag_knowledge_base(engine, TAXONOMY)
    code = tmp_path / "tagging"
    code.mkdir()
    (code / "design.py").write_text("RULE = 1\n", encoding="utf-8")
    before = tag_store.tagger_version(code)
    (code / "design.py").write_text("RULE = 2\n", encoding="utf-8")
    assert tag_store.tagger_version(code) != before
    assert tag_store.tagger_version() == tag_store.TAGGER_VERSION  # the package's own code
    monkeypatch.setattr(tag_store, "TAGGER_VERSION", tag_store.tagger_version(code))
    assert tag_knowledge_base(engine, TAXONOMY).tagged == 2
    assert tag_knowledge_base(engine, TAXONOMY).tagged == 0


def test_manual_corrections_win_over_every_later_retag(engine: Engine) -> None:
    load(engine, CP, SCI)
    tag_knowledge_base(engine, TAXONOMY)
    correct_tag(engine, TAXONOMY, "1001", "remove", "complication", "infection", "pump site only")
    correct_tag(engine, TAXONOMY, "1001", "add", "outcome", "pain", "pain scores in table 2")
    correct_tag(engine, TAXONOMY, "1001", "add", "design", "cohort", "has a control group")
    for everything in (False, True):
        tag_knowledge_base(engine, TAXONOMY, everything=everything)
        assert tags_of(engine, "1001", "complication") == []
        assert tags_of(engine, "1001", "outcome") == ["pain"]
    # A new version of the record is tagged again, and the corrections still hold.
    load(engine, article("1001", CP.fields["title"], CP.fields["abstract"][0]["text"] + " Pain."))
    tag_knowledge_base(engine, TAXONOMY)
    assert tags_of(engine, "1001", "complication") == []
    with session_scope(engine) as session:
        work = session.exec(select(WorkRow).where(WorkRow.pmid == "1001")).one()
        assert work.design == "cohort"
    # Adding back what was removed supersedes the removal.
    correct_tag(engine, TAXONOMY, "1001", "add", "complication", "infection", "it was deep")
    assert tags_of(engine, "1001", "complication") == ["infection"]
    with session_scope(engine) as session:
        active = session.exec(
            select(ManualDecisionRow).where(ManualDecisionRow.taxonomy_id == "infection")
        ).all()
        assert [d.active for d in active] == [False, True]


def test_corrections_follow_their_record_when_works_merge(engine: Engine) -> None:
    load(engine, CP)
    tag_knowledge_base(engine, TAXONOMY)
    correct_tag(engine, TAXONOMY, "1001", "add", "outcome", "sleep", "sleep diary")
    twin = RawRecord(
        source="file",
        source_name="Embase",
        source_key="emb-1",
        raw_format="ris",
        raw_payload="TY  - JOUR\nER  -\n",
        fields={**CP.fields, "pmid": "1001", "record_type": "article"},
    )
    load(engine, twin)
    tag_knowledge_base(engine, TAXONOMY)
    with session_scope(engine) as session:
        works = session.exec(select(SourceRecordRow.work_id)).all()
        assert len(set(works)) == 1
    assert tags_of(engine, "1001", "outcome") == ["sleep"]


def test_explain_gives_every_tag_with_its_evidence(engine: Engine) -> None:
    load(engine, CP)
    tag_knowledge_base(engine, TAXONOMY)
    data = explain_work(engine, "1001")
    assert data["tags"]["complication"]["infection"][0]["words"] == "Infection"
    assert data["design"]["id"] == "case_series"
    assert data["sample_size"]["value"] == 40
    assert {"facet": "complication", "id": "death", "kind": "negated"}.items() <= data["mentions"][
        0
    ].items()


def test_explain_shows_the_parts_read_and_the_rule_and_sentence_behind_design_and_n(
    engine: Engine,
) -> None:
    load(engine, CP)
    tag_knowledge_base(engine, TAXONOMY)
    data = explain_work(engine, "1001", Tagger(TAXONOMY))
    assert data["read"][:2] == ["title", "abstract (one unlabelled text)"]
    assert data["sample_size_rule"]["sentence"] == "We reviewed 40 children with cerebral palsy."
    assert "participants stated" in data["sample_size_rule"]["rule"]
    assert data["design_rule"]["rule"].startswith("5-6. a case series")
    assert data["design_rule"]["sentence"] == "We reviewed 40 children with cerebral palsy."
    untitled = article("1003", "Intrathecal baclofen pumps", "")
    load(engine, untitled)
    tag_knowledge_base(engine, TAXONOMY)
    read = explain_work(engine, "1003", Tagger(TAXONOMY))["read"]
    assert "no abstract: tagged from the title, keywords and index terms" in read


def test_correcting_an_unknown_id_or_work_is_a_clear_error(engine: Engine) -> None:
    load(engine, CP)
    tag_knowledge_base(engine, TAXONOMY)
    with pytest.raises(Exception, match="did you mean 'infection'"):
        correct_tag(engine, TAXONOMY, "1001", "add", "complication", "infektion", "typo")
    with pytest.raises(Exception, match='no work found for "99999999"'):
        correct_tag(engine, TAXONOMY, "99999999", "add", "complication", "infection", "x")
    with pytest.raises(Exception, match="always has one design"):
        correct_tag(engine, TAXONOMY, "1001", "remove", "design", "case_series", "x")


def test_tag_commands_tag_correct_and_explain(tmp_path: Path, sqlite_url: str) -> None:
    runner = CliRunner()
    project = tmp_path / "p"
    assert runner.invoke(app, ["--db", sqlite_url, "init", str(project)]).exit_code == 0
    xml = tmp_path / "cp.xml"
    xml.write_text(CP.raw_payload.join(["<PubmedArticleSet>", "</PubmedArticleSet>"]))
    base = ["--project", str(project)]
    result = runner.invoke(app, [*base, "import", str(xml)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*base, "tag", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["tagged"] == 0  # import tagged it
    result = runner.invoke(
        app, [*base, "tag", "add", "1001", "indication", "dystonia", "--reason", "see table"]
    )
    assert result.exit_code == 0, result.output
    assert "dystonia added by hand" in result.stdout
    result = runner.invoke(app, [*base, "explain", "1001"])
    assert result.exit_code == 0
    assert "dystonia" in result.stdout and "manual: 'see table'" in result.stdout
    assert "death" in result.stdout and "negated" in result.stdout
    assert "read: title; abstract (one unlabelled text)" in result.stdout
    assert "  rule: participants stated" in result.stdout
    result = runner.invoke(
        app, [*base, "tag", "add", "1001", "indication", "dystonya", "--reason", "x"]
    )
    assert result.exit_code == 3 and "did you mean 'dystonia'" in result.stderr
    result = runner.invoke(app, [*base, "tag", "add", "1001", "indication", "dystonia"])
    assert result.exit_code == 2  # --reason is required


def test_taxonomy_check_command_names_the_bad_entry(tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(app, ["taxonomy", "check"])
    assert good.exit_code == 0 and "valid (12 indication, 17 complication" in good.stdout
    bad = tmp_path / "taxonomy.toml"
    bad.write_text('[outcome.gait]\nlabel = "Gait"\npatterns = ["(x"]\n', encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "check", str(bad)])
    assert result.exit_code == 3
    assert "outcome.gait: patterns 1" in result.stderr
    listed = runner.invoke(app, ["taxonomy", "list", "design", "--json"])
    assert [r["id"] for r in json.loads(listed.stdout)][:2] == ["rct", "controlled_trial"]


def test_tagging_spread_over_worker_processes_stores_what_tagging_here_stores(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kb import tag_store

    from kb_sample import build_sample_kb

    build_sample_kb(engine, tmp_path)  # tagged here: fewer works than PARALLEL_FROM
    taxonomy = load_taxonomy()
    with session_scope(engine) as session:
        work = session.exec(select(WorkRow).order_by(col(WorkRow.id))).first()
        assert work is not None and work.id is not None
        first_id = work.id
    correct_tag(engine, taxonomy, f"W{first_id}", "add", "indication", "stroke", "a test")

    def stored() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        with session_scope(engine) as session:
            tags = session.exec(
                select(
                    TagRow.work_id,
                    TagRow.facet,
                    TagRow.taxonomy_id,
                    TagRow.origin,
                    TagRow.qualifier,
                    TagRow.matched_text,
                )  # fmt: skip
            ).all()
            works = session.exec(
                select(
                    WorkRow.id,
                    WorkRow.design,
                    WorkRow.sample_size,
                    WorkRow.relevant,
                    WorkRow.tag_hash,
                )  # fmt: skip
            ).all()
        return sorted(map(tuple, tags), key=repr), sorted(map(tuple, works), key=repr)

    here = stored()
    monkeypatch.setattr(tag_store, "PARALLEL_FROM", 1)
    monkeypatch.setattr(tag_store, "BATCH", 7)  # several batches in flight
    monkeypatch.setattr(tag_store, "usable_cores", lambda: 2)
    report = tag_knowledge_base(engine, taxonomy, everything=True)
    assert report.tagged == len(here[1]) and report.corrections == 1
    assert stored() == here  # the same tags, corrections included, the same work columns


def test_the_worker_server_is_started_early_only_for_a_run_that_will_use_workers(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kb import tag_store

    from kb_sample import build_sample_kb

    build_sample_kb(engine, tmp_path)
    taxonomy = load_taxonomy()
    started: list[bool] = []
    monkeypatch.setattr(tag_store, "_start_worker_server", lambda: started.append(True))
    monkeypatch.setattr(tag_store, "usable_cores", lambda: 2)
    tag_knowledge_base(engine, taxonomy, everything=True)  # fewer works than PARALLEL_FROM
    assert started == []
    monkeypatch.setattr(tag_store, "PARALLEL_FROM", 1)
    tag_knowledge_base(engine, taxonomy)  # nothing changed: no workers wanted
    assert started == []
    tag_knowledge_base(engine, taxonomy, everything=True)
    assert started == [True]


def test_a_tagging_worker_starts_without_the_database_layer() -> None:
    # a worker process is started fresh and imports what its task names: the tagger, not
    # SQLAlchemy and the schema (four times the start-up, paid once per core per run)
    code = (
        "import sys, kb.tagging.workers; print(sorted(m for m in "
        "('sqlalchemy', 'sqlmodel', 'kb.models', 'kb.database') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_a_tagging_worker_leaves_ctrl_c_to_the_run_and_tags_on() -> None:
    # Ctrl-C reaches the whole process group: the run stops between batches, the workers
    # are not ended in the middle of a message on their pipes (nor the server they are
    # forked from, where they are)
    import os
    import signal
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import forkserver

    from kb.tag_store import _worker_context
    from kb.tagging.taxonomy import load_taxonomy
    from kb.tagging.workers import packed, start_worker, tag_in_worker

    from processes import interrupt_children

    taxonomy = load_taxonomy()
    item = ("Intrathecal baclofen for spasticity after stroke", "article", ("{}",))
    with ProcessPoolExecutor(
        1, mp_context=_worker_context(), initializer=start_worker,
        initargs=(packed(taxonomy),),
    ) as pool:  # fmt: skip
        first = pool.submit(tag_in_worker, [item]).result()
        server = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if server is not None:
            os.kill(server, signal.SIGINT)
        interrupt_children()
        assert pool.submit(tag_in_worker, [item]).result() == first
    with ProcessPoolExecutor(
        1, mp_context=_worker_context(), initializer=start_worker,
        initargs=(packed(taxonomy),),
    ) as pool:  # fmt: skip
        assert pool.submit(tag_in_worker, [item]).result() == first  # (a second pool too)


def test_the_taxonomy_sent_to_each_tagging_worker_fits_a_pipe_so_they_start_side_by_side() -> None:
    # a spawned worker's initializer arguments larger than a pipe's 64 KiB keep the parent
    # waiting until that worker has imported its modules, one worker after another
    from kb.tagging.taxonomy import load_taxonomy
    from kb.tagging.workers import packed

    assert len(packed(load_taxonomy())) < 48 * 1024
