"""Learners: create, read, page, change, erase, enrol, progress and quiz answers."""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from admin_api import schemas
from admin_api.errors import ApiError, not_found
from admin_api.resource import RawJson, Resource, api
from delivery.sms.numbers import InvalidPhone, normalise_phone
from delivery.welcome import queue_welcome
from storage.models import Learner, Question
from storage.repositories import learners as repo
from storage.repositories import learning


def learner_out(learner: Learner) -> schemas.Learner:
    fields = {name: getattr(learner, name) for name in schemas.Learner.model_fields}
    fields["delivery_time"] = learner.delivery_time.strftime("%H:%M")
    return schemas.Learner.model_validate(fields)


def _columns(fields: dict[str, Any], phone_region: str) -> dict[str, Any]:
    """API values as column values: HH:MM becomes a time, e-mail is compared lowercase, a
    phone number becomes E.164 (read in the deployment's region when it has no +code)."""
    if fields.get("delivery_time") is not None:
        fields["delivery_time"] = time.fromisoformat(fields["delivery_time"])
    if fields.get("email"):
        fields["email"] = fields["email"].lower()
    if fields.get("phone"):
        try:
            fields["phone"] = normalise_phone(fields["phone"], phone_region)
        except InvalidPhone as exc:
            raise ApiError(
                422,
                "validation_failed",
                "The body is not valid; see details.",
                details=[{"in": "body", "field": "phone", "message": str(exc)}],
            ) from None
    return fields


async def _live(session: AsyncSession, learner_id: int) -> Learner:
    learner = await repo.get(session, learner_id)
    if learner is None or learner.erased_at is not None:
        raise not_found("Learner")
    return learner


def _conflict(exc: IntegrityError) -> ApiError:
    message = str(exc.orig)
    field = next((f for f in ("slack_user_id", "phone") if f in message), "email")
    return ApiError(409, "conflict", f"Another learner already has this {field}.")


async def _check_phone(session: AsyncSession, phone: object, learner_id: int | None = None) -> None:
    """One number, one learner: otherwise STOP from that number could miss someone."""
    if isinstance(phone, str) and await repo.phone_taken(session, phone, other_than=learner_id):
        raise ApiError(409, "conflict", "Another learner already has this phone.")


class Learners(Resource):
    path, tag = "/learners", "learners"

    @api("List learners, a page at a time")
    async def get(self, query: schemas.PageQuery) -> schemas.LearnerPage:
        items = await repo.list_page(
            self.session, limit=query.limit + 1, offset=query.offset, status=query.status
        )
        more = len(items) > query.limit
        return schemas.LearnerPage(
            items=[learner_out(item) for item in items[: query.limit]],
            limit=query.limit,
            offset=query.offset,
            next_offset=query.offset + query.limit if more else None,
        )

    @api("Add a learner", write=True, status=201)
    async def post(self, body: schemas.LearnerCreate) -> schemas.Learner:
        fields = _columns(body.model_dump(exclude={"track"}), self.services.config.phone_region)
        await _check_phone(self.session, fields.get("phone"))
        try:
            async with self.session.begin_nested():
                learner = await repo.create(self.session, **fields)
        except IntegrityError as exc:
            raise _conflict(exc) from None
        if body.track:
            await repo.enroll(self.session, learner.id, body.track)
        # Sent by a worker once this transaction commits; once per learner, however enrolled.
        await queue_welcome(self.session, learner.id, body.track)
        self.audit(f"learner:{learner.id}")
        return learner_out(learner)


class LearnerItem(Resource):
    path, tag = "/learners/{learner_id}", "learners"

    @api("One learner")
    async def get(self, learner_id: int) -> schemas.Learner:
        return learner_out(await _live(self.session, learner_id))

    @api("Change a learner", write=True)
    async def patch(self, learner_id: int, body: schemas.LearnerUpdate) -> schemas.Learner:
        learner = await _live(self.session, learner_id)
        changes = _columns(body.model_dump(exclude_unset=True), self.services.config.phone_region)
        for required in ("name", "timezone", "delivery_time", "preferred_channel", "status"):
            if required in changes and changes[required] is None:
                raise ApiError(
                    422,
                    "validation_failed",
                    "The body is not valid; see details.",
                    details=[{"in": "body", "field": required, "message": "may not be null"}],
                )
        await _check_phone(self.session, changes.get("phone"), learner.id)
        try:
            async with self.session.begin_nested():
                learner = await repo.update_fields(self.session, learner, **changes)
        except IntegrityError as exc:
            raise _conflict(exc) from None
        self.audit(f"learner:{learner.id}", fields=sorted(changes))
        return learner_out(learner)

    @api("Erase a learner's personal data (anonymous statistics stay)", write=True, status=204)
    async def delete(self, learner_id: int) -> None:
        """Answers, enrolments and review state stay as anonymous rows."""
        learner = await _live(self.session, learner_id)
        await repo.erase_personal_data(self.session, learner.id)
        self.audit(f"learner:{learner.id}")


class LearnerProgress(Resource):
    path, tag = "/learners/{learner_id}/progress", "learners"

    @api("A learner's progress by track and topic", response=schemas.Progress)
    async def get(self, learner_id: int) -> RawJson:
        reads = self.services.reads
        if reads is not None:  # the native read pool: no ORM session at all
            document = await reads.coalescer(repo.PROGRESS_BATCH_SQL).get(learner_id)
        else:
            document = await repo.progress_document(self.session, learner_id)
        if document is None:
            raise not_found("Learner")
        return RawJson(document.encode())


class Enrollments(Resource):
    path, tag = "/learners/{learner_id}/enrollments", "learners"

    @api("A learner's enrolments")
    async def get(self, learner_id: int) -> list[schemas.Enrollment]:
        learner = await _live(self.session, learner_id)
        rows = await repo.enrollments(self.session, learner.id)
        return [schemas.Enrollment.model_validate(row, from_attributes=True) for row in rows]

    @api("Enrol in a track", write=True, status=201)
    async def post(self, learner_id: int, body: schemas.EnrollmentCreate) -> schemas.Enrollment:
        learner = await _live(self.session, learner_id)
        enrollment = await repo.enroll(self.session, learner.id, body.track)
        await queue_welcome(self.session, learner.id, body.track)  # unless welcomed already
        self.audit(f"learner:{learner.id}", track=body.track)
        return schemas.Enrollment.model_validate(enrollment, from_attributes=True)


class QuizResponses(Resource):
    path, tag = "/quiz_responses", "learning"

    @api("Record a quiz answer (once per learner, delivery and question)", write=True, status=201)
    async def post(self, body: schemas.QuizResponseCreate) -> schemas.QuizResponseRecorded:
        session = self.session
        learner = await _live(session, body.learner_id)
        question = await session.get(Question, body.question_id)
        if question is None:
            raise not_found("Question")
        if body.chosen_option >= len(question.options):
            raise ApiError(
                422,
                "validation_failed",
                "The body is not valid; see details.",
                details=[
                    {
                        "in": "body",
                        "field": "chosen_option",
                        "message": f"this question has {len(question.options)} options",
                    }
                ],
            )
        if body.delivery_id is not None:
            owner = await repo.owner_of_delivery(session, body.delivery_id)
            if owner != learner.id:  # another learner's delivery is as good as none
                raise not_found("Delivery")
        correct = body.chosen_option == question.correct_option
        fields: dict[str, Any] = body.model_dump()
        recorded = await learning.record_response(
            session, **fields, correct=correct, topic_id=question.topic_id
        )
        if recorded is not None:
            await repo.record_progress(session, learner.id, answered=1, correct=int(correct))
        self.audit(f"learner:{learner.id}", question_id=question.id, recorded=recorded is not None)
        return schemas.QuizResponseRecorded(
            id=recorded.id if recorded else None,
            recorded=recorded is not None,
            correct=correct,
            correct_option=question.correct_option,
            explanation=question.explanation,
        )
