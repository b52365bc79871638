"""Safety checks for content that reaches learners: PII, injection, moderation, rules."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from pydantic import BaseModel

from knowledge.generation.models import LessonDraft, QuizQuestion
from knowledge.passages import Passage
from knowledge.safety import grounding, injection, links, pii, rules
from knowledge.safety.moderation import LocalModerator, Moderator
from knowledge.safety.rules import Violation


class SafetyVerdict(BaseModel):
    passed: bool
    violations: list[Violation] = []
    needs_disclaimer: bool = False
    moderation_categories: list[str] = []

    def summary(self) -> str:
        return "; ".join(f"{v.rule}: {v.excerpt}" for v in self.violations) or "ok"


def lesson_parts(draft: LessonDraft) -> list[str]:
    parts = [draft.title, draft.body, *draft.key_points, draft.scenario]
    for q in draft.questions:
        parts += [q.stem, *q.options, q.explanation]
    return parts


def lesson_text(draft: LessonDraft) -> str:
    return "\n".join(lesson_parts(draft))


def _pii_kinds(parts: list[str]) -> list[str]:
    """PII found field by field: the same units `sanitise` redacts, so a sanitised draft is
    judged on exactly what was redacted (a name tagger reads context, and a field read
    inside the whole lesson can be tagged differently from the field alone)."""
    return [kind for part in parts for kind, _start, _end in pii.find(part)]


def _redact_question(q: QuizQuestion) -> QuizQuestion:
    return q.model_copy(
        update={
            "stem": pii.redact(q.stem).text,
            "options": [pii.redact(o).text for o in q.options],
            "explanation": pii.redact(q.explanation).text,
        }
    )


def sanitise(draft: LessonDraft) -> LessonDraft:
    """Redact PII everywhere in a draft and append the disclaimer where rates or fees
    are quoted; what is left for `check_lesson` to judge is what would be delivered."""
    body = pii.redact(draft.body).text
    draft = draft.model_copy(
        update={
            "title": pii.redact(draft.title).text,
            "body": body,
            "key_points": [pii.redact(k).text for k in draft.key_points],
            "scenario": pii.redact(draft.scenario).text,
            "questions": [_redact_question(q) for q in draft.questions],
        }
    )
    if rules.check_text(lesson_text(draft)).needs_disclaimer:
        draft = draft.model_copy(update={"body": rules.with_disclaimer(draft.body)})
    return draft


async def check_lesson(
    draft: LessonDraft,
    moderator: Moderator | None = None,
    passages: Sequence[Passage] | None = None,
) -> SafetyVerdict:
    """Judge a draft on every check; any checker that fails makes the verdict fail. With
    `passages`, the draft must also be supported by the ones it cites (`grounding`)."""
    text = lesson_text(draft)
    violations: list[Violation] = []
    categories: list[str] = []
    try:
        verdict = await asyncio.to_thread(rules.check_text, text)  # a classifier: CPU work
        violations += verdict.violations
        needs_disclaimer = verdict.needs_disclaimer
        for kind in await asyncio.to_thread(_pii_kinds, lesson_parts(draft)):
            violations.append(Violation(rule=f"pii_{kind}", excerpt=f"[{kind.upper()}]"))
        found = await asyncio.to_thread(injection.detect, text, where="document")
        if found.flagged:
            violations.append(Violation(rule="prompt_injection", excerpt=", ".join(found.markers)))
        if passages is not None:
            violations += grounding.check(draft, passages)
            held = [f"{p.document_title}\n{p.heading}\n{p.text}" for p in passages]
            violations += [
                Violation(rule="unsourced_link", excerpt=link[:160])
                for link in links.unsourced(text, held)
            ]
        moderation = await (moderator or LocalModerator()).check(text)
        if moderation.flagged:
            categories = moderation.categories
            violations.append(Violation(rule="moderation", excerpt=", ".join(categories)))
    except Exception as exc:  # noqa: BLE001 - a broken checker must not let a lesson through
        violations.append(Violation(rule="checker_error", excerpt=type(exc).__name__))
        needs_disclaimer = False
    blocking = [v for v in violations if v.severity == "block"]
    return SafetyVerdict(
        passed=not blocking,
        violations=violations,
        needs_disclaimer=needs_disclaimer,
        moderation_categories=categories,
    )
