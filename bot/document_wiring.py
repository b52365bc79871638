"""The document store from settings, and the queue worker's ingestion hook.

Admin uploads are written to the store by the API process; `bmo:ingest_document` jobs
carry the document's key, and whichever worker runs the job reads the object back from
the same store (DOCUMENT_STORE must name the same bucket or folder in every process).
"""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.runtime import StartupError
from bot.settings import Settings
from knowledge.bounded_load import PARSE_SECONDS
from knowledge.document_store import DocumentStore, DocumentStoreError, open_document_store
from knowledge.embeddings import Embedder, build_embedder
from knowledge.ingest import Reviewer, ingest_from_store
from storage.repositories import operations

log = structlog.get_logger("bmo.documents")
INGEST_AUDIT_ACTION = "ingest_document"


def open_store(settings: Settings) -> DocumentStore:
    """DOCUMENT_STORE (s3://bucket/prefix or a folder), else `<DATA_DIR>/documents`. A
    malformed location stops start-up with one line."""
    try:
        return open_document_store(
            settings.document_store,
            data_dir=settings.data_dir,
            endpoint_url=settings.s3_endpoint_url,
            kms_key_id=settings.document_store_kms_key,
        )
    except DocumentStoreError as exc:
        raise StartupError(f"configuration error: {exc}") from None


def embedder_from_settings(settings: Settings) -> Embedder:
    return build_embedder(
        settings.embeddings,
        api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else None,
        base_url=settings.openai_base_url,
        model=settings.openai_embedding_model,
    )


class StoreIngest:
    """`DeliveryRuntime.ingest`: ingest one key of the store, audit the outcome and return
    it (the queue task records it on its job). A store failure is audited and raised
    again, so the queue retries the job and finally marks it failed."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        store: DocumentStore,
        embedder: Embedder,
        max_bytes: int,
        reviewer: Reviewer | None = None,
        parse_seconds: float = PARSE_SECONDS,
    ) -> None:
        self.sessions, self.store = sessions, store
        self.embedder, self.max_bytes = embedder, max_bytes
        self.reviewer, self.parse_seconds = reviewer, parse_seconds

    async def __call__(self, key: str) -> dict[str, Any]:
        try:
            report = await ingest_from_store(
                self.sessions,
                self.store,
                [key],
                embedder=self.embedder,
                max_bytes=self.max_bytes,
                parse_seconds=self.parse_seconds,
                reviewer=self.reviewer,
            )
        except Exception as exc:
            await self._record(key, {"error": f"{type(exc).__name__}: {exc}"[:500]})
            log.warning("document.ingest_failed", key=key, error=str(exc)[:300])
            raise
        first = report.files[0] if report.files else None
        status = first.status if first else "skipped"
        outcome = {"store": self.store.location, **report.summary()}
        await self._record(key, outcome)
        log.info(
            "document.ingested",
            key=key,
            status=status,
            chunks=report.chunks,
            reason=first.reason if first else "",
        )
        return outcome

    async def _record(self, key: str, detail: dict[str, Any]) -> None:
        async with self.sessions() as session, session.begin():
            await operations.audit(
                session,
                actor="worker",
                action=INGEST_AUDIT_ACTION,
                target=f"document:{key}",
                detail={"store": self.store.location, **detail},
            )

    async def aclose(self) -> None:
        close = getattr(self.embedder, "aclose", None)
        if close is not None:
            await close()
