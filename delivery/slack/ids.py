"""Typed Slack identifiers and button payloads.

Button values and private_metadata travel through Slack and come back on the next
request, so they are small pydantic models, checked against Slack's length limits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from enum import StrEnum
from typing import Any

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

    @classmethod
    def open(cls, value: str, signer: ButtonSigner) -> AnswerPayload:
        """The payload of a signed button value; TamperedValue when the signature fails."""
        return cls.decode(signer.open(value))


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


class TamperedValue(ValueError):
    """A button value whose signature does not match: not one of our messages."""


SIGNATURE_SEPARATOR = "~"  # not in base64url, not in the compact JSON of a payload
ANSWER_ACTION_PREFIX = f"{ActionId.ANSWER}_"


class ButtonSigner:
    """Signs quiz button values with a server key so that a value changed on the way back
    (another learner's delivery, another question) is refused before anything is looked
    up. The signature is 16 bytes of HMAC-SHA256: 22 characters added to the value."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a button signing key needs at least 16 bytes")
        self._key = key

    @classmethod
    def derive(cls, secret: str | None) -> ButtonSigner:
        """A key derived from a server secret (every task derives the same one); a random
        key, good for this process only, when there is no secret."""
        if not secret:
            return cls(secrets.token_bytes(32))
        return cls(hmac.new(secret.encode(), b"bmo button values v1", hashlib.sha256).digest())

    def _signature(self, value: str) -> str:
        digest = hmac.new(self._key, value.encode(), hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def sign(self, value: str) -> str:
        return f"{value}{SIGNATURE_SEPARATOR}{self._signature(value)}"

    def open(self, signed: str) -> str:
        value, separator, signature = signed.rpartition(SIGNATURE_SEPARATOR)
        if not separator or not hmac.compare_digest(signature, self._signature(value)):
            raise TamperedValue("the button value is not signed by this server")
        return value

    def is_signed(self, value: str) -> bool:
        try:
            self.open(value)
        except TamperedValue:
            return False
        return True

    def sign_answer_buttons(self, blocks: Any) -> Any:
        """The blocks with every quiz button value signed (values already signed kept)."""
        if not isinstance(blocks, list):
            return blocks
        signed = []
        for block in blocks:
            if isinstance(block, dict) and isinstance(block.get("elements"), list):
                block = {**block, "elements": [self._signed(e) for e in block["elements"]]}
            signed.append(block)
        return signed

    def _signed(self, element: Any) -> Any:
        if not isinstance(element, dict) or not str(element.get("action_id", "")).startswith(
            ANSWER_ACTION_PREFIX
        ):
            return element
        value = str(element.get("value", ""))
        return element if self.is_signed(value) else {**element, "value": self.sign(value)}


__all__ = [
    "ActionId",
    "AnswerPayload",
    "BlockId",
    "ButtonSigner",
    "CallbackId",
    "NextLessonPayload",
    "PayloadTooLong",
    "SettingsMetadata",
    "TamperedValue",
    "ValidationError",
]
