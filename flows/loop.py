"""The learning loop: today's lesson, answers (recorded once), FSRS updates, pause/resume.

Functions take an AsyncSession and a `LoopDeps`; they flush but never commit, so the
caller (a Slack handler, a delivery job) owns the transaction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from langgraph.checkpoint.base import BaseCheckpointSaver
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flows import review
from flows.messages import Feedback, LessonMessage, QuizOption, QuizPrompt
from flows.next_topic import (
    Graph,
    NextTopicContext,
    Plan,
    Search,
    TopicAgent,
    build_graph,
    next_topics,
)
from flows.next_topic.agent import LlmTopicAgent
from knowledge.lesson_status import sendable
from knowledge.lessons import LessonBlocked, LessonPending, NoMaterial
from knowledge.llm import LlmConfig, LlmGateway
from knowledge.passages import Citation
from storage.models import Learner, Lesson, Question, Topic
from storage.repositories import content, learners, learning

LABELS = "ABCD"


class LessonSource(Protocol):
    """knowledge.lessons.LessonService, or anything that serves a lesson for a topic."""

    async def lesson_for(
        self, session: AsyncSession, topic: Topic, *, difficulty: int = 1
    ) -> Lesson: ...


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class LoopDeps:
    lessons: LessonSource
    graph: Graph = field(default_factory=build_graph)
    agent: TopicAgent | None = None
    search: Search | None = None
    agent_timeout: float = 8.0
    clock: Callable[[], datetime] = _utcnow


def loop_deps(
    lessons: LessonSource,
    *,
    llm: LlmConfig | LlmGateway | None = None,
    search: Search | None = None,
    checkpointer: BaseCheckpointSaver[str] | None = None,
    agent_timeout: float = 8.0,
) -> LoopDeps:
    """The loop as production runs it: the LLM agent (through the given gateway, or one
    built from the config) when a model is configured, plan
    history in the given checkpointer (flows.checkpoint.postgres_checkpointer)."""
    return LoopDeps(
        lessons=lessons,
        graph=build_graph(checkpointer),
        agent=LlmTopicAgent(llm) if llm else None,
        search=search,
        agent_timeout=agent_timeout,
    )


class LoopError(Exception):
    """Bad input from a learner's client; the message says what was wrong."""


class UnknownQuestion(LoopError):
    pass


class InvalidOption(LoopError):
    pass


class NotYourQuiz(LoopError):
    """The delivery named by an answer went to someone else, or carried another lesson."""


def quiz_prompt(
    question: Question, *, delivery_id: int | None, total: int, position: int | None = None
) -> QuizPrompt:
    return QuizPrompt(
        question_id=question.id,
        stem=question.stem,
        options=[
            QuizOption(index=i, label=LABELS[i], text=str(text))
            for i, text in enumerate(question.options)
        ],
        delivery_id=delivery_id,
        position=question.position if position is None else position,
        total=total,
    )


def _citation(raw: dict[str, Any] | None) -> Citation | None:
    if not raw or "chunk_id" not in raw:
        return None
    return Citation.model_validate(raw)


def local_date(learner: Learner, now: datetime) -> date:
    return now.astimezone(ZoneInfo(learner.timezone or "UTC")).date()


async def todays_lesson(
    session: AsyncSession,
    deps: LoopDeps,
    learner: Learner,
    *,
    delivery_id: int | None = None,
    on: date | None = None,
) -> LessonMessage | None:
    """Today's lesson with its first question; None when the learner is not active or no
    topic has a lesson it can send. When today's topic has none (no quiz, no approved
    version, no material), the next candidate is taught instead, so a due learner always
    gets a lesson. Asking again the same local day returns the same lesson."""
    if learner.status != "active":
        return None
    now = deps.clock()
    ctx = NextTopicContext(session, now, deps.agent, deps.search, deps.agent_timeout)
    for plan in await next_topics(deps.graph, ctx, learner.id, on or local_date(learner, now)):
        found = await _sendable_lesson(session, deps, plan["topic_id"])
        if found is not None:
            return await _compose(session, learner, plan, *found, delivery_id)
    return None


async def _sendable_lesson(
    session: AsyncSession, deps: LoopDeps, topic_id: int
) -> tuple[Topic, Lesson] | None:
    """The topic's lesson if it may be sent (a topic without one is listed for admins
    under GET /api/v1/topics and never sent), or the approved lesson offered instead."""
    topic = await session.get(Topic, topic_id)
    if topic is None:
        return None
    try:
        lesson = await deps.lessons.lesson_for(session, topic)
    except (NoMaterial, LessonBlocked):
        return None
    except LessonPending as pending:  # no approved version yet: the next approved topic
        if pending.instead is None:
            return None
        lesson = pending.instead
        topic = await session.get(Topic, lesson.topic_id) or topic
    return (topic, lesson) if sendable(lesson) else None


async def _compose(
    session: AsyncSession,
    learner: Learner,
    plan: Plan,
    topic: Topic,
    lesson: Lesson,
    delivery_id: int | None,
) -> LessonMessage:
    questions = list(lesson.questions)
    first = questions[0] if questions else None
    if plan["kind"] == "review" and len(questions) > 1:
        first = await _review_question(session, learner.id, questions)
    return LessonMessage(
        delivery_id=delivery_id,
        lesson_id=lesson.id,
        topic_slug=topic.slug,
        topic_title=topic.title,
        title=lesson.title,
        body=lesson.body,
        key_points=[str(p) for p in lesson.key_points],
        scenario=lesson.scenario,
        citations=[c for c in map(_citation, lesson.citations) if c is not None],
        reason=plan["reason"],
        quiz=quiz_prompt(first, delivery_id=delivery_id, total=len(questions), position=0)
        if first
        else None,
    )


@functools.cache
def _planner_without_history() -> Graph:
    return build_graph()


async def requested_lesson(
    session: AsyncSession, deps: LoopDeps, learner: Learner
) -> LessonMessage | None:
    """The lesson a learner asked for: today's; once it is finished, an extra one chosen by
    the same policy (planned without history, so tomorrow's scheduled lesson is unaffected)."""
    lesson = await todays_lesson(session, deps, learner)
    if lesson is not None and await learning.answered_whole_lesson(
        session, learner.id, lesson.lesson_id
    ):
        extra = replace(deps, graph=_planner_without_history())
        lesson = await todays_lesson(session, extra, learner)
    return lesson


async def _review_question(
    session: AsyncSession, learner_id: int, questions: list[Question]
) -> Question:
    """A review asks what the learner has not been asked yet, else what was asked longest
    ago, so it is not the lesson's own quiz again."""
    last_asked = await learning.last_asked(session, learner_id, [q.id for q in questions])
    never = [q for q in questions if q.id not in last_asked]
    return never[0] if never else min(questions, key=lambda q: last_asked[q.id])


async def answer(
    session: AsyncSession,
    learner_id: int,
    question_id: int,
    chosen_option: int,
    *,
    delivery_id: int | None = None,
    response_ms: int | None = None,
    channel: str = "slack",
    now: datetime | None = None,
) -> Feedback:
    """Grade an answer. A repeated answer (double click, retried webhook) changes nothing
    and returns the first answer's feedback with `already_answered`."""
    siblings = await content.lesson_questions_of(session, question_id)
    question = next((q for q in siblings if q.id == question_id), None)
    if question is None:
        raise UnknownQuestion(f"question {question_id} does not exist")
    if not 0 <= chosen_option < len(question.options):
        raise InvalidOption(
            f"option {chosen_option} is not one of the {len(question.options)} choices"
        )
    if delivery_id is not None and not await learning.delivery_matches(
        session, learner_id=learner_id, question_id=question.id, delivery_id=delivery_id
    ):
        raise NotYourQuiz(f"delivery {delivery_id} is not this learner's quiz")
    now = now or _utcnow()
    correct = chosen_option == question.correct_option
    if response_ms is None and delivery_id is not None:
        # Measured here for every channel alike: from the delivery leaving to the answer
        # (Slack: to the click; SMS: to the reply). Recorded, not graded (flows.review).
        sent = await learning.sent_at(session, delivery_id)
        if sent is not None:
            response_ms = max(0, int((now - sent).total_seconds() * 1000))
    # One round trip records the answer (unless already recorded) and reads the cards.
    recorded, rows = await learning.record_response_reading_cards(
        session,
        learner_id=learner_id,
        question_id=question.id,
        topic_id=question.topic_id,
        delivery_id=delivery_id,
        chosen_option=chosen_option,
        correct=correct,
        response_ms=response_ms,
        channel=channel,
    )
    repeated = recorded is None
    if repeated:
        first = await learning.first_answer(session, learner_id, question.id, delivery_id)
        if first is not None:
            chosen_option, correct = first.chosen_option, first.correct
    later = [q for q in siblings if q.position > question.position]
    cards = {row.question_id: review.from_row(row) for row in rows}
    if not repeated:  # the FSRS review, saved with the progress counters in one statement
        state = cards.get(question.id) or review.new_card(question.id, question.topic_id, now)
        state = review.review(state, review.rating_for(correct), now)
        cards[question.id] = state
        await learning.save_card_and_progress(
            session,
            review.row_fields(learner_id, state),
            answered=1,
            correct=int(correct),
            lessons=0 if later else 1,
        )
    topic_cards = [c for c in cards.values() if c.topic_id == question.topic_id]
    mastery_percent = round(review.mastery(topic_cards, now) * 100)
    return Feedback(
        question_id=question.id,
        delivery_id=delivery_id,
        correct=correct,
        chosen_label=LABELS[chosen_option],
        correct_label=LABELS[question.correct_option],
        correct_text=str(question.options[question.correct_option]),
        explanation=question.explanation,
        citation=_citation(question.citation),
        already_answered=repeated,
        next_quiz=quiz_prompt(later[0], delivery_id=delivery_id, total=len(siblings))
        if later
        else None,
        mastery_percent=mastery_percent,
        lesson_complete=not later,
    )


class LoopComposer:
    """The delivery layer's lesson composer: each learner's own next lesson, in a
    transaction of its own (a generated lesson is committed with it)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], deps: LoopDeps) -> None:
        self.sessions, self.deps = sessions, deps

    async def __call__(self, learner_id: int, on: date, delivery_id: int) -> LessonMessage | None:
        async with self.sessions() as session:
            learner = await learners.get(session, learner_id)
            if learner is None:
                return None
            message = await todays_lesson(
                session, self.deps, learner, delivery_id=delivery_id, on=on
            )
            await session.commit()
            return message


async def set_paused(session: AsyncSession, learner: Learner, paused: bool) -> Learner:
    """Pause or resume daily lessons; an opted-out learner stays opted out."""
    if learner.status == "opted_out":
        return learner
    return await learners.update_fields(session, learner, status="paused" if paused else "active")
