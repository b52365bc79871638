"""What the admin API needs from the running app, passed in by the composition root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from admin_api.auth import ApiKey, KeyRing, RateLimiter
from admin_api.jobs import InProcessJobs, JobRunner
from knowledge.embeddings import Embedder, NoEmbedder
from knowledge.lessons import LessonService
from knowledge.safety.moderation import LocalModerator, Moderator


@dataclass(frozen=True)
class AdminConfig:
    keys: Sequence[ApiKey]
    document_dir: Path
    redis_url: str | None = None
    rate_limit_per_minute: int = 600
    max_body_bytes: int = 1024 * 1024
    max_document_bytes: int = 20 * 1024 * 1024
    public_base_url: str = "http://localhost:3000"
    # Turns learner ids into stable pseudonyms in exports; keep it secret and stable.
    pseudonym_key: str = "bmo-learners"


@dataclass
class AdminServices:
    config: AdminConfig
    sessions: async_sessionmaker[AsyncSession]
    lessons: LessonService = field(default_factory=LessonService)
    moderator: Moderator = field(default_factory=LocalModerator)
    embedder: Embedder = field(default_factory=NoEmbedder)
    jobs: JobRunner = field(default_factory=InProcessJobs)
    keyring: KeyRing = field(init=False)
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.keyring = KeyRing(self.config.keys)
        self.limiter = RateLimiter(self.config.rate_limit_per_minute, self.config.redis_url)

    async def aclose(self) -> None:
        await self.jobs.aclose()
        await self.limiter.aclose()
