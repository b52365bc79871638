"""The LLM chooser: one structured call through the LLM gateway (PII redaction, purpose
tag, token and cost accounting), choosing among the policy's best few candidates and
writing the one sentence the learner sees."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from flows.next_topic import prompts
from flows.next_topic.context import Search
from flows.next_topic.state import Kind, Proposal
from knowledge.llm import LlmConfig, LlmError, LlmGateway

PURPOSE = "next_topic"
MAX_REASON = 200


class TopicChoice(BaseModel):
    """The next lesson: one of the offered topics, and why, in one sentence."""

    topic: str = Field(description="slug of one of the offered topics", max_length=120)
    reason: str = Field(
        description="one short sentence shown to the learner", max_length=MAX_REASON
    )


class LlmTopicAgent:
    def __init__(self, llm: LlmConfig | LlmGateway) -> None:
        if isinstance(llm, LlmConfig):
            # No retries: the graph's time-out and the policy's pick are the recovery.
            llm = LlmGateway(
                LlmConfig(
                    api_key=llm.api_key,
                    model=llm.model,
                    base_url=llm.base_url,
                    timeout=llm.timeout,
                    max_retries=0,
                    temperature=0,
                )
            )
        self.gateway = llm

    async def propose(
        self,
        facts: dict[str, Any],
        search: Search | None,
        ledger: list[dict[str, Any]] | None = None,
    ) -> Proposal:
        """The model's pick among facts["choices"]; each call's usage goes to `ledger`
        for the caller to store once the (possibly cancelled) run is over."""
        choices = facts["choices"]
        if not choices:
            raise LlmError(PURPOSE, "nothing to choose from")
        offered = [
            {"topic": c["topic"], "kind": c["kind"], "value": c["score"], "why": c["reason"]}
            for c in choices
        ]
        prompt = [
            ("system", prompts.SYSTEM),
            (
                "user",
                prompts.USER.format(
                    progress=json.dumps(facts["progress"]), choices=json.dumps(offered)
                ),
            ),
        ]
        choice = await self.gateway.structured(
            PURPOSE, prompt, TopicChoice, use_cache=False, ledger=ledger
        )
        kind: Kind = next((c["kind"] for c in choices if c["topic"] == choice.topic), "new")
        return Proposal(topic=choice.topic, kind=kind, reason=choice.reason.strip())
