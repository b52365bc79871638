"""Learners: create, read, page, change, erase, enrol, progress and quiz answers."""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy.exc import IntegrityError

from admin_api import schemas
from admin_api.endpoint import Call, RawJson
from admin_api.errors import ApiError, not_found
from delivery.sms.numbers import InvalidPhone, normalise_phone
from delivery.welcome import queue_welcome
from storage.models import Learner, Question
from storage.repositories import learners as repo
from storage.repositories import learning


def learner_out(learner: Learner) -> schemas.Learner:
    fields = {name: getattr(learner, name) for name in schemas.Learner.model_fields}
    fields["delivery_time"] = learner.delivery_time.strftime("%H:%M")
    return schemas.Learner.model_validate(fields)


def _columns(call: Call, fields: dict[str, Any]) -> dict[str, Any]:
    """API values as column values: HH:MM becomes a time, e-mail is compared lowercase, a
    phone number becomes E.164 (read in the deployment's region when it has no +code)."""
    if fields.get("delivery_time") is not None:
        fields["delivery_time"] = time.fromisoformat(fields["delivery_time"])
    if fields.get("email"):
        fields["email"] = fields["email"].lower()
    if fields.get("phone"):
        region = call.services.config.phone_region
        try:
            fields["phone"] = normalise_phone(fields["phone"], region)
        except InvalidPhone as exc:
            raise ApiError(
                422,
                "validation_failed",
                "The body is not valid; see details.",
                details=[{"in": "body", "field": "phone", "message": str(exc)}],
            ) from None
    return fields


async def _live(call: Call, learner_id: int) -> Learner:
    learner = await repo.get(call.session, learner_id)
    if learner is None or learner.erased_at is not None:
        raise not_found("Learner")
    return learner


def _conflict(exc: IntegrityError) -> ApiError:
    message = str(exc.orig)
    field = next((f for f in ("slack_user_id", "phone") if f in message), "email")
    return ApiError(409, "conflict", f"Another learner already has this {field}.")


async def _check_phone(call: Call, phone: object, learner_id: int | None = None) -> None:
    """One number, one learner: otherwise STOP from that number could miss someone."""
    if isinstance(phone, str) and await repo.phone_taken(
        call.session, phone, other_than=learner_id
    ):
        raise ApiError(409, "conflict", "Another learner already has this phone.")


async def create_learner(call: Call) -> schemas.Learner:
    body: schemas.LearnerCreate = call.body
    fields = _columns(call, body.model_dump(exclude={"track"}))
    await _check_phone(call, fields.get("phone"))
    try:
        async with call.session.begin_nested():
            learner = await repo.create(call.session, **fields)
    except IntegrityError as exc:
        raise _conflict(exc) from None
    if body.track:
        await repo.enroll(call.session, learner.id, body.track)
    # Sent by a worker once this transaction commits; once per learner, however enrolled.
    await queue_welcome(call.session, learner.id, body.track)
    call.audit_target = f"learner:{learner.id}"
    return learner_out(learner)


async def get_learner(call: Call) -> schemas.Learner:
    return learner_out(await _live(call, call.ids["learner_id"]))


async def list_learners(call: Call) -> schemas.LearnerPage:
    query: schemas.PageQuery = call.query
    items = await repo.list_page(
        call.session, limit=query.limit + 1, offset=query.offset, status=query.status
    )
    more = len(items) > query.limit
    return schemas.LearnerPage(
        items=[learner_out(item) for item in items[: query.limit]],
        limit=query.limit,
        offset=query.offset,
        next_offset=query.offset + query.limit if more else None,
    )


async def update_learner(call: Call) -> schemas.Learner:
    learner = await _live(call, call.ids["learner_id"])
    changes = _columns(call, call.body.model_dump(exclude_unset=True))
    for required in ("name", "timezone", "delivery_time", "preferred_channel", "status"):
        if required in changes and changes[required] is None:
            raise ApiError(
                422,
                "validation_failed",
                "The body is not valid; see details.",
                details=[{"in": "body", "field": required, "message": "may not be null"}],
            )
    await _check_phone(call, changes.get("phone"), learner.id)
    try:
        async with call.session.begin_nested():
            learner = await repo.update_fields(call.session, learner, **changes)
    except IntegrityError as exc:
        raise _conflict(exc) from None
    call.audit_target = f"learner:{learner.id}"
    call.audit_detail = {"fields": sorted(changes)}
    return learner_out(learner)


async def erase_learner(call: Call) -> None:
    """Erase personal data; answers, enrolments and review state stay as anonymous rows."""
    learner = await _live(call, call.ids["learner_id"])
    await repo.erase_personal_data(call.session, learner.id)
    call.audit_target = f"learner:{learner.id}"


async def enroll(call: Call) -> schemas.Enrollment:
    learner = await _live(call, call.ids["learner_id"])
    enrollment = await repo.enroll(call.session, learner.id, call.body.track)
    await queue_welcome(call.session, learner.id, call.body.track)  # unless welcomed already
    call.audit_target = f"learner:{learner.id}"
    call.audit_detail = {"track": call.body.track}
    return schemas.Enrollment.model_validate(enrollment, from_attributes=True)


async def list_enrollments(call: Call) -> list[schemas.Enrollment]:
    learner = await _live(call, call.ids["learner_id"])
    rows = await repo.enrollments(call.session, learner.id)
    return [schemas.Enrollment.model_validate(row, from_attributes=True) for row in rows]


async def progress(call: Call) -> RawJson:
    learner_id = call.ids["learner_id"]
    reads = call.services.reads
    if reads is not None:
        document = await reads.coalescer(repo.PROGRESS_BATCH_SQL).get(learner_id)
    else:
        document = await repo.progress_document(call.session, learner_id)
    if document is None:
        raise not_found("Learner")
    return RawJson(document.encode())


async def record_quiz_response(call: Call) -> schemas.QuizResponseRecorded:
    body: schemas.QuizResponseCreate = call.body
    learner = await _live(call, body.learner_id)
    question = await call.session.get(Question, body.question_id)
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
        owner = await repo.owner_of_delivery(call.session, body.delivery_id)
        if owner != learner.id:  # another learner's delivery is as good as none
            raise not_found("Delivery")
    correct = body.chosen_option == question.correct_option
    fields: dict[str, Any] = body.model_dump()
    recorded = await learning.record_response(
        call.session, **fields, correct=correct, topic_id=question.topic_id
    )
    if recorded is not None:
        await repo.record_progress(call.session, learner.id, answered=1, correct=int(correct))
    call.audit_target = f"learner:{learner.id}"
    call.audit_detail = {"question_id": question.id, "recorded": recorded is not None}
    return schemas.QuizResponseRecorded(
        id=recorded.id if recorded else None,
        recorded=recorded is not None,
        correct=correct,
        correct_option=question.correct_option,
        explanation=question.explanation,
    )
