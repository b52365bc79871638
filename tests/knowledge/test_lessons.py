"""The lesson service with the offline composer: reuse, staleness, speed path, errors."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.embeddings import NoEmbedder
from knowledge.lessons import LessonService, NoMaterial, keyword_passages, retrieval_passages
from knowledge.passages import Passage
from knowledge.safety.rules import DISCLAIMER
from storage.db import create_engine, session_factory, transaction
from storage.models import Chunk, Lesson, Question, Topic
from storage.repositories.content import add_lesson, chunks_by_ids, mark_lessons_stale
from tests.knowledge import material


async def test_a_lesson_is_generated_once_and_shared_by_every_learner(
    session: AsyncSession,
) -> None:
    topic = await material.topic(session)
    passages = await material.document(session, material.GRACE, topic_id=topic.id)
    await material.document(session, material.FRAUD, title="Fraud guide")
    service = LessonService()

    first = await service.lesson_for(session, topic)
    again = await LessonService().lesson_for(session, topic)  # another task, cold memory
    third = await service.lesson_for(session, topic)
    assert first.id == again.id == third.id
    assert first.generator == "offline" and first.status == "ready"
    assert first.chunk_ids == [p.chunk_id for p in passages]
    assert {c["chunk_id"] for c in first.citations} <= set(first.chunk_ids)
    assert all(c["document_title"] == "Card handbook" for c in first.citations)
    assert 1 <= len(third.questions) <= 3
    for q in third.questions:
        assert q.citation["chunk_id"] in first.chunk_ids
        assert len(q.options) == 4 and 0 <= q.correct_option <= 3
    count = await session.scalar(select(func.count()).where(Lesson.topic_id == topic.id))
    assert count == 1


async def test_levels_get_their_own_lessons(session: AsyncSession) -> None:
    topic = await material.topic(session)
    await material.document(session, material.GRACE, topic_id=topic.id)
    await material.document(session, material.FRAUD, title="Fraud guide")
    service = LessonService()
    easy = await service.lesson_for(session, topic, difficulty=1)
    hard = await service.lesson_for(session, topic, difficulty=3)
    assert easy.id != hard.id and hard.difficulty == 3
    assert len(hard.questions) >= len(easy.questions)


async def test_a_stale_lesson_is_regenerated_before_it_is_served(session: AsyncSession) -> None:
    topic = await material.topic(session)
    old = await material.document(session, material.GRACE, topic_id=topic.id)
    await material.document(session, material.FRAUD, title="Fraud guide")
    service = LessonService()
    first = await service.lesson_for(session, topic)

    # The handbook is re-ingested with a changed section: old chunks retire, lessons go stale.
    changed = [material.GRACE[0], (material.GRACE[1][0], material.GRACE[1][1] + " Ask finance.")]
    await material.document(session, changed, title="Card handbook v2", topic_id=topic.id)
    await session.execute(
        update(Chunk).where(Chunk.id.in_([p.chunk_id for p in old])).values(active=False)
    )
    assert await mark_lessons_stale(session, [p.chunk_id for p in old]) == 1

    second = await service.lesson_for(session, topic)
    assert second.id != first.id and second.version == first.version + 1
    assert any("Ask finance." in c.text for c in await chunks_by_ids(session, second.chunk_ids))
    assert set(second.chunk_ids).isdisjoint(p.chunk_id for p in old)
    await session.refresh(first)
    assert first.status == "stale"


async def test_quoted_fees_get_the_disclaimer(session: AsyncSession) -> None:
    topic = await material.topic(session, "Lost cards and liability")
    await material.document(session, material.FRAUD, topic_id=topic.id)
    await material.document(session, material.GRACE, title="Grace guide")
    lesson = await LessonService().lesson_for(session, topic)
    assert "$50" in lesson.body
    assert lesson.body.rstrip().endswith(f"_{DISCLAIMER}_")
    assert lesson.safety_verdict["passed"] is True


async def test_a_topic_without_material_is_a_clear_error(session: AsyncSession) -> None:
    topic = await material.topic(session, "Zebra husbandry")
    with pytest.raises(NoMaterial, match="no training material matches topic"):
        await LessonService().lesson_for(session, topic)


async def test_keyword_passages_find_untagged_material_by_topic_words(
    session: AsyncSession,
) -> None:
    topic = await material.topic(session, "Chargebacks and disputes")
    fraud = await material.document(session, material.FRAUD, title="Fraud guide")
    found = await keyword_passages(session, topic, 1)
    assert found and found[0].chunk_id == fraud[2].chunk_id


async def test_an_injected_passage_provider_decides_the_material(session: AsyncSession) -> None:
    topic = await material.topic(session)
    grace = await material.document(session, material.GRACE)
    await material.document(session, material.FRAUD, title="Fraud guide")

    async def only_first_two(_s: AsyncSession, _t: Topic, _d: int) -> list[Passage]:
        return grace[:2]

    lesson = await LessonService(passages=only_first_two).lesson_for(session, topic)
    assert lesson.chunk_ids == [grace[0].chunk_id, grace[1].chunk_id]


async def test_hybrid_retrieval_supplies_the_topic_material(session: AsyncSession) -> None:
    topic = await material.topic(session, "Chargebacks and disputes", ["File a dispute in time"])
    fraud = await material.document(session, material.FRAUD, title="Fraud guide")
    await material.document(session, material.GRACE)
    provider = retrieval_passages(NoEmbedder(), limit=2)
    found = await provider(session, topic, 1)
    assert found and found[0].chunk_id == fraud[2].chunk_id  # the chargeback section
    lesson = await LessonService(passages=provider).lesson_for(session, topic)
    assert fraud[2].chunk_id in lesson.chunk_ids


async def test_two_tasks_generating_the_same_lesson_at_once_store_it_once(
    database_url: str,
) -> None:
    engine = create_engine(database_url, pool_size=3)
    sessions = session_factory(engine)
    try:
        async with transaction(sessions) as session:
            topic = await material.topic(session)
            await material.document(session, material.GRACE, topic_id=topic.id)
            await material.document(session, material.FRAUD, title="Fraud guide")

        async def serve_in_own_task() -> int:
            async with transaction(sessions) as session:
                fresh = await session.get(Topic, topic.id)
                assert fresh is not None
                return (await LessonService().lesson_for(session, fresh)).id

        ids = await asyncio.gather(serve_in_own_task(), serve_in_own_task(), serve_in_own_task())
        async with sessions() as session:
            stored = await session.scalar(
                select(func.count()).select_from(Lesson).where(Lesson.topic_id == topic.id)
            )
        assert len(set(ids)) == 1 and stored == 1
    finally:
        await engine.dispose()


async def test_served_copies_are_independent_of_each_other(session: AsyncSession) -> None:
    topic = await material.topic(session)
    await material.document(session, material.GRACE, topic_id=topic.id)
    await material.document(session, material.FRAUD, title="Fraud guide")
    service = LessonService()
    options = list((await service.lesson_for(session, topic)).questions[0].options)
    session.expunge_all()
    first = await service.lesson_for(session, topic)  # from the in-process copy
    first.questions[0].options.append("changed by one caller")
    session.expunge_all()
    second = await service.lesson_for(session, topic)
    assert second is not first and second.questions[0].options == options


async def test_a_lesson_authored_in_the_curriculum_is_served_as_written(
    session: AsyncSession,
) -> None:
    topic = await material.topic(session)
    await material.document(session, material.GRACE, topic_id=topic.id)
    authored = Lesson(
        topic_id=topic.id,
        cache_key=f"authored:{topic.slug}:abc",
        title="Who pays the interest?",
        body="Written by the card programme team.",
        generator="authored",
        source_hash="abc",
    )
    question = Question(
        stem="Who pays?",
        options=["Company", "Employee"],
        correct_option=0,
        explanation="The company account is billed.",
    )
    await add_lesson(session, authored, [question])
    lesson = await LessonService().lesson_for(session, topic)
    assert lesson.id == authored.id and lesson.questions[0].options == ["Company", "Employee"]
