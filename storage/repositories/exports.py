"""Quiz answers for exports (CSV, xAPI), with their question and topic, oldest first."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Question, QuizResponse, Topic

# (answer, question stem, options, correct option, topic slug or None)
AnswerRow = tuple[QuizResponse, str, list[Any], int, str | None]


def _answers(since: datetime | None, after_id: int = 0) -> Select[Any]:
    stmt = (
        select(QuizResponse, Question.stem, Question.options, Question.correct_option, Topic.slug)
        .join(Question, Question.id == QuizResponse.question_id)
        .outerjoin(Topic, Topic.id == QuizResponse.topic_id)
        .where(QuizResponse.id > after_id)
        .order_by(QuizResponse.id)
    )
    if since is not None:
        stmt = stmt.where(QuizResponse.created_at >= since)
    return stmt


async def answers_page(
    session: AsyncSession, since: datetime | None, after_id: int, limit: int
) -> Sequence[AnswerRow]:
    """Up to `limit` answers after `after_id` (and since `since`)."""
    rows = (await session.execute(_answers(since, after_id).limit(limit))).all()
    return [cast(AnswerRow, tuple(row)) for row in rows]


async def stream_answers(
    session: AsyncSession, since: datetime | None, batch: int = 500
) -> AsyncIterator[AnswerRow]:
    """Every answer since `since`, fetched `batch` rows at a time."""
    result = await session.stream(_answers(since).execution_options(yield_per=batch))
    async for row in result:
        yield cast(AnswerRow, tuple(row))
