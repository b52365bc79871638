"""The safety evaluation sets (bench/safety_data/*.jsonl): a tuning half and a held-out
half of each, written independently of the product's own examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "safety_data"
SPLITS = ("tune", "heldout")
# A second held-out set for PII and injection, hand-written in other phrasings after
# tuning ended (no rules cases).
FRESH = "fresh"
# A third held-out set for every check, written by an evaluator who never saw the code, the
# product's examples or the other sets; scored only to report, never to tune.
OUTSIDE = "outside"
# A fourth, written the same way by another evaluator after the outside set had been used in
# tuning; scored against the code before and after each round, never tuned on.
BLIND = "blind"
# A fifth, written the same way by a third evaluator (injection, ordinary texts and rules;
# no PII) before the round that followed the blind set, and scored only after that round's
# changes had been chosen.
BLIND2 = "blind2"
# A sixth, the same kinds as the fifth, written by a fourth evaluator before the round that
# followed it; only its overall figures were read, once before and once after that round.
BLIND3 = "blind3"
# A seventh, every kind (PII, look-alikes, injection, ordinary texts, rules), written by a
# fifth evaluator before the round that followed it; only its overall figures were read,
# once before and once after that round.
BLIND4 = "blind4"
# An eighth, every kind, written by a sixth evaluator before the round that followed the
# fourth; only its overall figures were read, once before and once after that round.
BLIND5 = "blind5"
# A ninth, every kind, written by two more evaluators who saw no code before the round that
# followed the fifth; only its overall figures were read, once before and once after it.
BLIND6 = "blind6"
# A tenth, every kind, written by two more evaluators who saw no code before the round that
# followed the sixth; only its overall figures were read, once before and once after it.
BLIND7 = "blind7"
# An eleventh, every kind, written by two more evaluators who saw no code before the round
# that followed the seventh; only its overall figures were read, once before and once after.
BLIND8 = "blind8"
# A twelfth, every kind, written by two more evaluators who saw no code before the round
# that followed the eighth; only its overall figures were read, once before and once after.
BLIND9 = "blind9"
# A thirteenth, every kind, written by two more evaluators who saw no code before the round
# that followed the ninth; only its overall figures were read, once before and once after.
BLIND10 = "blind10"
# A fourteenth, every kind, written by two more evaluators who saw no code before the round
# that followed the tenth; only its overall figures were read, once before and once after.
BLIND11 = "blind11"
# A fifteenth, every kind, written by two more evaluators who saw no code before the round
# that followed the eleventh; only its overall figures were read: with the code before that
# round, after it, and with the code before the first of the three rounds of that session.
BLIND12 = "blind12"
# A sixteenth, every kind, written by two more evaluators who saw no code before the round
# that followed the twelfth; only its overall figures were read, once before and once after.
BLIND13 = "blind13"
# A seventeenth, every kind, written by two more evaluators who saw no code before the
# round that followed the thirteenth; only its overall figures were read, once before and
# once after.
BLIND14 = "blind14"
# An eighteenth, every kind (a little smaller), written by two more evaluators who saw no
# code before the round that followed the fourteenth; only its overall figures were read:
# with the code before that round, after it, and with the code the session started from.
BLIND15 = "blind15"
# A nineteenth, every kind, written by two more evaluators who saw no code before the round
# that followed the fifteenth; only its overall figures were read, once before and once
# after that round.
BLIND16 = "blind16"
# A twentieth, every kind, written by two more evaluators who saw no code before the round
# that followed the sixteenth; only its overall figures were read: with the code the session
# started from, before that round and after it.
BLIND17 = "blind17"
# A twenty-first, every kind, written by two more evaluators who saw no code before the round
# that followed the seventeenth; only its overall figures were read: with the code the
# session started from, before that round and after it.
BLIND18 = "blind18"
# A twenty-second, every kind, written by two more evaluators who saw no code before the
# round that followed the eighteenth; only its overall figures were read: with the code the
# session started from (before that round) and after it.
BLIND19 = "blind19"
# A twenty-third, every kind, written by two more evaluators who saw no code before the
# round that followed the nineteenth; only its overall figures were read: with the code the
# session started from (before that round) and after it.
BLIND20 = "blind20"
# A twenty-fourth, every kind (a little smaller), written by two more evaluators who saw no
# code before the round that followed the twentieth; only its overall figures were read:
# with the code the session started from, before that round and after it.
BLIND21 = "blind21"
# Splits with no PII cases.
NO_PII = (BLIND2, BLIND3)
# Blind sets used in tuning since the round after each was scored: the injection classifier
# learns from them (`knowledge.safety.injection_model.RETIRED_SETS`), so does the rules
# model (`knowledge.safety.rules_model.RETIRED_SETS`), and rules were written after reading
# their misses. Their injection and rules figures no longer read unseen wording, so they
# carry no goal. Their PII cases are tuning material too from the round after each.
BLIND_SETS = (
    BLIND,
    BLIND2,
    BLIND3,
    BLIND4,
    BLIND5,
    BLIND6,
    BLIND7,
    BLIND8,
    BLIND9,
    BLIND10,
    BLIND11,
    BLIND12,
    BLIND13,
    BLIND14,
    BLIND15,
    BLIND16,
    BLIND17,
    BLIND18,
    BLIND19,
    BLIND20,
    BLIND21,
)
# Every blind set but the newest, which judges the round that followed it.
RETIRED = BLIND_SETS[:-1]
ALL_SPLITS = (*SPLITS, FRESH, OUTSIDE, *BLIND_SETS)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One object per non-blank line of a JSON Lines file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load(name: str, split: str) -> list[dict[str, Any]]:
    path = DATA_DIR / f"{name}.{split}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"evaluation set missing: {path}")
    return read_jsonl(path)
