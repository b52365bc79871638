"""What a run of the graph needs from outside: passed per run, never checkpointed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from flows.next_topic.records import Records
from flows.next_topic.state import Proposal
from knowledge.passages import Passage

Search = Callable[[str], Awaitable[list[Passage]]]


class TopicAgent(Protocol):
    """Proposes the next topic from the facts the tools expose."""

    async def propose(
        self,
        facts: dict[str, Any],
        search: Search | None,
        ledger: list[dict[str, Any]] | None = None,
    ) -> Proposal: ...


@dataclass
class NextTopicContext:
    session: AsyncSession | None  # None only with `records` (in-memory tables)
    now: datetime
    agent: TopicAgent | None = None  # None: the deterministic policy decides
    search: Search | None = None
    agent_timeout: float = 8.0
    records: Records | None = None  # None: the learner's rows in the database
