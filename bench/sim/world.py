"""A family of hidden worlds: curricula and learners whose memory follows one of three
models, none of them FSRS. State is numpy arrays with a leading batch axis (learners, or
learners x candidates inside the planner), so a whole cohort steps at once.

Memory models (each question of each topic is one item):
- act-r: Pavlik & Anderson (2005). Activation m(t) = ability - difficulty +
  ln(sum_j w_j (t - t_j)^-d_j), trace decay d_j = a + c exp(m(t_j)) (cramming decays fast),
  P(recall) = 1 / (1 + exp((tau - m) / s)).
- exponential: R = 2^(-dt / h), half-life h.
- power: R = (1 + dt / h)^-1, a heavy tail (a power law with exponent 1, not FSRS's).
  In both strength models a study at recall R multiplies h by 1 + G (1 - R) (the spacing
  effect); the first study sets h = h0 exp(ability - difficulty).
Every study is weighted by the prerequisites: w = 0.2 + 0.8 x (mean hidden recall of the
topic's prerequisites), so a lesson on a forgotten foundation sticks poorly.

Messages: a new topic is a lesson (every item studied). A review is either one quiz
question (`question`: retrieval practice of one item, feedback on a miss) or the topic's
lesson again (`restudy`). Answers are multiple choice: right with R + (1 - R) / 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Memory = Literal["act-r", "exponential", "power"]
ReviewMode = Literal["question", "restudy"]
Speed = Literal["fast", "typical", "slow"]

QUESTIONS_PER_TOPIC = 3
GUESS = 0.25
MAX_TRACES = 24
# ACT-R constants (Pavlik & Anderson) and the base decay per kind of learner.
TAU, NOISE_S, SPACING_C = -1.0, 0.3, 0.2
ACTR_DECAY = {"fast": 0.5, "typical": 0.35, "slow": 0.25}
# Strength models: first-study half-life in days per kind of learner, spacing gain.
HALF_LIFE = {"fast": 1.0, "typical": 3.0, "slow": 8.0}
SPACING_GAIN = 4.0
# Quiz outcome weights: a retrieved answer is a full trace, a miss with feedback less.
RETRIEVED, MISSED = 1.0, 0.6

F = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class World:
    memory: Memory
    review: ReviewMode
    density: float
    n_topics: int
    speed: Speed

    @property
    def name(self) -> str:
        return (
            f"{self.memory}/{self.review}/prereq {round(self.density * 100)}%/"
            f"{self.n_topics} topics/{self.speed}"
        )


def family() -> list[World]:
    return [
        World(memory, review, density, n, speed)
        for memory in ("act-r", "exponential", "power")
        for review in ("question", "restudy")
        for density in (0.4, 0.9)
        for n in (20, 40)
        for speed in ("fast", "typical", "slow")
    ]


def prerequisites(n_topics: int, density: float, rng: np.random.Generator) -> list[tuple[int, ...]]:
    """Curriculum order is the topic index; `density` of the topics have one or two
    prerequisites among the few topics before them."""
    with_prereqs = set(
        rng.choice(
            np.arange(1, n_topics), size=min(round(density * n_topics), n_topics - 1), replace=False
        ).tolist()
    )
    graph: list[tuple[int, ...]] = []
    for i in range(n_topics):
        if i not in with_prereqs:
            graph.append(())
            continue
        window = np.arange(max(0, i - 6), i)
        k = 1 if len(window) == 1 or rng.random() < 0.6 else 2
        graph.append(tuple(sorted(rng.choice(window, size=k, replace=False).tolist())))
    return graph


@dataclass
class State:
    """Hidden memory of a batch of learners. Strength models use h/t0; ACT-R uses traces."""

    h: F  # (N, T, Q) half-life in days, 0 = never studied
    t0: F  # (N, T, Q) time of the last study
    tt: F  # (N, T, Q, K) trace times (inf = none)
    tw: F  # (N, T, Q, K) trace weights
    td: F  # (N, T, Q, K) trace decays
    n: Ints  # (N, T, Q) traces so far
    quizzed: Ints  # (N, T) questions of the topic quizzed so far (rotates the review question)

    def repeat(self, k: int) -> State:
        """Each learner k times over (learner-major), for candidate rollouts."""
        return State(*(np.repeat(a, k, axis=0) for a in self.__dict__.values()))


class Cohort:
    """A world's hidden learners: fixed traits plus the evolving State."""

    def __init__(self, world: World, learners: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.world = world
        self.graph = prerequisites(world.n_topics, world.density, rng)
        t, q = world.n_topics, QUESTIONS_PER_TOPIC
        self.ability = rng.normal(0.0, 0.4, size=(learners, 1, 1))
        self.difficulty = rng.normal(0.0, 0.5, size=(learners, t, q))
        self.state = empty_state(learners, t, q)
        # prereq matrix (T, T): row i averages the recall of topic i's prerequisites.
        self.prereq = np.zeros((t, t))
        for i, ps in enumerate(self.graph):
            for p in ps:
                self.prereq[i, p] = 1.0 / len(ps)
        self.has_prereq = np.array([bool(ps) for ps in self.graph])

    def traits(self, k: int = 1) -> tuple[F, F]:
        return np.repeat(self.ability, k, axis=0), np.repeat(self.difficulty, k, axis=0)


def empty_state(n: int, t: int, q: int) -> State:
    return State(
        h=np.zeros((n, t, q)),
        t0=np.zeros((n, t, q)),
        tt=np.full((n, t, q, MAX_TRACES), np.inf),
        tw=np.zeros((n, t, q, MAX_TRACES)),
        td=np.ones((n, t, q, MAX_TRACES)),
        n=np.zeros((n, t, q), dtype=np.int64),
        quizzed=np.zeros((n, t), dtype=np.int64),
    )


def _actr_activation(s: State, ability: F, difficulty: F, t: float) -> F:
    k = max(int(s.n.max()), 1)  # only the filled trace slots
    dt = t - s.tt[..., :k]
    live = dt >= 0
    powered = np.maximum(dt, 0.005) ** -np.where(live, s.td[..., :k], 1.0)
    total = np.where(live, s.tw[..., :k] * powered, 0.0).sum(-1)
    with np.errstate(divide="ignore"):
        return np.where(
            total > 0, ability - difficulty + np.log(np.maximum(total, 1e-300)), -np.inf
        )


def recall(world: World, s: State, ability: F, difficulty: F, t: float) -> F:
    """Hidden recall probability of every item at time t: (N, T, Q)."""
    if world.memory == "act-r":
        m = _actr_activation(s, ability, difficulty, t)
        return np.where(
            np.isfinite(m), 1.0 / (1.0 + np.exp((TAU - np.minimum(m, 50)) / NOISE_S)), 0.0
        )
    seen = s.h > 0
    dt = np.maximum(t - s.t0, 0.0) / np.where(seen, s.h, 1.0)
    r = np.exp2(-dt) if world.memory == "exponential" else 1.0 / (1.0 + dt)
    return np.where(seen, r, 0.0)


def prereq_weight(cohort: Cohort, r: F) -> F:
    """(N, T) study weight of each topic given current recall r (N, T, Q)."""
    known = r.mean(-1) @ cohort.prereq.T
    return np.where(cohort.has_prereq, 0.2 + 0.8 * known, 1.0)


def _add_trace(world: World, s: State, ability: F, difficulty: F, t: float, mask: F, w: F) -> None:
    """Strengthen the items where mask > 0 by a study of weight w (both (N, T, Q))."""
    on = mask > 0
    if world.memory == "act-r":
        m = _actr_activation(s, ability, difficulty, t)
        d = ACTR_DECAY[world.speed] + np.where(
            np.isfinite(m), SPACING_C * np.exp(np.minimum(m, 5)), 0.0
        )
        slot = np.minimum(s.n, MAX_TRACES - 1)
        idx = np.nonzero(on)
        k = slot[idx]
        s.tt[(*idx, k)] = t
        s.tw[(*idx, k)] = (w * mask)[idx]
        s.td[(*idx, k)] = d[idx]
        s.n[idx] = np.minimum(s.n[idx] + 1, MAX_TRACES)
        return
    r = recall(world, s, ability, difficulty, t)
    first = HALF_LIFE[world.speed] * np.exp(ability - difficulty) * w
    grown = s.h * (1.0 + SPACING_GAIN * (1.0 - r) * w)
    new_h = np.where(s.h > 0, np.maximum(grown, first), first)
    # mask in (0, 1]: an expected study (planner rollouts) moves h part of the way.
    s.h = np.where(on, s.h + mask * (new_h - s.h), s.h)
    s.t0 = np.where(on, t, s.t0)
    s.n = s.n + on


def apply(
    world: World,
    cohort: Cohort,
    s: State,
    topics: Ints,
    t: float,
    answer_at: float,
    rng: np.random.Generator | None,
    k: int = 1,
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """One message per batch row on topics (N,), sent at t and answered at answer_at.
    With rng, answers are drawn; without, expected outcomes are applied (the planner's
    rollouts). Returns (right, quizzed), both (N, Q)."""
    ability, difficulty = cohort.traits(k)
    n, t_count, q = s.h.shape
    rows = np.arange(n)
    seen = (s.n[rows, topics] > 0).any(-1)
    lesson = ~seen | (world.review == "restudy")
    quizzed = np.zeros((n, q), dtype=bool)
    right = np.zeros((n, q), dtype=bool)
    if lesson.any():
        w = prereq_weight(cohort, recall(world, s, ability, difficulty, t))
        chosen = np.zeros((n, t_count, q))
        chosen[rows[lesson], topics[lesson], :] = 1.0
        weight = np.broadcast_to(w[:, :, None], (n, t_count, q)).copy()
        _add_trace(world, s, ability, difficulty, t, chosen, weight)
        quizzed[lesson] = True
        if rng is not None:
            p = recall(world, s, ability, difficulty, answer_at)[rows, topics]
            right[lesson] = (rng.random((n, q)) < p + (1 - p) * GUESS)[lesson]
    review = ~lesson
    if review.any():
        item = s.quizzed[rows, topics] % q
        p = recall(world, s, ability, difficulty, answer_at)[rows, topics, item]
        if rng is None:
            strength = p * RETRIEVED + (1 - p) * MISSED
        else:
            u = rng.random(n)
            strength = np.where(u < p, RETRIEVED, MISSED)
            right[rows[review], item[review]] = (u < p + (1 - p) * GUESS)[review]
        mask = np.zeros((n, t_count, q))
        mask[rows[review], topics[review], item[review]] = 1.0
        full = np.broadcast_to(strength[:, None, None], (n, t_count, q)).copy()
        if world.memory == "act-r":
            _add_trace(world, s, ability, difficulty, answer_at, mask, full)
        else:
            _add_trace(world, s, ability, difficulty, answer_at, mask * full, np.ones_like(full))
        quizzed[rows[review], item[review]] = True
    s.quizzed[rows, topics] += 1
    return right, quizzed


def mean_recall(world: World, cohort: Cohort, s: State, t: float, k: int = 1) -> F:
    ability, difficulty = cohort.traits(k)
    return recall(world, s, ability, difficulty, t).mean(axis=(1, 2))
