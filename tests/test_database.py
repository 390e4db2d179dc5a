"""The database seam: engines, settings, migrations, schema checks, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel, select

from harvester.errors import DatabaseError, SchemaError
from kb.database import (
    _alembic_config,
    check_schema,
    ensure_schema,
    open_engine,
    parse_url,
    safe_url,
    schema_state,
    upgrade,
)

EVERY_TABLE = {
    "saved_search",
    "search_run",
    "source_record",
    "record_version",
    "work",
    "study",
    "study_link",
    "work_link",
    "duplicate_pair",
    "tag",
    "manual_decision",
    "search_result",
}


def test_migrations_create_every_table_from_an_empty_database(db_url: str) -> None:
    engine = open_engine(db_url)
    before = upgrade(engine)
    assert before.current is None
    tables = set(inspect(engine).get_table_names())
    assert tables >= EVERY_TABLE
    assert "alembic_version" in tables
    assert schema_state(engine).up_to_date
    engine.dispose()


def test_migrated_schema_matches_the_models_exactly(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrading_an_up_to_date_database_changes_nothing(engine: Engine) -> None:
    state = upgrade(engine)
    assert state.up_to_date
    assert check_schema(engine).current == state.head


def test_downgrade_to_empty_and_upgrade_again_round_trips(engine: Engine) -> None:
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "base")
    assert not EVERY_TABLE & set(inspect(engine).get_table_names())
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= EVERY_TABLE


def test_ensure_schema_creates_the_schema_of_an_empty_database_by_itself(db_url: str) -> None:
    engine = open_engine(db_url)
    state = ensure_schema(engine)
    assert state.up_to_date
    engine.dispose()


def test_ensure_schema_without_auto_upgrade_names_the_command(db_url: str) -> None:
    engine = open_engine(db_url)
    with pytest.raises(SchemaError, match='run "itb db upgrade"'):
        ensure_schema(engine, auto_upgrade=False)
    engine.dispose()


def test_a_schema_newer_than_this_itb_is_refused(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d9999'"))
    with pytest.raises(SchemaError, match="newer than this itb knows; upgrade itb"):
        check_schema(engine)


def test_a_database_with_foreign_tables_is_refused(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE someone_elses (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SchemaError, match="holds tables but no itb schema version"):
        ensure_schema(engine)
    engine.dispose()


def test_sqlite_uses_wal_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    engine.dispose()


def test_sqlite_reads_inside_a_transaction_see_one_snapshot(sqlite_url: str) -> None:
    reader, writer = open_engine(sqlite_url), open_engine(sqlite_url)
    with writer.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
    with reader.connect() as connection, connection.begin():
        first = connection.execute(text("SELECT count(*) FROM t")).scalar()
        with writer.begin() as other:
            other.execute(text("INSERT INTO t VALUES (2)"))
        second = connection.execute(text("SELECT count(*) FROM t")).scalar()
    assert first == second == 1
    reader.dispose()
    writer.dispose()


def test_a_failed_transaction_leaves_nothing_behind(engine: Engine) -> None:
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO saved_search (name, source, query, created_at, updated_at)"
                " VALUES ('s', 'pubmed', 'q', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        raise RuntimeError("crash mid-transaction")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM saved_search")).scalar() == 0


def test_ctrl_c_in_the_middle_of_a_statement_leaves_the_knowledge_base_writable_at_once(
    sqlite_url: str,
) -> None:
    from sqlalchemy import event

    from harvester.records import RawRecord
    from kb.database import session_scope
    from kb.models import SourceRecordRow
    from kb.store import save_raw_records

    interrupted: list[int] = []

    def half_then_ctrl_c(cursor: Any, statement: str, parameters: Any, context: Any) -> None:
        if not interrupted and len(parameters) > 4:  # the signal lands between rows
            interrupted.append(len(parameters))
            cursor.executemany(statement, parameters[: len(parameters) // 2])
            raise KeyboardInterrupt

    engine = open_engine(sqlite_url)
    upgrade(engine)
    event.listen(engine.dialect, "do_executemany", half_then_ctrl_c)
    records = [
        RawRecord("pubmed", "PubMed", str(n), "pubmed-xml", f"<a>{n}</a>", {"n": n})
        for n in range(10)
    ]
    try:
        with pytest.raises(KeyboardInterrupt), session_scope(engine) as session:
            save_raw_records(session, records)
        assert interrupted
        with session_scope(engine, write=True) as session:  # as a run is logged interrupted
            assert session.exec(select(SourceRecordRow)).all() == []  # nothing half-written
            save_raw_records(session, records[:1])
        with session_scope(engine) as session:
            assert [r.source_key for r in session.exec(select(SourceRecordRow))] == ["0"]
    finally:
        event.remove(engine.dialect, "do_executemany", half_then_ctrl_c)
        engine.dispose()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(Exception, match="(?i)foreign key"), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tag (work_id, facet, taxonomy_id, origin, negated, created_at)"
                " VALUES (424242, 'design', 'rct', 'auto', false, CURRENT_TIMESTAMP)"
            )
        )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u@h/db", 'unsupported database "mysql"'),
        ("sqlite:////no/such/folder/kb.sqlite", "folder /no/such/folder does not exist"),
        ("postgresql://itb:s3cret@localhost:abc/db", "is not a database URL"),
        ("postgresql://itb:s3cret@[::1/db", "is not a database URL"),
        ("postgresql://itb:s3cret@localhost:99999/db", "port 99999 .* is not a port number"),
    ],
)
def test_bad_database_urls_give_a_clear_error(url: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message) as caught:
        open_engine(url)
    assert "s3cret" not in str(caught.value)


def test_a_malformed_db_url_exits_3_with_one_line() -> None:
    from typer.testing import CliRunner

    from queries.cli import app

    url = "postgresql://itb:s3cret@localhost:abc/db"
    result = CliRunner().invoke(app, ["--db", url, "status"])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert "is not a database URL" in result.stderr
    assert "s3cret" not in result.output


def test_an_unreachable_postgres_server_gives_a_clear_error_without_the_password() -> None:
    with pytest.raises(DatabaseError) as caught:
        open_engine("postgresql://itb:s3cret@127.0.0.1:1/itb")
    message = str(caught.value)
    assert message.startswith("cannot open the database postgresql+psycopg://itb:***@127.0.0.1:1/")
    assert "s3cret" not in message
    assert "\n" not in message


def test_postgres_urls_use_psycopg_3() -> None:
    assert parse_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


def test_safe_url_hides_passwords_even_in_unparseable_urls() -> None:
    assert "pw" not in safe_url("postgresql://u:pw@h/db")
    assert "pw" not in safe_url("weird://u:pw@/::")


def test_a_database_at_the_first_schema_is_upgraded_keeping_its_rows(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO saved_search (name, source, query, created_at, updated_at)"
                " VALUES ('kept', 'pubmed', 'q', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    assert schema_state(engine).current == "0001"
    assert ensure_schema(engine).up_to_date
    assert schema_state(engine).up_to_date
    assert "search_result" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM saved_search")).scalar() == "kept"
    engine.dispose()


def test_schema_head_constant_is_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from kb.database import SCHEMA_HEAD, _known_revisions

    scripts = ScriptDirectory.from_config(_alembic_config())
    assert scripts.get_current_head() == SCHEMA_HEAD
    assert _known_revisions() == {r.revision for r in scripts.walk_revisions()}


def test_a_snapshot_session_does_not_see_what_commits_meanwhile(db_url: str) -> None:
    from sqlmodel import func, select

    from kb.database import session_scope
    from kb.models import WorkRow

    engine = open_engine(db_url)
    upgrade(engine)
    try:
        with session_scope(engine) as session:
            session.add(WorkRow(title="first"))
        with session_scope(engine, snapshot=True) as reader:
            before = reader.exec(select(func.count()).select_from(WorkRow)).one()
            with session_scope(engine) as writer:  # an update committing meanwhile
                writer.add(WorkRow(title="second"))
            during = reader.exec(select(func.count()).select_from(WorkRow)).one()
        with session_scope(engine) as session:
            after = session.exec(select(func.count()).select_from(WorkRow)).one()
    finally:
        engine.dispose()
    assert (before, during, after) == (1, 1, 2)


def test_insert_rows_stores_what_an_insert_stores_and_returns_the_ids_in_order(
    engine: Engine,
) -> None:
    from kb.database import insert_rows, session_scope
    from kb.models import TagRow, WorkRow, utcnow

    now = utcnow()
    works = [
        {"title": f"Work {n}", "authors": [{"family": "Ä"}] if n else None, "year": 2000 + n,
         "nct_ids": [], "record_kind": "article", "retracted": n == 2, "created_at": now,
         "updated_at": now}
        for n in range(3)
    ]  # fmt: skip
    with session_scope(engine, write=True) as session:
        ids = insert_rows(session.connection(), WorkRow.__table__, works, ids=True)  # type: ignore[attr-defined]
        assert len(ids) == 3 and ids == sorted(ids)
        tags = [{"work_id": ids[1], "facet": "indication", "taxonomy_id": "stroke",
                 "created_at": now}]  # fmt: skip
        assert insert_rows(session.connection(), TagRow.__table__, tags) == []  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        stored = {w.id: w for w in session.exec(select(WorkRow)).all()}
        assert [stored[i].title for i in ids] == ["Work 0", "Work 1", "Work 2"]
        assert stored[ids[0]].authors is None and stored[ids[1]].authors == [{"family": "Ä"}]
        assert stored[ids[2]].retracted and stored[ids[1]].created_at == now
        (tag,) = session.exec(select(TagRow)).all()
        assert (tag.work_id, tag.origin, tag.negated) == (ids[1], "auto", False)  # defaults
        nulls = session.execute(
            text("SELECT count(*) FROM work WHERE authors IS NULL")
        ).scalar_one()
        assert nulls == 0  # None is stored as JSON null, as an INSERT stores it


def test_update_rows_sets_each_named_rows_columns_as_an_update_sets_them(
    engine: Engine,
) -> None:
    from datetime import timedelta

    from kb.database import insert_rows, session_scope, update_rows
    from kb.models import WorkRow, utcnow

    now = utcnow()
    works = [
        {"title": f"Work {n}", "record_kind": "article", "retracted": False, "created_at": now,
         "updated_at": now}
        for n in range(3)
    ]  # fmt: skip
    later = now + timedelta(hours=1)
    with session_scope(engine, write=True) as session:
        ids = insert_rows(session.connection(), WorkRow.__table__, works, ids=True)  # type: ignore[attr-defined]
        changes = [
            {"id": ids[2], "design": "rct", "relevant": True, "sample_size": 40,
             "tagged_at": later, "nct_ids": ["NCT01234567"]},
            {"id": ids[0], "design": None, "relevant": False, "sample_size": None,
             "tagged_at": later, "nct_ids": None},
        ]  # fmt: skip
        update_rows(session.connection(), WorkRow.__table__, "id", changes)  # type: ignore[attr-defined]
        update_rows(session.connection(), WorkRow.__table__, "id", [])  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        stored = {w.id: w for w in session.exec(select(WorkRow)).all()}
    second, first, untouched = stored[ids[2]], stored[ids[0]], stored[ids[1]]
    assert (second.design, second.relevant, second.sample_size) == ("rct", True, 40)
    assert second.tagged_at == later and second.nct_ids == ["NCT01234567"]
    assert (first.design, first.relevant, first.sample_size) == (None, False, None)
    assert first.tagged_at == later and first.nct_ids is None
    assert untouched.tagged_at is None and untouched.relevant is None
    assert [stored[i].title for i in ids] == ["Work 0", "Work 1", "Work 2"]


def test_insert_rows_gives_the_ids_the_database_would_give_after_rows_already_there(
    engine: Engine,
) -> None:
    from kb.database import insert_rows, session_scope
    from kb.models import WorkRow, utcnow

    now = utcnow()

    def works(*titles: str) -> list[dict[str, object]]:
        return [{"title": t, "record_kind": "article", "retracted": False, "created_at": now,
                 "updated_at": now} for t in titles]  # fmt: skip

    with session_scope(engine, write=True) as session:
        before = [WorkRow(title=f"there before {n}") for n in range(3)]
        session.add_all(before)
        session.flush()
        largest = max(w.id or 0 for w in before)
    with session_scope(engine, write=True) as session:
        first = insert_rows(session.connection(), WorkRow.__table__, works("a", "b"), ids=True)  # type: ignore[attr-defined]
        second = insert_rows(session.connection(), WorkRow.__table__, works("c"), ids=True)  # type: ignore[attr-defined]
        later = WorkRow(title="added by the ORM")
        session.add(later)
        session.flush()
        assert later.id is not None
        assert first + second + [later.id] == sorted({*first, *second, later.id})
        assert first[0] > largest
    with session_scope(engine) as session:
        titles = {w.id: w.title for w in session.exec(select(WorkRow)).all()}
    assert [titles[i] for i in first + second] == ["a", "b", "c"]
    assert len(titles) == 7


def test_insert_rows_refuses_a_naive_datetime_and_stores_another_zone_as_the_same_instant(
    engine: Engine,
) -> None:
    from datetime import datetime, timedelta, timezone

    from sqlmodel import func

    from kb.database import insert_rows, session_scope
    from kb.models import WorkRow

    def work(when: datetime) -> dict[str, object]:
        return {"title": "t", "record_kind": "article", "retracted": False,
                "created_at": when, "updated_at": when}  # fmt: skip

    naive = [work(datetime(2026, 1, 1))]
    with pytest.raises(Exception, match="naive datetime"), session_scope(engine, write=True) as s:
        insert_rows(s.connection(), WorkRow.__table__, naive)  # type: ignore[attr-defined]
    paris = datetime(2026, 1, 1, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    with session_scope(engine, write=True) as session:
        (row_id,) = insert_rows(session.connection(), WorkRow.__table__, [work(paris)], ids=True)  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        stored = session.get(WorkRow, row_id)
        assert stored is not None
        assert stored.created_at == paris and stored.created_at.utcoffset() == timedelta(0)
        assert session.exec(select(func.count()).select_from(WorkRow)).one() == 1


def _checks(engine: Engine) -> dict[tuple[str, str], str]:
    """Return (table, constraint name) -> the CHECK's own text, as the database holds it."""
    inspector = inspect(engine)
    return {
        (table, check["name"]): check["sqltext"]
        for table in inspector.get_table_names()
        if table != "alembic_version"
        for check in inspector.get_check_constraints(table)
    }


def test_the_migrated_checks_are_the_models_checks_word_for_word(sqlite_url: str) -> None:
    from sqlalchemy import CheckConstraint

    engine = open_engine(sqlite_url)
    upgrade(engine)
    modelled = {
        (table.name, str(constraint.name)): str(constraint.sqltext)
        for table in SQLModel.metadata.sorted_tables
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert _checks(engine) == modelled
    engine.dispose()


def test_no_check_makes_sqlite_build_a_table_of_values_for_every_row(sqlite_url: str) -> None:
    # "facet IN ('indication', 'complication', 'outcome', 'design')" is evaluated by building
    # a table of the four for each row written: a fifth of a tag row's insert time
    engine = open_engine(sqlite_url)
    upgrade(engine)
    long_lists = {
        key: sql
        for key, sql in _checks(engine).items()
        if any(found.count(",") >= 2 for found in re.findall(r"\bIN\s*\(([^)]*)\)", sql))
    }
    assert long_lists == {}
    engine.dispose()


RUN = "kind, source, database_name, status, started_at, retrieved, new, updated, unchanged, failed"


@pytest.mark.parametrize(
    ("statement", "bad"),
    [
        (
            "INSERT INTO tag (work_id, facet, taxonomy_id, origin, negated, created_at)"
            " VALUES (1, '{}', 'rct', 'auto', false, CURRENT_TIMESTAMP)",
            "designs",
        ),
        (
            f"INSERT INTO search_run ({RUN}) VALUES ('{{}}', 'pubmed', 'PubMed', 'running',"
            " CURRENT_TIMESTAMP, 0, 0, 0, 0, 0)",
            "harvesting",
        ),
        (
            f"INSERT INTO search_run ({RUN}) VALUES ('harvest', 'pubmed', 'PubMed', '{{}}',"
            " CURRENT_TIMESTAMP, 0, 0, 0, 0, 0)",
            "done",
        ),
    ],
)
def test_enumerated_columns_still_refuse_a_value_outside_their_list(
    engine: Engine, statement: str, bad: str
) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO work (id, title, record_kind, retracted, created_at, updated_at)"
                " VALUES (1, 't', 'article', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    with pytest.raises(Exception, match="(?i)check"), engine.begin() as connection:
        connection.execute(text(statement.format(bad)))
    good = {"designs": "design", "harvesting": "harvest", "done": "success"}[bad]
    with engine.begin() as connection:
        connection.execute(text(statement.format(good)))


def test_a_knowledge_base_of_schema_0008_keeps_its_tags_and_pairs_through_the_upgrade(
    db_url: str,
) -> None:
    engine = open_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0008")
        connection.execute(
            text(
                "INSERT INTO work (id, title, record_kind, retracted, created_at, updated_at)"
                " VALUES (7, 'kept', 'article', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO tag (work_id, facet, taxonomy_id, origin, negated, created_at)"
                " VALUES (7, 'complication', 'infection', 'auto', false, CURRENT_TIMESTAMP)"
            )
        )
    assert ensure_schema(engine).up_to_date
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT work_id, facet, taxonomy_id FROM tag")).all()
    assert [tuple(row) for row in rows] == [(7, "complication", "infection")]
    with pytest.raises(Exception, match="(?i)check"), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tag (work_id, facet, taxonomy_id, origin, negated, created_at)"
                " VALUES (7, 'harm', 'infection', 'auto', false, CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
