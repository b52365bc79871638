"""Posting a lesson into the learner's DM (shared by /learn next, buttons and App Home)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import BotDeps, dm_channel
from delivery.slack.blocks import lesson_blocks, notification_text

ALL_DONE = (
    ":tada: You're all caught up: there is no new lesson right now. "
    "Your next review will arrive on schedule."
)


async def send_next_lesson(
    deps: BotDeps, client: AsyncWebClient, user_id: str, learner_id: int
) -> None:
    channel = await dm_channel(client, user_id)
    lesson = await deps.learning.next_lesson(learner_id)
    if lesson is None:
        await client.chat_postMessage(channel=channel, text=ALL_DONE)
        return
    posted = await client.chat_postMessage(
        channel=channel, text=notification_text(lesson), blocks=lesson_blocks(lesson)
    )
    if lesson.delivery_id is not None:
        await deps.learning.remember_message(lesson.delivery_id, channel, str(posted["ts"]))
