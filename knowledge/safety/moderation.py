"""Content moderation: OpenAI omni-moderation when configured, local word rules otherwise.

Both fail closed: a checker that cannot answer reports the text as flagged, so nothing
unchecked is ever delivered.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re
from typing import Literal, Protocol

import structlog
from pydantic import BaseModel

from knowledge.safety.pii import redact_all

log = structlog.get_logger(__name__)

MODERATION_MODEL = "omni-moderation-latest"


class ModerationResult(BaseModel):
    flagged: bool
    categories: list[str] = []
    source: Literal["openai", "local", "error"]


class Moderator(Protocol):
    async def check(self, text: str) -> ModerationResult: ...


_LOCAL_RULES: dict[str, re.Pattern[str]] = {
    "hate": re.compile(
        r"\b(?:subhuman|inferior race|go back to your country|[a-z]+s are (?:animals|vermin))\b"
    ),
    "violence": re.compile(
        r"\b(?:kill (?:him|her|them|you|yourself)|shoot (?:up|them)|bomb the|beat (?:him|her|them) up)\b"
    ),
    "self-harm": re.compile(
        r"\b(?:kill myself|end my life|how to (?:self[- ]harm|commit suicide))\b"
    ),
    "sexual": re.compile(r"\b(?:porn|explicit sex|nude photos?)\b"),
    "harassment": re.compile(r"\b(?:you(?:'re| are) (?:an? )?(?:idiot|moron|worthless|stupid))\b"),
    "illicit": re.compile(
        r"\b(?:launder(?:ing)? (?:the )?money|steal (?:a |their )?card numbers?|card skimmer for sale|"
        r"buy stolen cards?)\b"
    ),
}


class LocalModerator:
    """Pattern rules for the offline default; deliberately narrow to keep training text clean."""

    async def check(self, text: str) -> ModerationResult:
        lowered = text.lower()
        categories = [name for name, rule in _LOCAL_RULES.items() if rule.search(lowered)]
        return ModerationResult(flagged=bool(categories), categories=categories, source="local")


class OpenAIModerator:
    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        timeout: float = 10.0,
        max_retries: int = 1,
        model: str = MODERATION_MODEL,
    ) -> None:
        from openai import AsyncOpenAI  # a second of start-up, needed only with a key

        self._client = AsyncOpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        self._model = model

    async def aclose(self) -> None:
        await self._client.close()

    async def check(self, text: str) -> ModerationResult:
        try:
            # The moderation API is an exit too: it judges the text with PII replaced.
            (safe,) = await redact_all([text])
            response = await self._client.moderations.create(model=self._model, input=safe)
        except Exception as exc:  # noqa: BLE001 - any checker failure fails closed
            log.warning("moderation.unavailable", error=type(exc).__name__)
            return ModerationResult(flagged=True, categories=["checker_error"], source="error")
        flagged = any(result.flagged for result in response.results)
        categories = sorted(
            {
                name
                for result in response.results
                for name, hit in result.categories.model_dump().items()
                if hit
            }
        )
        return ModerationResult(flagged=flagged, categories=categories, source="openai")
