"""itb update end to end over real HTTP: idempotent, incremental, locked, crash-safe, partial
on a failed source; itb schedule; and the offline demo."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import select
from typer.testing import CliRunner

from harvester.errors import LockedError
from harvester.replay import ReplayServer
from kb.database import open_engine, session_scope
from kb.project import load_project
from kb.update import UpdateLock
from kb.workspace import create_project
from queries.cli import app
from queries.demo import corpus_file, replay_sources, run_demo
from queries.update import render_summary, run_update

from make_demo_corpus import OUT, build

ROOT = Path(__file__).resolve().parents[1]


def sample_server() -> ReplayServer:
    server = ReplayServer()
    server.corpus.add_xml(corpus_file("pubmed_round1.xml"))
    server.studies.add_json(corpus_file("ctgov_round1.json").decode("utf-8"))
    return server


@pytest.fixture
def project(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    password = make_url(db_url).password
    if password:  # itb.toml never holds a password: the server's client reads PGPASSWORD
        monkeypatch.setenv("PGPASSWORD", str(password))
    created = create_project(tmp_path / "p", db_url, email="test@example.org")
    return created.root


def dump(url: str) -> list[tuple[object, ...]]:
    """The knowledge itself, by natural keys: records, versions, works, tags, studies."""
    engine = open_engine(url)
    queries = {
        "records": "SELECT r.source, r.source_name, r.source_key, r.content_hash, "
        "r.current_version, r.status, w.title FROM source_record r LEFT JOIN work w "
        "ON w.id = r.work_id",
        "versions": "SELECT r.source_key, v.version, v.content_hash FROM record_version v "
        "JOIN source_record r ON r.id = v.source_record_id",
        "works": "SELECT title, pmid, doi, design, sample_size, relevant, retracted FROM work",
        "tags": "SELECT w.title, t.facet, t.taxonomy_id, t.qualifier, t.field, t.matched_text "
        "FROM tag t JOIN work w ON w.id = t.work_id",
        "studies": "SELECT s.nct_id, w.title, l.via FROM study_link l JOIN study s "
        "ON s.id = l.study_id JOIN work w ON w.id = l.work_id",
        "pairs": "SELECT a.source_key, b.source_key, p.outcome, p.rule FROM duplicate_pair p "
        "JOIN source_record a ON a.id = p.record_a_id JOIN source_record b "
        "ON b.id = p.record_b_id",
    }
    found: list[tuple[object, ...]] = []
    with engine.connect() as connection:
        for name, sql in queries.items():
            rows = [tuple(map(str, row)) for row in connection.execute(text(sql))]
            found += [(name, *row) for row in sorted(rows)]
    engine.dispose()
    return found


def test_update_is_idempotent_and_incremental(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="queries.update")
    loaded = load_project(project)
    engine = open_engine(loaded.database_url)
    server = sample_server()
    try:
        with server, replay_sources(server):
            first = run_update(engine, loaded, tmp_path / "digests", False, True)
            fetched_first = len(server.requests_to("efetch"))
            before = dump(loaded.database_url)
            second = run_update(engine, loaded, tmp_path / "digests", False, True)
            assert dump(loaded.database_url) == before
            assert (second["new_works"], second["changed_works"]) == (0, 0)
            assert len(server.requests_to("efetch")) == fetched_first  # nothing fetched again
            today = datetime.now(UTC).date()
            server.corpus.add_xml(corpus_file("pubmed_round2.xml"), created=today, modified=today)
            for nct in server.studies.add_json(corpus_file("ctgov_round2.json").decode("utf-8")):
                server.studies.set_updated(nct, today)
            third = run_update(engine, loaded, tmp_path / "digests", False, True)
    finally:
        engine.dispose()
    assert first["status"] == "success" and first["exit_code"] == 0
    started = [
        r.getMessage() for r in caplog.records if "started; last successful" in r.getMessage()
    ]
    assert started[0].endswith("last successful update: none, a first run")
    assert re.search(r"last successful update: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", started[1])
    assert first["new_works"] == 220 - 0 and first["searches"][0]["new"] == 200
    pubmed = next(s for s in third["searches"] if s["source"] == "pubmed")
    ctgov = next(s for s in third["searches"] if s["source"] == "ctgov")
    assert pubmed["retrieved"] == 15 and pubmed["new"] == 15  # only the new ones fetched
    assert ctgov["new"] == 2 and ctgov["updated"] == 2
    assert third["new_works"] == 17 and third["changed_works"] == 2
    digest = Path(third["digest"]["markdown"]).read_text(encoding="utf-8")
    assert "17 new works, 2 changed." in digest and "[SAMPLE DATA]" in digest
    ris = Path(third["digest"]["ris"]).read_text(encoding="utf-8")
    assert ris.count("ER  - ") == 17
    assert json.loads((tmp_path / "digests" / "latest.json").read_text())["run"] == third["run"]


def test_a_failed_source_gives_partial_and_keeps_its_watermark(
    project: Path, tmp_path: Path
) -> None:
    server = sample_server()
    server.faults.fail_next("503", times=1000, endpoint="studies")  # ClinicalTrials.gov is down
    runner = CliRunner()
    with server, replay_sources(server):
        result = runner.invoke(app, ["--project", str(project), "update", "--json", "--no-digest"])
        assert result.exit_code == 4, result.output
        server.faults.queue.clear()
        again = runner.invoke(app, ["--project", str(project), "update", "--json", "--no-digest"])
    summary = json.loads(result.stdout)
    assert summary["status"] == "partial" and summary["failed"][0]["source"] == "ctgov"
    assert summary["searches"][0]["new"] == 200
    assert again.exit_code == 0, again.output
    ctgov = [s for s in json.loads(again.stdout)["searches"] if s["source"] == "ctgov"][0]
    assert ctgov["mode"] == "full" and ctgov["new"] == 20  # its window never moved


def test_a_second_update_is_locked_out_naming_the_holder(project: Path) -> None:
    engine = open_engine(load_project(project).database_url)
    try:
        with UpdateLock(engine, "itb update"):
            with pytest.raises(LockedError, match=rf"pid {os.getpid()} on"):
                UpdateLock(engine).__enter__()
            result = CliRunner().invoke(app, ["--project", str(project), "update"])
            assert result.exit_code == 5
            assert "locked by itb update (pid" in result.stderr
        with UpdateLock(engine) as again:  # released: taken again
            assert again.holder.pid == os.getpid()
    finally:
        engine.dispose()


def test_a_dead_holders_lock_is_taken_over(project: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; sys.path.insert(0, '.');"
         "from kb.database import open_engine; from kb.update import UpdateLock;"
         f"e = open_engine({load_project(project).database_url!r});"
         "l = UpdateLock(e).__enter__(); print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    engine = open_engine(load_project(project).database_url)
    try:
        with pytest.raises(LockedError):
            UpdateLock(engine).__enter__()
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
        deadline = time.monotonic() + 10
        while True:
            try:
                with UpdateLock(engine):
                    break
            except LockedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        engine.dispose()


def _update_process(project: Path, url_env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "queries.cli", "--project", str(project), "-v", "update",
         "--no-digest"],
        cwd=ROOT, env={**os.environ, **url_env}, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _finished(process: subprocess.Popen[str]) -> None:
    _, errors = process.communicate(timeout=180)
    assert process.returncode == 0, errors


@pytest.mark.parametrize("delay", [0.8, 1.6, 2.6])
def test_kill_9_at_any_moment_then_rerun_ends_as_a_clean_run(tmp_path: Path, delay: float) -> None:
    clean = create_project(tmp_path / "clean", email="t@example.org")
    killed = create_project(tmp_path / "killed", email="t@example.org")
    server = sample_server()
    with server:
        env = {"ITB_EUTILS_URL": server.url, "ITB_CTGOV_URL": server.ctgov_url}
        _finished(_update_process(clean.root, env))
        victim = _update_process(killed.root, env)
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)
        victim.communicate()
        _finished(_update_process(killed.root, env))
    assert dump(killed.database_url) == dump(clean.database_url)


def test_a_run_left_running_by_a_killed_process_is_marked_interrupted_at_the_next_start(
    project: Path, tmp_path: Path
) -> None:
    from kb.models import SearchRunRow

    engine = open_engine(load_project(project).database_url)
    try:
        with session_scope(engine) as session:
            for kind in ("harvest", "import", "update"):  # what kill -9 leaves behind
                session.add(
                    SearchRunRow(
                        kind=kind, source="pubmed", database_name="PubMed", status="running"
                    )
                )
        ris = tmp_path / "one.ris"
        ris.write_text("TY  - JOUR\r\nTI  - Baclofen pumps\r\nPY  - 2020\r\nER  - \r\n")
        result = CliRunner().invoke(app, ["--project", str(project), "import", str(ris)])
        assert result.exit_code == 0, result.output
        log = CliRunner().invoke(app, ["--project", str(project), "log", "--json"])
        runs = json.loads(log.stdout)
        statuses = sorted(r["status"] for r in runs if r["kind"] in ("harvest", "update"))
        assert statuses == ["interrupted", "interrupted"], runs
        killed_import = [r for r in runs if r["kind"] == "import" and r["status"] != "success"]
        assert [r["status"] for r in killed_import] == ["interrupted"]
        assert all("killed or crashed" in (r["error"] or "") for r in killed_import)
    finally:
        engine.dispose()


def test_schedule_prints_cron_and_systemd_entries(project: Path) -> None:
    runner = CliRunner()
    cron = runner.invoke(app, ["--project", str(project), "schedule", "--cron", "--at", "02:30"])
    assert cron.exit_code == 0
    line = [x for x in cron.stdout.splitlines() if not x.startswith("#")][0]
    assert line.startswith("30 2 * * * cd ") and " update --log-file " in line
    systemd = runner.invoke(app, ["--project", str(project), "schedule", "--systemd"])
    assert "Persistent=true" in systemd.stdout and "OnCalendar=*-*-* 03:15:00" in systemd.stdout
    assert runner.invoke(app, ["--project", str(project), "schedule"]).exit_code == 3


def test_bundled_demo_corpus_is_what_its_generator_makes(tmp_path: Path) -> None:
    counts = build(tmp_path)
    assert counts["pubmed_round1"] == 200 and counts["embase"] == 25
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (OUT / path.name).read_bytes(), path.name


def test_demo_runs_the_main_job_offline(tmp_path: Path) -> None:
    printed: list[str] = []
    result = run_demo(tmp_path / "demo", printed.append)
    text_out = "\n".join(printed)
    assert "SAMPLE DATA" in text_out and "Evidence table" in text_out and "Evidence map" in text_out
    # PubMed's own retraction markup (RetractionIn + "Retracted Publication") is flagged.
    assert "Retractions flagged: 3 works are retracted (" in text_out
    assert all(f"PMID {pmid}" in text_out for pmid in (39100013, 39100077, 39100151))
    first, second = result["updates"]
    assert first["status"] == second["status"] == "success"
    assert second["new_works"] == 17 and second["changed_works"] == 2
    exports = tmp_path / "demo" / "exports"
    assert {p.name for p in exports.iterdir()} >= {"itb-sample.ris", "itb-sample.csv"}
    assert first["normalize"]["duplicates"] > 0  # the Embase copies were found
    assert (tmp_path / "demo" / "digests" / "latest.json").exists()
    again = CliRunner().invoke(app, ["demo", str(tmp_path / "demo")])
    assert again.exit_code == 3 and "already holds an itb project" in again.stderr


def test_a_failed_update_writes_a_digest_that_opens_with_the_failure_and_keeps_latest_json(
    project: Path, tmp_path: Path
) -> None:
    server = sample_server()
    runner = CliRunner()
    digests = tmp_path / "digests"
    at = ["--project", str(project), "update", "--json", "--digest-dir", str(digests)]
    with server, replay_sources(server):
        good = runner.invoke(app, at)
        assert good.exit_code == 0, good.output
        latest = (digests / "latest.json").read_text()
        server.faults.fail_next("503", times=1000, endpoint="studies")
        partial = runner.invoke(app, at)
    assert partial.exit_code == 4, partial.output
    summary = json.loads(partial.stdout)
    assert (digests / "latest.json").read_text() == latest  # still the last good run
    folder = Path(summary["digest"]["markdown"]).parent
    assert json.loads((folder / "summary.json").read_text())["status"] == "partial"
    digest = (folder / "digest.md").read_text(encoding="utf-8")
    opening = digest.split("\n\n", 2)[1]
    assert opening.startswith("## This update did not finish: 1 of its searches failed")
    assert "ctgov search" in digest and "What to do: run `itb update` again later" in digest
    assert "since the last successful update (" in digest.splitlines()[0]
    page = (folder / "digest.html").read_text(encoding="utf-8")
    assert 'role="alert"' in page and "This update did not finish" in page


def test_an_update_after_an_upgrade_of_the_parsers_reads_the_stored_records_again_once(
    project: Path, tmp_path: Path
) -> None:
    from kb.models import KbSettingRow, RecordVersionRow
    from kb.store import PARSER_KEY

    loaded = load_project(project)
    engine = open_engine(loaded.database_url)
    server = sample_server()
    try:
        with server, replay_sources(server):
            first = run_update(engine, loaded, None, False, True)
            assert first["reparse"] is None  # this itb's parsers read every record
            with session_scope(engine) as session:  # as an older itb left them
                session.get(KbSettingRow, PARSER_KEY).value = "an older itb"  # type: ignore[union-attr]
                version = session.exec(select(RecordVersionRow)).first()
                assert version is not None
                fields = dict(version.fields or {})
                read_then = fields.pop("mesh")  # what the older parser did not read
                version.fields = fields
            second = run_update(engine, loaded, None, False, True)
            third = run_update(engine, loaded, None, False, True)
            with session_scope(engine) as session:
                again = session.get(RecordVersionRow, version.id)
                assert again is not None and again.fields is not None
                assert again.fields["mesh"] == read_then
    finally:
        engine.dispose()
    assert second["reparse"]["changed"] == 1 and second["reparse"]["written"]
    assert "stored records read again by this itb's parsers: 1 of" in render_summary(second)
    assert third["reparse"] is None
