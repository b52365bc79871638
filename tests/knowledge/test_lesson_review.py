"""Lesson review in the lesson service: what learners get while a lesson waits for review."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.lessons import LessonPending, LessonService
from storage.models import Chunk, Lesson, Topic
from storage.repositories import reviews
from storage.repositories.content import mark_lessons_stale
from tests.knowledge import material

CHANGED = [material.GRACE[0], (material.GRACE[1][0], material.GRACE[1][1] + " Ask finance.")]


async def _regenerate(session: AsyncSession, topic: Topic, old: list[int]) -> None:
    """The handbook is re-ingested with a changed section: old chunks retire, lessons go stale."""
    await material.document(session, CHANGED, title="Card handbook v2", topic_id=topic.id)
    await session.execute(update(Chunk).where(Chunk.id.in_(old)).values(active=False))
    await mark_lessons_stale(session, old)


async def _count(session: AsyncSession, topic: Topic) -> int:
    return int(await session.scalar(select(func.count()).where(Lesson.topic_id == topic.id)) or 0)


async def test_a_regenerated_lesson_waits_while_learners_keep_the_approved_one(
    session: AsyncSession,
) -> None:
    topic = await material.topic(session)
    old = await material.document(session, material.GRACE, topic_id=topic.id)
    await material.document(session, material.FRAUD, title="Fraud guide")
    first = await LessonService().lesson_for(session, topic)  # made before review was on
    assert first.review_status == "auto"

    await _regenerate(session, topic, [p.chunk_id for p in old])
    service = LessonService(review="new")
    served = await service.lesson_for(session, topic)
    again = await service.lesson_for(session, topic)
    assert served.id == again.id == first.id  # the stale but approved version
    assert await _count(session, topic) == 2  # the regenerated draft, stored once
    waiting = await session.scalar(
        select(Lesson).where(Lesson.topic_id == topic.id, Lesson.review_status == "pending")
    )
    assert waiting is not None and waiting.version == first.version + 1

    reviews.decide(waiting, "approved", "ops-team")
    await session.flush()
    now = await service.lesson_for(session, topic)
    assert now.id == waiting.id
    assert set(now.chunk_ids).isdisjoint(p.chunk_id for p in old)


async def test_a_rejected_lesson_is_never_served_nor_drafted_again_for_the_same_material(
    session: AsyncSession,
) -> None:
    topic = await material.topic(session)
    old = await material.document(session, material.GRACE, topic_id=topic.id)
    await material.document(session, material.FRAUD, title="Fraud guide")
    first = await LessonService().lesson_for(session, topic)
    await _regenerate(session, topic, [p.chunk_id for p in old])
    service = LessonService(review="new")
    await service.lesson_for(session, topic)
    waiting = await session.scalar(
        select(Lesson).where(Lesson.topic_id == topic.id, Lesson.review_status == "pending")
    )
    assert waiting is not None
    reviews.decide(waiting, "rejected", "ops-team", "Wrong grace period")
    await session.flush()

    for fresh in (service, LessonService(review="new"), LessonService(review="off")):
        assert (await fresh.lesson_for(session, topic)).id == first.id
    assert await _count(session, topic) == 2


async def test_a_topic_with_no_approved_lesson_yields_the_next_approved_topic(
    session: AsyncSession,
) -> None:
    track = f"track-{uuid.uuid4().hex[:8]}"
    fraud = await material.topic(session, "Card fraud")
    grace = await material.topic(session)
    fraud.track, fraud.position, grace.track, grace.position = track, 2, track, 1
    await material.document(session, material.FRAUD, title="Fraud guide", topic_id=fraud.id)
    await material.document(session, material.GRACE, topic_id=grace.id)
    approved = await LessonService().lesson_for(session, fraud)

    service = LessonService(review="new")
    with pytest.raises(LessonPending) as pending:
        await service.lesson_for(session, grace)
    assert pending.value.instead is not None and pending.value.instead.id == approved.id
    assert pending.value.lesson_id > 0

    # Under 'all', nothing a reviewer has not approved goes out: no lesson at all here.
    with pytest.raises(LessonPending) as nothing:
        await LessonService(review="all").lesson_for(session, fraud)
    assert nothing.value.instead is None


def test_an_unknown_review_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="lesson review"):
        LessonService(review="sometimes")  # type: ignore[arg-type]
