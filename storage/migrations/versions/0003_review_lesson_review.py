"""lesson review: a lesson's review state, who decided and why

Revision ID: 0003_review
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_review"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # 'auto': stored while review was off (deliverable unless review is 'all');
    # 'pending' waits for a reviewer; 'approved' and 'rejected' are a reviewer's decision.
    op.add_column(
        "lessons",
        sa.Column("review_status", sa.String(16), server_default="auto", nullable=False),
    )
    op.add_column("lessons", sa.Column("reviewed_by", sa.String(120), nullable=True))
    op.add_column("lessons", sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "lessons", sa.Column("review_reason", sa.Text(), server_default="", nullable=False)
    )
    op.create_index(
        "ix_lessons_review_queue",
        "lessons",
        ["review_status", "id"],
        postgresql_where=sa.text("review_status IN ('pending', 'auto')"),
    )


def downgrade() -> None:
    op.drop_index("ix_lessons_review_queue", table_name="lessons")
    for column in ("review_reason", "reviewed_at", "reviewed_by", "review_status"):
        op.drop_column("lessons", column)
