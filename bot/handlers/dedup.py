"""Seen-before checks for Slack retries and double clicks, with expiry.

Redis when configured (shared by every task, cheap), Postgres otherwise; both answer
"first time?" atomically, so two tasks racing on the same retry agree.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repositories.operations import first_sighting


class Dedup(Protocol):
    async def first(self, key: str, ttl: timedelta) -> bool: ...


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

    async def first(self, key: str, ttl: timedelta) -> bool:
        created = await self._client.set(
            self._prefix + key, b"1", nx=True, ex=max(1, int(ttl.total_seconds()))
        )
        return bool(created)
