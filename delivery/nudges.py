"""One reminder for an unanswered quiz: after `nudge_after_hours`, at most one a day,
never in the learner's quiet hours, on the channel the lesson went out on."""

from __future__ import annotations

import datetime as dt

from delivery.dispatch import Outbound, Ready, Skip, dispatch, reachable
from delivery.runtime import DeliveryRuntime
from delivery.scheduler import Schedule, may_message_now
from flows.messages import Nudge
from storage.db import transaction
from storage.models import Learner
from storage.repositories import outbound


def _schedule(learner: Learner) -> Schedule:
    return Schedule(
        timezone=learner.timezone,
        quiet_start=learner.quiet_hours_start,
        quiet_end=learner.quiet_hours_end,
        status=learner.status,
    )


async def schedule_nudges(runtime: DeliveryRuntime, now: dt.datetime) -> int:
    hours = runtime.config.nudge_after_hours
    async with transaction(runtime.sessions) as session:
        candidates = await outbound.nudge_candidates(session, now, hours)
        allowed = [
            c
            for c in candidates
            if may_message_now(
                Schedule(
                    timezone=c.timezone,
                    quiet_start=c.quiet_hours_start,
                    quiet_end=c.quiet_hours_end,
                    status=c.status,
                ),
                now,
            )
        ]
        return await outbound.queue_nudges(session, allowed)


async def send_nudge(
    runtime: DeliveryRuntime,
    learner_id: int,
    lesson_delivery_id: int,
    local_date: dt.date,
    *,
    last_try: bool = False,
) -> str:
    async def build(learner: Learner, delivery_id: int) -> Ready | Skip:
        async with runtime.sessions() as session:
            lesson = await outbound.nudge_subject(session, lesson_delivery_id)
        if lesson is None or lesson.answered:
            return Skip("not needed")
        if not may_message_now(_schedule(learner), dt.datetime.now(dt.UTC)):
            return Skip("quiet hours")
        channel = lesson.channel if lesson.channel in reachable(runtime, learner) else None
        if channel is None:
            return Skip(f"no_channel: the lesson's channel ({lesson.channel}) is out of reach")
        nudge = Nudge(
            delivery_id=lesson_delivery_id,
            learner_name=learner.name.split()[0] if learner.name else "there",
            lesson_title=lesson.title or "today's lesson",
        )
        return Ready(nudge, channels=[channel])

    return await dispatch(
        runtime,
        Outbound(
            learner_id, "nudge", outbound.nudge_key(learner_id, local_date), build, local_date
        ),
        last_try=last_try,
    )
