"""Posting a lesson into the learner's DM (shared by /learn next, buttons and App Home)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import BotDeps, dm_channel

ALL_DONE = (
    ":tada: You're all caught up: there is no new lesson right now. "
    "Your next review will arrive on schedule."
)


async def send_next_lesson(
    deps: BotDeps, client: AsyncWebClient, user_id: str, learner_id: int, request: str
) -> None:
    """`request` names the click or command, so a retried one posts nothing new."""
    lesson = await deps.learning.next_lesson(learner_id)
    if lesson is None:
        await client.chat_postMessage(channel=await dm_channel(client, user_id), text=ALL_DONE)
        return
    await deps.replies.lesson(client, learner_id, lesson, request)
