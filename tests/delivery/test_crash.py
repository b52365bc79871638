"""A worker killed mid-push: whatever it had sent is found again, nothing is sent twice,
and nobody is left without their lesson."""

from __future__ import annotations

import signal
import subprocess
from datetime import UTC, datetime

from delivery import outbox
from delivery.queue import schedule_due_lessons
from delivery.worker import deliver_lesson
from storage.db import transaction
from storage.models import Delivery
from storage.repositories.outbound import lesson_key
from tests.delivery.support import (
    TODAY,
    lessons_per_dm,
    runtime_for,
    seed,
    start_worker,
    wait_until_final,
)
from tests.support.fake_slack import FakeSlack

NINE_UTC = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


async def test_a_worker_killed_mid_push_and_restarted_sends_every_lesson_exactly_once(
    database_url: str, fake_slack: FakeSlack
) -> None:
    learners = 40
    world = await seed(database_url, learners)
    fake_slack.delay_seconds = 0.05  # a push that takes a while
    try:
        async with transaction(world.sessions) as session:
            assert await schedule_due_lessons(session, NINE_UTC) == learners
        first = start_worker(database_url, fake_slack, world.lesson_id)
        try:
            await fake_slack.await_for("chat.postMessage", count=10, within=60)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        sent_before_restart = sum(lessons_per_dm(fake_slack).values())
        assert sent_before_restart < learners  # killed in the middle of the push
        second = start_worker(database_url, fake_slack, world.lesson_id)
        try:
            rows = await wait_until_final(world, learners, timeout=90)
        finally:
            second.send_signal(signal.SIGINT)
            try:
                second.wait(20)
            except subprocess.TimeoutExpired:
                second.kill()
        assert sorted(r.status for r in rows) == ["sent"] * learners
        per_dm = lessons_per_dm(fake_slack)
        assert len(per_dm) == learners and set(per_dm.values()) == {1}
        by_ts = {m.ts for m in fake_slack.messages}
        assert all(r.provider_message_id in by_ts for r in rows)
    finally:
        await world.engine.dispose()


async def test_a_send_that_reached_slack_before_the_crash_is_reconciled_not_repeated(
    database_url: str, fake_slack: FakeSlack
) -> None:
    world = await seed(database_url, 1)
    runtime = runtime_for(world, fake_slack)
    learner_id = world.learner_ids[0]
    try:
        # A first attempt: claimed, marked sending, posted to Slack, then the worker died.
        delivery_id, attempt, _ = await outbox.start(
            world.sessions,
            learner_id=learner_id,
            kind="lesson",
            key=lesson_key(learner_id, TODAY),
            local_date=TODAY,
        )
        assert attempt is not None
        assert runtime.slack is not None
        posted = await runtime.slack.post("T1", "D000000", delivery_id, text="Today's lesson")
        # The retry finds it in the DM history and records it instead of sending again.
        assert await deliver_lesson(runtime, learner_id, TODAY) == "reconciled"
        assert fake_slack.count("chat.postMessage") == 1
        history = fake_slack.payloads("conversations.history")
        assert history and history[0]["include_all_metadata"] in (True, "1", "true", 1)
        async with world.sessions() as session:
            row = await session.get(Delivery, delivery_id)
        assert row is not None and row.status == "sent" and row.provider_message_id == posted.ts
        assert row.attempts == 2
        # And a delivery interrupted before it reached Slack is sent on retry, once.
        tomorrow = TODAY.replace(day=2)
        _, interrupted, _ = await outbox.start(
            world.sessions,
            learner_id=learner_id,
            kind="lesson",
            key=lesson_key(learner_id, tomorrow),
            local_date=tomorrow,
        )
        assert interrupted is not None
        assert await deliver_lesson(runtime, learner_id, tomorrow) == "sent"
        assert await deliver_lesson(runtime, learner_id, tomorrow) == "already_done"
        assert fake_slack.count("chat.postMessage") == 2
    finally:
        await runtime.aclose()
        await world.engine.dispose()
