"""Learners and their enrolments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, Enrollment, Learner
from storage.recall import RECALL


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


async def set_email_opt_out(session: AsyncSession, learner_id: int, opted_out: bool) -> bool:
    """Stop (or resume) e-mail for a learner; False when there is no such learner."""
    result = await session.execute(
        update(Learner).where(Learner.id == learner_id).values(email_opted_out=opted_out)
    )
    return bool(getattr(result, "rowcount", 0))


async def set_dm_channel(session: AsyncSession, learner_id: int, channel: str) -> None:
    """Remember the learner's Slack DM channel, so later sends skip conversations.open."""
    await session.execute(
        update(Learner).where(Learner.id == learner_id).values(slack_dm_channel=channel)
    )


# One statement builds the whole progress document, so a read costs one round trip.
# Mastery is the mean recall probability of the topic's cards now, by the FSRS-6
# forgetting curve of flows.review (storage.recall).
PROGRESS_SQL = text(f"""
WITH l AS (SELECT id, status FROM learners WHERE id = :id AND erased_at IS NULL),
r AS (
  SELECT topic_id, count(*) AS answered, count(*) FILTER (WHERE correct) AS correct
  FROM quiz_responses WHERE learner_id = :id AND topic_id IS NOT NULL GROUP BY topic_id
),
c AS (
  SELECT topic_id, count(*) AS cards, count(*) FILTER (WHERE due <= now()) AS due,
         avg({RECALL}) AS mastery
  FROM review_cards WHERE learner_id = :id GROUP BY topic_id
),
t AS (
  SELECT tp.id, tp.slug, tp.title, tp.position, coalesce(r.answered, 0) AS answered,
         coalesce(r.correct, 0) AS correct, coalesce(c.cards, 0) AS cards,
         coalesce(c.due, 0) AS due, c.mastery
  FROM r FULL JOIN c USING (topic_id) JOIN topics tp ON tp.id = coalesce(r.topic_id, c.topic_id)
),
tot AS (
  SELECT count(*) AS answered, count(*) FILTER (WHERE correct) AS correct,
         max(created_at) AS last_at
  FROM quiz_responses WHERE learner_id = :id
)
SELECT json_build_object(
  'learner_id', l.id,
  'status', l.status,
  'answered', tot.answered,
  'correct', tot.correct,
  'accuracy', round(tot.correct::numeric / nullif(tot.answered, 0), 4),
  'due_reviews', (SELECT coalesce(sum(due), 0) FROM c),
  'last_answer_at', tot.last_at,
  'enrollments', coalesce((
    SELECT json_agg(json_build_object(
      'track', e.track, 'status', e.status, 'lessons_completed', e.lessons_completed,
      'questions_answered', e.questions_answered, 'correct_answers', e.correct_answers,
      'started_at', e.started_at, 'completed_at', e.completed_at) ORDER BY e.id)
    FROM enrollments e WHERE e.learner_id = l.id), '[]'::json),
  'topics', coalesce((
    SELECT json_agg(json_build_object(
      'topic_id', t.id, 'slug', t.slug, 'title', t.title, 'answered', t.answered,
      'correct', t.correct,
      'accuracy', round(t.correct::numeric / nullif(t.answered, 0), 4),
      'cards', t.cards, 'due', t.due, 'mastery', round(t.mastery::numeric, 4))
      ORDER BY t.position, t.id)
    FROM t), '[]'::json)
)::text
FROM l, tot
""")


# Progress reads that arrive together are answered by one statement: one document per id.
PROGRESS_BATCH_SQL = (
    "SELECT q.id, ("
    + PROGRESS_SQL.text.replace(":id", "q.id")
    + ") FROM unnest($1::bigint[]) AS q(id)"
)


async def progress_document(session: AsyncSession, learner_id: int) -> str | None:
    """The learner's progress as a JSON document (None for an unknown or erased learner)."""
    document = await session.scalar(PROGRESS_SQL, {"id": learner_id})
    return None if document is None else str(document)


async def erase_personal_data(session: AsyncSession, learner_id: int) -> None:
    """Personal data goes; answers, enrolments and review state stay as anonymous rows."""
    await session.execute(
        update(Learner)
        .where(Learner.id == learner_id)
        .values(
            name="Erased learner",
            email=None,
            phone=None,
            slack_user_id=None,
            slack_team_id=None,
            slack_dm_channel=None,
            status="opted_out",
            erased_at=text("now()"),
            updated_at=text("now()"),
        )
    )
    await session.execute(
        update(Delivery).where(Delivery.learner_id == learner_id).values(provider_channel=None)
    )


async def owner_of_delivery(session: AsyncSession, delivery_id: int) -> int | None:
    return await session.scalar(select(Delivery.learner_id).where(Delivery.id == delivery_id))


_ACTIVE_SLACK_LEARNER = select(Learner.id).where(
    Learner.slack_user_id == bindparam("slack_user_id"), Learner.erased_at.is_(None)
)


async def active_id_by_slack_user(session: AsyncSession, slack_user_id: str) -> int | None:
    """The id of the (not erased) learner with this Slack user id, without loading them."""
    result = await session.execute(_ACTIVE_SLACK_LEARNER, {"slack_user_id": slack_user_id})
    return result.scalar_one_or_none()
