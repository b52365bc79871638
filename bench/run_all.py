"""`make bench`: run every benchmark, then gather their figures into bench/results.md."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import UTC, datetime

from bench.common import REPO_ROOT, RESULTS_DIR, machine_info

# In the order they run; each is `python -m bench.<name>` and writes results/<name>.json.
BENCHMARKS = [
    "cold_start",
    "ingest",
    "retrieval",
    "lesson_cache",
    "lesson_quality",
    "sim",
    "cohort",
    "slack_ack",
    "push",
    "email_push",
    "admin_api",
    "hardening",
    "footprint",
    "safety",
]


def run(names: list[str], quick: bool) -> dict[str, tuple[int, float]]:
    outcomes: dict[str, tuple[int, float]] = {}
    for name in names:
        print(f"\n### bench.{name}", flush=True)
        started = time.perf_counter()
        cmd = [sys.executable, "-m", f"bench.{name}", *(["--quick"] if quick else [])]
        code = subprocess.call(cmd, cwd=REPO_ROOT)
        outcomes[name] = (code, time.perf_counter() - started)
        print(f"### bench.{name}: exit {code} in {outcomes[name][1]:.0f} s", flush=True)
    return outcomes


def render(outcomes: dict[str, tuple[int, float]]) -> str:
    machine = machine_info()
    lines = [
        "# Benchmark results",
        "",
        (
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine['cpu_model']}, "
            f"{machine['cpu_cores']} cores, {machine['memory_gib']} GiB memory "
            f"(Python {machine['python']}). Regenerate with `make bench`."
            if outcomes
            else "Gathered from bench/results/*.json, each written by its benchmark's last run "
            "(the run's date and machine are in the file). Regenerate with `make bench`."
        ),
        "",
        "| benchmark | metric | goal | measured | met |",
        "|---|---|---|---|---|",
    ]
    for name in BENCHMARKS:
        path = RESULTS_DIR / f"{name}.json"
        if not path.exists():
            lines.append(f"| {name} | (no result file) | | | no |")
            continue
        data = json.loads(path.read_text())
        for metric in data["metric"]:
            value = f"{metric['value']:.4g} {metric['unit']}".strip()
            met = "yes" if metric["passed"] else "**no**"
            met = met if metric["goal"] is not None else ""
            lines.append(f"| {name} | {metric['name']} | {metric['goal_text']} | {value} | {met} |")
    failed = [n for n, (code, _) in outcomes.items() if code != 0]
    if failed:
        lines += ["", "Benchmarks that exited with an error: " + ", ".join(failed)]
    if outcomes:
        times = ", ".join(f"{n} {t:.0f} s" for n, (_, t) in outcomes.items())
        lines += ["", "Run times: " + times]
    # A benchmark may add a section of its own (results/<name>.md), e.g. a full table.
    for name in BENCHMARKS:
        section = RESULTS_DIR / f"{name}.md"
        if section.exists():
            lines += ["", section.read_text().rstrip()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small-scale runs")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite results.md from the result files"
    )
    parser.add_argument("names", nargs="*", help="run only these benchmarks")
    args = parser.parse_args()
    if args.render:
        (REPO_ROOT / "bench" / "results.md").write_text(render({}))
        return
    names = args.names or BENCHMARKS
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    outcomes = run(names, args.quick)
    report = render(outcomes)
    (REPO_ROOT / "bench" / "results.md").write_text(report)
    print(report)
    print(f"all benchmarks took {time.perf_counter() - started:.0f} s")
    sys.exit(1 if any(code for code, _ in outcomes.values()) else 0)


if __name__ == "__main__":
    main()
