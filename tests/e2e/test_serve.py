"""`bmo serve` as a user runs it: embedded default, DATABASE_URL, and bad databases."""

from __future__ import annotations

import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import psutil
import psycopg
import pytest

from storage.db import libpq_url
from tests.support.processes import BMO, clean_env, free_port, start_bmo, stop, wait_ready


def _postgres_processes_for(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(attrs=["name", "cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return found


def test_embedded_default_serves_ready_stops_cleanly_and_reuses_data(tmp_path: Path) -> None:
    port = free_port()
    pgdata = tmp_path / ".bmo" / "pgdata"

    first = start_bmo(["serve", "--port", str(port)], tmp_path, clean_env())
    body = wait_ready(port, first).json()
    assert body["status"] == "ready" and body["migrations"] == "current"
    with psycopg.connect(f"postgresql://postgres@/bmo?host={pgdata}", autocommit=True) as conn:
        conn.execute("INSERT INTO learners (name, email) VALUES ('Kept', 'kept@example.com')")
    stop(first)
    assert first.returncode == 0
    assert _postgres_processes_for(pgdata) == [], "Ctrl-C left a postgres process behind"

    second = start_bmo(["serve", "--port", str(port)], tmp_path, clean_env())
    wait_ready(port, second)
    with psycopg.connect(f"postgresql://postgres@/bmo?host={pgdata}") as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM learners").fetchall()]
    stop(second)
    assert names == ["Kept"]
    assert _postgres_processes_for(pgdata) == []


def test_database_url_points_at_another_server_and_starts_nothing(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver
    other = pgserver.get_server(Path(tempfile.mkdtemp()) / "pgdata", cleanup_mode="delete")
    try:
        url = other.get_uri("postgres")
        port = free_port()
        proc = start_bmo(["serve", "--port", str(port)], tmp_path, clean_env(DATABASE_URL=url))
        assert wait_ready(port, proc).json()["revision"]
        stop(proc)
        assert proc.returncode == 0
        assert not (tmp_path / ".bmo" / "pgdata").exists(), "an embedded server was started"
        with psycopg.connect(libpq_url(url)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        other.cleanup()


def _run_failing(tmp_path: Path, **env: str) -> str:
    result = subprocess.run(
        [BMO, "serve", "--port", str(free_port())],
        cwd=tmp_path,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    line = _run_failing(tmp_path, DATABASE_URL="postgresql://bmo:hunter2@127.0.0.1:1/bmo")
    assert "cannot reach the database at postgresql://bmo:***@127.0.0.1:1/bmo" in line
    assert "hunter2" not in line


def test_database_without_vector_extension_is_one_clear_line(tmp_path: Path) -> None:
    # This machine's system PostgreSQL (127.0.0.1:5432) has no pgvector.
    line = _run_failing(tmp_path, DATABASE_URL="postgresql://postgres@127.0.0.1:5432/postgres")
    assert "no 'vector' extension" in line


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1-abc"}, "SLACK_SIGNING_SECRET is not"),
        ({"TWILIO_ACCOUNT_SID": "AC1"}, "Twilio needs all of"),
        ({"ADMIN_API_KEYS": "ops:only-two-parts"}, "ADMIN_API_KEYS entries must look like"),
    ],
)
def test_misconfiguration_is_one_clear_line(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    line = _run_failing(tmp_path, **env)
    assert line.startswith("error: configuration error:") and expected in line
    assert "xoxb-1-abc" not in line


def test_a_killed_server_does_not_leave_its_postgres_running(tmp_path: Path) -> None:
    port = free_port()
    pgdata = tmp_path / ".bmo" / "pgdata"
    proc = start_bmo(["serve", "--port", str(port)], tmp_path, clean_env())
    wait_ready(port, proc)
    assert _postgres_processes_for(pgdata) != []
    proc.kill()  # SIGKILL to bmo alone: no chance to stop anything itself
    proc.communicate(timeout=10)
    deadline = time.monotonic() + 30
    while _postgres_processes_for(pgdata) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _postgres_processes_for(pgdata) == [], "SIGKILL left a postgres process behind"
