"""The durable checkpointer: LangGraph's Postgres saver on our database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from storage.db import libpq_url


@asynccontextmanager
async def postgres_checkpointer(database_url: str) -> AsyncIterator[AsyncPostgresSaver]:
    """A saver on its own connection; creates the checkpoint tables on first use."""
    async with AsyncPostgresSaver.from_conn_string(libpq_url(database_url)) as saver:
        await saver.setup()
        yield saver
