"""What the Slack handlers need from the rest of the product, as small interfaces.

Handlers depend on these protocols, not on a concrete flow module or store, so the
composition root decides what serves them. Content types are the flows' own
(flows.messages); only what exists in Slack alone (a Slack identity, the settings form)
is defined here.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Literal, Protocol, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator

from delivery.slack.ids import AnswerPayload
from flows.loop import NotYourQuiz
from flows.messages import Feedback, LessonMessage, ProgressSummary, TopicMastery, TutorAnswer

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class SlackIdentity(BaseModel):
    user_id: str = Field(min_length=1, max_length=32)
    team_id: str | None = Field(default=None, max_length=32)
    name: str = "there"
    timezone: str = "UTC"


class Enrolment(BaseModel):
    learner_id: int | None  # None: not enrolled and self-enrolment is closed
    created: bool = False
    name: str = ""


# Channel orders the settings form offers ("slack,email": Slack, then e-mail).
ChannelOrder = Literal["slack,sms,email", "slack,email", "sms,slack", "email,slack", "email"]
CHANNEL_ORDERS: tuple[str, ...] = get_args(ChannelOrder)


class LearnerSettings(BaseModel):
    timezone: str = "UTC"
    delivery_time: time = time(9, 0)
    quiet_hours_start: time | None = None
    quiet_hours_end: time | None = None
    weekdays_only: bool = False
    preferred_channel: Literal["slack", "sms"] = "slack"
    # The channels to try in order when set ("slack,email"); unset: the usual order.
    channel_order: ChannelOrder | None = None
    phone: str | None = None
    vacation_until: date | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("Pick a timezone such as America/Toronto") from None
        return value

    @field_validator("phone")
    @classmethod
    def _e164(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        cleaned = re.sub(r"[\s\-().]", "", value)
        if not E164.match(cleaned):
            raise ValueError("Use the international format, e.g. +14165550123")
        return cleaned


class PhoneTaken(ValueError):
    """The phone number in a learner's settings belongs to another learner."""


class RepeatedClick(Exception):
    """The same answer click was already graded (a double click or a Slack retry)."""


class Learning(Protocol):
    async def enrol(self, who: SlackIdentity) -> Enrolment: ...

    async def learner_for(self, slack_user_id: str) -> int | None: ...

    async def next_lesson(self, learner_id: int) -> LessonMessage | None: ...

    async def answer(
        self, learner_id: int, answer: AnswerPayload, once_key: str | None = None
    ) -> Feedback: ...

    async def answer_as(
        self, slack_user_id: str, answer: AnswerPayload, once_key: str | None = None
    ) -> Feedback | None:
        """Grade the answer of the learner with this Slack id; None when there is none.

        `once_key` is recorded in the answer's own transaction (RepeatedClick when it was
        already), so a click whose grading failed is graded when clicked again."""
        ...

    async def progress(self, learner_id: int) -> ProgressSummary: ...

    async def topics(self, learner_id: int) -> list[TopicMastery]: ...

    async def set_paused(self, learner_id: int, paused: bool) -> None: ...

    async def settings(self, learner_id: int) -> LearnerSettings: ...

    async def save_settings(self, learner_id: int, settings: LearnerSettings) -> None: ...

    async def ask(self, learner_id: int, question: str) -> TutorAnswer: ...


def answer_key(slack_user_id: str, question_id: int, delivery_id: int | None) -> str:
    """What makes two answer clicks the same click."""
    return f"answer:{slack_user_id}:{question_id}:{delivery_id}"


class Dedup(Protocol):
    """Seen-before checks for Slack retries and double clicks, with expiry."""

    async def first(self, key: str, ttl: timedelta) -> bool: ...


__all__ = [
    "CHANNEL_ORDERS",
    "ChannelOrder",
    "Dedup",
    "Enrolment",
    "LearnerSettings",
    "Learning",
    "NotYourQuiz",
    "PhoneTaken",
    "RepeatedClick",
    "SlackIdentity",
    "answer_key",
]
