"""procrastinate's queue queries on asyncpg.

The delivery worker spends a good share of its CPU on two queue queries per job
(fetch_job, finish_job); asyncpg costs a fraction of psycopg per round trip. Every query
is one autocommit statement on a pooled connection, prepared once per connection, and a
query whose connection died (a restart, a terminated backend) is retried on a fresh one,
so a finished job is not left marked as running. Notifications arrive on a connection of
their own that reconnects when it drops.

procrastinate writes its queries for psycopg (`%(name)s` placeholders, dicts for jsonb);
they are translated to asyncpg's `$n` once per query text, and JSON goes through codecs
registered on each connection.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, LiteralString, TypeVar

import asyncpg
import structlog
from procrastinate import connector, exceptions, manager
from procrastinate.sync_psycopg_connector import SyncPsycopgConnector

from storage.db import LOST_CONNECTION_ERRORS, libpq_url

log = structlog.get_logger("bmo.queue")
T = TypeVar("T")

RECONNECT_DELAYS = (0.2, 1.0, 3.0)
LISTEN_RECONNECT_DELAYS = (0.2, 1.0, 3.0, 10.0)  # the last one repeats while the db is away
APPLICATION_NAME = "bmo-queue"

DRIVER_ERRORS = (
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    OSError,
)
_TEXT_TYPES = frozenset({"text", "varchar", "bpchar", "name"})
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
_UNIQUE_KEY = re.compile(r"Key \((.*?)\)=\((.*?)\)")


class Statement:
    """One procrastinate query in asyncpg's dialect: `$n` placeholders and the argument
    name each stands for. Parameters Postgres types as text (`%(seconds)s || ' SECOND'`)
    get their numbers as strings, as psycopg's typed values would be cast."""

    __slots__ = ("as_text", "names", "sql")

    def __init__(self, sql: str, names: tuple[str, ...]) -> None:
        self.sql, self.names = sql, names
        self.as_text: tuple[int, ...] | None = None  # learnt on first use

    def arguments(self, values: dict[str, Any]) -> list[Any]:
        args = [values[name] for name in self.names]
        for index in self.as_text or ():
            value = args[index]
            if value is not None and not isinstance(value, str):
                args[index] = str(value)
        return args


@functools.lru_cache(maxsize=512)
def translate(query: str) -> Statement:
    """`%(name)s` -> `$n` (a name used twice is one parameter), `%%` -> `%`."""
    positions: dict[str, int] = {}

    def placeholder(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "%"
        return f"${positions.setdefault(name, len(positions) + 1)}"

    sql = _PLACEHOLDER.sub(placeholder, query)
    return Statement(sql, tuple(positions))


def wrap_error(exc: BaseException) -> exceptions.ConnectorException:
    """asyncpg's errors as procrastinate's, with a unique violation described the way
    procrastinate's defer expects (a queueing lock clash becomes AlreadyEnqueued)."""
    if isinstance(exc, asyncpg.UniqueViolationError):
        constraint = exc.constraint_name
        queueing_lock = None
        if constraint == manager.QUEUEING_LOCK_CONSTRAINT:
            match = _UNIQUE_KEY.search(exc.detail or "")
            queueing_lock = match.group(2) if match else None
        wrapped: exceptions.ConnectorException = exceptions.UniqueViolation(
            constraint_name=constraint, queueing_lock=queueing_lock
        )
    else:
        wrapped = exceptions.ConnectorException(str(exc))
    wrapped.__cause__ = exc
    return wrapped


class AsyncpgConnector(connector.BaseAsyncConnector):
    """A procrastinate connector on an asyncpg pool.

    `conninfo` is any postgres URL; `min_size`/`max_size` size the pool (psycopg's
    defaults: 4, and max = min). Other keyword arguments go to `asyncpg.create_pool`."""

    def __init__(
        self,
        *,
        conninfo: str,
        min_size: int = 4,
        max_size: int | None = None,
        json_dumps: Callable[[Any], str | bytes] | None = None,
        json_loads: Callable[[str], Any] | None = None,
        **pool_args: Any,
    ) -> None:
        self.dsn = libpq_url(conninfo)
        self.min_size, self.max_size = min_size, max(max_size or min_size, min_size)
        self.json_dumps, self.json_loads = json_dumps, json_loads
        self._dumps: Callable[[Any], str | bytes] = json_dumps or json.dumps
        self._loads = json_loads or json.loads
        self._pool_args = pool_args
        self._pool: asyncpg.Pool | None = None
        self._pool_externally_set = False
        self._sync_connector: SyncPsycopgConnector | None = None

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise exceptions.AppNotOpen
        return self._pool

    def get_sync_connector(self) -> connector.BaseConnector:
        """procrastinate's synchronous API (`defer`, `list_jobs`...) runs on psycopg; open
        it with `App.open()`."""
        if self._sync_connector is None:
            self._sync_connector = SyncPsycopgConnector(
                conninfo=self.dsn,
                min_size=1,
                max_size=self.max_size,
                json_dumps=self.json_dumps,
                json_loads=self.json_loads,
            )
        return self._sync_connector

    async def open_async(self, pool: asyncpg.Pool | None = None) -> None:
        if self._pool is not None:
            return
        if pool is not None:
            self._pool, self._pool_externally_set = pool, True
            return
        try:
            self._pool = await asyncpg.create_pool(
                self.dsn,
                min_size=self.min_size,
                max_size=self.max_size,
                init=self._configure,
                reset=_keep_session,
                **{"server_settings": {"application_name": APPLICATION_NAME}, **self._pool_args},
            )
        except DRIVER_ERRORS as exc:
            raise wrap_error(exc) from exc

    async def close_async(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None and not self._pool_externally_set:
            await pool.close()
        self._pool_externally_set = False

    async def _configure(self, conn: asyncpg.Connection) -> None:
        # Binary, since asyncpg encodes composite types (the jobs procrastinate defers)
        # only in binary; jsonb's binary form is a version byte and the JSON text.
        await conn.set_type_codec(
            "jsonb",
            schema="pg_catalog",
            encoder=lambda value: b"\x01" + self._encode_json(value),
            decoder=lambda data: self._loads(data[1:].decode()),
            format="binary",
        )
        await conn.set_type_codec(
            "json",
            schema="pg_catalog",
            encoder=self._encode_json,
            decoder=lambda data: self._loads(data.decode()),
            format="binary",
        )

    def _encode_json(self, value: Any) -> bytes:
        # As with psycopg, a string bound to a JSON parameter is JSON text already.
        text = value if isinstance(value, str) else self._dumps(value)
        return text if isinstance(text, bytes) else text.encode()

    # Queries -------------------------------------------------------------------------

    async def execute_query_async(self, query: LiteralString, **arguments: Any) -> None:
        await self._again(lambda conn: _execute(conn, query, arguments))

    async def execute_query_one_async(
        self, query: LiteralString, **arguments: Any
    ) -> dict[str, Any]:
        return await self._again(lambda conn: _fetch_one(conn, query, arguments))

    async def execute_query_all_async(
        self, query: LiteralString, **arguments: Any
    ) -> list[dict[str, Any]]:
        return await self._again(lambda conn: _fetch_all(conn, query, arguments))

    async def execute_query_one_async_with_connection(
        self, connection: asyncpg.Connection, query: LiteralString, **arguments: Any
    ) -> dict[str, Any]:
        try:
            return await _fetch_one(connection, query, arguments)
        except DRIVER_ERRORS as exc:
            raise wrap_error(exc) from exc

    async def execute_query_all_async_with_connection(
        self, connection: asyncpg.Connection, query: LiteralString, **arguments: Any
    ) -> list[dict[str, Any]]:
        try:
            return await _fetch_all(connection, query, arguments)
        except DRIVER_ERRORS as exc:
            raise wrap_error(exc) from exc

    def _make_dynamic_query(self, query: LiteralString, **identifiers: str) -> str:
        return query.format(**{key: _quote_ident(value) for key, value in identifiers.items()})

    async def _again(self, run: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
        """Run on a pooled connection; if the connection turns out dead, wait a moment
        and run again on a fresh one (the pool replaces closed connections)."""
        delays = iter(RECONNECT_DELAYS)
        while True:
            closed = False
            try:
                async with self.pool.acquire() as conn:
                    try:
                        return await run(conn)
                    except DRIVER_ERRORS:
                        closed = _closed(conn)
                        raise
            except DRIVER_ERRORS as exc:
                lost = closed or isinstance(exc, LOST_CONNECTION_ERRORS)
                delay = next(delays, None) if lost else None
                if delay is None:
                    raise wrap_error(exc) from exc
                log.warning("queue.reconnecting", retry_in=delay, error=type(exc).__name__)
                await asyncio.sleep(delay)

    # Notifications --------------------------------------------------------------------

    async def listen_notify(
        self, on_notification: connector.Notify, channels: Iterable[str]
    ) -> None:
        """Pass each notification on `channels` to `on_notification` until cancelled,
        reconnecting whenever the listening connection is lost (the worker polls for jobs
        meanwhile)."""
        channels = list(channels)
        failures = 0

        def listening() -> None:
            nonlocal failures
            failures = 0

        while True:
            try:
                await self._listen(on_notification, channels, listening)
                error = "connection closed"
            except DRIVER_ERRORS as exc:
                error = type(exc).__name__
            delay = LISTEN_RECONNECT_DELAYS[min(failures, len(LISTEN_RECONNECT_DELAYS) - 1)]
            failures += 1
            log.warning("queue.listener_reconnecting", retry_in=delay, error=error)
            await asyncio.sleep(delay)

    async def _listen(
        self,
        on_notification: connector.Notify,
        channels: Sequence[str],
        listening: Callable[[], None],
    ) -> None:
        """Listen on a connection of its own; returns when the connection is closed."""
        inbox: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()

        def received(_conn: object, _pid: int, channel: str, payload: str) -> None:
            inbox.put_nowait((channel, payload))

        conn = await asyncpg.connect(
            self.dsn, server_settings={"application_name": APPLICATION_NAME}
        )
        try:
            conn.add_termination_listener(lambda _conn: inbox.put_nowait(None))
            for channel in channels:
                await conn.add_listener(channel, received)
            listening()
            while True:
                try:
                    item = await asyncio.wait_for(inbox.get(), connector.LISTEN_TIMEOUT)
                except TimeoutError:
                    # Quiet for a while: make sure the connection still answers.
                    await conn.fetchval("SELECT 1", timeout=connector.LISTEN_TIMEOUT)
                    continue
                if item is None:
                    return
                await on_notification(channel=item[0], payload=item[1])
        finally:
            await _close(conn)


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Queue connections carry no session state (no LISTEN, settings or advisory locks
    are left behind by procrastinate's statements), so a connection goes back to the
    pool without asyncpg's reset query, a round trip per query. An open transaction is
    still rolled back by the pool."""


def _closed(conn: asyncpg.Connection) -> bool:
    """Whether a pooled connection died under its query (the pool takes back a connection
    that closes, after which its handle refuses every call)."""
    try:
        return conn.is_closed()
    except asyncpg.InterfaceError:
        return True


async def _close(conn: asyncpg.Connection) -> None:
    try:
        await conn.close(timeout=2)
    except DRIVER_ERRORS:
        conn.terminate()


async def _prepared(
    conn: asyncpg.Connection, query: str, arguments: dict[str, Any]
) -> tuple[Statement, list[Any]]:
    statement = translate(query)
    if statement.as_text is None and statement.names:
        parameters = (await conn.prepare(statement.sql)).get_parameters()
        statement.as_text = tuple(
            index for index, kind in enumerate(parameters) if kind.name in _TEXT_TYPES
        )
    return statement, statement.arguments(arguments)


async def _execute(conn: asyncpg.Connection, query: str, arguments: dict[str, Any]) -> None:
    statement, args = await _prepared(conn, query, arguments)
    # Without arguments this is the simple protocol, which also runs scripts.
    await conn.execute(statement.sql, *args)


async def _fetch_one(
    conn: asyncpg.Connection, query: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    statement, args = await _prepared(conn, query, arguments)
    row = await conn.fetchrow(statement.sql, *args)
    if row is None:
        raise exceptions.NoResult
    return dict(row.items())


async def _fetch_all(
    conn: asyncpg.Connection, query: str, arguments: dict[str, Any]
) -> list[dict[str, Any]]:
    statement, args = await _prepared(conn, query, arguments)
    return [dict(row.items()) for row in await conn.fetch(statement.sql, *args)]


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
