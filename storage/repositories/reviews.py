"""Lesson review: which lessons may reach learners, the review queue and its decisions.

A lesson's `review_status` is `auto` (stored while review was off), `pending` (waits for a
reviewer), `approved` or `rejected`. Which of these may be delivered depends on the review
mode: `off` delivers everything but rejected lessons, `new` holds back lessons still
pending, `all` delivers only what a reviewer approved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.models import Chunk, Document, Lesson, Topic

ReviewMode = Literal["off", "new", "all"]
REVIEW_MODES: tuple[ReviewMode, ...] = ("off", "new", "all")

_DELIVERABLE: dict[str, tuple[str, ...]] = {
    "off": ("auto", "approved", "pending"),
    "new": ("auto", "approved"),
    "all": ("approved",),
}
# What a reviewer is asked to look at under each mode.
_AWAITING: dict[str, tuple[str, ...]] = {
    "off": ("pending",),
    "new": ("pending",),
    "all": ("pending", "auto"),
}
# Lessons that were served at some time: a stale one is still the last approved version
# of its topic until the regenerated one is approved.
_SERVED_STATUSES = ("ready", "stale")


def deliverable(mode: str) -> tuple[str, ...]:
    return _DELIVERABLE[mode]


def may_deliver(lesson: Lesson, mode: str) -> bool:
    return lesson.review_status in _DELIVERABLE[mode]


def new_lesson_status(mode: str) -> str:
    """The review status a newly generated lesson is stored with."""
    return "auto" if mode == "off" else "pending"


def _served_by(mode: str) -> ColumnElement[bool]:
    return and_(Lesson.status.in_(_SERVED_STATUSES), Lesson.review_status.in_(_DELIVERABLE[mode]))


async def last_deliverable(
    session: AsyncSession, topic_id: int, difficulty: int, mode: str
) -> str | None:
    """Cache key of the newest lesson of this topic and level that learners may get
    (a current one before a stale one), or None."""
    return await session.scalar(
        select(Lesson.cache_key)
        .where(Lesson.topic_id == topic_id, Lesson.difficulty == difficulty, _served_by(mode))
        .order_by((Lesson.status == "ready").desc(), Lesson.id.desc())
        .limit(1)
    )


async def next_deliverable_topic(
    session: AsyncSession, topic: Topic, difficulty: int, mode: str
) -> Topic | None:
    """The next topic of the same track, in curriculum order and wrapping around, that has
    a lesson learners may get."""
    has_lesson = (
        select(Lesson.id)
        .where(Lesson.topic_id == Topic.id, Lesson.difficulty == difficulty, _served_by(mode))
        .exists()
    )
    later = or_(
        Topic.position > topic.position,
        and_(Topic.position == topic.position, Topic.id > topic.id),
    )
    return await session.scalar(
        select(Topic)
        .where(Topic.track == topic.track, Topic.id != topic.id, has_lesson)
        .order_by(later.desc(), Topic.position, Topic.id)
        .limit(1)
    )


async def queue(
    session: AsyncSession, mode: str, *, status: str | None, limit: int, offset: int
) -> tuple[list[tuple[Lesson, str]], int]:
    """Lessons (with questions) and their topic slugs, oldest first, and the total: those
    awaiting a decision under the mode, or those with the given review status."""
    statuses = _AWAITING[mode] if status is None else (status,)
    where = and_(Lesson.review_status.in_(statuses), Lesson.status.in_(("ready", "rejected")))
    total = await session.scalar(select(func.count()).select_from(Lesson).where(where))
    rows = await session.execute(
        select(Lesson, Topic.slug)
        .join(Topic, Topic.id == Lesson.topic_id)
        .where(where)
        .order_by(Lesson.id)
        .limit(limit)
        .offset(offset)
        .options(selectinload(Lesson.questions))
    )
    return [(lesson, slug) for lesson, slug in rows.all()], int(total or 0)


async def lesson_for_review(
    session: AsyncSession, lesson_id: int, *, lock: bool
) -> tuple[Lesson, str] | None:
    """A lesson with its questions and its topic slug; locked when a decision follows."""
    stmt = (
        select(Lesson, Topic.slug)
        .join(Topic, Topic.id == Lesson.topic_id)
        .where(Lesson.id == lesson_id)
        .options(selectinload(Lesson.questions))
    )
    if lock:
        stmt = stmt.with_for_update(of=Lesson)
    row = (await session.execute(stmt)).first()
    return None if row is None else (row[0], row[1])


async def previous_version(session: AsyncSession, lesson: Lesson, mode: str) -> Lesson | None:
    """The version learners got before this one: the newest earlier deliverable lesson of
    the same topic and level."""
    return await session.scalar(
        select(Lesson)
        .where(
            Lesson.topic_id == lesson.topic_id,
            Lesson.difficulty == lesson.difficulty,
            Lesson.id < lesson.id,
            _served_by(mode),
        )
        .order_by(Lesson.id.desc())
        .limit(1)
        .options(selectinload(Lesson.questions))
    )


def decide(lesson: Lesson, decision: str, reviewer: str, reason: str = "") -> None:
    """Record a reviewer's decision; a rejected lesson is never served again."""
    lesson.review_status = decision
    lesson.reviewed_by = reviewer
    lesson.reviewed_at = datetime.now(UTC)
    lesson.review_reason = reason
    if decision == "rejected":
        lesson.status = "rejected"


async def passages(session: AsyncSession, chunk_ids: Sequence[int]) -> list[tuple[Chunk, str, str]]:
    """The chunks with these ids (active or retired), with their document's title and
    source, in the order given."""
    if not chunk_ids:
        return []
    rows = await session.execute(
        select(Chunk, Document.title, Document.source_uri)
        .join(Document, Document.id == Chunk.document_id)
        .where(Chunk.id.in_(list(chunk_ids)))
    )
    found = {chunk.id: (chunk, title, uri) for chunk, title, uri in rows.all()}
    return [found[i] for i in chunk_ids if i in found]
