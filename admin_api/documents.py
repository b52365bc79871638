"""Training documents: upload into the document folder, list, (re)ingest as a job, and
curriculum import."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any, cast

from sqlalchemy import func, select
from starlette.datastructures import UploadFile

from admin_api import schemas
from admin_api.deps import AdminServices
from admin_api.endpoint import Call
from admin_api.errors import ApiError, not_found
from knowledge.ingest import IngestReport, ingest_sources
from knowledge.loaders import is_supported
from knowledge.topics import reassign_active_chunks
from storage.models import Chunk, Document, Topic

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422,
        "validation_failed",
        f"The {field} is not valid: {message}",
        details=[{"in": "body", "field": field, "message": message}],
    )


def _stored_path(services: AdminServices, name: str) -> Path:
    """A file name inside the document folder; anything that could escape it is refused."""
    if not _SAFE_NAME.fullmatch(name) or ".." in name:
        raise _invalid("file", f"{name[:80]!r} is not a plain file name")
    if not is_supported(Path(name)):
        raise _invalid("file", f"{name[:80]!r}: use .md, .txt, .html, .pdf or .docx")
    return services.config.document_dir / name


def _report(report: IngestReport) -> dict[str, Any]:
    return {
        "files": [
            {
                "name": Path(item.source).name,
                "status": item.status,
                "reason": item.reason,
                "chunks": item.chunks,
                "document_id": item.document_id,
                "version": item.version,
                "stale_lessons": item.stale_lessons,
            }
            for item in report.files
        ],
        "chunks": report.chunks,
        "seconds": round(report.seconds, 3),
    }


async def _ingest_job(services: AdminServices, paths: list[Path]) -> schemas.Job:
    async def work() -> dict[str, Any]:
        report = await ingest_sources(
            services.sessions,
            paths,
            embedder=services.embedder,
            max_bytes=services.config.max_document_bytes,
        )
        return _report(report)

    return await services.jobs.submit("ingest_documents", work)


async def upload_document(call: Call) -> schemas.DocumentUploaded:
    try:
        return await _store_upload(call)
    finally:
        await call.body.close()  # the parsed form holds spooled temporary files


async def _store_upload(call: Call) -> schemas.DocumentUploaded:
    upload = call.body.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise _invalid("file", "send the document as a multipart file field named 'file'")
    target = _stored_path(call.services, Path(upload.filename).name)
    data = await upload.read()
    if not data:
        raise _invalid("file", "the file is empty")
    if len(data) > call.services.config.max_document_bytes:
        raise ApiError(
            413,
            "body_too_large",
            f"The document exceeds {call.services.config.max_document_bytes} bytes.",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    with os.fdopen(fd, "wb") as handle:  # write then rename: readers never see half a file
        handle.write(data)
    os.replace(temp, target)
    job = await _ingest_job(call.services, [target])
    call.audit_target = f"document:{target.name}"
    call.audit_detail = {"bytes": len(data), "job": job.id}
    return schemas.DocumentUploaded(name=target.name, byte_size=len(data), job=job)


async def ingest_documents(call: Call) -> schemas.Job:
    body: schemas.IngestRequest = call.body
    folder = call.services.config.document_dir
    if body.sources:
        paths = [_stored_path(call.services, name) for name in body.sources]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise _invalid("sources", f"not in the document store: {', '.join(missing)[:300]}")
    else:
        paths = [folder] if folder.is_dir() else []
    job = await _ingest_job(call.services, paths)
    call.audit_target = "documents"
    call.audit_detail = {"sources": body.sources, "job": job.id}
    return job


async def job_status(call: Call) -> schemas.Job:
    job = await call.services.jobs.get(call.ids["job_id"])
    if job is None:
        raise not_found("Job")
    return job


async def list_documents(call: Call) -> schemas.DocumentPage:
    query: schemas.DocumentQuery = call.query
    result = await call.session.execute(
        select(Document, func.count(Chunk.id).filter(Chunk.active.is_(True)))
        .outerjoin(Chunk, Chunk.document_id == Document.id)
        .where(Document.status == "active")
        .group_by(Document.id)
        .order_by(Document.id)
        .limit(query.limit + 1)
        .offset(query.offset)
    )
    rows = cast(list[tuple[Document, int]], [tuple(row) for row in result.all()])
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
    known = set(await call.session.scalars(select(Topic.slug)))
    for entry in curriculum.topics:
        unknown = [p for p in entry.prerequisites if p not in slugs | known]
        if unknown:
            raise _invalid("topics", f"{entry.slug}: unknown prerequisites {', '.join(unknown)}")
    existing = {
        t.slug: t for t in await call.session.scalars(select(Topic).where(Topic.slug.in_(slugs)))
    }
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
