"""python -m bench.sim [--quick]: policies on fast, typical and slow forgetters."""

from __future__ import annotations

import argparse
import time

from bench.sim.runner import POLICIES, run_world
from bench.sim.world import WORLDS

BUDGET = 21
# Share of the hidden-state planner's recall ours must reach, per world.
PLANNER_SHARE = {"fast": 0.5, "typical": 0.75, "slow": 0.75}
BASELINES = ("leitner", "round-robin", "random")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small cohorts (< 60 s)")
    parser.add_argument("--learners", type=int, default=None)
    args = parser.parse_args()
    learners = args.learners or (24 if args.quick else 200)
    started = time.perf_counter()
    metrics: list[dict[str, object]] = []
    for world in WORLDS:
        results = run_world(world, learners, BUDGET)
        print(f"\n{world.name} forgetters: {learners} learners, {BUDGET} messages in 28 days")
        print(
            f"{'policy':<22}{'recall d28':>11}{'FSRS pred':>10}{'d56':>8}{'topics':>8}{'sent':>6}"
        )
        for name in POLICIES:
            r = results[name]
            pred = f"{r.predicted:.3f}" if name == "ours" else "-"
            print(
                f"{name:<22}{r.recall:>11.3f}{pred:>10}{r.retention:>8.3f}"
                f"{r.topics:>8.1f}{r.messages:>6.0f}"
            )
        ours, planner = results["ours"], results["hidden-state planner"]
        for name in POLICIES:
            r = results[name]
            metrics.append(_metric(f"{world.name} {name} recall at day 28", r.recall, None))
            metrics.append(_metric(f"{world.name} {name} recall at day 56", r.retention, None))
            metrics.append(_metric(f"{world.name} {name} topics covered", r.topics, None, ""))
            metrics.append(_metric(f"{world.name} {name} messages sent", r.messages, None, ""))
        metrics.append(_metric(f"{world.name} ours FSRS-predicted recall", ours.predicted, None))
        for name in BASELINES:
            lead = ours.recall - results[name].recall
            metrics.append(_metric(f"{world.name} ours minus {name} recall", lead, 0.0))
        share = ours.recall / planner.recall if planner.recall else 0.0
        metrics.append(
            _metric(f"{world.name} ours share of planner recall", share, PLANNER_SHARE[world.name])
        )
    elapsed = time.perf_counter() - started
    print(f"\n{elapsed:.1f} s")
    _write(metrics, learners, elapsed)


def _metric(name: str, value: float, goal: float | None, unit: str = "recall") -> dict[str, object]:
    return {"name": name, "value": round(value, 4), "unit": unit, "goal": goal}


def _write(raw: list[dict[str, object]], learners: int, elapsed: float) -> None:
    from bench.common import Metric, write_results

    metrics = [
        Metric(
            name=str(m["name"]),
            value=float(m["value"]),  # type: ignore[arg-type]
            unit=str(m["unit"]),
            goal=m["goal"],  # type: ignore[arg-type]
            higher_is_better=True,
        )
        for m in raw
    ]
    metrics.append(Metric(name="learners per world", value=learners, unit=""))
    metrics.append(Metric(name="wall time", value=round(elapsed, 1), unit="s"))
    write_results("sim", metrics)


if __name__ == "__main__":
    main()
