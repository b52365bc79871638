"""A quiz click that Slack retries (X-Slack-Retry-Num) is graded and recorded once."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from storage.models import QuizResponse
from tests.bot.slack_harness import interactive_body, slack_harness
from tests.bot.test_slack_app import click_on, lesson_in_dm
from tests.support.fake_slack import FakeSlack


async def test_a_retried_quiz_click_is_recorded_once(
    database_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="UTC")
    async with slack_harness(database_url, fake_slack) as slack:
        lesson = await lesson_in_dm(slack)
        body = interactive_body(click_on(lesson, ts="1780000000.000200"))
        statuses = []
        for retry in (None, "1", "2"):
            extra = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
            response = await slack.post(
                body, "application/x-www-form-urlencoded", **(extra if retry else {})
            )
            statuses.append(response.status_code)
        assert statuses == [200, 200, 200]
        await fake_slack.await_for("chat.update", count=1, within=20)
        await asyncio.sleep(0.5)
        async with slack.services.sessions() as session:
            recorded = await session.scalar(select(func.count()).select_from(QuizResponse))
        assert recorded == 1
        assert len(fake_slack.payloads("chat.update")) == 1  # feedback shown once
