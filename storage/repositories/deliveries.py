"""The deliveries outbox. An idempotency key makes each logical message exist once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery


async def claim(session: AsyncSession, **fields: Any) -> tuple[Delivery, bool]:
    """Create the delivery for `idempotency_key`, or return the existing one.
    The flag says whether this call created it."""
    created = await session.execute(
        insert(Delivery)
        .values(**fields)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(Delivery.id)
    )
    new_id = created.scalar_one_or_none()
    result = await session.execute(
        select(Delivery).where(Delivery.idempotency_key == fields["idempotency_key"])
    )
    return result.scalar_one(), new_id is not None


async def get(session: AsyncSession, delivery_id: int) -> Delivery | None:
    return await session.get(Delivery, delivery_id)


async def by_key(session: AsyncSession, idempotency_key: str) -> Delivery | None:
    result = await session.execute(
        select(Delivery).where(Delivery.idempotency_key == idempotency_key)
    )
    return result.scalar_one_or_none()


async def set_status(session: AsyncSession, delivery_id: int, status: str, **fields: Any) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(status=status, updated_at=func.now(), **fields)
    )


async def by_provider_id(session: AsyncSession, provider_message_id: str) -> Delivery | None:
    result = await session.execute(
        select(Delivery).where(Delivery.provider_message_id == provider_message_id)
    )
    return result.scalar_one_or_none()


async def recent_for(session: AsyncSession, learner_id: int, limit: int = 20) -> list[Delivery]:
    result = await session.execute(
        select(Delivery)
        .where(Delivery.learner_id == learner_id)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
        .limit(limit)
    )
    return list(result.scalars())
