"""`python -m bench.safety.rules_check [FILE ...] [--show]`: the financial-content rules on the
hand-written check batches (`check_rules*.jsonl`): bad texts caught and good texts blocked, per
batch and per category. `--show` lists the texts scored wrongly.

The batches are never used to train the rules model or to choose a constant, so they read how
the rules fare on wording they have not seen."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.safety.data import DATA_DIR, read_jsonl

BATCHES = (
    "check_rules.jsonl",
    "check_rules_general.jsonl",
    "check_rules_firstsight.jsonl",
    "check_rules_precision.jsonl",
    "check_rules_rates.jsonl",
    "check_rules_unseen.jsonl",
    "check_rules_conduct.jsonl",
    # round 5 first-sight batch: polite, indirect and mid-paragraph breaches, a sixth in French
    "check_rules_round5.jsonl",
)


def score(path: Path) -> dict[str, Any]:
    """Share of bad texts caught and good texts blocked, overall and per category."""
    from knowledge.safety.rules import check_text

    by_category: dict[tuple[bool, str], list[bool]] = defaultdict(list)
    wrong: list[dict[str, Any]] = []
    for row in read_jsonl(path):
        blocked = not check_text(row["text"]).passed
        by_category[(row["bad"], row.get("category") or "all")].append(blocked)
        if blocked != row["bad"]:
            wrong.append(row)
    bad = [b for (is_bad, _), bs in by_category.items() if is_bad for b in bs]
    good = [b for (is_bad, _), bs in by_category.items() if not is_bad for b in bs]
    return {
        "caught": sum(bad) / len(bad),
        "good_blocked": sum(good) / len(good),
        "counts": (len(bad), len(good)),
        "categories": {
            f"{'bad' if is_bad else 'good'}/{category}": sum(bs) / len(bs)
            for (is_bad, category), bs in sorted(by_category.items())
        },
        "wrong": wrong,
    }


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--show"]
    show = "--show" in sys.argv[1:]
    paths = [Path(a) for a in args] or [DATA_DIR / name for name in BATCHES]
    for path in paths:
        result = score(path)
        bad, good = result["counts"]
        print(
            f"{path.name:34s} caught {result['caught']:.3f} ({bad} bad)"
            f"  good blocked {result['good_blocked']:.3f} ({good} good)"
        )
        if len(paths) == 1:
            for name, value in result["categories"].items():
                print(f"  {name:40s} {value:.3f}")
        if show:
            for row in result["wrong"]:
                print(f"    {'MISSED ' if row['bad'] else 'BLOCKED'} {row['text']}")


if __name__ == "__main__":
    main()
