"""The next-topic agent: which lesson a learner gets next, and why."""

from __future__ import annotations

from datetime import date

from langchain_core.runnables import RunnableConfig

from flows.next_topic.context import NextTopicContext, Search, TopicAgent
from flows.next_topic.graph import Graph, build_graph, thread_id
from flows.next_topic.state import NextTopicState, Plan

__all__ = [
    "Graph",
    "NextTopicContext",
    "Plan",
    "Search",
    "TopicAgent",
    "build_graph",
    "next_topic",
    "next_topics",
    "thread_id",
]


async def next_topic(
    graph: Graph, context: NextTopicContext, learner_id: int, local_date: date
) -> Plan | None:
    """Run the graph on the learner's thread; None when the curriculum is empty."""
    plans = await next_topics(graph, context, learner_id, local_date)
    return plans[0] if plans else None


async def next_topics(
    graph: Graph, context: NextTopicContext, learner_id: int, local_date: date
) -> list[Plan]:
    """Today's plan, then every other candidate as a plan, best first (what delivery
    falls back to when a topic has no lesson it can send); empty for an empty curriculum."""
    start = NextTopicState(learner_id=learner_id, local_date=local_date.isoformat())
    config: RunnableConfig = {"configurable": {"thread_id": thread_id(learner_id)}}
    result = await graph.ainvoke(start, config, context=context)
    made = result.get("plan")
    if made is None:
        return []
    return [made, *(p for p in result.get("fallbacks", []) if p["topic"] != made["topic"])]
