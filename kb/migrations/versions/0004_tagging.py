"""tagging: work design, relevance evidence and tag inputs hash; tag qualifier

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 08:26:38.556149
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.add_column(sa.Column("qualifier", sa.String(), nullable=True))

    with op.batch_alter_table("work", schema=None) as batch_op:
        batch_op.add_column(sa.Column("relevance_evidence", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("design", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("registered_design", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("tag_hash", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("tagged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_work_design", ["design"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("work", schema=None) as batch_op:
        batch_op.drop_index("ix_work_design")
        batch_op.drop_column("tagged_at")
        batch_op.drop_column("tag_hash")
        batch_op.drop_column("registered_design")
        batch_op.drop_column("design")
        batch_op.drop_column("relevance_evidence")

    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.drop_column("qualifier")
