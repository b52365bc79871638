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
    "thread_id",
]


async def next_topic(
    graph: Graph, context: NextTopicContext, learner_id: int, local_date: date
) -> Plan | None:
    """Run the graph on the learner's thread; None when the curriculum is empty."""
    start = NextTopicState(learner_id=learner_id, local_date=local_date.isoformat())
    config: RunnableConfig = {"configurable": {"thread_id": thread_id(learner_id)}}
    result = await graph.ainvoke(start, config, context=context)
    return result.get("plan")
