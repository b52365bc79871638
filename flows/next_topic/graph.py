"""The next-topic graph: gather -> score -> choose -> validate -> plan.

A rejected or missing proposal goes through `fallback` (the deterministic policy) before
`plan`. A learner who already has today's plan gets it again instead of a second lesson.
The thread id is the learner, so the plan history survives restarts with a durable saver.
"""

from __future__ import annotations

from typing import Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from flows.next_topic import nodes
from flows.next_topic.context import NextTopicContext
from flows.next_topic.state import NextTopicState

Graph = CompiledStateGraph[NextTopicState, NextTopicContext, NextTopicState, NextTopicState]


async def after_gather(state: NextTopicState) -> Literal["score", "reuse"]:
    return "reuse" if nodes.todays_plan(state) is not None else "score"


async def after_validate(state: NextTopicState) -> Literal["plan", "fallback"]:
    return "plan" if state.get("proposal") is not None else "fallback"


def build_graph(checkpointer: BaseCheckpointSaver[str] | None = None) -> Graph:
    builder = StateGraph(NextTopicState, context_schema=NextTopicContext)
    builder.add_node("gather", nodes.gather)
    builder.add_node("reuse", nodes.reuse)
    builder.add_node("score", nodes.score)
    builder.add_node("choose", nodes.choose)
    builder.add_node("validate", nodes.validate)
    builder.add_node("fallback", nodes.fallback)
    builder.add_node("plan", nodes.plan)
    builder.add_edge(START, "gather")
    builder.add_conditional_edges("gather", after_gather)
    builder.add_edge("reuse", END)
    builder.add_edge("score", "choose")
    builder.add_edge("choose", "validate")
    builder.add_conditional_edges("validate", after_validate)
    builder.add_edge("fallback", "plan")
    builder.add_edge("plan", END)
    return builder.compile(checkpointer=checkpointer)


def thread_id(learner_id: int) -> str:
    """One thread per learner: the plan history is the learner's."""
    return f"learner:{learner_id}"
