"""Seen-before checks for Slack retries and double clicks, with expiry.

Redis when configured (shared by every task, cheap), Postgres otherwise; both answer
"first time?" atomically, so two tasks racing on the same retry agree.
"""

from __future__ import annotations

import time
from datetime import timedelta

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repositories.operations import first_sighting

log = structlog.get_logger("bmo.slack")

WARN_EVERY_SECONDS = 60.0


class PostgresDedup:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def first(self, key: str, ttl: timedelta) -> bool:
        async with self._sessions() as session, session.begin():
            return await first_sighting(session, key[:200], ttl)


class RedisDedup:
    def __init__(self, client: Redis, prefix: str = "bmo:slack:seen:") -> None:
        self._client = client
        self._prefix = prefix
        self._memory = MemoryDedup()
        self._warned_at: float | None = None
        self._unwarned = 0

    def _warn(self, exc: Exception) -> None:
        """One warning a minute while Redis is down, with the count of failures since."""
        now = time.monotonic()
        self._unwarned += 1
        if self._warned_at is None or now - self._warned_at >= WARN_EVERY_SECONDS:
            log.warning(
                "slack_dedup.redis_unavailable",
                error=type(exc).__name__,
                failures=self._unwarned,
            )
            self._warned_at, self._unwarned = now, 0

    async def first(self, key: str, ttl: timedelta) -> bool:
        try:
            created = await self._client.set(
                self._prefix + key, b"1", nx=True, ex=max(1, int(ttl.total_seconds()))
            )
        except RedisError as exc:  # keep serving: remember keys in this process meanwhile
            self._warn(exc)
            return self._memory.first(key, ttl)
        return bool(created)


class MemoryDedup:
    """In-process fallback while Redis is unreachable (per task, so best effort)."""

    def __init__(self, max_keys: int = 50_000) -> None:
        self._expiry: dict[str, float] = {}
        self._max_keys = max_keys

    def first(self, key: str, ttl: timedelta) -> bool:
        now = time.monotonic()
        if len(self._expiry) >= self._max_keys:
            self._expiry = {k: t for k, t in self._expiry.items() if t > now}
        if self._expiry.get(key, 0.0) > now:
            return False
        self._expiry[key] = now + ttl.total_seconds()
        return True
