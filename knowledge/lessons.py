"""The lesson service: one lesson per topic, level and source material, shared by learners.

A lesson is keyed by topic, difficulty, generator and a hash of the passages it was built
from. Serving an existing lesson costs one indexed query plus an in-process copy; a stale
lesson (its document changed) is regenerated before use; a lesson that fails the safety
checks is regenerated once and otherwise stored as blocked and never returned.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from knowledge.embeddings import Embedder
from knowledge.generation import offline
from knowledge.generation.llm import CitationError, LlmLessonGenerator
from knowledge.generation.models import LessonDraft
from knowledge.llm import LlmError
from knowledge.passages import Passage
from knowledge.safety import SafetyVerdict, check_lesson, sanitise
from knowledge.safety.lesson_review import LlmLessonReviewer
from knowledge.safety.moderation import Moderator
from knowledge.safety.rules import Violation
from storage.models import Chunk, Lesson, Question, Topic
from storage.repositories import content, reviews
from storage.repositories.content import add_lesson, lesson_by_cache_key

log = structlog.get_logger(__name__)

PassageProvider = Callable[[AsyncSession, Topic, int], Awaitable[list[Passage]]]


class NoMaterial(Exception):
    """No training material matches the topic yet; load documents first."""


class LessonPending(Exception):
    """The topic's lesson waits for a reviewer and no earlier version was approved.
    `instead` is the lesson of the next topic learners may get, if any."""

    def __init__(self, topic_slug: str, lesson_id: int, instead: Lesson | None) -> None:
        super().__init__(f"the lesson for {topic_slug!r} waits for review")
        self.lesson_id = lesson_id
        self.instead = instead


class NoQuiz(NoMaterial):
    """The topic's material does not yield two good questions, so it gets no lesson."""


class LessonBlocked(Exception):
    """Every draft for this topic failed the safety checks; nothing may be delivered."""

    def __init__(self, topic_slug: str, verdict: SafetyVerdict) -> None:
        super().__init__(f"lesson for {topic_slug!r} blocked: {verdict.summary()}")
        self.verdict = verdict


def _passage(chunk: Chunk, title: str, uri: str) -> Passage:
    return Passage(
        chunk_id=chunk.id,
        document_id=chunk.document_id,
        document_title=title,
        source_uri=uri,
        heading=chunk.heading,
        text=chunk.text,
        topic_id=chunk.topic_id,
    )


async def keyword_passages(
    session: AsyncSession, topic: Topic, difficulty: int, *, limit: int = 6
) -> list[Passage]:
    """Chunks tagged with the topic, else the best full-text matches for its title and
    objectives. Used when no hybrid retriever is wired in."""
    rows = await content.topic_chunks(session, topic.id, limit)
    if not rows:
        words = re.findall(
            r"[a-z]{3,}", " ".join([topic.title, *map(str, topic.objectives)]).lower()
        )
        if not words:
            return []
        rows = await content.chunks_matching_any(session, words, limit)
    return [_passage(chunk, title, uri) for chunk, title, uri in rows]


def retrieval_passages(embedder: Embedder, *, limit: int = 6) -> PassageProvider:
    """Hybrid retrieval for a topic: its title and objectives as the query, within the
    topic's own chunks first, across all material when the topic has none tagged."""

    async def provide(session: AsyncSession, topic: Topic, difficulty: int) -> list[Passage]:
        from knowledge.retrieval import search  # imported late: it pulls in the embedders

        query = " ".join([topic.title, *map(str, topic.objectives)])
        found = await search(session, query, embedder=embedder, limit=limit, topic_id=topic.id)
        return found or await search(session, query, embedder=embedder, limit=limit)

    return provide


# Column values of a lesson and its questions, independent of any session. Mutable values
# (lists, dicts) are kept as JSON text so each restore hands out fresh copies cheaply.
_Snapshot = tuple[dict[str, Any], str, list[dict[str, Any]], str]


def _split(obj: Any, attrs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    fixed: dict[str, Any] = {}
    mutable: dict[str, Any] = {}
    for attr in attrs:
        value = getattr(obj, attr.key)
        (mutable if isinstance(value, list | dict) else fixed)[attr.key] = value
    return fixed, mutable


def _snapshot(lesson: Lesson) -> _Snapshot:
    fixed, mutable = _split(lesson, Lesson.__mapper__.column_attrs)
    parts = [_split(q, Question.__mapper__.column_attrs) for q in lesson.questions]
    return (
        fixed,
        json.dumps(mutable),
        [f for f, _ in parts],
        json.dumps([m for _, m in parts]),
    )


def _restore(snapshot: _Snapshot) -> Lesson:
    fixed, mutable, question_fixed, question_mutable = snapshot
    lesson = Lesson(**fixed, **json.loads(mutable))
    questions = [
        Question(**f, **m)
        for f, m in zip(question_fixed, json.loads(question_mutable), strict=True)
    ]
    for obj in (lesson, *questions):
        make_transient_to_detached(obj)
    set_committed_value(lesson, "questions", questions)
    return lesson


# The draft, its generator, its safety verdict and the passages it draws on: the topic's,
# plus the neighbouring passages an offline lesson on a thin topic cites.
_Drafted = tuple[LessonDraft, str, SafetyVerdict, list[Passage]]


def source_hash(passages: Sequence[Passage]) -> str:
    material = json.dumps([[p.chunk_id, p.text] for p in passages], ensure_ascii=False)
    return hashlib.sha256(material.encode()).hexdigest()


class LessonService:
    def __init__(
        self,
        *,
        passages: PassageProvider = keyword_passages,
        generator: LlmLessonGenerator | None = None,
        moderator: Moderator | None = None,
        memo_size: int = 512,
        review: reviews.ReviewMode = "off",
        reviewer: LlmLessonReviewer | None = None,
    ) -> None:
        if review not in reviews.REVIEW_MODES:
            raise ValueError(f"lesson review must be one of {reviews.REVIEW_MODES}")
        self.review: reviews.ReviewMode = review
        self._passages = passages
        self._reviewer = reviewer
        self._llm = generator
        self._moderator = moderator
        self._memo: OrderedDict[str, _Snapshot] = OrderedDict()
        self._memo_size = memo_size
        # Drafts being written, by lesson key: learners asking for the same new lesson at
        # once share one draft (one LLM call) instead of each writing their own.
        self._drafting: dict[str, asyncio.Future[_Drafted]] = {}

    @property
    def generator_name(self) -> str:
        return self._llm.name if self._llm else offline.GENERATOR

    def _prefix(self, topic: Topic, difficulty: int) -> str:
        return f"lesson:{topic.id}:d{difficulty}:{self.generator_name}:"

    async def lesson_for(
        self, session: AsyncSession, topic: Topic, *, difficulty: int = 1
    ) -> Lesson:
        """A ready, safe lesson with its questions loaded; generated on first use.

        Under review, a lesson learners may not get yet is replaced by the last version of
        the topic they may get; with none, LessonPending names the next topic's lesson."""
        prefix = self._prefix(topic, difficulty)
        rows = await content.ready_lesson_keys(session, topic.id, difficulty)
        # A lesson written by hand in the curriculum file wins over a generated one.
        authored = f"authored:{topic.slug}:"
        rows = sorted(rows, key=lambda row: not row[0].startswith(authored))
        for key, review_status in rows:
            if key.startswith((prefix, authored)):
                if review_status not in reviews.deliverable(self.review):
                    return await self._approved_instead(session, topic, difficulty, key)
                served = await self._serve(session, key)
                if served is not None:
                    return served
                break  # retired meanwhile by another task: build afresh
        lesson = await self._build(session, topic, difficulty, prefix)
        if not reviews.may_deliver(lesson, self.review):
            return await self._approved_instead(session, topic, difficulty, lesson.cache_key)
        return lesson

    async def _approved_instead(
        self, session: AsyncSession, topic: Topic, difficulty: int, waiting_key: str
    ) -> Lesson:
        """The last version of the topic learners may get, while `waiting_key` waits."""
        key = await reviews.last_deliverable(session, topic.id, difficulty, self.review)
        served = await self._serve(session, key) if key else None
        if served is not None:
            return served
        waiting = await lesson_by_cache_key(session, waiting_key)
        instead: Lesson | None = None
        other = await reviews.next_deliverable_topic(session, topic, difficulty, self.review)
        if other is not None:
            other_key = await reviews.last_deliverable(session, other.id, difficulty, self.review)
            instead = await self._serve(session, other_key) if other_key else None
        raise LessonPending(topic.slug, waiting.id if waiting else 0, instead)

    async def _serve(self, session: AsyncSession, key: str) -> Lesson | None:
        snapshot = self._memo.get(key)
        if snapshot is None:
            found = await lesson_by_cache_key(session, key)
            if found is not None:
                self._remember(key, found)
            return found
        self._memo.move_to_end(key)
        # Each caller gets its own copy, attached to its own session, without a query.
        return await session.merge(_restore(snapshot), load=False)

    def _remember(self, key: str, lesson: Lesson) -> None:
        self._memo[key] = _snapshot(lesson)
        while len(self._memo) > self._memo_size:
            self._memo.popitem(last=False)

    async def _build(
        self, session: AsyncSession, topic: Topic, difficulty: int, prefix: str
    ) -> Lesson:
        passages = await self._passages(session, topic, difficulty)
        if not passages:
            raise NoMaterial(f"no training material matches topic {topic.slug!r}")
        digest = source_hash(passages)
        key = prefix + digest[:32]
        existing = await lesson_by_cache_key(session, key)
        if existing is not None and existing.status in ("ready", "rejected"):
            # A rejected draft stays rejected until its material changes.
            if reviews.may_deliver(existing, self.review):
                self._remember(key, existing)
            return existing
        if existing is not None:  # stale: keep it for history under a retired key
            existing.cache_key = f"{key}:retired:{existing.id}"
            await session.flush()

        draft, generator, verdict, used = await self._shared_draft(
            key, session, topic, passages, difficulty
        )
        lesson, questions = await self._rows(session, topic, difficulty, used, draft)
        lesson.cache_key, lesson.generator, lesson.source_hash = key, generator, digest
        lesson.safety_verdict = verdict.model_dump()
        lesson.review_status = reviews.new_lesson_status(self.review)
        if not verdict.passed:
            lesson.cache_key = f"{key}:blocked:{uuid.uuid4().hex[:8]}"
            lesson.status = "blocked"
            await add_lesson(session, lesson, questions)
            log.warning("lesson.blocked", topic=topic.slug, violations=verdict.summary())
            raise LessonBlocked(topic.slug, verdict)
        try:
            async with session.begin_nested():
                await add_lesson(session, lesson, questions)
        except IntegrityError:  # another task stored the same lesson first
            found = await lesson_by_cache_key(session, key)
            if found is None:
                raise
            lesson = found
        else:
            lesson = await lesson_by_cache_key(session, key) or lesson
        log.info(
            "lesson.generated",
            topic=topic.slug,
            generator=generator,
            lesson_id=lesson.id,
            review=lesson.review_status,
        )
        if reviews.may_deliver(lesson, self.review):  # edits before approval leave no copy
            self._remember(key, lesson)
        return lesson

    async def _shared_draft(
        self,
        key: str,
        session: AsyncSession,
        topic: Topic,
        passages: list[Passage],
        difficulty: int,
    ) -> _Drafted:
        """The draft for `key`, written once however many tasks ask for it at the same
        time. A task whose shared draft failed writes its own."""
        pending = self._drafting.get(key)
        if pending is not None:
            await asyncio.wait([pending])
            if not pending.cancelled() and pending.exception() is None:
                return pending.result()
            return await self._draft(session, topic, passages, difficulty)
        future: asyncio.Future[_Drafted] = asyncio.get_running_loop().create_future()
        self._drafting[key] = future
        try:
            drafted = await self._draft(session, topic, passages, difficulty)
        except BaseException as exc:
            if isinstance(exc, Exception):
                future.set_exception(exc)
                future.exception()  # retrieved: the waiters draft again themselves
            else:
                future.cancel()
            raise
        finally:
            if self._drafting.get(key) is future:
                del self._drafting[key]
        future.set_result(drafted)
        return drafted

    async def _draft(
        self, session: AsyncSession, topic: Topic, passages: list[Passage], difficulty: int
    ) -> _Drafted:
        objectives = [str(o) for o in topic.objectives]
        if self._llm is not None:
            feedback: str | None = None
            verdict: SafetyVerdict | None = None
            draft: LessonDraft | None = None
            for _ in range(2):
                try:
                    draft = await self._llm.generate(
                        topic_title=topic.title,
                        objectives=objectives,
                        passages=passages,
                        difficulty=difficulty,
                        feedback=feedback,
                        session=session,
                    )
                except (CitationError, LlmError) as exc:
                    log.warning("lesson.llm_unusable", topic=topic.slug, error=str(exc))
                    draft = None
                    break
                draft = await asyncio.to_thread(sanitise, draft)
                verdict = await self._checked(draft, passages)
                if verdict.passed:
                    return draft, self._llm.name, verdict, passages
                if feedback is None:
                    await self._llm.discard(
                        topic_title=topic.title,
                        objectives=objectives,
                        passages=passages,
                        difficulty=difficulty,
                    )
                feedback = f"it broke content rules ({verdict.summary()})."
            if draft is not None and verdict is not None:
                return draft, self._llm.name, verdict, passages  # failed twice: blocked
        distractors = await self._distractor_passages(session, passages)
        try:
            composed = await asyncio.to_thread(  # spaCy and MiniLM: off the event loop
                offline.compose,
                topic_title=topic.title,
                objectives=objectives,
                passages=passages,
                difficulty=difficulty,
                distractor_passages=distractors,
            )
        except offline.NoQuiz as exc:
            raise NoQuiz(f"topic {topic.slug!r}: {exc}") from exc
        except offline.OfflineCompositionError as exc:
            raise NoMaterial(f"topic {topic.slug!r}: {exc}") from exc
        composed = await asyncio.to_thread(sanitise, composed)
        cited = set(composed.citation_chunk_ids)
        used = [*passages, *(p for p in distractors if p.chunk_id in cited)]
        return composed, offline.GENERATOR, await self._checked(composed, used), used

    async def _checked(self, draft: LessonDraft, passages: Sequence[Passage]) -> SafetyVerdict:
        """The offline checks, then (with a model) one constitutional review of the draft."""
        verdict = await check_lesson(draft, self._moderator, passages)
        if not verdict.passed or self._reviewer is None:
            return verdict
        review = await self._reviewer.review(draft, passages)
        if review is None or (review.supported and review.compliant):
            return verdict
        problems = "; ".join(review.problems)[:300] or "failed the review"
        rule = "llm_unsupported" if not review.supported else "llm_noncompliant"
        found = [*verdict.violations, Violation(rule=rule, excerpt=problems)]
        return verdict.model_copy(update={"passed": False, "violations": found})

    async def _distractor_passages(
        self, session: AsyncSession, passages: Sequence[Passage], limit: int = 80
    ) -> list[Passage]:
        """Other material, the same documents' first: distractors that are real terms of the
        domain, and the neighbouring passages a thin topic's lesson may draw on."""
        used = [p.chunk_id for p in passages]
        rows = await content.chunks_other_than(session, used, limit)
        return [_passage(chunk, title, uri) for chunk, title, uri in rows]

    async def _rows(
        self,
        session: AsyncSession,
        topic: Topic,
        difficulty: int,
        passages: Sequence[Passage],
        draft: LessonDraft,
    ) -> tuple[Lesson, list[Question]]:
        by_id = {p.chunk_id: p for p in passages}
        version = await content.latest_lesson_version(session, topic.id, difficulty)
        cited = [by_id[c] for c in dict.fromkeys(draft.citation_chunk_ids) if c in by_id]
        lesson = Lesson(
            topic_id=topic.id,
            version=int(version or 0) + 1,
            difficulty=difficulty,
            title=draft.title,
            body=draft.body,
            key_points=list(draft.key_points),
            scenario=draft.scenario,
            citations=[p.citation().model_dump() for p in cited],
            chunk_ids=[p.chunk_id for p in passages],
            status="ready",
        )
        questions = [
            Question(
                stem=q.stem,
                options=list(q.options),
                correct_option=q.correct_option,
                explanation=q.explanation,
                citation=by_id[q.citation_chunk_id].citation().model_dump()
                if q.citation_chunk_id in by_id
                else {},
            )
            for q in draft.questions
        ]
        return lesson, questions
