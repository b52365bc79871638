"""Real rows for flow tests: a small curriculum with lessons, and a learner."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, Learner, Lesson, Question, Topic
from storage.repositories import content, learners


@dataclass
class Curriculum:
    topics: dict[str, Topic]
    lessons: dict[str, Lesson]
    questions: dict[str, list[Question]]


# slug -> (title, prerequisites)
SPEC: dict[str, tuple[str, list[str]]] = {
    "card-basics": ("Card basics", []),
    "apr": ("APR", ["card-basics"]),
    "rewards": ("Rewards", ["card-basics"]),
}


async def curriculum(session: AsyncSession, track: str = "cards") -> Curriculum:
    topics: dict[str, Topic] = {}
    lessons: dict[str, Lesson] = {}
    questions: dict[str, list[Question]] = {}
    for position, (slug, (title, prereqs)) in enumerate(SPEC.items()):
        topic = await content.add_topic(
            session, slug=slug, title=title, track=track, position=position, prerequisites=prereqs
        )
        lesson = Lesson(
            topic_id=topic.id,
            cache_key=f"test:{slug}:{uuid.uuid4().hex}",
            title=f"{title} in two minutes",
            body=f"What every employee should know about {title}.",
            key_points=[f"{title} matters"],
            generator="test",
            source_hash="0" * 64,
        )
        qs = [
            Question(
                stem=f"{title}: question {n + 1}?",
                options=["first", "second", "third", "fourth"],
                correct_option=n % 4,
                explanation=f"Because of {title} rule {n + 1}.",
                citation={},
            )
            for n in range(3)
        ]
        await content.add_lesson(session, lesson, qs)
        topics[slug], lessons[slug], questions[slug] = topic, lesson, qs
    return Curriculum(topics, lessons, questions)


async def learner(session: AsyncSession, track: str = "cards", **fields: object) -> Learner:
    made = await learners.create(
        session, name="Dana Reyes", email=f"dana-{uuid.uuid4().hex[:8]}@example.com", **fields
    )
    await learners.enroll(session, made.id, track)
    return made


class StoredLessons:
    """Serves the lessons already stored for each topic (the lesson service's contract)."""

    def __init__(self, cur: Curriculum) -> None:
        self._by_topic = {lesson.topic_id: lesson.id for lesson in cur.lessons.values()}

    async def lesson_for(
        self, session: AsyncSession, topic: Topic, *, difficulty: int = 1
    ) -> Lesson:
        found = await content.lesson_with_questions(session, self._by_topic[topic.id])
        assert found is not None
        return found


async def delivery(session: AsyncSession, learner_id: int, status: str = "sent") -> Delivery:
    row = Delivery(
        learner_id=learner_id,
        channel="slack",
        kind="lesson",
        idempotency_key=f"test:{uuid.uuid4().hex}",
        status=status,
    )
    session.add(row)
    await session.flush()
    return row
