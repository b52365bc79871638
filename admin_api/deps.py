"""What the admin API needs from the running app, passed in by the composition root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from admin_api.auth import ApiKey, KeyRing, RateLimiter
from admin_api.jobs import InProcessJobs, JobRunner
from admin_api.readpool import ReadPool
from knowledge.document_store import DocumentStore, LocalDocumentStore
from knowledge.embeddings import Embedder, NoEmbedder
from knowledge.lessons import LessonService
from knowledge.safety.moderation import LocalModerator, Moderator


@dataclass(frozen=True)
class AdminConfig:
    keys: Sequence[ApiKey]
    document_dir: Path  # the document store when none is given to AdminServices
    redis_url: str | None = None
    rate_limit_per_minute: int = 600
    failed_keys_per_minute: int = 30  # wrong API keys from one address before a 429
    max_body_bytes: int = 1024 * 1024
    max_document_bytes: int = 20 * 1024 * 1024
    document_parse_seconds: float = 60.0  # reading one uploaded document
    phone_region: str = "CA"  # how numbers without a country code are read
    public_base_url: str = "http://localhost:3000"
    # Turns learner ids into stable pseudonyms in exports; keep it secret and stable.
    pseudonym_key: str = "bmo-learners"
    # When given, hot reads (learner progress) use a few raw connections of their own.
    database_url: str | None = None


@dataclass
class AdminServices:
    config: AdminConfig
    sessions: async_sessionmaker[AsyncSession]
    lessons: LessonService = field(default_factory=LessonService)
    moderator: Moderator = field(default_factory=LocalModerator)
    embedder: Embedder = field(default_factory=NoEmbedder)
    jobs: JobRunner = field(default_factory=InProcessJobs)
    # Where uploads are kept (S3 or a folder); a LocalDocumentStore on document_dir if None.
    store: DocumentStore | None = None
    keyring: KeyRing = field(init=False)
    limiter: RateLimiter = field(init=False)
    failed_keys: RateLimiter = field(init=False)
    reads: ReadPool | None = field(init=False, repr=False)
    _reads: async_sessionmaker[AsyncSession] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.store is None:
            self.store = LocalDocumentStore(self.config.document_dir)
        self.keyring = KeyRing(self.config.keys)
        self.limiter = RateLimiter(self.config.rate_limit_per_minute, self.config.redis_url)
        self.failed_keys = RateLimiter(self.config.failed_keys_per_minute, self.config.redis_url)
        engine = self.sessions.kw.get("bind")
        # Reads run in autocommit: no BEGIN/ROLLBACK round trips around a single SELECT.
        self._reads = (
            async_sessionmaker(
                engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
            )
            if isinstance(engine, AsyncEngine)
            else self.sessions
        )

        self.reads = ReadPool(self.config.database_url) if self.config.database_url else None

    @property
    def documents(self) -> DocumentStore:
        assert self.store is not None  # set in __post_init__
        return self.store

    def session(self, *, read_only: bool) -> AsyncSession:
        return self._reads() if read_only else self.sessions()

    async def aclose(self) -> None:
        await self.jobs.aclose()
        await self.limiter.aclose()
        await self.failed_keys.aclose()
        close_moderator = getattr(self.moderator, "aclose", None)  # an API client's pool
        if close_moderator is not None:
            await close_moderator()
        if self.reads is not None:
            await self.reads.aclose()
