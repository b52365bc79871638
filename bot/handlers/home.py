"""App Home, its buttons, and the settings modal submission."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import BlockActionBody, BotDeps, deps_of, dm_channel
from bot.handlers.enrolment import ensure_learner
from bot.ports import PhoneTaken
from bot.views.home import home_view, not_enrolled_view
from bot.views.settings_modal import parse_settings, settings_view
from delivery.slack.ids import ActionId, SettingsMetadata

SAVED = ":white_check_mark: Settings saved."
PHONE_TAKEN = (
    ":warning: That phone number is already registered to another learner, so your settings "
    "were not saved. Open settings again with your own number, or ask your administrator."
)


async def publish_home(
    deps: BotDeps, client: AsyncWebClient, user_id: str, team: str | None
) -> None:
    enrolment = await ensure_learner(deps, client, user_id, team)
    if enrolment.learner_id is None:
        view = not_enrolled_view()
    else:
        view = home_view(await deps.learning.progress(enrolment.learner_id))
    await client.views_publish(user_id=user_id, view=view)


async def home_opened(
    event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    if event.get("tab", "home") != "home":
        return
    await publish_home(deps_of(context), client, str(event["user"]), body.get("team_id"))


async def open_settings(
    body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    click = BlockActionBody.model_validate(body)
    deps = deps_of(context)
    learner_id = await deps.learning.learner_for(click.user.id)
    if learner_id is None or not click.trigger_id:
        return
    view = settings_view(await deps.learning.settings(learner_id), SettingsMetadata())
    await client.views_open(trigger_id=click.trigger_id, view=view)


async def pause_or_resume(
    body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    click = BlockActionBody.model_validate(body)
    deps = deps_of(context)
    learner_id = await deps.learning.learner_for(click.user.id)
    if learner_id is None:
        return
    await deps.learning.set_paused(learner_id, click.actions[0].action_id == ActionId.HOME_PAUSE)
    await publish_home(deps, client, click.user.id, click.user.team_id)


def _values(body: dict[str, Any]) -> dict[str, Any]:
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    return values if isinstance(values, dict) else {}


async def validate_settings(ack: AsyncAck, body: dict[str, Any]) -> None:
    """Field errors go back in the ack so the learner fixes them inside the modal."""
    parsed = parse_settings(_values(body))
    if isinstance(parsed, dict):
        await ack(response_action="errors", errors=parsed)
    else:
        await ack()


async def save_settings(
    body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    parsed = parse_settings(_values(body))
    user_id = str((body.get("user") or {}).get("id", ""))
    deps = deps_of(context)
    learner_id = await deps.learning.learner_for(user_id)
    if isinstance(parsed, dict) or learner_id is None:
        return
    metadata = SettingsMetadata.decode((body.get("view") or {}).get("private_metadata") or "{}")
    try:
        await deps.learning.save_settings(learner_id, parsed)
    except PhoneTaken:
        await client.chat_postMessage(channel=await dm_channel(client, user_id), text=PHONE_TAKEN)
        return
    if metadata.channel_id:
        await client.chat_postEphemeral(channel=metadata.channel_id, user=user_id, text=SAVED)
    await publish_home(deps, client, user_id, None)
