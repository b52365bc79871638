"""Slow halves of Slack listeners run from a bounded set of workers: an ack never waits
behind a backlog of grading, and queued work is neither lost nor run twice."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from redis.asyncio import BlockingConnectionPool, Redis
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack_app import LazyWorkQueue

BUSY_STEP_SECONDS = 0.001


def click(n: int) -> AsyncBoltRequest:
    payload = {
        "type": "block_actions",
        "user": {"id": f"U{n}"},
        "team": {"id": "T1"},
        "actions": [{"action_id": "grade", "value": str(n), "type": "button"}],
    }
    return AsyncBoltRequest(body=urlencode({"payload": json.dumps(payload)}), headers={})


def app_with(
    lazy_work: LazyWorkQueue,
    redis: Redis,
    ran: Counter[str],
    steps: int,
    gate: asyncio.Event | None = None,
) -> AsyncApp:
    async def authorize(**_kwargs: Any) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T1", bot_token="xoxb-t", bot_id="B1")

    app = AsyncApp(
        client=AsyncWebClient(token="xoxb-t"),
        signing_secret="unused",
        authorize=authorize,
        request_verification_enabled=False,
        process_before_response=True,
    )

    async def round_trip(next: Any) -> None:  # the ack path does I/O, as de-duplication does
        await redis.ping()
        await next()

    async def grade(body: dict[str, Any]) -> None:  # CPU in short steps, as grading is
        if gate is not None:
            await gate.wait()
        for _ in range(steps):
            until = time.perf_counter() + BUSY_STEP_SECONDS
            while time.perf_counter() < until:
                pass
            await asyncio.sleep(0)
        ran[body["actions"][0]["value"]] += 1

    app.middleware(round_trip)
    app.action("grade")(lazy_work.listener(grade))
    return app


async def test_an_ack_is_prompt_behind_a_backlog_of_slow_halves(redis_url: str) -> None:
    redis = Redis(connection_pool=BlockingConnectionPool.from_url(redis_url, max_connections=20))
    lazy_work = LazyWorkQueue(workers=4)
    ran: Counter[str] = Counter()
    app = app_with(lazy_work, redis, ran, steps=40)
    try:
        burst = 300
        # 300 clicks arrive at once: slow halves of ~40 ms each, ~12 s of work queued
        acks = await asyncio.gather(*(app.async_dispatch(click(n)) for n in range(burst)))
        assert all(response.status == 200 for response in acks)
        assert lazy_work.backlog > 100

        started = time.perf_counter()
        response = await app.async_dispatch(click(burst))
        ack_seconds = time.perf_counter() - started
        assert response.status == 200
        # Run as one task each, ~300 ready slow halves (1 ms a step) would stand between
        # every step of the ack: ≥ 0.3 s. Four workers allow a few milliseconds.
        assert ack_seconds < 0.15, f"ack took {ack_seconds * 1000:.0f} ms behind the backlog"

        assert await lazy_work.drain(grace=30)
        assert ran == Counter({str(n): 1 for n in range(burst + 1)})  # none lost, none twice
    finally:
        await lazy_work.aclose(grace=1)
        await redis.aclose()
        await redis.connection_pool.disconnect()


async def test_shutdown_finishes_queued_and_running_slow_halves(redis_url: str) -> None:
    redis = Redis(connection_pool=BlockingConnectionPool.from_url(redis_url, max_connections=20))
    lazy_work = LazyWorkQueue(workers=2, backlog_warning=10)
    ran: Counter[str] = Counter()
    gate = asyncio.Event()  # grading is held up (a slow database) until shutdown begins
    app = app_with(lazy_work, redis, ran, steps=3, gate=gate)
    try:
        for n in range(60):  # beyond the backlog bound: acknowledged and kept, not dropped
            assert (await app.async_dispatch(click(n))).status == 200
        assert lazy_work.backlog == 58  # two running, the rest queued
        gate.set()
    finally:
        await lazy_work.aclose(grace=30)
        await redis.aclose()
        await redis.connection_pool.disconnect()
    assert ran == Counter({str(n): 1 for n in range(60)})
