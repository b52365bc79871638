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
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.bounded_load import PARSE_SECONDS, load_bounded
from knowledge.chunking import TextChunk, chunk_text
from knowledge.document_store import (
    DocumentNotFound,
    DocumentStore,
    StoredDocument,
    normalise_key,
)
from knowledge.embeddings import Embedder
from knowledge.loaders import LoadedDocument, LoaderError, check_size, is_supported, load_bytes
from knowledge.safety import injection, pii
from knowledge.topics import assign_topics
from storage.models import Document
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
    "quarantined",
    "quarantine_reasons",
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
    quarantined: int = 0


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

    def summary(self) -> dict[str, Any]:
        """Plain JSON for job results: one entry per file, then the totals."""
        return {
            "files": [
                {
                    "name": PurePosixPath(item.source).name,
                    "status": item.status,
                    "reason": item.reason,
                    "chunks": item.chunks,
                    "document_id": item.document_id,
                    "version": item.version,
                    "stale_lessons": item.stale_lessons,
                }
                for item in self.files
            ],
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
        }


ProgressCallback = Callable[[FileOutcome, int, int], None]


@dataclass(frozen=True)
class Source:
    """One document to ingest, wherever it is: the URI recorded on the document (the same
    object always gives the same URI), a name whose suffix picks the loader, the size when
    known before reading, and how to read it."""

    uri: str
    name: Path  # for a stored object, its key as a relative path
    size: int | None
    read: Callable[[], Awaitable[bytes]]


def local_source(path: Path) -> Source:
    return Source(str(path), path, None, lambda: asyncio.to_thread(path.read_bytes))


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


async def collect_from_store(
    store: DocumentStore, keys_or_prefix: str | Sequence[str] = ""
) -> tuple[list[Source], list[FileOutcome]]:
    """Documents to ingest from a store, and outcomes for unusable keys.

    A string is a prefix: a trailing slash (or "") means everything under it; without one
    it names one document when such a key exists, else the folder of that name. A sequence
    names keys. Listing happens here, before anything is written, so a missing bucket,
    denied access or an unreachable endpoint raises `DocumentStoreError` with nothing
    ingested.
    """
    problems: list[FileOutcome] = []
    found: list[StoredDocument] = []
    if isinstance(keys_or_prefix, str):
        prefix = keys_or_prefix.lstrip("/")
        if prefix and not prefix.endswith("/") and is_supported(Path(prefix)):
            # Looks like one document: list just that key (a policy may allow listing
            # only "prefix/*", so never list a bare folder name without its slash).
            found = [d for d in await store.list(prefix) if d.key == prefix]
        if not found:
            folder = prefix if not prefix or prefix.endswith("/") else prefix + "/"
            found = await store.list(folder)
        where = f"{store.location.rstrip('/')}/{prefix}"
        usable = [d for d in found if not PurePosixPath(d.key).name.startswith(".")]
        supported = [d for d in usable if is_supported(Path(d.key))]
        if not supported:
            problems.append(FileOutcome(where, "skipped", "no supported documents there"))
        for item in usable:
            if item not in supported:
                suffix = PurePosixPath(item.key).suffix or "(none)"
                problems.append(
                    FileOutcome(
                        store.source_uri(item.key), "skipped", f"unsupported file type {suffix}"
                    )
                )
        found = supported
    else:
        for key in dict.fromkeys(keys_or_prefix):
            key = normalise_key(key)
            match = [d for d in await store.list(key) if d.key == key]
            if not match:
                problems.append(FileOutcome(store.source_uri(key), "skipped", "not in the store"))
            elif not is_supported(Path(key)):
                suffix = PurePosixPath(key).suffix or "(none)"
                problems.append(
                    FileOutcome(store.source_uri(key), "skipped", f"unsupported file type {suffix}")
                )
            else:
                found.append(match[0])

    def reader(key: str) -> Callable[[], Awaitable[bytes]]:
        return lambda: store.get(key)

    sources = [Source(store.source_uri(d.key), Path(d.key), d.size, reader(d.key)) for d in found]
    return sources, problems


async def ingest_sources(
    sessions: async_sessionmaker[AsyncSession],
    sources: Sequence[Path | str],
    *,
    embedder: Embedder,
    max_bytes: int,
    parse_seconds: float = PARSE_SECONDS,
    on_progress: ProgressCallback | None = None,
    reviewer: Reviewer | None = None,
) -> IngestReport:
    """Ingest local files and folders."""
    files, problems = expand_sources(sources)
    return await ingest_collected(
        sessions,
        [local_source(p) for p in files],
        problems,
        embedder=embedder,
        max_bytes=max_bytes,
        parse_seconds=parse_seconds,
        on_progress=on_progress,
        reviewer=reviewer,
    )


async def ingest_from_store(
    sessions: async_sessionmaker[AsyncSession],
    store: DocumentStore,
    keys_or_prefix: str | Sequence[str] = "",
    *,
    embedder: Embedder,
    max_bytes: int,
    parse_seconds: float = PARSE_SECONDS,
    on_progress: ProgressCallback | None = None,
    reviewer: Reviewer | None = None,
) -> IngestReport:
    """Ingest documents from a document store (S3 or a folder), with the same content-hash
    idempotency and versioning as local files. Each document is stored in a transaction
    of its own; a store failure raises `DocumentStoreError` and leaves every document
    either fully ingested or untouched."""
    sources, problems = await collect_from_store(store, keys_or_prefix)
    return await ingest_collected(
        sessions,
        sources,
        problems,
        embedder=embedder,
        max_bytes=max_bytes,
        parse_seconds=parse_seconds,
        on_progress=on_progress,
        reviewer=reviewer,
    )


async def ingest_collected(
    sessions: async_sessionmaker[AsyncSession],
    sources: Sequence[Source],
    problems: Sequence[FileOutcome] = (),
    *,
    embedder: Embedder,
    max_bytes: int,
    parse_seconds: float = PARSE_SECONDS,
    on_progress: ProgressCallback | None = None,
    reviewer: Reviewer | None = None,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport(files=list(problems))
    total = len(sources) + len(problems)
    for index, outcome in enumerate(problems, start=1):
        if on_progress:
            on_progress(outcome, index, total)
    for source in sources:
        outcome = await ingest_source(
            sessions,
            source,
            embedder=embedder,
            max_bytes=max_bytes,
            parse_seconds=parse_seconds,
            reviewer=reviewer,
        )
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
    return await ingest_source(sessions, local_source(path), embedder=embedder, max_bytes=max_bytes)


async def ingest_source(
    sessions: async_sessionmaker[AsyncSession],
    source: Source,
    *,
    embedder: Embedder,
    max_bytes: int,
    parse_seconds: float = PARSE_SECONDS,
    reviewer: Reviewer | None = None,
) -> FileOutcome:
    """One document. Unusable content is an outcome with its reason; a store failure
    (`DocumentStoreError`, other than a document gone since listing) propagates."""
    started = time.perf_counter()
    try:
        outcome = await _ingest(
            sessions,
            source,
            embedder=embedder,
            max_bytes=max_bytes,
            parse_seconds=parse_seconds,
            reviewer=reviewer,
        )
    except LoaderError as exc:
        outcome = FileOutcome(source.uri, "skipped", str(exc))
    except DocumentNotFound:
        outcome = FileOutcome(source.uri, "skipped", f"{source.name.name}: no longer in the store")
    except OSError as exc:
        outcome = FileOutcome(
            source.uri, "skipped", f"{source.name.name}: cannot read ({exc.strerror})"
        )
    outcome.seconds = time.perf_counter() - started
    return outcome


@dataclass
class _Prepared:
    document: LoadedDocument
    chunks: list[TextChunk]
    redactions: int
    markers: list[str]
    pii_counts: dict[str, int] = field(default_factory=dict)
    # Per chunk (same order): the injection markers that quarantine it, empty when clean.
    quarantine: list[list[str]] = field(default_factory=list)
    # Chunks the offline layers were unsure about, with the text as written.
    uncertain: dict[int, str] = field(default_factory=dict)


@dataclass
class _Redactor:
    """Redacts a document's chunks, headings and title, counting values by type; each
    distinct heading is redacted once however many chunks share it."""

    counts: dict[str, int] = field(default_factory=dict)
    _headings: dict[str, str] = field(default_factory=dict)

    def text(self, value: str) -> str:
        redaction = pii.redact(value)
        for kind, _start, _end in redaction.matches:
            self.counts[kind] = self.counts.get(kind, 0) + 1
        return redaction.text

    def heading(self, value: str) -> str:
        if value not in self._headings:
            self._headings[value] = self.text(value)
        return self._headings[value]

    def chunk(self, chunk: TextChunk) -> TextChunk:
        return TextChunk(
            chunk.ordinal,
            self.text(chunk.text),
            [self.heading(h) for h in chunk.heading_path],
            chunk.token_count,
        )

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Reviewer(Protocol):
    """A second opinion on a passage (the LLM); None when it has none."""

    async def flagged(self, text: str) -> bool | None: ...


async def _second_opinions(prepared: _Prepared, reviewer: Reviewer) -> None:
    for index, text in prepared.uncertain.items():
        if await reviewer.flagged(text):
            prepared.quarantine[index] = ["llm_review"]
    prepared.markers = sorted({m for found in prepared.quarantine for m in found})


def _prepare(path: Path, document: LoadedDocument) -> _Prepared:
    """CPU work (chunk, scan), run in a thread. Only the document store keeps the
    original: chunk text, heading paths and the title are redacted here, before anything
    is embedded, stored, made into topics or lessons, or audited."""
    chunks = chunk_text(document.text, title=document.title)
    if not chunks:
        raise LoaderError(f"{path.name}: no readable text found")
    redactor = _Redactor()
    cleaned: list[TextChunk] = []
    quarantine: list[list[str]] = []
    uncertain: dict[int, str] = {}
    for chunk in chunks:
        # Judged on the chunk as written (heading included), before anything is redacted.
        written = f"{chunk.heading}\n{chunk.text}"
        found = injection.detect(written, where="document")
        if found.uncertain:
            uncertain[len(quarantine)] = written
        quarantine.append(found.markers if found.flagged else [])
        cleaned.append(redactor.chunk(chunk))
    document = replace(document, title=redactor.heading(document.title))
    markers = sorted({m for found in quarantine for m in found})
    return _Prepared(
        document,
        cleaned,
        redactor.total,
        markers,
        pii_counts=dict(redactor.counts),
        quarantine=quarantine,
        uncertain=uncertain,
    )


def scan_document(path: Path, data: bytes) -> dict[str, Any]:
    """What ingest would find in one document, storing nothing (CPU work: call it in a
    thread). Each safety finding is one entry of the result."""
    prepared = _prepare(path, load_bytes(path, data))
    return {
        "title": prepared.document.title,
        "chunks": len(prepared.chunks),
        "pii": dict(sorted(prepared.pii_counts.items())),
        "flagged_chunks": sum(1 for found in prepared.quarantine if found),
        "injection_markers": prepared.markers,
    }


def embedding_input(chunk: TextChunk) -> str:
    """What gets embedded: the heading path gives a short passage its context."""
    return f"{chunk.heading}\n\n{chunk.text}" if chunk.heading else chunk.text


async def _ingest(
    sessions: async_sessionmaker[AsyncSession],
    source: Source,
    *,
    embedder: Embedder,
    max_bytes: int,
    parse_seconds: float,
    reviewer: Reviewer | None = None,
) -> FileOutcome:
    path = source.name
    size = source.size
    if size is None:  # a local file: stat it
        size = (await asyncio.to_thread(path.stat)).st_size
    check_size(path, size, max_bytes)  # before reading: an oversize file is never loaded
    data = await source.read()
    check_size(path, len(data), max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    async with sessions() as session:
        existing = await content.active_document(session, source.uri)
        if existing is not None and existing.content_hash == digest:
            return FileOutcome(
                source.uri, "unchanged", document_id=existing.id, version=existing.version
            )
    # Parsing runs in a child process that is killed at the time limit; the rest (chunk,
    # scan) works on bounded text in a thread.
    loaded = await load_bounded(path, data, seconds=parse_seconds)
    prepared = await asyncio.to_thread(_prepare, path, loaded)
    if reviewer is not None:
        await _second_opinions(prepared, reviewer)
    vectors = await embedder.embed([embedding_input(c) for c in prepared.chunks])
    async with sessions() as session, session.begin():
        existing = await content.active_document(session, source.uri)
        stale = 0
        if existing is not None:
            existing.status = "retired"
            retired = await content.retire_chunks_of(session, existing.id)
            await session.flush()
            stale = await content.mark_lessons_stale(session, retired)
        flags = {"injection_markers": prepared.markers} if prepared.markers else {}
        if prepared.redactions:
            flags["pii_redactions"] = prepared.redactions  # type: ignore[assignment]
        document = await content.add_document(
            session,
            source_uri=source.uri,
            title=prepared.document.title[:1000],
            format=prepared.document.format,
            content_hash=digest,
            version=(existing.version + 1) if existing else 1,
            byte_size=len(data),
            flags=flags,
        )
        topic_ids = await assign_topics(
            session, source_uri=source.uri, title=document.title, chunks=prepared.chunks
        )
        await copy_chunks(
            session,
            document,
            prepared.chunks,
            topic_ids,
            embedding_model=embedder.key if vectors is not None else None,
            vectors=vectors,
            quarantine=prepared.quarantine,
        )
    return FileOutcome(
        source.uri,
        "updated" if existing else "added",
        chunks=len(prepared.chunks),
        document_id=document.id,
        version=document.version,
        stale_lessons=stale,
        redactions=prepared.redactions,
        injection_markers=prepared.markers,
        quarantined=sum(1 for q in prepared.quarantine if q),
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
    quarantine: Sequence[Sequence[str]] = (),
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
                "t" if i < len(quarantine) and quarantine[i] else "f",
                json.dumps(list(quarantine[i]) if i < len(quarantine) else []),
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
