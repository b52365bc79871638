"""Quarantined passages: document chunks that looked like prompt injection at ingest.
Admins read them and release the ones that are harmless; analysts may only read."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from admin_api import schemas
from admin_api.errors import not_found
from admin_api.resource import Resource, api
from storage.repositories.quarantine import quarantined_chunks, release_chunk


class Quarantine(Resource):
    path, tag = "/quarantine", "documents"

    @api("Passages held back as suspected prompt injection")
    async def get(self, query: schemas.DocumentQuery) -> schemas.QuarantinePage:
        return await _page(self.session, query)


class Release(Resource):
    path, tag = "/quarantine/{chunk_id}/release", "documents"

    @api("Release a quarantined passage so lessons and answers may use it", write=True)
    async def post(self, chunk_id: int) -> schemas.QuarantineReleased:
        chunk = await release_chunk(self.session, chunk_id, actor=self.actor)
        if chunk is None or chunk.released_at is None:
            raise not_found("Quarantined chunk")
        self.audit(
            f"chunk:{chunk.id}", document_id=chunk.document_id, reasons=chunk.quarantine_reasons
        )
        return schemas.QuarantineReleased(
            id=chunk.id, released_by=chunk.released_by or self.actor, released_at=chunk.released_at
        )


async def _page(session: AsyncSession, query: schemas.DocumentQuery) -> schemas.QuarantinePage:
    rows, total = await quarantined_chunks(session, limit=query.limit, offset=query.offset)
    items = [
        schemas.QuarantinedChunk(
            id=chunk.id,
            document_id=chunk.document_id,
            document_title=title,
            heading=chunk.heading,
            text=chunk.text,
            reasons=list(chunk.quarantine_reasons),
        )
        for chunk, title in rows
    ]
    more = query.offset + len(items) < total
    return schemas.QuarantinePage(
        items=items,
        total=total,
        limit=query.limit,
        offset=query.offset,
        next_offset=query.offset + query.limit if more else None,
    )
