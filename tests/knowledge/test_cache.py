"""The response cache against real Redis, and its fallback when Redis is unreachable."""

from __future__ import annotations

import socket
import uuid

import structlog
from redis.asyncio import Redis

from knowledge.cache import Cache


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_values_are_shared_through_redis_and_hits_are_counted(redis_url: str) -> None:
    namespace = f"test-{uuid.uuid4().hex[:8]}"
    writer = Cache(redis_url, namespace=namespace)
    reader = Cache(redis_url, namespace=namespace)  # another task: empty process memory
    try:
        assert await reader.get("lesson:1") is None
        await writer.set("lesson:1", '{"title": "Grace periods"}', ttl=60)
        assert await reader.get("lesson:1") == '{"title": "Grace periods"}'
        assert await reader.get("lesson:1") == '{"title": "Grace periods"}'
        assert reader.stats() == {"hits": 2, "misses": 1, "backend": "redis"}
        raw = Redis.from_url(redis_url, decode_responses=True)
        assert 0 < await raw.ttl(f"{namespace}:lesson:1") <= 60
        await raw.aclose()
        await writer.delete("lesson:1")
        fresh = Cache(redis_url, namespace=namespace)
        assert await fresh.get("lesson:1") is None
        await fresh.aclose()
    finally:
        await writer.aclose()
        await reader.aclose()


async def test_unreachable_redis_falls_back_to_memory_and_warns_once() -> None:
    cache = Cache(f"redis://127.0.0.1:{_closed_port()}/0")
    with structlog.testing.capture_logs() as logs:
        await cache.set("k", "v")
        assert await cache.get("k") == "v"
        assert await cache.get("missing") is None
        await cache.set("k2", "v2")
    await cache.aclose()
    assert cache.backend == "memory"
    assert cache.stats()["hits"] == 1 and cache.stats()["misses"] == 1
    warnings = [e for e in logs if e["event"] == "cache.redis_unavailable"]
    assert len(warnings) == 1 and warnings[0]["log_level"] == "warning"


async def test_memory_entries_expire_and_the_oldest_are_evicted() -> None:
    cache = Cache(None, max_local_entries=2)
    await cache.set("a", "1", ttl=0.001)
    await cache.set("b", "2")
    await cache.set("c", "3")
    await cache.set("d", "4")
    assert await cache.get("a") is None  # expired / evicted
    assert await cache.get("b") is None  # evicted: only two entries are kept
    assert await cache.get("d") == "4"
