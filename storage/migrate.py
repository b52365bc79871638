"""Alembic, driven from code: `bmo db upgrade` / `bmo db status`, and start-up checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, text

from storage.db import DatabaseUnavailable, redacted, sync_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", sync_url(url).replace("%", "%%"))
    return cfg


@dataclass(frozen=True)
class MigrationStatus:
    current: str | None
    head: str | None

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _connect_check(url: str) -> None:
    engine = create_engine(sync_url(url), connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            available = conn.execute(
                text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
            ).scalar()
    except Exception as exc:  # noqa: BLE001 - turned into one readable line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(
            f"cannot reach the database at {redacted(url)}: {reason}"
        ) from None
    finally:
        engine.dispose()
    if not available:
        raise DatabaseUnavailable(
            f"the database at {redacted(url)} has no 'vector' extension; install pgvector "
            "(RDS: PostgreSQL 16 supports it) or leave DATABASE_URL unset for the embedded server"
        )


def upgrade(url: str, revision: str = "head") -> None:
    _connect_check(url)
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    script = ScriptDirectory.from_config(alembic_config("postgresql://x@localhost/x"))
    return script.get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def status(url: str) -> MigrationStatus:
    _connect_check(url)
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return MigrationStatus(current_revision(conn), head_revision())
    finally:
        engine.dispose()
