"""Engine and session set-up. One dialect: PostgreSQL through asyncpg."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from sqlalchemy import event, exc, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import QueuePool
from sqlalchemy.util import greenlet_spawn


class DatabaseUnavailable(Exception):
    """The database cannot be reached or lacks what the app needs; message is one line."""


def async_url(url: str) -> str:
    """Normalise any postgres URL to the asyncpg driver."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def sync_url(url: str, driver: str = "psycopg") -> str:
    """The same URL for a synchronous/psycopg consumer (Alembic, procrastinate, LangGraph)."""
    parsed = make_url(url)
    return parsed.set(drivername=f"postgresql+{driver}").render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """A plain libpq connection string (postgresql://...) for psycopg.connect and friends."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


RECHECK_AFTER_SECONDS = 2.0  # a pooled connection unused this long is pinged on checkout


def _ping_idle_connections(engine: AsyncEngine, after: float) -> None:
    """Ping a pooled connection on checkout only when it sat unused for `after` seconds.

    A connection in steady use is known to work, so a busy server skips the ping (with
    asyncpg, three round trips) on nearly every checkout; one whose socket the server
    closed (a restart, a terminated backend) is seen as closed without a round trip. A
    dead connection found either way is replaced by a fresh one."""
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "connect")
    def _fresh(_dbapi_connection: Any, record: Any) -> None:
        record.info["bmo_used_at"] = time.monotonic()

    @event.listens_for(pool, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info["bmo_used_at"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        used_at = record.info.get("bmo_used_at")
        if used_at is not None and time.monotonic() - used_at < after:
            if not _closed(dbapi_connection):
                return
            raise exc.DisconnectionError("connection closed by the server")  # reconnects
        try:
            dbapi_connection.ping()
        except Exception as error:
            raise exc.DisconnectionError(str(error)) from error  # the pool reconnects
        record.info["bmo_used_at"] = time.monotonic()


def _closed(dbapi_connection: Any) -> bool:
    driver_connection = getattr(dbapi_connection, "_connection", None)
    is_closed = getattr(driver_connection, "is_closed", None)
    return bool(is_closed()) if callable(is_closed) else False


def create_engine(
    url: str,
    *,
    pool_size: int = 10,
    echo: bool = False,
    recheck_after: float = RECHECK_AFTER_SECONDS,
) -> AsyncEngine:
    engine = create_async_engine(
        async_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=1800,
        echo=echo,
        connect_args={"server_settings": {"application_name": "bmo"}, "timeout": 5},
    )
    _ping_idle_connections(engine, recheck_after)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A session that commits on success and rolls back on error."""
    async with sessions() as session, session.begin():
        yield session


# What asyncpg raises when the connection itself is gone (server restart, terminated
# backend, dropped socket), whatever the statement was.
LOST_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,  # 08xxx, including "closed in the middle of operation"
    asyncpg.AdminShutdownError,  # pg_terminate_backend, a fast shutdown
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,  # the server is starting or stopping
    OSError,  # refused, reset, unreachable, timed out (ConnectionError included)
    # a query on a connection the server has just closed, before the socket's end is
    # read ("cannot switch to state 11; another operation (2) is in progress")
    asyncpg.InternalClientError,
)


@asynccontextmanager
async def driver_connection(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[asyncpg.Connection]:
    """A pooled connection as asyncpg itself, for one self-contained hot statement.

    It runs in autocommit and asyncpg prepares it once per connection, so it skips the
    ORM session, statement compilation and BEGIN/COMMIT; checking it out of the pool
    costs one greenlet hop rather than one per step. A connection that turns out to be
    lost is closed before it goes back, so the pool replaces it on its next checkout."""
    engine: AsyncEngine = sessions.kw["bind"]
    pooled = await engine.raw_connection()
    connection: asyncpg.Connection = pooled.driver_connection
    lost = False
    try:
        yield connection
    except (*LOST_CONNECTION_ERRORS, asyncpg.InterfaceError):
        connection.terminate()  # may be unusable now
        lost = True
        raise
    finally:
        pool = engine.sync_engine.pool
        if lost or not isinstance(pool, QueuePool) or pool.checkedin() >= pool.size():
            # The pool will close this connection (an overflow one, or a lost one), and
            # closing awaits: that has to happen inside a greenlet.
            await greenlet_spawn(pooled.close)
        else:
            pooled.close()  # back among the idle: no transaction was begun, no I/O
