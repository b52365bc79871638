"""The lesson -> quiz -> grade -> schedule loop on real Postgres rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating
from langgraph.checkpoint.memory import InMemorySaver
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from flows import loop, progress, review
from flows.next_topic import NextTopicContext, next_topics
from knowledge.lessons import LessonService
from knowledge.llm import LlmConfig
from storage.db import create_engine, session_factory
from storage.models import Question
from storage.repositories import learners, learning
from tests.flows import factories
from tests.knowledge import material
from tests.support.fake_openai import FakeOpenAI, json_reply

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
# Material with no figure, defined term or rule to ask about: the topic gets no quiz.
MANIFEST = [
    (
        "Manifest",
        "| file | bytes | sha256 |\n|---|---|---|\n| 01-card-basics.md | 1834 | 6f508ea1 |\n"
        "| 02-apr.md | 1720 | da406d29 |",
    )
]


def _deps(cur: factories.Curriculum) -> loop.LoopDeps:
    return loop.LoopDeps(lessons=factories.StoredLessons(cur), clock=lambda: NOW)


async def test_todays_lesson_carries_the_reason_and_the_first_question(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    sent = await factories.delivery(session, who.id)
    message = await loop.todays_lesson(session, _deps(cur), who, delivery_id=sent.id)
    assert message is not None
    assert (message.topic_slug, message.title) == ("card-basics", "Card basics in two minutes")
    assert message.reason == "Next up: Card basics, the next topic in your track."
    assert message.quiz is not None
    assert message.quiz.question_id == cur.questions["card-basics"][0].id
    assert (message.quiz.position, message.quiz.total, message.quiz.delivery_id) == (0, 3, sent.id)
    assert [o.label for o in message.quiz.options] == ["A", "B", "C", "D"]


async def test_a_paused_learner_gets_no_lesson_until_resumed(session: AsyncSession) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    await loop.set_paused(session, who, True)
    assert who.status == "paused"
    assert await loop.todays_lesson(session, _deps(cur), who) is None
    await loop.set_paused(session, who, False)
    assert await loop.todays_lesson(session, _deps(cur), who) is not None


async def test_answering_twice_records_once_and_shows_the_first_answer(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    sent = await factories.delivery(session, who.id)
    q = cur.questions["card-basics"][0]
    wrong = (q.correct_option + 1) % 4
    first = await loop.answer(session, who.id, q.id, q.correct_option, delivery_id=sent.id, now=NOW)
    again = await loop.answer(session, who.id, q.id, wrong, delivery_id=sent.id, now=NOW)
    assert first.correct and not first.already_answered
    assert again.already_answered and again.correct
    assert again.chosen_label == first.chosen_label == "ABCD"[q.correct_option]
    assert len(await learning.responses_for(session, who.id)) == 1
    [enrolment] = await learners.enrollments(session, who.id)
    assert (enrolment.questions_answered, enrolment.correct_answers) == (1, 1)
    card = await learning.card(session, who.id, q.id)
    assert card is not None and card.reps == 1


async def test_a_wrong_answer_brings_the_question_back_sooner_than_a_right_one(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    sent = await factories.delivery(session, who.id)
    right_q, wrong_q = cur.questions["card-basics"][:2]
    await loop.answer(
        session, who.id, right_q.id, right_q.correct_option, delivery_id=sent.id, now=NOW
    )
    feedback = await loop.answer(
        session,
        who.id,
        wrong_q.id,
        (wrong_q.correct_option + 1) % 4,
        delivery_id=sent.id,
        now=NOW,
    )
    assert not feedback.correct
    assert feedback.correct_label == "ABCD"[wrong_q.correct_option]
    assert feedback.explanation == "Because of Card basics rule 2."
    right_card = await learning.card(session, who.id, right_q.id)
    wrong_card = await learning.card(session, who.id, wrong_q.id)
    assert right_card is not None and wrong_card is not None
    assert wrong_card.due < right_card.due
    assert wrong_card.due - NOW <= timedelta(days=1)


async def test_the_lesson_walks_through_its_questions_then_offers_the_next_lesson(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    sent = await factories.delivery(session, who.id)
    qs = cur.questions["card-basics"]
    steps = [
        await loop.answer(session, who.id, q.id, q.correct_option, delivery_id=sent.id, now=NOW)
        for q in qs
    ]
    assert [s.next_quiz.question_id if s.next_quiz else None for s in steps] == [
        qs[1].id,
        qs[2].id,
        None,
    ]
    assert [s.lesson_complete for s in steps] == [False, False, True]
    assert steps[-1].mastery_percent == 100
    [enrolment] = await learners.enrollments(session, who.id)
    assert enrolment.lessons_completed == 1


async def test_response_time_is_measured_from_the_delivery_and_not_graded(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    quick, slow = (
        await factories.delivery(session, who.id),
        await factories.delivery(session, who.id),
    )
    quick.sent_at, slow.sent_at = NOW - timedelta(seconds=5), NOW - timedelta(hours=6)
    await session.flush()
    first, second = cur.questions["card-basics"][:2]
    await loop.answer(
        session, who.id, first.id, first.correct_option, delivery_id=quick.id, now=NOW
    )
    await loop.answer(
        session, who.id, second.id, second.correct_option, delivery_id=slow.id, now=NOW
    )
    timings = {r.question_id: r.response_ms for r in await learning.responses_for(session, who.id)}
    assert timings == {first.id: 5_000, second.id: 6 * 3_600_000}
    # Graded alike: a right answer is Good however long the learner took to open it.
    cards = {c.question_id: c for c in await learning.cards_for(session, who.id)}
    assert cards[first.id].stability == cards[second.id].stability


async def test_bad_answers_are_refused_with_a_reason(session: AsyncSession) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    q = cur.questions["apr"][0]
    with pytest.raises(loop.InvalidOption, match="not one of the 4 choices"):
        await loop.answer(session, who.id, q.id, 7)
    with pytest.raises(loop.UnknownQuestion):
        await loop.answer(session, who.id, 987654321, 0)
    assert await learning.responses_for(session, who.id) == []


async def test_progress_keeps_accuracy_and_completion_apart(session: AsyncSession) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    yesterday = await factories.delivery(session, who.id)
    today = await factories.delivery(session, who.id)
    qs = cur.questions["card-basics"]
    for q, right in zip(qs, (True, True, False), strict=True):
        chosen = q.correct_option if right else (q.correct_option + 1) % 4
        await loop.answer(session, who.id, q.id, chosen, delivery_id=yesterday.id, now=NOW)
    await loop.answer(session, who.id, cur.questions["apr"][0].id, 0, delivery_id=today.id, now=NOW)
    summary = await progress.summary(session, who, datetime.now(UTC))
    assert (summary.lessons_completed, summary.questions_answered) == (1, 4)
    assert summary.accuracy_percent == round(100 * summary.correct_answers / 4)
    assert summary.completion_rate_percent == 50  # one of two delivered lessons finished
    assert summary.streak_days == 1
    assert {t.slug for t in summary.topics} == {"card-basics", "apr"}
    assert summary.next_reviews and summary.next_reviews[0].topic_slug in {"card-basics", "apr"}


async def test_the_topic_list_shows_what_can_be_started(session: AsyncSession) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    listed = await progress.topic_status(session, who.id, NOW)
    assert [(t.slug, t.available, t.studied) for t in listed] == [
        ("card-basics", True, False),
        ("apr", False, False),
        ("rewards", False, False),
    ]


async def test_the_delivery_composer_commits_one_lesson_per_learner_and_day(
    database_url: str,
) -> None:
    engine = create_engine(database_url, pool_size=2)
    sessions = session_factory(engine)
    try:
        async with sessions() as session:
            cur = await factories.curriculum(session)
            who = await factories.learner(session, timezone="America/Toronto")
            sent = await factories.delivery(session, who.id)
            await session.commit()
        compose = loop.LoopComposer(sessions, _deps(cur))
        first = await compose(who.id, NOW.date(), sent.id)
        again = await compose(who.id, NOW.date(), sent.id)
        assert first is not None and again == first
        assert first.delivery_id == sent.id and first.quiz is not None
        assert await compose(987654, NOW.date(), sent.id) is None
    finally:
        await engine.dispose()


async def test_with_a_model_configured_the_agent_picks_and_explains_the_lesson(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.queue(json_reply({"topic": "card-basics", "reason": "Start with how cards work."}))
    deps = loop.loop_deps(
        factories.StoredLessons(cur),
        llm=LlmConfig(api_key="sk-test", base_url=fake_openai.base_url),
        checkpointer=InMemorySaver(),
    )
    message = await loop.todays_lesson(session, deps, who)
    assert message is not None
    assert (message.topic_slug, message.reason) == ("card-basics", "Start with how cards work.")


async def test_the_real_lesson_service_composes_todays_lesson_from_the_material(
    session: AsyncSession,
) -> None:
    topic = await material.topic(session, "Grace periods and interest")
    await material.document(session, material.GRACE, topic_id=topic.id)
    who = await factories.learner(session)
    deps = loop.LoopDeps(lessons=LessonService(), clock=lambda: NOW)
    message = await loop.todays_lesson(session, deps, who)
    assert message is not None and message.topic_slug == topic.slug
    assert message.citations and message.citations[0].document_title == "Card handbook"
    assert message.quiz is not None and len(message.quiz.options) >= 2
    feedback = await loop.answer(session, who.id, message.quiz.question_id, 0, now=NOW)
    assert feedback.explanation and not feedback.already_answered


async def test_a_review_asks_a_question_the_lesson_quiz_did_not(session: AsyncSession) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    asked = cur.questions["card-basics"][0]
    tuesday = NOW - timedelta(days=2)
    state = review.review(review.new_card(asked.id, asked.topic_id, tuesday), Rating.Again, tuesday)
    await learning.save_card(session, **review.row_fields(who.id, state))
    await learning.record_response(
        session,
        learner_id=who.id,
        question_id=asked.id,
        topic_id=asked.topic_id,
        chosen_option=(asked.correct_option + 1) % 4,
        correct=False,
        channel="slack",
        created_at=tuesday,
    )
    # Every other topic was learnt well yesterday: reviewing the missed one is what pays.
    for slug, questions in cur.questions.items():
        if slug != "card-basics":
            first = questions[0]
            good = review.review(
                review.new_card(first.id, first.topic_id, NOW - timedelta(days=1)),
                Rating.Good,
                NOW - timedelta(days=1),
            )
            await learning.save_card(session, **review.row_fields(who.id, good))
    message = await loop.todays_lesson(session, _deps(cur), who)
    assert message is not None and message.topic_slug == "card-basics"
    assert message.reason.startswith("A review of Card basics")
    assert message.quiz is not None
    assert message.quiz.question_id != asked.id
    assert message.quiz.question_id in {q.id for q in cur.questions["card-basics"]}


async def test_a_lesson_without_a_quiz_is_not_sent_and_the_next_candidate_is(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    first = await loop.todays_lesson(session, loop.LoopDeps(factories.StoredLessons(cur)), who)
    assert first is not None
    ids = [q.id for q in cur.questions[first.topic_slug]]
    await session.execute(delete(Question).where(Question.id.in_(ids)))
    session.expunge_all()
    message = await loop.todays_lesson(session, _deps(cur), who)
    assert message is not None and message.topic_slug != first.topic_slug
    assert message.quiz is not None
    assert message.quiz.question_id in {q.id for q in cur.questions[message.topic_slug]}


async def test_a_topic_the_material_cannot_quiz_gives_way_to_the_next_topic(
    session: AsyncSession,
) -> None:
    manifest = await material.topic(session, "Document manifest")
    await material.document(session, MANIFEST, title="Manifest", topic_id=manifest.id)
    grace = await material.topic(session, "Grace periods and interest")
    await material.document(session, material.GRACE, topic_id=grace.id)
    who = await factories.learner(session)
    deps = loop.LoopDeps(lessons=LessonService(), clock=lambda: NOW)
    # The policy's first pick is the manifest (first in the track), which has no quiz.
    plans = await next_topics(deps.graph, NextTopicContext(session, NOW), who.id, NOW.date())
    assert [p["topic"] for p in plans] == [manifest.slug, grace.slug]
    message = await loop.todays_lesson(session, deps, who)
    assert message is not None and message.topic_slug == grace.slug
    assert message.quiz is not None


async def test_with_no_candidate_or_no_sendable_topic_nothing_is_sent(
    session: AsyncSession,
) -> None:
    who = await factories.learner(session)
    deps = loop.LoopDeps(lessons=LessonService(), clock=lambda: NOW)
    assert await loop.todays_lesson(session, deps, who) is None  # an empty curriculum
    manifest = await material.topic(session, "Document manifest")
    await material.document(session, MANIFEST, title="Manifest", topic_id=manifest.id)
    await material.topic(session, "A topic with no material")
    assert await loop.todays_lesson(session, deps, who) is None
