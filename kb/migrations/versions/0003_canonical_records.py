"""canonical records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 07:19:22.851506
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('canonical', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('canonical_hash', sa.String(), nullable=True))

    


def downgrade() -> None:
    
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.drop_column('canonical_hash')
        batch_op.drop_column('canonical')

    
