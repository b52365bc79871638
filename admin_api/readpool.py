"""A few raw asyncpg connections for the hottest single-statement reads.

The ORM session costs a ping, a BEGIN and a ROLLBACK around every statement; a progress
read is one autocommit SELECT that returns a JSON document, so it skips all three.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

import asyncpg

from storage.db import libpq_url


class ReadPool:
    def __init__(self, database_url: str, size: int = 8) -> None:
        self._dsn = libpq_url(database_url)
        self.size = size
        self._idle: list[asyncpg.Connection] = []
        self._slots = asyncio.Semaphore(size)
        self._closed = False
        self._coalescers: dict[str, Coalescer] = {}

    def coalescer(self, query: str) -> Coalescer:
        """Batches reads through `query`, whose $1 is an array of keys and whose rows are
        (key, value) pairs."""
        found = self._coalescers.get(query)
        if found is None:

            async def fetch(keys: list[Any]) -> dict[Any, Any]:
                return {row[0]: row[1] for row in await self.fetch(query, keys)}

            found = self._coalescers[query] = Coalescer(fetch, self.size)
        return found

    async def fetchval(self, query: str, *args: Any) -> Any:
        return await self._run("fetchval", query, args)

    async def fetch(self, query: str, *args: Any) -> list[Any]:
        return list(await self._run("fetch", query, args))

    async def _run(self, method: str, query: str, args: tuple[Any, ...]) -> Any:
        async with self._slots:
            conn = self._idle.pop() if self._idle else await asyncpg.connect(self._dsn)
            try:
                value = await getattr(conn, method)(query, *args)
            except BaseException:
                # A failed statement may leave the connection unusable: drop it.
                conn.terminate()
                raise
            if self._closed:
                await conn.close()
            else:
                self._idle.append(conn)
            return value

    async def aclose(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            await conn.close()


class Coalescer:
    """Reads of the same kind that wait together go to the database as one statement.

    A key asked for while no more than `concurrency` statements are running is sent at
    the next turn of the event loop, with whatever else was asked for in that turn; when
    every slot is busy, keys pile up and the next free slot sends them all (at most
    `max_batch`). Nothing is cached: each answer is read after it was asked for.
    `fetch(keys)` returns {key: value}; a key it leaves out gets None."""

    def __init__(
        self,
        fetch: Callable[[list[Any]], Awaitable[dict[Any, Any]]],
        concurrency: int,
        max_batch: int = 64,
    ) -> None:
        self._fetch = fetch
        self._concurrency = concurrency
        self._max_batch = max_batch
        self._waiting: dict[Hashable, list[asyncio.Future[Any]]] = {}
        self._running = 0
        self._start_scheduled = False
        self._tasks: set[asyncio.Task[None]] = set()

    async def get(self, key: Hashable) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(key, []).append(future)
        self._schedule()
        return await future

    def _schedule(self) -> None:
        if self._waiting and self._running < self._concurrency and not self._start_scheduled:
            self._start_scheduled = True
            asyncio.get_running_loop().call_soon(self._start)

    def _start(self) -> None:
        self._start_scheduled = False
        if not self._waiting or self._running >= self._concurrency:
            return
        batch: dict[Hashable, list[asyncio.Future[Any]]] = {}
        for key in list(self._waiting)[: self._max_batch]:
            waiters = [f for f in self._waiting.pop(key) if not f.done()]  # drop cancelled
            if waiters:
                batch[key] = waiters
        if not batch:
            self._schedule()
            return
        self._running += 1
        task = asyncio.get_running_loop().create_task(self._run(batch))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        self._schedule()

    async def _run(self, batch: dict[Hashable, list[asyncio.Future[Any]]]) -> None:
        try:
            found = await self._fetch(list(batch))
        except BaseException as exc:  # every waiter of the batch gets the failure
            for waiters in batch.values():
                for future in waiters:
                    if future.done():
                        continue
                    if isinstance(exc, Exception):
                        future.set_exception(exc)
                    else:
                        future.cancel()
            if not isinstance(exc, Exception):
                raise
        else:
            for key, waiters in batch.items():
                value = found.get(key)
                for future in waiters:
                    if not future.done():
                        future.set_result(value)
        finally:
            self._running -= 1
            self._schedule()
