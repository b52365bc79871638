"""What every listener shares: its dependencies, payload models and failure handling."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

import structlog
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.ports import Dedup, Learning
from delivery.replies import SlackReplies
from delivery.slack.ids import ButtonSigner

log = structlog.get_logger("bmo.slack")

MAX_COMMAND_TEXT = 4000

SORRY = (
    ":warning: Something went wrong on our side and nothing was lost. Please try again in a minute."
)


@dataclass(frozen=True)
class BotDeps:
    learning: Learning
    dedup: Dedup
    replies: SlackReplies
    signer: ButtonSigner
    default_track: str = ""


def deps_of(context: AsyncBoltContext) -> BotDeps:
    deps: BotDeps = context["bmo"]
    return deps


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SlackUserRef(_Payload):
    id: str = Field(min_length=1, max_length=32)
    team_id: str | None = None


class ChannelRef(_Payload):
    id: str = Field(min_length=1, max_length=64)


class ActionRef(_Payload):
    action_id: str
    value: str = Field(default="", max_length=2000)
    action_ts: str = ""


class MessageRef(_Payload):
    ts: str
    blocks: list[dict[str, Any]] = Field(default_factory=list)


class BlockActionBody(_Payload):
    user: SlackUserRef
    actions: list[ActionRef] = Field(min_length=1)
    channel: ChannelRef | None = None
    message: MessageRef | None = None
    trigger_id: str | None = None
    team: ChannelRef | None = None


class SlashCommand(_Payload):
    user_id: str = Field(min_length=1, max_length=32)
    team_id: str | None = None
    channel_id: str | None = None
    # Slack lets a person type thousands of characters after /learn; only the first word
    # matters, so a long text is cut rather than refused.
    text: Annotated[
        str, BeforeValidator(lambda v: v[:MAX_COMMAND_TEXT] if isinstance(v, str) else v)
    ] = ""
    trigger_id: str | None = None
    response_url: str | None = None


async def dm_channel(client: AsyncWebClient, user_id: str) -> str:
    opened = await client.conversations_open(users=user_id)
    return str(opened["channel"]["id"])


async def tell_user_something_failed(client: AsyncWebClient, body: dict[str, Any]) -> None:
    """Best effort: a short apology where the learner will see it, never internals."""
    try:
        user = body.get("user_id") or (body.get("user") or {}).get("id")
        event = body.get("event") or {}
        user = user or event.get("user")
        if not user:
            return
        channel = event.get("channel") if event.get("channel_type") == "im" else None
        await client.chat_postMessage(channel=channel or await dm_channel(client, user), text=SORRY)
    except Exception as exc:  # noqa: BLE001 - the apology itself may fail; log and move on
        log.warning("slack.apology_failed", error=type(exc).__name__)


Lazy = Callable[..., Awaitable[None]]


def guarded(func: Lazy, deps: BotDeps, slots: asyncio.Semaphore | None = None) -> Lazy:
    """Run the slow half of a listener with its dependencies in the context; on failure
    log the error type and apologise to the user."""

    @functools.wraps(func)
    async def run(**kwargs: Any) -> None:
        if "context" in kwargs:
            kwargs["context"]["bmo"] = deps
        try:
            if slots is None:
                await func(**kwargs)
            else:
                async with slots:  # bounded: a burst queues here, cheaply, not in the loop
                    await func(**kwargs)
        except Exception as exc:
            log.exception("slack.listener_failed", listener=func.__name__, error=type(exc).__name__)
            await tell_user_something_failed(kwargs["client"], kwargs.get("body") or {})

    return run
