"""Typed Slack identifiers and button payloads.

Button values and private_metadata travel through Slack and come back on the next
request, so they are small pydantic models, checked against Slack's length limits.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_BUTTON_VALUE = 2000
MAX_PRIVATE_METADATA = 3000


class ActionId(StrEnum):
    ANSWER = "quiz_answer"
    NEXT_LESSON = "next_lesson"
    OPEN_SETTINGS = "open_settings"
    HOME_PAUSE = "home_pause"
    HOME_RESUME = "home_resume"


class BlockId(StrEnum):
    LESSON_HEADER = "lesson_header"
    LESSON_BODY = "lesson_body"
    LESSON_CONTEXT = "lesson_context"
    QUIZ_STEM = "quiz_stem"
    QUIZ_ANSWERS = "quiz_answers"
    FEEDBACK = "feedback"
    NEXT = "next"
    # settings modal inputs
    TIMEZONE = "timezone"
    DELIVERY_TIME = "delivery_time"
    QUIET_START = "quiet_start"
    QUIET_END = "quiet_end"
    WEEKDAYS = "weekdays"
    CHANNEL = "channel"
    PHONE = "phone"
    CHANNEL_ORDER = "channel_order"
    VACATION = "vacation"


class CallbackId(StrEnum):
    SETTINGS = "learner_settings"


class PayloadTooLong(ValueError):
    """A payload would not fit where Slack carries it."""


class _Compact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def encode(self, limit: int = MAX_BUTTON_VALUE) -> str:
        value = self.model_dump_json(by_alias=True, exclude_none=True)
        if len(value) > limit:
            raise PayloadTooLong(f"{type(self).__name__} is {len(value)} chars, limit {limit}")
        return value


class AnswerPayload(_Compact):
    """Which option of which question was clicked, and for which delivery."""

    question_id: int = Field(alias="q", ge=1)
    option: int = Field(alias="o", ge=0, le=25)
    delivery_id: int | None = Field(default=None, alias="d", ge=1)

    @classmethod
    def decode(cls, value: str) -> AnswerPayload:
        return cls.model_validate_json(value)


class NextLessonPayload(_Compact):
    after_lesson_id: int | None = Field(default=None, alias="l")

    @classmethod
    def decode(cls, value: str) -> NextLessonPayload:
        return cls.model_validate_json(value or "{}")


class SettingsMetadata(_Compact):
    """Carried in the settings modal's private_metadata: where to confirm the save."""

    channel_id: str | None = Field(default=None, alias="c", max_length=32)

    @classmethod
    def decode(cls, value: str) -> SettingsMetadata:
        return cls.model_validate_json(value or "{}")


__all__ = [
    "ActionId",
    "AnswerPayload",
    "BlockId",
    "CallbackId",
    "NextLessonPayload",
    "PayloadTooLong",
    "SettingsMetadata",
    "ValidationError",
]
