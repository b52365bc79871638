from __future__ import annotations

import psycopg
import pytest

from storage import migrate
from storage.db import DatabaseUnavailable, libpq_url
from tests.support.postgres import TestPostgres


def _tables(url: str) -> set[str]:
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {r[0] for r in rows}


def _indexes(url: str) -> dict[str, str]:
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
        ).fetchall()
    return {r[0]: r[1] for r in rows}


def test_upgrade_from_empty_then_downgrade_leaves_nothing(postgres: TestPostgres) -> None:
    url = postgres.fresh_database(migrated=False)
    try:
        assert migrate.status(url).current is None
        migrate.upgrade(url)
        state = migrate.status(url)
        assert state.up_to_date and state.current == migrate.head_revision()
        assert {
            "learners",
            "topics",
            "documents",
            "chunks",
            "lessons",
            "questions",
            "enrollments",
            "review_cards",
            "deliveries",
            "quiz_responses",
            "slack_events_seen",
            "audit_log",
            "llm_calls",
        } <= _tables(url)

        migrate.downgrade(url, "base")
        assert _tables(url) <= {"alembic_version"}
        with psycopg.connect(libpq_url(url)) as conn:
            row = conn.execute("SELECT count(*) FROM pg_extension WHERE extname='vector'")
            assert row.fetchone() == (0,)
        migrate.upgrade(url)  # and back up again
        assert migrate.status(url).up_to_date
    finally:
        postgres.drop(url)


def test_search_indexes_exist_per_embedding_model(shared_database_url: str) -> None:
    indexes = _indexes(shared_database_url)
    assert "USING gin (tsv)" in indexes["ix_chunks_tsv"]
    minilm = indexes["ix_chunks_embedding_minilm_hnsw"]
    assert "hnsw" in minilm and "vector(384)" in minilm and "'minilm'" in minilm
    assert "vector(1536)" in indexes["ix_chunks_embedding_openai_hnsw"]


def test_unreachable_database_is_one_clear_line() -> None:
    with pytest.raises(DatabaseUnavailable) as err:
        migrate.upgrade("postgresql://bmo:secretpw@127.0.0.1:1/bmo")
    message = str(err.value)
    assert message.startswith("cannot reach the database at postgresql://bmo:***@127.0.0.1:1/bmo")
    assert "\n" not in message and "secretpw" not in message
