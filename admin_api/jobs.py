"""Background jobs started from the API (document ingestion), with a status to poll.

`InProcessJobs` runs each job as a task of this process and remembers its outcome for a
while. `QueueJobs` defers the ingestion of an uploaded document to the procrastinate
queue, where a worker in any process picks it up; its status is read back from the
queue's job row together with the outcome the worker recorded on that job.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from admin_api.schemas import Job, JobState
from storage.repositories.jobs import INGEST_DOCUMENT, queue_job

if TYPE_CHECKING:
    from procrastinate import App

log = structlog.get_logger("bmo.admin_api.jobs")

Work = Callable[[], Awaitable[dict[str, Any]]]
SHUTDOWN_GRACE_SECONDS = 20.0  # within the container's stop timeout
INTERRUPTED = "interrupted by a shutdown before it finished; run it again"


class JobRunner(Protocol):
    async def submit(self, kind: str, work: Work) -> Job: ...

    async def get(self, job_id: str) -> Job | None: ...

    async def aclose(self) -> None: ...


@runtime_checkable
class DocumentQueue(Protocol):
    """A runner that can hand one stored document to workers in other processes."""

    async def defer_ingest(self, key: str) -> Job: ...


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
        except asyncio.CancelledError:
            self._update(job_id, status="failed", error=INTERRUPTED)
            raise
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
        """Wait for every running job (tests)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def aclose(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Let running jobs finish within `grace` seconds; cancel the rest and report them
        as interrupted, so shutdown always finishes."""
        tasks = {task for task in self._tasks if not task.done()}
        if not tasks:
            return
        _, overran = await asyncio.wait(tasks, timeout=grace)
        for task in overran:
            task.cancel()
        if overran:
            await asyncio.gather(*overran, return_exceptions=True)
            log.warning("job.cancelled_at_shutdown", jobs=len(overran), grace_seconds=grace)


_QUEUE_STATES: dict[str, JobState] = {
    "todo": "queued",
    "doing": "running",
    "aborting": "running",
    "succeeded": "succeeded",
    "failed": "failed",
    "cancelled": "failed",
    "aborted": "failed",
}
# A queue job's API id is its number in 32 hex digits (the API's job id shape); an
# in-process job's id is a random UUID, which never starts with 16 zeros.
_QUEUE_ID_PREFIX = "0" * 16


def queue_job_id(number: int) -> str:
    return f"{number:032x}"


def queue_job_number(job_id: str) -> int | None:
    if len(job_id) != 32 or not job_id.startswith(_QUEUE_ID_PREFIX):
        return None
    try:
        return int(job_id, 16)
    except ValueError:
        return None


class QueueJobs:
    """Uploaded documents are ingested by queue workers (`bmo worker`, or the worker inside
    `bmo serve`); other jobs still run in this process."""

    def __init__(
        self,
        app: App,
        sessions: async_sessionmaker[AsyncSession],
        local: InProcessJobs | None = None,
    ) -> None:
        self.app, self.sessions = app, sessions
        self.local = local or InProcessJobs()
        self._opened = False
        self._lock = asyncio.Lock()

    async def _open(self) -> None:
        async with self._lock:
            if not self._opened:
                await self.app.open_async()
                self._opened = True

    async def submit(self, kind: str, work: Work) -> Job:
        return await self.local.submit(kind, work)

    async def defer_ingest(self, key: str) -> Job:
        await self._open()
        number = await self.app.tasks[INGEST_DOCUMENT].defer_async(source=key)
        log.info("job.deferred", task=INGEST_DOCUMENT, job_id=number, key=key)
        return Job(
            id=queue_job_id(number),
            kind="ingest_document",
            status="queued",
            created_at=datetime.now(UTC),
            finished_at=None,
            result={"source": key},
            error=None,
        )

    async def get(self, job_id: str) -> Job | None:
        number = queue_job_number(job_id)
        if number is None:
            return await self.local.get(job_id)
        async with self.sessions() as session:
            found = await queue_job(session, number, INGEST_DOCUMENT)
        if found is None:
            return None
        status = _QUEUE_STATES.get(found.status, "running")
        done = status in ("succeeded", "failed")
        error = found.error if done else None
        if status == "failed" and error is None:
            error = f"the queue job ended {found.status}"
        return Job(
            id=job_id,
            kind="ingest_document",
            status=status,
            created_at=found.created_at or datetime.now(UTC),
            finished_at=found.finished_at if done else None,
            result={"source": found.args.get("source"), **(found.result or {})},
            error=error,
        )

    async def aclose(self) -> None:
        await self.local.aclose()
        if self._opened:
            await self.app.close_async()
            self._opened = False
