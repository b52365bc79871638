"""The fake Slack Web API answers the real AsyncWebClient and fails when told to."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.support.fake_slack import FakeSlack


async def test_posts_updates_and_user_lookups_reach_the_fake(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("U1", tz="Europe/Paris")
    client = AsyncWebClient(token="xoxb-test", base_url=fake_slack.base_url)
    posted = await client.chat_postMessage(channel="D1", text="hello", blocks=[])
    await client.chat_update(channel="D1", ts=posted["ts"], text="edited", blocks=[])
    user = await client.users_info(user="U1")
    assert user["user"]["tz"] == "Europe/Paris"
    assert fake_slack.count("chat.postMessage") == 1
    assert fake_slack.messages[0].text == "edited"
    opened = await client.conversations_open(users="U1")
    assert opened["channel"]["id"] == "D1"


async def test_scripted_rate_limit_then_success(fake_slack: FakeSlack) -> None:
    client = AsyncWebClient(token="xoxb-test", base_url=fake_slack.base_url)
    fake_slack.rate_limit_next("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="D1", text="x")
    assert caught.value.response.status_code == 429
    assert caught.value.response.headers["Retry-After"] == "7"
    assert (await client.chat_postMessage(channel="D1", text="x"))["ok"]
    assert fake_slack.count("chat.postMessage") == 2


async def test_permanent_errors_and_server_errors(fake_slack: FakeSlack) -> None:
    client = AsyncWebClient(token="xoxb-test", base_url=fake_slack.base_url)
    fake_slack.fail_next("chat.postMessage", error="account_inactive")
    fake_slack.fail_next("users.info", status=503)
    with pytest.raises(SlackApiError) as inactive:
        await client.chat_postMessage(channel="D1", text="x")
    assert inactive.value.response["error"] == "account_inactive"
    with pytest.raises(SlackApiError) as unavailable:
        await client.users_info(user="U404")
    assert unavailable.value.response.status_code == 503
    with pytest.raises(SlackApiError) as missing:
        await client.users_info(user="U404")
    assert missing.value.response["error"] == "user_not_found"
