"""Many readers, one writer, no traceback: real processes side by side on both engines.

A helper process plays the long writer (`itb tag --all` mid-batch): it takes the update
lock as "itb tag", opens a write transaction that touches every work, and holds both for a
while. Meanwhile readers, exports and a second writer run as real `itb` processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from kb.database import open_engine
from kb.workspace import create_project

from kb_sample import build_sample_kb

ROOT = Path(__file__).resolve().parents[1]
KB = tuple[Path, str, dict[str, str]]
Holder = Callable[[float], "subprocess.Popen[str]"]
ITB = [sys.executable, "-m", "queries.cli"]
HOLDER = """
import sys, time
from sqlalchemy import text
from kb.database import open_engine, session_scope
from kb.update import UpdateLock
engine = open_engine(sys.argv[1])
with UpdateLock(engine, "itb tag"):
    with session_scope(engine, write=True) as session:
        session.execute(text("UPDATE work SET citation_key = citation_key"))
        print("ready", flush=True)
        time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def kb(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> KB:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITB_")}
    env["PYTHONPATH"] = str(ROOT)
    password = make_url(db_url).password
    if password:
        env["PGPASSWORD"] = str(password)
        monkeypatch.setenv("PGPASSWORD", str(password))
    project = create_project(tmp_path / "p", db_url, email="t@example.org").root
    engine = open_engine(db_url)
    build_sample_kb(engine, tmp_path)
    engine.dispose()
    return project, db_url, env


@pytest.fixture
def holder(kb: KB) -> Iterator[Holder]:
    started: list[subprocess.Popen[str]] = []

    def start(seconds: float) -> subprocess.Popen[str]:
        _, url, env = kb
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, url, str(seconds)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def itb(
    kb: tuple[Path, str, dict[str, str]], *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    project, _, base = kb
    return subprocess.run(
        [*ITB, "--project", str(project), *args],
        cwd=project,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_readers_never_fail_while_a_writer_works(kb: KB, holder: Holder, tmp_path: Path) -> None:
    writer = holder(60.0)
    table = itb(kb, "table", "--format", "csv")
    log = itb(kb, "log", "--json")
    assert table.returncode == 0 and log.returncode == 0, table.stderr + log.stderr
    assert table.stdout.count("\n") > 10
    assert writer.poll() is None, "the readers finished while the writer still held its lock"


def test_an_export_waits_for_a_writer_and_is_logged(kb: KB, holder: Holder, tmp_path: Path) -> None:
    process = holder(2.0)
    out = tmp_path / "all.ris"
    export = itb(kb, "export", "--format", "ris", "-o", str(out))
    assert export.returncode == 0, export.stderr
    assert process.wait(timeout=30) == 0
    assert out.read_text(encoding="utf-8").count("ER  -") > 10
    log = itb(kb, "log", "--json")
    assert '"export"' in log.stdout


def test_a_second_writer_waits_then_exits_5_naming_the_holder(kb: KB, holder: Holder) -> None:
    holder(30.0)
    started = time.monotonic()
    second = itb(kb, "tag", "--all", ITB_LOCK_WAIT="1")
    assert second.returncode == 5
    line = one_line_error(second)
    assert "locked by itb tag (pid" in line and "waited 1 s" in line
    assert 1.0 <= time.monotonic() - started < 20


def test_a_second_writer_that_waits_long_enough_succeeds(kb: KB, holder: Holder) -> None:
    holder(2.0)
    second = itb(kb, "tag", "--all", ITB_LOCK_WAIT="60")
    assert second.returncode == 0, second.stderr


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_export_gives_up_cleanly_when_the_writer_outlasts_the_busy_timeout(
    kb: KB, holder: Holder, tmp_path: Path
) -> None:
    holder(30.0)
    out = tmp_path / "new.ris"
    first = itb(kb, "export", "--format", "ris", "-o", str(out), ITB_BUSY_TIMEOUT="1")
    assert first.returncode == 5  # new works need citation keys: nothing is written
    assert "busy: itb tag (pid" in one_line_error(first)
    assert not out.exists()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_a_finished_export_is_kept_when_its_log_cannot_be_written(
    kb: KB, holder: Holder, tmp_path: Path
) -> None:
    assert itb(kb, "export", "--format", "ris", "-o", str(tmp_path / "keys.ris")).returncode == 0
    holder(30.0)
    out = tmp_path / "again.ris"
    again = itb(kb, "export", "--format", "ris", "-o", str(out), ITB_BUSY_TIMEOUT="1")
    assert again.returncode == 4, again.stderr
    assert "Traceback" not in again.stderr and "not logged" in again.stderr
    assert out.read_bytes() == (tmp_path / "keys.ris").read_bytes()
