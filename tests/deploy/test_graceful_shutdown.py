"""SIGTERM (what ECS and Docker send) lets in-flight requests finish, refuses new ones and
exits 0."""

from __future__ import annotations

import signal
import socket
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from storage.db import libpq_url
from tests.support.processes import clean_env, free_port, start_bmo, wait_ready


@pytest.mark.slow
def test_sigterm_finishes_a_slow_request_then_exits_zero(tmp_path: Path, database_url: str) -> None:
    port = free_port()
    proc = start_bmo(
        ["serve", "--port", str(port), "--no-migrate"],
        tmp_path,
        clean_env(DATABASE_URL=database_url),
    )
    try:
        wait_ready(port, proc)
        results: dict[str, httpx.Response | BaseException] = {}

        def slow_readiness_check() -> None:
            try:
                results["ready"] = httpx.get(f"http://127.0.0.1:{port}/ready", timeout=30)
            except BaseException as exc:
                results["ready"] = exc

        with psycopg.connect(libpq_url(database_url)) as blocker:
            # /ready reads the migration table; holding an exclusive lock on it keeps the
            # request in flight for as long as we like.
            blocker.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
            request = threading.Thread(target=slow_readiness_check)
            request.start()
            _wait_for_waiting_query(database_url)

            proc.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            assert proc.poll() is None, "exited with a request still in flight"
            with (
                pytest.raises(ConnectionRefusedError),
                socket.create_connection(("127.0.0.1", port), 1),
            ):
                pass  # no new connections once shutting down
            time.sleep(1.0)
            blocker.rollback()  # the slow request may now finish

        request.join(timeout=20)
        response = results["ready"]
        assert isinstance(response, httpx.Response), response
        assert response.status_code == 200 and response.json()["status"] == "ready"
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0, out
        assert "Traceback" not in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def _wait_for_waiting_query(database_url: str) -> None:
    """Until the app's readiness query is blocked on our lock."""
    deadline = time.monotonic() + 10
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND query ILIKE '%alembic_version%'"
            ).fetchone()
            if row and row[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the readiness request never reached the database")
