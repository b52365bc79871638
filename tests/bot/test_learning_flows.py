"""The Slack surface and the delivery worker run the same learning flows, on the Postgres
checkpointer: the tutor remembers a learner's thread and today's plan is shared."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.delivery_wiring import build_delivery_runtime
from bot.learning_wiring import durable_flows
from bot.wiring import build_services
from flows.loop import local_date
from storage.db import create_engine, session_factory
from storage.models import Learner
from tests.bot.slack_harness import SlackHarness, fixture, slack_harness
from tests.bot.test_slack_app import click_on, lesson_in_dm
from tests.knowledge import material
from tests.support.fake_openai import FakeOpenAI, text_reply
from tests.support.fake_slack import FakeSlack


async def seed_material(database_url: str) -> None:
    engine = create_engine(database_url)
    async with session_factory(engine)() as session, session.begin():
        await material.document(session, material.GRACE, title="Card handbook")
    await engine.dispose()


async def dm(slack: SlackHarness, text: str, n: int) -> None:
    event = fixture("message_im")
    event["event_id"] = f"Ev0TUTOR{n}"
    event["event"]["text"] = text
    event["event"]["ts"] = event["event"]["event_ts"] = f"1764100100.00000{n}"
    assert (await slack.event(event)).status_code == 200


async def test_the_slack_tutor_remembers_the_thread_when_the_checkpointer_reopens(
    database_url: str, fake_slack: FakeSlack, fake_openai: FakeOpenAI
) -> None:
    fake_slack.add_user("U100", name="Ada Lovelace")
    await seed_material(database_url)
    fake_openai.queue(
        text_reply("It lasts at least 21 days [1]."),
        text_reply("Interest accrues on the remaining balance [1]."),
    )
    llm = {"openai_api_key": "sk-test", "openai_base_url": fake_openai.base_url}
    async with slack_harness(database_url, fake_slack, **llm) as slack:
        async with durable_flows(slack.services):
            await dm(slack, "How long is the grace period?", 1)
            await slack.fake.await_for("chat.postMessage", count=2)  # welcome + answer
        async with durable_flows(slack.services):  # a new connection, a new graph
            await dm(slack, "What if I pay only part of the statement balance?", 2)
            posts = await slack.fake.await_for("chat.postMessage", count=3)
    assert "Interest accrues on the remaining balance" in json.dumps(posts[-1]["blocks"])
    assert "Card handbook" in json.dumps(posts[-1]["blocks"])  # cited
    second = fake_openai.bodies("/chat/completions")[-1]
    assert "How long is the grace period?" in str(second["messages"])
    assert "It lasts at least 21 days" in str(second["messages"])


async def test_the_slack_tutor_searches_by_meaning_with_the_configured_embeddings(
    database_url: str, fake_slack: FakeSlack, fake_openai: FakeOpenAI
) -> None:
    fake_slack.add_user("U100", name="Ada Lovelace")
    await seed_material(database_url)
    fake_openai.queue(text_reply("It lasts at least 21 days [1]."))
    settings = {
        "openai_api_key": "sk-test",
        "openai_base_url": fake_openai.base_url,
        "embeddings": "openai",
    }
    async with slack_harness(database_url, fake_slack, **settings) as slack:
        await dm(slack, "How long is the grace period? Call me on 415-555-0199.", 1)
        posts = await slack.fake.await_for("chat.postMessage", count=2)  # welcome + answer
    assert "It lasts at least 21 days" in json.dumps(posts[-1]["blocks"])
    # The question was embedded for the search, its phone number redacted first.
    embedded = json.dumps(fake_openai.bodies("/embeddings"))
    assert "How long is the grace period?" in embedded
    assert "415-555-0199" not in fake_openai.all_text_sent()


async def test_the_worker_pushes_the_lesson_planned_today_in_slack(
    database_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("U100", name="Ada Lovelace")
    async with slack_harness(database_url, fake_slack) as slack:
        async with durable_flows(slack.services):
            lesson = await lesson_in_dm(slack)
            ts = slack.fake.messages[-1].ts
            await slack.action(click_on(lesson, ts, option=0))
            update = (await slack.fake.await_for("chat.update"))[-1]
            await slack.action(click_on(update, ts, option=0))
            await slack.fake.await_for("chat.update", count=2)
        async with slack.services.sessions() as session:
            learner = (await session.execute(select(Learner))).scalar_one()
        # A separate worker process: its own services, the same checkpointed plan, even
        # though the finished topic would no longer be the policy's first choice.
        worker = build_services(slack.services.settings, database_url)
        try:
            async with durable_flows(worker):
                compose = build_delivery_runtime(worker.settings, worker).compose
                today = local_date(learner, datetime.now(UTC))
                pushed = await compose(learner.id, today, 1)
        finally:
            await worker.aclose()
    assert pushed is not None
    assert pushed.title == lesson["blocks"][0]["text"]["text"]
    assert pushed.quiz is not None and pushed.quiz.delivery_id == 1
