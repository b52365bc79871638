"""`bmo worker` starts a queue worker on DATABASE_URL, registers with the queue, and
stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import psycopg

from storage.db import libpq_url
from tests.support.fake_slack import FakeSlack
from tests.support.processes import clean_env, start_bmo, stop

ROOT = Path(__file__).resolve().parents[2]


def registered_workers(url: str) -> int:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute("SELECT count(*) FROM procrastinate_workers").fetchone()
    return int(row[0]) if row else 0


async def test_bmo_worker_joins_the_queue_and_stops_on_sigterm(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = clean_env(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="signing-secret",
        SLACK_API_URL=fake_slack.base_url,
        EMBEDDINGS="none",
        LOG_FORMAT="json",
    )
    proc = start_bmo(["worker", "--concurrency", "2"], tmp_path, env)
    deadline = time.monotonic() + 60
    while registered_workers(database_url) == 0:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        assert time.monotonic() < deadline, "the worker never registered with the queue"
        await asyncio.sleep(0.2)
    output = stop(proc, signal.SIGTERM)
    assert proc.returncode == 0, output
    assert "worker.started" in output and "worker.stopped" in output
    assert "xoxb-test" not in output  # the token never reaches the logs
    assert registered_workers(database_url) == 0
