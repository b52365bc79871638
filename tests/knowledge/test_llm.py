"""The LLM gateway through the real langchain-openai client against a local server."""

from __future__ import annotations

import pytest
import structlog
from prometheus_client import REGISTRY
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.cache import Cache
from knowledge.llm import LlmConfig, LlmError, LlmGateway, estimate_cost
from storage.models import LlmCall
from tests.support.fake_openai import FakeOpenAI, json_reply, text_reply


class Answer(BaseModel):
    answer: str
    confidence: float


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _gateway(fake: FakeOpenAI, cache: Cache | None = None) -> LlmGateway:
    config = LlmConfig(api_key="sk-test-secret", base_url=fake.base_url, max_retries=0, timeout=5)
    return LlmGateway(config, cache=cache)


async def test_structured_call_is_validated_recorded_and_then_served_from_cache(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    fake_openai.queue(json_reply({"answer": "21 days", "confidence": 0.9}))
    gateway = _gateway(fake_openai)
    hits_before = _metric("bmo_llm_calls_total", purpose="tutor", cached="true")
    prompt = [("system", "Answer from the passage."), ("user", "How long is the grace period?")]
    first = await gateway.structured("tutor", prompt, Answer, session=session)
    second = await gateway.structured("tutor", prompt, Answer, session=session)
    assert first == second == Answer(answer="21 days", confidence=0.9)
    assert len(fake_openai.bodies("/chat/completions")) == 1
    assert gateway.cache.stats()["hits"] == 1 and gateway.cache.stats()["misses"] == 1
    rows = list((await session.execute(select(LlmCall).order_by(LlmCall.id))).scalars())
    assert [(r.purpose, r.cached) for r in rows] == [("tutor", False), ("tutor", True)]
    assert rows[0].prompt_tokens > 0 and rows[0].completion_tokens == 50
    assert float(rows[0].cost_usd) == pytest.approx(
        estimate_cost("gpt-4o-mini", rows[0].prompt_tokens, 50), abs=1e-6
    )
    assert float(rows[1].cost_usd) == 0.0
    assert _metric("bmo_llm_calls_total", purpose="tutor", cached="true") == hits_before + 1


async def test_pii_never_leaves_in_a_prompt(fake_openai: FakeOpenAI) -> None:
    fake_openai.queue(text_reply("Noted."))
    gateway = _gateway(fake_openai)
    await gateway.text(
        "tutor",
        [("user", "I'm jo@corp.example, card 4111 1111 1111 1111, SSN 123-45-6789. Help?")],
    )
    sent = fake_openai.all_text_sent()
    for value in ("jo@corp.example", "4111 1111 1111 1111", "123-45-6789"):
        assert value not in sent
    assert "[EMAIL]" in sent and "[CARD]" in sent and "[SSN]" in sent


async def test_logs_carry_purpose_tokens_and_latency_but_no_prompt_or_key(
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.queue(text_reply("Pay the statement balance."))
    gateway = _gateway(fake_openai)
    with structlog.testing.capture_logs() as logs:
        await gateway.text("lesson", [("user", "What avoids interest on purchases?")])
    info = [e for e in logs if e["log_level"] == "info"]
    assert info and info[0]["event"] == "llm.call" and info[0]["purpose"] == "lesson"
    assert info[0]["latency_ms"] >= 0 and info[0]["prompt_tokens"] > 0
    dumped = repr(info)
    assert "avoids interest" not in dumped and "sk-test-secret" not in dumped


async def test_invalid_structured_output_and_server_errors_become_llm_errors(
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.queue(json_reply({"answer": "no confidence given"}))
    gateway = _gateway(fake_openai)
    with pytest.raises(LlmError, match="invalid structured output"):
        await gateway.structured("tutor", [("user", "q")], Answer)
    fake_openai.status_override = 500
    with pytest.raises(LlmError) as failure:
        await gateway.structured("tutor", [("user", "another q")], Answer)
    assert failure.value.purpose == "tutor"
    assert gateway.cache.stats()["hits"] == 0  # failures are never cached
