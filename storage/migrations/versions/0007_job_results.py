"""job results: what a queue job produced (or why it failed), kept beside the job

Revision ID: 0003_job_results
Revises: 0003_injection
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0003_job_results"
down_revision: str | None = "0003_injection"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # One row per procrastinate job that reported an outcome; it goes with its job.
    op.create_table(
        "job_results",
        sa.Column("job_id", sa.BigInteger(), primary_key=True),
        sa.Column("result", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["procrastinate_jobs.id"],
            name="fk_job_results_job_id_procrastinate_jobs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", name="pk_job_results"),
    )


def downgrade() -> None:
    op.drop_table("job_results")
