"""The next-topic graph: policy path, agent path through the real OpenAI client against a
local fake server, validation fallbacks, time-outs, and the durable Postgres thread."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from langgraph.checkpoint.memory import InMemorySaver
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows import review
from flows.checkpoint import postgres_checkpointer
from flows.next_topic import NextTopicContext, build_graph, next_topic, thread_id
from flows.next_topic.agent import LlmTopicAgent
from knowledge.llm import LlmConfig
from storage.db import create_engine, session_factory
from storage.models import LlmCall
from storage.repositories import learning
from tests.flows import factories
from tests.support.fake_openai import FakeOpenAI, json_reply, tool_call_reply

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


async def test_the_agent_reads_its_tools_and_its_choice_is_taught(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    await _answered(session, who.id, cur, "card-basics", right=True, at=NOW - timedelta(hours=20))
    fake_openai.queue(
        tool_call_reply("topic_catalogue", {}),
        tool_call_reply(
            "choose_topic",
            {"topic": "rewards", "kind": "new", "reason": "Rewards build on what you know."},
        ),
    )
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai))
    plan = await next_topic(build_graph(), ctx, who.id, TODAY)
    assert plan is not None
    assert (plan["topic"], plan["source"]) == ("rewards", "agent")
    assert plan["reason"] == "Rewards build on what you know."
    # The second request carried the catalogue the tool returned.
    bodies = fake_openai.bodies("/chat/completions")
    assert len(bodies) == 2
    assert "apr" in str(bodies[1]["messages"][-1]["content"])
    assert any(t["function"]["name"] == "choose_topic" for t in bodies[0]["tools"])
    # Both calls are accounted for like every other LLM call.
    purposes = (await session.execute(select(LlmCall.purpose))).scalars().all()
    assert purposes == ["next_topic", "next_topic"]


async def test_an_agent_answer_in_json_text_is_accepted(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.queue(json_reply({"topic": "card-basics", "kind": "new", "reason": "Start here."}))
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai))
    plan = await next_topic(build_graph(), ctx, who.id, TODAY)
    assert plan is not None and (plan["source"], plan["reason"]) == ("agent", "Start here.")


async def test_an_unknown_topic_from_the_agent_falls_back_to_the_policy(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.queue(
        tool_call_reply("choose_topic", {"topic": "crypto", "kind": "new", "reason": "Fun!"})
    )
    graph = build_graph(InMemorySaver())
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai))
    plan = await next_topic(graph, ctx, who.id, TODAY)
    assert plan is not None
    assert (plan["topic"], plan["source"]) == ("card-basics", "policy")
    state = await graph.aget_state({"configurable": {"thread_id": thread_id(who.id)}})
    assert state.values["rejection"] == "unknown topic 'crypto'"


async def test_an_agent_skipping_prerequisites_falls_back_to_the_policy(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.queue(
        tool_call_reply("choose_topic", {"topic": "apr", "kind": "new", "reason": "APR now."})
    )
    ctx = NextTopicContext(session, NOW, agent=_agent(fake_openai))
    plan = await next_topic(build_graph(), ctx, who.id, TODAY)
    assert plan is not None and (plan["topic"], plan["source"]) == ("card-basics", "policy")


async def test_a_slow_agent_times_out_and_the_learner_still_gets_a_lesson(
    session: AsyncSession, fake_openai: FakeOpenAI
) -> None:
    await factories.curriculum(session)
    who = await factories.learner(session)
    fake_openai.delay_seconds = 2.0
    fake_openai.queue(
        tool_call_reply("choose_topic", {"topic": "rewards", "kind": "new", "reason": "Late."})
    )
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
