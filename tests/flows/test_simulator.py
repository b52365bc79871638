"""The learner simulator's world family at small scale: worlds behave as their memory
models say, the planner that reads hidden memory earns its place as the reference, and
every policy sends its whole budget."""

from __future__ import annotations

import numpy as np
import pytest

from bench.sim.policies import Ours, at
from bench.sim.runner import DAY_28, POLICIES, run_policy, send_days
from bench.sim.world import Cohort, World, apply, family, mean_recall
from flows import policy


def test_the_budget_is_21_messages_spread_over_28_days() -> None:
    days = send_days(21)
    assert len(days) == 21 and len({int(d) for d in days}) == 21
    assert days[0] >= 0 and days[-1] < 28


def test_the_family_covers_every_axis() -> None:
    worlds = family()
    assert {w.memory for w in worlds} == {"act-r", "exponential", "power"}
    assert {w.review for w in worlds} == {"question", "restudy"}
    assert {w.density for w in worlds} == {0.4, 0.9}
    assert {w.n_topics for w in worlds} == {20, 40}
    assert {w.speed for w in worlds} == {"fast", "typical", "slow"}


@pytest.mark.parametrize("memory", ["act-r", "exponential", "power"])
def test_a_lesson_is_forgotten_faster_by_fast_forgetters(memory: str) -> None:
    kept = {}
    for speed in ("fast", "slow"):
        world = World(memory, "restudy", 0.4, 20, speed)  # type: ignore[arg-type]
        cohort = Cohort(world, 20, seed=5)
        apply(world, cohort, cohort.state, np.zeros(20, dtype=np.int64), 0.0, 0.1, None)
        kept[speed] = mean_recall(world, cohort, cohort.state, 7.0).mean()
    assert 0 < kept["fast"] < kept["slow"]


def test_a_question_review_strengthens_one_item_a_restudy_all() -> None:
    for review, strengthened in (("question", 1), ("restudy", 3)):
        world = World("exponential", review, 0.4, 20, "typical")  # type: ignore[arg-type]
        cohort = Cohort(world, 1, seed=3)
        topic = np.zeros(1, dtype=np.int64)
        apply(world, cohort, cohort.state, topic, 0.0, 0.1, None)
        before = cohort.state.h[0, 0].copy()
        _, quizzed = apply(world, cohort, cohort.state, topic, 3.0, 3.1, None)
        assert int((cohort.state.h[0, 0] > before).sum()) == strengthened
        assert int(quizzed.sum()) == strengthened


def test_a_forgotten_prerequisite_makes_a_lesson_stick_less() -> None:
    world = World("exponential", "restudy", 0.9, 20, "typical")
    cohort = Cohort(world, 1, seed=1)
    dependent = next(i for i, ps in enumerate(cohort.graph) if ps)
    apply(world, cohort, cohort.state, np.array([dependent]), 0.0, 0.1, None)
    alone = cohort.state.h[0, dependent].mean()
    taught = Cohort(world, 1, seed=1)
    for p in cohort.graph[dependent]:
        apply(world, taught, taught.state, np.array([p]), 0.0, 0.1, None)
    apply(world, taught, taught.state, np.array([dependent]), 0.5, 0.6, None)
    assert taught.state.h[0, dependent].mean() > alone


@pytest.mark.parametrize(
    "world",
    [World("act-r", "question", 0.4, 20, "typical"), World("power", "restudy", 0.9, 20, "fast")],
    ids=lambda w: w.name,
)
def test_the_planner_beats_random_and_every_policy_sends_its_budget(world: World) -> None:
    results = {name: run_policy(world, name, learners=4, seed=9, budget=21) for name in POLICIES}
    assert results["planner"].recall_28.mean() > results["random"].recall_28.mean()
    for name, outcome in results.items():
        assert (outcome.messages == 21).all(), name
        assert (outcome.topics >= 1).all(), name
        assert (outcome.recall_56 <= outcome.recall_28 + 1e-9).all(), name
    assert pytest.approx(28.375) == DAY_28


def test_the_benchmark_drives_the_graph_which_chooses_as_the_policy_does() -> None:
    world = World("exponential", "question", 0.9, 20, "typical")
    cohort = Cohort(world, 1, seed=4)
    ours = Ours(cohort.graph)
    rng = np.random.default_rng(5)
    for day in send_days(21):
        snapshot = policy.Snapshot(
            ours.topics, list(ours.cards.values()), at(day), ours.last_missed, ours.answers
        )
        expected = policy.choose(snapshot)
        topic = ours.choose(day)  # through flows.next_topic's graph
        assert expected is not None and topic == expected.topic.id - 1
        right, quizzed = apply(world, cohort, cohort.state, np.array([topic]), day, day + 0.1, rng)
        ours.observe(
            topic, day + 0.1, [(int(k), bool(right[0, k])) for k in np.nonzero(quizzed[0])[0]]
        )
