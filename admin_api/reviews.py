"""The lesson review queue: list lessons waiting for a reviewer, edit, approve or reject.

Decisions go through the endpoint's audit (who, when, what); an edited question
must cite one of the lesson's passages, which must contain every number of its answer.
"""

from __future__ import annotations

import asyncio
import difflib
import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from admin_api.errors import ApiError, not_found
from admin_api.resource import Resource, api
from admin_api.schemas import Body, Id, Strict
from knowledge.generation.models import LessonDraft, QuizQuestion
from knowledge.passages import Passage
from knowledge.safety import check_lesson, sanitise
from storage.models import Lesson
from storage.repositories import reviews

ReviewStatus = Literal["pending", "auto", "approved", "rejected"]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class ReviewQuery(Strict):
    status: ReviewStatus | None = Field(
        default=None, description="Lessons with this review status; by default those awaiting one"
    )
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=100_000)


class ReviewQuestion(Strict):
    id: int
    stem: str
    options: list[str]
    correct_option: int
    explanation: str
    citation: dict[str, Any]


class ReviewPassage(Strict):
    chunk_id: int
    document_title: str
    heading: str
    text: str
    cited: bool = Field(description="Cited by the lesson or one of its questions")


class ReviewVersion(Strict):
    id: int
    version: int
    review_status: str
    title: str
    body: str
    key_points: list[str]
    scenario: str
    questions: list[ReviewQuestion]


class Review(ReviewVersion):
    topic: str
    difficulty: int
    status: str
    generator: str
    citations: list[dict[str, Any]]
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_reason: str
    created_at: datetime
    passages: list[ReviewPassage]
    previous: ReviewVersion | None = Field(description="The version learners get meanwhile")
    diff: list[str] = Field(description="Unified diff from the previous version, if any")


class ReviewPage(Strict):
    mode: str
    total: int
    items: list[Review]


class ReviewReject(Body):
    reason: Annotated[Text, StringConstraints(min_length=3, max_length=1000)]


class QuestionEdit(Body):
    id: Id
    stem: Annotated[Text, StringConstraints(min_length=5, max_length=300)]
    options: list[Annotated[Text, StringConstraints(min_length=1, max_length=200)]] = Field(
        min_length=4, max_length=4
    )
    correct_option: int = Field(ge=0, le=3)
    explanation: Annotated[Text, StringConstraints(min_length=5, max_length=600)]
    citation_chunk_id: Id = Field(description="One of the lesson's passages")


class ReviewEdit(Body):
    title: Annotated[Text, StringConstraints(min_length=3, max_length=150)] | None = None
    body: Annotated[Text, StringConstraints(min_length=20, max_length=1500)] | None = None
    key_points: list[Annotated[Text, StringConstraints(min_length=1, max_length=300)]] | None = (
        Field(default=None, min_length=1, max_length=5)
    )
    scenario: Annotated[Text, StringConstraints(min_length=10, max_length=600)] | None = None
    questions: list[QuestionEdit] | None = Field(
        default=None, min_length=1, max_length=3, description="Every question of the lesson"
    )

    @model_validator(mode="after")
    def _something(self) -> ReviewEdit:
        if not self.model_fields_set:
            raise ValueError("send at least one of title, body, key_points, scenario, questions")
        return self


def _question(q: Any) -> ReviewQuestion:
    return ReviewQuestion(
        id=q.id,
        stem=q.stem,
        options=[str(o) for o in q.options],
        correct_option=q.correct_option,
        explanation=q.explanation,
        citation=q.citation,
    )


def _version(lesson: Lesson) -> ReviewVersion:
    return ReviewVersion(
        id=lesson.id,
        version=lesson.version,
        review_status=lesson.review_status,
        title=lesson.title,
        body=lesson.body,
        key_points=[str(p) for p in lesson.key_points],
        scenario=lesson.scenario,
        questions=[_question(q) for q in lesson.questions],
    )


def _lines(lesson: ReviewVersion) -> list[str]:
    lines = [f"# {lesson.title}", "", *lesson.body.splitlines(), ""]
    lines += [f"- {p}" for p in lesson.key_points] + ["", f"Scenario: {lesson.scenario}", ""]
    for n, q in enumerate(lesson.questions, 1):
        lines.append(f"Q{n}. {q.stem}")
        lines += [
            f"  ({'ABCD'[i]}) {o}{'  [correct]' if i == q.correct_option else ''}"
            for i, o in enumerate(q.options)
        ]
        lines.append(f"  Why: {q.explanation}")
    return lines


def _cited_ids(lesson: Lesson) -> set[int]:
    cited = {int(c["chunk_id"]) for c in lesson.citations if "chunk_id" in c}
    return cited | {int(q.citation["chunk_id"]) for q in lesson.questions if q.citation}


async def _review(resource: Resource, lesson: Lesson, topic: str) -> Review:
    mode = resource.services.lessons.review
    previous = await reviews.previous_version(resource.session, lesson, mode)
    cited = _cited_ids(lesson)
    ids = list(dict.fromkeys([*lesson.chunk_ids, *sorted(cited)]))
    found = await reviews.passages(resource.session, ids)
    current = _version(lesson)
    before = _version(previous) if previous is not None else None
    diff = (
        list(
            difflib.unified_diff(
                _lines(before),
                _lines(current),
                f"version {before.version} (approved)",
                f"version {current.version} (under review)",
                lineterm="",
                n=2,
            )
        )
        if before is not None
        else []
    )
    return Review(
        **current.model_dump(),
        topic=topic,
        difficulty=lesson.difficulty,
        status=lesson.status,
        generator=lesson.generator,
        citations=list(lesson.citations),
        reviewed_by=lesson.reviewed_by,
        reviewed_at=lesson.reviewed_at,
        review_reason=lesson.review_reason,
        created_at=lesson.created_at,
        passages=[
            ReviewPassage(
                chunk_id=chunk.id,
                document_title=title,
                heading=chunk.heading,
                text=chunk.text,
                cited=chunk.id in cited,
            )
            for chunk, title, _uri in found
        ],
        previous=before,
        diff=diff,
    )


class Reviews(Resource):
    path, tag = "/reviews", "reviews"

    @api("Lessons awaiting review, with their passages and the version learners get meanwhile")
    async def get(self, query: ReviewQuery) -> ReviewPage:
        mode = self.services.lessons.review
        rows, total = await reviews.queue(
            self.session, mode, status=query.status, limit=query.limit, offset=query.offset
        )
        items = [await _review(self, lesson, slug) for lesson, slug in rows]
        return ReviewPage(mode=mode, total=total, items=items)


class ReviewItem(Resource):
    path, tag = "/reviews/{review_id}", "reviews"

    @api("One lesson under review")
    async def get(self, review_id: int) -> Review:
        return await _review(self, *await _found(self, review_id, lock=False))

    @api("Edit a lesson awaiting review (text and questions; citations are checked)", write=True)
    async def patch(self, review_id: int, body: ReviewEdit) -> Review:
        return await _edit(self, review_id, body)


class Approve(Resource):
    path, tag = "/reviews/{review_id}/approve", "reviews"

    @api("Approve a lesson: learners get it from now on", write=True)
    async def post(self, review_id: int) -> Review:
        return await _decide(self, review_id, "approved")


class Reject(Resource):
    path, tag = "/reviews/{review_id}/reject", "reviews"

    @api("Reject a lesson with a reason: it is never delivered", write=True)
    async def post(self, review_id: int, body: ReviewReject) -> Review:
        return await _decide(self, review_id, "rejected", body.reason)


async def _found(resource: Resource, review_id: int, *, lock: bool) -> tuple[Lesson, str]:
    found = await reviews.lesson_for_review(resource.session, review_id, lock=lock)
    if found is None:
        raise not_found("Review")
    return found


def _awaiting(lesson: Lesson) -> None:
    if lesson.status != "ready" or lesson.review_status not in ("pending", "auto"):
        raise ApiError(
            409,
            "not_awaiting_review",
            f"Lesson {lesson.id} is {lesson.review_status} ({lesson.status}); only a current "
            "lesson that waits for review can be decided or edited.",
        )


async def _decide(resource: Resource, review_id: int, decision: str, reason: str = "") -> Review:
    lesson, topic = await _found(resource, review_id, lock=True)
    _awaiting(lesson)
    reviews.decide(lesson, decision, resource.actor, reason)
    await resource.session.flush()
    detail: dict[str, Any] = {"decision": decision, "topic": topic, "version": lesson.version}
    if reason:
        detail["reason"] = reason
    resource.audit(f"lesson:{lesson.id}", **detail)
    return await _review(resource, lesson, topic)


def _unsupported(option: str, passage: str) -> list[str]:
    """Numbers in the answer that the cited passage does not contain."""
    found = {n.rstrip(".,") for n in _NUMBER.findall(passage)}
    return [n for n in (m.rstrip(".,") for m in _NUMBER.findall(option)) if n not in found]


async def _edited_questions(
    resource: Resource, lesson: Lesson, edits: list[QuestionEdit]
) -> tuple[list[QuizQuestion], dict[int, dict[str, Any]]]:
    """Edited questions checked against the lesson's passages, and each one's citation."""
    if sorted(q.id for q in edits) != sorted(q.id for q in lesson.questions):
        raise ApiError(
            422,
            "questions_mismatch",
            "Send every question of the lesson, each with its id, and no others.",
        )
    available = {
        chunk.id: Passage(
            chunk_id=chunk.id,
            document_id=chunk.document_id,
            document_title=title,
            source_uri=uri,
            heading=chunk.heading,
            text=chunk.text,
            topic_id=chunk.topic_id,
        )
        for chunk, title, uri in await reviews.passages(
            resource.session, list(dict.fromkeys([*lesson.chunk_ids, *_cited_ids(lesson)]))
        )
    }
    problems: list[dict[str, Any]] = []
    citations: dict[int, dict[str, Any]] = {}
    for n, edit in enumerate(edits):
        where = f"questions.{n}"
        passage = available.get(edit.citation_chunk_id)
        if passage is None:
            message = "cite one of the lesson's passages"
            problems.append(
                {"in": "body", "field": f"{where}.citation_chunk_id", "message": message}
            )
            continue
        missing = _unsupported(edit.options[edit.correct_option], passage.text)
        if missing:
            message = f"the cited passage does not contain {', '.join(missing)}"
            problems.append({"in": "body", "field": f"{where}.options", "message": message})
        citations[edit.id] = passage.citation().model_dump()
    if problems:
        raise ApiError(
            422,
            "citation_unsupported",
            "An edited question is not supported by the passage it cites; see details.",
            details=problems,
        )
    try:
        quiz = [
            QuizQuestion(
                stem=e.stem,
                options=list(e.options),
                correct_option=e.correct_option,
                explanation=e.explanation,
                citation_chunk_id=e.citation_chunk_id,
            )
            for e in edits
        ]
    except ValidationError as exc:
        raise ApiError(422, "validation_failed", str(exc).splitlines()[0]) from None
    return quiz, citations


async def _edit(resource: Resource, review_id: int, body: ReviewEdit) -> Review:
    """Change the text or the questions of a lesson learners cannot get yet; the edited
    lesson passes the same safety checks as a generated one."""
    lesson, topic = await _found(resource, review_id, lock=True)
    _awaiting(lesson)
    if reviews.may_deliver(lesson, resource.services.lessons.review):
        raise ApiError(
            409,
            "lesson_live",
            "Learners already get this lesson under the current review mode; it cannot be "
            "edited in place.",
        )
    edits = body.questions
    questions = sorted(lesson.questions, key=lambda q: q.position)
    if edits is not None:
        quiz, citations = await _edited_questions(resource, lesson, edits)
        by_id = {e.id: (e, q) for e, q in zip(edits, quiz, strict=True)}
        quiz = [by_id[q.id][1] for q in questions]
    else:
        quiz = [
            QuizQuestion.model_construct(
                stem=q.stem,
                options=[str(o) for o in q.options],
                correct_option=q.correct_option,
                explanation=q.explanation,
                citation_chunk_id=int(q.citation.get("chunk_id", 0)),
            )
            for q in questions
        ]
        citations = {}
    try:
        draft = LessonDraft(
            title=body.title if body.title is not None else lesson.title,
            body=body.body if body.body is not None else lesson.body,
            key_points=body.key_points or [str(p) for p in lesson.key_points],
            scenario=body.scenario if body.scenario is not None else lesson.scenario,
            questions=quiz,
            citation_chunk_ids=[int(c["chunk_id"]) for c in lesson.citations] or lesson.chunk_ids,
        )
    except ValidationError as exc:
        raise ApiError(422, "validation_failed", str(exc).splitlines()[0]) from None
    draft = await asyncio.to_thread(sanitise, draft)  # PII detection is CPU work
    verdict = await check_lesson(draft, resource.services.moderator)
    if not verdict.passed:
        raise ApiError(
            422,
            "lesson_unsafe",
            f"The edited lesson fails the safety checks: {verdict.summary()}",
        )
    lesson.title, lesson.body, lesson.scenario = draft.title, draft.body, draft.scenario
    lesson.key_points = list(draft.key_points)
    lesson.safety_verdict = verdict.model_dump()
    for question, checked in zip(questions, draft.questions, strict=True):
        question.stem, question.explanation = checked.stem, checked.explanation
        question.options, question.correct_option = list(checked.options), checked.correct_option
        if question.id in citations:
            question.citation = citations[question.id]
    await resource.session.flush()
    resource.audit(f"lesson:{lesson.id}", edited=sorted(body.model_fields_set), topic=topic)
    return await _review(resource, lesson, topic)
