"""python -m bench.sim [--quick] [--tune]: next-topic policies across a family of simulated worlds.

Every world (memory model x review kind x prerequisite density x curriculum size x kind of
learner) runs every policy on the same seeded cohorts, 21 messages in 28 days. `ours` is
the product's next-topic graph (no LLM) over in-memory tables, graded as production grades
(flows.review: right = Good, wrong = Again). The
power-law worlds are held out: the policy's constants were tuned on the ACT-R and
exponential worlds only (with seeds not used here), and the two groups are reported
apart. Tuning runs (`--tune`: the ACT-R and exponential worlds with their own seeds,
TUNING_SEEDS) never touch the held-out worlds. Only a run of the whole family with the
reported seeds writes bench/results/sim.json (summary) and bench/results/sim.md (the full
table); `--cache DIR` keeps the baselines' and planner's figures, which tuning the policy
does not change, between runs, and `--set NAME=VALUE` tries another value of one of
flows.policy's constants without editing it (never written to the results).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from bench.sim.runner import PLANNER, POLICIES, run_policy
from bench.sim.world import World, family
from flows import policy

BUDGET = 21
SEEDS = (101, 102, 103)
TUNING_SEEDS = (201, 202, 203)
HELD_OUT = "power"
SHARE_GOAL = 0.8
BASELINES = ("fsrs-greedy", "leitner", "round-robin", "random")


def held_out(world: World) -> bool:
    return world.memory == HELD_OUT


# Policies whose figures do not depend on the product's policy code (cacheable).
FIXED = tuple(n for n in POLICIES if n != "ours")


# Constants derived from others at import: overriding them alone would be inconsistent.
DERIVED = frozenset({"_GRID", "FSRS_DECAY"})


def overrides(pairs: list[str]) -> dict[str, object]:
    """NAME=VALUE pairs (Python literals) for flows.policy's upper-case constants."""
    out: dict[str, object] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name.isupper() or not hasattr(policy, name) or name in DERIVED:
            raise ValueError(f"not a tunable flows.policy constant: {pair!r}")
        if name in ("SCALES", "DECAYS"):
            raise ValueError(f"{name} feeds a grid built at import; edit flows/policy.py")
        try:
            out[name] = ast.literal_eval(text)
        except (ValueError, SyntaxError) as exc:
            raise ValueError(f"not a Python literal: {pair!r}") from exc
    return out


def set_constants(values: dict[str, object]) -> None:
    """Runs in every worker before its first job."""
    for name, value in values.items():
        setattr(policy, name, value)


def run_job(
    job: tuple[World, int, int, str | None],
) -> tuple[World, int, dict[str, tuple[float, ...]]]:
    world, seed, learners, cache = job
    cached: dict[str, list[float]] = {}
    path = None
    if cache:
        key = f"{world.name.replace('/', '_').replace(' ', '').replace('%', '')}-{seed}-{learners}"
        path = Path(cache) / f"{key}.json"
        if path.exists():
            cached = json.loads(path.read_text())
    out = {}
    for name in POLICIES:
        if name in cached:
            out[name] = tuple(cached[name])
            continue
        o = run_policy(world, name, learners, seed, BUDGET)
        out[name] = (
            float(o.recall_28.mean()),
            float(o.recall_56.mean()),
            float(o.topics.mean()),
            float(o.messages.mean()),
        )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({n: out[n] for n in FIXED}))
    return world, seed, out


def verdict(per_seed: list[dict[str, tuple[float, ...]]], who: str) -> dict[str, object]:
    """Means over seeds and the goal checks for policy `who` in one world."""
    mean = {n: np.mean([s[n] for s in per_seed], axis=0) for n in POLICIES}
    spread = {n: np.std([s[n][0] for s in per_seed]) for n in POLICIES}
    share = mean[who][0] / mean[PLANNER][0] if mean[PLANNER][0] else 0.0
    beats = all(mean[who][0] > mean[b][0] for b in BASELINES)
    keeps = mean[who][1] >= mean["leitner"][1]
    return {
        "mean": mean,
        "spread": spread,
        "share": share,
        "beats": beats,
        "keeps": keeps,
        "met": share >= SHARE_GOAL and beats and keeps,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a dozen worlds, small cohorts")
    parser.add_argument("--learners", type=int, default=None, help="learners per world and seed")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--tune", action="store_true", help="tuning worlds only, with the tuning seeds"
    )
    parser.add_argument("--match", default="", help="only worlds whose name contains this")
    parser.add_argument("--cache", default=None, help="directory keeping baseline figures")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="try another value of a flows.policy constant (repeatable; results not written)",
    )
    args = parser.parse_args()
    try:
        values = overrides(args.set)
    except ValueError as exc:
        parser.error(str(exc))
    worlds = family()
    if args.quick:
        worlds = worlds[::6]
    if args.tune:
        worlds = [w for w in worlds if not held_out(w)]
    worlds = [w for w in worlds if args.match in w.name]
    seeds = TUNING_SEEDS if args.tune else SEEDS
    learners = args.learners or 4
    started = time.perf_counter()
    jobs = [(w, seed, learners, args.cache) for w in worlds for seed in seeds]
    results: dict[World, list[dict[str, tuple[float, ...]]]] = {w: [] for w in worlds}
    with ProcessPoolExecutor(
        max_workers=args.workers, initializer=set_constants, initargs=(values,)
    ) as pool:
        for world, _, out in pool.map(run_job, jobs, chunksize=2):
            results[world].append(out)
    elapsed = time.perf_counter() - started
    table = {w: (verdict(r, "ours"), verdict(r, "previous")) for w, r in results.items()}
    report = render(table, learners, elapsed)
    print(report)
    if args.tune or args.match or args.quick or values:
        for name, value, goal, unit in summary(table):
            print(f"{name}: {value:.3f}{'' if goal is None else f' (goal {goal})'} {unit}")
        return
    Path(__file__).resolve().parent.parent.joinpath("results", "sim.md").write_text(report)
    _write(summary(table), learners, elapsed, len(worlds))


def summary(table: dict[World, tuple[dict[str, object], dict[str, object]]]) -> list[tuple]:
    rows = []
    for group, pick in (("tuning", False), ("held-out", True)):
        chosen = [v for w, v in table.items() if held_out(w) == pick]
        if not chosen:
            continue
        for k, who in enumerate(("ours", "previous")):
            v = [c[k] for c in chosen]
            rows.append(
                (
                    f"{group} worlds: {who} meets every goal",
                    sum(bool(x["met"]) for x in v),
                    len(v),
                    "worlds",
                )
            )
            rows.append(
                (
                    f"{group} worlds: {who} mean share of planner recall",
                    float(np.mean([x["share"] for x in v])),
                    None,
                    "",
                )
            )
            rows.append(
                (
                    f"{group} worlds: {who} min share of planner recall",
                    float(np.min([x["share"] for x in v])),
                    SHARE_GOAL,
                    "",
                )
            )
            rows.append(
                (
                    f"{group} worlds: {who} beats every baseline at day 28",
                    sum(bool(x["beats"]) for x in v),
                    len(v),
                    "worlds",
                )
            )
            rows.append(
                (
                    f"{group} worlds: {who} not below Leitner at day 56",
                    sum(bool(x["keeps"]) for x in v),
                    len(v),
                    "worlds",
                )
            )
        for name in POLICIES:
            rec = float(np.mean([c[0]["mean"][name][0] for c in chosen]))  # type: ignore[index]
            rows.append((f"{group} worlds: {name} mean recall at day 28", rec, None, "recall"))
    return rows


def _fmt(v: dict[str, object], name: str) -> str:
    mean, spread = v["mean"][name], v["spread"][name]  # type: ignore[index]
    return f"{mean[0]:.3f} ±{spread:.3f}"


def render(
    table: dict[World, tuple[dict[str, object], dict[str, object]]], learners: int, elapsed: float
) -> str:
    lines = [
        "## Next-topic policy across the simulated world family",
        "",
        f"`python -m bench.sim`: {len(table)} worlds x {len(SEEDS)} seeds x {learners} learners, "
        f"{BUDGET} messages in 28 days, {elapsed:.0f} s. Recall of all items at day 28 "
        "(mean over seeds ± standard deviation across seeds), at day 56, topics covered. "
        "`ours` runs the product's next-topic graph (no LLM) over in-memory tables, graded "
        "as production grades. `previous` is the policy before the expected-gain rewrite "
        "(bench/sim/previous_policy.py). Goal per world: ours >= 80 % of the planner at day "
        "28, above fsrs-greedy, Leitner, round-robin and random at day 28, not below Leitner "
        "at day 56. Power-law worlds are held out (never run while tuning); all seeds here "
        "are fresh.",
        "",
        "| world | held out | "
        + " | ".join(f"{n} d28" for n in POLICIES)
        + " | ours d56 | prev d56 | leitner d56 | ours topics"
        + " | ours share | prev share | ours goal | prev goal |",
        "|" + "---|" * (len(POLICIES) + 10),
    ]
    for world, (ours, prev) in table.items():
        cells = [_fmt(ours, n) for n in POLICIES]
        m = ours["mean"]  # type: ignore[index]
        lines.append(
            f"| {world.name} | {'yes' if held_out(world) else ''} | "
            + " | ".join(cells)
            + f" | {m['ours'][1]:.3f} | {m['previous'][1]:.3f} | {m['leitner'][1]:.3f}"
            + f" | {m['ours'][2]:.1f} | {ours['share']:.2f} | {prev['share']:.2f}"
            + f" | {'met' if ours['met'] else 'not met'} | {'met' if prev['met'] else 'not met'} |"
        )
    lines.append("")
    return "\n".join(lines)


def _write(rows: list[tuple], learners: int, elapsed: float, n_worlds: int) -> None:
    from bench.common import Metric, write_results

    metrics = [
        Metric(name=name, value=round(value, 4), unit=unit, goal=goal, higher_is_better=True)
        for name, value, goal, unit in rows
    ]
    metrics.append(Metric(name="worlds", value=n_worlds, unit=""))
    metrics.append(Metric(name="learners per world and seed", value=learners, unit=""))
    metrics.append(Metric(name="wall time", value=round(elapsed, 1), unit="s"))
    write_results("sim", metrics)


if __name__ == "__main__":
    main()
