"""Graph state: plain, serialisable values only, so any checkpointer can store it."""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal, NotRequired, TypedDict

Kind = Literal["new", "review"]


class TopicFact(TypedDict):
    id: int
    slug: str
    title: str
    prerequisites: list[str]
    position: int


Source = Literal["agent", "policy"]


class Proposal(TypedDict):
    topic: str  # slug
    kind: Kind
    reason: str
    source: NotRequired[Source]


class Plan(TypedDict):
    topic_id: int
    topic: str
    title: str
    kind: Kind
    reason: str
    source: Source
    local_date: str


class NextTopicState(TypedDict, total=False):
    learner_id: int
    local_date: str  # ISO date in the learner's time zone
    topics: list[TopicFact]
    cards: list[dict[str, Any]]  # review_cards rows as plain dicts
    last_missed: dict[str, str]  # topic id -> ISO time of the latest wrong answer
    # The latest answers, oldest first: (question id, topic id, correct, ISO time).
    answers: list[tuple[int, int, bool, str]]
    candidates: list[dict[str, Any]]
    proposal: Proposal | None
    rejection: str | None
    plan: Plan | None
    # The other candidates as plans, best first: what delivery falls back to, in order,
    # when the plan's topic has no lesson it can send (no quiz, no approved version).
    fallbacks: list[Plan]
    # Every plan ever made for this learner (the thread), newest last.
    history: Annotated[list[Plan], operator.add]
