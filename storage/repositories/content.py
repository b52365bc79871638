"""Topics, documents, chunks, lessons and questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select, text, update
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


async def document_count(session: AsyncSession) -> int:
    """Documents of every status (an empty library has none)."""
    return int(await session.scalar(select(func.count()).select_from(Document)) or 0)


async def curriculum_topics(session: AsyncSession) -> list[Topic]:
    """Topics imported from a curriculum, in curriculum order."""
    result = await session.execute(
        select(Topic).where(Topic.origin == "curriculum").order_by(Topic.position, Topic.id)
    )
    return list(result.scalars())


async def topic_id_by_slug(session: AsyncSession, slug: str) -> int | None:
    return await session.scalar(select(Topic.id).where(Topic.slug == slug))


async def topic_count(session: AsyncSession, origin: str) -> int:
    return int(
        await session.scalar(select(func.count()).select_from(Topic).where(Topic.origin == origin))
        or 0
    )


async def active_chunk_sources(session: AsyncSession) -> list[tuple[int, str, str]]:
    """(chunk id, heading, document source URI) of every active chunk."""
    rows = await session.execute(
        select(Chunk.id, Chunk.heading, Document.source_uri)
        .join(Document, Document.id == Chunk.document_id)
        .where(Chunk.active)
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


async def set_chunk_topic(
    session: AsyncSession, chunk_ids: Sequence[int], topic_id: int | None
) -> None:
    await session.execute(update(Chunk).where(Chunk.id.in_(chunk_ids)).values(topic_id=topic_id))


STATUS_COUNTS = text("""
SELECT (SELECT count(*) FROM learners WHERE erased_at IS NULL) AS learners,
       (SELECT count(*) FROM documents WHERE status = 'active') AS documents,
       (SELECT count(*) FROM chunks WHERE active) AS chunks,
       (SELECT count(*) FROM topics) AS topics,
       (SELECT count(*) FROM lessons WHERE status = 'ready') AS lessons,
       (SELECT count(*) FROM deliveries WHERE status = 'pending') AS pending_deliveries
""")


async def status_counts(session: AsyncSession) -> dict[str, int]:
    """Live learners, active documents and chunks, topics, ready lessons, pending sends."""
    row = (await session.execute(STATUS_COUNTS)).mappings().one()
    return {key: int(value) for key, value in row.items()}


async def active_documents_page(
    session: AsyncSession, *, limit: int, offset: int
) -> list[tuple[Document, int]]:
    """Active documents in id order, each with its number of active chunks."""
    result = await session.execute(
        select(Document, func.count(Chunk.id).filter(Chunk.active.is_(True)))
        .outerjoin(Chunk, Chunk.document_id == Document.id)
        .where(Document.status == "active")
        .group_by(Document.id)
        .order_by(Document.id)
        .limit(limit)
        .offset(offset)
    )
    return [(row[0], int(row[1])) for row in result.all()]


async def topic_slugs(session: AsyncSession) -> set[str]:
    return set(await session.scalars(select(Topic.slug)))


async def topics_by_slug(session: AsyncSession, slugs: Sequence[str]) -> dict[str, Topic]:
    found = await session.scalars(select(Topic).where(Topic.slug.in_(list(slugs))))
    return {topic.slug: topic for topic in found}


# (chunk, document title, document source URI) of active, released chunks of active documents.
ChunkWithSource = tuple[Chunk, str, str]


def _active_chunks() -> Select[Chunk, str, str]:
    return (
        select(Chunk, Document.title, Document.source_uri)
        .join(Document, Document.id == Chunk.document_id)
        .where(Chunk.active, ~Chunk.quarantined, Document.status == "active")
    )


def _with_sources(rows: Sequence[Any]) -> list[ChunkWithSource]:
    return [(row[0], str(row[1]), str(row[2])) for row in rows]


async def topic_chunks(session: AsyncSession, topic_id: int, limit: int) -> list[ChunkWithSource]:
    """The topic's chunks in document order."""
    stmt = (
        _active_chunks()
        .where(Chunk.topic_id == topic_id)
        .order_by(Chunk.document_id, Chunk.ordinal)
        .limit(limit)
    )
    return _with_sources((await session.execute(stmt)).all())


async def chunks_matching_any(
    session: AsyncSession, words: Sequence[str], limit: int
) -> list[ChunkWithSource]:
    """The best full-text matches for any of `words`, best first."""
    query = func.to_tsquery("english", " | ".join(dict.fromkeys(words)))
    stmt = (
        _active_chunks()
        .where(Chunk.tsv.op("@@")(query))
        .order_by(func.ts_rank_cd(Chunk.tsv, query).desc(), Chunk.id)
        .limit(limit)
    )
    return _with_sources((await session.execute(stmt)).all())


def neighbours_first(chunk_ids: Sequence[int]) -> tuple[Any, ...]:
    """An ordering that puts the chunks of the same documents as `chunk_ids` first, nearest
    first, then the rest in id order: a thin topic's lesson draws on its own document."""
    if not chunk_ids:
        return (Chunk.id,)
    documents = select(Chunk.document_id).where(Chunk.id.in_(list(chunk_ids)))
    same = case((Chunk.document_id.in_(documents.scalar_subquery()), 0), else_=1)
    near = case((same == 0, func.abs(Chunk.id - min(chunk_ids))), else_=0)
    return (same, near, Chunk.id)


async def chunks_other_than(
    session: AsyncSession, chunk_ids: Sequence[int], limit: int
) -> list[ChunkWithSource]:
    """Other active chunks, those of the same documents first (nearest first)."""
    stmt = (
        _active_chunks()
        .where(Chunk.id.not_in(list(chunk_ids)))
        .order_by(*neighbours_first(chunk_ids))
        .limit(limit)
    )
    return _with_sources((await session.execute(stmt)).all())


async def ready_lesson_keys(
    session: AsyncSession, topic_id: int, difficulty: int
) -> list[tuple[str, str]]:
    """Cache keys and review states of the topic's ready lessons at this difficulty, newest
    first."""
    result = await session.execute(
        select(Lesson.cache_key, Lesson.review_status)
        .where(
            Lesson.topic_id == topic_id,
            Lesson.difficulty == difficulty,
            Lesson.status == "ready",
        )
        .order_by(Lesson.id.desc())
    )
    return [(key, status) for key, status in result.all()]


async def latest_lesson_version(session: AsyncSession, topic_id: int, difficulty: int) -> int:
    version = await session.scalar(
        select(func.coalesce(func.max(Lesson.version), 0)).where(
            Lesson.topic_id == topic_id, Lesson.difficulty == difficulty
        )
    )
    return int(version or 0)


async def retire_chunks_of(session: AsyncSession, document_id: int) -> list[int]:
    """Deactivate the document's active chunks; returns their ids."""
    retired = await session.execute(
        update(Chunk)
        .where(Chunk.document_id == document_id, Chunk.active)
        .values(active=False)
        .returning(Chunk.id)
    )
    return [int(row[0]) for row in retired]


_LESSON_QUESTIONS = (
    select(Question)
    .where(
        Question.lesson_id
        == select(Question.lesson_id)
        .where(Question.id == bindparam("question_id"))
        .scalar_subquery()
    )
    .order_by(Question.position)
)


async def lesson_questions_of(session: AsyncSession, question_id: int) -> list[Question]:
    """Every question of the lesson the given question belongs to, in order (one query)."""
    result = await session.execute(_LESSON_QUESTIONS, {"question_id": question_id})
    return list(result.scalars())


async def first_question(session: AsyncSession, lesson_id: int) -> Question | None:
    return await session.scalar(
        select(Question).where(Question.lesson_id == lesson_id).order_by(Question.position).limit(1)
    )
