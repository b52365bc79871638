"""Chunks held back as suspected prompt injection, and their release by an admin."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chunk, Document


async def quarantined_chunks(
    session: AsyncSession, *, limit: int, offset: int
) -> tuple[list[tuple[Chunk, str]], int]:
    """A page of active quarantined chunks with their document titles, and the total."""
    where = (Chunk.quarantined, Chunk.active)
    rows = await session.execute(
        select(Chunk, Document.title)
        .join(Document, Document.id == Chunk.document_id)
        .where(*where)
        .order_by(Chunk.id)
        .limit(limit)
        .offset(offset)
    )
    total = await session.scalar(select(func.count()).select_from(Chunk).where(*where))
    return [(chunk, title) for chunk, title in rows.all()], int(total or 0)


async def release_chunk(session: AsyncSession, chunk_id: int, *, actor: str) -> Chunk | None:
    """Let a quarantined chunk be used; None when no active quarantined chunk has that id."""
    released = await session.execute(
        update(Chunk)
        .where(Chunk.id == chunk_id, Chunk.quarantined, Chunk.active)
        .values(quarantined=False, released_at=datetime.now(UTC), released_by=actor[:200])
        .returning(Chunk)
    )
    return released.scalar_one_or_none()
