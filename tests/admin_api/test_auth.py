"""Who may do what: missing and unknown keys, analysts writing, rate limits, audit rows."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select
from starlette.applications import Starlette

from admin_api.auth import ApiKey
from admin_api.deps import AdminServices
from admin_api.routes import admin_routes
from storage.models import AuditLog
from tests.admin_api.conftest import ADMIN, ANALYST, AdminHarness, admin_config, bearer
from tests.admin_api.seed import seed

NEW_LEARNER = {"name": "Priya Natarajan", "email": "priya@example.com"}


async def test_no_key_is_401_with_a_stable_code(admin: AdminHarness) -> None:
    response = await admin.client.get("/api/v1/learners")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_api_key"
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_unknown_key_and_wrong_scheme_are_401(admin: AdminHarness) -> None:
    for header in (
        "Bearer not-a-key",
        f"Bearer {ADMIN.secret}x",
        f"Bearer {ADMIN.secret[:-1]}",
        f"Basic {ADMIN.secret}",
    ):
        response = await admin.client.get("/api/v1/learners", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["error"]["code"] == "invalid_api_key"


async def test_analyst_reads_but_writing_is_403_and_changes_nothing(admin: AdminHarness) -> None:
    assert (await admin.client.get("/api/v1/learners", headers=bearer(ANALYST))).status_code == 200
    response = await admin.client.post(
        "/api/v1/learners", json=NEW_LEARNER, headers=bearer(ANALYST)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    listed = await admin.client.get("/api/v1/learners", headers=bearer(ADMIN))
    assert listed.json()["items"] == []
    for method, path in [("DELETE", "/api/v1/learners/1"), ("POST", "/api/v1/ingest-documents")]:
        response = await admin.client.request(method, path, headers=bearer(ANALYST))
        assert response.status_code == 403, path


async def test_every_write_leaves_an_audit_row_with_actor_and_request_id(
    admin: AdminHarness,
) -> None:
    headers = {**bearer(ADMIN), "X-Request-Id": "req-audit-1"}
    created = await admin.client.post("/api/v1/learners", json=NEW_LEARNER, headers=headers)
    learner_id = created.json()["id"]
    await admin.client.patch(
        f"/api/v1/learners/{learner_id}", json={"status": "paused"}, headers=bearer(ADMIN)
    )
    await admin.client.get(f"/api/v1/learners/{learner_id}", headers=bearer(ADMIN))  # a read
    async with admin.sessions() as session:
        rows = list(await session.scalars(select(AuditLog).order_by(AuditLog.id)))
    assert [(r.actor, r.action, r.target) for r in rows] == [
        ("ops-team", "POST /learners", f"learner:{learner_id}"),
        ("ops-team", "PATCH /learners/{learner_id}", f"learner:{learner_id}"),
    ]
    assert rows[0].request_id is not None and rows[1].detail == {"fields": ["status"]}


async def test_a_failed_write_leaves_no_audit_row(admin: AdminHarness) -> None:
    await admin.client.post("/api/v1/learners", json=NEW_LEARNER, headers=bearer(ADMIN))
    again = await admin.client.post("/api/v1/learners", json=NEW_LEARNER, headers=bearer(ADMIN))
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    async with admin.sessions() as session:
        assert len(list(await session.scalars(select(AuditLog)))) == 1


async def _limited_client(
    admin: AdminHarness, redis_url: str | None
) -> tuple[httpx.AsyncClient, AdminServices]:
    # A key name of its own, so counts in a shared Redis start from zero.
    key = ApiKey(f"limited-{uuid.uuid4().hex[:8]}", "lim-9d8c7b6a5f4e3d2c1b0a", "analyst")
    config = admin_config(
        admin.document_dir, rate_limit_per_minute=3, redis_url=redis_url, keys=[key]
    )
    services = AdminServices(config=config, sessions=admin.sessions)
    app = Starlette(routes=admin_routes(services))
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://admin.test",
        headers=bearer(key),
    )
    return client, services


async def test_rate_limit_answers_429_with_retry_after_in_redis(
    admin: AdminHarness, redis_url: str
) -> None:
    client, services = await _limited_client(admin, redis_url)
    async with client:
        statuses = [(await client.get("/api/v1/learners")).status_code for _ in range(5)]
        limited = await client.get("/api/v1/learners")
    assert services.limiter.backend == "redis"
    await services.aclose()
    assert statuses == [200, 200, 200, 429, 429]
    assert limited.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60


async def test_rate_limit_falls_back_to_memory_when_redis_is_down(admin: AdminHarness) -> None:
    client, services = await _limited_client(admin, "redis://127.0.0.1:1/0")
    async with client:
        statuses = [(await client.get("/api/v1/learners")).status_code for _ in range(4)]
    assert services.limiter.backend == "memory"
    await services.aclose()
    assert statuses == [200, 200, 200, 429]


async def test_one_learners_data_is_never_reachable_through_anothers_id(
    admin: AdminHarness,
) -> None:
    seeded = await seed(admin.sessions, learners=2)
    first, second = seeded.learners
    progress = (
        await admin.client.get(f"/api/v1/learners/{first}/progress", headers=bearer(ADMIN))
    ).json()
    assert progress["learner_id"] == first and progress["correct"] == 6  # learner 0 is always right
    other = (
        await admin.client.get(f"/api/v1/learners/{second}/progress", headers=bearer(ADMIN))
    ).json()
    assert other["learner_id"] == second and other["correct"] < 6
    # An answer for one learner on another learner's delivery is refused and not recorded.
    answer = {
        "learner_id": first,
        "question_id": seeded.questions["card-basics"][0],
        "chosen_option": 0,
        "delivery_id": seeded.deliveries[second][1],
    }
    response = await admin.client.post("/api/v1/quiz_responses", json=answer, headers=bearer(ADMIN))
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    again = (
        await admin.client.get(f"/api/v1/learners/{second}/progress", headers=bearer(ADMIN))
    ).json()
    assert again == {**other, "due_reviews": again["due_reviews"]}
    # Enrolments of one learner are not listed under another.
    mine = await admin.client.get(f"/api/v1/learners/{first}/enrollments", headers=bearer(ADMIN))
    assert len(mine.json()) == 1
    missing = await admin.client.get("/api/v1/learners/999999/enrollments", headers=bearer(ADMIN))
    assert missing.status_code == 404
