"""Training documents: upload into the document store (S3 or a folder), list, download
the original, (re)ingest as a job, and curriculum import."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.responses import Response

from admin_api import schemas
from admin_api.deps import AdminServices
from admin_api.endpoint import Call
from admin_api.errors import ApiError, not_found
from admin_api.jobs import DocumentQueue
from knowledge.document_store import DocumentNotFound, DocumentStoreError
from knowledge.ingest import ingest_from_store
from knowledge.loaders import is_supported
from knowledge.topics import reassign_active_chunks
from storage.models import Document, Topic
from storage.repositories import content

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422,
        "validation_failed",
        f"The {field} is not valid: {message}",
        details=[{"in": "body", "field": field, "message": message}],
    )


def _stored_key(name: str) -> str:
    """A plain file name, the document's key in the store; anything that could escape the
    store or that ingestion cannot read is refused."""
    if not _SAFE_NAME.fullmatch(name) or ".." in name:
        raise _invalid("file", f"{name[:80]!r} is not a plain file name")
    if not is_supported(Path(name)):
        raise _invalid("file", f"{name[:80]!r}: use .md, .txt, .html, .pdf or .docx")
    return name


def _store_unavailable(exc: DocumentStoreError) -> ApiError:
    return ApiError(503, "document_store_unavailable", str(exc)[:500])


async def _ingest_job(services: AdminServices, keys_or_prefix: str | list[str]) -> schemas.Job:
    """Ingest from the store in this process (a bulk re-ingest, or no queue)."""

    async def work() -> dict[str, Any]:
        report = await ingest_from_store(
            services.sessions,
            services.documents,
            keys_or_prefix,
            embedder=services.embedder,
            max_bytes=services.config.max_document_bytes,
            parse_seconds=services.config.document_parse_seconds,
        )
        return report.summary()

    return await services.jobs.submit("ingest_documents", work)


async def upload_document(call: Call) -> schemas.DocumentUploaded:
    try:
        return await _store_upload(call)
    finally:
        await call.body.close()  # the parsed form holds spooled temporary files


async def _store_upload(call: Call) -> schemas.DocumentUploaded:
    """The document goes to the store first; then a job reads it back from there: a queue
    job for a worker in any process when the app has a queue, else one in this process."""
    upload = call.body.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise _invalid("file", "send the document as a multipart file field named 'file'")
    key = _stored_key(PurePosixPath(upload.filename.replace("\\", "/")).name)
    data = await upload.read()
    if not data:
        raise _invalid("file", "the file is empty")
    if len(data) > call.services.config.max_document_bytes:
        raise ApiError(
            413,
            "body_too_large",
            f"The document exceeds {call.services.config.max_document_bytes} bytes.",
        )
    store = call.services.documents
    try:
        await store.put(key, data, upload.content_type)
    except DocumentStoreError as exc:
        raise _store_unavailable(exc) from None
    jobs = call.services.jobs
    if isinstance(jobs, DocumentQueue):
        job = await jobs.defer_ingest(key)
    else:
        job = await _ingest_job(call.services, [key])
    call.audit_target = f"document:{key}"
    call.audit_detail = {
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "store": store.location,
        "job": job.id,
    }
    return schemas.DocumentUploaded(name=key, byte_size=len(data), job=job)


async def ingest_documents(call: Call) -> schemas.Job:
    body: schemas.IngestRequest = call.body
    store = call.services.documents
    keys_or_prefix: str | list[str] = ""
    if body.sources:
        keys = [_stored_key(name) for name in body.sources]
        try:
            missing = [key for key in keys if not await store.exists(key)]
        except DocumentStoreError as exc:
            raise _store_unavailable(exc) from None
        if missing:
            raise _invalid("sources", f"not in the document store: {', '.join(missing)[:300]}")
        keys_or_prefix = keys
    job = await _ingest_job(call.services, keys_or_prefix)
    call.audit_target = "documents"
    call.audit_detail = {"sources": body.sources, "job": job.id}
    return job


async def job_status(call: Call) -> schemas.Job:
    job = await call.services.jobs.get(call.ids["job_id"])
    if job is None:
        raise not_found("Job")
    return job


DOWNLOAD_SECONDS = 300


async def download_document(call: Call) -> schemas.DocumentDownload | Response:
    """The original file of an active document: a short-lived presigned URL when the store
    makes one (S3), else the bytes themselves (a local folder)."""
    document_id = call.ids["document_id"]
    document = await call.session.get(Document, document_id)
    if document is None or document.status != "active":
        raise not_found("Document")
    store = call.services.documents
    name = PurePosixPath(document.source_uri).name
    key = store.key_of(document.source_uri)
    if key is None:
        raise ApiError(
            404,
            "not_found",
            f"Document {document_id} ({name[:80]}) was ingested from outside the document "
            "store; its original is not kept here.",
        )
    try:
        url = await store.download_url(key, expires_seconds=DOWNLOAD_SECONDS)
        if url is not None:
            return schemas.DocumentDownload(
                name=name,
                url=url,
                expires_at=datetime.now(UTC) + timedelta(seconds=DOWNLOAD_SECONDS),
            )
        data = await store.get(key)
    except DocumentNotFound:
        raise ApiError(
            404, "not_found", f"The original of document {document_id} is no longer stored."
        ) from None
    except DocumentStoreError as exc:
        raise _store_unavailable(exc) from None
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def list_documents(call: Call) -> schemas.DocumentPage:
    query: schemas.DocumentQuery = call.query
    rows = await content.active_documents_page(
        call.session, limit=query.limit + 1, offset=query.offset
    )
    items = [
        schemas.Document(
            id=doc.id,
            title=doc.title,
            name=Path(doc.source_uri).name,
            format=doc.format,
            version=doc.version,
            status=doc.status,
            byte_size=doc.byte_size,
            chunks=count,
            created_at=doc.created_at,
        )
        for doc, count in rows[: query.limit]
    ]
    more = len(rows) > query.limit
    return schemas.DocumentPage(
        items=items,
        limit=query.limit,
        offset=query.offset,
        next_offset=query.offset + query.limit if more else None,
    )


async def import_curriculum(call: Call) -> schemas.CurriculumImported:
    """Create or update each topic by slug, then point existing chunks at their topics."""
    curriculum: schemas.Curriculum = call.body
    slugs = {topic.slug for topic in curriculum.topics}
    known = await content.topic_slugs(call.session)
    for entry in curriculum.topics:
        unknown = [p for p in entry.prerequisites if p not in slugs | known]
        if unknown:
            raise _invalid("topics", f"{entry.slug}: unknown prerequisites {', '.join(unknown)}")
    existing = await content.topics_by_slug(call.session, sorted(slugs))
    for position, item in enumerate(curriculum.topics):
        fields = {
            "title": item.title,
            "track": curriculum.track,
            "position": position,
            "objectives": item.objectives,
            "prerequisites": item.prerequisites,
            "source_filter": item.source_filter.model_dump(exclude_none=True),
            "origin": "curriculum",
        }
        topic = existing.get(item.slug)
        if topic is None:
            call.session.add(Topic(slug=item.slug, **fields))
        else:
            for name, value in fields.items():
                setattr(topic, name, value)
    await call.session.flush()
    assigned = await reassign_active_chunks(call.session)
    call.audit_target = f"track:{curriculum.track}"
    call.audit_detail = {"topics": len(curriculum.topics)}
    return schemas.CurriculumImported(
        track=curriculum.track, topics=len(curriculum.topics), chunks_assigned=assigned
    )
