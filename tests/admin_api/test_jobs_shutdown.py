"""Shutdown always finishes: a job that overruns the grace period is cancelled and
reported as interrupted (run it again), while jobs that finish in time keep their result."""

from __future__ import annotations

import asyncio
from typing import Any

from admin_api.jobs import INTERRUPTED, InProcessJobs


async def test_an_overrunning_job_is_cancelled_and_reported_at_shutdown() -> None:
    jobs = InProcessJobs()
    never = asyncio.Event()

    async def stuck() -> dict[str, Any]:
        await never.wait()  # e.g. a document that takes minutes to read
        return {}

    async def quick() -> dict[str, Any]:
        await asyncio.sleep(0.05)
        return {"chunks": 3}

    slow_job = await jobs.submit("ingest_document", stuck)
    quick_job = await jobs.submit("ingest_document", quick)
    await asyncio.wait_for(jobs.aclose(grace=0.5), timeout=10)  # finishes, whatever runs
    slow, done = await jobs.get(slow_job.id), await jobs.get(quick_job.id)
    assert slow is not None and done is not None
    assert (slow.status, slow.error) == ("failed", INTERRUPTED)
    assert slow.finished_at is not None
    assert (done.status, done.result) == ("succeeded", {"chunks": 3})
