"""The `Learning` port served from storage, the lesson service and FSRS review state.

Each call runs in its own transaction. It covers what the Slack surface needs: enrol,
serve the next lesson of the track, grade a click once, report progress, tutor answers
from retrieved passages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers.ports import (
    Enrolment,
    LearnerSettings,
    Progress,
    SlackIdentity,
    TopicMastery,
)
from delivery.slack.ids import AnswerPayload
from flows import review
from flows.messages import Feedback, LessonMessage, QuizOption, QuizPrompt, TutorAnswer
from knowledge import retrieval
from knowledge.embeddings import Embedder, NoEmbedder
from knowledge.lessons import LessonService
from knowledge.passages import Citation
from knowledge.safety import injection
from storage.models import Delivery, Learner, Lesson, Question, QuizResponse, Topic
from storage.repositories import content, deliveries, learners, learning

LABELS = "ABCDEFGH"


class UnknownQuestion(LookupError):
    """A button referred to a question that does not exist (any more)."""


def quiz_prompt(question: Question, delivery_id: int | None, total: int = 1) -> QuizPrompt:
    options = [
        QuizOption(index=i, label=LABELS[i], text=str(text))
        for i, text in enumerate(question.options[: len(LABELS)])
    ]
    return QuizPrompt(
        question_id=question.id,
        stem=question.stem,
        options=options,
        delivery_id=delivery_id,
        position=question.position,
        total=total,
    )


def _citations(raw: Sequence[object]) -> list[Citation]:
    found = []
    for item in raw:
        if isinstance(item, dict):
            try:
                found.append(Citation.model_validate(item))
            except ValueError:
                continue
    return found


class StorageLearning:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        lessons: LessonService,
        *,
        default_track: str,
        open_enrolment: bool = True,
        embedder: Embedder | None = None,
    ) -> None:
        self._sessions = sessions
        self._lessons = lessons
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
            topic = await self._next_topic(session, learner_id)
            if topic is None:
                return None
            lesson = await self._lessons.lesson_for(session, topic)
            delivery, _ = await deliveries.claim(
                session,
                learner_id=learner_id,
                channel="slack",
                kind="lesson",
                idempotency_key=f"slack:{learner_id}:lesson:{lesson.id}",
                topic_id=topic.id,
                lesson_id=lesson.id,
                reason="Next topic in your track",
                local_date=date.today(),
            )
            questions = sorted(lesson.questions, key=lambda q: q.position)
            return LessonMessage(
                delivery_id=delivery.id,
                lesson_id=lesson.id,
                topic_slug=topic.slug,
                topic_title=topic.title,
                title=lesson.title,
                body=lesson.body,
                key_points=[str(p) for p in lesson.key_points],
                scenario=lesson.scenario,
                citations=_citations(lesson.citations),
                reason=f"Next in your track: {topic.title}",
                quiz=quiz_prompt(questions[0], delivery.id, len(questions)) if questions else None,
            )

    async def _next_topic(self, session: AsyncSession, learner_id: int) -> Topic | None:
        """The first topic of the learner's track not yet delivered, then the weakest."""
        tracks = [e.track for e in await learners.enrollments(session, learner_id)]
        seen = set(
            (
                await session.execute(
                    select(Delivery.topic_id).where(
                        Delivery.learner_id == learner_id, Delivery.kind == "lesson"
                    )
                )
            ).scalars()
        )
        ordered = [
            t for track in tracks or [self._track] for t in await content.topics(session, track)
        ]
        for topic in ordered:
            if topic.id not in seen:
                return topic
        return ordered[0] if ordered else None

    async def answer(self, learner_id: int, answer: AnswerPayload) -> Feedback:
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            question = await content.question(session, answer.question_id)
            if question is None or answer.option >= len(question.options):
                raise UnknownQuestion(answer.question_id)
            correct = answer.option == question.correct_option
            recorded = await learning.record_response(
                session,
                learner_id=learner_id,
                question_id=question.id,
                topic_id=question.topic_id,
                delivery_id=answer.delivery_id,
                chosen_option=answer.option,
                correct=correct,
                channel="slack",
            )
            chosen = answer.option
            if recorded is None:  # a repeated click: report the first answer
                first = await session.execute(
                    select(QuizResponse).where(
                        QuizResponse.learner_id == learner_id,
                        QuizResponse.question_id == question.id,
                        QuizResponse.delivery_id == answer.delivery_id,
                    )
                )
                earlier = first.scalars().first()
                if earlier is not None:
                    chosen, correct = earlier.chosen_option, earlier.correct
            else:
                row = await learning.card(session, learner_id, question.id)
                state = (
                    review.from_row(row)
                    if row
                    else review.new_card(question.id, question.topic_id, now)
                )
                state = review.review(state, review.rating_for(correct, None), now)
                await learning.save_card(session, **review.row_fields(learner_id, state))
                await learners.record_progress(
                    session, learner_id, answered=1, correct=int(correct)
                )
            cards = [review.from_row(c) for c in await learning.cards_for(session, learner_id)]
            topic_cards = [c for c in cards if c.topic_id == question.topic_id]
            citation = _citations([question.citation])
            return Feedback(
                question_id=question.id,
                delivery_id=answer.delivery_id,
                correct=correct,
                chosen_label=LABELS[chosen],
                correct_label=LABELS[question.correct_option],
                correct_text=str(question.options[question.correct_option]),
                explanation=question.explanation,
                citation=citation[0] if citation else None,
                already_answered=recorded is None,
                mastery_percent=round(review.mastery(topic_cards, now) * 100),
            )

    async def progress(self, learner_id: int) -> Progress:
        async with self._sessions() as session:
            learner = await _learner(session, learner_id)
            enrolments = await learners.enrollments(session, learner_id)
            days = await session.execute(
                select(func.date(QuizResponse.created_at))
                .where(QuizResponse.learner_id == learner_id)
                .distinct()
            )
            mastery = await self._mastery(session, learner_id)
            return Progress(
                name=learner.name,
                status=learner.status,
                lessons_completed=sum(e.lessons_completed for e in enrolments),
                questions_answered=sum(e.questions_answered for e in enrolments),
                correct_answers=sum(e.correct_answers for e in enrolments),
                streak_days=_streak(set(days.scalars()), datetime.now(UTC).date()),
                mastery=mastery,
                next_delivery=_next_delivery(learner, datetime.now(UTC)),
                timezone=learner.timezone,
            )

    async def _mastery(self, session: AsyncSession, learner_id: int) -> list[TopicMastery]:
        now = datetime.now(UTC)
        cards = [review.from_row(c) for c in await learning.cards_for(session, learner_id)]
        by_topic = review.mastery_by_topic(cards, now)
        if not by_topic:
            return []
        rows = await session.execute(select(Topic).where(Topic.id.in_(by_topic)))
        return [
            TopicMastery(title=t.title, percent=round(by_topic[t.id] * 100))
            for t in sorted(rows.scalars(), key=lambda t: t.position)
        ]

    async def topics(self, learner_id: int) -> list[TopicMastery]:
        async with self._sessions() as session:
            known = {m.title: m.percent for m in await self._mastery(session, learner_id)}
            tracks = [e.track for e in await learners.enrollments(session, learner_id)]
            found = [
                t for track in tracks or [self._track] for t in await content.topics(session, track)
            ]
            return [TopicMastery(title=t.title, percent=known.get(t.title, 0)) for t in found]

    async def set_paused(self, learner_id: int, paused: bool) -> None:
        async with self._sessions() as session, session.begin():
            learner = await _learner(session, learner_id)
            await learners.update_fields(session, learner, status="paused" if paused else "active")

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
                phone=learner.phone,
                vacation_until=learner.vacation_until,
            )

    async def save_settings(self, learner_id: int, settings: LearnerSettings) -> None:
        async with self._sessions() as session, session.begin():
            learner = await _learner(session, learner_id)
            await learners.update_fields(session, learner, **settings.model_dump())

    async def ask(self, learner_id: int, question: str) -> TutorAnswer:
        if injection.detect(question).flagged:
            return TutorAnswer(question=question, answer="", refused=True)
        async with self._sessions() as session:
            passages = await retrieval.search(session, question, embedder=self._embedder, limit=3)
        if not passages:
            return TutorAnswer(question=question, answer="", grounded=False)
        best = passages[0]
        text = f"From *{best.document_title}*:\n{best.text}"
        return TutorAnswer(
            question=question, answer=text, citations=[p.citation() for p in passages[:2]]
        )

    async def remember_message(self, delivery_id: int, channel: str, ts: str) -> None:
        async with self._sessions() as session, session.begin():
            await deliveries.set_status(
                session,
                delivery_id,
                "sent",
                provider_message_id=ts,
                provider_channel=channel,
                sent_at=datetime.now(UTC),
            )


async def _learner(session: AsyncSession, learner_id: int) -> Learner:
    learner = await learners.get(session, learner_id)
    if learner is None:
        raise LookupError(f"learner {learner_id}")
    return learner


def _streak(days: set[date], today: date) -> int:
    """Consecutive days with at least one answer, ending today or yesterday."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _next_delivery(learner: Learner, now: datetime) -> datetime | None:
    if learner.status != "active":
        return None
    zone = ZoneInfo(learner.timezone)
    local = now.astimezone(zone)
    day = local.date()
    if learner.vacation_until and learner.vacation_until >= day:
        day = learner.vacation_until + timedelta(days=1)
    for _ in range(8):
        candidate = datetime.combine(day, learner.delivery_time, zone)
        if candidate > local and not (learner.weekdays_only and candidate.weekday() >= 5):
            return candidate.astimezone(UTC)
        day += timedelta(days=1)
    return None


__all__ = ["Lesson", "StorageLearning", "UnknownQuestion"]
