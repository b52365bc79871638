"""The next-topic graph: policy path (equal to flows.policy.choose), agent path through the
LLM gateway against a local fake server, choices bounded by the policy, time-outs, and the
durable Postgres thread."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows import policy, review
from flows.checkpoint import postgres_checkpointer
from flows.next_topic import Graph, NextTopicContext, build_graph, next_topic, thread_id
from flows.next_topic.agent import LlmTopicAgent
from knowledge.llm import LlmConfig
from storage.db import create_engine, session_factory
from storage.models import LlmCall
from storage.repositories import learning
from tests.flows import factories
from tests.support.fake_openai import FakeOpenAI, json_reply

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)  # a Thursday
TODAY = date(2026, 3, 12)


async def _answered(
    session: AsyncSession,
    learner_id: int,
    cur: factories.Curriculum,
    slug: str,
    right: bool,
    at: datetime,
) -> None:
    for q in cur.questions[slug]:
        state = review.new_card(q.id, q.topic_id, at)
        state = review.review(state, review.rating_for(right), at)
        await learning.save_card(session, **review.row_fields(learner_id, state))
        await learning.record_response(
            session,
            learner_id=learner_id,
            question_id=q.id,
            topic_id=q.topic_id,
            chosen_option=q.correct_option if right else (q.correct_option + 1) % 4,
            correct=right,
            channel="slack",
            created_at=at,
        )


def _agent(fake: FakeOpenAI, timeout: float = 5.0) -> LlmTopicAgent:
    return LlmTopicAgent(LlmConfig(api_key="sk-test", base_url=fake.base_url, timeout=timeout))


async def test_a_new_learner_starts_with_the_topic_that_has_no_prerequisites(
    session: AsyncSession,
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    graph = build_graph(InMemorySaver())
    plan = await next_topic(graph, NextTopicContext(session, NOW), who.id, TODAY)
    assert plan is not None
    assert (plan["topic"], plan["kind"], plan["source"]) == ("card-basics", "new", "policy")
    assert plan["reason"] == "Next up: Card basics, the next topic in your track."


async def test_asking_twice_the_same_day_gives_the_same_lesson_not_a_second_one(
    session: AsyncSession,
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    graph = build_graph(InMemorySaver())
    first = await next_topic(graph, NextTopicContext(session, NOW), who.id, TODAY)
    again = await next_topic(graph, NextTopicContext(session, NOW), who.id, TODAY)
    tomorrow = await next_topic(
        graph, NextTopicContext(session, NOW + timedelta(days=1)), who.id, TODAY + timedelta(days=1)
    )
    assert again == first
    assert tomorrow is not None and tomorrow["local_date"] == "2026-03-13"


async def test_a_missed_topic_comes_back_as_a_review_that_says_when_it_was_missed(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    tuesday = NOW - timedelta(days=2)
    await _answered(session, who.id, cur, "card-basics", right=False, at=tuesday)
    for slug in ("apr", "rewards"):
        await _answered(session, who.id, cur, slug, right=True, at=tuesday)
    plan = await next_topic(build_graph(), NextTopicContext(session, NOW), who.id, TODAY)
    assert plan is not None
    assert (plan["topic"], plan["kind"]) == ("card-basics", "review")
    assert plan["reason"] == "A review of Card basics: you missed it on Tuesday."


async def test_the_missed_day_is_named_in_the_learners_own_time_zone(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session, timezone="Asia/Tokyo")
    late_tuesday_utc = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # Wednesday morning in Tokyo
    await _answered(session, who.id, cur, "card-basics", right=False, at=late_tuesday_utc)
    for slug in ("apr", "rewards"):
        await _answered(session, who.id, cur, slug, right=True, at=late_tuesday_utc)
    plan = await next_topic(build_graph(), NextTopicContext(session, NOW), who.id, TODAY)
    assert plan is not None
    assert plan["reason"] == "A review of Card basics: you missed it on Wednesday."


async def test_a_mastered_prerequisite_unlocks_the_next_topic(session: AsyncSession) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    await _answered(session, who.id, cur, "card-basics", right=True, at=NOW - timedelta(hours=20))
    plan = await next_topic(build_graph(), NextTopicContext(session, NOW), who.id, TODAY)
    assert plan is not None
    assert (plan["topic"], plan["kind"]) == ("apr", "new")
    assert plan["reason"] == "Next up: APR, now that you know Card basics."


async def _choices(graph: Graph, learner_id: int) -> list[str]:
    """The topics the agent was offered on the learner's last run."""
    state = await graph.aget_state({"configurable": {"thread_id": thread_id(learner_id)}})
    ranked = state.values["candidates"]
    return [c["topic"] for c in ranked[: policy.top_choices([c["score"] for c in ranked])]]


async def test_the_agents_choice_among_the_best_is_taught_with_its_reason(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    await _answered(session, who.id, cur, "card-basics", right=True, at=NOW - timedelta(hours=20))
    fake_openai.queue(json_reply({"topic": "rewards", "reason": "Rewards build on what you know."}))
    graph = build_graph(InMemorySaver())
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai))
    plan = await next_topic(graph, ctx, who.id, TODAY)
    assert "rewards" in await _choices(graph, who.id)
    assert plan is not None
    assert (plan["topic"], plan["kind"], plan["source"]) == ("rewards", "new", "agent")
    assert plan["reason"] == "Rewards build on what you know."
    # One call, through the gateway: accounted for like every other LLM call.
    assert len(fake_openai.bodies("/chat/completions")) == 1
    purposes = (await session.execute(select(LlmCall.purpose))).scalars().all()
    assert purposes == ["next_topic"]


async def test_the_agent_is_offered_only_the_policys_best_topics(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.queue(json_reply({"topic": "card-basics", "reason": "Start here."}))
    graph = build_graph(InMemorySaver())
    plan = await next_topic(
        graph, NextTopicContext(session, NOW, agent=_agent(fake_openai)), who.id, TODAY
    )
    assert await _choices(graph, who.id) == ["card-basics"]
    assert plan is not None and (plan["source"], plan["reason"]) == ("agent", "Start here.")
    sent = fake_openai.all_text_sent()
    assert "card-basics" in sent and "apr" not in sent and "rewards" not in sent


@pytest.mark.parametrize("pick", ["card-basics", "apr", "rewards", "crypto"])
async def test_any_choice_of_the_agent_stays_within_the_policys_best(
    session: AsyncSession, fake_openai: FakeOpenAI, pick: str
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    await _answered(session, who.id, cur, "card-basics", right=False, at=NOW - timedelta(days=2))
    fake_openai.queue(json_reply({"topic": pick, "reason": "My pick."}))
    graph = build_graph(InMemorySaver())
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai))
    plan = await next_topic(graph, ctx, who.id, TODAY)
    choices = await _choices(graph, who.id)
    assert plan is not None and plan["topic"] in choices
    if pick in choices:
        assert (plan["topic"], plan["source"], plan["reason"]) == (pick, "agent", "My pick.")
    else:
        # Rejected: the policy's own pick and reason instead.
        assert (plan["topic"], plan["source"]) == (choices[0], "policy")
        state = await graph.aget_state({"configurable": {"thread_id": thread_id(who.id)}})
        assert pick in state.values["rejection"]


async def test_without_an_agent_the_graph_teaches_exactly_the_policys_choice(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    await _answered(session, who.id, cur, "card-basics", right=False, at=NOW - timedelta(days=3))
    await _answered(session, who.id, cur, "apr", right=True, at=NOW - timedelta(days=1))
    plan = await next_topic(build_graph(), NextTopicContext(session, NOW), who.id, TODAY)
    # The same choice from plain values, no database: topics, cards, answers, the clock.
    topics = [
        policy.TopicInfo(t.id, t.slug, t.title, tuple(t.prerequisites), t.position)
        for t in cur.topics.values()
    ]
    cards = [review.from_row(c) for c in await learning.cards_for(session, who.id)]
    answers = [
        policy.Answer(q, t, right, at)
        for q, t, right, at in await learning.recent_answers(session, who.id)
    ]
    missed = await learning.last_missed(session, who.id)
    pick = policy.choose(policy.Snapshot(topics, cards, NOW, missed, answers))
    assert pick is not None and plan is not None
    assert (plan["topic"], plan["kind"], plan["reason"]) == (
        pick.topic.slug,
        pick.kind,
        pick.reason,
    )


async def test_a_learner_who_studied_every_topic_today_still_gets_a_lesson(
    session: AsyncSession,
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    for slug in cur.topics:
        await _answered(session, who.id, cur, slug, right=True, at=NOW - timedelta(hours=1))
    plan = await next_topic(build_graph(), NextTopicContext(session, NOW), who.id, TODAY)
    assert plan is not None and plan["kind"] == "review"


async def test_an_empty_curriculum_plans_nothing(session: AsyncSession) -> None:
    who = await factories.learner(session)
    assert await next_topic(build_graph(), NextTopicContext(session, NOW), who.id, TODAY) is None


async def test_a_slow_agent_times_out_and_the_learner_still_gets_a_lesson(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.delay_seconds = 2.0
    fake_openai.queue(json_reply({"topic": "card-basics", "reason": "Late."}))
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai), agent_timeout=0.3)
    started = datetime.now(UTC)
    plan = await next_topic(build_graph(), ctx, who.id, TODAY)
    assert (datetime.now(UTC) - started).total_seconds() < 1.5
    assert plan is not None and (plan["topic"], plan["source"]) == ("card-basics", "policy")


async def test_the_plan_history_survives_a_restart_with_the_postgres_saver(
    database_url: str,
) -> None:
    engine = create_engine(database_url, pool_size=2)
    try:
        async with session_factory(engine)() as session:
            await factories.curriculum(session)
            who = await factories.learner(session)
            await session.commit()
            async with postgres_checkpointer(database_url) as saver:
                first = await next_topic(
                    build_graph(saver), NextTopicContext(session, NOW), who.id, TODAY
                )
        # A new process: a new connection, a new graph.
        async with (
            session_factory(engine)() as session,
            postgres_checkpointer(database_url) as saver,
        ):
            graph = build_graph(saver)
            config = {"configurable": {"thread_id": thread_id(who.id)}}
            stored = await graph.aget_state(config)  # type: ignore[arg-type]
            assert stored.values["history"] == [first]
            again = await next_topic(graph, NextTopicContext(session, NOW), who.id, TODAY)
        assert first is not None and again == first
    finally:
        await engine.dispose()
