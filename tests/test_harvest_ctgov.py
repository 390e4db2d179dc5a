"""ClinicalTrials.gov harvests end to end, and itb harvest over both sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from typer.testing import CliRunner

from harvester.ctgov import ClinicalTrials, CtgovSettings
from harvester.errors import SourceError
from harvester.http import RateLimits, RetryPolicy, make_client
from harvester.replay import PubMedCorpus, ReplayServer, StudyCorpus
from kb.database import session_scope
from kb.models import RecordVersionRow, SearchRunRow, SourceRecordRow
from kb.pipeline import harvest_ctgov
from kb.project import SavedSearch
from kb.store import save_saved_searches
from queries.cli import app

from datafiles import CTGOV, PUBMED


@pytest.fixture
def registry() -> Iterator[ReplayServer]:
    studies = StudyCorpus()
    studies.add_json((CTGOV / "koy570_website-download_ctg-studies.json").read_text())
    studies.add_json((CTGOV / "mcode_NCT02513394.json").read_text())
    server = ReplayServer(studies=studies).start()
    yield server
    server.stop()


@pytest.fixture
def trials(registry: ReplayServer) -> Iterator[ClinicalTrials]:
    settings = CtgovSettings(
        base_url=registry.ctgov_url,
        rate=50,
        page_size=40,
        retry=RetryPolicy(attempts=3, base_delay=0.01),
    )
    with make_client(RateLimits({settings.host: settings.rate})) as client:
        yield ClinicalTrials(client, settings)


@pytest.fixture
def kb(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        save_saved_searches(
            session, [SavedSearch("itb-ctgov", "ctgov", "intrathecal", {"query.intr": "baclofen"})]
        )
    return engine


def test_a_first_harvest_stores_every_study_and_the_data_timestamp(
    kb: Engine, trials: ClinicalTrials, registry: ReplayServer
) -> None:
    report = harvest_ctgov(kb, trials, "intrathecal", {"query.intr": "baclofen"}, "itb-ctgov")
    assert (report.status, report.mode, report.count_reported, report.new) == (
        "success",
        "full",
        101,
        101,
    )
    with session_scope(kb) as session:
        (run,) = session.exec(select(SearchRunRow)).all()
        stored = session.exec(select(SourceRecordRow)).all()
        version = session.exec(select(RecordVersionRow)).first()
    assert (
        run.details is not None and run.details["data_timestamp"] == registry.studies.data_timestamp
    )
    assert run.database_name == "ClinicalTrials.gov" and run.params is not None
    assert run.params["api"] == {"query.term": "intrathecal", "query.intr": "baclofen"}
    assert {r.source for r in stored} == {"ctgov"} and len(stored) == 101
    assert version is not None and json.loads(version.raw_payload)["protocolSection"]
    first = registry.requests_to("studies")[0].params
    assert (first["query.term"], first["query.intr"]) == ("intrathecal", "baclofen")


def test_the_next_harvest_asks_only_for_studies_updated_since_the_watermark(
    kb: Engine, trials: ClinicalTrials, registry: ReplayServer
) -> None:
    # (the first harvest's day, read on both sides of it: a run across midnight UTC)
    first_days = {datetime.now(UTC).date()}
    harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov")
    first_days.add(datetime.now(UTC).date())
    text = registry.studies.text("NCT02513394").decode().replace("PALLAS", "PALLAS-2")
    registry.studies.add_json(text)
    registry.studies.set_updated("NCT02513394", max(first_days))
    before = len(registry.requests_to("studies"))
    report = harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov")
    advanced = registry.requests_to("studies")[before].params["filter.advanced"]
    assert advanced in {
        f"AREA[LastUpdatePostDate]RANGE[{(day - timedelta(days=3)).isoformat()},MAX]"
        for day in first_days
    }
    assert (report.mode, report.retrieved, report.updated) == ("incremental", 1, 1)
    with session_scope(kb) as session:
        record = session.exec(
            select(SourceRecordRow).where(SourceRecordRow.source_key == "NCT02513394")
        ).one()
        assert record.current_version == 2


def test_a_full_rerun_flags_studies_that_no_longer_match(
    kb: Engine, trials: ClinicalTrials, registry: ReplayServer
) -> None:
    harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov")
    registry.studies.remove("NCT02513394")
    report = harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov", full=True)
    assert report.no_longer_matching == ["NCT02513394"]


def test_a_failed_harvest_is_logged_and_does_not_move_the_watermark(
    kb: Engine, trials: ClinicalTrials, registry: ReplayServer
) -> None:
    registry.faults.fail_next("error200", endpoint="studies")
    with pytest.raises(SourceError):
        harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov")
    again = harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov")
    assert again.mode == "full" and again.new == 101
    with session_scope(kb) as session:
        statuses = session.exec(select(SearchRunRow.status).order_by(col(SearchRunRow.id))).all()
    assert list(statuses) == ["failed", "success"]


def test_an_explicit_since_window_is_used_on_a_first_run(
    kb: Engine, trials: ClinicalTrials, registry: ReplayServer
) -> None:
    report = harvest_ctgov(kb, trials, "intrathecal", {}, "itb-ctgov", since=date(2024, 1, 1))
    assert report.mode == "incremental" and report.window_start == "2024-01-01"
    assert 0 < report.retrieved < 101


# --- itb harvest over both sources -------------------------------------------------------


@pytest.fixture
def both() -> Iterator[ReplayServer]:
    corpus = PubMedCorpus()
    corpus.load_folder(PUBMED)
    studies = StudyCorpus()
    studies.add_json((CTGOV / "mcode_NCT02513394.json").read_text())
    server = ReplayServer(corpus, studies=studies).start()
    yield server
    server.stop()


def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: ReplayServer
) -> dict[str, str | None]:
    monkeypatch.chdir(tmp_path)
    env: dict[str, str | None] = {
        "ITB_EUTILS_URL": server.url,
        "ITB_CTGOV_URL": server.ctgov_url,
        "ITB_DATABASE_URL": None,
    }
    CliRunner().invoke(app, ["init", "--email", "me@example.org"], env=env)
    config = (tmp_path / "itb.toml").read_text()
    config = config.replace("requests_per_second = 1\n", "requests_per_second = 10\n")
    (tmp_path / "itb.toml").write_text(
        config.replace("backoff_seconds = 1.0", "backoff_seconds = 0.01")
    )
    return env


def test_itb_harvest_runs_every_saved_search_of_both_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, both: ReplayServer
) -> None:
    env = project(tmp_path, monkeypatch, both)
    result = CliRunner().invoke(app, ["harvest", "--json"], env=env)
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [(r["source"], r["search"], r["new"]) for r in reports] == [
        ("pubmed", "itb-pubmed", 22),
        ("ctgov", "itb-ctgov", 1),
    ]


def test_one_failing_source_does_not_stop_the_other_and_exits_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, both: ReplayServer
) -> None:
    env = project(tmp_path, monkeypatch, both)
    both.faults.fail_next("503", times=10, endpoint="studies")
    result = CliRunner().invoke(app, ["harvest"], env=env)
    assert result.exit_code == 4, result.output
    assert 'PubMed harvest #1 of saved search "itb-pubmed": success' in result.stdout
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert line.startswith("Error: ClinicalTrials.gov /studies failed after 6 attempts")
    assert "itb: normalized 22 of 22 records" in result.stderr


def test_a_saved_search_of_the_other_source_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, both: ReplayServer
) -> None:
    env = project(tmp_path, monkeypatch, both)
    result = CliRunner().invoke(app, ["harvest", "ctgov", "--search", "itb-pubmed"], env=env)
    assert result.exit_code == 3
    assert 'saved search "itb-pubmed" is a pubmed search, not ctgov' in result.stderr
