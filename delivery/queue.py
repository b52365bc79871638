"""The durable job queue: procrastinate on the application's own Postgres.

Tasks are declared on a blueprint; `build_queue` makes an App for one database. Jobs find
their dependencies (a `DeliveryRuntime`) in the worker's context. Every minute one worker
runs the tick: a single statement claims today's outbox row for every due learner and
defers one delivery job per claim, keyed by learner + local date, so nothing is queued
or sent twice however many workers run.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from typing import Any

import asyncpg
import psycopg
import structlog
from procrastinate import App, JobContext
from procrastinate.exceptions import ConnectorException, JobAborted
from procrastinate.jobs import Job
from procrastinate.retry import BaseRetryStrategy, RetryDecision
from sqlalchemy import exc as sa_exc

from delivery import nudges, welcome
from delivery.errors import TransientSendError
from delivery.queue_connector import AsyncpgConnector
from delivery.worker import DeliveryRuntime, deliver_lesson
from storage.db import LOST_CONNECTION_ERRORS
from storage.repositories.jobs import INGEST_DOCUMENT, record_job_result
from storage.repositories.outbound import (
    DELIVER_LESSON,
    QUEUE,
    SEND_NUDGE,
    SEND_WELCOME,
    schedule_due_lessons,
)

log = structlog.get_logger("bmo.queue")

MAX_ATTEMPTS = 8
MAX_BACKOFF_SECONDS = 300
STALLED_AFTER_SECONDS = 30.0
SHUTDOWN_GRACE_SECONDS = 20.0  # running jobs get this long at shutdown, then are cancelled

_LOST = (*LOST_CONNECTION_ERRORS, psycopg.OperationalError)


def lost_database_connection(exception: BaseException) -> bool:
    """The database went away under the job (restart, failover, dropped connection):
    worth retrying, since the outbox makes a retry reconcile instead of resending."""
    if isinstance(exception, sa_exc.DBAPIError):
        return bool(exception.connection_invalidated) or isinstance(
            exception, sa_exc.OperationalError | sa_exc.InterfaceError
        )
    if isinstance(exception, ConnectorException) and exception.__cause__ is not None:
        return lost_database_connection(exception.__cause__)  # a queue query in the job
    if isinstance(exception, asyncpg.InterfaceError):
        return not isinstance(exception, asyncpg.DataError)  # a bad argument is a bug
    return isinstance(exception, _LOST)


class SendRetry(BaseRetryStrategy):
    """Transient send failures and lost database connections retry with exponential
    backoff, or after Retry-After."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if job.attempts + 1 >= MAX_ATTEMPTS:
            return None
        if isinstance(exception, asyncio.CancelledError | JobAborted):
            # Cancelled by a worker's shutdown after its grace period: any worker may run it
            # again at once, and the outbox makes that retry reconcile, not resend.
            return RetryDecision(retry_in={"seconds": 0})
        transient = isinstance(exception, TransientSendError)
        if not (transient or lost_database_connection(exception)):
            return None
        backoff = min(2.0 ** (job.attempts + 1), MAX_BACKOFF_SECONDS)
        retry_after = exception.retry_after if isinstance(exception, TransientSendError) else None
        wait = max(backoff, retry_after or 0.0)
        return RetryDecision(retry_in={"seconds": int(wait)})


async def recover_stalled_jobs(app: App, seconds_since_heartbeat: float | None = None) -> int:
    """Jobs of a worker that stopped sending heartbeats (killed, host lost) go back to the
    queue; the outbox makes their retry reconcile instead of sending twice."""
    stalled = await app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=seconds_since_heartbeat or STALLED_AFTER_SECONDS
    )
    count = 0
    for job in stalled:
        await app.job_manager.retry_job(job)
        count += 1
    if count:
        log.warning("queue.recovered_stalled_jobs", count=count)
    return count


def runtime_of(context: JobContext) -> DeliveryRuntime:
    runtime = context.additional_context.get("runtime")
    if not isinstance(runtime, DeliveryRuntime):
        raise RuntimeError("the worker was started without a delivery runtime")
    return runtime


def _last_try(context: JobContext) -> bool:
    return context.job.attempts + 1 >= MAX_ATTEMPTS


async def _record_outcome(
    runtime: DeliveryRuntime, job_id: int, result: dict[str, Any], error: str | None = None
) -> None:
    async with runtime.sessions() as session, session.begin():
        await record_job_result(session, job_id, result, error)


def register_tasks(app: App, *, periodic: bool = True) -> None:
    """Declare the tasks on `app` (one App per database; no module-level registry)."""

    @app.task(name=DELIVER_LESSON, queue=QUEUE, pass_context=True, retry=SendRetry())
    async def deliver_lesson_task(context: JobContext, learner_id: int, local_date: str) -> str:
        return await deliver_lesson(
            runtime_of(context),
            learner_id,
            dt.date.fromisoformat(local_date),
            last_try=_last_try(context),
        )

    @app.task(name=SEND_NUDGE, queue=QUEUE, pass_context=True, retry=SendRetry())
    async def send_nudge_task(
        context: JobContext, learner_id: int, lesson_delivery_id: int, local_date: str
    ) -> str:
        return await nudges.send_nudge(
            runtime_of(context),
            learner_id,
            lesson_delivery_id,
            dt.date.fromisoformat(local_date),
            last_try=_last_try(context),
        )

    @app.task(name=SEND_WELCOME, queue=QUEUE, pass_context=True, retry=SendRetry())
    async def send_welcome_task(context: JobContext, learner_id: int, track: str | None) -> str:
        return await welcome.send_welcome(
            runtime_of(context), learner_id, track, last_try=_last_try(context)
        )

    @app.task(name=INGEST_DOCUMENT, queue="ingest", pass_context=True, retry=3)
    async def ingest_document_task(context: JobContext, source: str) -> None:
        """Ingest one stored document; each attempt records its outcome on the job, where
        the admin API reads it."""
        runtime = runtime_of(context)
        job_id = context.job.id
        assert job_id is not None  # a job a worker runs has been deferred
        try:
            if runtime.ingest is None:
                raise RuntimeError("document ingestion is not configured in this worker")
            outcome = await runtime.ingest(source)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
            await _record_outcome(runtime, job_id, {"source": source}, error)
            raise
        await _record_outcome(runtime, job_id, {"source": source, **outcome})

    @app.task(
        name="bmo:regenerate_stale_lessons",
        queue="ingest",
        pass_context=True,
        queueing_lock="regenerate_stale_lessons",
        retry=3,
    )
    async def regenerate_stale_lessons_task(context: JobContext) -> int:
        runtime = runtime_of(context)
        return 0 if runtime.regenerate is None else await runtime.regenerate()

    async def tick_task(context: JobContext, timestamp: int) -> dict[str, int]:
        runtime = runtime_of(context)
        now = dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)
        async with runtime.sessions() as session, session.begin():
            lessons = await schedule_due_lessons(session, now)
        queued_nudges = await nudges.schedule_nudges(runtime, now)
        recovered = await recover_stalled_jobs(context.app)
        log.info("tick", lessons=lessons, nudges=queued_nudges, recovered=recovered)
        return {"lessons": lessons, "nudges": queued_nudges, "recovered": recovered}

    tick = app.task(name="bmo:tick", queue=QUEUE, pass_context=True, queueing_lock="tick")(
        tick_task
    )
    if periodic:
        app.periodic(cron="* * * * *", periodic_id="tick")(tick)


def build_queue(database_url: str, *, periodic: bool = True, **pool: Any) -> App:
    """A procrastinate App on the given database (any postgres URL form); `pool` sizes
    its connection pool (`min_size`, `max_size`)."""
    connector = AsyncpgConnector(conninfo=database_url, **pool)
    app = App(connector=connector)
    register_tasks(app, periodic=periodic)
    return app


async def run_worker(
    app: App,
    runtime: DeliveryRuntime,
    *,
    concurrency: int = 10,
    install_signal_handlers: bool = True,
    shutdown_graceful_timeout: float = SHUTDOWN_GRACE_SECONDS,
    **options: Any,
) -> None:
    """Run one worker until cancelled (or a signal, when handlers are installed). At the
    stop, running jobs get `shutdown_graceful_timeout` seconds; the rest are cancelled and
    retried (by this worker's successor or any other), so a stop always finishes."""
    await recover_stalled_jobs(app)
    # What is loaded by now lives as long as the worker: keep it out of the collector's
    # full passes, which otherwise cost CPU on every delivery.
    gc.collect()
    gc.freeze()
    await app.run_worker_async(
        queues=[QUEUE, "ingest"],
        concurrency=concurrency,
        additional_context={"runtime": runtime},
        install_signal_handlers=install_signal_handlers,
        shutdown_graceful_timeout=shutdown_graceful_timeout,
        **options,
    )


__all__ = ["QUEUE", "build_queue", "run_worker", "schedule_due_lessons"]
