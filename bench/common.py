"""Helpers shared by every benchmark: machine facts, percentiles, result files.

A benchmark builds a list of `Metric`s and calls `write_results(name, metrics)`, which
prints a table and writes `bench/results/<name>.json`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Metric:
    """One measured figure and the goal it is judged against.

    `higher_is_better` decides whether `value` must be >= or <= `goal`; a goal of None
    means the figure is informative only (always passes).
    """

    name: str
    value: float
    unit: str
    goal: float | None = None
    higher_is_better: bool = False

    @property
    def passed(self) -> bool:
        if self.goal is None:
            return True
        return self.value >= self.goal if self.higher_is_better else self.value <= self.goal

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["goal_text"] = self.goal_text()
        data["passed"] = self.passed
        return data

    def goal_text(self) -> str:
        if self.goal is None:
            return "-"
        return f"{'>=' if self.higher_is_better else '<='} {self.goal:g} {self.unit}".strip()


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile (same as numpy's default) without needing numpy."""
    if not values:
        raise ValueError("percentile of an empty sequence")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def machine_info() -> dict[str, Any]:
    """What the figures were measured on, so results from different machines are not mixed up."""
    return {
        "cpu_model": _cpu_model(),
        "cpu_cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        # Other work on a shared machine skews latency; record how busy it was.
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def base_parser(description: str) -> argparse.ArgumentParser:
    """Argument parser with the `--quick` flag every benchmark must accept."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--quick", action="store_true", help="small scale run (under a minute) for smoke checks"
    )
    return parser


def print_table(name: str, metrics: Sequence[Metric]) -> None:
    rows = [
        (m.name, f"{m.value:.4g}", m.unit, m.goal_text(), "yes" if m.passed else "NO")
        for m in metrics
    ]
    header = ("metric", "value", "unit", "goal", "passed")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n== {name} ==")
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def write_results(
    name: str,
    metrics: Sequence[Metric],
    *,
    params: dict[str, Any] | None = None,
    results_dir: Path = RESULTS_DIR,
) -> Path:
    """Print the figures and write them to `<results_dir>/<name>.json`; returns the path."""
    print_table(name, metrics)
    payload = {
        "benchmark": name,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "params": params or {},
        "metric": [m.as_dict() for m in metrics],
        "passed": all(m.passed for m in metrics),
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"results written to {path}")
    return path
