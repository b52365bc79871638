"""Daily push at scale: the minute tick over every learner, then two queue workers
sending at the configured workspace pace to a fake Slack in another process.

Figures: seconds for the tick that selects every due learner (100,000 across timezones)
and queues their jobs (goal <= 60 s); the send rate of two workers sharing one Redis
bucket against the configured pace (goal within 5 %); worker CPU per delivery with a
cached lesson (goal <= 2 ms).

    .venv/bin/python -m bench.push [--quick]
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import redis
import uvloop
from sqlalchemy import text

from bench.common import REPO_ROOT, Metric, base_parser, write_results
from bot.logging import configure_logging
from bot.settings import Settings
from delivery.compose import StoredLessonComposer
from delivery.pacing import RedisPacer
from delivery.queue import build_queue, run_worker, schedule_due_lessons
from delivery.slack.ids import ButtonSigner
from delivery.slack.sender import SlackSender, build_slack_client
from delivery.worker import DeliveryRuntime
from storage.db import create_engine, session_factory, transaction
from storage.models import Lesson, Question, Topic
from storage.repositories import content
from tests.support.postgres import TestPostgres

NOW = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)  # every zone is past 00:01 local
ZONES = ["America/Toronto", "Asia/Kolkata", "Pacific/Auckland", "Europe/London", "UTC"]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

SEED_SQL = """
INSERT INTO learners (name, email, slack_user_id, slack_team_id, slack_dm_channel, timezone,
                      delivery_time, last_engaged_at)
SELECT 'Learner ' || g, 'push' || g || '@example.com', 'U' || g, 'TBENCH', 'D' || g,
       (ARRAY['America/Toronto','Asia/Kolkata','Pacific/Auckland','Europe/London','UTC'])
           [1 + g % 5],
       time '00:00' + (g % 60) * interval '1 second', now()
FROM generate_series(1, :n) AS g
"""

FAKE_SLACK = (
    "import sys, time\n"
    "from tests.support.fake_slack import running_fake_slack\n"
    "with running_fake_slack() as fake:\n"
    "    print(fake.base_url, flush=True)\n"
    "    sys.stdin.read()\n"
)


async def seed(url: str, learners: int) -> int:
    engine = create_engine(url)
    sessions = session_factory(engine)
    async with transaction(sessions) as session:
        await session.execute(text(SEED_SQL), {"n": learners})
        topic = Topic(slug="apr", title="APR and interest")
        session.add(topic)
        await session.flush()
        lesson = await content.add_lesson(
            session,
            Lesson(
                topic_id=topic.id,
                cache_key="apr",
                title="How APR works",
                body="APR is the yearly cost of borrowing. Pay in full to avoid interest.",
                generator="offline",
                source_hash="x",
            ),
            [
                Question(
                    stem="When is no interest charged?",
                    options=["Never", "Paid in full", "Always", "Mondays"],
                    correct_option=1,
                    explanation="The grace period.",
                )
            ],
        )
    await engine.dispose()
    return lesson.id


async def tick(url: str) -> tuple[float, int]:
    engine = create_engine(url)
    sessions = session_factory(engine)
    started = time.perf_counter()
    async with transaction(sessions) as session:
        queued = await schedule_due_lessons(session, NOW)
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return elapsed, queued


async def push(
    url: str, slack_url: str, lesson_id: int, pace: int, seconds: float
) -> dict[str, float]:
    engine = create_engine(url, pool_size=10)
    sessions = session_factory(engine)
    redis.Redis.from_url(REDIS_URL).delete("bmo:bench:TBENCH")
    runtimes, apps, tasks = [], [], []
    burst = Settings().slack_send_burst  # as the deployed workers pace
    signer = ButtonSigner.derive("bench")  # and sign quiz buttons
    for _ in range(2):
        runtime = DeliveryRuntime(
            sessions=sessions,
            compose=StoredLessonComposer(sessions, lesson_id),
            slack=SlackSender(
                build_slack_client("xoxb-bench", slack_url, button_signer=signer),
                RedisPacer(REDIS_URL, pace, prefix="bmo:bench:", burst=burst),
            ),
        )
        app = build_queue(url, periodic=False)
        await app.open_async()
        runtimes.append(runtime)
        apps.append(app)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for app, runtime in zip(apps, runtimes, strict=True):
        tasks.append(
            asyncio.create_task(
                run_worker(app, runtime, concurrency=8, install_signal_handlers=False)
            )
        )
    warmup = min(5.0, seconds / 4)
    await asyncio.sleep(warmup)
    async with sessions() as session:
        start_count = await session.scalar(
            text("SELECT count(*) FROM deliveries WHERE status='sent'")
        )
    t_start = time.perf_counter()
    await asyncio.sleep(seconds)
    async with sessions() as session:
        end_count = await session.scalar(
            text("SELECT count(*) FROM deliveries WHERE status='sent'")
        )
    t_end = time.perf_counter()
    cpu1, wall1 = time.process_time(), time.perf_counter()
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for app, runtime in zip(apps, runtimes, strict=True):
        await app.close_async()
        await runtime.aclose()
    async with sessions() as session:
        total = int(
            await session.scalar(text("SELECT count(*) FROM deliveries WHERE status='sent'")) or 0
        )
        dupes = int(
            await session.scalar(
                text(
                    "SELECT count(*) FROM (SELECT learner_id FROM deliveries WHERE status='sent' "
                    "GROUP BY learner_id, local_date HAVING count(*) > 1) d"
                )
            )
            or 0
        )
    await engine.dispose()
    rate = (int(end_count or 0) - int(start_count or 0)) / (t_end - t_start) * 60
    return {
        "rate_per_minute": rate,
        "cpu_ms_per_delivery": (cpu1 - cpu0) * 1000 / max(1, total),
        "sent": total,
        "duplicates": dupes,
        "wall": wall1 - wall0,
    }


async def run(learners: int, pace: int, seconds: float) -> list[Metric]:
    postgres = TestPostgres(os.environ.get("DATABASE_URL"))
    url = postgres.fresh_database()
    fake = subprocess.Popen(
        [sys.executable, "-c", FAKE_SLACK],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert fake.stdout is not None
        slack_url = fake.stdout.readline().strip()
        lesson_id = await seed(url, learners)
        tick_seconds, queued = await tick(url)
        figures = await push(url, slack_url, lesson_id, pace, seconds)
    finally:
        if fake.stdin:
            fake.stdin.close()
        fake.wait(10)
        if fake.stdout:
            fake.stdout.close()
        postgres.drop(url)
        postgres.close()
    deviation = abs(figures["rate_per_minute"] - pace) / pace * 100
    print(
        f"tick queued {queued} jobs; sent {figures['sent']:.0f}, duplicates "
        f"{figures['duplicates']:.0f}"
    )
    return [
        Metric("tick_seconds", tick_seconds, "s", goal=60),
        Metric("tick_jobs_queued", float(queued), "jobs", goal=learners, higher_is_better=True),
        Metric("send_rate", figures["rate_per_minute"], "msg/min"),
        Metric("configured_pace", float(pace), "msg/min"),
        Metric("pace_deviation", deviation, "%", goal=5),
        Metric("cpu_per_delivery", figures["cpu_ms_per_delivery"], "ms", goal=2),
        Metric("duplicate_lessons", figures["duplicates"], "count", goal=0),
    ]


def main() -> None:
    args = base_parser(__doc__ or "").parse_args()
    learners, pace, seconds = (5_000, 600, 20.0) if args.quick else (100_000, 1_200, 60.0)
    configure_logging("INFO")  # as `bmo worker` logs: per-send lines are debug detail
    metrics = uvloop.run(run(learners, pace, seconds))  # the loop `bmo worker` runs on
    write_results(
        "push",
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
