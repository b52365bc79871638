"""Builds the lesson side of the app from settings: cache, LLM gateway, moderation and the
lesson service. Offline (no OPENAI_API_KEY) it composes lessons without a model."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings
from knowledge.cache import Cache
from knowledge.embeddings import Embedder, build_embedder
from knowledge.generation.llm import LlmLessonGenerator
from knowledge.lessons import LessonService, retrieval_passages
from knowledge.llm import LlmConfig, LlmGateway
from knowledge.safety.lesson_review import LlmLessonReviewer
from knowledge.safety.moderation import LocalModerator, Moderator, OpenAIModerator


@dataclass
class LessonServices:
    cache: Cache
    lessons: LessonService
    moderator: Moderator
    gateway: LlmGateway | None = None

    async def aclose(self) -> None:
        await self.cache.aclose()
        if isinstance(self.moderator, OpenAIModerator):
            await self.moderator.aclose()


def build_lesson_services(settings: Settings, embedder: Embedder | None = None) -> LessonServices:
    redis_url = settings.redis_url.get_secret_value() if settings.redis_url else None
    cache = Cache(redis_url)
    api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    embedder = embedder or build_embedder(
        settings.embeddings,
        api_key=api_key,
        base_url=settings.openai_base_url,
        model=settings.openai_embedding_model,
    )
    gateway: LlmGateway | None = None
    moderator: Moderator = LocalModerator()
    if api_key:
        gateway = LlmGateway(
            LlmConfig(
                api_key=api_key, model=settings.openai_model, base_url=settings.openai_base_url
            ),
            cache=cache,
        )
        moderator = OpenAIModerator(api_key=api_key, base_url=settings.openai_base_url)
    lessons = LessonService(
        passages=retrieval_passages(embedder),
        generator=LlmLessonGenerator(gateway) if gateway else None,
        moderator=moderator,
        review=settings.lesson_review,
        reviewer=LlmLessonReviewer(gateway) if gateway else None,
    )
    return LessonServices(cache=cache, lessons=lessons, moderator=moderator, gateway=gateway)
