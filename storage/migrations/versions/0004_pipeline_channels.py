"""channels: a learner's channel order and e-mail opt-out

Revision ID: 0003_pipeline
Revises: 0003_review
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_pipeline"
down_revision: str | None = "0003_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # e.g. "slack,email": the channels to try, in order; NULL keeps the default order.
    op.add_column("learners", sa.Column("channel_order", sa.String(32), nullable=True))
    op.add_column(
        "learners",
        sa.Column("email_opted_out", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("learners", "email_opted_out")
    op.drop_column("learners", "channel_order")
