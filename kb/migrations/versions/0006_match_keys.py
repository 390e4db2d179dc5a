"""match keys: source_record.match_keys, the blocking keys an incremental run reads

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 11:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Records without keys are normalized again by the next run, which writes them.
    with op.batch_alter_table("source_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("match_keys", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source_record", schema=None) as batch_op:
        batch_op.drop_column("match_keys")
