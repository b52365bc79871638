"""Lessons written by the LLM: one structured call, citations checked against the passages."""

from __future__ import annotations

from collections.abc import Sequence

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.generation.models import LessonDraft
from knowledge.generation.prompts import lesson_prompt
from knowledge.llm import LlmGateway
from knowledge.passages import Passage

log = structlog.get_logger(__name__)


class CitationError(Exception):
    """The model kept citing passages it was not given."""


def invalid_citations(draft: LessonDraft, passages: Sequence[Passage]) -> list[int]:
    known = {p.chunk_id for p in passages}
    cited = [*draft.citation_chunk_ids, *(q.citation_chunk_id for q in draft.questions)]
    return sorted({c for c in cited if c not in known})


class LlmLessonGenerator:
    def __init__(self, gateway: LlmGateway) -> None:
        self.gateway = gateway

    @property
    def name(self) -> str:
        return self.gateway.model

    async def discard(
        self,
        *,
        topic_title: str,
        objectives: Sequence[str],
        passages: Sequence[Passage],
        difficulty: int = 1,
    ) -> None:
        """Forget the cached first draft for this material (it failed a later check)."""
        prompt = lesson_prompt(
            topic_title=topic_title, objectives=objectives, passages=passages, difficulty=difficulty
        )
        await self.gateway.forget("lesson", prompt, LessonDraft)

    async def generate(
        self,
        *,
        topic_title: str,
        objectives: Sequence[str],
        passages: Sequence[Passage],
        difficulty: int = 1,
        feedback: str | None = None,
        session: AsyncSession | None = None,
    ) -> LessonDraft:
        """A draft whose every citation is a given passage; one regeneration is allowed."""
        for attempt in range(2):
            prompt = lesson_prompt(
                topic_title=topic_title,
                objectives=objectives,
                passages=passages,
                difficulty=difficulty,
                feedback=feedback,
            )
            # A regeneration must reach the model, not the cached rejected answer.
            draft = await self.gateway.structured(
                "lesson", prompt, LessonDraft, session=session, use_cache=feedback is None
            )
            bad = invalid_citations(draft, passages)
            if not bad:
                return draft
            log.warning("lesson.invalid_citations", attempt=attempt + 1, chunk_ids=bad)
            await self.gateway.forget("lesson", prompt, LessonDraft)
            ids = ", ".join(str(p.chunk_id) for p in passages)
            feedback = f"it cited passage ids {bad} that do not exist; cite only: {ids}."
        raise CitationError(f"citations outside the given passages after a retry: {bad}")
