"""API keys as Bearer tokens and a per-key rate limit.

Keys are compared in constant time against every configured key, so the time taken
reveals neither which key nor how much of it matched.
"""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from admin_api.errors import ApiError

log = structlog.get_logger("bmo.admin_api.auth")

Role = Literal["admin", "analyst"]


@dataclass(frozen=True)
class ApiKey:
    name: str
    secret: str
    role: Role

    def __repr__(self) -> str:  # never show the secret
        return f"ApiKey(name={self.name!r}, role={self.role!r})"


class KeyRing:
    def __init__(self, keys: Sequence[ApiKey]) -> None:
        self._keys = [(key, key.secret.encode()) for key in keys]

    def identify(self, authorization: str | None) -> ApiKey:
        """The key behind an `Authorization: Bearer ...` header, or a 401."""
        if not authorization:
            raise ApiError(
                401,
                "missing_api_key",
                "Send an API key as 'Authorization: Bearer <key>'.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        scheme, _, token = authorization.partition(" ")
        presented = token.strip().encode()
        found: ApiKey | None = None
        for key, secret in self._keys:  # no early exit: same work whichever key matches
            if hmac.compare_digest(secret, presented) and scheme.lower() == "bearer":
                found = key
        if found is None:
            raise ApiError(
                401,
                "invalid_api_key",
                "The API key is not valid; check it or ask an administrator for one.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return found


def require_role(key: ApiKey, write: bool) -> None:
    if write and key.role != "admin":
        raise ApiError(
            403,
            "forbidden",
            f"The key '{key.name}' may only read; changes need an admin key.",
        )


class RateLimiter:
    """Fixed one-minute windows per key: in Redis when configured (shared by every task),
    in process memory otherwise or while Redis is unreachable."""

    def __init__(
        self, per_minute: int, redis_url: str | None = None, *, retry_redis_after: float = 30.0
    ) -> None:
        self.per_minute = per_minute
        self._redis = (
            Redis.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=0.5)
            if redis_url
            else None
        )
        self._local: dict[str, tuple[int, int]] = {}
        self._down_since: float | None = None
        self._retry_redis_after = retry_redis_after

    @property
    def backend(self) -> str:
        return "redis" if self._redis is not None and self._down_since is None else "memory"

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    async def check(self, key_name: str) -> None:
        """Count one request for `key_name`; a 429 with Retry-After when over the limit."""
        now = time.time()
        window = int(now // 60)
        count = await self._count(key_name, window)
        if count > self.per_minute:
            retry_after = max(1, math.ceil((window + 1) * 60 - now))
            raise ApiError(
                429,
                "rate_limited",
                f"More than {self.per_minute} requests this minute; retry in {retry_after} s.",
                headers={"Retry-After": str(retry_after)},
            )

    async def refuse_if_over(self, key_name: str) -> None:
        """A 429 while `key_name` is over this minute's limit, without counting."""
        now = time.time()
        window = int(now // 60)
        count = 0
        if self._redis is not None and self._down_since is None:
            try:
                count = int(await self._redis.get(f"bmo:ratelimit:{key_name}:{window}") or 0)
            except (RedisError, OSError):
                count = 0  # counted again from memory by `check` meanwhile
        seen_window, local = self._local.get(key_name, (window, 0))
        count = max(count, local if seen_window == window else 0)
        if count >= self.per_minute:
            retry_after = max(1, math.ceil((window + 1) * 60 - now))
            raise ApiError(
                429,
                "rate_limited",
                f"Too many requests this minute; retry in {retry_after} s.",
                headers={"Retry-After": str(retry_after)},
            )

    async def _count(self, key_name: str, window: int) -> int:
        redis = self._redis
        if redis is not None and (
            self._down_since is None
            or time.monotonic() - self._down_since > self._retry_redis_after
        ):
            name = f"bmo:ratelimit:{key_name}:{window}"
            try:
                async with redis.pipeline(transaction=False) as pipe:
                    pipe.incr(name)
                    pipe.expire(name, 61)
                    count, _ = await pipe.execute()
                self._down_since = None
                return int(count)
            except (RedisError, OSError) as exc:
                if self._down_since is None:
                    log.warning("ratelimit.redis_unavailable", error=type(exc).__name__)
                self._down_since = time.monotonic()
        seen_window, count = self._local.get(key_name, (window, 0))
        count = count + 1 if seen_window == window else 1
        self._local[key_name] = (window, count)
        return count
