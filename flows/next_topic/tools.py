"""The next-topic agent's tools: read-only views of the facts the graph gathered, plus a
search of the training material. Built per run, so every tool sees one learner only."""

from __future__ import annotations

import json
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from flows.next_topic.context import Search

CHOOSE = "choose_topic"


class ChooseTopic(BaseModel):
    """Record the decision: the next lesson's topic."""

    topic: str = Field(description="slug of a topic in the catalogue")
    kind: Literal["new", "review"]
    reason: str = Field(description="one sentence shown to the learner")


class SearchArgs(BaseModel):
    query: str = Field(description="what to look for in the training material")


def build_tools(facts: dict[str, Any], search: Search | None) -> list[BaseTool]:
    def _dump(value: Any) -> str:
        return json.dumps(value, default=str)

    async def learner_progress() -> str:
        """Mastery (predicted recall, 0..1) of every topic the learner has studied."""
        return _dump(facts["progress"])

    async def due_reviews() -> str:
        """Topics with reviews due now, lowest predicted recall first."""
        return _dump(facts["due"])

    async def topic_catalogue() -> str:
        """Every topic: slug, title and prerequisite slugs."""
        return _dump(facts["catalogue"])

    async def knowledge_search(query: str) -> str:
        """Headings and snippets of the training material matching the query."""
        if search is None:
            return "[]"
        passages = await search(query)
        return _dump([{"heading": p.heading, "text": p.text[:300]} for p in passages[:4]])

    tools: list[BaseTool] = [
        StructuredTool.from_function(coroutine=fn)
        for fn in (learner_progress, due_reviews, topic_catalogue)
    ]
    tools.append(StructuredTool.from_function(coroutine=knowledge_search, args_schema=SearchArgs))
    return tools
