"""Messages a learner asked for in Slack ("Next lesson", a first DM's welcome), sent
through the one delivery pipeline on the surface's own Web API client: claimed under
their own key, paced with the workspace's pushes, reconciled after an interruption."""

from __future__ import annotations

from dataclasses import dataclass, replace

from slack_sdk.web.async_client import AsyncWebClient

from delivery.dispatch import Outbound, Ready, Skip, dispatch
from delivery.pacing import Pacer
from delivery.runtime import DeliveryRuntime
from delivery.slack.sender import SlackSender
from delivery.welcome import welcome_for
from flows.messages import LessonMessage
from storage.models import Learner
from storage.repositories.outbound import reply_key, welcome_key


@dataclass(frozen=True)
class SlackReplies:
    runtime: DeliveryRuntime  # sessions and config; its own senders are not used
    pacer: Pacer

    def _over(self, client: AsyncWebClient) -> DeliveryRuntime:
        """The runtime with a Slack sender on `client` (the workspace the request came
        from), paced by the same buckets as the scheduled pushes."""
        return replace(
            self.runtime,
            slack=SlackSender(client, self.pacer, owns_session=False),
            sms=None,
            email=None,
        )

    async def lesson(
        self,
        client: AsyncWebClient,
        learner_id: int,
        lesson: LessonMessage,
        request: str,
    ) -> str:
        """Post the lesson the learner asked for, once per request (`request` names it:
        a click's message and action time, a command's trigger)."""

        async def build(learner: Learner, delivery_id: int) -> Ready | Skip:
            quiz = (
                lesson.quiz.model_copy(update={"delivery_id": delivery_id}) if lesson.quiz else None
            )
            message = lesson.model_copy(update={"delivery_id": delivery_id, "quiz": quiz})
            return Ready(message, channels=["slack"], lesson_id=lesson.lesson_id)

        key = reply_key(learner_id, lesson.lesson_id, request)
        return await dispatch(self._over(client), Outbound(learner_id, "reply", key, build))

    async def welcome(self, client: AsyncWebClient, learner_id: int, track: str | None) -> str:
        """Welcome a learner who enrolled themselves in Slack (once, like every welcome)."""

        async def build(learner: Learner, delivery_id: int) -> Ready | Skip:
            return Ready(welcome_for(learner, track), channels=["slack"])

        key = welcome_key(learner_id)
        return await dispatch(self._over(client), Outbound(learner_id, "welcome", key, build))
