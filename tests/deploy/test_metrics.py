"""`/metrics` as Prometheus scrapes it: request counts by route template, queue figures,
and the LLM spend counted by the gateway on real calls."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from bot.server import build_app
from bot.settings import Settings
from bot.wiring import build_services
from delivery.queue import schedule_due_lessons
from knowledge.cache import Cache
from knowledge.embeddings import build_embedder
from knowledge.llm import LlmConfig, LlmGateway
from storage.db import libpq_url, transaction
from storage.models import LlmCall
from tests.delivery.support import runtime_for, seed, wait_until_final, workers
from tests.support.fake_openai import FakeOpenAI, text_reply
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


async def test_each_llm_call_adds_its_estimated_cost(
    client: TestClient, fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    """A real chat call and a real embedding call against the stand-in OpenAI server, read
    back from `/metrics` as Prometheus scrapes it (the LLM cost alarm's source)."""
    chat = dict(purpose="lesson", model="gpt-4o-mini")
    embedding = dict(purpose="embedding", model="text-embedding-3-small")
    before = client.get("/metrics").text

    gateway = LlmGateway(
        LlmConfig(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0, timeout=5),
        cache=Cache(None),
    )
    fake_openai.queue(text_reply("Annual fees are charged once a year."))
    await gateway.text("lesson", [("user", "Explain annual fees.")], session=session)
    call = (await session.execute(select(LlmCall).order_by(LlmCall.id.desc()))).scalars().first()
    assert call is not None and call.prompt_tokens > 0 and call.completion_tokens > 0
    # gpt-4o-mini: $0.15 per million prompt tokens, $0.60 per million completion tokens.
    chat_cost = (call.prompt_tokens * 0.15 + call.completion_tokens * 0.60) / 1_000_000

    texts = ["The annual fee is $95.", "Late fees are capped."]
    embedder = build_embedder("openai", api_key="sk-test", base_url=fake_openai.base_url)
    try:
        assert len(await embedder.embed(texts) or []) == 2
    finally:
        await embedder.aclose()
    # The stand-in reports len // 4 + 1 tokens per input; $0.02 per million tokens.
    embedding_cost = sum(len(t) // 4 + 1 for t in texts) * 0.02 / 1_000_000

    after = client.get("/metrics").text
    name = "bmo_llm_cost_usd_total"
    assert sample(after, name, **chat) - sample(before, name, **chat) == pytest.approx(chat_cost)
    assert sample(after, name, **embedding) - sample(before, name, **embedding) == pytest.approx(
        embedding_cost
    )

    # A cached answer costs nothing and adds nothing.
    await gateway.text("lesson", [("user", "Explain annual fees.")], session=session)
    assert sample(client.get("/metrics").text, name, **chat) == sample(after, name, **chat)


async def test_the_worker_exposes_its_counters_on_a_port_of_its_own(
    fake_openai: FakeOpenAI,
) -> None:
    import httpx

    from bot.metrics import serve_worker_metrics
    from tests.support.processes import free_port

    port = free_port()
    server = serve_worker_metrics(port)
    labels = dict(purpose="lesson", model="gpt-4.1-nano")
    try:
        body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert "# TYPE bmo_deliveries_total counter" in body
        assert "# TYPE bmo_slack_rate_limited_total counter" in body

        url = f"http://127.0.0.1:{port}/metrics"
        before = sample(httpx.get(url, timeout=5).text, "bmo_llm_cost_usd_total", **labels)
        config = LlmConfig(
            api_key="sk-test", model="gpt-4.1-nano", base_url=fake_openai.base_url, max_retries=0
        )
        fake_openai.queue(text_reply("A lesson on fees."))
        await LlmGateway(config, cache=Cache(None)).text("lesson", [("user", "Fees?")])
        after = sample(httpx.get(url, timeout=5).text, "bmo_llm_cost_usd_total", **labels)
        assert after > before
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
