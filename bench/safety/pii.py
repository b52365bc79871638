"""PII redaction measured on the safety sets in bench/safety_data (tuning and held-out apart).

Sets: `pii.*.jsonl` (texts with planted values, each `{"category", "value"}`) and
`lookalikes.*.jsonl` (texts with no PII at all). Every text goes through
`knowledge.safety.pii.redact`, the function every exit of the product uses.

When a value counts as caught: every letter and digit of the planted value (at each of
its occurrences in the text) lies inside a span the redactor replaced. Nothing of it then
survives in the output; partial masking (the last four digits left, a surname kept) is a
miss. Labels next to the value ("DOB:", "Mr.") may be removed too without penalty.

A look-alike line counts as wrongly redacted when the redactor changes anything in it.

Figures: recall per category and overall for each split (goal 0.95 tuning, 0.90
held-out), the share of look-alike lines changed (goal <= 5 %), and milliseconds of
redaction per 1,000 characters over all texts (informative).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import Metric
from bench.safety.data import ALL_SPLITS, NO_PII, read_jsonl

if TYPE_CHECKING:
    from knowledge.safety.pii import Redaction

DATA = Path(__file__).resolve().parent.parent / "safety_data"
# "fresh" is a second held-out set, hand-written in other phrasings after tuning ended.
GOALS = {
    "tune": 0.95,
    "heldout": 0.90,
    "fresh": 0.90,
    "outside": 0.90,
    "blind": 0.90,
    "blind4": 0.90,
    "blind5": 0.90,
    "blind6": 0.90,
    "blind7": 0.90,
    "blind8": 0.90,
    "blind9": 0.90,
    "blind10": 0.90,
    "blind11": 0.90,
    "blind12": 0.90,
    "blind13": 0.90,
    "blind14": 0.90,
    "blind15": 0.90,
    "blind16": 0.90,
    "blind17": 0.90,
    "blind18": 0.90,
    "blind19": 0.90,
    "blind20": 0.90,
    "blind21": 0.90,
}
LOOKALIKE_GOAL = 0.05


@dataclass
class Tally:
    caught: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    chars: int = 0
    seconds: float = 0.0

    def recall(self, category: str | None = None) -> float:
        if category is None:
            total = sum(self.total.values())
            return sum(self.caught.values()) / total if total else 1.0
        return self.caught[category] / self.total[category] if self.total[category] else 1.0


def _covered(value: str, text: str, spans: list[tuple[int, int]]) -> bool:
    """Every alphanumeric character of every occurrence of `value` is inside a span."""
    start = text.find(value)
    if start < 0:
        return False  # a malformed case counts against us, never for us
    while start >= 0:
        for offset, ch in enumerate(value):
            if ch.isalnum() and not any(s <= start + offset < e for s, e in spans):
                return False
        start = text.find(value, start + 1)
    return True


def score_pii(path: Path) -> Tally:
    from knowledge.safety.pii import redact

    tally = Tally()
    for case in read_jsonl(path):
        text = case["text"]
        started = time.perf_counter()
        result = redact(text)
        tally.seconds += time.perf_counter() - started
        tally.chars += len(text)
        count_planted(tally, case, result)
    return tally


def count_planted(tally: Tally, case: dict[str, Any], result: Redaction) -> None:
    """Add one case's planted values to `tally`: caught when every letter and digit of the
    value lies inside a redacted span."""
    spans = [(s, e) for _, s, e in result.matches]
    for planted in case["values"]:
        category = planted["category"]
        tally.total[category] += 1
        if _covered(planted["value"], case["text"], spans):
            tally.caught[category] += 1
        else:
            tally.misses.append((case["id"], category, planted["value"], result.text))


def score_lookalikes(path: Path) -> tuple[int, int, list[tuple[str, str]], Tally]:
    from knowledge.safety.pii import redact

    changed, changed_cases, timing = 0, [], Tally()
    cases = read_jsonl(path)
    for case in cases:
        started = time.perf_counter()
        result = redact(case["text"])
        timing.seconds += time.perf_counter() - started
        timing.chars += len(case["text"])
        if result.text != case["text"]:
            changed += 1
            changed_cases.append((case["id"], result.text))
    return changed, len(cases), changed_cases, timing


def run(quick: bool = False, splits: tuple[str, ...] = ALL_SPLITS) -> list[dict[str, Any]]:
    """Every figure, tuning and held-out apart, as metric dicts (`quick` changes nothing:
    the PII sets are scored whole in seconds)."""
    from knowledge.safety import pii

    pii.warm()
    metrics: list[Metric] = []
    chars, seconds = 0, 0.0
    # The second and third blind sets have no PII cases.
    for split in (s for s in splits if s not in NO_PII):
        goal = GOALS[split]
        tally = score_pii(DATA / f"pii.{split}.jsonl")
        chars, seconds = chars + tally.chars, seconds + tally.seconds
        for category in sorted(tally.total):
            metrics.append(
                Metric(f"pii {split} recall {category}", round(tally.recall(category), 3), "")
            )
        metrics.append(
            Metric(
                f"pii {split} recall overall ({sum(tally.total.values())} values)",
                round(tally.recall(), 3),
                "",
                goal,
                higher_is_better=True,
            )
        )
        changed, total, _, timing = score_lookalikes(DATA / f"lookalikes.{split}.jsonl")
        chars, seconds = chars + timing.chars, seconds + timing.seconds
        metrics.append(
            Metric(
                f"pii {split} look-alikes changed ({total} lines)",
                round(100 * changed / total, 1),
                "%",
                100 * LOOKALIKE_GOAL,
            )
        )
    metrics.append(
        Metric("pii redaction time", round(1000 * seconds / (chars / 1000), 2), "ms/1k chars")
    )
    return [m.as_dict() for m in metrics]


def _show_tuning_misses() -> None:
    """Misses on the tuning split only: the held-out split is never printed."""
    tally = score_pii(DATA / "pii.tune.jsonl")
    for case_id, category, value, output in tally.misses:
        print(f"MISS {case_id} {category} {value!r}\n     -> {output!r}")
    _, _, changed, _ = score_lookalikes(DATA / "lookalikes.tune.jsonl")
    for case_id, output in changed:
        print(f"LOOKALIKE {case_id} -> {output!r}")


if __name__ == "__main__":
    from bench.common import print_table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="print tuning-split misses")
    parser.add_argument("--tune", action="store_true", help="score the tuning split only")
    args = parser.parse_args()
    if args.misses:
        _show_tuning_misses()
    figures = run(splits=("tune",) if args.tune else ALL_SPLITS)
    print_table(
        "safety.pii",
        [
            Metric(
                f["name"], f["value"], f["unit"], f["goal"], higher_is_better=f["higher_is_better"]
            )
            for f in figures
        ],
    )
