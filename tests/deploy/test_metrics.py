"""`/metrics` as Prometheus scrapes it: request counts by route template, queue figures."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from starlette.testclient import TestClient

from bot.server import build_app
from bot.settings import Settings
from bot.wiring import build_services
from delivery.queue import schedule_due_lessons
from storage.db import libpq_url, transaction
from tests.delivery.support import runtime_for, seed, wait_until_final, workers
from tests.support.fake_slack import FakeSlack


def sample(body: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when absent)."""
    for line in body.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if not match:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(match.group(2))
    return 0.0


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, database_url=database_url, separate_worker=True)  # type: ignore[call-arg]
    with TestClient(build_app(build_services(settings, database_url))) as test_client:
        yield test_client


def test_requests_are_counted_by_route_template_and_status(client: TestClient) -> None:
    before = client.get("/metrics").text
    client.get("/health")
    client.get("/health")
    client.get("/no/such/page/42")
    after = client.get("/metrics")

    assert after.status_code == 200
    assert after.headers["content-type"].startswith("text/plain")
    body = after.text
    health = dict(route="/health", method="GET", status="200")
    assert (
        sample(body, "bmo_http_requests_total", **health)
        - sample(before, "bmo_http_requests_total", **health)
        == 2
    )
    unmatched = dict(route="(unmatched)", method="GET", status="404")
    assert sample(body, "bmo_http_requests_total", **unmatched) >= 1
    assert "/no/such/page/42" not in body, "raw paths would explode label cardinality"
    assert sample(body, "bmo_http_request_duration_seconds_count", route="/health") >= 2


def test_queue_depth_and_age_come_from_the_shared_job_table(
    client: TestClient, database_url: str
) -> None:
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        for _ in range(3):
            job = conn.execute(
                "INSERT INTO procrastinate_jobs (queue_name, task_name) "
                "VALUES ('deliveries', 'deliver_lesson') RETURNING id"
            ).fetchone()
            assert job is not None
            conn.execute(
                "UPDATE procrastinate_events SET at = now() - interval '10 minutes' "
                "WHERE job_id = %s",
                (job[0],),
            )
        # Scheduled for tomorrow: neither waiting nor late yet.
        conn.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, scheduled_at) "
            "VALUES ('deliveries', 'deliver_lesson', now() + interval '1 day')"
        )
    body = client.get("/metrics").text
    assert sample(body, "bmo_queue_depth", queue="deliveries") == 3
    assert 590 <= sample(body, "bmo_queue_oldest_job_age_seconds", queue="deliveries") < 900

    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute("UPDATE procrastinate_jobs SET status = 'succeeded' WHERE status = 'todo'")
    body = client.get("/metrics").text
    assert sample(body, "bmo_queue_depth", queue="deliveries") == 0
    assert sample(body, "bmo_queue_oldest_job_age_seconds", queue="deliveries") == 0


def test_a_push_slack_answers_with_429_is_counted_by_the_code_that_sends_it(
    client: TestClient, database_url: str, fake_slack: FakeSlack
) -> None:
    before = client.get("/metrics").text
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)

    async def push() -> list[str]:
        world = await seed(database_url, 2)
        runtime = runtime_for(world, fake_slack)
        try:
            async with transaction(world.sessions) as session:
                await schedule_due_lessons(session, datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
            async with workers(database_url, runtime, count=1):
                rows = await wait_until_final(world, 2)
            return [r.status for r in rows]
        finally:
            await runtime.aclose()
            await world.engine.dispose()

    assert asyncio.run(push()) == ["sent", "sent"]
    body = client.get("/metrics").text

    def grew(name: str, **labels: str) -> float:
        return sample(body, name, **labels) - sample(before, name, **labels)

    assert grew("bmo_slack_rate_limited_total", method="chat.postMessage") == 1
    lesson = dict(channel="slack", kind="lesson")
    assert grew("bmo_deliveries_total", status="retried", **lesson) == 1
    assert grew("bmo_deliveries_total", status="sent", **lesson) == 2
    assert grew("bmo_deliveries_total", status="failed", **lesson) == 0
    assert "bmo_llm_cost_usd_total" in body


def test_the_worker_exposes_its_counters_on_a_port_of_its_own() -> None:
    import httpx

    from bot.metrics import serve_worker_metrics
    from tests.support.processes import free_port

    port = free_port()
    server = serve_worker_metrics(port)
    try:
        body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert "# TYPE bmo_deliveries_total counter" in body
        assert "# TYPE bmo_slack_rate_limited_total counter" in body
    finally:
        server.shutdown()
        server.server_close()


def test_mounted_admin_routes_are_counted_by_their_full_template(client: TestClient) -> None:
    response = client.get("/api/v1/learners/987654")  # no API key
    assert response.status_code == 401
    body = client.get("/metrics").text
    labels = dict(route="/api/v1/learners/{learner_id}", method="GET", status="401")
    assert sample(body, "bmo_http_requests_total", **labels) >= 1
    assert "987654" not in body
