"""The project folder: itb.toml, found like git finds its repository, and its settings.

Pure: reads and writes files, knows no database.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harvester.errors import ConfigError, ProjectError
from harvester.limits import (
    DEFAULT_CTGOV_RATE,
    DEFAULT_CTGOV_URL,
    DEFAULT_EUTILS_URL,
    EFETCH_IN_FLIGHT,
    MAX_EFETCH_IN_FLIGHT,
    RetryPolicy,
)
from harvester.limits import MAX_CTGOV_PAGE_SIZE as MAX_PAGE_SIZE

if TYPE_CHECKING:
    from harvester.ctgov import CtgovSettings
    from harvester.pubmed import EutilsSettings

CONFIG_NAME = "itb.toml"
DEFAULT_DATABASE_FILE = "itb.sqlite"
SOURCES = ("pubmed", "ctgov")
ENV_DATABASE_URL = "ITB_DATABASE_URL"
ENV_EMAIL = "NCBI_EMAIL"
ENV_API_KEY = "NCBI_API_KEY"
ENV_EUTILS_URL = "ITB_EUTILS_URL"
ENV_CTGOV_URL = "ITB_CTGOV_URL"
DEFAULT_BATCH_SIZE = 200

# The default saved searches, explained in README.md ("The default searches").
PUBMED_QUERY = (
    '("Baclofen"[Mesh] OR baclofen[tiab] OR lioresal[tiab] OR gablofen[tiab])'
    " AND "
    '("Injections, Spinal"[Mesh] OR "Infusion Pumps, Implantable"[Mesh]'
    " OR intrathecal*[tiab] OR intra-thecal[tiab] OR ITB[tiab] OR CITB[tiab]"
    ' OR "spinal infusion"[tiab] OR pump[tiab] OR pumps[tiab])'
)
CTGOV_TERM = 'intrathecal OR "intra-thecal" OR ITB OR pump OR "spinal infusion"'
CTGOV_INTERVENTION = "baclofen"

CONFIG_TEMPLATE = """\
# itb project: a living evidence knowledge base on intrathecal baclofen.
# Every itb command run in this folder (or below it) uses these settings.

[database]
# The SQLite file in this folder is the default. For a shared PostgreSQL knowledge base:
#   url = "postgresql://user@host/dbname"
# Keep passwords out of this file: use PGPASSWORD, ~/.pgpass or ITB_DATABASE_URL.
url = {database_url}

[ncbi]
# NCBI asks every E-utilities user for a contact address (NCBI_EMAIL overrides it).
# The API key is read from the NCBI_API_KEY environment variable only, never from or to a file.
email = {email}
tool = "itb"
# At most 3 requests/s without a key, 10/s with one; set a lower rate here if you share
# the key or the address. PMIDs per efetch request (NCBI advises 200 to 500).
# requests_per_second = 2
batch_size = 200
# efetch requests under way at once (the rate above still spaces their starts): NCBI takes
# half a second or more to answer each, so one at a time cannot reach the rate. 1 to 10.
in_flight = 3

[ctgov]
# ClinicalTrials.gov publishes no rate limit; about 1 request/s is safe. Studies per page.
requests_per_second = 1
page_size = 1000

[http]
# Retries of a failed request (timeouts, 429, 5xx, truncated bodies): how many attempts in
# all, the first backoff (doubled each time, with jitter, at most 60 s) and the total wait.
attempts = 6
backoff_seconds = 1.0
max_wait_seconds = 600

# Saved searches, rerun by "itb harvest" and "itb update". README.md explains each term.
[[search]]
name = "itb-pubmed"
source = "pubmed"
query = '''{pubmed_query}'''

[[search]]
name = "itb-ctgov"
source = "ctgov"
# query.term of the ClinicalTrials.gov API v2; more API parameters go under params.
query = '''{ctgov_term}'''
params = {{ "query.intr" = "{ctgov_intervention}" }}
"""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A saved search of itb.toml: a name, a source, the exact query and extra parameters."""

    name: str
    source: str
    query: str
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Project:
    """A project folder and its settings."""

    root: Path
    database_url: str
    ncbi_email: str | None
    ncbi_tool: str
    ncbi_rate: float | None
    ncbi_batch_size: int
    ncbi_in_flight: int
    retry: RetryPolicy
    ctgov_rate: float
    ctgov_page_size: int
    searches: tuple[SavedSearch, ...]

    @property
    def config_path(self) -> Path:
        """Return the path of the project's itb.toml."""
        return self.root / CONFIG_NAME

    @property
    def taxonomy_path(self) -> Path:
        """Return the path of the project's own taxonomy additions (used when it exists)."""
        return self.root / "taxonomy.toml"

    def search(self, name: str) -> SavedSearch:
        """Return the saved search called NAME, or raise a ConfigError naming the known ones."""
        for search in self.searches:
            if search.name == name:
                return search
        known = ", ".join(s.name for s in self.searches) or "none"
        raise ConfigError(f'no saved search "{name}" in {self.config_path}; known: {known}')


def find_project_root(start: Path) -> Path:
    """Return the nearest folder at or above START that holds an itb.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ProjectError(
        f'no itb project in {start} or any folder above it; run "itb init" to create one, '
        "or pass --project DIR"
    )


def load_project(root: Path, environ: Mapping[str, str] | None = None) -> Project:
    """Return the project whose itb.toml is in ROOT, with environment overrides applied."""
    env = os.environ if environ is None else environ
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ProjectError(
            f'{root} is not an itb project (no {CONFIG_NAME}); run "itb init {root}"'
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}; fix the TOML syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    database = _table(data, "database", path)
    ncbi = _table(data, "ncbi", path)
    http = _table(data, "http", path)
    ctgov = _table(data, "ctgov", path)
    url = _string(database, "url", path, "database", default=f"sqlite:///{DEFAULT_DATABASE_FILE}")
    email = env.get(ENV_EMAIL) or _string(ncbi, "email", path, "ncbi", default="")
    return Project(
        root=root.resolve(),
        database_url=resolve_sqlite_path(url, root.resolve()),
        ncbi_email=email or None,
        ncbi_tool=_string(ncbi, "tool", path, "ncbi", default="itb"),
        ncbi_rate=_number(ncbi, "requests_per_second", path, "ncbi", low=0.01, high=10),
        ncbi_batch_size=int(
            _number(ncbi, "batch_size", path, "ncbi", low=1, high=10_000) or DEFAULT_BATCH_SIZE
        ),
        ncbi_in_flight=int(
            _number(ncbi, "in_flight", path, "ncbi", low=1, high=MAX_EFETCH_IN_FLIGHT)
            or EFETCH_IN_FLIGHT
        ),
        ctgov_rate=_number(ctgov, "requests_per_second", path, "ctgov", low=0.01, high=10)
        or DEFAULT_CTGOV_RATE,
        ctgov_page_size=int(
            _number(ctgov, "page_size", path, "ctgov", low=1, high=MAX_PAGE_SIZE) or MAX_PAGE_SIZE
        ),
        retry=RetryPolicy(
            attempts=int(_number(http, "attempts", path, "http", low=1, high=50) or 6),
            base_delay=_number(http, "backoff_seconds", path, "http", low=0.001, high=60) or 1.0,
            max_total_wait=_number(http, "max_wait_seconds", path, "http", low=0, high=7200)
            or 600.0,
        ),
        searches=_searches(data.get("search", []), path),
    )


def database_url(project: Project | None, override: str | None) -> str:
    """Return the database URL to use: --db/ITB_DATABASE_URL first, then itb.toml."""
    if override:
        return override
    if project is None:
        raise ProjectError(
            'no itb project here and no database given; run "itb init", pass --project DIR, '
            f"or set --db / {ENV_DATABASE_URL}"
        )
    return project.database_url


def resolve_sqlite_path(url: str, root: Path) -> str:
    """Return URL with a relative SQLite path made absolute against the project ROOT."""
    prefix = next((p for p in ("sqlite:///", "sqlite+pysqlite:///") if url.startswith(p)), None)
    if prefix is None:
        return url
    path = url[len(prefix) :]
    if not path or path == ":memory:" or Path(path).is_absolute():
        return url
    return f"{prefix}{root / path}"


def init_project(folder: Path, database_url: str | None = None, email: str | None = None) -> Path:
    """Create a project in FOLDER (created if needed) and return its itb.toml path."""
    config = folder / CONFIG_NAME
    if config.exists():
        raise ProjectError(f"{config} already exists; this folder is a project already")
    text = CONFIG_TEMPLATE.format(
        database_url=_toml_string(database_url or f"sqlite:///{DEFAULT_DATABASE_FILE}"),
        email=_toml_string(email or ""),
        pubmed_query=PUBMED_QUERY,
        ctgov_term=CTGOV_TERM,
        ctgov_intervention=CTGOV_INTERVENTION,
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with config.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ProjectError(
            f"cannot create a project in {folder}: {exc.strerror or exc}; "
            "choose a folder you can write to"
        ) from None
    return config


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _table(data: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{key}] must be a table; see README.md")
    return value


def _string(
    table: Mapping[str, Any], key: str, path: Path, section: str, default: str | None = None
) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f'{path}: {section}.{key} must be a string, like {key} = "..."')
    return value


def _number(
    table: Mapping[str, Any], key: str, path: Path, section: str, low: float, high: float
) -> float | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ConfigError(f"{path}: {section}.{key} must be a number from {low:g} to {high:g}")
    return float(value)


def eutils_settings(project: Project, environ: Mapping[str, str] | None = None) -> EutilsSettings:
    """Return how to call E-utilities: itb.toml, then ITB_EUTILS_URL and NCBI_API_KEY."""
    env = os.environ if environ is None else environ
    from harvester.pubmed import EutilsSettings

    return EutilsSettings(
        base_url=env.get(ENV_EUTILS_URL) or DEFAULT_EUTILS_URL,
        tool=project.ncbi_tool,
        email=project.ncbi_email,
        api_key=env.get(ENV_API_KEY) or None,
        rate=project.ncbi_rate,
        batch_size=project.ncbi_batch_size,
        in_flight=project.ncbi_in_flight,
        retry=project.retry,
    )


def ctgov_settings(project: Project, environ: Mapping[str, str] | None = None) -> CtgovSettings:
    """Return how to call ClinicalTrials.gov: itb.toml, then ITB_CTGOV_URL."""
    env = os.environ if environ is None else environ
    from harvester.ctgov import CtgovSettings

    return CtgovSettings(
        base_url=env.get(ENV_CTGOV_URL) or DEFAULT_CTGOV_URL,
        rate=project.ctgov_rate,
        page_size=project.ctgov_page_size,
        retry=project.retry,
    )


def _searches(entries: Any, path: Path) -> tuple[SavedSearch, ...]:
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: saved searches are [[search]] tables; see README.md")
    searches: list[SavedSearch] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: [[search]] number {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} must be a table")
        name, source, query = (entry.get(k) for k in ("name", "source", "query"))
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f'{where} needs a name, like name = "itb-pubmed"')
        if source not in SOURCES:
            raise ConfigError(f'{where} ("{name}"): source must be one of {", ".join(SOURCES)}')
        if not isinstance(query, str) or not query.strip():
            raise ConfigError(f'{where} ("{name}") needs a query')
        params = entry.get("params", {})
        if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
            raise ConfigError(f'{where} ("{name}"): params must be a table of strings')
        if any(s.name == name for s in searches):
            raise ConfigError(f'{where}: the name "{name}" is used twice; names must be unique')
        searches.append(SavedSearch(name.strip(), source, " ".join(query.split()), dict(params)))
    return tuple(searches)
