"""Nudges: one reminder for an unanswered quiz after N hours, at most one a day, never in
quiet hours, and none once the learner has answered."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from delivery.nudges import schedule_nudges
from delivery.worker import deliver_lesson
from storage.db import transaction
from storage.models import Delivery, Learner, Question, QuizResponse
from tests.delivery.support import TODAY, job_states, runtime_for, seed, wait_until_final, workers
from tests.support.fake_slack import FakeSlack


async def test_one_nudge_for_an_unanswered_quiz_and_none_in_quiet_hours_or_after_answering(
    database_url: str, fake_slack: FakeSlack
) -> None:
    world = await seed(database_url, 3)
    runtime = runtime_for(world, fake_slack)
    waiting, quiet, answered = world.learner_ids
    now = datetime.now(UTC)
    try:
        for learner_id in world.learner_ids:
            assert await deliver_lesson(runtime, learner_id, TODAY) == "sent"
        async with transaction(world.sessions) as session:
            await session.execute(
                update(Delivery).values(sent_at=now - timedelta(hours=5), local_date=TODAY)
            )
            await session.execute(
                update(Learner)
                .where(Learner.id == quiet)
                .values(
                    quiet_hours_start=(now - timedelta(hours=1)).time().replace(microsecond=0),
                    quiet_hours_end=(now + timedelta(hours=1)).time().replace(microsecond=0),
                )
            )
            lesson_delivery = await session.scalar(
                select(Delivery).where(Delivery.learner_id == answered)
            )
            question = await session.scalar(select(Question))
            assert lesson_delivery is not None and question is not None
            session.add(
                QuizResponse(
                    learner_id=answered,
                    question_id=question.id,
                    delivery_id=lesson_delivery.id,
                    chosen_option=1,
                    correct=True,
                    channel="slack",
                )
            )
        assert await schedule_nudges(runtime, now) == 1
        assert await schedule_nudges(runtime, now) == 0  # at most one a day
        async with workers(database_url, runtime, count=1):
            await wait_until_final(world, 3)
            for _ in range(100):
                if (await job_states(world)).get("succeeded") == 1:
                    break
                await asyncio.sleep(0.1)
        async with world.sessions() as session:
            nudges = list(
                (await session.execute(select(Delivery).where(Delivery.kind == "nudge"))).scalars()
            )
        assert [(n.learner_id, n.status) for n in nudges] == [(waiting, "sent")]
        texts = [m.text for m in fake_slack.messages]
        assert sum("is waiting" in t for t in texts) == 1
    finally:
        await runtime.aclose()
        await world.engine.dispose()
