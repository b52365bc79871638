"""`python -m bench.safety.pii_check [FILE ...] [--show]`: PII redaction on the batches written
by hand before a round of changes, each scored apart, like the `pii` and `lookalikes` sets.
Lines with `values` are planted PII; lines with a `category` and no `values` are look-alikes
that must come back unchanged.

- `check_pii_names.jsonl`: names, dates of birth and phones in bank-staff wording, plus
  look-alikes such as brands, job titles and policy terms.
- `check_pii_hard.jsonl`: ALL-CAPS form fields, names with initials, a client's lone given
  name, dates of birth in many formats and languages, PO boxes, rural routes and French
  addresses, phones with extensions or split over a line, and the numbers (SSN, SIN, cards,
  IBANs, accounts) beside them.
- `check_pii_round5.jsonl`: a fifth writer's batch, 120 texts with 240 values (72 % names:
  lone given names in chat, e-mail headers, Slack handles, action items, call transcripts)
  and 172 look-alikes in 12 kinds; lines with an even number were tuned on, odd ones held out.
- `check_pii_lookalikes.jsonl`: texts with no PII at all that resemble it (SKUs, sections of
  regulations, APRs, fees, MCC and BIN codes, policy and form numbers, dates that are not
  birth dates, product names with person-like words, streets and cities used generically,
  historical figures in a history-of-banking lesson, reference numbers shaped like an SSN).
- `check_pii_lookalikes_round7.jsonl`: 220 look-alikes by a writer who saw no code (laws and
  principles named after people, figures of fiction and sport, brands, places, the bank's
  mailboxes and toll-free lines, reference and GL numbers, Title Case features); the
  `tuned` half was read while tuning, the `held_out` half only scored.

With no FILE every batch above is scored. `--show` lists the values missed and the
look-alikes changed. Each batch was scored once before the round it was written for; that
round then read its misses, so later figures on it are tuning figures, not unseen wording
(bench/safety_data/README.md gives both)."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.safety.data import read_jsonl
from bench.safety.pii import DATA, Tally, count_planted

CHECK = DATA / "check_pii_names.jsonl"
BATCHES = (
    CHECK,
    DATA / "check_pii_hard.jsonl",
    DATA / "check_pii_lookalikes.jsonl",
    DATA / "check_pii_round5.jsonl",
    DATA / "check_pii_lookalikes_round7.jsonl",
)


def main(path: Path = CHECK, show: bool = False) -> None:
    from knowledge.safety.pii import redact, warm

    warm()
    tally = Tally()
    changed: dict[str, list[bool]] = defaultdict(list)
    changed_lines: list[tuple[str, str]] = []
    cases = read_jsonl(path)
    for case in cases:
        text = case["text"]
        started = time.perf_counter()
        result = redact(text)
        tally.seconds += time.perf_counter() - started
        tally.chars += len(text)
        if "values" not in case:
            changed[case["category"]].append(result.text != text)
            if result.text != text:
                changed_lines.append((case["id"], result.text))
            continue
        count_planted(tally, case, result)
    print(f"== {path.name} ({len(cases)} lines)")
    if tally.total:
        print(f"recall overall {tally.recall():.3f} ({sum(tally.total.values())} values)")
        for category in sorted(tally.total):
            print(f"  {category:16s} {tally.recall(category):.3f} ({tally.total[category]})")
    flat = [f for fs in changed.values() for f in fs]
    if flat:
        print(f"look-alikes changed {100 * sum(flat) / len(flat):.1f} % ({len(flat)} lines)")
        for category, flags in sorted(changed.items()):
            print(f"  {category:20s} {sum(flags)}/{len(flags)}")
    print(f"ms per message {1000 * tally.seconds / len(cases):.2f}")
    print(f"ms per 1,000 characters {1000 * tally.seconds / (tally.chars / 1000):.2f}")
    if show:
        for case_id, category, value, output in tally.misses:
            print(f"MISS {case_id} {category} {value!r} -> {output!r}")
        for case_id, output in changed_lines:
            print(f"CHANGED {case_id} -> {output!r}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--show"]
    for batch in [Path(a) for a in args] or BATCHES:
        main(batch, show="--show" in sys.argv)
