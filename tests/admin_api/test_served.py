"""The admin API and dashboard inside `bmo serve`, configured only through ADMIN_API_KEYS."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.processes import clean_env, free_port, start_bmo, stop, wait_ready


def test_bmo_serve_mounts_the_admin_api_and_dashboard_behind_its_keys(
    database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = clean_env(
        DATABASE_URL=database_url,
        ADMIN_API_KEYS="ops:ops-secret-8f7e6d5c4b3a:admin,viewer:viewer-secret-1a2b3c4d:analyst",
        EMBEDDINGS="none",
    )
    proc = start_bmo(["serve", "--port", str(port)], tmp_path, env)
    try:
        wait_ready(port, proc)
        base = f"http://127.0.0.1:{port}"
        admin = {"Authorization": "Bearer ops-secret-8f7e6d5c4b3a"}
        viewer = {"Authorization": "Bearer viewer-secret-1a2b3c4d"}
        created = httpx.post(
            f"{base}/api/v1/learners", json={"name": "Dana", "track": "cards"}, headers=admin
        )
        forbidden = httpx.post(f"{base}/api/v1/learners", json={"name": "Eve"}, headers=viewer)
        listed = httpx.get(f"{base}/api/v1/learners", headers=viewer)
        anonymous = httpx.get(f"{base}/api/v1/learners")
        page = httpx.get(f"{base}/admin/")
        docs = httpx.get(f"{base}/api/v1/docs")
        request_id = created.headers.get("x-request-id")
    finally:
        output = stop(proc)
    assert created.status_code == 201, created.text
    assert forbidden.status_code == 403 and anonymous.status_code == 401
    assert [item["name"] for item in listed.json()["items"]] == ["Dana"]
    assert page.status_code == 200 and "static/app.js" in page.text
    assert docs.status_code == 200 and "docs.js" in docs.text
    assert request_id
    assert "ops-secret-8f7e6d5c4b3a" not in output and "viewer-secret" not in output
