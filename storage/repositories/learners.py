"""Learners and their enrolments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Enrollment, Learner


async def get(session: AsyncSession, learner_id: int) -> Learner | None:
    return await session.get(Learner, learner_id)


async def by_slack_user(session: AsyncSession, slack_user_id: str) -> Learner | None:
    result = await session.execute(select(Learner).where(Learner.slack_user_id == slack_user_id))
    return result.scalar_one_or_none()


async def by_phone(session: AsyncSession, phone: str) -> Learner | None:
    result = await session.execute(
        select(Learner).where(Learner.phone == phone).order_by(Learner.id).limit(1)
    )
    return result.scalar_one_or_none()


async def all_by_phone(session: AsyncSession, phone: str) -> list[Learner]:
    """Every live learner on this number (one, unless old data shares a number)."""
    result = await session.execute(
        select(Learner)
        .where(Learner.phone == phone, Learner.erased_at.is_(None))
        .order_by(Learner.id)
    )
    return list(result.scalars())


async def phone_taken(session: AsyncSession, phone: str, *, other_than: int | None = None) -> bool:
    """Whether another live learner already has this number."""
    stmt = select(Learner.id).where(Learner.phone == phone, Learner.erased_at.is_(None))
    if other_than is not None:
        stmt = stmt.where(Learner.id != other_than)
    return (await session.execute(stmt.limit(1))).first() is not None


async def by_email(session: AsyncSession, email: str) -> Learner | None:
    result = await session.execute(select(Learner).where(Learner.email == email.lower()))
    return result.scalar_one_or_none()


async def create(session: AsyncSession, **fields: Any) -> Learner:
    if fields.get("email"):
        fields["email"] = str(fields["email"]).lower()
    learner = Learner(**fields)
    session.add(learner)
    await session.flush()
    await session.refresh(learner)
    return learner


async def update_fields(session: AsyncSession, learner: Learner, **fields: Any) -> Learner:
    for key, value in fields.items():
        setattr(learner, key, value)
    learner.updated_at = func.now()
    await session.flush()
    await session.refresh(learner)
    return learner


async def list_page(
    session: AsyncSession, *, limit: int = 50, offset: int = 0, status: str | None = None
) -> list[Learner]:
    stmt = select(Learner).where(Learner.erased_at.is_(None)).order_by(Learner.id)
    if status:
        stmt = stmt.where(Learner.status == status)
    result = await session.execute(stmt.limit(limit).offset(offset))
    return list(result.scalars())


async def enroll(session: AsyncSession, learner_id: int, track: str) -> Enrollment:
    """Enrol once per track; enrolling again returns the existing enrolment."""
    await session.execute(
        insert(Enrollment)
        .values(learner_id=learner_id, track=track)
        .on_conflict_do_nothing(constraint="uq_enrollments_learner_track")
    )
    result = await session.execute(
        select(Enrollment).where(Enrollment.learner_id == learner_id, Enrollment.track == track)
    )
    return result.scalar_one()


async def enrollments(session: AsyncSession, learner_id: int) -> list[Enrollment]:
    result = await session.execute(
        select(Enrollment).where(Enrollment.learner_id == learner_id).order_by(Enrollment.id)
    )
    return list(result.scalars())


async def record_progress(
    session: AsyncSession,
    learner_id: int,
    *,
    lessons: int = 0,
    answered: int = 0,
    correct: int = 0,
) -> None:
    await session.execute(
        update(Enrollment)
        .where(Enrollment.learner_id == learner_id, Enrollment.status == "active")
        .values(
            lessons_completed=Enrollment.lessons_completed + lessons,
            questions_answered=Enrollment.questions_answered + answered,
            correct_answers=Enrollment.correct_answers + correct,
        )
    )
