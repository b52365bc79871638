"""First contact: enrol a Slack user on their first /learn or DM, and welcome them."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import BotDeps, log
from bot.ports import Enrolment, SlackIdentity

NOT_ENROLLED = (
    "Thanks for your interest in BMO Learning! Enrolment is managed by your administrator; "
    "ask them to add you and your first lesson will arrive here."
)


async def slack_identity(
    client: AsyncWebClient, user_id: str, team_id: str | None
) -> SlackIdentity:
    """Name and timezone from the Slack profile; defaults when the lookup fails."""
    try:
        user = (await client.users_info(user=user_id))["user"]
    except SlackApiError as exc:
        log.warning("slack.profile_unavailable", error=exc.response.get("error"))
        return SlackIdentity(user_id=user_id, team_id=team_id)
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or user.get("name") or "there"
    return SlackIdentity(
        user_id=user_id,
        team_id=team_id or user.get("team_id"),
        name=str(name)[:200],
        timezone=user.get("tz") or "UTC",
    )


async def ensure_learner(
    deps: BotDeps, client: AsyncWebClient, user_id: str, team_id: str | None
) -> Enrolment:
    """The learner for this Slack user, enrolling (and welcoming) them the first time."""
    learner_id = await deps.learning.learner_for(user_id)
    if learner_id is not None:
        return Enrolment(learner_id=learner_id)
    enrolment = await deps.learning.enrol(await slack_identity(client, user_id, team_id))
    if enrolment.created and enrolment.learner_id is not None:
        log.info("slack.enrolled", learner_id=enrolment.learner_id)
        await deps.replies.welcome(client, enrolment.learner_id, deps.default_track)
    return enrolment
