"""Signed links in e-mails: an answer link names the learner, the delivery, the question
and the option, and grades once; an unsubscribe link names the learner. Signed with a
server key (itsdangerous, HMAC-SHA256) and dated, so a forged or expired link is refused."""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_TOKEN_CHARS = 512  # a longer path segment is refused before it is read
ANSWER_TTL_SECONDS = 14 * 24 * 3600
UNSUBSCRIBE_TTL_SECONDS = 400 * 24 * 3600  # RFC 8058 links must keep working for a while


class AnswerClaim(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    learner_id: int = Field(alias="l", ge=1)
    delivery_id: int = Field(alias="d", ge=1)
    question_id: int = Field(alias="q", ge=1)
    option: int = Field(alias="o", ge=0, le=9)


class UnsubscribeClaim(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    learner_id: int = Field(alias="l", ge=1)


class LinkRefused(Exception):
    """The link is forged, damaged or expired; `expired` tells which for the page."""

    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class EmailLinks:
    base_url: str  # PUBLIC_BASE_URL
    secret: str

    def _signer(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret, salt=f"bmo-email-{purpose}")

    def answer_url(self, learner_id: int, delivery_id: int, question_id: int, option: int) -> str:
        claim = {"l": learner_id, "d": delivery_id, "q": question_id, "o": option}
        token = self._signer("answer").dumps(claim)
        return f"{self.base_url.rstrip('/')}/email/answer/{token}"

    def unsubscribe_url(self, learner_id: int) -> str:
        token = self._signer("unsubscribe").dumps({"l": learner_id})
        return f"{self.base_url.rstrip('/')}/email/unsubscribe/{token}"

    def _load(self, purpose: str, token: str, max_age: int) -> object:
        if len(token) > MAX_TOKEN_CHARS:
            raise LinkRefused(expired=False)
        try:
            return self._signer(purpose).loads(token, max_age=max_age)
        except SignatureExpired:
            raise LinkRefused(expired=True) from None
        except BadSignature:
            raise LinkRefused(expired=False) from None

    def answer(self, token: str) -> AnswerClaim:
        try:
            return AnswerClaim.model_validate(self._load("answer", token, ANSWER_TTL_SECONDS))
        except ValidationError:
            raise LinkRefused(expired=False) from None

    def unsubscribe(self, token: str) -> UnsubscribeClaim:
        data = self._load("unsubscribe", token, UNSUBSCRIBE_TTL_SECONDS)
        try:
            return UnsubscribeClaim.model_validate(data)
        except ValidationError:
            raise LinkRefused(expired=False) from None
