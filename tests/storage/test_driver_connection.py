"""Hot statements on the pool's own asyncpg connections: more at once than the pool holds
idle, and after the database dropped them, without leaking or losing a connection."""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg

from storage.db import create_engine, driver_connection, libpq_url, session_factory


async def backends(database_url: str) -> int:
    """Connections to this test's database, other than the one asking."""
    conn = await asyncpg.connect(libpq_url(database_url))
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    finally:
        await conn.close()


async def test_more_statements_than_idle_connections_leave_none_open(database_url: str) -> None:
    engine = create_engine(database_url, pool_size=1)
    sessions = session_factory(engine)

    async def statement(n: int) -> int:
        async with driver_connection(sessions) as conn:
            return int(await conn.fetchval("SELECT $1::int FROM pg_sleep(0.05)", n))

    # four at once on a pool of one: three overflow connections are closed on return
    assert await asyncio.gather(*(statement(n) for n in range(4))) == [0, 1, 2, 3]
    assert engine.sync_engine.pool.checkedin() == 1
    await engine.dispose()
    assert await backends(database_url) == 0


async def test_after_the_database_drops_a_connection_at_most_one_statement_fails(
    database_url: str,
) -> None:
    engine = create_engine(database_url, pool_size=2)
    sessions = session_factory(engine)
    try:
        async with driver_connection(sessions) as conn:
            pid = await conn.fetchval("SELECT pg_backend_pid()")
        admin = await asyncpg.connect(libpq_url(database_url))
        await admin.execute("SELECT pg_terminate_backend($1)", pid)
        await admin.close()
        pids = []
        for _ in range(2):
            # a drop the pool has already seen is replaced on checkout; one it has not
            # seen fails this statement, and the connection is not handed out again
            with contextlib.suppress(
                asyncpg.PostgresConnectionError,
                asyncpg.InterfaceError,
                asyncpg.InternalClientError,  # the drop seen halfway through a query
            ):
                async with driver_connection(sessions) as conn:
                    pids.append(await conn.fetchval("SELECT pg_backend_pid()"))
        assert pids and pid not in pids
    finally:
        await engine.dispose()
    assert await backends(database_url) == 0
