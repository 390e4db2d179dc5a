"""The one database seam: open an engine from a URL, sessions, schema migrations.

SQLite (a file, WAL mode, foreign keys on, busy timeout set) is the default;
PostgreSQL (psycopg 3) is for shared team use. The same code and the same Alembic
migrations serve both.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

from harvester.errors import ConfigError, DatabaseError, LockedError, SchemaError
from harvester.secrets import register_secret
from kb.bundled import bundled_path
from kb.schema_head import SCHEMA_HEAD  # re-exported: the database seam names it

log = logging.getLogger(__name__)

# How long a writer waits for another's write transaction to end (SQLite's busy timeout),
# in seconds; ITB_BUSY_TIMEOUT overrides it.
BUSY_TIMEOUT_S = 30.0
ENV_BUSY_TIMEOUT = "ITB_BUSY_TIMEOUT"


def seconds_from_env(name: str, default: float) -> float:
    """Return the seconds the environment variable NAME gives (DEFAULT when unset)."""
    given = os.environ.get(name, "").strip()
    try:
        return max(0.0, float(given)) if given else default
    except ValueError:
        raise ConfigError(
            f"{name}={given!r} is not a number of seconds; unset it or give one"
        ) from None


def busy_timeout() -> float:
    """Return the seconds a writer waits for another writer (ITB_BUSY_TIMEOUT, default 30)."""
    return seconds_from_env(ENV_BUSY_TIMEOUT, BUSY_TIMEOUT_S)


def lock_file(engine: Engine) -> Path | None:
    """Return the update lock's file beside a SQLite database (None for PostgreSQL or an
    in-memory database, which nobody else can reach)."""
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or database in ("", ":memory:"):
        return None
    return Path(f"{database}.update-lock")


def describe_holder(holder: Mapping[str, Any]) -> str:
    """Return "itb update (pid 123 on host, since 2026-11-21T02:30:00+00:00)"."""
    return (
        f"{holder.get('command', 'itb')} (pid {holder.get('pid')} on {holder.get('host')}, "
        f"since {holder.get('started')})"
    )


# Any fixed 64-bit number: the key of PostgreSQL's advisory lock held while migrating.
_MIGRATION_LOCK_KEY = 0x17B_5C4E_3A


def safe_url(url: str | URL) -> str:
    """Return the URL as text with any password hidden, fit for messages and logs."""
    if not isinstance(url, str):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)


def parse_url(url: str) -> URL:
    """Return the SQLAlchemy URL for an itb database URL, or raise a DatabaseError."""
    try:
        parsed = make_url(url.strip())
        port = parsed.port  # a port that is not a number fails here (ValueError)
    except (ArgumentError, ValueError):
        raise DatabaseError(
            f'"{safe_url(url)}" is not a database URL; '
            "use sqlite:///path/to/itb.sqlite or postgresql://user@host:5432/dbname"
        ) from None
    if port is not None and not 0 < port < 65536:
        raise DatabaseError(
            f"the port {port} in {safe_url(parsed)} is not a port number (1-65535); "
            "check --db, ITB_DATABASE_URL or [database] url in itb.toml"
        )
    register_secret(parsed.password if isinstance(parsed.password, str) else None)
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+pysqlite")
    raise DatabaseError(
        f'unsupported database "{backend}" in {safe_url(parsed)}; itb works with sqlite and '
        "postgresql URLs"
    )


def open_engine(url: str) -> Engine:
    """Return an engine for URL with itb's connection settings, after one test connection."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    else:
        engine = _postgres_engine(parsed)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        engine.dispose()
        hint = (
            "itb needs write access to the file and its folder"
            if parsed.get_backend_name() == "sqlite"
            else "check --db, ITB_DATABASE_URL or [database] url in itb.toml"
        )
        raise DatabaseError(
            f"cannot open the database {safe_url(parsed)}: {_first_line(exc)}; {hint}"
        ) from None
    return engine


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        path = Path(database)
        if not path.parent.is_dir():
            raise DatabaseError(
                f"cannot open the database {path}: folder {path.parent} does not exist; "
                "create it or fix the database URL"
            )
    kwargs: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}
    if in_memory:
        kwargs |= {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN until the first write, so a
        # read would not see one snapshot; we turn it off and BEGIN ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout() * 1000)}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA wal_autocheckpoint = 10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _postgres_engine(url: URL) -> Engine:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseError(
            "PostgreSQL needs the psycopg driver; install it with: pip install 'itb[postgres]'"
        ) from None
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 10},
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
        )
    except NoSuchModuleError:  # pragma: no cover - psycopg imported above
        raise DatabaseError(f"no driver for {safe_url(url)}") from None


def _json_dumps(value: Any) -> str:
    """Serialize JSON columns with orjson: parsed records are large, json.dumps is slow."""
    return orjson.dumps(value).decode("utf-8")


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return lines[0] if lines else type(orig).__name__


@contextmanager
def session_scope(engine: Engine, snapshot: bool = False, write: bool = False) -> Iterator[Session]:
    """Yield a session whose work is one transaction: committed on success, else rolled back.

    SNAPSHOT: every statement of the transaction sees the database as it was at the first
    one, whatever commits meanwhile (an update writing while a table is read). SQLite's
    transactions (WAL, begun by us) are snapshots already; PostgreSQL needs REPEATABLE READ.
    WRITE: the transaction will write; on SQLite it takes the write lock at once (BEGIN
    IMMEDIATE), waiting for another writer up to the busy timeout, instead of failing when
    its first write finds a snapshot that another writer has moved past. A writer that
    waited in vain is a LockedError (exit 5) naming the holder where it is known.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            if snapshot and engine.dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            elif write and engine.dialect.name == "sqlite":
                session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if is_busy(exc):
                raise busy_error(engine) from None
            raise
        except BaseException as exc:
            session.rollback()
            if not isinstance(exc, Exception):
                _release_interrupted(exc)
            raise


def _release_interrupted(exc: BaseException) -> None:
    """Let go of what an interrupted statement left in EXC's traceback.

    On Ctrl-C (or SystemExit) in the middle of a statement SQLAlchemy closes the DBAPI
    connection instead of rolling it back; SQLite then keeps it open, write lock and all,
    for as long as a cursor of it lives, and the interrupted frames' locals keep one. The
    run could then not be logged as interrupted ("database is locked"). Clearing those
    finished frames frees the cursor, and SQLite closes the connection and rolls it back.
    """
    traceback.clear_frames(exc.__traceback__)


def is_busy(exc: BaseException) -> bool:
    """Return whether EXC is SQLite's "database is locked" (another writer held on)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text


def busy_error(engine: Engine) -> LockedError:
    """Return the error of a writer that waited for another writer in vain."""
    who = lock_holder(engine) or "another process"
    return LockedError(
        f"the knowledge base is busy: {who} is writing to it and did not finish within "
        f"{busy_timeout():g} s; try again when it ends (or wait longer: {ENV_BUSY_TIMEOUT}=120)"
    )


def lock_holder(engine: Engine) -> str:
    """Return who holds the knowledge base's update lock ("" when free or unknown): SQLite's
    lock file beside the database names its holder while the lock is held."""
    path = lock_file(engine)
    if path is None:
        return ""
    try:
        with path.open(encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return describe_holder(json.loads(handle.read() or "{}"))
            fcntl.flock(handle, fcntl.LOCK_UN)
    except (OSError, ValueError, AttributeError):
        return ""
    return ""


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Where a database's schema stands against this itb's migrations."""

    current: str | None
    head: str
    has_tables: bool

    @property
    def up_to_date(self) -> bool:
        """Return whether the database is at this itb's newest schema."""
        return self.current == self.head


def _alembic_config(connection: Connection | None = None) -> Any:
    # Alembic is imported when a migration runs, not by every command (start-up time).
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_migrations()))
    config.attributes["connection"] = connection
    return config


def _known_revisions() -> set[str]:
    """The revision ids of kb/migrations/versions ("0004_tagging.py" is revision 0004)."""
    versions = _migrations() / "versions"
    return {path.name.split("_")[0] for path in versions.glob("[0-9]*_*.py")}


def _migrations() -> Path:
    return bundled_path("kb", "migrations", "versions", what="schema migrations").parent


def schema_state(engine: Engine) -> SchemaState:
    """Return the database's schema revision and this itb's newest one (SCHEMA_HEAD, which a
    test keeps equal to alembic's head)."""
    with engine.connect() as connection:
        # The common case first, in one query: a knowledge base at this itb's schema.
        try:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyDatabaseError:
            connection.rollback()
            current = None
        if current == SCHEMA_HEAD:
            return SchemaState(current=current, head=SCHEMA_HEAD, has_tables=True)
        names = set(inspect(connection).get_table_names())
        has_tables = bool(names - {"alembic_version"})
    return SchemaState(current=current, head=SCHEMA_HEAD, has_tables=has_tables)


def check_schema(engine: Engine) -> SchemaState:
    """Return the schema state, or raise a SchemaError when itb cannot upgrade this database."""
    state = schema_state(engine)
    url = safe_url(engine.url)
    if state.current is None and state.has_tables:
        raise SchemaError(
            f"{url} holds tables but no itb schema version; point itb at an empty database "
            "or at an itb knowledge base"
        )
    if state.current is not None and state.current not in _known_revisions():
        raise SchemaError(
            f"{url} has schema {state.current}, newer than this itb knows; upgrade itb "
            "(pip install --upgrade itb)"
        )
    return state


def upgrade(engine: Engine) -> SchemaState:
    """Bring the database to the newest schema in one transaction; return the state before."""
    before = check_schema(engine)
    if before.up_to_date:
        return before
    options: dict[str, Any] = {"sqlite_begin": "BEGIN IMMEDIATE"}
    try:
        with engine.connect().execution_options(**options) as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:  # a migration may rebuild a table (SQLite's 12-step ALTER TABLE)
                _sqlite_foreign_keys(connection, on=False)
            try:
                with connection.begin():
                    if not sqlite:
                        connection.execute(
                            text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": _MIGRATION_LOCK_KEY},
                        )
                    from alembic import command

                    command.upgrade(_alembic_config(connection), "head")
                    if before.current is None:
                        _stamp_parsers(connection)
                    if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                        raise SchemaError(
                            "the schema upgrade would leave broken references; nothing was "
                            "changed. Please report this with the output of itb db status"
                        )
            finally:
                if sqlite:
                    _sqlite_foreign_keys(connection, on=True)
    except OperationalError as exc:
        raise DatabaseError(
            f"cannot upgrade the database {safe_url(engine.url)}: {_first_line(exc)}; "
            "check that it is writable"
        ) from None
    log.info("database schema upgraded from %s to %s", before.current or "empty", before.head)
    return before


def _stamp_parsers(connection: Connection) -> None:
    """Record this itb's parsers as the ones that read a new knowledge base's records (it has
    none yet), so that no update reads them again until an upgrade changes the parsers."""
    from harvester.parser_version import parser_version
    from kb.models import KbSettingRow, utcnow
    from kb.store import PARSER_KEY

    table = KbSettingRow.__table__  # type: ignore[attr-defined]
    connection.execute(
        table.insert().values(key=PARSER_KEY, value=parser_version(), updated_at=utcnow())
    )


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Turn SQLite's foreign keys on or off for CONNECTION (only outside a transaction)."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def ensure_schema(engine: Engine, auto_upgrade: bool = True) -> SchemaState:
    """Return the state of an up-to-date schema, creating or upgrading it when allowed."""
    state = check_schema(engine)
    if state.up_to_date:
        return state
    if not auto_upgrade:
        raise SchemaError(
            f"{safe_url(engine.url)} has schema {state.current or 'none'}, not {state.head}; "
            'run "itb db upgrade"'
        )
    upgrade(engine)
    return schema_state(engine)


def among(session: Session, column: Any, ids: Sequence[int] | Sequence[str]) -> Any:
    """Return "COLUMN IN IDS" for many ids (integers or text keys): one array parameter on
    PostgreSQL (a list of hundreds of parameters costs more to send and plan than the query
    itself, and is matched against every row one by one)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import Integer, String, any_, literal
        from sqlalchemy.dialects.postgresql import ARRAY

        kind = String if ids and isinstance(ids[0], str) else Integer
        return column == any_(literal(list(ids), ARRAY(kind)))
    return column.in_(ids)


def insert_rows(
    connection: Connection, table: Any, rows: Sequence[Mapping[str, Any]], ids: bool = False
) -> list[int]:
    """Insert ROWS (mappings with the same keys) into TABLE; with IDS, return the id each row
    was given, in order. One COPY on PostgreSQL (an INSERT of thousands of rows costs
    psycopg more to prepare than the server to run; the ids are drawn from the table's
    sequence first), one executemany on SQLite (the ids are the ones SQLite would give, after
    the largest: RETURNING in a guaranteed order would be one INSERT per row). Columns a row
    leaves out get their declared default, as an INSERT would give them."""
    if not rows:
        return []
    if connection.dialect.name != "postgresql":
        if not ids:
            _executemany(connection, table, rows)
            return []
        # Safe against another writer: it cannot insert between the look-up and the insert
        # of one transaction (SQLite has one writer, and a transaction whose snapshot another
        # writer moved past cannot write at all), and a clash would fail the statement.
        largest = connection.execute(select(func.max(table.c.id))).scalar() or 0
        assigned = list(range(largest + 1, largest + 1 + len(rows)))
        _executemany(
            connection,
            table,
            [{**row, "id": row_id} for row, row_id in zip(rows, assigned, strict=True)],
        )
        return assigned
    from sqlalchemy import JSON

    given: list[int] = []
    if ids:
        given = [
            int(row_id)
            for (row_id,) in connection.exec_driver_sql(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                f"FROM generate_series(1, {len(rows)})"
            )
        ]
        rows = [{"id": row_id, **row} for row_id, row in zip(given, rows, strict=True)]
    names = list(rows[0])
    defaults = _scalar_defaults(table, names)
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    columns = [*names, *defaults]
    quoted = ", ".join(f'"{name}"' for name in columns)
    # a column type's own check and conversion (UTCDateTime refuses a naive datetime), as an
    # INSERT through SQLAlchemy would apply it; psycopg adapts the rest itself
    decorated = {  # (a run's one timestamp, shared by thousands of rows, converted once)
        name: lru_cache(maxsize=4)(
            partial(table.c[name].type.process_bind_param, dialect=connection.dialect)
        )
        for name in columns
        if isinstance(table.c[name].type, TypeDecorator)
        and type(table.c[name].type).process_bind_param is not TypeDecorator.process_bind_param
    }
    driver = connection.connection.driver_connection  # psycopg's, in this transaction
    assert driver is not None
    cursor = driver.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
            for row in rows:
                values = [row[n] for n in names] + list(defaults.values())
                copy.write_row(
                    [
                        _json_dumps(v)  # None as JSON null
                        if n in json_columns
                        else decorated[n](v)
                        if n in decorated
                        else v
                        for n, v in zip(columns, values, strict=True)
                    ]
                )
    finally:
        cursor.close()
    return given


def _executemany(connection: Connection, table: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ROWS with one executemany of the driver, each value through its column type's
    own bind processor, as SQLAlchemy's INSERT would pass it, but without a parameter
    dictionary built and checked per row, and a value shared by consecutive rows (the time
    of a run) processed once: a first normalization inserts 400,000 pairs (one third less
    time than an INSERT through SQLAlchemy, the driver's own part unchanged)."""
    names = list(rows[0])
    defaults = _scalar_defaults(table, names)
    columns = [*names, *defaults]
    values = _bound(connection, table, columns, rows, defaults)
    quoted = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" * len(columns))
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', values)


def update_rows(
    connection: Connection, table: Any, key: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Set in TABLE, for each of ROWS (mappings with the same keys), the columns it names in
    the row whose KEY column holds its KEY value. On SQLite one executemany of the driver,
    the values bound as _executemany binds them (20,000 works' tag columns: half the time of
    an UPDATE through SQLAlchemy); elsewhere SQLAlchemy's executemany."""
    if not rows:
        return
    columns = [name for name in rows[0] if name != key]
    if connection.dialect.name != "sqlite":
        connection.execute(
            update(table)
            .where(table.c[key] == bindparam(f"_{key}"))
            .values({name: bindparam(name) for name in columns}),
            [{f"_{key}": row[key], **{name: row[name] for name in columns}} for row in rows],
        )
        return
    values = _bound(connection, table, [*columns, key], rows, {})
    assignments = ", ".join(f'"{name}" = ?' for name in columns)
    connection.exec_driver_sql(f'UPDATE "{table.name}" SET {assignments} WHERE "{key}" = ?', values)


def _bound(
    connection: Connection,
    table: Any,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    defaults: Mapping[str, Any],
) -> list[tuple[Any, ...]]:
    """Return the values of COLUMNS (the rows' own, then DEFAULTS for all) for the driver,
    each through its column type's bind processor (TypeDecorator first, then the dialect's
    type), once per distinct consecutive value."""
    dialect = connection.dialect
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    # Column by column: the rows' values gathered by C-level itemgetter and zip.
    names = [name for name in columns if name not in defaults]
    get = itemgetter(*names)
    gathered = [get(row) for row in rows] if len(names) > 1 else [(get(row),) for row in rows]
    by_column: list[Sequence[Any]] = list(zip(*gathered, strict=True))
    by_column += [[value] * len(rows) for value in defaults.values()]
    for position, process in enumerate(processors):
        if process is None:
            continue
        column = by_column[position]
        out = []
        seen: object = _NOTHING
        done: Any = None
        for value in column:
            if value is not seen:
                done = process(value)
                seen = value
            out.append(done)
        by_column[position] = out
    return list(zip(*by_column, strict=True))


_NOTHING = object()


def _scalar_defaults(table: Any, names: Sequence[str]) -> dict[str, Any]:
    """Return the declared scalar defaults of TABLE's columns that NAMES leave out."""
    return {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in names and c.default is not None and c.default.is_scalar
    }


def refresh_statistics(session: Session, *tables: str) -> None:
    """Let PostgreSQL's planner know of the rows this transaction added to TABLES (ANALYZE):
    a long import in one transaction otherwise looks its records up in a table the planner
    believes empty, by scanning it, each batch slower than the last. SQLite needs nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"ANALYZE {', '.join(tables)}"))
