"""Real PostgreSQL for tests: DATABASE_URL when given, else an embedded pgserver."""

from __future__ import annotations

import tempfile
import uuid
import warnings
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from storage import migrate
from storage.db import libpq_url


class TestPostgres:
    """One server per test session; a migrated template database; fresh copies on demand."""

    __test__ = False

    def __init__(self, url: str | None) -> None:
        self._embedded: Any = None
        if url is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import pgserver

            self._dir = Path(tempfile.mkdtemp(prefix="bmo-test-pg-"))
            self._embedded = pgserver.get_server(self._dir / "pgdata", cleanup_mode="delete")
            url = self._embedded.get_uri("postgres")
        self.admin_url = url
        self.template = "bmo_template_" + uuid.uuid4().hex[:8]
        self._created: list[str] = []
        self._create(self.template, template=None)
        migrate.upgrade(self.url_for(self.template))

    def url_for(self, database: str) -> str:
        from sqlalchemy import make_url

        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def _admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(libpq_url(self.admin_url), autocommit=True)

    def _create(self, name: str, template: str | None) -> None:
        with self._admin() as conn:
            stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                stmt = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            conn.execute(stmt)
        self._created.append(name)

    def fresh_database(self, *, migrated: bool = True) -> str:
        """A new database (a copy of the migrated template, or empty) and its URL."""
        name = "bmo_t_" + uuid.uuid4().hex[:10]
        self._create(name, self.template if migrated else None)
        return self.url_for(name)

    def drop(self, url: str) -> None:
        from sqlalchemy import make_url

        name = make_url(url).database
        with self._admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def close(self) -> None:
        for name in reversed(self._created):
            try:
                with self._admin() as conn:
                    conn.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(name)
                        )
                    )
            except psycopg.Error:
                pass
        if self._embedded is not None:
            self._embedded.cleanup()
