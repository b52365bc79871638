"""Signed Slack requests through the real ASGI app, with a seeded track and a fake Slack."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from bot.server import build_app
from bot.settings import load_settings
from bot.wiring import Services, build_services
from storage.db import create_engine, session_factory
from storage.models import Lesson, Question, Topic
from storage.repositories import content
from tests.support.fake_slack import FakeSlack

SIGNING_SECRET = "test-signing-secret-0123456789"
FIXTURES = Path(__file__).parent / "fixtures"
TRACK = "business-credit-cards"


def fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return loaded


def signed_headers(
    body: str, secret: str = SIGNING_SECRET, at: int | None = None
) -> dict[str, str]:
    timestamp = str(at if at is not None else int(time.time()))
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


def form_body(fields: dict[str, Any]) -> str:
    return urlencode(fields)


def interactive_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


async def seed_track(session: AsyncSession, topics: int = 2) -> list[int]:
    """Topics with one ready offline lesson each (two questions); returns question ids."""
    question_ids = []
    for n in range(topics):
        topic = await content.add_topic(
            session, slug=f"topic-{n}", title=f"Annual fees {n}", track=TRACK, position=n
        )
        lesson = Lesson(
            topic_id=topic.id,
            cache_key=f"lesson:{topic.id}:d1:offline:seed",
            title=f"Annual fees, part {n + 1}",
            body="The annual fee is charged on the account anniversary.",
            key_points=["Charged once a year"],
            citations=[
                {
                    "chunk_id": 1,
                    "document_id": 1,
                    "document_title": "Card Basics",
                    "heading": "Fees",
                }
            ],
            generator="offline",
            source_hash="seed",
        )
        questions = [
            Question(
                stem="When is the annual fee charged?",
                options=["On the account anniversary", "Every month", "Never"],
                correct_option=0,
                explanation="It posts once a year, on the anniversary.",
                citation={"chunk_id": 1, "document_id": 1, "document_title": "Card Basics"},
            ),
            Question(
                stem="Can the fee be waived?",
                options=["Sometimes", "Never"],
                correct_option=0,
                explanation="Some cards waive it.",
            ),
        ]
        await content.add_lesson(session, lesson, questions)
        question_ids += [q.id for q in questions]
    assert isinstance(topic, Topic)
    return question_ids


@dataclass
class SlackHarness:
    client: httpx.AsyncClient
    fake: FakeSlack
    services: Services

    async def post(self, body: str, content_type: str, **headers: str) -> httpx.Response:
        all_headers = {"Content-Type": content_type, **signed_headers(body), **headers}
        return await self.client.post("/slack/events", content=body, headers=all_headers)

    async def command(self, text: str, user: str = "U100", **extra: Any) -> httpx.Response:
        fields = {**fixture("slash_command_learn"), "text": text, "user_id": user, **extra}
        fields["response_url"] = self.fake.response_url(fields["channel_id"])
        return await self.post(form_body(fields), "application/x-www-form-urlencoded")

    async def event(self, payload: dict[str, Any], **headers: str) -> httpx.Response:
        return await self.post(json.dumps(payload), "application/json", **headers)

    async def action(self, payload: dict[str, Any]) -> httpx.Response:
        return await self.post(interactive_body(payload), "application/x-www-form-urlencoded")


@asynccontextmanager
async def slack_harness(
    database_url: str, fake: FakeSlack, **settings: Any
) -> AsyncIterator[SlackHarness]:
    engine = create_engine(database_url)
    async with session_factory(engine)() as session, session.begin():
        await seed_track(session)
    await engine.dispose()
    config = load_settings(
        **{
            "database_url": database_url,
            "slack_bot_token": "xoxb-test-token",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake.base_url,
            "embeddings": "none",
            "redis_url": None,
            "_env_file": None,
            **settings,
        }
    )
    services = build_services(config, database_url)
    app = build_app(services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bmo.test") as client:
        try:
            yield SlackHarness(client, fake, services)
        finally:
            await services.aclose()
