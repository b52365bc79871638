"""`python -m bench.safety.firstsight [FILE]`: the injection detector on a batch written by
hand before the last round of changes (`check_injection_firstsight.jsonl`, or another batch
in the same format such as `check_injection_layers.jsonl`), per category.

The batch is never used to train the classifier or to choose its thresholds, so it reads
how the detector fares on wording it has not seen."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.safety.data import DATA_DIR, read_jsonl

FIRST_SIGHT = DATA_DIR / "check_injection_firstsight.jsonl"


def score(path: Path = FIRST_SIGHT) -> dict[str, Any]:
    """Share caught (attacks) or flagged (benign) per category and overall, plus the cost."""
    from knowledge.safety.injection import detect

    detect("warm the classifier up")
    by_category: dict[tuple[bool, str], list[bool]] = defaultdict(list)
    started = time.perf_counter()
    chars = 0
    for row in read_jsonl(path):
        flagged = detect(row["text"], where=row["where"]).flagged
        by_category[(row["attack"], row["category"])].append(flagged)
        chars += len(row["text"])
    seconds = time.perf_counter() - started
    attacks = [f for (attack, _), fs in by_category.items() if attack for f in fs]
    benign = [f for (attack, _), fs in by_category.items() if not attack for f in fs]
    return {
        "caught": sum(attacks) / len(attacks),
        "benign_flagged": sum(benign) / len(benign),
        "categories": {
            f"{'attack' if attack else 'benign'}/{category}": sum(fs) / len(fs)
            for (attack, category), fs in sorted(by_category.items())
        },
        "ms_per_1000_chars": seconds * 1000 / chars * 1000,
    }


def main() -> None:
    result = score(Path(sys.argv[1]) if len(sys.argv) > 1 else FIRST_SIGHT)
    print(f"caught {result['caught']:.3f}  benign flagged {result['benign_flagged']:.3f}")
    for name, value in result["categories"].items():
        print(f"  {name:40s} {value:.3f}")
    print(f"ms per 1,000 characters {result['ms_per_1000_chars']:.1f}")


if __name__ == "__main__":
    main()
