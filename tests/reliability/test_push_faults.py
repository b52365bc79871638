"""A daily push under faults: Slack rate-limit storms, outages and time-outs, a database
that drops every connection mid-push, and a worker killed with SIGKILL. Each learner ends
with exactly one lesson or a recorded failure; nothing is sent twice."""

from __future__ import annotations

import asyncio
import signal
import subprocess
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import text

from delivery.queue import schedule_due_lessons
from storage.db import transaction
from tests.delivery.support import (
    World,
    lessons_per_dm,
    runtime_for,
    seed,
    start_worker,
    wait_until_final,
    workers,
)
from tests.support.fake_slack import FakeSlack

NINE_UTC = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


async def queue_push(world: World, learners: int) -> None:
    async with transaction(world.sessions) as session:
        assert await schedule_due_lessons(session, NINE_UTC) == learners


async def test_a_429_storm_outages_timeouts_and_a_gone_user_end_in_one_lesson_or_a_failure(
    database_url: str, fake_slack: FakeSlack
) -> None:
    learners = 8
    world = await seed(database_url, learners)
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1, times=6)  # a burst of 429s
    fake_slack.fail_next("chat.postMessage", times=2, status=500, error="internal_error")
    fake_slack.fail_next(
        "chat.postMessage", times=1, status=200, error="fatal_error", delay_seconds=2
    )
    fake_slack.fail_next("conversations.open", times=1, error="user_not_found")  # gone for good
    runtime = runtime_for(world, fake_slack, slack_timeout=1)
    try:
        await queue_push(world, learners)
        async with workers(database_url, runtime, count=2):
            rows = await wait_until_final(world, learners, timeout=60)
        statuses = Counter(r.status for r in rows)
        assert len(rows) == learners and statuses == {"sent": learners - 1, "failed": 1}
        [failed] = [r for r in rows if r.status == "failed"]
        assert failed.error == "slack: user_not_found"  # recorded, admins can see it
        per_dm = lessons_per_dm(fake_slack)
        assert len(per_dm) == learners - 1 and set(per_dm.values()) == {1}
        assert max(r.attempts for r in rows) >= 2
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_postgres_dropping_every_connection_mid_push_is_survived_without_duplicates(
    database_url: str, fake_slack: FakeSlack
) -> None:
    learners = 12
    world = await seed(database_url, learners)
    fake_slack.delay_seconds = 0.1
    runtime = runtime_for(world, fake_slack)
    try:
        await queue_push(world, learners)
        async with workers(database_url, runtime, count=2):
            await fake_slack.await_for("chat.postMessage", count=3, within=30)
            async with world.engine.connect() as conn:  # what a database restart does
                killed = await conn.scalar(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            assert killed and killed >= 1
            rows = await wait_until_final(world, learners, timeout=60)
        assert sorted(r.status for r in rows) == ["sent"] * learners
        per_dm = lessons_per_dm(fake_slack)
        assert len(per_dm) == learners and set(per_dm.values()) == {1}
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_worker_killed_with_sigkill_and_restarted_sends_each_lesson_once(
    database_url: str, fake_slack: FakeSlack
) -> None:
    learners = 16
    world = await seed(database_url, learners)
    fake_slack.delay_seconds = 0.1
    try:
        await queue_push(world, learners)
        first = start_worker(database_url, fake_slack, world.lesson_id)
        try:
            await fake_slack.await_for("chat.postMessage", count=4, within=60)
        finally:
            first.send_signal(signal.SIGKILL)
            await asyncio.to_thread(first.wait, 10)
        assert sum(lessons_per_dm(fake_slack).values()) < learners
        second = start_worker(database_url, fake_slack, world.lesson_id)
        try:
            rows = await wait_until_final(world, learners, timeout=60)
        finally:
            second.send_signal(signal.SIGINT)
            try:
                await asyncio.to_thread(second.wait, 20)
            except subprocess.TimeoutExpired:
                second.kill()
        assert sorted(r.status for r in rows) == ["sent"] * learners
        per_dm = lessons_per_dm(fake_slack)
        assert len(per_dm) == learners and set(per_dm.values()) == {1}
    finally:
        await world.engine.dispose()
