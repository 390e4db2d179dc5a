"""Shared fixtures: real SQLite files always, real PostgreSQL when ITB_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from harvester.http import RateLimits, RetryPolicy, make_client
from harvester.pubmed import EutilsSettings, PubMed
from harvester.replay import PubMedCorpus, ReplayServer
from kb.database import open_engine, upgrade

from datafiles import PUBMED, SHARED, shared_present

PG_ADMIN_URL = os.environ.get("ITB_TEST_DATABASE_URL")
REQUIRE_PG = os.environ.get("ITB_REQUIRE_POSTGRES") == "1"
REQUIRE_SHARED = os.environ.get("ITB_REQUIRE_SHARED") == "1"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip tests marked ``shared`` when shared/ is absent (fail instead under CI's flag)."""
    if item.get_closest_marker("shared") is None or shared_present():
        return
    if REQUIRE_SHARED:
        pytest.fail(f"ITB_REQUIRE_SHARED=1 but the shared folder is not at {SHARED}")
    pytest.skip(f"needs the project's shared/ folder beside the repository (not at {SHARED})")


def _postgres_or_skip() -> str:
    if PG_ADMIN_URL:
        return PG_ADMIN_URL
    if REQUIRE_PG:
        pytest.fail("ITB_REQUIRE_POSTGRES=1 but ITB_TEST_DATABASE_URL is not set")
    pytest.skip("PostgreSQL tests need ITB_TEST_DATABASE_URL")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL of a new, empty PostgreSQL database, dropped after the test."""
    admin_url = make_url(_postgres_or_skip()).set(drivername="postgresql+psycopg")
    name = f"itb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL of a new SQLite database file."""
    return f"sqlite:///{tmp_path / 'kb.sqlite'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database on each engine in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kb.sqlite'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on an up-to-date knowledge base, on each engine in turn."""
    engine = open_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


# --- PubMed over real HTTP on loopback -------------------------------------------------


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A replay server holding every real PubMed article of tests/data, on a loopback port."""
    corpus = PubMedCorpus()
    corpus.load_folder(PUBMED)
    server = ReplayServer(corpus).start()
    yield server
    server.stop()


def fast_settings(url: str, **changes: object) -> EutilsSettings:
    """E-utilities settings for tests: the replay URL, quick retries, a generous rate."""
    values: dict[str, object] = {
        "base_url": url,
        "email": "tests@example.org",
        "rate": 10.0,
        "api_key": "test-key-0123456789",
        "retry": RetryPolicy(attempts=4, base_delay=0.02, max_delay=0.1, max_total_wait=5),
    }
    values.update(changes)
    return EutilsSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def make_pubmed() -> Iterator[Callable[..., PubMed]]:
    """Build PubMed clients on replay URLs; their HTTP clients are closed after the test."""
    clients: list[httpx.Client] = []

    def build(url: str, timeout: float = 10.0, **changes: object) -> PubMed:
        settings = fast_settings(url, **changes)
        client = make_client(
            RateLimits({settings.host: settings.requests_per_second}), timeout=timeout
        )
        clients.append(client)
        return PubMed(client, settings)

    yield build
    for client in clients:
        client.close()
