"""Today's lesson under lesson review: a topic whose only lesson waits for a reviewer
gives way to the next topic learners may get."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows import loop
from knowledge.lessons import LessonService
from storage.models import Lesson
from tests.flows import factories
from tests.knowledge import material

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


async def test_a_topic_waiting_for_review_gives_way_to_the_next_approved_topic(
    session: AsyncSession,
) -> None:
    track = f"track-{uuid.uuid4().hex[:8]}"
    first = await material.topic(session, "Grace periods and interest")
    second = await material.topic(session, "Card fraud")
    first.track, first.position, second.track, second.position = track, 0, track, 1
    await material.document(session, material.GRACE, topic_id=first.id)
    await material.document(session, material.FRAUD, title="Fraud guide", topic_id=second.id)
    approved = await LessonService().lesson_for(session, second)  # from before review
    who = await factories.learner(session, track=track)

    deps = loop.LoopDeps(lessons=LessonService(review="new"), clock=lambda: NOW)
    message = await loop.todays_lesson(session, deps, who)
    assert message is not None
    assert (message.topic_slug, message.lesson_id) == (second.slug, approved.id)
    waiting = await session.scalar(select(Lesson).where(Lesson.topic_id == first.id))
    assert waiting is not None and waiting.review_status == "pending"

    # With nothing approved anywhere, nothing is delivered.
    strict = loop.LoopDeps(lessons=LessonService(review="all"), clock=lambda: NOW)
    assert await loop.todays_lesson(session, strict, who) is None
