"""The one way out. Every outbound message (the daily lesson, a nudge, a welcome, a "Next
lesson" reply) leaves through `dispatch`:

    claim -> reconcile -> build -> channel -> render -> paced send -> fallback -> record
    -> count

The idempotency key makes the message exist once. An attempt that finds its delivery
already `sending` was interrupted after it may have reached the provider, so it first
looks for that message (Slack history, a Twilio SID reported meanwhile) and records it
instead of sending again. A permanent failure on one channel falls through to the next in
the learner's order; a transient one is noted and raised so the queue retries the job.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import structlog

from delivery import outbox
from delivery.channels import Channel, Content, channel_order
from delivery.errors import PermanentSendError, SendFailed
from delivery.outbox import Sent
from delivery.runtime import DeliveryRuntime
from storage.metrics import DELIVERIES
from storage.models import Learner
from storage.repositories import deliveries

log = structlog.get_logger("bmo.delivery")

NO_CHANNEL = "none"
SHOWN = {"slack": "Slack", "sms": "SMS", "email": "e-mail"}  # in the recorded notes


@dataclass(frozen=True)
class Ready:
    """A message built for its delivery, and where it may go."""

    content: Content
    channels: Sequence[str] | None = None  # None: the learner's own order
    lesson_id: int | None = None
    topic_id: int | None = None


@dataclass(frozen=True)
class Skip:
    """Nothing to send after all (answered already, quiet hours, no lesson)."""

    reason: str
    status: str = "skipped"


# Builds the message once the delivery is claimed (its id goes into buttons and links).
Build = Callable[[Learner, int], Awaitable[Ready | Skip]]


@dataclass(frozen=True)
class Outbound:
    learner_id: int
    kind: str  # lesson | nudge | welcome | reply
    key: str  # from storage.repositories.outbound
    build: Build
    local_date: date | None = None
    # A learner no channel reaches: a lesson has failed; a welcome is simply not needed.
    unreachable: str = "failed"


def count(kind: str, channel: str, outcome: str) -> None:
    DELIVERIES.labels(outcome, channel, kind).inc()


def reachable(runtime: DeliveryRuntime, learner: Learner) -> dict[str, Channel]:
    return {name: ch for name, ch in runtime.channels().items() if ch.reaches(learner)}


async def dispatch(runtime: DeliveryRuntime, out: Outbound, *, last_try: bool = False) -> str:
    """Send `out` exactly once. Returns the outcome (sent, reconciled, skipped, failed,
    already_done); a transient failure raises for the queue to retry, unless `last_try`."""
    delivery_id, attempt, learner = await outbox.start(
        runtime.sessions,
        learner_id=out.learner_id,
        kind=out.kind,
        key=out.key,
        local_date=out.local_date,
    )
    if attempt is None:
        return "already_done"
    if learner is None or learner.status != "active" or learner.erased_at is not None:
        return await _give_up(runtime, out.kind, delivery_id, Skip("learner inactive"))
    started = time.perf_counter()
    channels = reachable(runtime, learner)
    try:
        if attempt.interrupted:
            found = await _reconcile(runtime, delivery_id, learner, out.key, attempt.created_at)
            if found is not None:
                count(out.kind, found.channel, "reconciled")
                return "reconciled"
        ready = await out.build(learner, delivery_id)
        if isinstance(ready, Skip):
            return await _give_up(runtime, out.kind, delivery_id, ready)
        order = (
            [name for name in ready.channels if name in channels]
            if ready.channels is not None
            else channel_order(learner, set(channels), runtime.config, datetime.now(UTC))
        )
        if not order:
            reason = "no_channel: no reachable channel for this learner"
            return await _give_up(runtime, out.kind, delivery_id, Skip(reason, out.unreachable))
        sent, note = await _send_in_order(
            [channels[name] for name in order], learner, ready.content, delivery_id, out
        )
    except SendFailed as exc:
        final = exc.permanent or last_try
        if exc.permanent:
            log.warning("delivery.failed", delivery_id=delivery_id, error=exc.code)
        count(out.kind, exc.channel, "failed" if final else "retried")
        return await outbox.settle_send_failure(
            runtime.sessions, delivery_id, exc, last_try=last_try
        )
    await outbox.mark_sent(
        runtime.sessions,
        delivery_id,
        sent,
        lesson_id=ready.lesson_id,
        topic_id=ready.topic_id,
        error=note,
    )
    count(out.kind, sent.channel, "sent")
    # Every send is recorded in the outbox row (sent_at, provider ids); the line is detail.
    log.debug(
        "delivery.sent",
        delivery_id=delivery_id,
        kind=out.kind,
        channel=sent.channel,
        ms=round((time.perf_counter() - started) * 1000, 1),
    )
    return "sent"


async def _send_in_order(
    order: list[Channel], learner: Learner, content: Content, delivery_id: int, out: Outbound
) -> tuple[Sent, str | None]:
    """Try each channel in turn; a permanent failure falls through to the next."""
    notes: list[str] = []
    for position, channel in enumerate(order):
        try:
            sent = await channel.send(learner, content, delivery_id, out.key)
        except PermanentSendError as exc:
            if position == len(order) - 1:
                raise
            following = order[position + 1].name
            log.info("delivery.fallback", delivery_id=delivery_id, error=exc.code, to=following)
            count(out.kind, channel.name, "fallback")
            notes.append(f"{exc.channel}: {exc.code}; sent by {SHOWN.get(following, following)}")
            continue
        return sent, ("; ".join(notes) or None)
    raise AssertionError("no channel to send by")  # order is never empty here


async def _reconcile(
    runtime: DeliveryRuntime, delivery_id: int, learner: Learner, key: str, since: datetime
) -> Sent | None:
    """After an interrupted attempt: did the message reach the learner? Record it if so."""
    async with runtime.sessions() as session:
        delivery = await deliveries.get(session, delivery_id)
    found: Sent | None = None
    if delivery is not None and delivery.provider_message_id:
        # e.g. Twilio's status callback already told us the SID
        found = Sent(delivery.channel, delivery.provider_message_id, delivery.provider_channel)
    else:
        for channel in reachable(runtime, learner).values():
            try:
                found = await channel.find_delivered(learner, delivery_id, key, since)
            except PermanentSendError:
                continue  # e.g. the Slack user is gone: nothing went out there
            if found is not None:
                break
    if found is None:
        return None
    log.info("delivery.reconciled", delivery_id=delivery_id, channel=found.channel)
    await outbox.mark_sent(runtime.sessions, delivery_id, found)
    return found


async def _give_up(runtime: DeliveryRuntime, kind: str, delivery_id: int, skip: Skip) -> str:
    await outbox.mark_failed(runtime.sessions, delivery_id, skip.reason, skip.status)
    count(kind, NO_CHANNEL, skip.status)
    return skip.status
