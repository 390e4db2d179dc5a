"""citation keys: work.citation_key (unique, kept for good); indexes for queries

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 08:43:33.450307
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("work", schema=None) as batch_op:
        batch_op.add_column(sa.Column("citation_key", sa.String(), nullable=True))
        batch_op.create_index("ix_work_citation_key", ["citation_key"], unique=True)
        batch_op.create_index("ix_work_created", ["created_at"], unique=False)

    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tag_facet_work", ["facet", "work_id", "taxonomy_id", "qualifier"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.drop_index("ix_tag_facet_work")

    with op.batch_alter_table("work", schema=None) as batch_op:
        batch_op.drop_index("ix_work_created")
        batch_op.drop_index("ix_work_citation_key")
        batch_op.drop_column("citation_key")
