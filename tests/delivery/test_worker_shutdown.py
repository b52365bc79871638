"""`bmo worker` always stops: told to stop (SIGTERM) while a job hangs, it waits its grace
period, cancels the job for a retry and exits; the next worker runs the job to the end."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from delivery.welcome import queue_welcome
from storage.db import transaction
from tests.delivery.support import seed
from tests.support.fake_slack import FakeSlack
from tests.support.processes import clean_env

ROOT = Path(__file__).resolve().parents[2]
GRACE = 2
HANG = 25  # longer than the Slack client's own 10 s timeout, so only the grace can end it


def start_worker(database_url: str, fake_slack: FakeSlack, data_dir: Path) -> subprocess.Popen[str]:
    env = clean_env(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN="xoxb-shutdown",
        SLACK_SIGNING_SECRET="shutdown-signing-secret",
        SLACK_API_URL=fake_slack.base_url,
        EMBEDDINGS="none",
        DATA_DIR=str(data_dir),
        WORKER_SHUTDOWN_SECONDS=str(GRACE),
        PYTHONWARNINGS="ignore",
    )
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "worker", "--concurrency", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def finish(worker: subprocess.Popen[str], timeout: float) -> tuple[float, str]:
    started = time.monotonic()
    try:
        out, _ = worker.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        out, _ = worker.communicate()
        raise AssertionError(
            f"the worker did not stop within {timeout} s:\n{out[-3000:]}"
        ) from None
    return time.monotonic() - started, out


async def test_sigterm_during_a_hung_job_exits_in_the_grace_period_and_the_job_is_retried(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    world = await seed(database_url, 1)
    learner_id = world.learner_ids[0]
    try:
        async with transaction(world.sessions) as session:
            assert await queue_welcome(session, learner_id, "cards")
        # The welcome's post hangs at Slack far beyond the grace period.
        fake_slack.fail_next("chat.postMessage", status=500, delay_seconds=HANG)
        first = start_worker(database_url, fake_slack, tmp_path)
        try:
            await fake_slack.await_for("chat.postMessage", within=120)
        finally:
            first.send_signal(signal.SIGTERM)
        stopped_after, out = await asyncio.to_thread(finish, first, HANG + 20)
        assert first.returncode == 0, out[-3000:]
        # The grace, plus closing pools and connections on a busy host; without the limit
        # it would wait for the Slack client's 10 s timeout.
        assert stopped_after < GRACE + 5, f"stopped after {stopped_after:.1f} s"
        async with world.sessions() as session:
            job = (
                await session.execute(
                    text(
                        "SELECT status, attempts FROM procrastinate_jobs "
                        "WHERE task_name = 'bmo:send_welcome'"
                    )
                )
            ).one()
        assert (job.status, job.attempts) == ("todo", 1)  # back in the queue, not lost
        assert not [m for m in fake_slack.messages if m.channel]  # nothing reached the DM

        second = start_worker(database_url, fake_slack, tmp_path)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                async with world.sessions() as session:
                    status = await session.scalar(
                        text("SELECT status FROM deliveries WHERE kind = 'welcome'")
                    )
                if status == "sent":
                    break
                await asyncio.sleep(0.2)
        finally:
            second.send_signal(signal.SIGTERM)
            await asyncio.to_thread(finish, second, 30)
        assert status == "sent"
        assert len(fake_slack.messages) == 1  # sent once, by the retry
    finally:
        await world.engine.dispose()
