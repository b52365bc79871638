"""One reminder for an unanswered quiz: after `nudge_after_hours`, at most one a day,
never in the learner's quiet hours, on the channel the lesson went out on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from delivery import outbox
from delivery.errors import SendFailed
from delivery.scheduler import Schedule, may_message_now, nudge_key
from delivery.slack.blocks import notification_text, nudge_blocks
from delivery.sms.text import nudge_text
from delivery.worker import DeliveryRuntime, slack_channel
from flows.messages import Nudge
from storage.db import transaction
from storage.models import Delivery, Learner, Lesson, QuizResponse

# Sent lessons old enough to nudge, unanswered, whose learner has no nudge that day.
CANDIDATES_SQL = """
SELECT d.id AS delivery_id, d.learner_id, d.local_date, l.timezone, l.quiet_hours_start,
       l.quiet_hours_end, l.status
FROM deliveries d JOIN learners l ON l.id = d.learner_id
WHERE d.kind = 'lesson' AND d.status = 'sent' AND d.local_date IS NOT NULL
  AND d.sent_at <= CAST(:now AS timestamptz) - make_interval(hours => :hours)
  AND d.sent_at > CAST(:now AS timestamptz) - interval '24 hours'
  AND l.status = 'active' AND l.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM quiz_responses q
                  WHERE q.delivery_id = d.id AND q.learner_id = d.learner_id)
  AND NOT EXISTS (
      SELECT 1 FROM deliveries n
      WHERE n.idempotency_key
            = 'nudge:' || d.learner_id || ':' || to_char(d.local_date, 'YYYY-MM-DD')
  )
"""

QUEUE_NUDGES_SQL = """
WITH wanted AS (
    SELECT * FROM unnest(CAST(:learners AS bigint[]), CAST(:lessons AS bigint[]),
                         CAST(:dates AS date[])) AS w(learner_id, lesson_delivery_id, local_date)
), claimed AS (
    INSERT INTO deliveries (learner_id, channel, kind, idempotency_key, status, local_date)
    SELECT learner_id, 'slack', 'nudge',
           'nudge:' || learner_id || ':' || to_char(local_date, 'YYYY-MM-DD'), 'queued', local_date
    FROM wanted
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING learner_id, local_date, idempotency_key
)
INSERT INTO procrastinate_jobs (queue_name, task_name, priority, lock, queueing_lock, args)
SELECT 'deliveries', 'bmo:send_nudge', 0, 'learner:' || c.learner_id, c.idempotency_key,
       jsonb_build_object('learner_id', c.learner_id, 'lesson_delivery_id', w.lesson_delivery_id,
                          'local_date', to_char(c.local_date, 'YYYY-MM-DD'))
FROM claimed c JOIN wanted w ON w.learner_id = c.learner_id AND w.local_date = c.local_date
ON CONFLICT DO NOTHING
"""


async def schedule_nudges(runtime: DeliveryRuntime, now: dt.datetime) -> int:
    hours = runtime.config.nudge_after_hours
    async with transaction(runtime.sessions) as session:
        rows = (await session.execute(text(CANDIDATES_SQL), {"now": now, "hours": hours})).all()
        allowed = [
            r
            for r in rows
            if may_message_now(
                Schedule(
                    timezone=r.timezone,
                    quiet_start=r.quiet_hours_start,
                    quiet_end=r.quiet_hours_end,
                    status=r.status,
                ),
                now,
            )
        ]
        if not allowed:
            return 0
        result = await session.execute(
            text(QUEUE_NUDGES_SQL),
            {
                "learners": [r.learner_id for r in allowed],
                "lessons": [r.delivery_id for r in allowed],
                "dates": [r.local_date for r in allowed],
            },
        )
        return int(getattr(result, "rowcount", 0) or 0)


async def send_nudge(
    runtime: DeliveryRuntime,
    learner_id: int,
    lesson_delivery_id: int,
    local_date: dt.date,
    *,
    last_try: bool = False,
) -> str:
    delivery_id = await outbox.claim(
        runtime.sessions,
        learner_id=learner_id,
        kind="nudge",
        key=nudge_key(learner_id, local_date),
        local_date=local_date,
    )
    attempt = await outbox.begin(runtime.sessions, delivery_id)
    if attempt is None:
        return "already_done"
    async with runtime.sessions() as session:
        learner = await session.get(Learner, learner_id)
        lesson_delivery = await session.get(Delivery, lesson_delivery_id)
        answered = await session.scalar(
            select(QuizResponse.id)
            .where(
                QuizResponse.delivery_id == lesson_delivery_id,
                QuizResponse.learner_id == learner_id,  # the owner's answers only
            )
            .limit(1)
        )
        lesson = (
            await session.get(Lesson, lesson_delivery.lesson_id)
            if lesson_delivery is not None and lesson_delivery.lesson_id
            else None
        )
    schedule = (
        Schedule(
            timezone=learner.timezone,
            quiet_start=learner.quiet_hours_start,
            quiet_end=learner.quiet_hours_end,
            status=learner.status,
        )
        if learner is not None
        else None
    )
    now = dt.datetime.now(dt.UTC)
    if learner is None or lesson_delivery is None or answered or schedule is None:
        await outbox.mark_failed(runtime.sessions, delivery_id, "not needed", "skipped")
        return "skipped"
    if not may_message_now(schedule, now):
        await outbox.mark_failed(runtime.sessions, delivery_id, "quiet hours", "skipped")
        return "skipped"
    nudge = Nudge(
        delivery_id=lesson_delivery_id,
        learner_name=learner.name.split()[0] if learner.name else "there",
        lesson_title=lesson.title if lesson is not None else "today's lesson",
    )
    channel = lesson_delivery.channel
    team = learner.slack_team_id or runtime.config.default_team
    try:
        if channel == "sms" and runtime.sms is not None and learner.phone:
            if learner.sms_opted_out:
                await outbox.mark_failed(runtime.sessions, delivery_id, "sms opted out", "skipped")
                return "skipped"
            provider_id = await runtime.sms.send(learner.phone, nudge_text(nudge), delivery_id)
            provider_channel: str | None = learner.phone
        elif runtime.slack is not None and learner.slack_user_id:
            dm = await slack_channel(runtime, learner, team)
            sent = await runtime.slack.post(
                team,
                dm,
                delivery_id,
                text=notification_text(nudge),
                blocks=nudge_blocks(nudge),
            )
            provider_id, provider_channel, channel = sent.ts, sent.channel, "slack"
        else:
            await outbox.mark_failed(runtime.sessions, delivery_id, "no_channel", "skipped")
            return "skipped"
    except SendFailed as exc:
        return await outbox.settle_send_failure(
            runtime.sessions, delivery_id, exc, last_try=last_try
        )
    await outbox.mark_sent(
        runtime.sessions,
        delivery_id,
        channel=channel,
        provider_message_id=provider_id,
        provider_channel=provider_channel,
    )
    return "sent"
