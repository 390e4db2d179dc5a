"""kb settings: kb_setting, facts about the knowledge base as a whole

Its first: the version of the parsers that read the stored records, so that an update after
an upgrade reads them again (`itb db reparse`). A knowledge base made before has none: its
records are read again by the next update.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kb_setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kb_setting")),
    )


def downgrade() -> None:
    op.drop_table("kb_setting")
