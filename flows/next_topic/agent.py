"""The LLM chooser: a tool-calling loop that ends when the model calls choose_topic."""

from __future__ import annotations

import json
from typing import Any

import structlog
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr, ValidationError

from flows.next_topic import prompts
from flows.next_topic.context import Search
from flows.next_topic.state import Proposal
from flows.next_topic.tools import CHOOSE, ChooseTopic, build_tools
from knowledge.llm import LlmConfig, LlmError

log = structlog.get_logger(__name__)

MAX_TURNS = 5


class LlmTopicAgent:
    def __init__(self, config: LlmConfig) -> None:
        # No retries: the graph's time-out and policy fallback are the recovery.
        self._chat = ChatOpenAI(
            api_key=SecretStr(config.api_key),
            base_url=config.base_url,
            model=config.model,
            timeout=config.timeout,
            max_retries=0,
            temperature=0,
        )

    async def propose(self, facts: dict[str, Any], search: Search | None) -> Proposal:
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
            reply = await model.ainvoke(messages)
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
        raise LlmError("next_topic", "no decision within the turn limit")


def _proposal(args: dict[str, Any]) -> Proposal:
    try:
        choice = ChooseTopic.model_validate(args)
    except ValidationError as exc:
        raise LlmError("next_topic", "invalid choice") from exc
    return Proposal(topic=choice.topic, kind=choice.kind, reason=choice.reason)


def _parse(content: Any) -> Proposal:
    """A model that answers in JSON text instead of calling the tool."""
    try:
        return _proposal(json.loads(content if isinstance(content, str) else json.dumps(content)))
    except json.JSONDecodeError as exc:
        raise LlmError("next_topic", "answer was not a decision") from exc
