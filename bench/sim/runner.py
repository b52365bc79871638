"""Run every policy on the same seeded cohorts with the same message budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bench.sim.planner import plan
from bench.sim.policies import (
    FsrsGreedy,
    Leitner,
    Ours,
    Policy,
    Previous,
    RandomTopics,
    RoundRobin,
)
from bench.sim.world import Cohort, World, apply, mean_recall

DAYS = 28
SEND_HOUR = 9 / 24
DAY_28 = DAYS + SEND_HOUR
DAY_56 = 2 * DAYS + SEND_HOUR
PLANNER = "planner"
POLICIES = ["ours", "previous", "fsrs-greedy", "leitner", "round-robin", "random", PLANNER]


def send_days(budget: int, days: int = DAYS) -> list[float]:
    """`budget` sending days spread evenly over `days` (21 in 28: three days in four)."""
    return [int(i * days / budget) + SEND_HOUR for i in range(budget)]


@dataclass(frozen=True)
class Outcome:
    """Per-learner figures of one policy in one world and seed."""

    recall_28: np.ndarray
    recall_56: np.ndarray
    topics: np.ndarray
    messages: np.ndarray


def _factory(name: str, seed: int) -> Callable[[list[tuple[int, ...]]], Policy]:
    if name == "ours":
        return Ours
    if name == "previous":
        return Previous
    if name == "fsrs-greedy":
        return FsrsGreedy
    if name == "leitner":
        return Leitner
    if name == "round-robin":
        return RoundRobin
    rng = np.random.default_rng(seed + 7)
    return lambda graph: RandomTopics(graph, rng)


def run_policy(world: World, name: str, learners: int, seed: int, budget: int) -> Outcome:
    cohort = Cohort(world, learners, seed)
    rng = np.random.default_rng(seed + 1)
    times = send_days(budget)
    rows = range(learners)
    policies = [] if name == PLANNER else [_factory(name, seed)(cohort.graph) for _ in rows]
    covered = np.zeros((learners, world.n_topics), dtype=bool)
    for m, t in enumerate(times):
        if name == PLANNER:
            topics = plan(world, cohort, times, m, DAY_28)
        else:
            topics = np.array([p.choose(t) for p in policies], dtype=np.int64)
        answer_at = t + float(rng.uniform(0.02, 0.4))
        right, quizzed = apply(world, cohort, cohort.state, topics, t, answer_at, rng)
        covered[np.arange(learners), topics] = True
        for b, p in enumerate(policies):
            answers = [(k, bool(right[b, k])) for k in np.nonzero(quizzed[b])[0]]
            p.observe(int(topics[b]), answer_at, answers)
    return Outcome(
        recall_28=mean_recall(world, cohort, cohort.state, DAY_28),
        recall_56=mean_recall(world, cohort, cohort.state, DAY_56),
        topics=covered.sum(1).astype(float),
        messages=np.full(learners, float(budget)),
    )
