"""/learn next | progress | topics | pause | resume | settings | help."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import SlashCommand, deps_of
from bot.handlers.enrolment import NOT_ENROLLED, ensure_learner
from bot.handlers.lessons import send_next_lesson
from bot.views.help import help_blocks
from bot.views.home import progress_blocks, topics_blocks
from bot.views.settings_modal import settings_view
from delivery.slack.ids import SettingsMetadata

SUBCOMMANDS = {"next", "progress", "topics", "pause", "resume", "settings", "help"}


async def ack_command(ack: AsyncAck) -> None:
    await ack()


async def learn(
    body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond, context: AsyncBoltContext
) -> None:
    command = SlashCommand.model_validate(body)
    words = command.text.strip().split()
    word = words[0].lower() if words else "help"
    if word not in SUBCOMMANDS or word == "help":
        unknown = command.text.strip() if word != "help" else None
        await respond(text="BMO Learning commands", blocks=help_blocks(unknown))
        return
    deps = deps_of(context)
    enrolment = await ensure_learner(deps, client, command.user_id, command.team_id)
    if enrolment.learner_id is None:
        await respond(text=NOT_ENROLLED)
        return
    learner_id = enrolment.learner_id
    if word == "next":
        request = command.trigger_id or f"{command.user_id}:{command.text}"
        await send_next_lesson(deps, client, command.user_id, learner_id, request)
        if command.channel_id and not command.channel_id.startswith("D"):
            await respond(text="Your lesson is waiting in your DMs with me. :books:")
    elif word == "progress":
        progress = await deps.learning.progress(learner_id)
        await respond(text="Your progress", blocks=progress_blocks(progress))
    elif word == "topics":
        topics = await deps.learning.topics(learner_id)
        await respond(text="Your topics", blocks=topics_blocks(topics))
    elif word in ("pause", "resume"):
        await deps.learning.set_paused(learner_id, word == "pause")
        await respond(
            text=":pause_button: Lessons paused. `/learn resume` starts them again."
            if word == "pause"
            else ":arrow_forward: Welcome back! Daily lessons are on again."
        )
    elif word == "settings" and command.trigger_id:
        current = await deps.learning.settings(learner_id)
        view = settings_view(current, SettingsMetadata(channel_id=command.channel_id))
        await client.views_open(trigger_id=command.trigger_id, view=view)
