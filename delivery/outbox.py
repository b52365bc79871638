"""Exactly-once sends on top of the deliveries outbox.

States: queued -> sending -> sent | failed (| skipped). A delivery found in `sending` at
the start of an attempt was interrupted after it may have reached the provider, so the
caller must reconcile with the provider before sending again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery.errors import SendFailed
from storage.db import driver_connection, transaction
from storage.models import Learner
from storage.repositories import deliveries, learners


@dataclass(frozen=True)
class Attempt:
    delivery_id: int
    learner_id: int
    kind: str
    local_date: date | None
    attempts: int
    created_at: datetime
    interrupted: bool  # a previous attempt may have reached the provider: reconcile first


async def start(
    sessions: async_sessionmaker[AsyncSession],
    *,
    learner_id: int,
    kind: str,
    key: str,
    local_date: date | None,
) -> tuple[int, Attempt | None, Learner | None]:
    """Claim the delivery for `key` and start an attempt, atomically in one statement;
    returns the delivery id, the attempt (None when already final) and the learner."""
    async with driver_connection(sessions) as connection:
        started = await deliveries.start_attempt(
            connection,
            learner_id=learner_id,
            kind=kind,
            idempotency_key=key,
            local_date=local_date,
        )
    if started.final:
        return started.delivery_id, None, None
    assert started.attempts is not None and started.created_at is not None
    attempt = Attempt(
        delivery_id=started.delivery_id,
        learner_id=learner_id,
        kind=started.kind or kind,
        local_date=started.local_date,
        attempts=started.attempts,
        created_at=started.created_at,
        interrupted=started.previous_status == "sending",
    )
    return started.delivery_id, attempt, started.learner


@dataclass(frozen=True)
class Sent:
    """Where a message went: the channel and the provider's id for it."""

    channel: str
    provider_message_id: str
    provider_channel: str | None


async def mark_sent(
    sessions: async_sessionmaker[AsyncSession],
    delivery_id: int,
    sent: Sent,
    *,
    lesson_id: int | None = None,
    topic_id: int | None = None,
    error: str | None = None,
) -> None:
    async with driver_connection(sessions) as connection:
        await deliveries.record_sent(
            connection,
            delivery_id,
            channel=sent.channel,
            provider_message_id=sent.provider_message_id,
            provider_channel=sent.provider_channel,
            lesson_id=lesson_id,
            topic_id=topic_id,
            error=error,
        )


async def mark_failed(
    sessions: async_sessionmaker[AsyncSession], delivery_id: int, error: str, status: str = "failed"
) -> None:
    async with driver_connection(sessions) as connection:
        await deliveries.record_outcome(connection, delivery_id, status, error[:2000])


async def note_error(
    sessions: async_sessionmaker[AsyncSession], delivery_id: int, error: str
) -> None:
    """Record the latest transient error; the delivery stays in `sending` for the retry."""
    async with driver_connection(sessions) as connection:
        await deliveries.record_error(connection, delivery_id, error[:2000])


async def settle_send_failure(
    sessions: async_sessionmaker[AsyncSession],
    delivery_id: int,
    exc: SendFailed,
    *,
    last_try: bool,
) -> str:
    """A permanent failure, or the last try, is recorded as failed (returns "failed"); a
    transient one is noted and raised again so the queue retries the job."""
    reason = f"{exc.channel}: {exc.code}"
    if exc.permanent or last_try:
        await mark_failed(sessions, delivery_id, reason)
        return "failed"
    await note_error(sessions, delivery_id, reason)
    raise exc


async def remember_dm_channel(
    sessions: async_sessionmaker[AsyncSession], learner_id: int, channel: str
) -> None:
    async with transaction(sessions) as session:
        await learners.set_dm_channel(session, learner_id, channel)
