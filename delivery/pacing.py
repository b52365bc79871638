"""Pacing sends under provider rate limits.

One bucket per key (a Slack workspace, a Twilio sending number), shared by every worker
through Redis when REDIS_URL is set, in-process otherwise. The bucket is a generic cell
rate algorithm: each send reserves the next slot on a "theoretical arrival time", so N
workers together never exceed the pace and nobody spins. Slots are released in bursts
of `burst`: the slots of one burst all open when its first one does, and the next burst
opens `burst` intervals later. The pace over a minute is the same, never more than
`burst` sends ahead of it, and a worker wakes once per burst instead of once per send,
which is most of the CPU a paced push costs. A 429 with Retry-After holds every send
until it has passed, then halves the pace for a while.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Protocol

import redis.asyncio as aioredis
import structlog
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = structlog.get_logger("bmo.pacing")
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)

SLOWDOWN_SECONDS = 60.0  # how long a 429 halves the pace
RETRY_REDIS_SECONDS = 30.0  # while Redis is down, how often to try it again


class Pacer(Protocol):
    async def acquire(self, key: str) -> float:
        """Wait for the next slot of `key`; return the seconds waited."""
        ...

    async def penalize(self, key: str, retry_after: float) -> None:
        """The provider said 429: nothing before `retry_after` seconds, then slower."""
        ...

    async def aclose(self) -> None: ...


@dataclass
class _Bucket:
    tat: float  # the next free slot
    burst_opens: float = 0.0  # when the current burst's slots open
    burst_left: int = 0  # slots of the current burst not yet taken
    hold_until: float = 0.0  # nothing leaves before this (Retry-After)
    slow_until: float = 0.0  # the pace is halved until this


class LocalPacer:
    """The same algorithm for one process (no Redis)."""

    def __init__(self, per_minute: float, burst: int = 1) -> None:
        self.interval = 60.0 / per_minute
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}
        self._lock = asyncio.Lock()

    def _reserve(self, key: str, now: float) -> float:
        bucket = self._buckets.setdefault(key, _Bucket(tat=now))
        interval = self.interval * (2 if now < bucket.slow_until else 1)
        if bucket.burst_left > 0 and bucket.tat >= now:
            bucket.burst_left -= 1
        else:  # a new burst opens at this slot (or the bucket was idle)
            bucket.tat = max(bucket.tat, now)
            bucket.burst_opens, bucket.burst_left = bucket.tat, self.burst - 1
        bucket.tat += interval
        return max(0.0, max(bucket.burst_opens, bucket.hold_until) - now)

    async def acquire(self, key: str) -> float:
        async with self._lock:
            wait = self._reserve(key, time.time())
        if wait > 0:
            await asyncio.sleep(wait)
        return wait

    async def penalize(self, key: str, retry_after: float) -> None:
        async with self._lock:
            now = time.time()
            bucket = self._buckets.setdefault(key, _Bucket(tat=now))
            bucket.hold_until = now + retry_after
            bucket.tat = max(bucket.tat, bucket.hold_until)
            bucket.burst_left = 0
            bucket.slow_until = bucket.hold_until + SLOWDOWN_SECONDS

    async def aclose(self) -> None:
        return None


# KEYS[1] bucket hash. ARGV: interval seconds, burst, mode ("take" | "penalize"), slots
# wanted (take) or retry_after (penalize), slowdown seconds. "take" reserves up to that
# many slots of one burst and returns "<seconds until they open> <slots granted>". The
# same algorithm as LocalPacer._reserve; time comes from the Redis server so all workers
# share one clock.
_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tat', 'opens', 'left', 'hold', 'slow')
local tat = tonumber(b[1]) or now
local opens = tonumber(b[2]) or 0
local left = tonumber(b[3]) or 0
local hold = tonumber(b[4]) or 0
local slow = tonumber(b[5]) or 0
if ARGV[3] == 'penalize' then
  hold = now + tonumber(ARGV[4])
  tat = math.max(tat, hold)
  redis.call('HSET', KEYS[1], 'tat', tostring(tat), 'left', '0', 'hold', tostring(hold),
             'slow', tostring(hold + tonumber(ARGV[5])))
  redis.call('EXPIRE', KEYS[1], 3600)
  return '0'
end
if now < slow then interval = interval * 2 end
local want = tonumber(ARGV[4])
local granted
if left > 0 and tat >= now then
  granted = math.min(want, left)
else
  tat = math.max(tat, now)
  opens = tat
  left = burst
  granted = math.min(want, burst)
end
left = left - granted
redis.call('HSET', KEYS[1], 'tat', tostring(tat + granted * interval), 'opens',
           tostring(opens), 'left', tostring(left))
redis.call('EXPIRE', KEYS[1], 3600)
local wait = math.max(opens, hold) - now
if wait < 0 then wait = 0 end
return tostring(wait) .. ' ' .. tostring(granted)
"""


@dataclass
class _Prepaid:
    """Slots of one burst this process reserved and has not used yet."""

    opens_at: float  # event-loop time
    left: int


class RedisPacer:
    """Shared by every worker on every host through one Redis. A worker reserves a whole
    burst in one call and hands its slots to its own sends, so one Redis round trip
    serves a burst and its sends leave together from one process. While Redis cannot be
    reached, this process paces on its own (the same pace, in-process), so messages still
    leave instead of failing."""

    def __init__(
        self, url: str, per_minute: float, prefix: str = "bmo:pace:", burst: int = 1
    ) -> None:
        self.interval = 60.0 / per_minute
        self.burst = burst
        self.prefix = prefix
        self._redis = aioredis.Redis.from_url(url)
        self._script = self._redis.register_script(_SCRIPT)
        self._prepaid: dict[str, _Prepaid] = {}
        self._reserving = asyncio.Lock()  # one reservation at a time, for every send to share
        self._local = LocalPacer(per_minute, burst)  # while Redis is unreachable
        self._down_since: float | None = None

    def _redis_usable(self) -> bool:
        down = self._down_since
        return down is None or time.monotonic() - down > RETRY_REDIS_SECONDS

    def _redis_failed(self, exc: BaseException) -> None:
        """One warning per outage, not one per send; Redis is tried again now and then."""
        if self._down_since is None:
            log.warning("pacing.redis_unavailable", error=type(exc).__name__, fallback="local")
        self._down_since = time.monotonic()

    def _redis_ok(self) -> None:
        if self._down_since is not None:
            log.info("pacing.redis_recovered")
            self._down_since = None

    async def acquire(self, key: str) -> float:
        if self._redis_usable():
            try:
                wait = await self._acquire(key)
            except REDIS_DOWN as exc:
                self._redis_failed(exc)
            else:
                self._redis_ok()
                return wait
        return await self._local.acquire(key)

    async def _acquire(self, key: str) -> float:
        loop = asyncio.get_running_loop()
        async with self._reserving:
            prepaid = self._prepaid.get(key)
            # A slot whose burst has long gone is dropped: sent late, it would join the next.
            if prepaid and prepaid.left and loop.time() < prepaid.opens_at + self.interval:
                prepaid.left -= 1
            else:
                raw = await self._script(
                    keys=[self.prefix + key],
                    args=[self.interval, self.burst, "take", self.burst, 0],
                )
                seconds, granted = raw.split()
                prepaid = _Prepaid(loop.time() + float(seconds), int(granted) - 1)
                self._prepaid[key] = prepaid
            wait = max(0.0, prepaid.opens_at - loop.time())
        if wait > 0:
            await asyncio.sleep(wait)
        return wait

    async def penalize(self, key: str, retry_after: float) -> None:
        self._prepaid.pop(key, None)  # what is left of the burst waits like everything else
        await self._local.penalize(key, retry_after)
        if not self._redis_usable():
            return
        try:
            await self._script(
                keys=[self.prefix + key],
                args=[self.interval, self.burst, "penalize", retry_after, SLOWDOWN_SECONDS],
            )
        except REDIS_DOWN as exc:
            self._redis_failed(exc)

    async def aclose(self) -> None:
        await self._redis.aclose()


def build_pacer(
    redis_url: str | None, per_minute: float, prefix: str = "bmo:pace:", burst: int = 1
) -> Pacer:
    if redis_url:
        return RedisPacer(redis_url, per_minute, prefix, burst)
    return LocalPacer(per_minute, burst)
