"""PubMed harvests end to end: replay server over real HTTP -> knowledge base, faults included."""

from __future__ import annotations

import json
import multiprocessing
import socket
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from typer.testing import CliRunner

from harvester.errors import SourceError, SourceUnavailableError
from harvester.pubmed import PubMed
from harvester.replay import PubMedCorpus, ReplayServer, clone_article
from kb.database import open_engine, session_scope
from kb.models import RecordVersionRow, SearchResultRow, SearchRunRow, SourceRecordRow
from kb.pipeline import harvest_pubmed, last_success
from kb.project import SavedSearch
from kb.store import save_saved_searches
from queries.cli import app

MakePubMed = Callable[..., PubMed]
QUERY = "baclofen[tiab] AND intrathecal[tiab]"
DATA = Path(__file__).parent / "data"


@pytest.fixture
def kb(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        save_saved_searches(session, [SavedSearch("itb", "pubmed", QUERY)])
    return engine


def runs(engine: Engine) -> list[SearchRunRow]:
    with session_scope(engine) as session:
        return list(session.exec(select(SearchRunRow).order_by(col(SearchRunRow.id))))


def stored_keys(engine: Engine) -> set[str]:
    with session_scope(engine) as session:
        return set(session.exec(select(SourceRecordRow.source_key)))


def test_a_first_harvest_stores_every_record_verbatim_and_logs_the_run(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    report = harvest_pubmed(kb, make_pubmed(replay.url), QUERY, "itb")
    every = set(replay.corpus.search([]))
    assert (report.status, report.mode, report.count_reported) == ("success", "full", len(every))
    assert (report.retrieved, report.new, report.updated, report.unchanged) == (
        len(every),
        len(every),
        0,
        0,
    )
    assert stored_keys(kb) == every
    with session_scope(kb) as session:
        for version in session.exec(select(RecordVersionRow)):
            record = session.get(SourceRecordRow, version.source_record_id)
            assert record is not None
            article = replay.corpus.get(record.source_key)
            assert article is not None
            assert version.raw_payload.encode("utf-8") == article.xml
            assert version.run_id == report.run_id
        assert len(session.exec(select(SearchResultRow)).all()) == len(every)
    (run,) = runs(kb)
    assert run.status == "success" and run.finished_at is not None
    assert (run.source, run.database_name, run.query) == ("pubmed", "PubMed", QUERY)
    assert run.interface and "E-utilities" in run.interface
    assert run.query_translation == QUERY
    assert (run.count_reported, run.retrieved, run.new) == (len(every), len(every), len(every))
    assert run.details is not None and run.details["unavailable"] == []


def test_the_next_harvest_is_incremental_from_the_watermark_with_overlap(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    pubmed = make_pubmed(replay.url)
    # (the first harvest's day, read on both sides of it: a run across midnight UTC)
    first_days = {datetime.now(UTC).date()}
    harvest_pubmed(kb, pubmed, QUERY, "itb")
    first_days.add(datetime.now(UTC).date())
    today = max(first_days)
    template = replay.corpus.get("29768149")
    assert template is not None
    replay.corpus.add("90000010", clone_article(template.xml, "90000010"), today, today)
    changed = template.xml.replace(b"Mild Asthma.", b"Mild Asthma (corrected).")
    replay.corpus.add("29768149", changed, date(2018, 5, 17), today)
    searches_before = len(replay.requests_to("esearch"))
    report = harvest_pubmed(kb, pubmed, QUERY, "itb")
    assert report.mode == "incremental"
    starts = {day - timedelta(days=3) for day in first_days}
    assert report.window_start in {start.isoformat() for start in starts}
    terms = [r.params["term"] for r in replay.requests_to("esearch")[searches_before:]]
    start = date.fromisoformat(report.window_start).strftime("%Y/%m/%d")
    assert any(f'"{start}"[crdt]' in t for t in terms) and any(
        f'"{start}"[mdat]' in t for t in terms
    )
    assert (report.retrieved, report.new, report.updated) == (2, 1, 1)
    # The new record is in both windows (created and modified today): counted once, so the
    # log does not read as a record lost; each window keeps its own count in the details.
    assert (report.count_reported, report.listed) == (2, 2)
    with session_scope(kb) as session:
        logged = session.get(SearchRunRow, report.run_id)
        assert logged is not None and logged.count_reported == 2 and logged.details
        assert sorted(w["count"] for w in logged.details["windows"]) == [1, 2]
    with session_scope(kb) as session:
        record = session.exec(
            select(SourceRecordRow).where(SourceRecordRow.source_key == "29768149")
        ).one()
        versions = session.exec(
            select(RecordVersionRow)
            .where(RecordVersionRow.source_record_id == record.id)
            .order_by(col(RecordVersionRow.version))
        ).all()
    assert [v.version for v in versions] == [1, 2]
    assert (
        b"corrected" not in versions[0].raw_payload.encode()
        and "corrected" in versions[1].raw_payload
    )


def test_a_second_identical_harvest_changes_nothing(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    pubmed = make_pubmed(replay.url)
    harvest_pubmed(kb, pubmed, QUERY, "itb", full=True)
    again = harvest_pubmed(kb, pubmed, QUERY, "itb", full=True)
    assert (again.new, again.updated, again.unchanged) == (0, 0, len(replay.corpus))


def test_a_full_rerun_flags_records_that_no_longer_match(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    pubmed = make_pubmed(replay.url)
    harvest_pubmed(kb, pubmed, QUERY, "itb")
    replay.corpus.remove("9997")
    report = harvest_pubmed(kb, pubmed, QUERY, "itb", full=True)
    assert report.no_longer_matching == ["9997"]
    with session_scope(kb) as session:
        record = session.exec(
            select(SourceRecordRow).where(SourceRecordRow.source_key == "9997")
        ).one()
        assert record.status == "no_longer_matches"
        hit = session.exec(
            select(SearchResultRow).where(SearchResultRow.source_record_id == record.id)
        ).one()
        assert hit.matches is False
        assert (
            len(
                session.exec(
                    select(RecordVersionRow).where(RecordVersionRow.source_record_id == record.id)
                ).all()
            )
            == 1
        )


@pytest.mark.parametrize(
    "fault", ["500", "503", "429", "429-retry-after", "reset", "truncate", "bad-json"]
)
def test_a_transient_fault_still_ends_with_every_record(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed, fault: str
) -> None:
    replay.faults.fail_next(fault, times=2)
    report = harvest_pubmed(kb, make_pubmed(replay.url), QUERY, "itb")
    assert report.status == "success"
    assert stored_keys(kb) == set(replay.corpus.search([]))


@pytest.mark.parametrize(
    ("fault", "error"),
    [("503", SourceUnavailableError), ("error200", SourceError), ("html200", SourceError)],
)
def test_a_lasting_fault_fails_the_run_clearly_and_a_rerun_completes(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed, fault: str, error: type[Exception]
) -> None:
    pubmed = make_pubmed(replay.url)
    replay.faults.fail_next(fault, times=4 if fault == "503" else 1, endpoint="efetch")
    with pytest.raises(error):
        harvest_pubmed(kb, pubmed, QUERY, "itb")
    (failed,) = runs(kb)
    assert failed.status == "failed" and failed.error and failed.finished_at is not None
    with session_scope(kb) as session:
        assert last_success(session, failed.saved_search_id or 0) is None
    report = harvest_pubmed(kb, pubmed, QUERY, "itb")
    assert report.mode == "full"  # the failed run did not move the watermark
    assert stored_keys(kb) == set(replay.corpus.search([]))


def test_unavailable_pmids_are_recorded_in_the_run(
    kb: Engine, replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    replay.faults.unavailable = {"9997", "151222"}
    report = harvest_pubmed(kb, make_pubmed(replay.url), QUERY, "itb")
    assert sorted(report.unavailable) == ["151222", "9997"]
    assert report.retrieved == len(replay.corpus) - 2
    (run,) = runs(kb)
    assert run.failed == 2 and run.details is not None
    assert sorted(run.details["unavailable"]) == ["151222", "9997"]
    assert "unavailable (2)" in report.summary()


def cloned_corpus(count: int, day_of: Callable[[int], date]) -> PubMedCorpus:
    """COUNT clones of the hand-made article, the Nth created on day_of(N)."""
    template = (Path(__file__).parent / "data" / "pubmed" / "edge_cases.xml").read_bytes()
    start = template.index(b"<PubmedArticle>")
    article = template[start : template.index(b"</PubmedArticle>") + len(b"</PubmedArticle>")]
    corpus = PubMedCorpus()
    for number in range(count):
        pmid, day = str(80000000 + number), day_of(number)
        corpus.add(pmid, clone_article(article, pmid), day, day)
    return corpus


def test_result_sets_over_the_cap_are_split_by_date_and_unioned(
    kb: Engine, make_pubmed: MakePubMed
) -> None:
    corpus = cloned_corpus(130, lambda n: date(2020, 1, 1) + timedelta(days=n // 3))
    with ReplayServer(corpus, cap=50) as server:
        pubmed = make_pubmed(server.url, retrievable_cap=50, batch_size=40)
        report = harvest_pubmed(kb, pubmed, QUERY, "itb")
        listing = [r for r in server.requests_to("esearch") if int(r.params["retmax"]) > 0]
    assert report.count_reported == 130 and report.listed == 130 and report.retrieved == 130
    assert report.gaps == []
    assert len(stored_keys(kb)) == 130
    assert all("[crdt]" in r.params["term"] for r in listing[1:])


def test_a_single_day_over_the_cap_is_reported_as_a_gap(
    kb: Engine, make_pubmed: MakePubMed
) -> None:
    corpus = cloned_corpus(30, lambda _: date(2021, 6, 1))
    with ReplayServer(corpus, cap=20) as server:
        report = harvest_pubmed(kb, make_pubmed(server.url, retrievable_cap=20), QUERY, "itb")
    assert report.listed == 20
    assert report.gaps and "10 records of 2021-06-01 cannot be listed" in report.gaps[0]


def test_the_history_server_pages_and_expires_like_ncbi(
    replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    pubmed = make_pubmed(replay.url)
    url = replay.url
    search = pubmed.client.post(
        f"{url}/esearch.fcgi", data={"term": "x", "usehistory": "y", "retmode": "json"}
    ).json()
    webenv = search["esearchresult"]["webenv"]
    page = pubmed.client.post(
        f"{url}/efetch.fcgi",
        data={"WebEnv": webenv, "query_key": "1", "retstart": "2", "retmax": "3"},
    )
    assert page.text.count("<PubmedArticle>") == 3
    too_far = pubmed.client.post(
        f"{url}/efetch.fcgi", data={"WebEnv": webenv, "query_key": "1", "retstart": "9999"}
    )
    assert too_far.status_code == 400 and "cannot be larger than 9998" in too_far.text
    replay.faults.fail_next("expire-webenv")
    expired = pubmed.client.post(f"{url}/efetch.fcgi", data={"WebEnv": webenv, "query_key": "1"})
    assert expired.status_code == 200 and "<ERROR>Unable to obtain query #1</ERROR>" in expired.text


# --- the command line ------------------------------------------------------------------


def test_itb_harvest_pubmed_runs_the_saved_search_and_prints_a_summary(
    tmp_path: Path, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    env = {"ITB_EUTILS_URL": replay.url, "NCBI_API_KEY": "k-123", "ITB_DATABASE_URL": None}
    assert runner.invoke(app, ["init", "--email", "me@example.org"], env=env).exit_code == 0
    result = runner.invoke(app, ["harvest", "pubmed", "--json"], env=env)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert (report["search"], report["status"], report["new"]) == (
        "itb-pubmed",
        "success",
        len(replay.corpus),
    )
    assert replay.requests_to("esearch")[0].params["email"] == "me@example.org"
    text = runner.invoke(app, ["harvest", "pubmed"], env=env)
    assert text.exit_code == 0
    assert 'PubMed harvest #2 of saved search "itb-pubmed": success' in text.stdout
    assert "mode:       incremental" in text.stdout


def test_itb_harvest_pubmed_failure_is_one_line_with_the_temporary_exit_code(
    tmp_path: Path, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    with socket.socket() as probe:  # a port nobody listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"ITB_EUTILS_URL": f"http://127.0.0.1:{port}/entrez/eutils", "ITB_DATABASE_URL": None}
    runner.invoke(app, ["init", "--email", "me@example.org"], env=env)
    config = (tmp_path / "itb.toml").read_text()
    (tmp_path / "itb.toml").write_text(
        config.replace("backoff_seconds = 1.0", "backoff_seconds = 0.01")
    )
    result = runner.invoke(app, ["harvest", "pubmed", "--query", "baclofen"], env=env)
    assert result.exit_code == 75, result.output
    *retries, line = result.stderr.splitlines()
    # No way to the server at all: named as what it is, retried once, not for minutes.
    assert (
        line == "Error: PubMed esearch: connection refused for 127.0.0.1 after 2 attempts; "
        "check the network connection and the source URL, then try again"
    )
    assert [r.split(";")[0] for r in retries] == [
        "itb: PubMed esearch: connection refused (ConnectError: [Errno 111] Connection refused)"
    ]
    with session_scope(open_engine(f"sqlite:///{tmp_path / 'itb.sqlite'}")) as session:
        (run,) = session.exec(select(SearchRunRow)).all()
    assert run.status == "failed" and run.error == line.removeprefix("Error: ")


def test_query_and_search_together_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(app, ["init"], env={"ITB_DATABASE_URL": None})
    result = runner.invoke(app, ["harvest", "pubmed", "--query", "x", "--search", "itb-pubmed"])
    assert result.exit_code == 2


def test_a_harvest_without_a_contact_email_warns_on_stderr(
    tmp_path: Path, replay: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    env = {"ITB_EUTILS_URL": replay.url, "ITB_DATABASE_URL": None, "NCBI_EMAIL": None}
    runner.invoke(app, ["init"], env=env)
    result = runner.invoke(app, ["harvest", "pubmed"], env=env)
    assert result.exit_code == 0
    assert "NCBI asks E-utilities users for a contact email" in result.stderr
    assert "email" not in replay.requests_to("esearch")[0].params


def test_a_body_truncated_halfway_through_an_overlapped_harvest_leaves_whole_batches_only(
    kb: Engine,
    replay: ReplayServer,
    make_pubmed: MakePubMed,
    monkeypatch: pytest.MonkeyPatch,
    parse_mode: str,
) -> None:
    from kb import pipeline

    every = sorted(replay.corpus.search([]))
    assert len(every) >= 6
    store = pipeline._store_batch
    batches: list[int] = []

    def store_then_break(*args: object, **kwargs: object) -> None:
        store(*args, **kwargs)  # type: ignore[arg-type]
        batches.append(len(args[1]))  # type: ignore[arg-type]
        if len(batches) == 1:  # from now on every efetch answers 200 with half a body
            replay.faults.fail_next("truncate", times=1000, endpoint="efetch")

    monkeypatch.setattr(pipeline, "_store_batch", store_then_break)
    pubmed = make_pubmed(replay.url, batch_size=2)
    with pytest.raises(SourceError):
        harvest_pubmed(kb, pubmed, QUERY, "itb")
    (failed,) = runs(kb)
    assert failed.status == "failed"
    with session_scope(kb) as session:
        assert last_success(session, failed.saved_search_id or 0) is None  # watermark unmoved
        stored = session.exec(select(RecordVersionRow)).all()
        for version in stored:  # every stored record whole, as received
            record = session.get(SourceRecordRow, version.source_record_id)
            assert record is not None
            article = replay.corpus.get(record.source_key)
            assert article is not None and version.raw_payload.encode("utf-8") == article.xml
    assert len(stored) == sum(batches) and len(stored) < len(every)  # whole batches only
    replay.faults.queue.clear()
    monkeypatch.setattr(pipeline, "_store_batch", store)
    report = harvest_pubmed(kb, pubmed, QUERY, "itb")  # resumable: the next run completes
    assert report.status == "success" and stored_keys(kb) == set(every)
    assert (report.new, report.unchanged) == (len(every) - len(stored), len(stored))


@pytest.fixture(params=["here", "process"])
def parse_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Parse efetch bodies in the harvesting process, or in a parsing process of their own."""
    import harvester.pubmed

    threshold = 10**9 if request.param == "here" else 0
    monkeypatch.setattr(harvester.pubmed, "PARSE_PROCESS_FROM", threshold)
    return str(request.param)


def stored_versions(engine: Engine) -> dict[str, tuple[str, str, object]]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(SourceRecordRow.source_key, RecordVersionRow).join(
                RecordVersionRow, col(RecordVersionRow.source_record_id) == SourceRecordRow.id
            )
        ).all()
        return {key: (v.raw_format, v.raw_payload, v.fields) for key, v in rows}


def test_batches_parsed_in_a_process_of_their_own_are_stored_exactly_as_parsed_here(
    kb: Engine,
    tmp_path: Path,
    replay: ReplayServer,
    make_pubmed: MakePubMed,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import harvester.pubmed

    started: list[int] = []

    class Counted(harvester.pubmed.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(harvester.pubmed, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(harvester.pubmed, "PARSE_PROCESS_FROM", 10**9)
    harvest_pubmed(kb, make_pubmed(replay.url, batch_size=3), QUERY, "itb")
    assert started == []
    monkeypatch.setattr(harvester.pubmed, "PARSE_PROCESS_FROM", 0)
    other = open_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    from kb.database import upgrade

    upgrade(other)
    report = harvest_pubmed(other, make_pubmed(replay.url, batch_size=3), QUERY)
    assert started == [1] and report.status == "success"
    here, elsewhere = stored_versions(kb), stored_versions(other)
    assert set(here) == set(replay.corpus.search([]))
    assert here == elsewhere
    other.dispose()


def test_a_body_damaged_past_the_quick_check_raises_the_same_error_from_the_parsing_process() -> (
    None
):
    from harvester.http import RetryableError
    from harvester.limits import usable_cores
    from harvester.pubmed import PARSE_PROCESSES, _body_parser, parse_efetch_body

    body = (DATA / "pubmed" / "edge_cases.xml").read_bytes()
    damaged = body.replace(b"</ArticleTitle>", b"</ArticleTitl>", 1)
    with pytest.raises(RetryableError) as here:
        parse_efetch_body(damaged)
    with _body_parser(1) as (local, _, _):
        assert [type(r) for r in local(body)()] == [type(r) for r in parse_efetch_body(body)]
    with _body_parser(10**9) as (submit, ahead, _):
        assert ahead == min(PARSE_PROCESSES, usable_cores())
        result = submit(damaged)
        with pytest.raises(RetryableError) as there:
            result()
        assert str(there.value) == str(here.value)
        records = submit(body)()
    expected = parse_efetch_body(body)
    assert [getattr(r, "fields", r) for r in records] == [getattr(r, "fields", r) for r in expected]


def test_bodies_parsed_by_several_processes_come_back_each_with_its_own_records() -> None:
    # two parsing processes work on two bodies at once: each result is its own body's,
    # taken in the order the bodies were handed on, whichever process finished first
    from harvester.pubmed import _body_parser, parse_efetch_body

    template = (DATA / "pubmed" / "edge_cases.xml").read_bytes()
    bodies = [template.replace(b"90000001", str(90000001 + 10 * n).encode()) for n in range(6)]
    # the first body, forty times longer, is still being parsed when the second is done
    head, rest = template.split(b"<PubmedArticle>", 1)
    inner, tail = (b"<PubmedArticle>" + rest).rsplit(b"</PubmedArticleSet>", 1)
    copies = [inner.replace(b"90000001", str(91000000 + n).encode()) for n in range(40)]
    bodies[0] = head + b"".join(copies) + b"</PubmedArticleSet>" + tail
    with _body_parser(10**9) as (submit, ahead, ended):
        results = [submit(body) for body in bodies]
        ended()  # no more bodies: those handed on are parsed all the same
        found = [[r.source_key for r in result() if hasattr(r, "source_key")] for result in results]
        # and the processes end by themselves, before the parser is left
        waited = time.monotonic() + 30
        while multiprocessing.active_children() and time.monotonic() < waited:
            time.sleep(0.01)
        assert not multiprocessing.active_children()
    expected = [
        [r.source_key for r in parse_efetch_body(body) if hasattr(r, "source_key")]
        for body in bodies
    ]
    assert ahead >= 1 and found == expected
    assert len({tuple(keys) for keys in found}) == len(bodies)


def test_a_parsing_process_that_dies_fails_the_harvest_with_a_temporary_error() -> None:
    import os
    import signal

    from harvester.errors import TemporaryError
    from harvester.pubmed import _body_parser

    body = (DATA / "pubmed" / "edge_cases.xml").read_bytes()
    with (  # noqa: PT012
        pytest.raises(TemporaryError, match="run the harvest again"),
        _body_parser(10**9) as (submit, _, _),
    ):
        submit(body)()
        for process in multiprocessing.active_children():
            os.kill(process.pid or 0, signal.SIGKILL)
            process.join()
        submit(body)()


def test_a_parsing_process_leaves_ctrl_c_to_the_harvest_and_parses_on() -> None:
    # Ctrl-C reaches the whole process group: a parser it ended in the middle of a message
    # on its pipes once left the harvest waiting for the rest of it for ever
    from harvester.pubmed import _body_parser, parse_efetch_body

    from processes import interrupt_children

    body = (DATA / "pubmed" / "edge_cases.xml").read_bytes()
    expected = [getattr(r, "fields", r) for r in parse_efetch_body(body)]
    with _body_parser(10**9) as (submit, _, _):
        submit(body)()
        interrupt_children()
        assert [getattr(r, "fields", r) for r in submit(body)()] == expected


def _stored_count(database: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM source_record").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("records", [600, 2_400], ids=["parsed-here", "parsed-in-a-process"])
def test_ctrl_c_in_the_middle_of_a_harvest_ends_it_at_once_logged_as_interrupted(
    tmp_path: Path, records: int
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from harvester.replay import build_clone_corpus
    from kb.workspace import create_project

    from datafiles import PUBMED

    templates = [p.read_bytes() for p in sorted(PUBMED.glob("*.xml"))]
    templates = [t for t in templates if b"<PubmedArticleSet" in t[:2048]]
    server = ReplayServer(build_clone_corpus(templates, records)).start()
    project = create_project(tmp_path / "p", email="t@example.org")
    config = project.root / "itb.toml"
    config.write_text(config.read_text().replace("batch_size = 200", "batch_size = 100"))
    database = project.root / "itb.sqlite"
    assert database.exists()
    root = Path(__file__).resolve().parents[1]
    command = [
        sys.executable, "-c",
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
        f"sys.argv = ['itb', '--project', {str(project.root)!r}, 'harvest', 'pubmed'];"
        "runpy.run_module('queries.cli', run_name='__main__')",
    ]  # fmt: skip
    env = {**os.environ, "ITB_EUTILS_URL": server.url, "NCBI_API_KEY": "test-key-0123456789"}
    env.pop("ITB_DATABASE_URL", None)
    try:
        harvest = subprocess.Popen(
            command, cwd=root, env=env, start_new_session=True, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 120
        while _stored_count(database) == 0 and harvest.poll() is None:
            assert time.monotonic() < deadline, "no batch stored within 120 s"
            time.sleep(0.05)
        os.killpg(harvest.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        pressed = time.monotonic()
        _, errors = harvest.communicate(timeout=60)
        waited = time.monotonic() - pressed
        assert harvest.returncode != 0, errors
        assert waited < 10, f"Ctrl-C took {waited:.1f} s to end the harvest"
        assert "database is locked" not in errors and "busy" not in errors, errors
        engine = open_engine(f"sqlite:///{database}")
        try:
            (run,) = runs(engine)
            assert (run.status, run.error) == ("failed", "interrupted: KeyboardInterrupt")
            stored = stored_keys(engine)
            assert 0 < len(stored) < records and len(stored) % 100 == 0  # whole batches
            rerun = subprocess.run(
                command, cwd=root, env=env, capture_output=True, text=True, timeout=300
            )
            assert rerun.returncode == 0, rerun.stderr
            assert len(stored_keys(engine)) == records
        finally:
            engine.dispose()
    finally:
        server.stop()


def test_records_packed_for_the_way_back_from_the_parsing_process_come_back_equal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    import harvester.pubmed
    from harvester.pubmed import parse_efetch_body, parse_from_wire, parse_to_wire
    from harvester.pubmed_xml import DeletedCitations
    from harvester.records import RawRecord

    body = (DATA / "pubmed" / "edge_cases.xml").read_bytes()
    expected = parse_efetch_body(body)
    assert any(isinstance(item, DeletedCitations) for item in expected)
    packed = parse_to_wire(body)
    assert packed[:1] == b"m"  # marshal: plain values only
    back = parse_from_wire(packed)
    assert [type(item) for item in back] == [type(item) for item in expected]
    for got, want in zip(back, expected, strict=True):
        if isinstance(want, RawRecord):
            assert isinstance(got, RawRecord)
            assert got.fetched_at.tzinfo is not None
            got = dataclasses.replace(got, fetched_at=want.fetched_at)
        assert got == want
    odd = RawRecord("pubmed", "PubMed", "1", "pubmed-xml", "<a/>", {"when": datetime(2020, 1, 2)})
    monkeypatch.setattr(harvester.pubmed, "parse_efetch_body", lambda _body: [odd])
    packed = parse_to_wire(b"")
    assert packed[:1] == b"p"  # a value marshal cannot pack goes by pickle
    assert parse_from_wire(packed) == [odd]


@pytest.mark.parametrize("in_flight", [1, 3])
def test_efetch_batches_download_several_at_once_yet_reach_the_store_in_their_order(
    replay: ReplayServer, make_pubmed: MakePubMed, in_flight: int
) -> None:
    import threading

    from harvester.pubmed import FetchOutcome

    replay.faults.slow_seconds = 0.5  # every answer takes longer than the rate's interval
    pmids = sorted(replay.corpus.search([]))
    assert len(pmids) >= 6
    pubmed = make_pubmed(replay.url, batch_size=2, in_flight=in_flight)
    lock = threading.Lock()
    under_way = [0, 0]  # now, most at once

    def started(request: object) -> None:
        with lock:
            under_way[0] += 1
            under_way[1] = max(under_way)

    def answered(response: object) -> None:
        with lock:
            under_way[0] -= 1

    pubmed.client.event_hooks["request"].append(started)
    pubmed.client.event_hooks["response"].append(answered)
    stored: list[set[str]] = []
    outcome = FetchOutcome()
    pubmed.fetch_records(pmids, outcome, lambda batch: stored.append({r.source_key for r in batch}))
    assert stored == [set(pmids[i : i + 2]) for i in range(0, len(pmids), 2)]
    assert outcome.unavailable == [] and pubmed.calls == len(stored)
    assert under_way[1] == min(in_flight, len(stored))
