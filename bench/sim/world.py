"""The hidden world: a curriculum and learners whose memory follows ACT-R, not FSRS.

Memory model (Pavlik & Anderson, 2005): each study of a question leaves a trace;
activation m(t) = beta + ln(sum_j w_j * (t - t_j) ** -d_j), where the decay of a trace
d_j = c * exp(m(t_j)) + a grows with how well the item was already known when studied
(the spacing effect: cramming decays fast). beta = learner ability - question difficulty;
w_j is the prerequisite effect: a lesson sticks less when the prerequisite topics are not
remembered. P(recall) = 1 / (1 + exp((tau - m) / s)); a multiple-choice answer is right
with P(recall) + (1 - P(recall)) / 4 (guessing among four options).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

TAU = -1.0
NOISE_S = 0.3
SPACING_C = 0.2
GUESS = 0.25
# Time from the lesson to the answer, in days (learners answer minutes to hours later).
ANSWER_DELAY = (0.02, 0.4)


@dataclass(frozen=True)
class World:
    name: str
    decay: float  # a: the base decay of every trace


WORLDS = [World("fast", 0.5), World("typical", 0.35), World("slow", 0.25)]


@dataclass(frozen=True)
class TopicSpec:
    index: int
    slug: str
    title: str
    prerequisites: tuple[int, ...]


def curriculum(n_topics: int = 20) -> list[TopicSpec]:
    """Five strands of four topics; within a strand each topic needs the previous one,
    and the first topic of strands 2..5 needs the first topic of strand 1."""
    topics = []
    for i in range(n_topics):
        strand, step = divmod(i, 4)
        if step > 0:
            prereqs: tuple[int, ...] = (i - 1,)
        elif strand > 0:
            prereqs = (0,)
        else:
            prereqs = ()
        topics.append(TopicSpec(i, f"topic-{i:02d}", f"Topic {i}", prereqs))
    return topics


QUESTIONS_PER_TOPIC = 3


@dataclass
class Item:
    difficulty: float
    traces: list[tuple[float, float, float]] = field(default_factory=list)  # (t, w, d)


class Learner:
    """One simulated learner's hidden memory over every question of the curriculum."""

    def __init__(self, world: World, topics: list[TopicSpec], rng: random.Random) -> None:
        self.world = world
        self.topics = topics
        self.ability = rng.gauss(0.0, 0.5)
        self.items = [
            [Item(rng.gauss(0.0, 0.5)) for _ in range(QUESTIONS_PER_TOPIC)] for _ in topics
        ]

    def activation(self, item: Item, t: float) -> float:
        total = sum(w * max(t - t0, 0.005) ** -d for t0, w, d in item.traces if t0 <= t)
        if total <= 0:
            return -math.inf
        return self.ability - item.difficulty + math.log(total)

    def recall(self, item: Item, t: float) -> float:
        m = self.activation(item, t)
        if m == -math.inf:
            return 0.0
        return 1.0 / (1.0 + math.exp((TAU - m) / NOISE_S))

    def topic_recall(self, topic: int, t: float) -> float:
        items = self.items[topic]
        return sum(self.recall(i, t) for i in items) / len(items)

    def prerequisite_weight(self, topic: int, t: float) -> float:
        prereqs = self.topics[topic].prerequisites
        if not prereqs:
            return 1.0
        known = sum(self.topic_recall(p, t) for p in prereqs) / len(prereqs)
        return 0.1 + 0.9 * known

    def study(self, topic: int, t: float) -> None:
        """A lesson on the topic: one new trace per question."""
        weight = self.prerequisite_weight(topic, t)
        for item in self.items[topic]:
            m = self.activation(item, t)
            d = self.world.decay + (SPACING_C * math.exp(m) if m > -math.inf else 0.0)
            item.traces.append((t, weight, d))

    def answer(self, topic: int, t: float, rng: random.Random) -> list[tuple[bool, int]]:
        """Answers to the topic's quiz at time t: (right, response milliseconds)."""
        answers = []
        for item in self.items[topic]:
            p = self.recall(item, t)
            right = rng.random() < p + (1 - p) * GUESS
            seconds = 4 + 40 * (1 - p) + rng.expovariate(1 / 4)
            answers.append((right, int(seconds * 1000)))
        return answers

    def mean_recall(self, t: float) -> float:
        items = [i for topic in self.items for i in topic]
        return sum(self.recall(i, t) for i in items) / len(items)

    def copy(self) -> Learner:
        twin = Learner.__new__(Learner)
        twin.world, twin.topics, twin.ability = self.world, self.topics, self.ability
        twin.items = [[Item(i.difficulty, list(i.traces)) for i in topic] for topic in self.items]
        return twin
