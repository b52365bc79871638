"""What a delivery job does: choose the channel, reconcile, render, send once, record.

`DeliveryRuntime` bundles what jobs need (sessions, senders, the lesson composer); the
composition root builds it and hands it to the queue worker as job context.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import outbox
from delivery.errors import PermanentSendError, SendFailed
from delivery.scheduler import lesson_key
from delivery.slack.blocks import lesson_blocks, notification_text
from delivery.slack.sender import SlackSender
from delivery.sms.sender import SmsSender
from delivery.sms.text import lesson_text
from flows.messages import LessonMessage
from storage.models import Learner
from storage.repositories import deliveries

log = structlog.get_logger("bmo.delivery")

# Builds today's lesson for a learner; the delivery id goes into quiz buttons.
LessonComposer = Callable[[int, date, int], Awaitable[LessonMessage | None]]
RECONCILE_MARGIN = 120.0  # seconds of clock skew tolerated when searching history


@dataclass
class DeliveryConfig:
    sms_fallback_after_days: int = 3
    nudge_after_hours: int = 4
    default_team: str = "default"


@dataclass
class DeliveryRuntime:
    sessions: async_sessionmaker[AsyncSession]
    compose: LessonComposer
    slack: SlackSender | None = None
    sms: SmsSender | None = None
    config: DeliveryConfig = field(default_factory=DeliveryConfig)
    ingest: Callable[[str], Awaitable[object]] | None = None  # document ingestion job
    regenerate: Callable[[], Awaitable[int]] | None = None  # stale lesson regeneration

    async def aclose(self) -> None:
        for sender in (self.slack, self.sms):
            if sender is not None:
                await sender.aclose()


def choose_channel(
    learner: Learner, runtime: DeliveryRuntime, now: datetime, slack_failed: bool = False
) -> str | None:
    """Slack first; SMS when preferred, when Slack is out of reach, or when the learner
    has not engaged in Slack for `sms_fallback_after_days`."""
    sms_ok = runtime.sms is not None and bool(learner.phone) and not learner.sms_opted_out
    slack_ok = runtime.slack is not None and bool(learner.slack_user_id) and not slack_failed
    if sms_ok and learner.preferred_channel == "sms":
        return "sms"
    if slack_ok and sms_ok:
        since = learner.last_engaged_at or learner.created_at
        if now - since > timedelta(days=runtime.config.sms_fallback_after_days):
            return "sms"
    if slack_ok:
        return "slack"
    return "sms" if sms_ok else None


async def slack_channel(runtime: DeliveryRuntime, learner: Learner, team: str) -> str:
    assert runtime.slack is not None and learner.slack_user_id
    if learner.slack_dm_channel:
        return learner.slack_dm_channel
    channel = await runtime.slack.open_dm(team, learner.slack_user_id)
    await outbox.remember_dm_channel(runtime.sessions, learner.id, channel)
    return channel


async def _reconcile(
    runtime: DeliveryRuntime, attempt: outbox.Attempt, learner: Learner, team: str
) -> bool:
    """After an interrupted attempt: did the message reach the learner? Record it if so."""
    async with runtime.sessions() as session:
        delivery = await deliveries.get(session, attempt.delivery_id)
    if delivery is not None and delivery.provider_message_id:
        # e.g. Twilio's status callback already told us the SID
        await outbox.mark_sent(
            runtime.sessions,
            attempt.delivery_id,
            channel=delivery.channel,
            provider_message_id=delivery.provider_message_id,
            provider_channel=delivery.provider_channel,
        )
        return True
    if runtime.slack is None or not learner.slack_user_id:
        return False
    channel = await slack_channel(runtime, learner, team)
    oldest = attempt.created_at.timestamp() - RECONCILE_MARGIN
    found = await runtime.slack.find_delivered(team, channel, attempt.delivery_id, oldest)
    if found is None:
        return False
    log.info("delivery.reconciled", delivery_id=attempt.delivery_id, ts=found.ts)
    await outbox.mark_sent(
        runtime.sessions,
        attempt.delivery_id,
        channel="slack",
        provider_message_id=found.ts,
        provider_channel=found.channel,
    )
    return True


async def _send(
    runtime: DeliveryRuntime, channel: str, learner: Learner, team: str, message: LessonMessage
) -> tuple[str, str | None]:
    """Send on one channel; return (provider message id, provider channel)."""
    delivery_id = message.delivery_id or 0
    if channel == "slack":
        assert runtime.slack is not None
        dm = await slack_channel(runtime, learner, team)
        sent = await runtime.slack.post(
            team,
            dm,
            delivery_id,
            text=notification_text(message),
            blocks=lesson_blocks(message),
        )
        return sent.ts, sent.channel
    assert runtime.sms is not None and learner.phone
    sid = await runtime.sms.send(learner.phone, lesson_text(message), delivery_id)
    return sid, learner.phone


async def deliver_lesson(
    runtime: DeliveryRuntime, learner_id: int, local_date: date, *, last_try: bool = False
) -> str:
    """Send `local_date`'s lesson to the learner exactly once. Returns the outcome.
    Transient failures raise (the queue retries with backoff) unless `last_try`."""
    delivery_id, attempt, learner = await outbox.start(
        runtime.sessions,
        learner_id=learner_id,
        kind="lesson",
        key=lesson_key(learner_id, local_date),
        local_date=local_date,
    )
    if attempt is None:
        return "already_done"
    if learner is None or learner.status != "active" or learner.erased_at is not None:
        await outbox.mark_failed(runtime.sessions, delivery_id, "learner inactive", "skipped")
        return "skipped"
    team = learner.slack_team_id or runtime.config.default_team
    started = time.perf_counter()
    try:
        if attempt.interrupted and await _reconcile(runtime, attempt, learner, team):
            return "reconciled"
        channel = choose_channel(learner, runtime, datetime.now(UTC))
        if channel is None:
            await outbox.mark_failed(runtime.sessions, delivery_id, "no_channel: no Slack or phone")
            return "failed"
        message = await runtime.compose(learner_id, local_date, delivery_id)
        if message is None:
            await outbox.mark_failed(runtime.sessions, delivery_id, "no_lesson", "skipped")
            return "skipped"
        message = message.model_copy(update={"delivery_id": delivery_id})
        if message.quiz is not None:
            message.quiz = message.quiz.model_copy(update={"delivery_id": delivery_id})
        note: str | None = None
        try:
            provider_id, provider_channel = await _send(runtime, channel, learner, team, message)
        except PermanentSendError as exc:
            fallback = choose_channel(learner, runtime, datetime.now(UTC), slack_failed=True)
            if channel != "slack" or fallback != "sms":
                raise
            log.info("delivery.fallback_sms", delivery_id=delivery_id, error=exc.code)
            note, channel = f"slack: {exc.code}; sent by SMS", "sms"
            provider_id, provider_channel = await _send(runtime, channel, learner, team, message)
    except SendFailed as exc:
        if exc.permanent:
            log.warning("delivery.failed", delivery_id=delivery_id, error=exc.code)
        return await outbox.settle_send_failure(
            runtime.sessions, delivery_id, exc, last_try=last_try
        )
    await outbox.mark_sent(
        runtime.sessions,
        delivery_id,
        channel=channel,
        provider_message_id=provider_id,
        provider_channel=provider_channel,
        lesson_id=message.lesson_id,
        error=note,
    )
    # Every send is recorded in the outbox row (sent_at, provider ids); the line is detail.
    log.debug(
        "delivery.sent",
        delivery_id=delivery_id,
        channel=channel,
        ms=round((time.perf_counter() - started) * 1000, 1),
    )
    return "sent"
