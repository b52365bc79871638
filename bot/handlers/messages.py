"""Direct messages: free text goes to the tutor, answered in a thread."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from slack_bolt.async_app import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import _Payload, deps_of
from bot.handlers.enrolment import NOT_ENROLLED, ensure_learner
from delivery.slack.blocks import notification_text, tutor_blocks

MAX_QUESTION_CHARS = 2000


class DirectMessage(_Payload):
    user: str = Field(min_length=1, max_length=32)
    channel: str = Field(min_length=1, max_length=64)
    ts: str
    text: str = ""
    thread_ts: str | None = None
    team: str | None = None


def is_learner_dm(event: dict[str, Any]) -> bool:
    """Plain DMs from people: no edits, joins, bot echoes or empty texts."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool((event.get("text") or "").strip())
    )


async def ack_event(ack: AsyncAck) -> None:
    await ack()


async def tutor_reply(
    event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    if not is_learner_dm(event):
        return
    message = DirectMessage.model_validate(event)
    deps = deps_of(context)
    thread = message.thread_ts or message.ts
    enrolment = await ensure_learner(deps, client, message.user, message.team)
    if enrolment.learner_id is None:
        await client.chat_postMessage(channel=message.channel, thread_ts=thread, text=NOT_ENROLLED)
        return
    reply = await deps.learning.ask(enrolment.learner_id, message.text[:MAX_QUESTION_CHARS])
    await client.chat_postMessage(
        channel=message.channel,
        thread_ts=thread,
        text=notification_text(reply),
        blocks=tutor_blocks(reply),
    )
