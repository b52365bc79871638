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
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, LiteralString, TypeVar

import psycopg
import psycopg_pool
import structlog
from procrastinate import App, JobContext, PsycopgConnector
from procrastinate.exceptions import ConnectorException
from procrastinate.jobs import Job
from procrastinate.psycopg_connector import wrap_exceptions
from procrastinate.retry import BaseRetryStrategy, RetryDecision
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from delivery import nudges
from delivery.errors import TransientSendError
from delivery.scheduler import DUE_LEARNERS_SQL
from delivery.worker import DeliveryRuntime, deliver_lesson
from storage.db import libpq_url

log = structlog.get_logger("bmo.queue")

QUEUE = "deliveries"
NAMESPACE = "bmo"  # task names in the jobs table are "bmo:<task>"
MAX_ATTEMPTS = 8
MAX_BACKOFF_SECONDS = 300
STALLED_AFTER_SECONDS = 30.0
RECONNECT_DELAYS = (0.2, 1.0, 3.0)
RECHECK_AFTER_SECONDS = 2.0  # a pooled queue connection unused this long is pinged first

T = TypeVar("T")


def lost_database_connection(exception: BaseException) -> bool:
    """The database went away under the job (restart, failover, dropped connection):
    worth retrying, since the outbox makes a retry reconcile instead of resending."""
    if isinstance(exception, sa_exc.DBAPIError):
        return bool(exception.connection_invalidated) or isinstance(
            exception, sa_exc.OperationalError | sa_exc.InterfaceError
        )
    return isinstance(exception, psycopg.OperationalError | ConnectionError)


class SendRetry(BaseRetryStrategy):
    """Transient send failures and lost database connections retry with exponential
    backoff, or after Retry-After."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        transient = isinstance(exception, TransientSendError)
        if not (transient or lost_database_connection(exception)):
            return None
        if job.attempts + 1 >= MAX_ATTEMPTS:
            return None
        backoff = min(2.0 ** (job.attempts + 1), MAX_BACKOFF_SECONDS)
        retry_after = exception.retry_after if isinstance(exception, TransientSendError) else None
        wait = max(backoff, retry_after or 0.0)
        return RetryDecision(retry_in={"seconds": int(wait)})


class IdleConnectionCheck:
    """Pool check that pings a connection only when it has not been handed out for a
    while: a connection in steady use is known to work, and a query that still meets a
    dead one is retried by `ReconnectingConnector`."""

    def __init__(self, after: float = RECHECK_AFTER_SECONDS) -> None:
        self.after = after
        self._last: weakref.WeakKeyDictionary[psycopg.AsyncConnection[Any], float] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, connection: psycopg.AsyncConnection[Any]) -> None:
        now = time.monotonic()
        last = self._last.get(connection)
        if last is None or now - last >= self.after:
            await psycopg_pool.AsyncConnectionPool.check_connection(connection)
        self._last[connection] = now


async def _autocommit(connection: psycopg.AsyncConnection[Any]) -> None:
    await connection.set_autocommit(True)


class ReconnectingConnector(PsycopgConnector):
    """Retries a queue query whose connection died (the pool hands out a fresh one), so a
    database restart does not leave a finished job marked as running forever.

    Pooled connections run in autocommit: every queue query is one statement (a
    procedure call), so wrapping each in BEGIN/COMMIT only added two round trips."""

    @wrap_exceptions()
    async def _create_pool(self, pool_args: dict[str, Any]) -> psycopg_pool.AsyncConnectionPool:
        return self._pool_factory(
            **{"configure": _autocommit, **pool_args}, open=False, check=IdleConnectionCheck()
        )

    async def _again(self, run: Callable[[], Awaitable[T]]) -> T:
        for delay in RECONNECT_DELAYS:
            try:
                return await run()
            except ConnectorException as exc:
                if not isinstance(exc.__cause__, psycopg.OperationalError):
                    raise
                log.warning("queue.reconnecting", retry_in=delay)
                await asyncio.sleep(delay)
        return await run()

    async def execute_query_async(self, query: LiteralString, **arguments: Any) -> None:
        await self._again(
            lambda: super(ReconnectingConnector, self).execute_query_async(query, **arguments)
        )

    async def execute_query_one_async(
        self, query: LiteralString, **arguments: Any
    ) -> dict[str, Any]:
        return await self._again(
            lambda: super(ReconnectingConnector, self).execute_query_one_async(query, **arguments)
        )

    async def execute_query_all_async(
        self, query: LiteralString, **arguments: Any
    ) -> list[dict[str, Any]]:
        return await self._again(
            lambda: super(ReconnectingConnector, self).execute_query_all_async(query, **arguments)
        )


# One statement: claim the outbox rows of every due learner, then queue their jobs.
TICK_SQL = f"""
WITH due AS ({DUE_LEARNERS_SQL}),
claimed AS (
    INSERT INTO deliveries (learner_id, channel, kind, idempotency_key, status, local_date)
    SELECT due.learner_id, l.preferred_channel, 'lesson',
           'lesson:' || due.learner_id || ':' || to_char(due.local_date, 'YYYY-MM-DD'),
           'queued', due.local_date
    FROM due JOIN learners l ON l.id = due.learner_id
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING learner_id, local_date, idempotency_key
)
INSERT INTO procrastinate_jobs (queue_name, task_name, priority, lock, queueing_lock, args)
SELECT '{QUEUE}', '{NAMESPACE}:deliver_lesson', 0, NULL, idempotency_key,
       jsonb_build_object('learner_id', learner_id,
                          'local_date', to_char(local_date, 'YYYY-MM-DD'))
FROM claimed
ON CONFLICT DO NOTHING
"""


async def schedule_due_lessons(session: AsyncSession, now: dt.datetime) -> int:
    """Queue one delivery job per learner due at `now`; returns how many were queued."""
    result = await session.execute(text(TICK_SQL), {"now": now})
    return int(getattr(result, "rowcount", 0) or 0)


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


def register_tasks(app: App, *, periodic: bool = True) -> None:
    """Declare the tasks on `app` (one App per database; no module-level registry)."""

    @app.task(name="bmo:deliver_lesson", queue=QUEUE, pass_context=True, retry=SendRetry())
    async def deliver_lesson_task(context: JobContext, learner_id: int, local_date: str) -> str:
        return await deliver_lesson(
            runtime_of(context),
            learner_id,
            dt.date.fromisoformat(local_date),
            last_try=_last_try(context),
        )

    @app.task(name="bmo:send_nudge", queue=QUEUE, pass_context=True, retry=SendRetry())
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

    @app.task(name="bmo:ingest_document", queue="ingest", pass_context=True, retry=3)
    async def ingest_document_task(context: JobContext, source: str) -> str:
        runtime = runtime_of(context)
        if runtime.ingest is None:
            raise RuntimeError("document ingestion is not configured in this worker")
        return str(await runtime.ingest(source))

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
    """A procrastinate App on the given database (any postgres URL form)."""
    connector = ReconnectingConnector(conninfo=libpq_url(database_url), **pool)
    app = App(connector=connector)
    register_tasks(app, periodic=periodic)
    return app


async def run_worker(
    app: App,
    runtime: DeliveryRuntime,
    *,
    concurrency: int = 10,
    install_signal_handlers: bool = True,
    **options: Any,
) -> None:
    """Run one worker until cancelled (or a signal, when handlers are installed)."""
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
        **options,
    )
