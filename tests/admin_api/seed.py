"""Seeded learning data for admin API tests: a small track with answers, cards and costs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import (
    Delivery,
    Enrollment,
    Learner,
    Lesson,
    LlmCall,
    Question,
    QuizResponse,
    ReviewCard,
    Topic,
)


@dataclass
class Seeded:
    learners: list[int] = field(default_factory=list)
    topics: dict[str, int] = field(default_factory=dict)
    questions: dict[str, list[int]] = field(default_factory=dict)
    deliveries: dict[int, list[int]] = field(default_factory=dict)


TOPICS = [
    ("card-basics", "Business card basics"),
    ("liability", "Who is liable"),
    ("apr-and-interest", "APR and interest"),
]


async def seed(sessions: async_sessionmaker[AsyncSession], learners: int = 4) -> Seeded:
    """Learner i answers topic questions on the last few days; the first learner is right
    every time, the others alternate. One delivery per learner failed. Two LLM calls, one
    of them a cache hit."""
    out = Seeded()
    now = datetime.now(UTC)
    async with sessions() as session, session.begin():
        for position, (slug, title) in enumerate(TOPICS):
            topic = Topic(slug=slug, title=title, position=position)
            session.add(topic)
            await session.flush()
            out.topics[slug] = topic.id
            lesson = Lesson(
                topic_id=topic.id,
                cache_key=f"seed:{slug}",
                title=title,
                body="Body",
                generator="offline",
                source_hash="x" * 64,
            )
            session.add(lesson)
            await session.flush()
            out.questions[slug] = []
            for n in range(2):
                question = Question(
                    lesson_id=lesson.id,
                    topic_id=topic.id,
                    position=n,
                    stem=f"{title}: question {n + 1}?",
                    options=["Yes", "No", "Maybe"],
                    correct_option=0,
                    explanation="Because the policy says so.",
                )
                session.add(question)
                await session.flush()
                out.questions[slug].append(question.id)
        for i in range(learners):
            learner = Learner(
                name=f"Learner {i}",
                email=f"learner{i}@example.com",
                slack_user_id=f"U0SEED{i:04d}",
                phone=f"+1555000{i:04d}",
                preferred_channel="sms" if i % 3 == 2 else "slack",
            )
            session.add(learner)
            await session.flush()
            out.learners.append(learner.id)
            session.add(
                Enrollment(
                    learner_id=learner.id,
                    track="business-credit-cards",
                    lessons_completed=3,
                    questions_answered=6,
                )
            )
            out.deliveries[learner.id] = []
            for day, (slug, _title) in enumerate(TOPICS):
                when = now - timedelta(days=2 - day, hours=1)
                delivery = Delivery(
                    learner_id=learner.id,
                    channel=learner.preferred_channel,
                    kind="lesson",
                    idempotency_key=f"seed:{learner.id}:{slug}",
                    status="sent",
                    created_at=when,
                    sent_at=when,
                )
                session.add(delivery)
                await session.flush()
                out.deliveries[learner.id].append(delivery.id)
                for n, question_id in enumerate(out.questions[slug]):
                    correct = i == 0 or (n + day) % 2 == 0
                    session.add(
                        QuizResponse(
                            learner_id=learner.id,
                            question_id=question_id,
                            topic_id=out.topics[slug],
                            delivery_id=delivery.id,
                            chosen_option=0 if correct else 1,
                            correct=correct,
                            response_ms=4000 + 500 * n,
                            channel=learner.preferred_channel,
                            created_at=when + timedelta(minutes=n + 1),
                        )
                    )
                    session.add(
                        ReviewCard(
                            learner_id=learner.id,
                            question_id=question_id,
                            topic_id=out.topics[slug],
                            state=2,
                            stability=10.0 if correct else 1.0,
                            difficulty=5.0,
                            due=now + timedelta(days=3 if correct else -1),
                            last_review=when,
                            reps=1,
                        )
                    )
            session.add(
                Delivery(
                    learner_id=learner.id,
                    channel="slack",
                    kind="lesson",
                    idempotency_key=f"seed:{learner.id}:failed",
                    status="failed",
                    error="account_inactive",
                )
            )
        session.add(
            LlmCall(
                purpose="lesson",
                model="gpt-4o-mini",
                cached=False,
                prompt_tokens=1200,
                completion_tokens=400,
                cost_usd=0.00042,
            )
        )
        session.add(LlmCall(purpose="lesson", model="gpt-4o-mini", cached=True))
    return out
