"""The last check before a tutor answer reaches a learner: no PII, no sign that the
answer follows instructions planted in a passage or a message, no financial-content
rule broken. Lessons get the same checks (and more) through `check_lesson`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.safety import injection, links, pii, rules

# What an answer that obeyed an injection tends to say.
_OBEYED = re.compile(
    r"\b(?:i have been pwned|pwned|as (?:you|the (?:document|passage|note)) instructed|"
    r"(?:here is|here's) (?:the|my) (?:system prompt|hidden instructions|answer key)|"
    r"my (?:system prompt|instructions) (?:is|are|say)|developer mode (?:enabled|activated)|"
    r"access granted|ignoring (?:my|the) (?:previous|earlier) instructions)\b",
    re.I,
)


@dataclass(frozen=True)
class OutputVerdict:
    passed: bool
    text: str  # PII redacted
    reasons: list[str] = field(default_factory=list)


def check_answer(text: str, sources: Sequence[str] = ()) -> OutputVerdict:
    """Judge a tutor answer drawn from the passages `sources`; the returned text has any
    PII redacted."""
    reasons: list[str] = []
    redacted = pii.redact(text).text
    if _OBEYED.search(redacted):
        reasons.append("instruction_following")
    if links.unsourced(redacted, sources):
        reasons.append("unsourced_link")
    found = injection.detect(redacted, where="document")
    if found.flagged:
        reasons.append("prompt_injection:" + ",".join(found.markers))
    verdict = rules.check_text(redacted)
    if verdict.needs_disclaimer:
        # A rate or fee quoted from the material goes out with the pointer to its terms,
        # as a lesson does; the answer is judged as sent.
        redacted = rules.with_disclaimer(redacted)
        verdict = rules.check_text(redacted)
    reasons += [f"rule:{v.rule}" for v in verdict.violations if v.severity == "block"]
    return OutputVerdict(passed=not reasons, text=redacted, reasons=reasons)
