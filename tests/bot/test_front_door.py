"""The front door of the embedded default: `/` leads to the playground, and `bmo serve`
says where the playground, the dashboard and the API docs are."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx

from bot.server import build_app
from bot.settings import Settings
from bot.wiring import build_services
from tests.support.processes import clean_env, free_port, start_bmo, stop, wait_ready


def test_bmo_serve_prints_where_each_page_is_and_each_answers(
    database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = clean_env(DATABASE_URL=database_url, EMBEDDINGS="none", LOG_FORMAT="json")
    proc: subprocess.Popen[str] = start_bmo(["serve", "--port", str(port)], tmp_path, env)
    try:
        wait_ready(port, proc)
        base = f"http://127.0.0.1:{port}"
        front = httpx.get(f"{base}/", timeout=10)
        assert front.status_code == 307 and front.headers["location"] == "/playground"
        assert "playground" in httpx.get(f"{base}/", timeout=10, follow_redirects=True).text
        pages = ["/playground", "/admin/", "/api/v1/docs"]
        assert [httpx.get(f"{base}{page}", timeout=10).status_code for page in pages] == [200] * 3
    finally:
        out = stop(proc)
    printed = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\s+(playground|dashboard|API docs)\s+(http://\S+)", out, re.M)
    }
    assert printed == {
        "playground": f"http://127.0.0.1:{port}/playground",
        "dashboard": f"http://127.0.0.1:{port}/admin/",
        "API docs": f"http://127.0.0.1:{port}/api/v1/docs",
    }, out


def test_with_slack_configured_the_front_door_leads_to_the_dashboard(database_url: str) -> None:
    from starlette.testclient import TestClient

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url,
        separate_worker=True,
        slack_bot_token="xoxb-test",
        slack_signing_secret="secret",
    )
    with TestClient(build_app(build_services(settings, database_url))) as client:
        front = client.get("/", follow_redirects=False)
        assert front.status_code == 307 and front.headers["location"] == "/admin/"
        assert client.get("/playground").status_code == 404
        assert client.get("/admin/").status_code == 200
        assert client.get("/api/v1/docs").status_code == 200
