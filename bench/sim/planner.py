"""The reference: a planner that reads the hidden memory and plans over the remaining
message budget. Re-planned at every message: the few most promising topics (by one-step
gain in recall at the horizon) are each rolled out to the end of the budget with a greedy
hidden-state base policy under expected answer outcomes, and the best rollout's first
message is sent (rollout policy improvement, Bertsekas)."""

from __future__ import annotations

import copy

import numpy as np

from bench.sim.world import (
    MISSED,
    QUESTIONS_PER_TOPIC,
    RETRIEVED,
    Cohort,
    Ints,
    State,
    World,
    _add_trace,
    apply,
    mean_recall,
    prereq_weight,
    recall,
)

CANDIDATES = 8
ANSWER_DELAY = 0.2


def one_step_gain(
    world: World, cohort: Cohort, s: State, t: float, horizon: float, k: int
) -> np.ndarray:
    """(N, T) gain in summed recall at the horizon of one message on each topic now."""
    ability, difficulty = cohort.traits(k)
    before = recall(world, s, ability, difficulty, horizon).sum(-1)
    n, t_count, q = s.h.shape
    lesson = copy.deepcopy(s)
    w = prereq_weight(cohort, recall(world, s, ability, difficulty, t))
    ones = np.ones((n, t_count, q))
    _add_trace(
        world,
        lesson,
        ability,
        difficulty,
        t,
        ones,
        np.broadcast_to(w[:, :, None], ones.shape).copy(),
    )
    after = recall(world, lesson, ability, difficulty, horizon).sum(-1)
    seen = (s.n > 0).any(-1)
    if world.review == "question" and seen.any():
        quiz = copy.deepcopy(s)
        item = s.quizzed % q  # (N, T)
        mask = np.zeros((n, t_count, q))
        np.put_along_axis(mask, item[:, :, None], 1.0, axis=2)
        mask *= seen[:, :, None]
        p = recall(world, s, ability, difficulty, t + ANSWER_DELAY)
        strength = p * RETRIEVED + (1 - p) * MISSED
        if world.memory == "act-r":
            _add_trace(world, quiz, ability, difficulty, t + ANSWER_DELAY, mask, strength)
        else:
            _add_trace(world, quiz, ability, difficulty, t + ANSWER_DELAY, mask * strength, ones)
        after = np.where(seen, recall(world, quiz, ability, difficulty, horizon).sum(-1), after)
    return after - before


def plan(world: World, cohort: Cohort, times: list[float], m: int, horizon: float) -> Ints:
    """Topic per learner for message m (of `times`)."""
    s, t = cohort.state, times[m]
    b, t_count = s.h.shape[0], s.h.shape[1]
    c = min(CANDIDATES, t_count)
    gains = one_step_gain(world, cohort, s, t, horizon, 1)
    cand = np.argsort(-gains, axis=1, kind="stable")[:, :c]
    roll = s.repeat(c)
    apply(world, cohort, roll, cand.reshape(-1), t, t + ANSWER_DELAY, None, k=c)
    for later in times[m + 1 :]:
        g = one_step_gain(world, cohort, roll, later, horizon, c)
        apply(world, cohort, roll, np.argmax(g, axis=1), later, later + ANSWER_DELAY, None, k=c)
    value = mean_recall(world, cohort, roll, horizon, k=c).reshape(b, c)
    return cand[np.arange(b), np.argmax(value, axis=1)]


__all__ = ["QUESTIONS_PER_TOPIC", "plan"]
