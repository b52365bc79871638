"""Response cache: Redis shared by every task, with an in-process TTL/LRU fallback.

Callers never see a cache error. When Redis cannot be reached the cache logs one warning,
keeps serving from process memory and tries Redis again after a pause.
"""

from __future__ import annotations

import time
from collections import OrderedDict

import structlog
from prometheus_client import Counter
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

CACHE_LOOKUPS = Counter("bmo_cache_lookups_total", "Response cache lookups", ["result"])


class LocalCache:
    """A bounded in-process map whose entries expire."""

    def __init__(self, max_entries: int = 2048) -> None:
        self._max = max_entries
        self._items: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def get(self, key: str) -> str | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return value

    def set(self, key: str, value: str, ttl: float) -> None:
        self._items[key] = (time.monotonic() + ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def delete(self, key: str) -> None:
        self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)


class Cache:
    def __init__(
        self,
        redis_url: str | None = None,
        *,
        namespace: str = "bmo",
        default_ttl: float = 24 * 3600,
        max_local_entries: int = 2048,
        retry_after: float = 30.0,
    ) -> None:
        self._redis: Redis | None = (
            Redis.from_url(
                redis_url,
                socket_connect_timeout=0.5,
                socket_timeout=0.5,
                decode_responses=True,
            )
            if redis_url
            else None
        )
        self._namespace = namespace
        self._default_ttl = default_ttl
        self._local = LocalCache(max_local_entries)
        self._retry_after = retry_after
        self._down_since: float | None = None
        self._warned = False
        self.hits = 0
        self.misses = 0

    @property
    def backend(self) -> str:
        return "redis" if self._redis is not None and self._down_since is None else "memory"

    def stats(self) -> dict[str, int | str]:
        return {"hits": self.hits, "misses": self.misses, "backend": self.backend}

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{key}"

    def _redis_usable(self) -> Redis | None:
        if self._redis is None:
            return None
        if self._down_since is not None and time.monotonic() - self._down_since < self._retry_after:
            return None
        return self._redis

    def _redis_failed(self, exc: Exception) -> None:
        self._down_since = time.monotonic()
        if not self._warned:
            self._warned = True
            log.warning("cache.redis_unavailable", error=type(exc).__name__, fallback="memory")

    def _redis_ok(self) -> None:
        if self._down_since is not None:
            log.info("cache.redis_recovered")
        self._down_since = None
        self._warned = False

    async def get(self, key: str) -> str | None:
        full = self._key(key)
        value = self._local.get(full)
        redis = self._redis_usable()
        if value is None and redis is not None:
            try:
                stored = await redis.get(full)
                value = stored.decode() if isinstance(stored, bytes) else stored
                self._redis_ok()
            except (RedisError, OSError) as exc:
                self._redis_failed(exc)
            if value is not None:
                self._local.set(full, value, self._default_ttl)
        if value is None:
            self.misses += 1
            CACHE_LOOKUPS.labels("miss").inc()
        else:
            self.hits += 1
            CACHE_LOOKUPS.labels("hit").inc()
        return value

    async def set(self, key: str, value: str, ttl: float | None = None) -> None:
        full = self._key(key)
        seconds = ttl or self._default_ttl
        self._local.set(full, value, seconds)
        redis = self._redis_usable()
        if redis is not None:
            try:
                await redis.set(full, value, ex=max(1, int(seconds)))
                self._redis_ok()
            except (RedisError, OSError) as exc:
                self._redis_failed(exc)

    async def delete(self, key: str) -> None:
        full = self._key(key)
        self._local.delete(full)
        redis = self._redis_usable()
        if redis is not None:
            try:
                await redis.delete(full)
            except (RedisError, OSError) as exc:
                self._redis_failed(exc)

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()
