"""SIGTERM to `bmo worker` (what ECS sends on scale-in or deploy): the job in flight
finishes, no new job is taken, and the process exits 0."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import psycopg
import pytest

from storage.db import libpq_url
from tests.support.processes import clean_env, start_bmo


def _defer_tick(conn: psycopg.Connection, timestamp: int) -> int:
    row = conn.execute(
        "INSERT INTO procrastinate_jobs (queue_name, task_name, args) "
        "VALUES ('deliveries', 'bmo:tick', %s) RETURNING id",
        (json.dumps({"timestamp": timestamp}),),
    ).fetchone()
    assert row is not None
    return int(row[0])


def _status(conn: psycopg.Connection, job_id: int) -> str:
    row = conn.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", (job_id,)).fetchone()
    assert row is not None
    return str(row[0])


def _wait_for(condition: object, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_sigterm_lets_the_running_job_finish_and_takes_no_new_one(
    tmp_path: Path, database_url: str
) -> None:
    url = libpq_url(database_url)
    with psycopg.connect(url, autocommit=True) as watcher, psycopg.connect(url) as blocker:
        # The tick job reads learners; an exclusive lock keeps it running until we let go.
        blocker.execute("LOCK TABLE learners IN ACCESS EXCLUSIVE MODE")
        running = _defer_tick(watcher, int(time.time()))
        proc = start_bmo(["worker", "--no-migrate"], tmp_path, clean_env(DATABASE_URL=database_url))
        try:
            _wait_for(lambda: _status(watcher, running) == "doing", "the job to start")

            proc.send_signal(signal.SIGTERM)
            time.sleep(1.5)
            assert proc.poll() is None, "the worker quit with a job in flight"
            waiting = _defer_tick(watcher, int(time.time()) + 1)
            time.sleep(1.5)
            blocker.rollback()  # the running job may now finish

            out, _ = proc.communicate(timeout=40)
            assert proc.returncode == 0, out
            assert _status(watcher, running) == "succeeded"
            assert _status(watcher, waiting) == "todo", "a stopping worker took new work"
            assert "Traceback" not in out
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
