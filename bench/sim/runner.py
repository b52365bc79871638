"""Run every policy on the same seeded cohorts with the same message budget."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.sim.policies import (
    HiddenStatePlanner,
    Leitner,
    Ours,
    Policy,
    RandomTopics,
    RoundRobin,
)
from bench.sim.world import ANSWER_DELAY, Learner, TopicSpec, World, curriculum

DAYS = 28
SEND_HOUR = 9 / 24
POLICIES = ["ours", "leitner", "round-robin", "random", "hidden-state planner"]


def send_days(budget: int, days: int = DAYS) -> list[float]:
    """`budget` sending days spread evenly over `days` (21 in 28: three days in four)."""
    return [int(i * days / budget) + SEND_HOUR for i in range(budget)]


@dataclass
class Outcome:
    recall: float = 0.0
    predicted: float = 0.0
    retention: float = 0.0
    topics: float = 0.0
    messages: float = 0.0


def _policy(name: str, topics: list[TopicSpec], learner: Learner, seed: int) -> Policy:
    if name == "ours":
        return Ours(topics)
    if name == "leitner":
        return Leitner(topics)
    if name == "round-robin":
        return RoundRobin(topics)
    if name == "random":
        return RandomTopics(topics, random.Random(seed + 7))
    return HiddenStatePlanner(topics, learner, DAYS + SEND_HOUR)


def run_one(world: World, name: str, seed: int, budget: int) -> Outcome:
    topics = curriculum()
    learner = Learner(world, topics, random.Random(seed))
    answers_rng = random.Random(seed + 1)
    policy = _policy(name, topics, learner, seed)
    covered: set[int] = set()
    for day in send_days(budget):
        topic = policy.choose(day)
        learner.study(topic, day)
        answer_at = day + answers_rng.uniform(*ANSWER_DELAY)
        policy.observe(topic, answer_at, learner.answer(topic, answer_at, answers_rng))
        covered.add(topic)
    end = DAYS + SEND_HOUR
    n_questions = sum(len(t) for t in learner.items)
    return Outcome(
        recall=learner.mean_recall(end),
        predicted=policy.predicted_recall(end, n_questions) if isinstance(policy, Ours) else 0.0,
        retention=learner.mean_recall(end + DAYS),
        topics=len(covered),
        messages=budget,
    )


def run_world(world: World, learners: int, budget: int, seed: int = 2026) -> dict[str, Outcome]:
    totals = {name: Outcome() for name in POLICIES}
    for i in range(learners):
        for name in POLICIES:
            one = run_one(world, name, seed * 10_000 + i * 10, budget)
            total = totals[name]
            total.recall += one.recall / learners
            total.predicted += one.predicted / learners
            total.retention += one.retention / learners
            total.topics += one.topics / learners
            total.messages += one.messages / learners
    return totals
