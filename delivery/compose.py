"""Turning a stored lesson into the channel-neutral message a delivery sends.

`StoredLessonComposer` serves one stored lesson (with its first question) to every
learner, loaded once and copied per delivery: the composer for benchmarks and for a
deployment without the learning loop wired; the loop's composer picks per learner.
"""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flows.messages import LessonMessage, QuizOption, QuizPrompt
from knowledge.lesson_status import sendable
from storage.models import Lesson, Topic
from storage.repositories import content

LABELS = "ABCD"


def lesson_message(lesson: Lesson, topic: Topic) -> LessonMessage:
    quiz = None
    if lesson.questions:
        q = lesson.questions[0]
        quiz = QuizPrompt(
            question_id=q.id,
            stem=q.stem,
            options=[
                QuizOption(index=i, label=LABELS[i], text=str(option))
                for i, option in enumerate(q.options[: len(LABELS)])
            ],
            total=len(lesson.questions),
        )
    return LessonMessage(
        lesson_id=lesson.id,
        topic_slug=topic.slug,
        topic_title=topic.title,
        title=lesson.title,
        body=lesson.body,
        key_points=[str(p) for p in lesson.key_points],
        scenario=lesson.scenario,
        quiz=quiz,
    )


class StoredLessonComposer:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], lesson_id: int) -> None:
        self.sessions = sessions
        self.lesson_id = lesson_id
        self._message: LessonMessage | None = None
        self._loading = asyncio.Lock()  # the first deliveries of a push wait for one load

    async def __call__(
        self, learner_id: int, local_date: date, delivery_id: int
    ) -> LessonMessage | None:
        if self._message is None:
            async with self._loading:
                await self._load()
        if self._message is None:
            return None
        return self._message.model_copy(update={"delivery_id": delivery_id})

    async def _load(self) -> None:
        if self._message is None:
            async with self.sessions() as session:
                lesson = await content.lesson_with_questions(session, self.lesson_id)
                topic = await session.get(Topic, lesson.topic_id) if lesson else None
                if lesson is not None and topic is not None and sendable(lesson):
                    self._message = lesson_message(lesson, topic)
