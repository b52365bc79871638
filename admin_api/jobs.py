"""Background jobs started from the API (document ingestion), with a status to poll.

`InProcessJobs` runs each job as a task of this process and remembers its outcome for a
while; a durable queue can take its place behind the same `JobRunner` interface.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import structlog

from admin_api.schemas import Job

log = structlog.get_logger("bmo.admin_api.jobs")

Work = Callable[[], Awaitable[dict[str, Any]]]


class JobRunner(Protocol):
    async def submit(self, kind: str, work: Work) -> Job: ...

    async def get(self, job_id: str) -> Job | None: ...

    async def aclose(self) -> None: ...


class InProcessJobs:
    def __init__(self, keep: int = 1000) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()
        self._keep = keep

    async def submit(self, kind: str, work: Work) -> Job:
        job = Job(
            id=uuid.uuid4().hex,
            kind=kind,
            status="queued",
            created_at=datetime.now(UTC),
            finished_at=None,
            result={},
            error=None,
        )
        self._jobs[job.id] = job
        while len(self._jobs) > self._keep:
            self._jobs.popitem(last=False)
        task = asyncio.create_task(self._run(job.id, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job.model_copy()

    async def _run(self, job_id: str, work: Work) -> None:
        self._update(job_id, status="running")
        try:
            result = await work()
        except Exception as exc:  # noqa: BLE001 - a failed job is reported through its status
            log.warning("job.failed", job_id=job_id, error=type(exc).__name__)
            self._update(job_id, status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        else:
            self._update(job_id, status="succeeded", result=result)

    def _update(self, job_id: str, **fields: Any) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        if fields.get("status") in ("succeeded", "failed"):
            fields["finished_at"] = datetime.now(UTC)
        self._jobs[job_id] = job.model_copy(update=fields)

    async def get(self, job_id: str) -> Job | None:
        job = self._jobs.get(job_id)
        return job.model_copy() if job else None

    async def wait(self) -> None:
        """Wait for every running job (tests and shutdown)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def aclose(self) -> None:
        await self.wait()
