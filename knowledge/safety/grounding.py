"""Is a lesson supported by the passages it cites?

Offline and deterministic: every number in the lesson body and in each question's
correct option, and most key terms of that option, must occur in a cited passage. A
figure the passages never state ("the late fee is $0") is how planted or invented facts
show, so a draft that fails is not delivered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.generation.models import LessonDraft
from knowledge.passages import Passage
from knowledge.safety.rules import DISCLAIMER, Violation

KEY_TERM_SHARE = 0.6
_NUMBER = re.compile(r"(?<![\w.])[$€£]?\s?\d[\d,]*(?:\.\d+)?\s?%?")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP_WORDS = """this that these those with from into about which what when where their there
    they them
    have has had been being were will would could should must shall than then also only such
    each every other more most less least very some many much does doing done your yours
    card cards"""
_STOP = frozenset(_STOP_WORDS.split())


def numbers(text: str) -> set[str]:
    """Figures in `text`, written one way ("$1,000.00" -> "$1000", "5 %" -> "%5"); bare small
    counts (0-10 without a unit) are left out, they are usually list words, not facts."""
    found = set()
    for match in _NUMBER.finditer(text):
        raw = match.group(0)
        unit = "%" if "%" in raw else ("$" if any(c in raw for c in "$€£") else "")
        value = re.sub(r"[^\d.]", "", raw).rstrip(".")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        if not value:
            continue
        if not unit and value.isdigit() and int(value) <= 10:
            continue
        found.add(unit + value)  # "21%" is not grounded by "21 days"
    return found


def key_terms(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower()) if w not in _STOP}


def _support(passages: Sequence[Passage]) -> tuple[set[str], set[str]]:
    text = "\n".join(f"{p.heading}\n{p.text}" for p in passages)
    return numbers(text), key_terms(text)


def check(draft: LessonDraft, passages: Sequence[Passage]) -> list[Violation]:
    """Claims of `draft` that its cited passages do not support."""
    by_id = {p.chunk_id: p for p in passages}
    cited = [by_id[c] for c in dict.fromkeys(draft.citation_chunk_ids) if c in by_id]
    if not cited:
        return [Violation(rule="ungrounded", excerpt="no cited passage")]
    violations: list[Violation] = []
    lesson_numbers, _ = _support(cited)
    body = draft.body.replace(DISCLAIMER, "")
    missing = sorted(numbers(body) - lesson_numbers)
    if missing:
        violations.append(Violation(rule="ungrounded_number", excerpt=", ".join(missing)[:160]))
    for q in draft.questions:
        own = [by_id[q.citation_chunk_id]] if q.citation_chunk_id in by_id else []
        if not own:
            violations.append(Violation(rule="ungrounded_citation", excerpt=q.stem[:160]))
            continue
        # The question's own passage must support its answer, not merely exist.
        q_numbers, q_terms = _support(own)
        answer = q.options[q.correct_option]
        absent = sorted(numbers(answer) - q_numbers)
        if absent:
            violations.append(
                Violation(rule="ungrounded_answer", excerpt=f"{answer[:120]} ({', '.join(absent)})")
            )
            continue
        terms = key_terms(answer)
        if terms and len(terms & q_terms) < KEY_TERM_SHARE * len(terms):
            violations.append(Violation(rule="unsupported_answer", excerpt=answer[:160]))
    return violations
