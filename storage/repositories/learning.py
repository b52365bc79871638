"""Review cards (FSRS state) and quiz responses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import QuizResponse, ReviewCard


async def card(session: AsyncSession, learner_id: int, question_id: int) -> ReviewCard | None:
    return await session.get(ReviewCard, (learner_id, question_id))


async def cards_for(session: AsyncSession, learner_id: int) -> list[ReviewCard]:
    result = await session.execute(select(ReviewCard).where(ReviewCard.learner_id == learner_id))
    return list(result.scalars())


async def due_cards(
    session: AsyncSession, learner_id: int, now: datetime, limit: int = 20
) -> list[ReviewCard]:
    result = await session.execute(
        select(ReviewCard)
        .where(ReviewCard.learner_id == learner_id, ReviewCard.due <= now)
        .order_by(ReviewCard.due)
        .limit(limit)
    )
    return list(result.scalars())


async def save_card(session: AsyncSession, **fields: Any) -> None:
    """Insert or replace one learner x question card."""
    stmt = insert(ReviewCard).values(**fields)
    keys = ("learner_id", "question_id")
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=list(keys),
            set_={k: stmt.excluded[k] for k in fields if k not in keys},
        )
    )


async def record_response(session: AsyncSession, **fields: Any) -> QuizResponse | None:
    """Record an answer once. Returns None when this (learner, delivery, question) was
    already answered: a retried or double click changes nothing."""
    result = await session.execute(
        insert(QuizResponse)
        .values(**fields)
        .on_conflict_do_nothing(constraint="uq_quiz_responses_once")
        .returning(QuizResponse)
    )
    return result.scalar_one_or_none()


async def responses_for(
    session: AsyncSession, learner_id: int, question_ids: Sequence[int] | None = None
) -> list[QuizResponse]:
    stmt = select(QuizResponse).where(QuizResponse.learner_id == learner_id)
    if question_ids is not None:
        stmt = stmt.where(QuizResponse.question_id.in_(question_ids))
    result = await session.execute(stmt.order_by(QuizResponse.created_at))
    return list(result.scalars())
