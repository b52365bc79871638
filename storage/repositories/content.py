"""Topics, documents, chunks, lessons and questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.models import Chunk, Document, Lesson, Question, Topic


async def topic_by_slug(session: AsyncSession, slug: str) -> Topic | None:
    result = await session.execute(select(Topic).where(Topic.slug == slug))
    return result.scalar_one_or_none()


async def topics(session: AsyncSession, track: str | None = None) -> list[Topic]:
    stmt = select(Topic).order_by(Topic.track, Topic.position, Topic.id)
    if track:
        stmt = stmt.where(Topic.track == track)
    return list((await session.execute(stmt)).scalars())


async def add_topic(session: AsyncSession, **fields: Any) -> Topic:
    topic = Topic(**fields)
    session.add(topic)
    await session.flush()
    return topic


async def active_document(session: AsyncSession, source_uri: str) -> Document | None:
    result = await session.execute(
        select(Document).where(Document.source_uri == source_uri, Document.status == "active")
    )
    return result.scalar_one_or_none()


async def add_document(session: AsyncSession, **fields: Any) -> Document:
    document = Document(**fields)
    session.add(document)
    await session.flush()
    return document


async def add_chunks(session: AsyncSession, chunks: Sequence[Chunk]) -> None:
    session.add_all(chunks)
    await session.flush()


async def chunks_of(session: AsyncSession, document_id: int) -> list[Chunk]:
    result = await session.execute(
        select(Chunk).where(Chunk.document_id == document_id).order_by(Chunk.ordinal)
    )
    return list(result.scalars())


async def chunks_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[Chunk]:
    if not ids:
        return []
    result = await session.execute(select(Chunk).where(Chunk.id.in_(ids)))
    return list(result.scalars())


async def add_lesson(
    session: AsyncSession, lesson: Lesson, questions: Sequence[Question]
) -> Lesson:
    session.add(lesson)
    await session.flush()
    for position, question in enumerate(questions):
        question.lesson_id = lesson.id
        question.topic_id = lesson.topic_id
        question.position = position
    session.add_all(questions)
    await session.flush()
    return lesson


async def lesson_with_questions(session: AsyncSession, lesson_id: int) -> Lesson | None:
    result = await session.execute(
        select(Lesson).where(Lesson.id == lesson_id).options(selectinload(Lesson.questions))
    )
    return result.scalar_one_or_none()


async def lesson_by_cache_key(session: AsyncSession, cache_key: str) -> Lesson | None:
    result = await session.execute(
        select(Lesson).where(Lesson.cache_key == cache_key).options(selectinload(Lesson.questions))
    )
    return result.scalar_one_or_none()


async def question(session: AsyncSession, question_id: int) -> Question | None:
    return await session.get(Question, question_id)


async def mark_lessons_stale(session: AsyncSession, chunk_ids: Sequence[int]) -> int:
    """Mark every ready lesson that cites any of these chunks as stale; returns the count."""
    if not chunk_ids:
        return 0
    result = await session.execute(
        update(Lesson)
        .where(Lesson.status == "ready", Lesson.chunk_ids.overlap([int(i) for i in chunk_ids]))
        .values(status="stale")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
