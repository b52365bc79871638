"""Slack retries recorded once, the app serving with Redis down, and forged Twilio webhooks
refused with nothing recorded."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from storage.models import Learner
from tests.bot.slack_harness import signed_headers
from tests.security.app import ADMIN_HEADERS, SIGNING_SECRET, Surface, twilio_signature, whole_app
from tests.support.fake_slack import FakeSlack

CLOSED_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def dm_event(event_id: str, text_: str = "How is the annual fee charged?") -> dict[str, object]:
    return {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": event_id,
        "event_time": 1_780_000_000,
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D100",
            "user": "U100",
            "text": text_,
            "ts": "1780000000.000100",
        },
    }


async def post_event(surface: Surface, payload: dict[str, object], retry: int | None) -> int:
    body = json.dumps(payload)
    headers = {"Content-Type": "application/json", **signed_headers(body, SIGNING_SECRET)}
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    response = await surface.client.post("/slack/events", content=body, headers=headers)
    return response.status_code


@pytest.fixture
async def surface(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> AsyncIterator[Surface]:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="UTC")
    async with whole_app(database_url, fake_slack, tmp_path) as app:
        yield app


async def test_slack_retries_of_an_event_are_answered_once(
    surface: Surface, fake_slack: FakeSlack
) -> None:
    statuses = [await post_event(surface, dm_event("Ev-retry-1"), retry) for retry in (None, 1, 2)]
    assert statuses == [200, 200, 200]  # Slack stops retrying once it gets a 200
    await fake_slack.await_for("chat.postMessage", count=1, within=20)
    await asyncio.sleep(0.5)
    replies = [p for p in fake_slack.payloads("chat.postMessage") if p.get("thread_ts")]
    assert len(replies) == 1
    async with surface.services.sessions() as session:
        seen = await session.scalar(
            text("SELECT count(*) FROM slack_events_seen WHERE key LIKE '%Ev-retry-1%'")
        )
    assert seen == 1


async def test_with_redis_down_the_admin_api_and_slack_keep_serving(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="UTC")
    async with whole_app(database_url, fake_slack, tmp_path, redis_url=CLOSED_REDIS) as app:
        status = await app.client.get("/api/v1/status", headers=ADMIN_HEADERS)
        assert status.status_code == 200, status.text
        created = await app.client.post(
            "/api/v1/learners",
            json={"name": "Grace Hopper", "email": "grace@example.com", "timezone": "UTC"},
            headers=ADMIN_HEADERS,
        )
        assert created.status_code == 201, created.text
        assert await post_event(app, dm_event("Ev-redis-down"), None) == 200
        assert await post_event(app, dm_event("Ev-redis-down"), 1) == 200
        await fake_slack.await_for("chat.postMessage", count=1, within=20)
        await asyncio.sleep(0.5)
        replies = [p for p in fake_slack.payloads("chat.postMessage") if p.get("thread_ts")]
        assert len(replies) == 1  # de-duplication still holds without Redis
        assert (await app.client.get("/ready")).status_code == 200


async def test_forged_twilio_webhooks_get_403_and_change_nothing(surface: Surface) -> None:
    async with surface.services.sessions() as session, session.begin():
        session.add(
            Learner(name="Sam", email="sam@example.com", phone="+15551230000", timezone="UTC")
        )
    form = {"From": "+15551230000", "To": "+15550000000", "Body": "STOP", "MessageSid": "SM1"}
    for headers in (
        {},
        {"X-Twilio-Signature": "forged"},
        {"X-Twilio-Signature": twilio_signature("/sms/inbound", form, token="wrong-token")},
        {"X-Twilio-Signature": twilio_signature("/sms/status", form)},  # signed for another URL
    ):
        response = await surface.client.post("/sms/inbound", data=form, headers=headers)
        assert response.status_code == 403, response.text
        status = await surface.client.post(
            "/sms/status", data={"MessageSid": "SM1", "MessageStatus": "failed"}, headers=headers
        )
        assert status.status_code == 403
    async with surface.services.sessions() as session:
        learner = (await session.execute(select(Learner))).scalar_one()
        assert not learner.sms_opted_out
        audit = await session.scalar(text("SELECT count(*) FROM audit_log"))
    assert audit == 0
    # The same STOP, correctly signed, is honoured: the refusal above was the signature.
    signed = {"X-Twilio-Signature": twilio_signature("/sms/inbound", form)}
    response = await surface.client.post("/sms/inbound", data=form, headers=signed)
    assert response.status_code == 200
    async with surface.services.sessions() as session:
        assert (await session.execute(select(Learner.sms_opted_out))).scalar_one()
        assert await session.scalar(select(func.count()).select_from(Learner)) == 1
