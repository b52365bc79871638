"""The LLM gateway: every model call goes through here.

It redacts PII from each prompt before it leaves, tags the call with its purpose, applies
the response cache, logs tokens and latency (never prompt text at info level) and records
one `llm_calls` row per request or cache hit with a cost estimate. Every paid request, chat
or embedding, adds its estimated cost to `bmo_llm_cost_usd_total`.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from langchain_core.exceptions import OutputParserException
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from prometheus_client import Counter, Histogram
from pydantic import BaseModel, SecretStr, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.cache import Cache
from knowledge.safety.pii import redact_all
from storage.metrics import LLM_COST
from storage.repositories.operations import record_llm_call

log = structlog.get_logger(__name__)

LLM_CALLS = Counter("bmo_llm_calls_total", "LLM requests and cache hits", ["purpose", "cached"])
LLM_TOKENS = Counter("bmo_llm_tokens_total", "Tokens sent and received", ["purpose", "direction"])
LLM_LATENCY = Histogram("bmo_llm_latency_seconds", "LLM request latency", ["purpose"])

T = TypeVar("T", bound=BaseModel)

# US dollars per million tokens (input, output); unknown models are priced as the default.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-nano": (0.10, 0.40),
}
DEFAULT_PRICE = PRICES["gpt-4o-mini"]
# US dollars per million input tokens; unknown embedding models are priced as the default.
EMBEDDING_PRICES: dict[str, float] = {
    "text-embedding-3-small": 0.02,
    "text-embedding-3-large": 0.13,
    "text-embedding-ada-002": 0.10,
}
DEFAULT_EMBEDDING_PRICE = EMBEDDING_PRICES["text-embedding-3-small"]


class LlmError(Exception):
    """The model could not give a usable answer (network, status, or invalid output)."""

    def __init__(self, purpose: str, reason: str) -> None:
        super().__init__(f"{purpose}: {reason}")
        self.purpose, self.reason = purpose, reason


@dataclass(frozen=True)
class LlmConfig:
    api_key: str
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    timeout: float = 30.0
    max_retries: int = 2
    temperature: float = 0.2
    cache_ttl: float = 7 * 24 * 3600


Prompt = list[tuple[str, str]]  # (role, content) with role "system" or "user"


def exact_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float:
    price_in, price_out = PRICES.get(model, DEFAULT_PRICE)
    return (prompt_tokens * price_in + completion_tokens * price_out) / 1_000_000


def estimate_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float:
    """The cost as the `llm_calls` row keeps it (to the millionth of a dollar)."""
    return round(exact_cost(model, prompt_tokens, completion_tokens), 6)


def record_embedding_cost(model: str, tokens: int) -> float:
    """Count one embedding request's estimated cost; returns it."""
    cost = tokens * EMBEDDING_PRICES.get(model, DEFAULT_EMBEDDING_PRICE) / 1_000_000
    LLM_COST.labels("embedding", model).inc(cost)
    LLM_TOKENS.labels("embedding", "prompt").inc(tokens)
    return cost


def _messages(prompt: Prompt) -> list[BaseMessage]:
    return [
        SystemMessage(text) if role == "system" else HumanMessage(text) for role, text in prompt
    ]


async def _redacted(prompt: Prompt) -> Prompt:
    """The prompt with every PII value replaced, redacted off the event loop."""
    texts = await redact_all([text for _, text in prompt])
    return [(role, text) for (role, _), text in zip(prompt, texts, strict=True)]


def _usage(raw: Any) -> tuple[int, int]:
    usage = getattr(raw, "usage_metadata", None) or {}
    return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))


class LlmGateway:
    def __init__(self, config: LlmConfig, *, cache: Cache | None = None) -> None:
        self.config = config
        self.cache = cache or Cache(None)
        # Imported here: langchain_openai costs about a second at start-up, and most
        # processes (offline lessons, the worker without a key) never need it.
        from langchain_openai import ChatOpenAI

        self._chat = ChatOpenAI(
            api_key=SecretStr(config.api_key),
            base_url=config.base_url,
            model=config.model,
            timeout=config.timeout,
            max_retries=config.max_retries,
            temperature=config.temperature,
        )

    @property
    def model(self) -> str:
        return self.config.model

    def _cache_key(self, purpose: str, schema: str, prompt: Prompt) -> str:
        digest = hashlib.sha256(
            json.dumps([purpose, self.model, schema, prompt], ensure_ascii=False).encode()
        ).hexdigest()
        return f"llm:{purpose}:{digest}"

    async def _record(
        self,
        session: AsyncSession | None,
        *,
        purpose: str,
        cached: bool,
        tokens: tuple[int, int] = (0, 0),
        latency_ms: int = 0,
        ledger: list[dict[str, Any]] | None = None,
    ) -> None:
        cost = 0.0 if cached else estimate_cost(self.model, *tokens)
        LLM_CALLS.labels(purpose, str(cached).lower()).inc()
        if not cached:
            # Unrounded: a small call would otherwise add a rounding error to the sum.
            LLM_COST.labels(purpose, self.model).inc(exact_cost(self.model, *tokens))
            LLM_TOKENS.labels(purpose, "prompt").inc(tokens[0])
            LLM_TOKENS.labels(purpose, "completion").inc(tokens[1])
            LLM_LATENCY.labels(purpose).observe(latency_ms / 1000)
        log.info(
            "llm.call",
            purpose=purpose,
            model=self.model,
            cached=cached,
            prompt_tokens=tokens[0],
            completion_tokens=tokens[1],
            latency_ms=latency_ms,
            cost_usd=cost,
        )
        row = {
            "purpose": purpose,
            "model": self.model,
            "cached": cached,
            "prompt_tokens": tokens[0],
            "completion_tokens": tokens[1],
            "cost_usd": cost,
            "latency_ms": latency_ms,
        }
        if ledger is not None:  # the caller stores it once a cancellable run is over
            ledger.append(row)
        elif session is not None:
            await record_llm_call(session, **row)

    async def forget(self, purpose: str, prompt: Prompt, schema: type[BaseModel]) -> None:
        """Drop a cached answer that turned out to be unusable."""
        safe = await _redacted(prompt)
        await self.cache.delete(self._cache_key(purpose, schema.__name__, safe))

    async def structured(
        self,
        purpose: str,
        prompt: Prompt,
        schema: type[T],
        *,
        session: AsyncSession | None = None,
        use_cache: bool = True,
        ledger: list[dict[str, Any]] | None = None,
    ) -> T:
        """One call whose answer is validated into `schema`."""
        safe = await _redacted(prompt)
        key = self._cache_key(purpose, schema.__name__, safe)
        if use_cache and (hit := await self.cache.get(key)) is not None:
            try:
                result = schema.model_validate_json(hit)
            except ValidationError:
                await self.cache.delete(key)
            else:
                await self._record(session, purpose=purpose, cached=True, ledger=ledger)
                return result
        log.debug("llm.prompt", purpose=purpose, prompt=safe)
        runnable = self._chat.with_structured_output(schema, include_raw=True)
        started = time.perf_counter()
        try:
            reply: Any = await runnable.ainvoke(_messages(safe))
        except (ValidationError, OutputParserException) as exc:
            log.warning("llm.invalid_output", purpose=purpose, error=type(exc).__name__)
            raise LlmError(purpose, f"invalid structured output ({type(exc).__name__})") from exc
        except Exception as exc:
            log.warning("llm.failed", purpose=purpose, error=type(exc).__name__)
            raise LlmError(purpose, type(exc).__name__) from exc
        latency_ms = int((time.perf_counter() - started) * 1000)
        await self._record(
            session,
            purpose=purpose,
            cached=False,
            tokens=_usage(reply.get("raw")),
            latency_ms=latency_ms,
            ledger=ledger,
        )
        parsed = reply.get("parsed")
        if reply.get("parsing_error") is not None or not isinstance(parsed, schema):
            error = reply.get("parsing_error")
            log.warning("llm.invalid_output", purpose=purpose, error=type(error).__name__)
            raise LlmError(purpose, f"invalid structured output ({type(error).__name__})")
        if use_cache:
            await self.cache.set(key, parsed.model_dump_json(), self.config.cache_ttl)
        return parsed

    async def text(
        self,
        purpose: str,
        prompt: Prompt,
        *,
        session: AsyncSession | None = None,
        use_cache: bool = True,
    ) -> str:
        """One plain-text call (tutor answers, summaries)."""
        safe = await _redacted(prompt)
        key = self._cache_key(purpose, "text", safe)
        if use_cache and (hit := await self.cache.get(key)) is not None:
            await self._record(session, purpose=purpose, cached=True)
            return hit
        log.debug("llm.prompt", purpose=purpose, prompt=safe)
        started = time.perf_counter()
        try:
            message = await self._chat.ainvoke(_messages(safe))
        except Exception as exc:
            log.warning("llm.failed", purpose=purpose, error=type(exc).__name__)
            raise LlmError(purpose, type(exc).__name__) from exc
        latency_ms = int((time.perf_counter() - started) * 1000)
        await self._record(
            session, purpose=purpose, cached=False, tokens=_usage(message), latency_ms=latency_ms
        )
        content = message.content if isinstance(message, AIMessage) else str(message)
        answer = content if isinstance(content, str) else json.dumps(content)
        if use_cache:
            await self.cache.set(key, answer, self.config.cache_ttl)
        return answer
