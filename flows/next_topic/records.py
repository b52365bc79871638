"""What the graph reads about a learner, from the database or from in-memory tables (the
learner simulator drives the same graph over its own tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from flows.next_topic.state import TopicFact
from storage.repositories import content, learners, learning

CARD_FIELDS = (
    "question_id",
    "topic_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
)


@dataclass
class LearnerRecord:
    topics: list[TopicFact]
    cards: list[dict[str, Any]]  # review_cards columns (CARD_FIELDS)
    timezone: str = "UTC"
    last_missed: dict[int, datetime] = field(default_factory=dict)  # topic id -> latest miss
    answers: list[tuple[int, int, bool, datetime]] = field(default_factory=list)


class Records(Protocol):
    async def read(self, learner_id: int) -> LearnerRecord: ...


class DbRecords:
    """The learner's rows in the database, read through the repositories."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def read(self, learner_id: int) -> LearnerRecord:
        session = self.session
        topics = [
            TopicFact(
                id=t.id,
                slug=t.slug,
                title=t.title,
                prerequisites=list(t.prerequisites),
                position=t.position,
            )
            for t in await content.topics(session)
        ]
        cards = [
            {f: getattr(row, f) for f in CARD_FIELDS}
            for row in await learning.card_rows(session, learner_id)
        ]
        learner = await learners.get(session, learner_id)
        return LearnerRecord(
            topics=topics,
            cards=cards,
            timezone=learner.timezone if learner and learner.timezone else "UTC",
            last_missed=await learning.last_missed(session, learner_id),
            answers=await learning.recent_answers(session, learner_id),
        )
