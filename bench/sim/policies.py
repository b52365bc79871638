"""Next-topic policies under comparison. Each sees only what the product sees (which topic
was sent, right or wrong per question); the planner (bench.sim.planner) alone reads the
hidden memory. `Ours` runs the product's next-topic graph itself, with in-memory tables
in place of the database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol

import numpy as np

from bench.sim import previous_policy
from bench.sim.world import QUESTIONS_PER_TOPIC
from flows import policy as product_policy
from flows.next_topic import NextTopicContext, build_graph, next_topic
from flows.next_topic.records import LearnerRecord
from flows.next_topic.state import TopicFact
from flows.review import CardState, mastery_by_topic, new_card, rating_for, review, row_fields

Answers = list[tuple[int, bool]]  # (question index within the topic, right)
EPOCH = datetime(2026, 1, 5, tzinfo=UTC)


def at(day: float) -> datetime:
    return EPOCH + timedelta(days=day)


class Policy(Protocol):
    def choose(self, day: float) -> int: ...

    def observe(self, topic: int, day: float, answers: Answers) -> None: ...


def topic_infos(graph: list[tuple[int, ...]]) -> list[product_policy.TopicInfo]:
    return [
        product_policy.TopicInfo(
            id=i + 1,
            slug=f"topic-{i:02d}",
            title=f"Topic {i}",
            prerequisites=tuple(f"topic-{p:02d}" for p in ps),
            position=i,
        )
        for i, ps in enumerate(graph)
    ]


def review_row(card: CardState) -> dict[str, object]:
    """A review_cards row as the graph reads it."""
    row = row_fields(0, card)
    del row["learner_id"]
    return row


class FsrsCards:
    """FSRS cards per question, graded as production grades (flows.review)."""

    def __init__(self) -> None:
        self.cards: dict[int, CardState] = {}
        self.answers: list[product_policy.Answer] = []
        self.last_missed: dict[int, datetime] = {}

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        when = at(day)
        for k, right in answers:
            qid = topic * QUESTIONS_PER_TOPIC + k + 1
            state = self.cards.get(qid) or new_card(qid, topic + 1, when)
            self.cards[qid] = review(state, rating_for(right), when)
            self.answers.append(product_policy.Answer(qid, topic + 1, right, when))
            if not right:
                self.last_missed[topic + 1] = when


class InMemoryRecords:
    """The learner's tables for the graph, held in memory instead of the database."""

    def __init__(self, owner: Ours) -> None:
        self.owner = owner

    async def read(self, learner_id: int) -> LearnerRecord:
        o = self.owner
        return LearnerRecord(
            topics=o.topic_facts,
            cards=[review_row(c) for c in o.cards.values()],
            last_missed=dict(o.last_missed),
            answers=[(a.question_id, a.topic_id, a.correct, a.at) for a in o.answers],
        )


class Ours(FsrsCards):
    """The product's path: the next-topic graph (no LLM) over in-memory tables, its FSRS
    cards updated as flows.loop.answer updates them."""

    GRAPH = build_graph()
    LOOP = asyncio.new_event_loop()

    def __init__(self, graph: list[tuple[int, ...]]) -> None:
        super().__init__()
        self.topics = topic_infos(graph)
        self.topic_facts = [
            TopicFact(
                id=t.id,
                slug=t.slug,
                title=t.title,
                prerequisites=list(t.prerequisites),
                position=t.position,
            )
            for t in self.topics
        ]
        self.records = InMemoryRecords(self)

    def choose(self, day: float) -> int:
        now = at(day)
        ctx = NextTopicContext(None, now, records=self.records)
        plan = self.LOOP.run_until_complete(next_topic(self.GRAPH, ctx, 1, now.date()))
        assert plan is not None
        return plan["topic_id"] - 1


class Previous(FsrsCards):
    """The policy before the expected-gain rewrite (bench.sim.previous_policy)."""

    def __init__(self, graph: list[tuple[int, ...]]) -> None:
        super().__init__()
        self.topics = [
            previous_policy.TopicInfo(t.id, t.slug, t.title, t.prerequisites, t.position)
            for t in topic_infos(graph)
        ]

    def choose(self, day: float) -> int:
        snapshot = previous_policy.Snapshot(
            self.topics, list(self.cards.values()), at(day), self.last_missed
        )
        picked = previous_policy.choose(snapshot)
        assert picked is not None
        return picked.topic.id - 1


class FsrsGreedy(FsrsCards):
    """Plain FSRS scheduling: the due topic with the lowest predicted recall, else the next
    new topic in curriculum order, else the weakest topic."""

    def __init__(self, graph: list[tuple[int, ...]]) -> None:
        super().__init__()
        self.n = len(graph)

    def choose(self, day: float) -> int:
        now = at(day)
        mastery = mastery_by_topic(self.cards.values(), now)
        due = {c.topic_id for c in self.cards.values() if c.due <= now}
        if due:
            return min(due, key=lambda t: (mastery[t], t)) - 1
        unseen = [t for t in range(self.n) if t + 1 not in mastery]
        if unseen:
            return unseen[0]
        return min(mastery, key=lambda t: (mastery[t], t)) - 1


class Leitner:
    """Five boxes per topic (review after 1, 2, 4, 8, 16 days); all right moves a topic up,
    any miss sends it back to box one; new topics in curriculum order when nothing is due."""

    INTERVALS = (1, 2, 4, 8, 16)

    def __init__(self, graph: list[tuple[int, ...]]) -> None:
        self.n = len(graph)
        self.box: dict[int, int] = {}
        self.last: dict[int, float] = {}

    def choose(self, day: float) -> int:
        due = [
            (self.box[t], self.last[t], t)
            for t in self.box
            if day - self.last[t] >= self.INTERVALS[self.box[t]] - 0.5
        ]
        if due:
            return min(due)[2]
        unseen = [t for t in range(self.n) if t not in self.box]
        if unseen:
            return unseen[0]
        return min(self.box, key=lambda t: (self.last[t] + self.INTERVALS[self.box[t]], t))

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        all_right = all(right for _, right in answers)
        box = self.box.get(topic, -1)
        self.box[topic] = min(box + 1, len(self.INTERVALS) - 1) if all_right else 0
        self.last[topic] = day


class RoundRobin:
    """Every lesson in curriculum order, then cycle."""

    def __init__(self, graph: list[tuple[int, ...]]) -> None:
        self.n, self.sent = len(graph), 0

    def choose(self, day: float) -> int:
        return self.sent % self.n

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        self.sent += 1


class RandomTopics:
    def __init__(self, graph: list[tuple[int, ...]], rng: np.random.Generator) -> None:
        self.n, self.rng = len(graph), rng

    def choose(self, day: float) -> int:
        return int(self.rng.integers(self.n))

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        return
