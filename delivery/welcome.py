"""The welcome: the first message after enrolment, on the learner's first reachable
channel, through the one delivery pipeline."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from delivery.dispatch import Outbound, Ready, Skip, dispatch
from delivery.runtime import DeliveryRuntime
from flows.messages import Welcome
from storage.models import Learner
from storage.repositories import outbound


def track_title(slug: str | None) -> str:
    return slug.replace("-", " ").capitalize() if slug else "your learning track"


def welcome_for(learner: Learner, track: str | None) -> Welcome:
    return Welcome(learner_name=learner.name or "there", track_title=track_title(track))


async def queue_welcome(session: AsyncSession, learner_id: int, track: str | None) -> bool:
    """Queue the learner's welcome in the caller's transaction (an admin enrolment): it
    goes out once the enrolment commits, and never twice."""
    return await outbound.queue_welcome(session, learner_id, track)


async def send_welcome(
    runtime: DeliveryRuntime, learner_id: int, track: str | None, *, last_try: bool = False
) -> str:
    async def build(learner: Learner, delivery_id: int) -> Ready | Skip:
        return Ready(welcome_for(learner, track))

    return await dispatch(
        runtime,
        Outbound(
            learner_id, "welcome", outbound.welcome_key(learner_id), build, unreachable="skipped"
        ),
        last_try=last_try,
    )
