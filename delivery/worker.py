"""The daily lesson job: today's lesson for one learner, through the one delivery
pipeline (`delivery.dispatch`)."""

from __future__ import annotations

from datetime import date

from delivery.dispatch import Outbound, Ready, Skip, dispatch
from delivery.runtime import DeliveryConfig, DeliveryRuntime, LessonComposer
from storage.models import Learner
from storage.repositories.outbound import lesson_key

__all__ = ["DeliveryConfig", "DeliveryRuntime", "LessonComposer", "deliver_lesson"]


async def deliver_lesson(
    runtime: DeliveryRuntime, learner_id: int, local_date: date, *, last_try: bool = False
) -> str:
    """Send `local_date`'s lesson to the learner exactly once. Returns the outcome.
    Transient failures raise (the queue retries with backoff) unless `last_try`."""

    async def build(learner: Learner, delivery_id: int) -> Ready | Skip:
        if runtime.compose is None:
            return Skip("no_lesson: this runtime composes no lessons")
        message = await runtime.compose(learner_id, local_date, delivery_id)
        if message is None:
            return Skip("no_lesson")
        quiz = (
            message.quiz.model_copy(update={"delivery_id": delivery_id}) if message.quiz else None
        )
        message = message.model_copy(update={"delivery_id": delivery_id, "quiz": quiz})
        return Ready(message, lesson_id=message.lesson_id)

    return await dispatch(
        runtime,
        Outbound(learner_id, "lesson", lesson_key(learner_id, local_date), build, local_date),
        last_try=last_try,
    )
