"""The job queue on asyncpg, against real Postgres: jobs are queued and run, a queueing
lock refuses a duplicate, job arguments come back as they went in, a worker wakes as soon
as a job is queued, and a database that drops the queue's connections loses no job."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import psycopg
import pytest
from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import text

from delivery.queue import QUEUE, build_queue, run_worker
from delivery.queue_connector import APPLICATION_NAME, AsyncpgConnector
from delivery.worker import DeliveryRuntime
from storage.db import libpq_url
from storage.repositories.jobs import queue_job
from tests.delivery.support import World, runtime_for, seed

SLOW_POLL = 60.0  # far longer than any test waits: only a notification wakes the worker


@contextlib.asynccontextmanager
async def world_and_runtime(database_url: str) -> AsyncIterator[tuple[World, DeliveryRuntime]]:
    world = await seed(database_url, 0)
    runtime = runtime_for(world, None)
    try:
        yield world, runtime
    finally:
        await runtime.aclose()
        await world.engine.dispose()


@contextlib.asynccontextmanager
async def running_worker(
    app: App, runtime: DeliveryRuntime, *, polling: float = 0.2
) -> AsyncIterator[None]:
    task = asyncio.create_task(
        run_worker(
            app,
            runtime,
            concurrency=2,
            install_signal_handlers=False,
            fetch_job_polling_interval=polling,
        )
    )
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def queue_backends(database_url: str, where: str = "TRUE") -> int:
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            f"WHERE datname = current_database() AND application_name = %s AND {where}",
            (APPLICATION_NAME,),
        ).fetchone()
    return int(row[0]) if row else 0


def drop_queue_connections(database_url: str) -> None:
    """What a database restart does to the queue: every one of its connections is
    terminated. Blocking on purpose, so the event loop has not yet seen the sockets
    close when the next queue query starts."""
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            (APPLICATION_NAME,),
        )
    deadline = time.monotonic() + 10
    while queue_backends(database_url):
        assert time.monotonic() < deadline, "the queue's connections outlived termination"
        time.sleep(0.01)


async def wait_for(condition: Any, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not await condition():
        assert time.monotonic() < deadline, f"not within {within} s: {what}"
        await asyncio.sleep(0.05)


async def listening(database_url: str) -> None:
    """Until the worker's notification connection has subscribed to its last queue."""

    async def subscribed() -> bool:
        last_listen = "state = 'idle' AND query LIKE 'LISTEN %%ingest%%'"
        return await asyncio.to_thread(queue_backends, database_url, last_listen) > 0

    await wait_for(subscribed, 10, "the worker listens for new jobs")


async def status_of(app: App, job_id: int) -> str:
    return (await app.job_manager.get_job_status_async(job_id)).value


async def test_a_queued_document_is_ingested_by_a_worker(database_url: str) -> None:
    ingested: list[str] = []

    async def ingest(source: str) -> dict[str, Any]:
        ingested.append(source)
        return {"chunks": 7}

    app = build_queue(database_url, periodic=False)
    async with world_and_runtime(database_url) as (_world, runtime), app.open_async():
        runtime.ingest = ingest
        job_id = await app.tasks["bmo:ingest_document"].defer_async(source="s3://docs/apr.pdf")
        assert await status_of(app, job_id) == "todo"
        async with running_worker(app, runtime):

            async def done() -> bool:
                return await status_of(app, job_id) == "succeeded"

            await wait_for(done, 10, "the ingestion job succeeds")
        assert ingested == ["s3://docs/apr.pdf"]
        [job] = await app.job_manager.list_jobs_async(id=job_id)
        assert job.status == "succeeded" and job.attempts == 1  # ran once
        async with runtime.sessions() as session:  # the outcome is kept on the job
            found = await queue_job(session, job_id, "bmo:ingest_document")
        assert found is not None and found.error is None
        assert found.result == {"source": "s3://docs/apr.pdf", "chunks": 7}


async def test_a_failed_ingestion_records_its_error_on_the_job(database_url: str) -> None:
    async def ingest(source: str) -> dict[str, Any]:
        raise OSError(f"{source} is unreadable")

    app = build_queue(database_url, periodic=False)
    async with world_and_runtime(database_url) as (_world, runtime), app.open_async():
        runtime.ingest = ingest
        job_id = await app.tasks["bmo:ingest_document"].defer_async(source="s3://docs/x.pdf")
        async with running_worker(app, runtime):

            async def recorded() -> bool:
                async with runtime.sessions() as session:
                    found = await queue_job(session, job_id, "bmo:ingest_document")
                return found is not None and found.error is not None

            await wait_for(recorded, 10, "the failed attempt is recorded on the job")
        async with runtime.sessions() as session:
            found = await queue_job(session, job_id, "bmo:ingest_document")
        assert found is not None
        assert found.error == "OSError: s3://docs/x.pdf is unreadable"
        assert found.result == {"source": "s3://docs/x.pdf"}


async def test_a_second_regeneration_is_refused_while_one_is_queued(database_url: str) -> None:
    app = build_queue(database_url, periodic=False)
    async with app.open_async():
        regenerate = app.tasks["bmo:regenerate_stale_lessons"]
        first = await regenerate.defer_async()
        with pytest.raises(AlreadyEnqueued):
            await regenerate.defer_async()
        jobs = await app.job_manager.list_jobs_async(task="bmo:regenerate_stale_lessons")
        assert [j.id for j in jobs] == [first]


async def test_job_arguments_reach_the_task_as_they_were_queued(database_url: str) -> None:
    received: list[dict[str, Any]] = []
    app = build_queue(database_url, periodic=False)

    @app.task(name="test:echo", queue=QUEUE)
    async def echo(**kwargs: Any) -> None:
        received.append(kwargs)

    arguments: dict[str, Any] = {
        "learner_id": 42,
        "name": "Zoë O'Brien",
        "plan": {"days": [1, 2, 3], "nested": {"paused": False, "note": None, "ratio": 0.5}},
    }
    async with world_and_runtime(database_url) as (world, runtime), app.open_async():
        job_id = await echo.defer_async(**arguments)
        [queued] = await app.job_manager.list_jobs_async(id=job_id)
        assert queued.task_kwargs == arguments
        async with world.engine.connect() as conn:  # stored as JSON, not as a JSON string
            stored = await conn.execute(
                text(
                    "SELECT jsonb_typeof(args), args #>> '{plan,nested,ratio}' "
                    "FROM procrastinate_jobs WHERE id = :id"
                ),
                {"id": job_id},
            )
            assert stored.one() == ("object", "0.5")
        async with running_worker(app, runtime):

            async def done() -> bool:
                return await status_of(app, job_id) == "succeeded"

            await wait_for(done, 10, "the echo job succeeds")
        assert received == [arguments]


async def test_a_waiting_worker_starts_a_queued_job_within_a_second(database_url: str) -> None:
    ingested = asyncio.Event()

    async def ingest(source: str) -> dict[str, Any]:
        ingested.set()
        return {"chunks": 1}

    app = build_queue(database_url, periodic=False)
    async with world_and_runtime(database_url) as (_world, runtime), app.open_async():
        runtime.ingest = ingest
        async with running_worker(app, runtime, polling=SLOW_POLL):
            await listening(database_url)
            started = time.monotonic()
            await app.tasks["bmo:ingest_document"].defer_async(source="s3://docs/new.pdf")
            await asyncio.wait_for(ingested.wait(), timeout=5)
            assert time.monotonic() - started < 1.0


async def test_a_query_right_after_the_database_dropped_the_pool_succeeds(
    database_url: str,
) -> None:
    connector = AsyncpgConnector(conninfo=database_url, min_size=1, max_size=1)
    await connector.open_async()
    try:
        before = await connector.execute_query_one_async("SELECT pg_backend_pid() AS pid")
        drop_queue_connections(database_url)
        after = await connector.execute_query_one_async("SELECT pg_backend_pid() AS pid")
        assert after["pid"] != before["pid"]
        assert await connector.execute_query_all_async("SELECT 1 AS one") == [{"one": 1}]
    finally:
        await connector.close_async()


async def test_a_job_running_while_the_database_drops_the_queue_connections_still_finishes(
    database_url: str,
) -> None:
    started, release = asyncio.Event(), asyncio.Event()
    ingested: list[str] = []
    app = build_queue(database_url, periodic=False)

    @app.task(name="test:hold", queue=QUEUE)
    async def hold() -> None:
        started.set()
        await release.wait()

    async def ingest(source: str) -> dict[str, Any]:
        ingested.append(source)
        return {"chunks": 1}

    async with world_and_runtime(database_url) as (_world, runtime), app.open_async():
        runtime.ingest = ingest
        async with running_worker(app, runtime, polling=SLOW_POLL):
            await listening(database_url)
            held = await hold.defer_async()
            await asyncio.wait_for(started.wait(), timeout=5)
            drop_queue_connections(database_url)
            release.set()  # the job ends while the queue's connections are gone

            async def finished() -> bool:
                return await status_of(app, held) == "succeeded"

            await wait_for(finished, 10, "the held job is marked succeeded")
            assert [j.id for j in await app.job_manager.list_jobs_async(status="doing")] == []

            # The worker is still woken by new jobs once its listener reconnects.
            await listening(database_url)
            started_at = time.monotonic()
            after = await app.tasks["bmo:ingest_document"].defer_async(source="s3://docs/b.pdf")

            async def ingested_after() -> bool:
                return await status_of(app, after) == "succeeded"

            await wait_for(ingested_after, 5, "a job queued after the drop runs")
            assert time.monotonic() - started_at < 2.0
        assert ingested == ["s3://docs/b.pdf"]
