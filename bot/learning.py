"""The `Learning` port for the Slack surface, served by the learning flows.

Lesson choice, grading, FSRS updates, progress, the schedule and the tutor live in flows/;
this adapter owns the transaction of each call and what only Slack needs: enrolment by
Slack identity, de-duplicated clicks and the settings form. The flows it runs are built
once by the composition root (bot.learning_wiring) and handed in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.learning_wiring import LearningFlows
from bot.ports import (
    CHANNEL_ORDERS,
    Enrolment,
    LearnerSettings,
    PhoneTaken,
    RepeatedClick,
    SlackIdentity,
)
from delivery.slack.ids import AnswerPayload
from flows import loop, progress, tutor
from flows.messages import Feedback, LessonMessage, ProgressSummary, TopicMastery, TutorAnswer
from knowledge.embeddings import Embedder, NoEmbedder
from storage.models import Learner
from storage.repositories import learners, operations

ANSWER_TTL = timedelta(days=7)  # how long a graded click is remembered as such


class StorageLearning:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        flows: LearningFlows,
        *,
        default_track: str,
        open_enrolment: bool = True,
        embedder: Embedder | None = None,
    ) -> None:
        self._sessions = sessions
        self._flows = flows
        self._track = default_track
        self._open = open_enrolment
        self._embedder = embedder or NoEmbedder()

    async def learner_for(self, slack_user_id: str) -> int | None:
        async with self._sessions() as session:
            learner = await learners.by_slack_user(session, slack_user_id)
            return learner.id if learner and learner.erased_at is None else None

    async def enrol(self, who: SlackIdentity) -> Enrolment:
        async with self._sessions() as session, session.begin():
            learner = await learners.by_slack_user(session, who.user_id)
            if learner is not None:
                return Enrolment(learner_id=learner.id, name=learner.name)
            if not self._open:
                return Enrolment(learner_id=None)
            try:
                async with session.begin_nested():
                    learner = await learners.create(
                        session,
                        name=who.name,
                        slack_user_id=who.user_id,
                        slack_team_id=who.team_id,
                        timezone=who.timezone,
                    )
            except IntegrityError:  # two first messages at once: the other one enrolled
                existing = await learners.by_slack_user(session, who.user_id)
                return Enrolment(learner_id=existing.id if existing else None)
            await learners.enroll(session, learner.id, self._track)
            return Enrolment(learner_id=learner.id, created=True, name=learner.name)

    async def next_lesson(self, learner_id: int) -> LessonMessage | None:
        async with self._sessions() as session, session.begin():
            learner = await _learner(session, learner_id)
            return await loop.requested_lesson(session, self._flows.loop, learner)

    async def answer(
        self, learner_id: int, answer: AnswerPayload, once_key: str | None = None
    ) -> Feedback:
        async with self._sessions() as session, session.begin():
            await _once(session, once_key)
            return await _answer(session, learner_id, answer)

    async def answer_as(
        self, slack_user_id: str, answer: AnswerPayload, once_key: str | None = None
    ) -> Feedback | None:
        """A quiz click by an enrolled learner: found, de-duplicated and graded in one
        transaction (a failure leaves no trace, so clicking again grades the answer)."""
        async with self._sessions() as session, session.begin():
            learner_id = await learners.active_id_by_slack_user(session, slack_user_id)
            if learner_id is None:
                return None
            await _once(session, once_key)
            return await _answer(session, learner_id, answer)

    async def progress(self, learner_id: int) -> ProgressSummary:
        async with self._sessions() as session:
            learner = await _learner(session, learner_id)
            return await progress.summary(session, learner, datetime.now(UTC))

    async def topics(self, learner_id: int) -> list[TopicMastery]:
        async with self._sessions() as session:
            return await progress.topic_status(session, learner_id, datetime.now(UTC))

    async def set_paused(self, learner_id: int, paused: bool) -> None:
        async with self._sessions() as session, session.begin():
            await loop.set_paused(session, await _learner(session, learner_id), paused)

    async def settings(self, learner_id: int) -> LearnerSettings:
        async with self._sessions() as session:
            learner = await _learner(session, learner_id)
            return LearnerSettings(
                timezone=learner.timezone,
                delivery_time=learner.delivery_time,
                quiet_hours_start=learner.quiet_hours_start,
                quiet_hours_end=learner.quiet_hours_end,
                weekdays_only=learner.weekdays_only,
                preferred_channel="sms" if learner.preferred_channel == "sms" else "slack",
                # an order set through the admin API that the form does not offer shows unset
                channel_order=(
                    learner.channel_order if learner.channel_order in CHANNEL_ORDERS else None
                ),
                phone=learner.phone,
                vacation_until=learner.vacation_until,
            )

    async def save_settings(self, learner_id: int, settings: LearnerSettings) -> None:
        async with self._sessions() as session, session.begin():
            if settings.phone and await learners.phone_taken(
                session, settings.phone, other_than=learner_id
            ):  # one number, one learner: STOP from it must reach its owner
                raise PhoneTaken(settings.phone)
            learner = await _learner(session, learner_id)
            await learners.update_fields(session, learner, **settings.model_dump())

    async def ask(self, learner_id: int, question: str) -> TutorAnswer:
        # In a transaction: the tutor's model calls are logged and costed in llm_calls.
        async with self._sessions() as session, session.begin():
            context = tutor.TutorContext(
                session=session,
                search=tutor.retrieval_search(session, self._embedder),
                gateway=self._flows.gateway,
            )
            return await tutor.ask(self._flows.tutor, context, learner_id, question)


async def _once(session: AsyncSession, key: str | None) -> None:
    if key is not None and not await operations.first_sighting(session, key[:200], ANSWER_TTL):
        raise RepeatedClick(key)


async def _answer(session: AsyncSession, learner_id: int, answer: AnswerPayload) -> Feedback:
    return await loop.answer(
        session,
        learner_id,
        answer.question_id,
        answer.option,
        delivery_id=answer.delivery_id,
        channel="slack",
    )


async def _learner(session: AsyncSession, learner_id: int) -> Learner:
    learner = await learners.get(session, learner_id)
    if learner is None:
        raise LookupError(f"learner {learner_id}")
    return learner


__all__ = ["StorageLearning"]
