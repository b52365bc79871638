"""Whether a lesson may be sent, and where each topic stands: material, lesson, quiz.

A lesson goes out only with a quiz. A topic whose material yields no two good questions
gets no lesson; admins see it listed as `no_quiz` with the reason, so they can add or
fix its material instead of learners receiving a quote with nothing to answer.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.generation import offline
from knowledge.lessons import keyword_passages, source_hash
from knowledge.passages import Passage
from storage.models import Lesson, Topic
from storage.repositories.topic_status import TopicRow, other_chunks, topic_rows

MIN_QUESTIONS_TO_SEND = 1
_DISTRACTOR_PASSAGES = 80


def sendable(lesson: Lesson) -> bool:
    """A lesson with at least one question that is ready, or stale but still the version a
    reviewer last approved (served until the regenerated draft is approved); anything else
    is never delivered."""
    return lesson.status in ("ready", "stale") and len(lesson.questions) >= MIN_QUESTIONS_TO_SEND


@dataclass(frozen=True)
class TopicStatus:
    slug: str
    title: str
    track: str
    chunks: int
    status: str  # ready | not_generated | no_quiz | no_material | blocked
    lesson_id: int | None
    questions: int
    reason: str = ""


# Quizzability of material already probed, by topic and source hash: the probe composes
# an offline lesson, which is worth doing once per version of the material.
_probed: OrderedDict[tuple[int, str], str] = OrderedDict()
_PROBED_MAX = 1024


async def _probe(session: AsyncSession, topic: Topic, passages: list[Passage]) -> str:
    """'' when the material yields a quiz, else why it does not."""
    key = (topic.id, source_hash(passages))
    if key in _probed:
        return _probed[key]
    rows = await other_chunks(session, [p.chunk_id for p in passages], _DISTRACTOR_PASSAGES)
    others = [
        Passage(
            chunk_id=c.id,
            document_id=c.document_id,
            document_title=title,
            source_uri=uri,
            heading=c.heading,
            text=c.text,
        )
        for c, title, uri in rows
    ]
    try:
        await asyncio.to_thread(
            offline.compose,
            topic_title=topic.title,
            objectives=[str(o) for o in topic.objectives],
            passages=passages,
            distractor_passages=others,
        )
        reason = ""
    except offline.OfflineCompositionError as exc:
        reason = str(exc)
    _probed[key] = reason
    while len(_probed) > _PROBED_MAX:
        _probed.popitem(last=False)
    return reason


async def _status(session: AsyncSession, row: TopicRow) -> TopicStatus:
    topic = row.topic

    def status(name: str, reason: str = "") -> TopicStatus:
        return TopicStatus(
            slug=topic.slug,
            title=topic.title,
            track=topic.track,
            chunks=row.chunks,
            status=name,
            lesson_id=row.lesson_id,
            questions=row.questions,
            reason=reason,
        )

    if row.lesson_status == "ready":
        if row.questions >= MIN_QUESTIONS_TO_SEND:
            return status("ready")
        return status("no_quiz", "the lesson has no question, so it is not sent")
    if row.lesson_status == "blocked":
        return status("blocked", "the generated lesson failed the safety checks")
    passages = await keyword_passages(session, topic, 1)
    if not passages:
        return status("no_material", "no document covers this topic yet")
    reason = await _probe(session, topic, passages)
    return status("no_quiz", reason) if reason else status("not_generated")


async def topic_statuses(
    session: AsyncSession, *, limit: int = 100, offset: int = 0
) -> list[TopicStatus]:
    """A page of topics with their material and lesson status."""
    return [
        await _status(session, row) for row in await topic_rows(session, limit=limit, offset=offset)
    ]
