"""interrupted runs: search_run.status may be 'interrupted' (a process killed mid-run)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "status IN ('running', 'success', 'partial', 'failed')"
NEW = "status IN ('running', 'success', 'partial', 'failed', 'interrupted')"


def upgrade() -> None:
    # SQLite rebuilds the table (batch mode); kb.database turns foreign keys off around it
    # and checks them before the migration commits.
    with op.batch_alter_table("search_run", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint(op.f("ck_search_run_status_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_search_run_status_known"), NEW)


def downgrade() -> None:
    op.execute("UPDATE search_run SET status = 'failed' WHERE status = 'interrupted'")
    with op.batch_alter_table("search_run", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint(op.f("ck_search_run_status_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_search_run_status_known"), OLD)
