"""Every kind of outbound message leaves through the one pipeline: an attempt interrupted
after Slack took the message is found again and recorded, never sent a second time; an
admin enrolment is welcomed once; a permanent failure falls through the learner's order."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select, update

from delivery import outbox
from delivery.compose import StoredLessonComposer
from delivery.nudges import send_nudge
from delivery.pacing import LocalPacer
from delivery.replies import SlackReplies
from delivery.runtime import DeliveryRuntime
from delivery.welcome import send_welcome
from delivery.worker import deliver_lesson
from storage.db import transaction
from storage.models import Delivery, Learner
from storage.repositories.outbound import lesson_key, nudge_key, reply_key, welcome_key
from tests.admin_api.conftest import ADMIN, admin_config, bearer
from tests.delivery.support import TODAY, World, runtime_for, seed, wait_until_final, workers
from tests.support.fake_slack import FakeSlack

Resend = Callable[[DeliveryRuntime, World, int], Awaitable[str]]


async def _lesson(runtime: DeliveryRuntime, world: World, learner_id: int) -> str:
    return await deliver_lesson(runtime, learner_id, TODAY)


async def _nudge(runtime: DeliveryRuntime, world: World, learner_id: int) -> str:
    async with world.sessions() as session:
        lesson = await session.scalar(
            select(Delivery).where(Delivery.kind == "lesson", Delivery.learner_id == learner_id)
        )
    assert lesson is not None
    return await send_nudge(runtime, learner_id, lesson.id, TODAY)


async def _welcome(runtime: DeliveryRuntime, world: World, learner_id: int) -> str:
    return await send_welcome(runtime, learner_id, "business-credit-cards")


async def _reply(runtime: DeliveryRuntime, world: World, learner_id: int) -> str:
    assert runtime.slack is not None
    composed = await StoredLessonComposer(world.sessions, world.lesson_id)(learner_id, TODAY, 0)
    assert composed is not None
    replies = SlackReplies(runtime, LocalPacer(60_000))
    client = AsyncWebClient(token="xoxb-test", base_url=runtime.slack.client.base_url)
    return await replies.lesson(client, learner_id, composed, "1764100000.000100:1")


KINDS: dict[str, tuple[Callable[[World, int], str], Resend]] = {
    "lesson": (lambda world, learner: lesson_key(learner, TODAY), _lesson),
    "nudge": (lambda world, learner: nudge_key(learner, TODAY), _nudge),
    "welcome": (lambda world, learner: welcome_key(learner), _welcome),
    "reply": (
        lambda world, learner: reply_key(learner, world.lesson_id, "1764100000.000100:1"),
        _reply,
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
async def test_an_interrupted_attempt_is_reconciled_not_sent_again(
    kind: str, database_url: str, fake_slack: FakeSlack
) -> None:
    world = await seed(database_url, 1)
    runtime = runtime_for(world, fake_slack)
    learner_id = world.learner_ids[0]
    key_of, resend = KINDS[kind]
    try:
        if kind == "nudge":  # a nudge follows a lesson sent hours ago and not answered
            assert await deliver_lesson(runtime, learner_id, TODAY) == "sent"
            async with transaction(world.sessions) as session:
                await session.execute(
                    update(Delivery).values(sent_at=datetime.now(UTC) - timedelta(hours=5))
                )
        before = fake_slack.count("chat.postMessage")
        # A first attempt: claimed, marked sending, posted to Slack, then the worker died.
        delivery_id, attempt, _ = await outbox.start(
            world.sessions,
            learner_id=learner_id,
            kind=kind,
            key=key_of(world, learner_id),
            local_date=None,
        )
        assert attempt is not None and not attempt.interrupted
        assert runtime.slack is not None
        posted = await runtime.slack.post("T1", "D000000", delivery_id, text="first attempt")

        assert await resend(runtime, world, learner_id) == "reconciled"
        assert await resend(runtime, world, learner_id) == "already_done"
        assert fake_slack.count("chat.postMessage") == before + 1
        async with world.sessions() as session:
            row = await session.get(Delivery, delivery_id)
        assert row is not None and (row.status, row.kind) == ("sent", kind)
        assert row.provider_message_id == posted.ts and row.attempts == 2
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_learner_created_by_an_admin_is_welcomed_once(
    database_url: str, fake_slack: FakeSlack, tmp_path: object
) -> None:
    import httpx
    from starlette.applications import Starlette

    from admin_api.deps import AdminServices
    from admin_api.routes import admin_routes

    world = await seed(database_url, 0)
    runtime = runtime_for(world, fake_slack)
    services = AdminServices(
        config=admin_config(tmp_path / "documents", database_url=database_url),  # type: ignore[operator]
        sessions=world.sessions,
    )
    transport = httpx.ASGITransport(app=Starlette(routes=admin_routes(services)))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://admin.test") as client:
            body = {"name": "Grace Hopper", "slack_user_id": "U0GRACE", "track": "apr-basics"}
            created = await client.post("/api/v1/learners", json=body, headers=bearer(ADMIN))
            assert created.status_code == 201, created.text
            learner_id = created.json()["id"]
            enrolled = await client.post(
                f"/api/v1/learners/{learner_id}/enrollments",
                json={"track": "card-fees"},
                headers=bearer(ADMIN),
            )
            assert enrolled.status_code in (200, 201), enrolled.text
            ordered = await client.patch(
                f"/api/v1/learners/{learner_id}",
                json={"channel_order": "slack,email"},
                headers=bearer(ADMIN),
            )
            assert ordered.status_code == 200 and ordered.json()["channel_order"] == "slack,email"
            for bad in ("fax", "slack,,sms", "slack,sms,email,slack"):
                refused = await client.patch(
                    f"/api/v1/learners/{learner_id}",
                    json={"channel_order": bad},
                    headers=bearer(ADMIN),
                )
                assert refused.status_code == 422, bad
        async with workers(database_url, runtime, count=1):
            welcome = await fake_slack.await_for("chat.postMessage", within=30)
        assert "Welcome, Grace Hopper" in str(welcome[0]["blocks"])
        assert "Apr basics" in str(welcome[0]["blocks"])
        async with world.sessions() as session:
            rows = list(
                (
                    await session.execute(select(Delivery).where(Delivery.kind == "welcome"))
                ).scalars()
            )
        assert [(r.learner_id, r.status) for r in rows] == [(learner_id, "sent")]
        assert fake_slack.count("chat.postMessage") == 1
    finally:
        await services.aclose()
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_permanent_failure_falls_through_the_learners_own_order(
    database_url: str, fake_slack: FakeSlack
) -> None:
    world = await seed(database_url, 1)
    runtime = runtime_for(world, fake_slack)
    learner_id = world.learner_ids[0]
    try:
        async with transaction(world.sessions) as session:
            await session.execute(
                update(Learner).where(Learner.id == learner_id).values(channel_order="sms,slack")
            )
        # No SMS sender is configured: the order skips SMS and Slack takes the lesson.
        assert await deliver_lesson(runtime, learner_id, TODAY) == "sent"
        async with transaction(world.sessions) as session:
            await session.execute(
                update(Learner).where(Learner.id == learner_id).values(channel_order="email")
            )
        tomorrow = TODAY + timedelta(days=1)
        assert await deliver_lesson(runtime, learner_id, tomorrow) == "failed"
        rows = await wait_until_final(world, 2)
        by_day = {r.local_date: r for r in rows}
        assert by_day[TODAY].channel == "slack" and by_day[TODAY].status == "sent"
        assert (by_day[tomorrow].error or "").startswith("no_channel")
        assert fake_slack.count("chat.postMessage") == 1
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_welcome_no_channel_can_carry_is_skipped_not_counted_as_a_failure(
    database_url: str, fake_slack: FakeSlack
) -> None:
    world = await seed(database_url, 1)
    runtime = runtime_for(world, fake_slack)
    learner_id = world.learner_ids[0]
    try:
        async with transaction(world.sessions) as session:
            await session.execute(
                update(Learner).where(Learner.id == learner_id).values(slack_user_id=None)
            )
        assert await send_welcome(runtime, learner_id, None) == "skipped"
        assert await deliver_lesson(runtime, learner_id, TODAY) == "failed"
        assert fake_slack.count("chat.postMessage") == 0
    finally:
        await runtime.aclose()
        await world.engine.dispose()
