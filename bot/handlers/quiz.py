"""Quiz buttons and "Next lesson": ack at once, grade once, update the message in place."""

from __future__ import annotations

from typing import Any

import structlog
from slack_bolt.async_app import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import BlockActionBody, deps_of
from bot.handlers.enrolment import NOT_ENROLLED, ensure_learner
from bot.handlers.lessons import send_next_lesson
from bot.ports import NotYourQuiz, RepeatedClick, answer_key
from delivery.slack.blocks import answered_message, notification_text
from delivery.slack.ids import AnswerPayload


async def ack_action(ack: AsyncAck) -> None:
    await ack()


log = structlog.get_logger("bmo.slack")

NOT_YOUR_QUIZ = (
    ":lock: This isn't your quiz, so your answer was not recorded. "
    "Your own lessons arrive in your DM with me."
)


async def answer(body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
    click = BlockActionBody.model_validate(body)
    deps = deps_of(context)
    payload = AnswerPayload.open(click.actions[0].value, deps.signer)
    try:
        await _grade(click, payload, client, context)
    except RepeatedClick:
        log.info("slack.repeat_dropped", kind="answer")
    except NotYourQuiz:
        await client.chat_postEphemeral(
            channel=click.channel.id if click.channel else click.user.id,
            user=click.user.id,
            text=NOT_YOUR_QUIZ,
        )


async def _grade(
    click: BlockActionBody,
    payload: AnswerPayload,
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    deps = deps_of(context)
    once = answer_key(click.user.id, payload.question_id, payload.delivery_id)
    feedback = await deps.learning.answer_as(click.user.id, payload, once)
    if feedback is None:  # not (or no longer) a learner: enrol first, as on /learn
        team = click.user.team_id or (click.team.id if click.team else None)
        enrolment = await ensure_learner(deps, client, click.user.id, team)
        if enrolment.learner_id is None:
            await client.chat_postEphemeral(
                channel=click.channel.id if click.channel else click.user.id,
                user=click.user.id,
                text=NOT_ENROLLED,
            )
            return
        feedback = await deps.learning.answer(enrolment.learner_id, payload, once)
    if click.channel is None or click.message is None:
        return
    await client.chat_update(
        channel=click.channel.id,
        ts=click.message.ts,
        text=notification_text(feedback),
        blocks=answered_message(click.message.blocks, feedback),
    )


async def next_lesson(
    body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
) -> None:
    click = BlockActionBody.model_validate(body)
    deps = deps_of(context)
    enrolment = await ensure_learner(deps, client, click.user.id, click.user.team_id)
    if enrolment.learner_id is not None:
        message_ts = click.message.ts if click.message else ""
        request = f"{message_ts}:{click.actions[0].action_ts}"
        await send_next_lesson(deps, client, click.user.id, enrolment.learner_id, request)
