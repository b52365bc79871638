"""The learner simulator, at small scale: our policy meets its goals against the
baselines and the hidden-state planner in every world."""

from __future__ import annotations

import pytest

from bench.sim.runner import run_world, send_days
from bench.sim.world import WORLDS

SHARE = {"fast": 0.5, "typical": 0.75, "slow": 0.75}


def test_the_budget_is_21_messages_spread_over_28_days() -> None:
    days = send_days(21)
    assert len(days) == 21 and len({int(d) for d in days}) == 21
    assert days[0] >= 0 and days[-1] < 28


@pytest.mark.parametrize("world", WORLDS, ids=[w.name for w in WORLDS])
def test_our_policy_beats_the_baselines_and_nears_the_planner(world: object) -> None:
    results = run_world(world, learners=12, budget=21)  # type: ignore[arg-type]
    ours = results["ours"]
    for baseline in ("leitner", "round-robin", "random"):
        assert ours.recall > results[baseline].recall, baseline
    assert ours.recall >= SHARE[world.name] * results["hidden-state planner"].recall  # type: ignore[attr-defined]
    assert ours.messages == 21 and ours.topics >= 15
    assert 0 < ours.retention < ours.recall
