"""one phone number per live learner, so STOP reaches whoever holds it

Revision ID: 0003_hardening
Revises: 0003_pipeline
Create Date: 2026-12-06

Numbers already shared by two live learners are left as they are (the index is then
created once they are fixed: STOP and START meanwhile apply to every learner on a number).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_hardening"
down_revision: str | None = "0003_pipeline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_learners_live_phone"


def upgrade() -> None:
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (
                SELECT phone FROM learners
                WHERE phone IS NOT NULL AND erased_at IS NULL
                GROUP BY phone HAVING count(*) > 1
            ) THEN
                RAISE WARNING 'learners share phone numbers; fix them, then run the migration '
                              'again to make phone numbers unique';
            ELSE
                CREATE UNIQUE INDEX IF NOT EXISTS {INDEX} ON learners (phone)
                WHERE phone IS NOT NULL AND erased_at IS NULL;
            END IF;
        END $$;
        """
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
