"""The deliveries outbox. An idempotency key makes each logical message exist once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import asyncpg
from sqlalchemy import func, inspect, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models import Delivery, Learner, Question

FINAL_STATUSES = ("sent", "failed", "skipped")

# One statement, so it is atomic on its own and costs one round trip: create the delivery
# for the key already in `sending` (a first attempt), or lock the existing row and move it
# to `sending` unless it is final; return what it was before, and the learner when an
# attempt starts. `held` locks the latest version of an existing row, so two workers on
# the same key serialize and the second sees the first one's `sending`.
_START_ATTEMPT = f"""
WITH fresh AS (
    INSERT INTO deliveries (learner_id, channel, kind, idempotency_key, status, attempts,
                            local_date)
    VALUES ($1, $2, $3, $4, 'sending', 1, $5)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, CAST('queued' AS varchar) AS was, attempts, created_at, kind, local_date
),
held AS (
    SELECT id, status FROM deliveries WHERE idempotency_key = $4 FOR UPDATE
),
moved AS (
    UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, updated_at = now()
    FROM held
    WHERE d.id = held.id AND held.status NOT IN {FINAL_STATUSES!r}
    RETURNING d.id, CAST(held.status AS varchar) AS was, d.attempts, d.created_at, d.kind,
              d.local_date
),
attempt AS (
    SELECT * FROM fresh
    UNION ALL SELECT * FROM moved
    UNION ALL SELECT id, CAST(status AS varchar), NULL, NULL, NULL, NULL FROM held
              WHERE status IN {FINAL_STATUSES!r}
)
SELECT a.id AS attempt_delivery_id, a.was AS attempt_was, a.attempts AS attempt_attempts,
       a.created_at AS attempt_created_at, a.kind AS attempt_kind,
       a.local_date AS attempt_local_date, l.*
FROM attempt a LEFT JOIN learners l ON l.id = $1 AND a.attempts IS NOT NULL
"""
_LEARNER_COLUMNS = [(attr.key, attr.columns[0].name) for attr in inspect(Learner).column_attrs]
_LEARNERS = inspect(Learner).class_manager


def _learner_snapshot(row: asyncpg.Record) -> Learner:
    """A detached Learner from the attempt's row, filled in directly as the ORM's own
    loading fills an instance: `Learner(**columns)` would fire a change event per column,
    some 50 µs of CPU per delivery."""
    learner = _LEARNERS.new_instance()
    learner.__dict__.update({key: row[name] for key, name in _LEARNER_COLUMNS})
    return learner


@dataclass(frozen=True)
class StartedAttempt:
    delivery_id: int
    previous_status: str  # "queued" for a first attempt, "sending" after an interrupted one
    attempts: int | None  # None when the delivery was already final
    created_at: datetime | None
    kind: str | None
    local_date: date | None
    learner: Learner | None  # a detached snapshot, loaded only when an attempt starts

    @property
    def final(self) -> bool:
        return self.attempts is None


async def claim(session: AsyncSession, **fields: Any) -> tuple[Delivery, bool]:
    """Create the delivery for `idempotency_key`, or return the existing one.
    The flag says whether this call created it."""
    created = await session.execute(
        insert(Delivery)
        .values(**fields)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(Delivery.id)
    )
    new_id = created.scalar_one_or_none()
    result = await session.execute(
        select(Delivery).where(Delivery.idempotency_key == fields["idempotency_key"])
    )
    return result.scalar_one(), new_id is not None


async def start_attempt(
    connection: asyncpg.Connection,
    *,
    learner_id: int,
    kind: str,
    idempotency_key: str,
    local_date: date | None,
    channel: str = "slack",
) -> StartedAttempt:
    """Claim the delivery for `idempotency_key` and start an attempt, in one statement."""
    params = (learner_id, channel, kind, idempotency_key, local_date)
    row = await connection.fetchrow(_START_ATTEMPT, *params)
    if row is None:
        # A concurrent first claim of the same key committed after this statement's
        # snapshot: the row exists now, so a second run sees and locks it.
        row = await connection.fetchrow(_START_ATTEMPT, *params)
        assert row is not None
    learner = _learner_snapshot(row) if row["id"] is not None else None
    return StartedAttempt(
        delivery_id=row["attempt_delivery_id"],
        previous_status=row["attempt_was"],
        attempts=row["attempt_attempts"],
        created_at=row["attempt_created_at"],
        kind=row["attempt_kind"],
        local_date=row["attempt_local_date"],
        learner=learner,
    )


# The outcomes of an attempt, each one autocommit statement on the worker's hot path.
_RECORD_SENT = """
UPDATE deliveries
SET status = 'sent', channel = $2, provider_message_id = $3, provider_channel = $4,
    sent_at = now(), error = $5, lesson_id = COALESCE($6, lesson_id),
    topic_id = COALESCE($7, topic_id), updated_at = now()
WHERE id = $1
"""
_RECORD_OUTCOME = "UPDATE deliveries SET status = $2, error = $3, updated_at = now() WHERE id = $1"
_RECORD_ERROR = "UPDATE deliveries SET error = $2, updated_at = now() WHERE id = $1"


async def record_sent(
    connection: asyncpg.Connection,
    delivery_id: int,
    *,
    channel: str,
    provider_message_id: str,
    provider_channel: str | None,
    lesson_id: int | None = None,
    topic_id: int | None = None,
    error: str | None = None,
) -> None:
    await connection.execute(
        _RECORD_SENT,
        delivery_id,
        channel,
        provider_message_id,
        provider_channel,
        error,
        lesson_id,
        topic_id,
    )


async def record_outcome(
    connection: asyncpg.Connection, delivery_id: int, status: str, error: str | None
) -> None:
    """A final status other than sent (failed, skipped) with its reason."""
    await connection.execute(_RECORD_OUTCOME, delivery_id, status, error)


async def record_error(connection: asyncpg.Connection, delivery_id: int, error: str) -> None:
    """The latest transient error; the status stays as it is for the retry."""
    await connection.execute(_RECORD_ERROR, delivery_id, error)


async def get(session: AsyncSession, delivery_id: int) -> Delivery | None:
    return await session.get(Delivery, delivery_id)


async def by_key(session: AsyncSession, idempotency_key: str) -> Delivery | None:
    result = await session.execute(
        select(Delivery).where(Delivery.idempotency_key == idempotency_key)
    )
    return result.scalar_one_or_none()


async def set_status(
    session: AsyncSession | AsyncConnection, delivery_id: int, status: str, **fields: Any
) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(status=status, updated_at=func.now(), **fields)
    )


async def by_provider_id(session: AsyncSession, provider_message_id: str) -> Delivery | None:
    result = await session.execute(
        select(Delivery).where(Delivery.provider_message_id == provider_message_id)
    )
    return result.scalar_one_or_none()


async def recent_for(session: AsyncSession, learner_id: int, limit: int = 20) -> list[Delivery]:
    result = await session.execute(
        select(Delivery)
        .where(Delivery.learner_id == learner_id)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
        .limit(limit)
    )
    return list(result.scalars())


async def question_was_delivered(
    session: AsyncSession, *, learner_id: int, delivery_id: int, question_id: int
) -> bool:
    """Whether the delivery went to this learner and carried this question's lesson: what
    an answer link claims, checked before it grades."""
    found = await session.execute(
        select(Question.id)
        .join(Delivery, Delivery.lesson_id == Question.lesson_id)
        .where(
            Delivery.id == delivery_id,
            Delivery.learner_id == learner_id,
            Question.id == question_id,
        )
    )
    return found.first() is not None


SENT_STATUSES = ("sent", "delivered", "opened")


async def lessons_delivered(session: AsyncSession, learner_id: int) -> int:
    """How many lessons reached the learner."""
    result = await session.execute(
        select(func.count())
        .select_from(Delivery)
        .where(
            Delivery.learner_id == learner_id,
            Delivery.kind == "lesson",
            Delivery.status.in_(SENT_STATUSES),
        )
    )
    return int(result.scalar_one())


async def latest_sent_lesson(session: AsyncSession, learner_id: int) -> Delivery | None:
    """The learner's most recently sent lesson delivery (the one a text answer is for)."""
    return await session.scalar(
        select(Delivery)
        .where(
            Delivery.learner_id == learner_id,
            Delivery.kind == "lesson",
            Delivery.status == "sent",
            Delivery.lesson_id.is_not(None),
        )
        .order_by(Delivery.sent_at.desc().nulls_last(), Delivery.id.desc())
        .limit(1)
    )


async def record_receipt(
    session: AsyncSession,
    provider_message_id: str,
    *,
    delivery_id: int | None = None,
    error: str | None = None,
) -> None:
    """A provider's delivery receipt: the delivery (by id when the callback names it, else
    by the provider's message id) gets the message id, and fails when `error` is given."""
    match = (
        Delivery.id == delivery_id
        if delivery_id is not None
        else Delivery.provider_message_id == provider_message_id
    )
    values: dict[str, Any] = {"provider_message_id": provider_message_id}
    if error is not None:
        values |= {"status": "failed", "error": error}
    await session.execute(update(Delivery).where(match).values(**values))
