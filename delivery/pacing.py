"""Pacing sends under provider rate limits.

One bucket per key (a Slack workspace, a Twilio sending number), shared by every worker
through Redis when REDIS_URL is set, in-process otherwise. The bucket is a generic cell
rate algorithm: each send reserves the next slot on a "theoretical arrival time" and
waits until it, so N workers together never exceed the pace and nobody spins. A 429 with
Retry-After pushes the next slot past the wait and halves the pace for a while.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import redis.asyncio as aioredis

SLOWDOWN_SECONDS = 60.0  # how long a 429 halves the pace
BURST = 1.0  # sends allowed back to back before pacing applies


class Pacer(Protocol):
    async def acquire(self, key: str) -> float:
        """Wait for the next slot of `key`; return the seconds waited."""
        ...

    async def penalize(self, key: str, retry_after: float) -> None:
        """The provider said 429: nothing before `retry_after` seconds, then slower."""
        ...

    async def aclose(self) -> None: ...


class LocalPacer:
    """The same algorithm for one process (no Redis)."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute
        self._tat: dict[str, float] = {}
        self._slow_until: dict[str, float] = {}
        self._lock = asyncio.Lock()

    def _reserve(self, key: str, now: float) -> float:
        interval = self.interval * (2 if now < self._slow_until.get(key, 0.0) else 1)
        tat = max(self._tat.get(key, now), now)
        wait = max(0.0, tat - now - (BURST - 1) * interval)
        self._tat[key] = tat + interval
        return wait

    async def acquire(self, key: str) -> float:
        async with self._lock:
            wait = self._reserve(key, time.time())
        if wait > 0:
            await asyncio.sleep(wait)
        return wait

    async def penalize(self, key: str, retry_after: float) -> None:
        async with self._lock:
            now = time.time()
            self._tat[key] = max(self._tat.get(key, now), now + retry_after)
            self._slow_until[key] = now + retry_after + SLOWDOWN_SECONDS

    async def aclose(self) -> None:
        return None


# KEYS[1] bucket hash. ARGV: interval seconds, burst, mode ("take" | "penalize"),
# retry_after. Time comes from the Redis server so all workers share one clock.
_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('HGET', KEYS[1], 'tat') or now)
local slow_until = tonumber(redis.call('HGET', KEYS[1], 'slow') or 0)
if ARGV[3] == 'penalize' then
  local retry_after = tonumber(ARGV[4])
  tat = math.max(tat, now + retry_after)
  local slow = now + retry_after + tonumber(ARGV[5])
  redis.call('HSET', KEYS[1], 'tat', tostring(tat), 'slow', tostring(slow))
  redis.call('EXPIRE', KEYS[1], 3600)
  return '0'
end
if now < slow_until then interval = interval * 2 end
tat = math.max(tat, now)
local wait = tat - now - (burst - 1) * interval
if wait < 0 then wait = 0 end
redis.call('HSET', KEYS[1], 'tat', tostring(tat + interval))
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(wait)
"""


class RedisPacer:
    """Shared by every worker on every host through one Redis."""

    def __init__(self, url: str, per_minute: float, prefix: str = "bmo:pace:") -> None:
        self.interval = 60.0 / per_minute
        self.prefix = prefix
        self._redis = aioredis.Redis.from_url(url)
        self._script = self._redis.register_script(_SCRIPT)

    async def acquire(self, key: str) -> float:
        raw = await self._script(
            keys=[self.prefix + key], args=[self.interval, BURST, "take", 0, 0]
        )
        wait = float(raw)
        if wait > 0:
            await asyncio.sleep(wait)
        return wait

    async def penalize(self, key: str, retry_after: float) -> None:
        await self._script(
            keys=[self.prefix + key],
            args=[self.interval, BURST, "penalize", retry_after, SLOWDOWN_SECONDS],
        )

    async def aclose(self) -> None:
        await self._redis.aclose()


def build_pacer(redis_url: str | None, per_minute: float, prefix: str = "bmo:pace:") -> Pacer:
    if redis_url:
        return RedisPacer(redis_url, per_minute, prefix)
    return LocalPacer(per_minute)
