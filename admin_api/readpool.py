"""A few raw asyncpg connections for the hottest single-statement reads.

The ORM session costs a ping, a BEGIN and a ROLLBACK around every statement; a progress
read is one autocommit SELECT that returns a JSON document, so it skips all three.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg

from storage.db import libpq_url


class ReadPool:
    def __init__(self, database_url: str, size: int = 8) -> None:
        self._dsn = libpq_url(database_url)
        self._idle: list[asyncpg.Connection] = []
        self._slots = asyncio.Semaphore(size)
        self._closed = False

    async def fetchval(self, query: str, *args: Any) -> Any:
        async with self._slots:
            conn = self._idle.pop() if self._idle else await asyncpg.connect(self._dsn)
            try:
                value = await conn.fetchval(query, *args)
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
