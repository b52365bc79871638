"""A real queue worker process for crash tests: `python -m tests.delivery.worker_process
DATABASE_URL SLACK_API_URL LESSON_ID`. It recovers stalled jobs every second so a test
need not wait the production 30 s after killing another worker."""

from __future__ import annotations

import asyncio
import contextlib
import sys

from delivery.compose import StoredLessonComposer
from delivery.pacing import LocalPacer
from delivery.queue import build_queue, recover_stalled_jobs, run_worker
from delivery.slack.sender import SlackSender, build_slack_client
from delivery.worker import DeliveryRuntime
from storage.db import create_engine, session_factory


async def main(database_url: str, slack_url: str, lesson_id: int) -> None:
    engine = create_engine(database_url, pool_size=5)
    sessions = session_factory(engine)
    runtime = DeliveryRuntime(
        sessions=sessions,
        compose=StoredLessonComposer(sessions, lesson_id),
        slack=SlackSender(build_slack_client("xoxb-test", slack_url, timeout=5), LocalPacer(6000)),
    )
    app = build_queue(database_url, periodic=False)
    async with app.open_async():

        async def recover() -> None:
            while True:
                await recover_stalled_jobs(app, seconds_since_heartbeat=3)
                await asyncio.sleep(1)

        recovering = asyncio.create_task(recover())
        print("worker ready", flush=True)
        try:
            await run_worker(app, runtime, concurrency=4, update_heartbeat_interval=1)
        finally:
            recovering.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await recovering
            await runtime.aclose()
            await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
