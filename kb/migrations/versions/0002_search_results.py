"""search results

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 06:07:45.072968
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('search_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('saved_search_id', sa.Integer(), nullable=False),
    sa.Column('source_record_id', sa.Integer(), nullable=False),
    sa.Column('first_run_id', sa.Integer(), nullable=False),
    sa.Column('last_run_id', sa.Integer(), nullable=False),
    sa.Column('matches', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['first_run_id'], ['search_run.id'], name=op.f('fk_search_result_first_run_id_search_run')),
    sa.ForeignKeyConstraint(['last_run_id'], ['search_run.id'], name=op.f('fk_search_result_last_run_id_search_run')),
    sa.ForeignKeyConstraint(['saved_search_id'], ['saved_search.id'], name=op.f('fk_search_result_saved_search_id_saved_search')),
    sa.ForeignKeyConstraint(['source_record_id'], ['source_record.id'], name=op.f('fk_search_result_source_record_id_source_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_result')),
    sa.UniqueConstraint('saved_search_id', 'source_record_id', name='uq_search_result')
    )
    with op.batch_alter_table('search_result', schema=None) as batch_op:
        batch_op.create_index('ix_search_result_record', ['source_record_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('search_result', schema=None) as batch_op:
        batch_op.drop_index('ix_search_result_record')

    op.drop_table('search_result')
    
