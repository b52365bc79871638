"""Lesson generation on demand, safety validation of any text, and service status."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

from pydantic import ValidationError

from admin_api import schemas
from admin_api.errors import ApiError, not_found
from admin_api.resource import Resource, api
from knowledge.lesson_status import topic_statuses
from knowledge.lessons import LessonBlocked, LessonPending, NoMaterial, NoQuiz
from knowledge.safety import injection, pii, rules
from knowledge.safety.moderation import Moderator
from knowledge.safety.rules import Violation
from storage.repositories.content import lesson_with_questions, status_counts, topic_by_slug


class GenerateLesson(Resource):
    path, tag = "/generate-lesson", "content"

    @api("Get or generate the lesson for a topic", write=True)
    async def post(self, body: schemas.GenerateLesson) -> schemas.Lesson:
        return await _generate(self, body)


async def _generate(resource: Resource, body: schemas.GenerateLesson) -> schemas.Lesson:
    topic = await topic_by_slug(resource.session, body.topic)
    if topic is None:
        raise not_found("Topic")
    try:
        lesson = await resource.services.lessons.lesson_for(
            resource.session, topic, difficulty=body.difficulty
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
        waiting = await lesson_with_questions(resource.session, exc.lesson_id)
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
    resource.audit(
        f"lesson:{lesson.id}",
        topic=topic.slug,
        difficulty=body.difficulty,
        review=lesson.review_status,
    )
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


class ValidateSafety(Resource):
    path, tag = "/validate-safety", "content"

    @api("Run the lesson safety checks on a text")
    async def post(self, body: schemas.SafetyCheck) -> schemas.SafetyResult:
        return await _check(self.services.moderator, body.text)


async def _check(moderator: Moderator, content: str) -> schemas.SafetyResult:
    """The checks a lesson goes through, on any text: rules, PII, injection, moderation."""
    # The rules' classifier and the injection check are CPU work: off the event loop.
    verdict = await asyncio.to_thread(rules.check_text, content)
    violations: list[Violation] = list(verdict.violations)
    pii_kinds = sorted({kind for kind, _start, _end in (await pii.redact_async(content)).matches})
    violations += [Violation(rule=f"pii_{kind}", excerpt=f"[{kind.upper()}]") for kind in pii_kinds]
    found = await asyncio.to_thread(injection.detect, content)
    if found.flagged:
        violations.append(Violation(rule="prompt_injection", excerpt=", ".join(found.markers)))
    categories: list[str] = []
    try:
        moderation = await moderator.check(content)
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


class Status(Resource):
    path, tag = "/status", "service"

    @api("Service status and counts")
    async def get(self) -> schemas.Status:
        counts: dict[str, Any] = {}
        database = "ok"
        try:
            counts = await status_counts(self.session)
        except Exception:  # noqa: BLE001 - status reports an unreachable database, never fails
            database = "unreachable"
        return schemas.Status(
            status="ok" if database == "ok" else "degraded",
            database=database,
            rate_limit_backend=self.services.limiter.backend,
            llm=self.services.lessons.generator_name,
            counts={k: int(v) for k, v in counts.items()},
        )


class Health(Resource):
    path, tag = "/health", "service"

    @api("Liveness", public=True)
    async def get(self) -> schemas.Health:
        return schemas.Health(status="ok")


class Topics(Resource):
    path, tag = "/topics", "content"

    @api("Topics with their material and lesson status")
    async def get(self, query: schemas.TopicQuery) -> schemas.TopicPage:
        """Unquizzable topics say why."""
        found = await topic_statuses(self.session, limit=query.limit + 1, offset=query.offset)
        more = len(found) > query.limit
        return schemas.TopicPage(
            items=[schemas.TopicState(**asdict(t)) for t in found[: query.limit]],
            limit=query.limit,
            offset=query.offset,
            next_offset=query.offset + query.limit if more else None,
        )
