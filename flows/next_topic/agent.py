"""The LLM chooser: a tool-calling loop that ends when the model calls choose_topic."""

from __future__ import annotations

import json
import time
from typing import Any

import structlog
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from pydantic import SecretStr, ValidationError

from flows.next_topic import prompts
from flows.next_topic.context import Search
from flows.next_topic.state import Proposal
from flows.next_topic.tools import CHOOSE, ChooseTopic, build_tools
from knowledge.llm import LlmConfig, LlmError, estimate_cost

log = structlog.get_logger(__name__)

MAX_TURNS = 5
PURPOSE = "next_topic"


class LlmTopicAgent:
    def __init__(self, config: LlmConfig) -> None:
        self._model = config.model
        # No retries: the graph's time-out and policy fallback are the recovery.
        # Imported here: langchain_openai costs about a second at start-up, and most
        # processes (offline lessons, the worker without a key) never need it.
        from langchain_openai import ChatOpenAI

        self._chat = ChatOpenAI(
            api_key=SecretStr(config.api_key),
            base_url=config.base_url,
            model=config.model,
            timeout=config.timeout,
            max_retries=0,
            temperature=0,
        )

    def _account(self, reply: Any, started: float, ledger: list[dict[str, Any]] | None) -> None:
        """Tokens, latency and cost of one call, like every call through the LLM gateway."""
        usage = getattr(reply, "usage_metadata", None) or {}
        tokens = int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
        latency_ms = int((time.perf_counter() - started) * 1000)
        cost = estimate_cost(self._model, *tokens)
        log.info(
            "llm.call",
            purpose=PURPOSE,
            model=self._model,
            cached=False,
            prompt_tokens=tokens[0],
            completion_tokens=tokens[1],
            latency_ms=latency_ms,
            cost_usd=cost,
        )
        if ledger is not None:
            ledger.append(
                {
                    "purpose": PURPOSE,
                    "model": self._model,
                    "cached": False,
                    "prompt_tokens": tokens[0],
                    "completion_tokens": tokens[1],
                    "cost_usd": cost,
                    "latency_ms": latency_ms,
                }
            )

    async def propose(
        self,
        facts: dict[str, Any],
        search: Search | None,
        ledger: list[dict[str, Any]] | None = None,
    ) -> Proposal:
        """The model's choice. Each call's usage is appended to `ledger` for the caller to
        store once the (possibly cancelled) run is over."""
        tools = {t.name: t for t in build_tools(facts, search)}
        choose = {
            "type": "function",
            "function": {
                "name": CHOOSE,
                "description": ChooseTopic.__doc__,
                "parameters": ChooseTopic.model_json_schema(),
            },
        }
        model = self._chat.bind_tools([*tools.values(), choose])
        ranking = json.dumps(facts["ranking"][:5])
        messages: list[BaseMessage] = [
            SystemMessage(prompts.SYSTEM),
            HumanMessage(
                prompts.USER.format(
                    learner_id=facts["learner_id"], local_date=facts["local_date"], ranking=ranking
                )
            ),
        ]
        for _ in range(MAX_TURNS):
            started = time.perf_counter()
            reply = await model.ainvoke(messages)
            self._account(reply, started, ledger)
            if not isinstance(reply, AIMessage):
                break
            messages.append(reply)
            if not reply.tool_calls:
                return _parse(reply.content)
            for call in reply.tool_calls:
                if call["name"] in (CHOOSE, ChooseTopic.__name__):
                    return _proposal(call["args"])
                tool = tools.get(call["name"])
                output = await tool.ainvoke(call["args"]) if tool else "unknown tool"
                messages.append(ToolMessage(str(output), tool_call_id=call["id"] or ""))
        raise LlmError(PURPOSE, "no decision within the turn limit")


def _proposal(args: dict[str, Any]) -> Proposal:
    try:
        choice = ChooseTopic.model_validate(args)
    except ValidationError as exc:
        raise LlmError(PURPOSE, "invalid choice") from exc
    return Proposal(topic=choice.topic, kind=choice.kind, reason=choice.reason)


def _parse(content: Any) -> Proposal:
    """A model that answers in JSON text instead of calling the tool."""
    try:
        return _proposal(json.loads(content if isinstance(content, str) else json.dumps(content)))
    except json.JSONDecodeError as exc:
        raise LlmError(PURPOSE, "answer was not a decision") from exc
