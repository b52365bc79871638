"""Review cards (FSRS state) and quiz responses.

The statements run on every answer are built once per set of columns and executed with
fresh parameters, so SQLAlchemy reuses their compiled form instead of rebuilding them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Row,
    Table,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import Enrollment, Learner, Question, QuizResponse, ReviewCard

_CARDS = cast(Table, ReviewCard.__table__)
_CARD_KEYS = ("learner_id", "question_id")
_CARD_COLUMNS = tuple(c.key for c in _CARDS.columns)

_CARD_ROWS = select(*_CARDS.columns).where(ReviewCard.learner_id == bindparam("learner_id"))
_TOPIC_CARD_ROWS = _CARD_ROWS.where(
    or_(
        ReviewCard.topic_id == bindparam("topic_id"),
        ReviewCard.question_id == bindparam("question_id"),
    )
)
_LAST_MISSED = (
    select(QuizResponse.topic_id, func.max(QuizResponse.created_at))
    .where(
        QuizResponse.learner_id == bindparam("learner_id"),
        QuizResponse.correct.is_(False),
        QuizResponse.topic_id.is_not(None),
    )
    .group_by(QuizResponse.topic_id)
)

_card_upserts: dict[tuple[str, ...], Insert] = {}
_response_inserts: dict[tuple[str, ...], ReturningInsert[QuizResponse]] = {}
_RESPONSES = cast(Table, QuizResponse.__table__)
_answer_reads: dict[tuple[str, ...], Any] = {}


async def card(session: AsyncSession, learner_id: int, question_id: int) -> ReviewCard | None:
    return await session.get(ReviewCard, (learner_id, question_id))


async def cards_for(session: AsyncSession, learner_id: int) -> list[ReviewCard]:
    result = await session.execute(select(ReviewCard).where(ReviewCard.learner_id == learner_id))
    return list(result.scalars())


async def card_rows(
    session: AsyncSession,
    learner_id: int,
    *,
    topic_id: int | None = None,
    question_id: int | None = None,
) -> list[Row[Any]]:
    """The learner's cards as plain rows read from the database (the columns of
    ReviewCard, without the cost of ORM objects). With `topic_id`, only that topic's cards
    plus the card of `question_id`, if any."""
    if topic_id is None:
        result = await session.execute(_CARD_ROWS, {"learner_id": learner_id})
    else:
        result = await session.execute(
            _TOPIC_CARD_ROWS,
            {"learner_id": learner_id, "topic_id": topic_id, "question_id": question_id},
        )
    return list(result.all())


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


def _card_upsert(names: tuple[str, ...]) -> Insert:
    stmt = _card_upserts.get(names)
    if stmt is None:
        base = insert(_CARDS)
        stmt = base.on_conflict_do_update(
            index_elements=list(_CARD_KEYS),
            set_={k: base.excluded[k] for k in names if k not in _CARD_KEYS},
        )
        _card_upserts[names] = stmt
    return stmt


async def save_card(session: AsyncSession, **fields: Any) -> None:
    """Insert or replace one learner x question card."""
    unknown = set(fields) - set(_CARD_COLUMNS)
    if unknown:
        raise TypeError(f"unknown review card columns: {sorted(unknown)}")
    await session.execute(_card_upsert(tuple(fields)), fields)


def _response_insert(names: tuple[str, ...]) -> ReturningInsert[QuizResponse]:
    found = _response_inserts.get(names)
    if found is None:
        found = _response_inserts[names] = (
            insert(QuizResponse)
            .values({k: bindparam(k) for k in names})
            .on_conflict_do_nothing(constraint="uq_quiz_responses_once")
            .returning(QuizResponse)
        )
    return found


async def record_response(session: AsyncSession, **fields: Any) -> QuizResponse | None:
    """Record an answer once. Returns None when this (learner, delivery, question) was
    already answered: a retried or double click changes nothing."""
    result = await session.execute(_response_insert(tuple(fields)), fields)
    return result.scalar_one_or_none()


async def responses_for(
    session: AsyncSession, learner_id: int, question_ids: Sequence[int] | None = None
) -> list[QuizResponse]:
    stmt = select(QuizResponse).where(QuizResponse.learner_id == learner_id)
    if question_ids is not None:
        stmt = stmt.where(QuizResponse.question_id.in_(question_ids))
    result = await session.execute(stmt.order_by(QuizResponse.created_at))
    return list(result.scalars())


_RECENT_ANSWERS = text("""
SELECT question_id, topic_id, correct, created_at FROM (
  SELECT question_id, topic_id, correct, created_at FROM quiz_responses
  WHERE learner_id = :learner_id AND topic_id IS NOT NULL
  ORDER BY created_at DESC LIMIT :limit
) recent ORDER BY created_at
""")


async def recent_answers(
    session: AsyncSession, learner_id: int, limit: int = 300
) -> list[tuple[int, int, bool, datetime]]:
    """The learner's latest answers, oldest first: (question, topic, correct, when)."""
    result = await session.execute(_RECENT_ANSWERS, {"learner_id": learner_id, "limit": limit})
    return [(int(r[0]), int(r[1]), bool(r[2]), r[3]) for r in result.all()]


async def sent_at(session: AsyncSession, delivery_id: int) -> datetime | None:
    """When a delivery left (None if it has not, or does not exist)."""
    result = await session.execute(
        text("SELECT sent_at FROM deliveries WHERE id = :id"), {"id": delivery_id}
    )
    return result.scalar_one_or_none()


async def last_missed(session: AsyncSession, learner_id: int) -> dict[int, datetime]:
    """Topic id -> time of the learner's latest wrong answer on that topic."""
    result = await session.execute(_LAST_MISSED, {"learner_id": learner_id})
    return {int(topic_id): at for topic_id, at in result.all() if topic_id is not None}


_ENROLLMENTS = cast(Table, Enrollment.__table__)
_LEARNERS = cast(Table, Learner.__table__)
# One statement: the learner's active enrolment counters and their last engagement (an
# unreferenced data-modifying WITH still runs, exactly once). Parameter names differ from
# column names, which an UPDATE would take for values to set.
_ANSWER_PROGRESS = (
    update(_LEARNERS)
    .where(_LEARNERS.c.id == bindparam("answering_learner"))
    .values(last_engaged_at=func.now())
    .add_cte(
        update(_ENROLLMENTS)
        .where(
            _ENROLLMENTS.c.learner_id == bindparam("answering_learner"),
            _ENROLLMENTS.c.status == "active",
        )
        .values(
            lessons_completed=_ENROLLMENTS.c.lessons_completed + bindparam("lessons"),
            questions_answered=_ENROLLMENTS.c.questions_answered + bindparam("answered"),
            correct_answers=_ENROLLMENTS.c.correct_answers + bindparam("correct"),
        )
        .cte("progress")
    )
)


async def record_answer_progress(
    session: AsyncSession, learner_id: int, *, lessons: int, answered: int, correct: int
) -> None:
    """Count an answer on the learner's active enrolment and mark them engaged now."""
    await session.execute(
        _ANSWER_PROGRESS,
        {
            "answering_learner": learner_id,
            "lessons": lessons,
            "answered": answered,
            "correct": correct,
        },
    )


def _answer_read(names: tuple[str, ...]) -> Any:
    """INSERT the response unless already recorded, and read the learner's cards of its
    topic (plus the card of its question) as they were before: one statement. A row with
    no card columns stands for "no cards", so the response id always comes back."""
    found = _answer_reads.get(names)
    if found is None:
        recorded = (
            insert(_RESPONSES)
            .values({k: bindparam(k) for k in names})
            .on_conflict_do_nothing(constraint="uq_quiz_responses_once")
            .returning(_RESPONSES.c.id)
            .cte("recorded")
        )
        one = select(literal_column("1").label("one")).subquery("one")
        cards = one.outerjoin(
            _CARDS,
            and_(
                _CARDS.c.learner_id == bindparam("learner_id"),
                or_(
                    _CARDS.c.topic_id == bindparam("topic_id"),
                    _CARDS.c.question_id == bindparam("question_id"),
                ),
            ),
        )
        found = _answer_reads[names] = select(
            select(recorded.c.id).scalar_subquery().label("recorded_response_id"),
            *_CARDS.columns,
        ).select_from(cards)
    return found


async def record_response_reading_cards(
    session: AsyncSession, **fields: Any
) -> tuple[int | None, list[Row[Any]]]:
    """Record an answer once (as `record_response`) and read the learner's cards of the
    answer's topic, and of its question, in the same round trip. Returns the new
    response's id (None when this answer was already recorded) and the card rows."""
    rows = (await session.execute(_answer_read(tuple(fields)), fields)).all()
    response_id = rows[0].recorded_response_id if rows else None
    return response_id, [row for row in rows if row.question_id is not None]


_CARD_INSERT = insert(_CARDS).values({k: bindparam(f"card_{k}") for k in _CARD_COLUMNS})
_CARD_SAVE = _CARD_INSERT.on_conflict_do_update(
    index_elements=list(_CARD_KEYS),
    set_={k: _CARD_INSERT.excluded[k] for k in _CARD_COLUMNS if k not in _CARD_KEYS},
).cte("saved_card")
_CARD_AND_PROGRESS = _ANSWER_PROGRESS.add_cte(_CARD_SAVE)


async def save_card_and_progress(
    session: AsyncSession,
    card: dict[str, Any],
    *,
    lessons: int,
    answered: int,
    correct: int,
) -> None:
    """`save_card` and `record_answer_progress` for the card's learner, in one statement."""
    if set(card) != set(_CARD_COLUMNS):
        raise TypeError(f"a review card needs exactly the columns {sorted(_CARD_COLUMNS)}")
    params: dict[str, Any] = {f"card_{k}": v for k, v in card.items()}
    params.update(
        answering_learner=card["learner_id"],
        lessons=lessons,
        answered=answered,
        correct=correct,
    )
    await session.execute(_CARD_AND_PROGRESS, params)


_OWNED_DELIVERY = text(
    """
    SELECT 1 FROM deliveries d JOIN questions q ON q.id = :question_id
    WHERE d.id = :delivery_id AND d.learner_id = :learner_id
      AND (d.lesson_id IS NULL OR d.lesson_id = q.lesson_id)
    """
)


async def delivery_matches(
    session: AsyncSession, *, learner_id: int, question_id: int, delivery_id: int
) -> bool:
    """Whether the delivery went to this learner and carried this question's lesson."""
    found = await session.execute(
        _OWNED_DELIVERY,
        {"learner_id": learner_id, "question_id": question_id, "delivery_id": delivery_id},
    )
    return found.first() is not None


async def last_asked(
    session: AsyncSession, learner_id: int, question_ids: Sequence[int]
) -> dict[int, datetime]:
    """Question id -> when the learner last answered it, for the questions answered."""
    result = await session.execute(
        select(QuizResponse.question_id, func.max(QuizResponse.created_at))
        .where(QuizResponse.learner_id == learner_id, QuizResponse.question_id.in_(question_ids))
        .group_by(QuizResponse.question_id)
    )
    return {int(question_id): at for question_id, at in result.all()}


async def first_answer(
    session: AsyncSession, learner_id: int, question_id: int, delivery_id: int | None
) -> QuizResponse | None:
    """The answer recorded first for this question (and delivery, or none)."""
    stmt = select(QuizResponse).where(
        QuizResponse.learner_id == learner_id,
        QuizResponse.question_id == question_id,
        QuizResponse.delivery_id.is_(None)
        if delivery_id is None
        else QuizResponse.delivery_id == delivery_id,
    )
    return (await session.execute(stmt.order_by(QuizResponse.id).limit(1))).scalar_one_or_none()


async def answered_whole_lesson(session: AsyncSession, learner_id: int, lesson_id: int) -> bool:
    """Whether the learner has answered every question of the lesson."""
    asked = select(Question.id).where(Question.lesson_id == lesson_id)
    answered = await session.execute(
        select(func.count(func.distinct(QuizResponse.question_id))).where(
            QuizResponse.learner_id == learner_id, QuizResponse.question_id.in_(asked)
        )
    )
    total = await session.execute(select(func.count()).select_from(asked.subquery()))
    count = int(total.scalar_one())
    return count > 0 and int(answered.scalar_one()) >= count


async def answer_times(session: AsyncSession, learner_id: int) -> list[datetime]:
    """When the learner answered, every answer (for streaks)."""
    result = await session.execute(
        select(QuizResponse.created_at).where(QuizResponse.learner_id == learner_id)
    )
    return list(result.scalars())
