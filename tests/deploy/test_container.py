"""The image's entrypoint and the compose stack start the commands the app really has,
with the configuration it really reads."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from bot.settings import Settings
from tests.support.processes import BMO

REPO = Path(__file__).resolve().parents[2]
ENTRYPOINT = REPO / "deploy" / "entrypoint.sh"


def _entrypoint_runs(tmp_path: Path, *args: str) -> list[str]:
    """Run the entrypoint with a `bmo` on PATH that records its arguments."""
    recorder = tmp_path / "bmo"
    recorder.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    recorder.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "PORT": "3000"}
    result = subprocess.run(
        ["sh", str(ENTRYPOINT), *args], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


@pytest.mark.parametrize(
    ("role", "command"),
    [
        ([], ["serve", "--host", "0.0.0.0", "--port", "3000", "--no-migrate"]),
        (["serve"], ["serve", "--host", "0.0.0.0", "--port", "3000", "--no-migrate"]),
        (["worker"], ["worker"]),
        (["migrate"], ["db", "upgrade"]),
        (["learners", "list"], ["learners", "list"]),
    ],
)
def test_entrypoint_maps_each_role_to_a_bmo_command(
    tmp_path: Path, role: list[str], command: list[str]
) -> None:
    assert _entrypoint_runs(tmp_path, *role) == command


def test_the_options_the_entrypoint_passes_exist() -> None:
    serve = subprocess.run([BMO, "serve", "--help"], capture_output=True, text=True, check=True)
    assert "--no-migrate" in serve.stdout and "--host" in serve.stdout
    for args in (["worker", "--help"], ["db", "upgrade", "--help"]):
        subprocess.run([BMO, *args], capture_output=True, text=True, check=True)


def test_compose_wires_the_database_cache_and_migration_order() -> None:
    compose = yaml.safe_load((REPO / "deploy" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "bot", "worker"} <= set(services)
    assert services["postgres"]["image"].startswith("pgvector/pgvector:pg16")
    assert services["redis"]["image"].startswith("redis:7")

    pg_env = services["postgres"]["environment"]
    for name in ("migrate", "bot", "worker"):
        service = services[name]
        env = service["environment"]
        assert {key.lower() for key in env} <= set(Settings.model_fields), name
        db = urlparse(env["DATABASE_URL"].replace("${POSTGRES_PASSWORD:-bmo-local-only}", "pw"))
        assert (db.hostname, db.port, db.username, db.path) == (
            "postgres",
            5432,
            pg_env["POSTGRES_USER"],
            f"/{pg_env['POSTGRES_DB']}",
        )
        assert urlparse(env["REDIS_URL"]).hostname == "redis"

    assert services["migrate"]["command"] == ["migrate"]
    assert services["bot"]["command"] == ["serve"] and services["worker"]["command"] == ["worker"]
    for name in ("bot", "worker"):
        needs = services[name]["depends_on"]
        assert needs["migrate"]["condition"] == "service_completed_successfully"
    assert services["bot"]["ports"] == ["${BMO_PORT:-3000}:3000"]
    assert services["bot"]["environment"]["SEPARATE_WORKER"] == "true"
