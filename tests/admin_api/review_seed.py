"""A lesson regenerated after its document changed, waiting for review, in a fresh database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flows import loop
from flows.messages import LessonMessage
from knowledge.lessons import LessonService
from storage.models import Chunk, Learner, Lesson, Topic
from storage.repositories import learners
from storage.repositories.content import mark_lessons_stale
from storage.repositories.reviews import ReviewMode
from tests.knowledge import material

# The handbook's new version adds a rule the regenerated lesson teaches.
CHANGED = [
    material.GRACE[0],
    (
        material.GRACE[1][0],
        material.GRACE[1][1]
        + " Balances carried for more than 3 billing cycles must be reported to finance.",
    ),
]


@dataclass
class Regenerated:
    topic: str
    approved_id: int  # what learners got before the document changed
    draft_id: int  # the regenerated version, pending review
    grace_chunk_id: int  # the changed document's "Grace period" passage (says 21 days)
    learner_id: int


async def regenerated_lesson(sessions: async_sessionmaker[AsyncSession]) -> Regenerated:
    async with sessions() as session, session.begin():
        topic = await material.topic(session)
        topic.track = f"track-{uuid.uuid4().hex[:8]}"  # the learner's only topic
        old = await material.document(session, material.GRACE, topic_id=topic.id)
        await material.document(session, material.FRAUD, title="Fraud guide")
        approved = await LessonService().lesson_for(session, topic)  # before review was on
        new = await material.document(session, CHANGED, title="Card handbook v2", topic_id=topic.id)
        retired = [p.chunk_id for p in old]
        await session.execute(update(Chunk).where(Chunk.id.in_(retired)).values(active=False))
        await mark_lessons_stale(session, retired)
        learner = await learners.create(
            session, name="Dana Reyes", email=f"dana-{uuid.uuid4().hex[:8]}@example.com"
        )
        await learners.enroll(session, learner.id, topic.track)
        await LessonService(review="new").lesson_for(session, topic)  # drafts the new version
        draft = await session.scalar(
            select(Lesson.id).where(Lesson.topic_id == topic.id, Lesson.review_status == "pending")
        )
        assert draft is not None
        return Regenerated(topic.slug, approved.id, draft, new[0].chunk_id, learner.id)


async def lesson_a_learner_gets(
    sessions: async_sessionmaker[AsyncSession], learner_id: int, review: ReviewMode = "new"
) -> LessonMessage | None:
    """Today's lesson for the learner, as a delivery job gets it, with review on."""
    deps = loop.LoopDeps(lessons=LessonService(review=review), clock=lambda: datetime.now(UTC))
    async with sessions() as session, session.begin():
        learner = await session.get(Learner, learner_id)
        assert learner is not None
        return await loop.todays_lesson(session, deps, learner)


async def lesson_served_for(sessions: async_sessionmaker[AsyncSession], slug: str) -> int:
    """The id of the lesson a delivery of this topic would carry, with review on."""
    async with sessions() as session, session.begin():
        topic = await session.scalar(select(Topic).where(Topic.slug == slug))
        assert topic is not None
        return (await LessonService(review="new").lesson_for(session, topic)).id
