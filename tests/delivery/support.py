"""Shared set-up for delivery tests: a database with learners and one stored lesson, a
delivery runtime wired to the fake Slack and Twilio servers, and real queue workers."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from delivery.compose import StoredLessonComposer
from delivery.pacing import LocalPacer, Pacer
from delivery.queue import build_queue, lost_database_connection, run_worker
from delivery.slack.sender import SlackSender, build_slack_client
from delivery.sms.sender import SmsSender, TwilioConfig, build_twilio_client
from delivery.worker import DeliveryConfig, DeliveryRuntime
from storage.db import create_engine, session_factory, transaction
from storage.models import Delivery, Learner, Lesson, Question, Topic
from storage.repositories import content
from tests.support.fake_slack import FakeSlack
from tests.support.fake_twilio import FakeTwilio

TODAY = date(2026, 6, 1)
FROM_NUMBER = "+15550000000"


@dataclass
class World:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    lesson_id: int
    learner_ids: list[int]


async def seed(
    database_url: str, learners: int, *, phones: bool = False, **fields: object
) -> World:
    engine = create_engine(database_url, pool_size=5)
    sessions = session_factory(engine)
    async with transaction(sessions) as session:
        topic = Topic(slug="apr", title="APR and interest")
        session.add(topic)
        await session.flush()
        lesson = await content.add_lesson(
            session,
            Lesson(
                topic_id=topic.id,
                cache_key="apr-v1",
                title="How APR works",
                body="APR is the yearly cost of borrowing. Pay in full to avoid interest.",
                key_points=["APR is yearly", "Grace periods avoid interest"],
                generator="offline",
                source_hash="x",
            ),
            [
                Question(
                    stem="When is no interest charged?",
                    options=["Never", "Paid in full by the due date", "Always", "On Mondays"],
                    correct_option=1,
                    explanation="Paying the full statement balance keeps the grace period.",
                )
            ],
        )
        ids = []
        for i in range(learners):
            row = Learner(
                name=f"Learner {i}",
                email=f"learner{i}@example.com",
                slack_user_id=f"U{i:06d}",
                slack_team_id="T1",
                phone=f"+1555{i:07d}" if phones else None,
                timezone="UTC",
                delivery_time=time(9, 0),
                last_engaged_at=datetime.now(UTC),
                **fields,
            )
            session.add(row)
            await session.flush()
            ids.append(row.id)
    return World(engine, sessions, lesson.id, ids)


def runtime_for(
    world: World,
    slack: FakeSlack | None,
    twilio: FakeTwilio | None = None,
    *,
    pacer: Pacer | None = None,
    slack_timeout: int = 2,
) -> DeliveryRuntime:
    pacer = pacer or LocalPacer(60_000)
    slack_sender = (
        SlackSender(build_slack_client("xoxb-test", slack.base_url, timeout=slack_timeout), pacer)
        if slack
        else None
    )
    sms_sender = None
    if twilio is not None:
        config = TwilioConfig(
            twilio.account_sid, twilio.auth_token, FROM_NUMBER, api_url=twilio.base_url
        )
        sms_sender = SmsSender(build_twilio_client(config), config, pacer)
    return DeliveryRuntime(
        sessions=world.sessions,
        compose=StoredLessonComposer(world.sessions, world.lesson_id),
        slack=slack_sender,
        sms=sms_sender,
        config=DeliveryConfig(),
    )


@contextlib.asynccontextmanager
async def workers(
    database_url: str, runtime: DeliveryRuntime, count: int = 2
) -> AsyncIterator[None]:
    """`count` real procrastinate workers in this event loop, each with its own App."""
    apps = [build_queue(database_url, periodic=False) for _ in range(count)]
    for app in apps:
        await app.open_async()
    tasks = [
        asyncio.create_task(
            run_worker(
                app,
                runtime,
                concurrency=4,
                install_signal_handlers=False,
                fetch_job_polling_interval=0.2,
            )
        )
        for app in apps
    ]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for app in apps:
            await app.close_async()


async def wait_until_final(world: World, expected: int, timeout: float = 60.0) -> list[Delivery]:
    """Wait until `expected` lesson deliveries are sent, failed or skipped."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            async with world.sessions() as session:
                rows = list(
                    (
                        await session.execute(select(Delivery).where(Delivery.kind == "lesson"))
                    ).scalars()
                )
        except Exception as exc:
            if not lost_database_connection(exc):
                raise
            # This watcher's own pooled connection was one a fault test dropped: read again.
            await asyncio.sleep(0.2)
            continue
        final = [r for r in rows if r.status in ("sent", "failed", "skipped")]
        if len(final) >= expected:
            return rows
        if asyncio.get_running_loop().time() > deadline:
            states = sorted((r.status, r.error or "") for r in rows)
            raise AssertionError(f"only {len(final)}/{expected} deliveries final: {states}")
        await asyncio.sleep(0.2)


async def job_states(world: World) -> dict[str, int]:
    async with world.sessions() as session:
        rows = (
            await session.execute(
                text("SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY 1")
            )
        ).all()
    return {r[0]: r[1] for r in rows}


ROOT = Path(__file__).resolve().parents[2]


def lessons_per_dm(fake_slack: FakeSlack) -> Counter[str]:
    return Counter(
        m.channel
        for m in fake_slack.messages
        if m.metadata and m.metadata.get("event_type") == "bmo_delivery"
    )


def start_worker(database_url: str, fake_slack: FakeSlack, lesson_id: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.delivery.worker_process",
            database_url,
            fake_slack.base_url,
            str(lesson_id),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
