"""Next-topic policies under comparison. Each sees only what the product sees (which topic
was sent, right/wrong per question, response time), except the hidden-state planner, which
reads the simulated memory and is the upper bound."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bench.sim.world import QUESTIONS_PER_TOPIC, Learner, TopicSpec
from flows import policy as product_policy
from flows.review import CardState, new_card, rating_for, review

Answers = list[tuple[bool, int]]
EPOCH = datetime(2026, 1, 5, tzinfo=UTC)


def at(day: float) -> datetime:
    return EPOCH + timedelta(days=day)


class Policy(Protocol):
    name: str

    def choose(self, day: float) -> int: ...

    def observe(self, topic: int, day: float, answers: Answers) -> None: ...


class Ours:
    """The product's policy code (flows.policy) over FSRS cards (flows.review)."""

    name = "ours"

    def __init__(self, topics: list[TopicSpec]) -> None:
        self.topics = [
            product_policy.TopicInfo(
                id=t.index + 1,
                slug=t.slug,
                title=t.title,
                prerequisites=tuple(topics[p].slug for p in t.prerequisites),
                position=t.index,
            )
            for t in topics
        ]
        self.cards: dict[int, CardState] = {}
        self.last_missed: dict[int, datetime] = {}

    def choose(self, day: float) -> int:
        snapshot = product_policy.Snapshot(
            self.topics, list(self.cards.values()), at(day), self.last_missed
        )
        picked = product_policy.choose(snapshot)
        assert picked is not None
        return picked.topic.id - 1

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        when = at(day)
        for k, (right, ms) in enumerate(answers):
            qid = topic * QUESTIONS_PER_TOPIC + k + 1
            state = self.cards.get(qid) or new_card(qid, topic + 1, when)
            self.cards[qid] = review(state, rating_for(right, ms), when)
            if not right:
                self.last_missed[topic + 1] = when

    def predicted_recall(self, day: float, n_questions: int) -> float:
        when = at(day)
        return sum(c.recall(when) for c in self.cards.values()) / n_questions


class Leitner:
    """Five boxes per topic (review after 1, 2, 4, 8, 16 days); all right moves a topic up,
    any miss sends it back to box one; new topics in curriculum order when nothing is due."""

    name = "leitner"
    INTERVALS = (1, 2, 4, 8, 16)

    def __init__(self, topics: list[TopicSpec]) -> None:
        self.n = len(topics)
        self.box: dict[int, int] = {}
        self.last: dict[int, float] = {}

    def choose(self, day: float) -> int:
        due = [
            (self.box[t], self.last[t], t)
            for t in self.box
            if day - self.last[t] >= self.INTERVALS[self.box[t]] - 0.01
        ]
        if due:
            return min(due)[2]
        unseen = [t for t in range(self.n) if t not in self.box]
        if unseen:
            return unseen[0]
        return min(self.box, key=lambda t: (self.last[t] + self.INTERVALS[self.box[t]], t))

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        all_right = all(right for right, _ in answers)
        box = self.box.get(topic, -1)
        self.box[topic] = min(box + 1, len(self.INTERVALS) - 1) if all_right else 0
        self.last[topic] = day


class RoundRobin:
    name = "round-robin"

    def __init__(self, topics: list[TopicSpec]) -> None:
        self.n, self.sent = len(topics), 0

    def choose(self, day: float) -> int:
        return self.sent % self.n

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        self.sent += 1


class RandomTopics:
    name = "random"

    def __init__(self, topics: list[TopicSpec], rng: random.Random) -> None:
        self.n, self.rng = len(topics), rng

    def choose(self, day: float) -> int:
        return self.rng.randrange(self.n)

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        return


class HiddenStatePlanner:
    """Reads the hidden memory: each time, the lesson that most raises recall at the
    horizon, counting what it does for the topic and for topics that build on it."""

    name = "hidden-state planner"

    def __init__(self, topics: list[TopicSpec], learner: Learner, horizon: float) -> None:
        self.topics, self.learner, self.horizon = topics, learner, horizon

    def _value(self, learner: Learner, topic: int) -> float:
        own = learner.topic_recall(topic, self.horizon)
        dependents = [t.index for t in self.topics if topic in t.prerequisites]
        return (
            own
            + 0.3 * sum(learner.topic_recall(d, self.horizon) for d in dependents)
            + sum(0.2 * (1 - learner.topic_recall(d, self.horizon)) * own for d in dependents)
        )

    def choose(self, day: float) -> int:
        best, best_gain = 0, -1.0
        for topic in range(len(self.topics)):
            before = self._value(self.learner, topic)
            twin = self.learner.copy()
            twin.study(topic, day)
            gain = self._value(twin, topic) - before
            if gain > best_gain:
                best, best_gain = topic, gain
        return best

    def observe(self, topic: int, day: float, answers: Answers) -> None:
        return
