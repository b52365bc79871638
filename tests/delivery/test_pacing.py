"""Workspace pacing: two workers sharing one Redis bucket stay at the configured pace
together, and a 429's Retry-After holds every sender back."""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid

import pytest
import structlog.testing

from delivery.pacing import LocalPacer, Pacer, RedisPacer


async def send_for(pacer: Pacer, key: str, seconds: float, stamps: list[float]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await pacer.acquire(key)
        stamps.append(time.monotonic())


async def test_two_workers_sharing_redis_send_at_the_configured_pace(redis_url: str) -> None:
    prefix = f"bmo:test:{uuid.uuid4().hex}:"
    workers = [RedisPacer(redis_url, per_minute=1200, prefix=prefix) for _ in range(2)]
    stamps: list[float] = []
    try:
        await asyncio.gather(*(send_for(p, "T1", 3.0, stamps) for p in workers for _ in range(3)))
    finally:
        for p in workers:
            await p.aclose()
    rate = (len(stamps) - 1) / (max(stamps) - min(stamps)) * 60
    assert 1200 * 0.95 <= rate <= 1200 * 1.05, rate


@pytest.mark.parametrize("shared", [True, False])
async def test_retry_after_holds_back_then_slows_the_bucket(redis_url: str, shared: bool) -> None:
    pacer: Pacer = (
        RedisPacer(redis_url, per_minute=600, prefix=f"bmo:test:{uuid.uuid4().hex}:")
        if shared
        else LocalPacer(per_minute=600)
    )
    try:
        await pacer.acquire("T1")
        await pacer.penalize("T1", retry_after=1.0)
        started = time.monotonic()
        await pacer.acquire("T1")
        assert time.monotonic() - started >= 0.9  # nothing before Retry-After
        stamps: list[float] = []
        await send_for(pacer, "T1", 1.0, stamps)
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        assert gaps and min(gaps) >= 0.18  # half pace: 0.2 s apart instead of 0.1 s
        other = time.monotonic()
        await pacer.acquire("T2")  # another workspace is not held back
        assert time.monotonic() - other < 0.05
    finally:
        await pacer.aclose()


@pytest.mark.parametrize("shared", [True, False])
async def test_bursts_leave_together_and_keep_the_pace(redis_url: str, shared: bool) -> None:
    """Five sends leave at once, the next five a burst later: the same 1,200 a minute."""
    prefix = f"bmo:test:{uuid.uuid4().hex}:"
    workers: list[Pacer] = (
        [RedisPacer(redis_url, per_minute=1200, prefix=prefix, burst=5) for _ in range(2)]
        if shared
        else [LocalPacer(per_minute=1200, burst=5)]
    )
    stamps: list[float] = []
    try:
        await asyncio.gather(*(send_for(p, "T1", 3.0, stamps) for p in workers for _ in range(6)))
    finally:
        for p in workers:
            await p.aclose()
    stamps.sort()
    bursts = [[stamps[0]]]
    for stamp in stamps[1:]:
        if stamp - bursts[-1][0] < 0.1:
            bursts[-1].append(stamp)
        else:
            bursts.append([stamp])
    # every burst is whole, but for the last ones, which the end of the run may cut short
    steady = [b for b in bursts if b[0] < stamps[0] + 2.5]
    assert all(len(burst) == 5 for burst in steady), str([len(b) for b in bursts])
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(bursts)]
    assert min(gaps) >= 0.24, gaps  # a burst every 5 x 50 ms
    rate = 5 * len(gaps) / (bursts[-1][0] - bursts[0][0]) * 60
    assert 1200 * 0.95 <= rate <= 1200 * 1.05, rate


@pytest.mark.parametrize("shared", [True, False])
async def test_retry_after_holds_back_a_whole_burst(redis_url: str, shared: bool) -> None:
    pacer: Pacer = (
        RedisPacer(redis_url, per_minute=600, prefix=f"bmo:test:{uuid.uuid4().hex}:", burst=5)
        if shared
        else LocalPacer(per_minute=600, burst=5)
    )
    try:
        await pacer.acquire("T1")  # a burst opens; four of its slots are left
        await pacer.penalize("T1", retry_after=1.0)
        started = time.monotonic()
        await asyncio.gather(*(pacer.acquire("T1") for _ in range(4)))
        assert time.monotonic() - started >= 0.9  # none of them before Retry-After
    finally:
        await pacer.aclose()


async def test_with_redis_unreachable_sends_are_paced_in_process_instead_of_failing() -> None:
    pacer = RedisPacer("redis://127.0.0.1:1/0", per_minute=600, prefix=f"t:{uuid.uuid4()}:")
    try:
        started = time.monotonic()
        waits = [await pacer.acquire("T1") for _ in range(3)]
        await pacer.penalize("T1", 0.2)  # a 429 still holds this process's sends
        held = await pacer.acquire("T1")
    finally:
        await pacer.aclose()
    assert waits[0] == 0 and min(waits[1:]) > 0.05  # 600/min: one every 0.1 s
    assert held >= 0.15 and time.monotonic() - started < 5


async def test_with_redis_unreachable_one_warning_is_logged_not_one_per_send() -> None:
    pacer = RedisPacer("redis://127.0.0.1:1/0", per_minute=60_000, prefix=f"t:{uuid.uuid4()}:")
    try:
        with structlog.testing.capture_logs() as logs:
            for n in range(200):  # e.g. the feedback of 200 clicks in a few seconds
                await pacer.acquire(f"T{n % 3}")
            await pacer.penalize("T1", 0.01)
    finally:
        await pacer.aclose()
    warnings = [e for e in logs if e["event"] == "pacing.redis_unavailable"]
    assert len(warnings) == 1 and warnings[0]["log_level"] == "warning"
