"""Per topic: how much active material it has and the state of its newest lesson."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chunk, Document, Lesson, Question, Topic
from storage.repositories.content import neighbours_first


@dataclass(frozen=True)
class TopicRow:
    topic: Topic
    chunks: int
    lesson_id: int | None
    lesson_status: str | None
    questions: int


async def topic_rows(session: AsyncSession, *, limit: int, offset: int) -> list[TopicRow]:
    """Topics in curriculum order with their active chunk count and newest lesson (the
    newest ready one if any, else the newest of any status) and its question count."""
    chunks = (
        select(func.count(Chunk.id))
        .join(Document, Document.id == Chunk.document_id)
        .where(Chunk.topic_id == Topic.id, Chunk.active, Document.status == "active")
        .correlate(Topic)
        .scalar_subquery()
    )
    newest = (
        select(Lesson.id)
        .where(Lesson.topic_id == Topic.id)
        .order_by((Lesson.status == "ready").desc(), Lesson.id.desc())
        .limit(1)
        .correlate(Topic)
        .scalar_subquery()
    )
    result = await session.execute(
        select(Topic, chunks, newest)
        .order_by(Topic.track, Topic.position, Topic.id)
        .limit(limit)
        .offset(offset)
    )
    rows = [(cast(Topic, t), cast(int | None, n), cast(int | None, lid)) for t, n, lid in result]
    lesson_ids = [lid for _, _, lid in rows if lid is not None]
    lessons: dict[int, tuple[str, int]] = {}
    if lesson_ids:
        found = await session.execute(
            select(Lesson.id, Lesson.status, func.count(Question.id))
            .outerjoin(Question, Question.lesson_id == Lesson.id)
            .where(Lesson.id.in_(lesson_ids))
            .group_by(Lesson.id, Lesson.status)
        )
        lessons = {lid: (status, count) for lid, status, count in found}
    return [
        TopicRow(
            topic=topic,
            chunks=int(count or 0),
            lesson_id=lid,
            lesson_status=lessons[lid][0] if lid in lessons else None,
            questions=lessons[lid][1] if lid in lessons else 0,
        )
        for topic, count, lid in rows
    ]


async def topic_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Topic.id))) or 0)


async def other_chunks(
    session: AsyncSession, exclude: list[int], limit: int
) -> list[tuple[Chunk, str, str]]:
    """Active chunks outside `exclude`, with their document's title and source, those of
    the same documents first."""
    rows = await session.execute(
        select(Chunk, Document.title, Document.source_uri)
        .join(Document, Document.id == Chunk.document_id)
        .where(
            Chunk.active,
            ~Chunk.quarantined,
            Document.status == "active",
            Chunk.id.not_in(exclude),
        )
        .order_by(*neighbours_first(exclude))
        .limit(limit)
    )
    return [(c, t, u) for c, t, u in rows]
