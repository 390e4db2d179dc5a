"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 05:52:09.271081
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('saved_search',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("source IN ('pubmed', 'ctgov')", name=op.f('ck_saved_search_source_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_search')),
    sa.UniqueConstraint('name', name=op.f('uq_saved_search_name'))
    )
    op.create_table('study',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('nct_id', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study')),
    sa.UniqueConstraint('nct_id', name=op.f('uq_study_nct_id'))
    )
    op.create_table('search_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('saved_search_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('database_name', sa.String(), nullable=False),
    sa.Column('interface', sa.String(), nullable=True),
    sa.Column('query', sa.Text(), nullable=True),
    sa.Column('query_translation', sa.Text(), nullable=True),
    sa.Column('params', sa.JSON(), nullable=True),
    sa.Column('window_field', sa.String(), nullable=True),
    sa.Column('window_start', sa.String(), nullable=True),
    sa.Column('window_end', sa.String(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('count_reported', sa.Integer(), nullable=True),
    sa.Column('retrieved', sa.Integer(), nullable=False),
    sa.Column('new', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('failed', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.CheckConstraint("kind IN ('harvest', 'import', 'export', 'update')", name=op.f('ck_search_run_kind_known')),
    sa.CheckConstraint("status IN ('running', 'success', 'partial', 'failed')", name=op.f('ck_search_run_status_known')),
    sa.ForeignKeyConstraint(['saved_search_id'], ['saved_search.id'], name=op.f('fk_search_run_saved_search_id_saved_search')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_run'))
    )
    with op.batch_alter_table('search_run', schema=None) as batch_op:
        batch_op.create_index('ix_search_run_search_status', ['saved_search_id', 'status', 'finished_at'], unique=False)
        batch_op.create_index('ix_search_run_started', ['started_at'], unique=False)

    op.create_table('work',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('title_original', sa.Text(), nullable=True),
    sa.Column('abstract', sa.Text(), nullable=True),
    sa.Column('authors', sa.JSON(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('pub_date', sa.String(), nullable=True),
    sa.Column('journal', sa.String(), nullable=True),
    sa.Column('journal_iso', sa.String(), nullable=True),
    sa.Column('issn', sa.String(), nullable=True),
    sa.Column('volume', sa.String(), nullable=True),
    sa.Column('issue', sa.String(), nullable=True),
    sa.Column('pages', sa.String(), nullable=True),
    sa.Column('doi', sa.String(), nullable=True),
    sa.Column('pmid', sa.String(), nullable=True),
    sa.Column('pmcid', sa.String(), nullable=True),
    sa.Column('nct_ids', sa.JSON(), nullable=True),
    sa.Column('record_kind', sa.String(), nullable=False),
    sa.Column('language', sa.String(), nullable=True),
    sa.Column('retracted', sa.Boolean(), nullable=False),
    sa.Column('relevant', sa.Boolean(), nullable=True),
    sa.Column('sample_size', sa.Integer(), nullable=True),
    sa.Column('sample_size_type', sa.String(), nullable=True),
    sa.Column('sample_size_evidence', sa.Text(), nullable=True),
    sa.Column('study_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], name=op.f('fk_work_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work'))
    )
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.create_index('ix_work_doi', ['doi'], unique=False)
        batch_op.create_index('ix_work_pmcid', ['pmcid'], unique=False)
        batch_op.create_index('ix_work_pmid', ['pmid'], unique=False)
        batch_op.create_index('ix_work_study', ['study_id'], unique=False)
        batch_op.create_index('ix_work_updated', ['updated_at'], unique=False)
        batch_op.create_index('ix_work_year', ['year'], unique=False)

    op.create_table('source_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('source_name', sa.String(), nullable=False),
    sa.Column('source_key', sa.String(), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('work_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('active', 'no_longer_matches', 'unavailable', 'deleted')", name=op.f('ck_source_record_status_known')),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_source_record_work_id_work')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_record')),
    sa.UniqueConstraint('source', 'source_name', 'source_key', name='uq_source_record_key')
    )
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.create_index('ix_source_record_key', ['source_key'], unique=False)
        batch_op.create_index('ix_source_record_work', ['work_id'], unique=False)

    op.create_table('study_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('work_id', sa.Integer(), nullable=False),
    sa.Column('via', sa.String(), nullable=False),
    sa.Column('nct_id', sa.String(), nullable=True),
    sa.Column('pmid', sa.String(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], name=op.f('fk_study_link_study_id_study')),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_study_link_work_id_work')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_link')),
    sa.UniqueConstraint('study_id', 'work_id', 'via', name='uq_study_link')
    )
    with op.batch_alter_table('study_link', schema=None) as batch_op:
        batch_op.create_index('ix_study_link_work', ['work_id'], unique=False)

    op.create_table('tag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_id', sa.Integer(), nullable=False),
    sa.Column('facet', sa.String(), nullable=False),
    sa.Column('taxonomy_id', sa.String(), nullable=False),
    sa.Column('origin', sa.String(), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('field', sa.String(), nullable=True),
    sa.Column('section', sa.String(), nullable=True),
    sa.Column('matched_text', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("facet IN ('indication', 'complication', 'outcome', 'design')", name=op.f('ck_tag_facet_known')),
    sa.CheckConstraint("origin IN ('auto', 'manual')", name=op.f('ck_tag_origin_known')),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_tag_work_id_work')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tag'))
    )
    with op.batch_alter_table('tag', schema=None) as batch_op:
        batch_op.create_index('ix_tag_facet_id', ['facet', 'taxonomy_id', 'negated'], unique=False)
        batch_op.create_index('ix_tag_work', ['work_id'], unique=False)

    op.create_table('work_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_work_id', sa.Integer(), nullable=False),
    sa.Column('to_work_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(), nullable=False),
    sa.Column('via', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['from_work_id'], ['work.id'], name=op.f('fk_work_link_from_work_id_work')),
    sa.ForeignKeyConstraint(['to_work_id'], ['work.id'], name=op.f('fk_work_link_to_work_id_work')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_link')),
    sa.UniqueConstraint('from_work_id', 'to_work_id', 'relation', name='uq_work_link')
    )
    with op.batch_alter_table('work_link', schema=None) as batch_op:
        batch_op.create_index('ix_work_link_to', ['to_work_id'], unique=False)

    op.create_table('duplicate_pair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_a_id', sa.Integer(), nullable=False),
    sa.Column('record_b_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('rule', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IN ('merged', 'linked', 'review', 'distinct')", name=op.f('ck_duplicate_pair_outcome_known')),
    sa.CheckConstraint('record_a_id < record_b_id', name=op.f('ck_duplicate_pair_ordered')),
    sa.ForeignKeyConstraint(['record_a_id'], ['source_record.id'], name=op.f('fk_duplicate_pair_record_a_id_source_record')),
    sa.ForeignKeyConstraint(['record_b_id'], ['source_record.id'], name=op.f('fk_duplicate_pair_record_b_id_source_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duplicate_pair')),
    sa.UniqueConstraint('record_a_id', 'record_b_id', name='uq_duplicate_pair')
    )
    with op.batch_alter_table('duplicate_pair', schema=None) as batch_op:
        batch_op.create_index('ix_duplicate_pair_b', ['record_b_id'], unique=False)
        batch_op.create_index('ix_duplicate_pair_outcome', ['outcome'], unique=False)

    op.create_table('manual_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('verdict', sa.String(), nullable=False),
    sa.Column('record_a_id', sa.Integer(), nullable=True),
    sa.Column('record_b_id', sa.Integer(), nullable=True),
    sa.Column('anchor_record_id', sa.Integer(), nullable=True),
    sa.Column('work_id', sa.Integer(), nullable=True),
    sa.Column('facet', sa.String(), nullable=True),
    sa.Column('taxonomy_id', sa.String(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("(kind = 'duplicate' AND verdict IN ('same', 'different') AND record_a_id IS NOT NULL AND record_b_id IS NOT NULL) OR (kind = 'tag' AND verdict IN ('add', 'remove') AND anchor_record_id IS NOT NULL AND facet IS NOT NULL AND taxonomy_id IS NOT NULL)", name=op.f('ck_manual_decision_subject_complete')),
    sa.CheckConstraint("kind IN ('duplicate', 'tag')", name=op.f('ck_manual_decision_kind_known')),
    sa.ForeignKeyConstraint(['anchor_record_id'], ['source_record.id'], name=op.f('fk_manual_decision_anchor_record_id_source_record')),
    sa.ForeignKeyConstraint(['record_a_id'], ['source_record.id'], name=op.f('fk_manual_decision_record_a_id_source_record')),
    sa.ForeignKeyConstraint(['record_b_id'], ['source_record.id'], name=op.f('fk_manual_decision_record_b_id_source_record')),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_manual_decision_work_id_work')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_manual_decision'))
    )
    with op.batch_alter_table('manual_decision', schema=None) as batch_op:
        batch_op.create_index('ix_manual_decision_anchor', ['anchor_record_id'], unique=False)
        batch_op.create_index('ix_manual_decision_records', ['record_a_id', 'record_b_id'], unique=False)

    op.create_table('record_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_record_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('source_version', sa.String(), nullable=True),
    sa.Column('raw_format', sa.String(), nullable=False),
    sa.Column('raw_payload', sa.Text(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['search_run.id'], name=op.f('fk_record_version_run_id_search_run')),
    sa.ForeignKeyConstraint(['source_record_id'], ['source_record.id'], name=op.f('fk_record_version_source_record_id_source_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_version')),
    sa.UniqueConstraint('source_record_id', 'version', name='uq_record_version')
    )
    with op.batch_alter_table('record_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_version_run_id'), ['run_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('record_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_version_run_id'))

    op.drop_table('record_version')
    with op.batch_alter_table('manual_decision', schema=None) as batch_op:
        batch_op.drop_index('ix_manual_decision_records')
        batch_op.drop_index('ix_manual_decision_anchor')

    op.drop_table('manual_decision')
    with op.batch_alter_table('duplicate_pair', schema=None) as batch_op:
        batch_op.drop_index('ix_duplicate_pair_outcome')
        batch_op.drop_index('ix_duplicate_pair_b')

    op.drop_table('duplicate_pair')
    with op.batch_alter_table('work_link', schema=None) as batch_op:
        batch_op.drop_index('ix_work_link_to')

    op.drop_table('work_link')
    with op.batch_alter_table('tag', schema=None) as batch_op:
        batch_op.drop_index('ix_tag_work')
        batch_op.drop_index('ix_tag_facet_id')

    op.drop_table('tag')
    with op.batch_alter_table('study_link', schema=None) as batch_op:
        batch_op.drop_index('ix_study_link_work')

    op.drop_table('study_link')
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.drop_index('ix_source_record_work')
        batch_op.drop_index('ix_source_record_key')

    op.drop_table('source_record')
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.drop_index('ix_work_year')
        batch_op.drop_index('ix_work_updated')
        batch_op.drop_index('ix_work_study')
        batch_op.drop_index('ix_work_pmid')
        batch_op.drop_index('ix_work_pmcid')
        batch_op.drop_index('ix_work_doi')

    op.drop_table('work')
    with op.batch_alter_table('search_run', schema=None) as batch_op:
        batch_op.drop_index('ix_search_run_started')
        batch_op.drop_index('ix_search_run_search_status')

    op.drop_table('search_run')
    op.drop_table('study')
    op.drop_table('saved_search')
    
