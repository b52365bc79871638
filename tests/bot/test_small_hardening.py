"""Smaller edges: a very long /learn, the request id on lines logged after the ack, and
one Redis warning a minute rather than one per click."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from bot.dedup import RedisDedup
from bot.handlers.common import SORRY
from bot.logging import configure_logging
from tests.bot.slack_harness import SlackHarness, fixture, form_body, slack_harness
from tests.support.fake_slack import FakeSlack


@pytest.fixture
async def slack(database_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackHarness]:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="America/Toronto")
    fake_slack.add_user("U200", name="Grace Hopper", tz="America/Toronto")
    async with slack_harness(database_url, fake_slack) as harness:
        yield harness


async def test_learn_with_ten_thousand_characters_gets_help_not_an_apology(
    slack: SlackHarness,
) -> None:
    assert (await slack.command("x" * 10_000)).status_code == 200
    reply = (await slack.fake.await_for("response_url.post"))[0]
    assert "/learn next" in json.dumps(reply) and "I don't know" in json.dumps(reply)
    assert SORRY not in json.dumps(slack.fake.payloads("chat.postMessage"))


async def test_lines_logged_after_the_ack_carry_their_own_request_id(
    slack: SlackHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", "json")
    for user, request_id in (("U100", "req-ada"), ("U200", "req-grace")):
        fields = {**fixture("slash_command_learn"), "text": "next", "user_id": user}
        fields["response_url"] = slack.fake.response_url(fields["channel_id"])
        response = await slack.post(
            form_body(fields), "application/x-www-form-urlencoded", **{"X-Request-Id": request_id}
        )
        assert response.headers["X-Request-Id"] == request_id
        await slack.fake.await_for("chat.postMessage", count=2 if user == "U100" else 4)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if "{" in line]
    enrolled = {
        line["learner_id"]: line["request_id"]
        for line in lines
        if line.get("event") == "slack.enrolled"
    }
    assert sorted(enrolled.values()) == ["req-ada", "req-grace"]


async def test_redis_down_is_one_warning_a_minute(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("INFO", "json")
    client = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    dedup = RedisDedup(client, prefix="bmo:test:small:")
    try:
        firsts = [await dedup.first(f"k{n % 50}", timedelta(minutes=1)) for n in range(200)]
    finally:
        await client.aclose()
    assert firsts.count(True) == 50  # still de-duplicated, in memory, while Redis is down
    warnings = [
        line for line in capsys.readouterr().err.splitlines() if "redis_unavailable" in line
    ]
    assert len(warnings) == 1
