"""checks without IN lists: each enumerated CHECK of more than two values written as
comparisons joined by OR

SQLite evaluates "column IN (...)" of more than two values by building a table of the values
for every row written, which took a fifth of the time of each tag row a full tagging run
inserts (and the same of every duplicate pair, source record and run); the comparisons allow
and refuse exactly the same values at no measurable cost. No row changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 22:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table, constraint, column, values (as of this revision: later ones change them themselves)
CHECKS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("search_run", "kind_known", "kind", ("harvest", "import", "export", "update")),
    (
        "search_run",
        "status_known",
        "status",
        ("running", "success", "partial", "failed", "interrupted"),
    ),
    (
        "source_record",
        "status_known",
        "status",
        ("active", "no_longer_matches", "unavailable", "deleted"),
    ),
    ("duplicate_pair", "outcome_known", "outcome", ("merged", "linked", "review", "distinct")),
    ("tag", "facet_known", "facet", ("indication", "complication", "outcome", "design")),
)


def _in_list(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _or_chain(column: str, values: Sequence[str]) -> str:
    return " OR ".join(f"{column} = '{value}'" for value in values)


def _rewrite(written: str) -> None:
    tables: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for table, name, column, values in CHECKS:
        tables.setdefault(table, []).append((name, column, values))
    for table, checks in tables.items():
        # SQLite rebuilds the table (batch mode; its rows copied as they are); kb.database
        # turns foreign keys off around it and checks them before the migration commits.
        with op.batch_alter_table(table, schema=None, recreate="auto") as batch_op:
            for name, column, values in checks:
                batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
                shape = _or_chain if written == "or" else _in_list
                batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), shape(column, values))


def upgrade() -> None:
    _rewrite("or")


def downgrade() -> None:
    _rewrite("in")
