"""Builds the learning flows once per process: the loop (next topic, grading) and the
tutor, shared by the Slack surface and the delivery worker.

The graphs start without a checkpointer (each plan is made afresh) and switch to the
Postgres checkpointer while `durable_flows` is open, so today's plan and the tutor's
conversation memory survive restarts and are the same for every caller in the process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from langgraph.checkpoint.base import BaseCheckpointSaver

from bot.document_wiring import embedder_from_settings
from bot.wiring import Services
from flows.checkpoint import postgres_checkpointer
from flows.loop import LessonSource, LoopDeps, loop_deps
from flows.next_topic import build_graph
from flows.tutor import TutorGraph, build_tutor_graph
from knowledge.embeddings import Embedder, NoEmbedder
from knowledge.llm import LlmGateway


@dataclass
class LearningFlows:
    loop: LoopDeps
    tutor: TutorGraph
    gateway: LlmGateway | None = None
    # The tutor searches the material by meaning with the same embeddings ingest used.
    embedder: Embedder = field(default_factory=NoEmbedder)

    async def aclose(self) -> None:
        close = getattr(self.embedder, "aclose", None)
        if close is not None:
            await close()

    def use_checkpointer(self, saver: BaseCheckpointSaver[str] | None) -> None:
        # In place: the Slack port and the worker's composer hold these same objects.
        self.loop.graph = build_graph(saver)
        self.tutor = build_tutor_graph(saver)


def build_learning_flows(
    lessons: LessonSource, gateway: LlmGateway | None = None, embedder: Embedder | None = None
) -> LearningFlows:
    """The LLM topic agent and tutor answers when a model is configured, else offline."""
    deps = loop_deps(lessons, llm=gateway)
    return LearningFlows(
        loop=deps, tutor=build_tutor_graph(), gateway=gateway, embedder=embedder or NoEmbedder()
    )


def learning_flows(services: Services) -> LearningFlows:
    """The process's one LearningFlows, built on first use."""
    if services.learning is None:
        lesson_services = services.lessons
        services.learning = build_learning_flows(
            lesson_services.lessons,
            lesson_services.gateway,
            embedder_from_settings(services.settings),
        )
    return services.learning


@asynccontextmanager
async def durable_flows(services: Services) -> AsyncIterator[LearningFlows]:
    """Run the flows on the Postgres checkpointer until the block exits."""
    flows = learning_flows(services)
    async with postgres_checkpointer(services.database_url) as saver:
        flows.use_checkpointer(saver)
        try:
            yield flows
        finally:
            flows.use_checkpointer(None)
