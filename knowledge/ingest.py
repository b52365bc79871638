"""Documents in: load, chunk, scan, embed and store each file, idempotently by content hash.

An unchanged file costs one hash and one lookup. A changed file becomes a new version of
its document: the old version is retired, its chunks deactivated, and the lessons built on
them marked stale so they are regenerated before their next use. A file that cannot be
used is reported with its reason and the batch goes on.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.chunking import TextChunk, chunk_text
from knowledge.embeddings import Embedder
from knowledge.loaders import LoadedDocument, LoaderError, check_size, is_supported, load_bytes
from knowledge.safety import injection, pii
from knowledge.topics import assign_topics
from storage.models import Chunk, Document
from storage.repositories import content

Status = Literal["added", "unchanged", "updated", "skipped"]

_COPY_COLUMNS = [
    "document_id",
    "topic_id",
    "ordinal",
    "text",
    "heading_path",
    "heading",
    "token_count",
    "active",
    "embedding_model",
    "embedding",
]


@dataclass
class FileOutcome:
    source: str
    status: Status
    reason: str = ""
    chunks: int = 0
    seconds: float = 0.0
    document_id: int | None = None
    version: int | None = None
    stale_lessons: int = 0
    redactions: int = 0
    injection_markers: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self.files)

    @property
    def all_failed(self) -> bool:
        return bool(self.files) and all(f.status == "skipped" for f in self.files)


ProgressCallback = Callable[[FileOutcome, int, int], None]


def expand_sources(sources: Iterable[Path | str]) -> tuple[list[Path], list[FileOutcome]]:
    """Files to ingest (folders expanded recursively) and outcomes for unusable paths."""
    files: list[Path] = []
    problems: list[FileOutcome] = []
    for raw in sources:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and is_supported(p) and not p.name.startswith(".")
            )
            if not found:
                problems.append(FileOutcome(str(path), "skipped", "no supported files in folder"))
            files.extend(found)
        elif path.is_file():
            if is_supported(path):
                files.append(path)
            else:
                problems.append(
                    FileOutcome(str(path), "skipped", f"unsupported file type {path.suffix}")
                )
        else:
            problems.append(FileOutcome(str(path), "skipped", "no such file or folder"))
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, problems


async def ingest_sources(
    sessions: async_sessionmaker[AsyncSession],
    sources: Sequence[Path | str],
    *,
    embedder: Embedder,
    max_bytes: int,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    started = time.perf_counter()
    files, problems = expand_sources(sources)
    report = IngestReport(files=list(problems))
    total = len(files) + len(problems)
    for index, outcome in enumerate(problems, start=1):
        if on_progress:
            on_progress(outcome, index, total)
    for path in files:
        outcome = await ingest_file(sessions, path, embedder=embedder, max_bytes=max_bytes)
        report.files.append(outcome)
        if on_progress:
            on_progress(outcome, len(report.files), total)
    report.seconds = time.perf_counter() - started
    return report


async def ingest_file(
    sessions: async_sessionmaker[AsyncSession],
    path: Path,
    *,
    embedder: Embedder,
    max_bytes: int,
) -> FileOutcome:
    started = time.perf_counter()
    source = str(path)
    try:
        outcome = await _ingest(sessions, path, embedder=embedder, max_bytes=max_bytes)
    except LoaderError as exc:
        outcome = FileOutcome(source, "skipped", str(exc))
    except OSError as exc:
        outcome = FileOutcome(source, "skipped", f"{path.name}: cannot read ({exc.strerror})")
    outcome.seconds = time.perf_counter() - started
    return outcome


@dataclass
class _Prepared:
    document: LoadedDocument
    chunks: list[TextChunk]
    redactions: int
    markers: list[str]


def _prepare(path: Path, data: bytes) -> _Prepared:
    """CPU work (parse, chunk, scan), run in a thread."""
    document = load_bytes(path, data)
    chunks = chunk_text(document.text, title=document.title)
    if not chunks:
        raise LoaderError(f"{path.name}: no readable text found")
    cleaned: list[TextChunk] = []
    redactions = 0
    for chunk in chunks:
        redaction = pii.redact(chunk.text)
        redactions += len(redaction.matches)
        cleaned.append(
            TextChunk(chunk.ordinal, redaction.text, chunk.heading_path, chunk.token_count)
        )
    verdict = injection.detect(document.text)
    return _Prepared(document, cleaned, redactions, verdict.markers if verdict.flagged else [])


def embedding_input(chunk: TextChunk) -> str:
    """What gets embedded: the heading path gives a short passage its context."""
    return f"{chunk.heading}\n\n{chunk.text}" if chunk.heading else chunk.text


async def _ingest(
    sessions: async_sessionmaker[AsyncSession],
    path: Path,
    *,
    embedder: Embedder,
    max_bytes: int,
) -> FileOutcome:
    source = str(path)
    size = (await asyncio.to_thread(path.stat)).st_size
    check_size(path, size, max_bytes)  # before reading: an oversize file is never loaded
    data = await asyncio.to_thread(path.read_bytes)
    check_size(path, len(data), max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    async with sessions() as session:
        existing = await content.active_document(session, source)
        if existing is not None and existing.content_hash == digest:
            return FileOutcome(
                source, "unchanged", document_id=existing.id, version=existing.version
            )
    prepared = await asyncio.to_thread(_prepare, path, data)
    vectors = await embedder.embed([embedding_input(c) for c in prepared.chunks])
    async with sessions() as session, session.begin():
        existing = await content.active_document(session, source)
        stale = 0
        if existing is not None:
            existing.status = "retired"
            retired = await session.execute(
                update(Chunk)
                .where(Chunk.document_id == existing.id, Chunk.active)
                .values(active=False)
                .returning(Chunk.id)
            )
            await session.flush()
            stale = await content.mark_lessons_stale(session, [r[0] for r in retired])
        flags = {"injection_markers": prepared.markers} if prepared.markers else {}
        if prepared.redactions:
            flags["pii_redactions"] = prepared.redactions  # type: ignore[assignment]
        document = await content.add_document(
            session,
            source_uri=source,
            title=prepared.document.title[:1000],
            format=prepared.document.format,
            content_hash=digest,
            version=(existing.version + 1) if existing else 1,
            byte_size=len(data),
            flags=flags,
        )
        topic_ids = await assign_topics(
            session, source_uri=source, title=document.title, chunks=prepared.chunks
        )
        await copy_chunks(
            session,
            document,
            prepared.chunks,
            topic_ids,
            embedding_model=embedder.key if vectors is not None else None,
            vectors=vectors,
        )
    return FileOutcome(
        source,
        "updated" if existing else "added",
        chunks=len(prepared.chunks),
        document_id=document.id,
        version=document.version,
        stale_lessons=stale,
        redactions=prepared.redactions,
        injection_markers=prepared.markers,
    )


def _pg_text_array(items: Sequence[str]) -> str:
    quoted = ('"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' for s in items)
    return "{" + ",".join(quoted) + "}"


def _pg_vector(vector: Sequence[float]) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


async def copy_chunks(
    session: AsyncSession,
    document: Document,
    chunks: Sequence[TextChunk],
    topic_ids: Sequence[int | None],
    *,
    embedding_model: str | None,
    vectors: Sequence[Sequence[float]] | None,
) -> None:
    """Bulk-load chunks with COPY on the session's own connection (same transaction).

    CSV with text vectors avoids registering a binary codec on a pooled connection that
    SQLAlchemy also uses.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for i, chunk in enumerate(chunks):
        writer.writerow(
            [
                document.id,
                "\\N" if topic_ids[i] is None else topic_ids[i],
                chunk.ordinal,
                chunk.text,
                _pg_text_array(chunk.heading_path),
                chunk.heading,
                chunk.token_count,
                "t",
                embedding_model or "\\N",
                _pg_vector(vectors[i]) if vectors is not None else "\\N",
            ]
        )
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    await driver.copy_to_table(
        "chunks",
        source=io.BytesIO(buffer.getvalue().encode()),
        columns=_COPY_COLUMNS,
        format="csv",
        null="\\N",
    )
