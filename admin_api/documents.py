"""Training documents: upload into the document store (S3 or a folder), list, download
the original, (re)ingest as a job, and curriculum import."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from admin_api import schemas
from admin_api.deps import AdminConfig, AdminServices
from admin_api.errors import ApiError, not_found
from admin_api.inputs import YAML
from admin_api.jobs import DocumentQueue
from admin_api.resource import Resource, api
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


def upload_limit(config: AdminConfig) -> int:
    return config.max_document_bytes + 64 * 1024  # the file and its multipart framing


class Documents(Resource):
    path, tag = "/documents", "documents"

    @api("List active documents")
    async def get(self, query: schemas.DocumentQuery) -> schemas.DocumentPage:
        return await _documents_page(self.session, query)

    @api(
        "Upload a training document and ingest it",
        write=True,
        status=202,
        body=schemas.DocumentUpload,
        body_limit=upload_limit,
    )
    async def post(self, form: FormData) -> schemas.DocumentUploaded:
        try:
            return await _store_upload(self, form)
        finally:
            await form.close()  # the parsed form holds spooled temporary files


async def _store_upload(resource: Resource, form: FormData) -> schemas.DocumentUploaded:
    """The document goes to the store first; then a job reads it back from there: a queue
    job for a worker in any process when the app has a queue, else one in this process."""
    services = resource.services
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise _invalid("file", "send the document as a multipart file field named 'file'")
    key = _stored_key(PurePosixPath(upload.filename.replace("\\", "/")).name)
    data = await upload.read()
    if not data:
        raise _invalid("file", "the file is empty")
    if len(data) > services.config.max_document_bytes:
        raise ApiError(
            413,
            "body_too_large",
            f"The document exceeds {services.config.max_document_bytes} bytes.",
        )
    store = services.documents
    try:
        await store.put(key, data, upload.content_type)
    except DocumentStoreError as exc:
        raise _store_unavailable(exc) from None
    jobs = services.jobs
    if isinstance(jobs, DocumentQueue):
        job = await jobs.defer_ingest(key)
    else:
        job = await _ingest_job(services, [key])
    resource.audit(
        f"document:{key}",
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        store=store.location,
        job=job.id,
    )
    return schemas.DocumentUploaded(name=key, byte_size=len(data), job=job)


class IngestDocuments(Resource):
    path, tag = "/ingest-documents", "documents"

    @api("Ingest stored documents in the background", write=True, status=202)
    async def post(self, body: schemas.IngestRequest) -> schemas.Job:
        job = await _ingest_job(self.services, await _sources(self.services, body))
        self.audit("documents", sources=body.sources, job=job.id)
        return job


async def _sources(services: AdminServices, body: schemas.IngestRequest) -> str | list[str]:
    """The stored keys to ingest, each checked to exist; "" (everything) when none given."""
    store = services.documents
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
    return keys_or_prefix


class JobStatus(Resource):
    path, tag = "/jobs/{job_id}", "documents"

    @api("A background job's status")
    async def get(self, job_id: str) -> schemas.Job:
        job = await self.services.jobs.get(job_id)
        if job is None:
            raise not_found("Job")
        return job


DOWNLOAD_SECONDS = 300


class DocumentOriginal(Resource):
    path, tag = "/documents/{document_id}/original", "documents"

    @api(
        "Download a document's original: a presigned URL (S3) or the file (local store)",
        response=schemas.DocumentDownload,
    )
    async def get(self, document_id: int) -> schemas.DocumentDownload | Response:
        return await _original(self.session, self.services, document_id)


async def _original(
    session: AsyncSession, services: AdminServices, document_id: int
) -> schemas.DocumentDownload | Response:
    """The original file of an active document: a short-lived presigned URL when the store
    makes one (S3), else the bytes themselves (a local folder)."""
    document = await session.get(Document, document_id)
    if document is None or document.status != "active":
        raise not_found("Document")
    store = services.documents
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


async def _documents_page(
    session: AsyncSession, query: schemas.DocumentQuery
) -> schemas.DocumentPage:
    rows = await content.active_documents_page(session, limit=query.limit + 1, offset=query.offset)
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


class CurriculumImport(Resource):
    path, tag = "/curriculum", "documents"

    @api(
        "Import a curriculum (YAML): topics, prerequisites, source filters",
        write=True,
        media=YAML,
    )
    async def post(self, body: schemas.Curriculum) -> schemas.CurriculumImported:
        imported = await _import(self.session, body)
        self.audit(f"track:{body.track}", topics=len(body.topics))
        return imported


async def _import(
    session: AsyncSession, curriculum: schemas.Curriculum
) -> schemas.CurriculumImported:
    """Create or update each topic by slug, then point existing chunks at their topics."""
    slugs = {topic.slug for topic in curriculum.topics}
    known = await content.topic_slugs(session)
    for entry in curriculum.topics:
        unknown = [p for p in entry.prerequisites if p not in slugs | known]
        if unknown:
            raise _invalid("topics", f"{entry.slug}: unknown prerequisites {', '.join(unknown)}")
    existing = await content.topics_by_slug(session, sorted(slugs))
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
            session.add(Topic(slug=item.slug, **fields))
        else:
            for name, value in fields.items():
                setattr(topic, name, value)
    await session.flush()
    assigned = await reassign_active_chunks(session)
    return schemas.CurriculumImported(
        track=curriculum.track, topics=len(curriculum.topics), chunks_assigned=assigned
    )
