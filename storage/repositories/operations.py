"""Audit log, Slack event de-duplication and LLM call accounting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditLog, LlmCall, SlackEventSeen


async def audit(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    target: str,
    request_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditLog(
            actor=actor, action=action, target=target, request_id=request_id, detail=detail or {}
        )
    )
    await session.flush()


async def first_sighting(session: AsyncSession, key: str, ttl: timedelta) -> bool:
    """True the first time `key` is seen within its time to live; False for a repeat."""
    now = datetime.now(UTC)
    await session.execute(
        delete(SlackEventSeen).where(SlackEventSeen.key == key, SlackEventSeen.expires_at < now)
    )
    result = await session.execute(
        insert(SlackEventSeen)
        .values(key=key, expires_at=now + ttl)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(SlackEventSeen.key)
    )
    return result.scalar_one_or_none() is not None


async def purge_expired_events(session: AsyncSession) -> int:
    result = await session.execute(
        delete(SlackEventSeen).where(SlackEventSeen.expires_at < datetime.now(UTC))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def record_llm_call(session: AsyncSession, **fields: Any) -> None:
    session.add(LlmCall(**fields))
    await session.flush()
