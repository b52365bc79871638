"""The admin API under a real uvicorn process, for schemathesis and the browser."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from starlette.applications import Starlette

from admin_api.deps import AdminServices
from admin_api.routes import admin_routes
from knowledge.lessons import LessonService
from storage.db import create_engine, session_factory
from tests.admin_api.conftest import admin_config
from tests.support.processes import free_port


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"uvicorn exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"uvicorn did not answer in time:\n{log.read_text()}")


def create_app() -> Starlette:
    """uvicorn factory: configuration comes from the environment the test sets."""
    engine = create_engine(os.environ["ADMIN_TEST_DATABASE_URL"], pool_size=5)
    config = admin_config(
        Path(os.environ["ADMIN_TEST_DOCUMENT_DIR"]),
        rate_limit_per_minute=int(os.environ.get("ADMIN_TEST_RATE_LIMIT", "100000")),
        database_url=os.environ["ADMIN_TEST_DATABASE_URL"],
    )
    services = AdminServices(
        config=config,
        sessions=session_factory(engine),
        lessons=LessonService(review=os.environ.get("ADMIN_TEST_LESSON_REVIEW", "off")),  # type: ignore[arg-type]
    )
    return Starlette(routes=admin_routes(services))


@contextmanager
def live_admin_api(database_url: str, document_dir: Path, **env: str) -> Iterator[str]:
    """Base URL of a uvicorn process serving the admin API; its log is next to document_dir."""
    port = free_port()
    environment = {
        **os.environ,
        "ADMIN_TEST_DATABASE_URL": database_url,
        "ADMIN_TEST_DOCUMENT_DIR": str(document_dir),
        **env,
    }
    log = document_dir.parent / f"uvicorn-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    output = log.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "tests.admin_api.live:create_app",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[2],
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(f"{base}/api/v1/health", proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        output.close()
