"""Learners: create, read, page, change, erase, enrol, progress and quiz answers."""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from admin_api import schemas
from admin_api.endpoint import Call, RawJson
from admin_api.errors import ApiError, not_found
from storage.models import Delivery, Learner, Question
from storage.repositories import learners as repo
from storage.repositories import learning


def learner_out(learner: Learner) -> schemas.Learner:
    fields = {name: getattr(learner, name) for name in schemas.Learner.model_fields}
    fields["delivery_time"] = learner.delivery_time.strftime("%H:%M")
    return schemas.Learner.model_validate(fields)


def _columns(fields: dict[str, Any]) -> dict[str, Any]:
    """API values as column values: HH:MM becomes a time, e-mail is compared lowercase."""
    if fields.get("delivery_time") is not None:
        fields["delivery_time"] = time.fromisoformat(fields["delivery_time"])
    if fields.get("email"):
        fields["email"] = fields["email"].lower()
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
    fields = _columns(body.model_dump(exclude={"track"}))
    await _check_phone(call, fields.get("phone"))
    try:
        async with call.session.begin_nested():
            learner = await repo.create(call.session, **fields)
    except IntegrityError as exc:
        raise _conflict(exc) from None
    if body.track:
        await repo.enroll(call.session, learner.id, body.track)
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
    changes = _columns(call.body.model_dump(exclude_unset=True))
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
    await call.session.execute(
        update(Learner)
        .where(Learner.id == learner.id)
        .values(
            name="Erased learner",
            email=None,
            phone=None,
            slack_user_id=None,
            slack_team_id=None,
            slack_dm_channel=None,
            status="opted_out",
            erased_at=text("now()"),
            updated_at=text("now()"),
        )
    )
    await call.session.execute(
        update(Delivery).where(Delivery.learner_id == learner.id).values(provider_channel=None)
    )
    call.audit_target = f"learner:{learner.id}"


async def enroll(call: Call) -> schemas.Enrollment:
    learner = await _live(call, call.ids["learner_id"])
    enrollment = await repo.enroll(call.session, learner.id, call.body.track)
    call.audit_target = f"learner:{learner.id}"
    call.audit_detail = {"track": call.body.track}
    return schemas.Enrollment.model_validate(enrollment, from_attributes=True)


async def list_enrollments(call: Call) -> list[schemas.Enrollment]:
    learner = await _live(call, call.ids["learner_id"])
    rows = await repo.enrollments(call.session, learner.id)
    return [schemas.Enrollment.model_validate(row, from_attributes=True) for row in rows]


# One statement builds the whole progress document, so a read costs one round trip.
# Mastery is the mean recall probability of the topic's cards now, by the FSRS forgetting
# curve R = (1 + 19/81 * t / S) ^ -0.5 with t days since the last review.
PROGRESS_SQL = text("""
WITH l AS (SELECT id, status FROM learners WHERE id = :id AND erased_at IS NULL),
r AS (
  SELECT topic_id, count(*) AS answered, count(*) FILTER (WHERE correct) AS correct
  FROM quiz_responses WHERE learner_id = :id AND topic_id IS NOT NULL GROUP BY topic_id
),
c AS (
  SELECT topic_id, count(*) AS cards, count(*) FILTER (WHERE due <= now()) AS due,
         avg(CASE WHEN stability > 0 AND last_review IS NOT NULL THEN
               power(1 + 19.0 / 81.0 * greatest(extract(epoch FROM now() - last_review), 0)
                     / 86400.0 / stability, -0.5)
             ELSE 0 END) AS mastery
  FROM review_cards WHERE learner_id = :id GROUP BY topic_id
),
t AS (
  SELECT tp.id, tp.slug, tp.title, tp.position, coalesce(r.answered, 0) AS answered,
         coalesce(r.correct, 0) AS correct, coalesce(c.cards, 0) AS cards,
         coalesce(c.due, 0) AS due, c.mastery
  FROM r FULL JOIN c USING (topic_id) JOIN topics tp ON tp.id = coalesce(r.topic_id, c.topic_id)
),
tot AS (
  SELECT count(*) AS answered, count(*) FILTER (WHERE correct) AS correct,
         max(created_at) AS last_at
  FROM quiz_responses WHERE learner_id = :id
)
SELECT json_build_object(
  'learner_id', l.id,
  'status', l.status,
  'answered', tot.answered,
  'correct', tot.correct,
  'accuracy', round(tot.correct::numeric / nullif(tot.answered, 0), 4),
  'due_reviews', (SELECT coalesce(sum(due), 0) FROM c),
  'last_answer_at', tot.last_at,
  'enrollments', coalesce((
    SELECT json_agg(json_build_object(
      'track', e.track, 'status', e.status, 'lessons_completed', e.lessons_completed,
      'questions_answered', e.questions_answered, 'correct_answers', e.correct_answers,
      'started_at', e.started_at, 'completed_at', e.completed_at) ORDER BY e.id)
    FROM enrollments e WHERE e.learner_id = l.id), '[]'::json),
  'topics', coalesce((
    SELECT json_agg(json_build_object(
      'topic_id', t.id, 'slug', t.slug, 'title', t.title, 'answered', t.answered,
      'correct', t.correct,
      'accuracy', round(t.correct::numeric / nullif(t.answered, 0), 4),
      'cards', t.cards, 'due', t.due, 'mastery', round(t.mastery::numeric, 4))
      ORDER BY t.position, t.id)
    FROM t), '[]'::json)
)::text
FROM l, tot
""")


# Progress reads that arrive together are answered by one statement: one document per id.
PROGRESS_BATCH_SQL = (
    "SELECT q.id, ("
    + PROGRESS_SQL.text.replace(":id", "q.id")
    + ") FROM unnest($1::bigint[]) AS q(id)"
)


async def progress(call: Call) -> RawJson:
    learner_id = call.ids["learner_id"]
    reads = call.services.reads
    if reads is not None:
        document = await reads.coalescer(PROGRESS_BATCH_SQL).get(learner_id)
    else:
        document = await call.session.scalar(PROGRESS_SQL, {"id": learner_id})
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
        owner = await call.session.scalar(
            select(Delivery.learner_id).where(Delivery.id == body.delivery_id)
        )
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
