"""quarantine: chunks flagged as prompt injection stay out of lessons and answers until
an admin releases them

Revision ID: 0003_injection
Revises: 0003_hardening
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0003_injection"
down_revision: str | None = "0003_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "chunks", sa.Column("quarantined", sa.Boolean(), nullable=False, server_default="false")
    )
    op.add_column(
        "chunks",
        sa.Column(
            "quarantine_reasons", JSONB(), nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
    )
    op.add_column("chunks", sa.Column("released_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("chunks", sa.Column("released_by", sa.Text(), nullable=True))
    op.create_index(
        "ix_chunks_quarantined",
        "chunks",
        ["id"],
        postgresql_where=sa.text("quarantined AND active"),
    )


def downgrade() -> None:
    op.drop_index("ix_chunks_quarantined", table_name="chunks")
    for column in ("released_by", "released_at", "quarantine_reasons", "quarantined"):
        op.drop_column("chunks", column)
