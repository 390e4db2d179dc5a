"""The nightly update: one lock per knowledge base, every saved search of both sources, then
normalization and tagging, all logged as one update run.

Crash safety comes from the stages themselves: each harvest batch is one transaction and a
saved search's watermark moves only when its run succeeded; normalization and tagging are
one transaction each and pick up whatever is new or changed. A run killed at any moment
leaves committed batches and an unmoved watermark, so the next run fetches the same window
again, stores nothing twice, and ends where an uninterrupted run would have.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import IO, Any

from sqlalchemy import Connection, Engine, func, text, update
from sqlmodel import col, select

from harvester.ctgov import ClinicalTrials
from harvester.errors import EvidenceError, ExitCode, LockedError
from harvester.http import RateLimits, make_client
from harvester.pubmed import PubMed
from kb.database import describe_holder, lock_file, seconds_from_env, session_scope
from kb.models import SearchRunRow, WorkRow, utcnow
from kb.pipeline import HarvestReport, Progress, harvest_ctgov, harvest_pubmed
from kb.project import Project, SavedSearch, ctgov_settings, eutils_settings

log = logging.getLogger(__name__)

_ADVISORY_KEY = 0x17B_0DA7E  # the PostgreSQL advisory lock of itb update
LOCK_POLL_S = 0.2
ENV_LOCK_WAIT = "ITB_LOCK_WAIT"
LOCK_WAIT_S = 30.0


def lock_wait() -> float:
    """Return how long an interactive writer (itb tag, itb normalize) waits for the lock:
    ITB_LOCK_WAIT seconds, default 30."""
    return seconds_from_env(ENV_LOCK_WAIT, LOCK_WAIT_S)


@dataclass
class Holder:
    """Who holds the update lock."""

    pid: int
    host: str
    started: str
    command: str = "itb update"

    def describe(self) -> str:
        """Return "itb update (pid 123 on host, since 2026-11-21T02:30:00+00:00)"."""
        return describe_holder(asdict(self))


class UpdateLock:
    """An exclusive lock on one knowledge base: a file lock beside a SQLite database, an
    advisory lock on PostgreSQL. The operating system or the server releases it when its
    process dies, so a stale lock (kill -9) is taken over by the next run. WAIT: seconds to
    wait for a holder to finish before giving up (0: give up at once)."""

    def __init__(self, engine: Engine, command: str = "itb update", wait: float = 0.0) -> None:
        self.engine = engine
        self.wait = wait
        self.holder = Holder(os.getpid(), socket.gethostname(), utcnow().isoformat(), command)
        self._file: IO[str] | None = None
        self._connection: Connection | None = None

    def __enter__(self) -> UpdateLock:
        if self.engine.dialect.name == "sqlite":
            self._lock_file()
        else:
            self._lock_advisory()
        try:
            mark_interrupted(self.engine)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._connection is not None:
            self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
            self._connection.commit()
            self._connection.close()
            self._connection = None

    def _lock_file(self) -> None:
        path = lock_file(self.engine)
        if path is None:
            return  # a private in-memory database: nobody else can reach it
        handle = path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(LOCK_POLL_S)
                    continue
                handle.seek(0)
                holder = handle.read()
                handle.close()
                raise self._locked(holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(asdict(self.holder)))
        handle.flush()
        self._file = handle

    def _lock_advisory(self) -> None:
        connection = self.engine.connect()
        # The holder is named in the session's application_name, for the one locked out.
        holder = self.holder  # application_name holds at most 63 characters
        word = holder.command.removeprefix("itb ")
        name = f"itb {word} {holder.pid} {holder.started[:19]} {holder.host}"[:63]
        connection.execute(text("SELECT set_config('application_name', :n, false)"), {"n": name})
        deadline = time.monotonic() + self.wait
        while True:
            taken = connection.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": _ADVISORY_KEY}
            ).scalar()
            connection.commit()
            if taken or time.monotonic() >= deadline:
                break
            time.sleep(LOCK_POLL_S)
        if not taken:
            holding = connection.execute(
                text(
                    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                    "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                    "AND l.objid = :k"
                ),
                {"k": _ADVISORY_KEY},
            ).scalar()
            connection.close()
            raise self._locked(_from_application_name(holding) or _running_holder(self.engine))
        self._connection = connection

    def _locked(self, holder_text: str) -> LockedError:
        try:
            holder = Holder(**json.loads(holder_text))
            who = holder.describe()
        except (ValueError, TypeError):
            who = "another itb process"
        waited = f" (waited {self.wait:g} s)" if self.wait else ""
        return LockedError(
            f"the knowledge base is locked by {who}{waited}; this run stops here. It ends by "
            "itself; if that process is gone, the lock is released with it"
        )


def _from_application_name(name: str | None) -> str:
    """The holder, as JSON, from "itb update 1234 2026-11-21T02:30:00 host"."""
    parts = (name or "").split(" ", 4)
    if len(parts) != 5 or parts[0] != "itb" or not parts[2].isdigit():
        return ""
    return json.dumps({"pid": int(parts[2]), "host": parts[4], "started": parts[3],
                       "command": f"itb {parts[1]}"})  # fmt: skip


def _running_holder(engine: Engine) -> str:
    """The holder as the latest running update run recorded it (PostgreSQL)."""
    with session_scope(engine) as session:
        run = session.exec(
            select(SearchRunRow)
            .where(SearchRunRow.kind == "update", SearchRunRow.status == "running")
            .order_by(col(SearchRunRow.id).desc())
        ).first()
        details = (run.details or {}) if run else {}
    return json.dumps(details.get("holder")) if details.get("holder") else ""


@dataclass
class UpdateRun:
    """What one update did, for the summary and the digest."""

    run_id: int
    started_at: datetime
    previous: datetime | None
    reports: list[HarvestReport] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    status: str = "running"

    @property
    def exit_code(self) -> int:
        """Return 0 (success, or nothing new), 4 (partial) or the failures' own code."""
        if not self.errors:
            return ExitCode.OK
        if self.reports:
            return ExitCode.PARTIAL
        return max(int(e["exit_code"]) for e in self.errors)


def mark_interrupted(engine: Engine) -> int:
    """Mark the runs a killed or crashed process left "running" as "interrupted"; return how
    many. Only the lock's holder calls it: every run still "running" then is a dead one."""
    now = utcnow()
    with session_scope(engine, write=True) as session:
        result = session.execute(
            update(SearchRunRow)
            .where(col(SearchRunRow.status) == "running", col(SearchRunRow.started_at) < now)
            .values(
                status="interrupted",
                error="its process ended before the run finished (killed or crashed); "
                "what it committed is kept and the next run redoes the rest",
                finished_at=now,
            )
        )
        count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.info("%d run(s) left running by a process that ended marked interrupted", count)
    return count


def begin_update(engine: Engine, lock: UpdateLock) -> UpdateRun:
    """Log the start of an update (runs a killed process left "running" were marked
    interrupted when the lock was taken)."""
    now = utcnow()
    with session_scope(engine) as session:
        # What the last successful update brought ends when it finished.
        previous = session.exec(
            select(func.max(SearchRunRow.finished_at)).where(
                SearchRunRow.kind == "update", col(SearchRunRow.status).in_(("success", "partial"))
            )
        ).one()
        run = SearchRunRow(
            kind="update",
            source="all",
            database_name="PubMed, ClinicalTrials.gov",
            interface="itb update",
            started_at=now,
            details={"holder": asdict(lock.holder)},
        )
        session.add(run)
        session.flush()
        assert run.id is not None
        run_id = run.id
    return UpdateRun(run_id, now, previous)


def harvest_saved_searches(
    engine: Engine,
    project: Project,
    run: UpdateRun,
    progress: Any = None,
    full: bool = False,
) -> None:
    """Run every saved search; a failing one is noted and the others go on."""
    eutils, ctgov = eutils_settings(project), ctgov_settings(project)
    limits = RateLimits({"pubmed": eutils.requests_per_second, "ctgov": ctgov.rate})
    with make_client(limits) as client:
        pubmed = PubMed(client, eutils)
        trials = ClinicalTrials(client, ctgov)
        for search in project.searches:
            try:
                with progress(search) if progress else _nothing() as bar:
                    run.reports.append(_harvest_one(engine, pubmed, trials, search, full, bar))
            except EvidenceError as error:
                log.error("%s search %s failed: %s", search.source, search.name, error)
                run.errors.append(
                    {"search": search.name, "source": search.source, "error": str(error),
                     "exit_code": error.exit_code}
                )  # fmt: skip


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def _harvest_one(
    engine: Engine,
    pubmed: PubMed,
    trials: ClinicalTrials,
    search: SavedSearch,
    full: bool,
    bar: Progress | None,
) -> HarvestReport:
    if search.source == "pubmed":
        return harvest_pubmed(engine, pubmed, search.query, search.name, full=full, progress=bar)
    return harvest_ctgov(
        engine, trials, search.query, search.params, search.name, full=full, progress=bar
    )


def finish_update(engine: Engine, run: UpdateRun, details: dict[str, Any]) -> None:
    """Log how the update ended."""
    run.status = "success" if not run.errors else ("partial" if run.reports else "failed")
    with session_scope(engine) as session:
        row = session.get(SearchRunRow, run.run_id)
        assert row is not None
        row.status = run.status
        row.finished_at = utcnow()
        row.retrieved = sum(r.retrieved for r in run.reports)
        row.new = sum(r.new for r in run.reports)
        row.updated = sum(r.updated for r in run.reports)
        row.unchanged = sum(r.unchanged for r in run.reports)
        row.failed = len(run.errors)
        row.error = "; ".join(f"{e['search']}: {e['error']}" for e in run.errors) or None
        row.details = {**(row.details or {}), **details}
        session.add(row)


def changed_works(engine: Engine, since: datetime | None) -> tuple[list[int], list[int]]:
    """Return (new, changed) work ids since SINCE (every work is new when SINCE is None)."""
    with session_scope(engine) as session:
        statement = select(WorkRow.id, WorkRow.created_at, WorkRow.updated_at).order_by(
            col(WorkRow.id)
        )
        new, changed = [], []
        for work_id, created, updated in session.exec(statement).all():
            assert work_id is not None
            if since is None or created >= since:
                new.append(work_id)
            elif updated >= since:
                changed.append(work_id)
    return new, changed
