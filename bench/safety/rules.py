"""Financial-content rules on the evaluation set: bad texts caught and good texts
blocked, tuning and held-out halves apart, and the cost per 1,000 characters."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from bench.common import Metric
from bench.safety.data import ALL_SPLITS, FRESH, RETIRED, load

GOAL_CAUGHT = 0.90
GOAL_GOOD_BLOCKED = 0.10


def run(quick: bool = False, splits: tuple[str, ...] = ALL_SPLITS) -> list[dict[str, Any]]:
    from knowledge.safety.rules import check_text

    metrics: list[Metric] = []
    seconds = 0.0
    chars = 0
    total = 0
    # No rules cases were written for the fresh split.
    for split in (s for s in splits if s != FRESH):
        rows = load("rules", split)
        started = time.perf_counter()
        blocked = [not check_text(r["text"]).passed for r in rows]
        seconds += time.perf_counter() - started
        chars += sum(len(r["text"]) for r in rows)
        total += len(rows)
        bad = [b for r, b in zip(rows, blocked, strict=True) if r["bad"]]
        good = [b for r, b in zip(rows, blocked, strict=True) if not r["bad"]]
        metrics += [
            Metric(
                f"rules_bad_caught_{split}",
                sum(bad) / len(bad),
                "ratio",
                goal=None if split in RETIRED else GOAL_CAUGHT,
                higher_is_better=True,
            ),
            Metric(
                f"rules_good_blocked_{split}",
                sum(good) / len(good),
                "ratio",
                goal=None if split in RETIRED else GOAL_GOOD_BLOCKED,
            ),
            Metric(f"rules_cases_{split}", float(len(rows)), "count"),
        ]
        by_category: dict[str, list[bool]] = defaultdict(list)
        for row, hit in zip(rows, blocked, strict=True):
            by_category[f"{row['category']}_{'bad' if row['bad'] else 'good'}"].append(hit)
        metrics += [
            Metric(f"rules_{split}_{category}_blocked", sum(hits) / len(hits), "ratio")
            for category, hits in sorted(by_category.items())
        ]
    metrics.append(Metric("rules_cases", float(total), "count", goal=60, higher_is_better=True))
    metrics.append(Metric("rules_ms_per_1000_chars", seconds * 1000 / chars * 1000, "ms"))
    return [m.as_dict() for m in metrics]
