"""Quarantined passages: document chunks that looked like prompt injection at ingest.
Admins read them and release the ones that are harmless; analysts may only read."""

from __future__ import annotations

from admin_api import schemas
from admin_api.endpoint import Call
from admin_api.errors import not_found
from storage.repositories.quarantine import quarantined_chunks, release_chunk


async def list_quarantine(call: Call) -> schemas.QuarantinePage:
    query: schemas.DocumentQuery = call.query
    rows, total = await quarantined_chunks(call.session, limit=query.limit, offset=query.offset)
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


async def release(call: Call) -> schemas.QuarantineReleased:
    chunk_id: int = call.ids["chunk_id"]
    actor = call.key.name if call.key else "anonymous"
    chunk = await release_chunk(call.session, chunk_id, actor=actor)
    if chunk is None or chunk.released_at is None:
        raise not_found("Quarantined chunk")
    call.audit_target = f"chunk:{chunk.id}"
    call.audit_detail = {"document_id": chunk.document_id, "reasons": chunk.quarantine_reasons}
    return schemas.QuarantineReleased(
        id=chunk.id, released_by=chunk.released_by or actor, released_at=chunk.released_at
    )
