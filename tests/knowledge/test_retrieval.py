"""Hybrid retrieval over ingested training material in three formats (HTML, Markdown, PDF)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from knowledge.embeddings import build_embedder
from knowledge.ingest import ingest_sources
from knowledge.retrieval import build_sql, search
from storage.db import create_engine, session_factory
from storage.models import Chunk, Document
from tests.support.documents import write_one_of_each
from tests.support.postgres import TestPostgres

MINILM = build_embedder("minilm")


@pytest.fixture(scope="module")
async def engine(
    postgres: TestPostgres, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[AsyncEngine]:
    url = postgres.fresh_database()
    engine = create_engine(url, pool_size=2)
    md, html, pdf, _ = write_one_of_each(Path(tmp_path_factory.mktemp("documents")))
    report = await ingest_sources(
        session_factory(engine), [html, md, pdf], embedder=MINILM, max_bytes=20_000_000
    )
    assert all(f.status == "added" for f in report.files)
    yield engine
    await engine.dispose()
    postgres.drop(url)


@pytest.fixture
async def db(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with session_factory(engine)() as session:
        yield session


async def _document_id(db: AsyncSession, name: str) -> int:
    result = await db.execute(select(Document.id).where(Document.source_uri.endswith(name)))
    return int(result.scalar_one())


async def test_a_question_finds_the_passage_that_answers_it_with_a_citation(
    db: AsyncSession,
) -> None:
    passages = await search(
        db, "What should the reset page say when the account does not exist?", embedder=MINILM
    )
    assert passages and len(passages) <= 8
    best = passages[0]
    assert best.document_title == "Forgot Password Cheat Sheet"
    assert best.source_uri.endswith("Forgot_Password_Cheat_Sheet.html")
    assert best.citation().label().startswith("Forgot Password Cheat Sheet › ")
    assert best.vector_rank is not None
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


async def test_keyword_and_vector_sides_are_both_used(db: AsyncSession) -> None:
    passages = await search(db, "devaluation of rewards points already earned", embedder=MINILM)
    assert any(p.keyword_rank is not None and p.vector_rank is not None for p in passages)
    assert "Devaluation" in passages[0].heading


async def test_meaning_is_found_without_shared_words(db: AsyncSession) -> None:
    # No word in common with the FDIC page on deposit insurance for businesses.
    passages = await search(db, "Is my firm's cash safe if the lender collapses?", embedder=MINILM)
    by_meaning = next(p for p in passages if p.vector_rank == 1)
    assert by_meaning.document_title.startswith("Your Business, Your Deposits")
    assert by_meaning.keyword_rank is None
    assert by_meaning in passages[:3]


async def test_keyword_only_search_works_without_embeddings(db: AsyncSession) -> None:
    passages = await search(db, "rewards devaluation", embedder=build_embedder("none"))
    assert passages and all(p.vector_rank is None for p in passages)
    assert all(p.keyword_rank is not None for p in passages)
    assert "rewards" in passages[0].document_title.lower()


async def test_document_filter_keeps_results_inside_the_chosen_documents(db: AsyncSession) -> None:
    pdf = await _document_id(db, "FDIC_Your_Business_Your_Deposits.pdf")
    passages = await search(db, "password reset token", embedder=MINILM, document_ids=[pdf])
    assert passages and {p.document_id for p in passages} == {pdf}


async def test_topic_filter_keeps_results_inside_the_topic(db: AsyncSession) -> None:
    topic_id = await db.scalar(
        select(Chunk.topic_id).where(Chunk.heading.contains("Security Questions")).limit(1)
    )
    assert topic_id is not None
    passages = await search(db, "security questions", embedder=MINILM, topic_id=topic_id, limit=3)
    assert passages and all(p.topic_id == topic_id for p in passages)


async def test_inactive_chunks_are_never_returned(db: AsyncSession) -> None:
    async with db.begin():
        await db.execute(text("UPDATE chunks SET active = false WHERE heading LIKE '%Methods%'"))
        passages = await search(db, "URL tokens PINs offline methods", embedder=MINILM, limit=20)
        assert passages and not any("Methods" in p.heading for p in passages)
        await db.rollback()


async def test_blank_query_returns_nothing(db: AsyncSession) -> None:
    assert await search(db, "   ", embedder=MINILM) == []
    assert await search(db, "the of and", embedder=build_embedder("none")) == []


async def test_vector_side_can_use_the_models_hnsw_index(db: AsyncSession) -> None:
    # With so few rows the planner would scan; forbid that to prove the index matches.
    async with db.begin():
        await db.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            row[0]
            for row in await db.execute(
                text("EXPLAIN " + build_sql("minilm", 384, "")),
                {
                    "query": "card",
                    "vector": "[" + ",".join(["0.05"] * 384) + "]",
                },
            )
        )
        await db.rollback()
    assert "ix_chunks_embedding_minilm_hnsw" in plan
