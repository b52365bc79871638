"""E-mail lessons through the delivery pipeline: the minute tick queues a lesson for every
learner whose channel is e-mail, then two queue workers send them to a local SMTP server
(aiosmtpd) at the configured pace, shared through one Redis bucket.

Figures: e-mails per minute received against the configured SMTP pace (goal within 5 %),
and duplicate e-mails (goal 0).

    .venv/bin/python -m bench.email_push [--quick]
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from datetime import UTC, datetime

import redis
import uvloop
from sqlalchemy import text

from bench.common import Metric, base_parser, write_results
from bench.push import seed
from bot.logging import configure_logging
from delivery.compose import StoredLessonComposer
from delivery.email.links import EmailLinks
from delivery.email.sender import EmailSender, SmtpConfig
from delivery.pacing import RedisPacer
from delivery.queue import build_queue, run_worker, schedule_due_lessons
from delivery.runtime import DeliveryRuntime
from storage.db import create_engine, session_factory, transaction
from tests.support.fake_smtp import FakeSmtp, running_fake_smtp
from tests.support.postgres import TestPostgres

NOW = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)  # every zone is past 00:01 local
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
PREFIX = "bmo:bench:email:"
TO_EMAIL = "UPDATE learners SET channel_order = 'email', slack_user_id = NULL"


async def send(
    url: str, smtp: FakeSmtp, lesson_id: int, pace: int, seconds: float
) -> dict[str, float]:
    engine = create_engine(url, pool_size=10)
    sessions = session_factory(engine)
    async with transaction(sessions) as session:
        await session.execute(text(TO_EMAIL))
        queued = await schedule_due_lessons(session, NOW)
    redis.Redis.from_url(REDIS_URL).delete(f"{PREFIX}smtp:127.0.0.1")
    config = SmtpConfig.from_url(smtp.url, "BMO Learning <learning@bank.example>")
    runtimes, apps = [], []
    for _ in range(2):
        runtimes.append(
            DeliveryRuntime(
                sessions=sessions,
                compose=StoredLessonComposer(sessions, lesson_id),
                email=EmailSender(config, RedisPacer(REDIS_URL, pace, prefix=PREFIX)),
                email_links=EmailLinks("https://learning.example.com", "bench-secret"),
            )
        )
        app = build_queue(url, periodic=False)
        await app.open_async()
        apps.append(app)
    tasks = [
        asyncio.create_task(run_worker(app, runtime, concurrency=8, install_signal_handlers=False))
        for app, runtime in zip(apps, runtimes, strict=True)
    ]
    await asyncio.sleep(min(5.0, seconds / 4))  # warm-up: the first burst and connections
    start_count, t_start = len(smtp.messages), time.perf_counter()
    await asyncio.sleep(seconds)
    end_count, t_end = len(smtp.messages), time.perf_counter()
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for app, runtime in zip(apps, runtimes, strict=True):
        await app.close_async()
        await runtime.aclose()
    await engine.dispose()
    ids = [m["Message-ID"] for m in smtp.messages]
    return {
        "queued": float(queued),
        "rate_per_minute": (end_count - start_count) / (t_end - t_start) * 60,
        "received": float(len(ids)),
        "duplicates": float(len(ids) - len(set(ids))),
    }


async def run(learners: int, pace: int, seconds: float) -> list[Metric]:
    postgres = TestPostgres(os.environ.get("DATABASE_URL"))
    url = postgres.fresh_database()
    try:
        lesson_id = await seed(url, learners)
        with running_fake_smtp() as smtp:
            figures = await send(url, smtp, lesson_id, pace, seconds)
    finally:
        postgres.drop(url)
        postgres.close()
    deviation = abs(figures["rate_per_minute"] - pace) / pace * 100
    print(f"queued {figures['queued']:.0f}; received {figures['received']:.0f}")
    return [
        Metric("email_rate", figures["rate_per_minute"], "msg/min"),
        Metric("configured_pace", float(pace), "msg/min"),
        Metric("pace_deviation", deviation, "%", goal=5),
        Metric("duplicate_emails", figures["duplicates"], "count", goal=0),
    ]


def main() -> None:
    args = base_parser(__doc__ or "").parse_args()
    pace, seconds = (300, 20.0) if args.quick else (600, 60.0)
    learners = int(pace * (seconds + 10) / 60 * 1.5)  # never runs dry inside the window
    configure_logging("INFO")
    metrics = uvloop.run(run(learners, pace, seconds))
    write_results(
        "email_push",
        metrics,
        params={
            "learners": learners,
            "pace_per_minute": pace,
            "window_s": seconds,
            "workers": 2,
            "load_average_at_end": os.getloadavg()[0],
            "quick": args.quick,
        },
    )


if __name__ == "__main__":
    main()
