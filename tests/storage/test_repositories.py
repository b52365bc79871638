from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chunk, Lesson, Question
from storage.repositories import content, deliveries, learners, learning, operations


async def _lesson(session: AsyncSession) -> tuple[Lesson, list[Chunk]]:
    topic = await content.add_topic(
        session,
        slug="apr-basics",
        title="APR basics",
        objectives=["Explain APR"],
        prerequisites=["intro"],
    )
    doc = await content.add_document(
        session,
        source_uri="file:///apr.md",
        title="APR",
        format="md",
        content_hash="a" * 64,
        byte_size=10,
    )
    chunks = [
        Chunk(
            document_id=doc.id,
            topic_id=topic.id,
            ordinal=i,
            text=f"APR means annual rate {i}",
            heading_path=["Costs", "APR"],
            heading="Costs > APR",
            token_count=5,
            embedding_model="minilm",
            embedding=[0.1] * 384,
        )
        for i in range(2)
    ]
    await content.add_chunks(session, chunks)
    lesson = Lesson(
        topic_id=topic.id,
        cache_key="k1",
        title="What APR means",
        body="APR is the yearly cost of credit.",
        key_points=["yearly"],
        scenario="A colleague asks...",
        citations=[{"chunk_id": chunks[0].id}],
        chunk_ids=[chunks[0].id],
        generator="offline",
        source_hash="h",
    )
    q = Question(
        stem="APR is?",
        options=["a", "b", "c", "d"],
        correct_option=1,
        explanation="Because.",
        citation={"chunk_id": chunks[0].id},
    )
    await content.add_lesson(session, lesson, [q])
    return lesson, chunks


async def test_learner_round_trip_and_enrol_once(session: AsyncSession) -> None:
    created = await learners.create(
        session,
        name="Ada",
        email="Ada@Example.com",
        slack_user_id="U1",
        timezone="America/Toronto",
        delivery_time=time(8, 30),
        phone="+14165550100",
        vacation_until=date(2026, 12, 24),
    )
    again = await learners.by_email(session, "ada@example.com")
    assert again is not None and again.id == created.id
    assert again.delivery_time == time(8, 30) and again.status == "active"
    assert (await learners.by_slack_user(session, "U1")).id == created.id  # type: ignore[union-attr]
    first = await learners.enroll(session, created.id, "cards")
    second = await learners.enroll(session, created.id, "cards")
    assert first.id == second.id
    await learners.record_progress(session, created.id, lessons=1, answered=2, correct=1)
    [enrolment] = await learners.enrollments(session, created.id)
    await session.refresh(enrolment)
    assert (
        enrolment.lessons_completed,
        enrolment.questions_answered,
        enrolment.correct_answers,
    ) == (1, 2, 1)


async def test_content_round_trip_search_columns_and_staleness(session: AsyncSession) -> None:
    lesson, chunks = await _lesson(session)
    loaded = await content.lesson_with_questions(session, lesson.id)
    assert loaded is not None and loaded.questions[0].options == ["a", "b", "c", "d"]
    assert (await content.lesson_by_cache_key(session, "k1")).id == lesson.id  # type: ignore[union-attr]
    tsv = (
        await session.execute(
            text("SELECT tsv::text FROM chunks WHERE id = :id"), {"id": chunks[0].id}
        )
    ).scalar_one()
    assert "'apr':" in tsv and "'cost':" in tsv  # body and heading are both searchable
    assert await content.mark_lessons_stale(session, [chunks[1].id]) == 0
    assert await content.mark_lessons_stale(session, [chunks[0].id]) == 1
    await session.refresh(lesson)
    assert lesson.status == "stale"


async def test_other_chunks_list_the_same_documents_chunks_first_nearest_first(
    session: AsyncSession,
) -> None:
    docs = [
        await content.add_document(
            session,
            source_uri=f"file:///{name}.md",
            title=name,
            format="md",
            content_hash=name[0] * 64,
            byte_size=10,
        )
        for name in ("another", "handbook")
    ]
    chunks = [
        Chunk(
            document_id=doc.id,
            ordinal=i,
            text=f"{doc.title} part {i}",
            heading_path=[doc.title],
            heading=doc.title,
            token_count=3,
            embedding_model="minilm",
            embedding=[0.1] * 384,
        )
        for doc in docs
        for i in range(4)
    ]
    await content.add_chunks(session, chunks)
    handbook = [c.id for c in chunks if c.document_id == docs[1].id]
    topic = [handbook[1]]
    rows = await content.chunks_other_than(session, topic, 5)
    listed = [chunk.id for chunk, _, _ in rows]
    assert listed[:3] == [handbook[0], handbook[2], handbook[3]] or listed[:3] == [
        handbook[2],
        handbook[0],
        handbook[3],
    ]
    assert set(listed[3:]) <= {c.id for c in chunks if c.document_id == docs[0].id}


async def test_answer_recorded_once_and_cards_upsert(session: AsyncSession) -> None:
    lesson, _ = await _lesson(session)
    learner = await learners.create(session, name="Bo", email="bo@example.com")
    question_id = (await session.execute(select(Question.id))).scalars().first()
    delivery, created = await deliveries.claim(
        session,
        learner_id=learner.id,
        channel="slack",
        kind="lesson",
        idempotency_key=f"{learner.id}:lesson:2026-11-25",
        local_date=date(2026, 11, 25),
        lesson_id=lesson.id,
    )
    same, created_again = await deliveries.claim(
        session,
        learner_id=learner.id,
        channel="slack",
        kind="lesson",
        idempotency_key=f"{learner.id}:lesson:2026-11-25",
    )
    assert created and not created_again and same.id == delivery.id
    await deliveries.set_status(session, delivery.id, "sent", provider_message_id="1.2")
    assert (await deliveries.by_provider_id(session, "1.2")).id == delivery.id  # type: ignore[union-attr]

    answer = dict(
        learner_id=learner.id,
        question_id=question_id,
        delivery_id=delivery.id,
        chosen_option=1,
        correct=True,
        response_ms=1200,
        channel="slack",
    )
    assert await learning.record_response(session, **answer) is not None
    assert await learning.record_response(session, **answer) is None
    assert len(await learning.responses_for(session, learner.id)) == 1

    now = datetime.now(UTC)
    card = dict(
        learner_id=learner.id,
        question_id=question_id,
        topic_id=lesson.topic_id,
        state=1,
        step=0,
        stability=1.0,
        difficulty=5.0,
        due=now - timedelta(hours=1),
        reps=1,
        lapses=0,
    )
    await learning.save_card(session, **card)
    await learning.save_card(session, **{**card, "stability": 3.5, "reps": 2})
    [saved] = await learning.due_cards(session, learner.id, now)
    await session.refresh(saved)
    assert saved.stability == 3.5 and saved.reps == 2


async def test_event_dedup_and_audit(session: AsyncSession) -> None:
    assert await operations.first_sighting(session, "Ev1", timedelta(hours=1))
    assert not await operations.first_sighting(session, "Ev1", timedelta(hours=1))
    await operations.audit(session, actor="ops", action="learner.create", target="learner:1")
    await operations.record_llm_call(
        session,
        purpose="lesson",
        model="m",
        cached=False,
        prompt_tokens=10,
        completion_tokens=5,
        cost_usd=0.001,
    )
    rows = (await session.execute(text("SELECT actor, action FROM audit_log"))).all()
    assert ("ops", "learner.create") in [tuple(r) for r in rows]
