"""Financial-content rules for generated lessons.

Lessons teach; they never advise a person, promise returns or discriminate. Quoting a
rate or a fee is fine but needs the standard disclaimer, which is appended when missing
rather than failing the lesson.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

DISCLAIMER = (
    "Rates and fees shown are examples for training only; always check the current "
    "cardholder agreement and company policy."
)

Severity = Literal["block", "warn"]


class Violation(BaseModel):
    rule: str
    excerpt: str
    severity: Severity = "block"


class RulesVerdict(BaseModel):
    passed: bool
    violations: list[Violation] = []
    needs_disclaimer: bool = False


_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "personalised_advice",
        re.compile(
            r"\byou (?:should|must|need to|ought to) (?:definitely )?(?:apply for|get|take|open|choose|"
            r"pick|sign up for|switch to|cancel|invest in|borrow|buy)\b[^.!?\n]{0,60}"
            r"|\b(?:i|we) (?:recommend|advise|suggest) (?:that )?you (?:apply|get|take|open|choose|invest|"
            r"borrow|buy|sign up)\b[^.!?\n]{0,60}"
            r"|\b(?:best|right) card for you\b"
        ),
    ),
    (
        "guaranteed_returns",
        re.compile(
            r"\b(?:guarantee[sd]?|risk[- ]free|can(?:'t|not) lose|sure thing|no risk)\b[^.!?\n]{0,60}"
            r"|\b(?:will|always) (?:earn|make|double|pay you|return)\b[^.!?\n]{0,20}"
            r"(?:\d+\s?%|money|cash|returns?|profits?)"
        ),
    ),
    (
        "discriminatory_language",
        re.compile(
            r"\b(?:women|men|immigrants|foreigners|old people|elderly people|young people|"
            r"minorities|disabled people|black people|white people|asians|hispanics|muslims|"
            r"christians|jews)\b[^.!?\n]{0,40}\b(?:can(?:'t|not) be trusted|are (?:bad|worse|"
            r"irresponsible|risky|unreliable|less creditworthy)|should(?:n't| not) (?:get|have|be "
            r"given) (?:credit|cards?))"
            r"|\b(?:deny|reject|decline)\b[^.!?\n]{0,30}\bbecause (?:of )?(?:they are|she is|he is|"
            r"their|his|her) (?:race|religion|gender|age|nationality|ethnicity|a woman|a man|old|"
            r"foreign|pregnant|disabled)"
        ),
    ),
]

# Any percentage, rate figure or dollar amount counts as a quoted rate, fee or limit.
_RATE_OR_FEE = re.compile(r"\d+(?:\.\d+)?\s?%|\b(?:apr|interest rate)\b[^.\n]{0,30}\d|\$\s?\d")


def check_text(text: str) -> RulesVerdict:
    lowered = text.lower()
    violations = [
        Violation(rule=rule, excerpt=match.group(0).strip()[:160])
        for rule, pattern in _RULES
        for match in pattern.finditer(lowered)
    ]
    needs_disclaimer = bool(_RATE_OR_FEE.search(lowered)) and DISCLAIMER.lower() not in lowered
    return RulesVerdict(
        passed=not violations, violations=violations, needs_disclaimer=needs_disclaimer
    )
