"""Lesson generation on demand, safety validation of any text, and service status."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import ValidationError

from admin_api import schemas
from admin_api.endpoint import Call
from admin_api.errors import ApiError, not_found
from knowledge.lesson_status import topic_statuses
from knowledge.lessons import LessonBlocked, LessonPending, NoMaterial, NoQuiz
from knowledge.safety import injection, pii, rules
from knowledge.safety.rules import Violation
from storage.repositories.content import lesson_with_questions, status_counts, topic_by_slug


async def generate_lesson(call: Call) -> schemas.Lesson:
    body: schemas.GenerateLesson = call.body
    topic = await topic_by_slug(call.session, body.topic)
    if topic is None:
        raise not_found("Topic")
    try:
        lesson = await call.services.lessons.lesson_for(
            call.session, topic, difficulty=body.difficulty
        )
    except NoQuiz as exc:
        raise ApiError(
            409,
            "no_quiz",
            f"The material for '{topic.slug}' yields no two good questions ({exc}); "
            "add documents that state its figures, terms and rules.",
        ) from None
    except NoMaterial:
        raise ApiError(
            409,
            "no_material",
            f"No document covers '{topic.slug}' yet; upload or ingest its documents first.",
        ) from None
    except LessonPending as exc:  # the new draft is kept for review: show it
        waiting = await lesson_with_questions(call.session, exc.lesson_id)
        if waiting is None:
            raise ApiError(
                409, "lesson_pending_review", f"The lesson for '{topic.slug}' waits for review."
            ) from None
        lesson = waiting
    except LessonBlocked as exc:
        raise ApiError(
            409, "lesson_blocked", f"The generated lesson failed the safety checks: {exc}"
        ) from None
    except ValidationError as exc:  # e.g. a topic title too short for a lesson title
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ApiError(
            409,
            "lesson_invalid",
            f"No valid lesson can be made for '{topic.slug}' ({where}: {first['msg']}); "
            "check the topic's title and objectives in the curriculum.",
        ) from None
    call.audit_target = f"lesson:{lesson.id}"
    call.audit_detail = {
        "topic": topic.slug,
        "difficulty": body.difficulty,
        "review": lesson.review_status,
    }
    return schemas.Lesson(
        id=lesson.id,
        topic=topic.slug,
        title=lesson.title,
        body=lesson.body,
        key_points=lesson.key_points,
        scenario=lesson.scenario,
        citations=lesson.citations,
        generator=lesson.generator,
        questions=[
            schemas.LessonQuestion(
                id=q.id,
                stem=q.stem,
                options=[str(o) for o in q.options],
                correct_option=q.correct_option,
                explanation=q.explanation,
                citation=q.citation,
            )
            for q in lesson.questions
        ],
    )


async def validate_safety(call: Call) -> schemas.SafetyResult:
    """The checks a lesson goes through, on any text: rules, PII, injection, moderation."""
    content: str = call.body.text
    verdict = rules.check_text(content)
    violations: list[Violation] = list(verdict.violations)
    pii_kinds = sorted({kind for kind, _start, _end in (await pii.redact_async(content)).matches})
    violations += [Violation(rule=f"pii_{kind}", excerpt=f"[{kind.upper()}]") for kind in pii_kinds]
    found = injection.detect(content)
    if found.flagged:
        violations.append(Violation(rule="prompt_injection", excerpt=", ".join(found.markers)))
    categories: list[str] = []
    try:
        moderation = await call.services.moderator.check(content)
        categories = list(moderation.categories) if moderation.flagged else []
        if moderation.flagged:
            violations.append(Violation(rule="moderation", excerpt=", ".join(categories)))
    except Exception as exc:  # noqa: BLE001 - an unavailable moderator fails closed
        violations.append(Violation(rule="checker_error", excerpt=type(exc).__name__))
    return schemas.SafetyResult(
        passed=not any(v.severity == "block" for v in violations),
        violations=[schemas.SafetyViolation(**v.model_dump()) for v in violations],
        needs_disclaimer=verdict.needs_disclaimer,
        pii_kinds=pii_kinds,
        injection_markers=list(found.markers),
        moderation_categories=categories,
    )


async def status(call: Call) -> schemas.Status:
    counts: dict[str, Any] = {}
    database = "ok"
    try:
        counts = await status_counts(call.session)
    except Exception:  # noqa: BLE001 - status reports an unreachable database, never fails
        database = "unreachable"
    return schemas.Status(
        status="ok" if database == "ok" else "degraded",
        database=database,
        rate_limit_backend=call.services.limiter.backend,
        llm=call.services.lessons.generator_name,
        counts={k: int(v) for k, v in counts.items()},
    )


async def health(_call: Call) -> schemas.Health:
    return schemas.Health(status="ok")


async def list_topics(call: Call) -> schemas.TopicPage:
    """Topics with their material and lesson status; unquizzable ones say why."""
    query: schemas.TopicQuery = call.query
    found = await topic_statuses(call.session, limit=query.limit + 1, offset=query.offset)
    more = len(found) > query.limit
    return schemas.TopicPage(
        items=[schemas.TopicState(**asdict(t)) for t in found[: query.limit]],
        limit=query.limit,
        offset=query.offset,
        next_offset=query.offset + query.limit if more else None,
    )
