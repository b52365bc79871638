"""The review queue through the admin API: read by analysts, decided and edited by admins,
every decision audited, and what learners get follows the decisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from knowledge.lessons import LessonService
from storage.models import AuditLog
from tests.admin_api.conftest import ADMIN, ANALYST, AdminHarness, bearer
from tests.admin_api.review_seed import lesson_a_learner_gets, regenerated_lesson
from tests.knowledge import material


def _questions(review: dict[str, Any], chunk_id: int, answer: str) -> list[dict[str, Any]]:
    """Every question of the lesson unchanged except the first, which now asks about the
    grace period and cites the given passage."""
    edited = []
    for n, q in enumerate(review["questions"]):
        item = {
            "id": q["id"],
            "stem": q["stem"],
            "options": q["options"],
            "correct_option": q["correct_option"],
            "explanation": q["explanation"],
            "citation_chunk_id": q["citation"]["chunk_id"],
        }
        if n == 0:
            item.update(
                stem="How long does a grace period usually last at least?",
                options=[answer, "7 days", "3 days", "90 days"],
                correct_option=0,
                explanation="The handbook says a grace period lasts at least 21 days.",
                citation_chunk_id=chunk_id,
            )
        edited.append(item)
    return edited


async def test_reviewer_sees_edits_and_approves_a_regenerated_lesson(
    admin: AdminHarness,
) -> None:
    admin.services.lessons = LessonService(review="new")
    seeded = await regenerated_lesson(admin.sessions)
    before = await lesson_a_learner_gets(admin.sessions, seeded.learner_id)
    assert before is not None and before.lesson_id == seeded.approved_id

    listed = await admin.client.get("/api/v1/reviews", headers=bearer(ANALYST))
    assert listed.status_code == 200, listed.text
    page = listed.json()
    assert page["mode"] == "new" and page["total"] == 1
    review = page["items"][0]
    assert review["id"] == seeded.draft_id and review["review_status"] == "pending"
    assert review["previous"]["id"] == seeded.approved_id
    assert review["diff"][0] == "--- version 1 (approved)"
    assert any(line.startswith("+") for line in review["diff"][2:])
    cited = [p for p in review["passages"] if p["cited"]]
    assert cited and all(p["text"] and p["document_title"] for p in cited)

    refused = await admin.client.post(
        f"/api/v1/reviews/{seeded.draft_id}/approve", headers=bearer(ANALYST)
    )
    assert refused.status_code == 403

    wrong = _questions(review, seeded.grace_chunk_id, "30 days")
    unsupported = await admin.client.patch(
        f"/api/v1/reviews/{seeded.draft_id}", json={"questions": wrong}, headers=bearer(ADMIN)
    )
    assert unsupported.status_code == 422, unsupported.text
    assert unsupported.json()["error"]["code"] == "citation_unsupported"
    assert "30" in unsupported.json()["error"]["details"][0]["message"]

    right = _questions(review, seeded.grace_chunk_id, "21 days")
    edited = await admin.client.patch(
        f"/api/v1/reviews/{seeded.draft_id}",
        json={"title": "Grace periods, revised", "questions": right},
        headers=bearer(ADMIN),
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["title"] == "Grace periods, revised"
    assert edited.json()["questions"][0]["citation"]["chunk_id"] == seeded.grace_chunk_id
    still = await lesson_a_learner_gets(admin.sessions, seeded.learner_id)
    assert still is not None and still.lesson_id == seeded.approved_id  # not approved yet

    approved = await admin.client.post(
        f"/api/v1/reviews/{seeded.draft_id}/approve", headers=bearer(ADMIN)
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["review_status"] == "approved"
    assert approved.json()["reviewed_by"] == ADMIN.name and approved.json()["reviewed_at"]
    again = await admin.client.post(
        f"/api/v1/reviews/{seeded.draft_id}/approve", headers=bearer(ADMIN)
    )
    assert again.status_code == 409

    after = await lesson_a_learner_gets(admin.sessions, seeded.learner_id)
    assert after is not None and after.lesson_id == seeded.draft_id
    assert after.title == "Grace periods, revised" and after.quiz is not None
    assert after.quiz.options[0].text == "21 days"
    assert (await admin.client.get("/api/v1/reviews", headers=bearer(ADMIN))).json()["total"] == 0

    async with admin.sessions() as session:
        audit = (await session.scalars(select(AuditLog).order_by(AuditLog.id))).all()
    decisions = [(a.actor, a.action, a.target, a.detail.get("decision")) for a in audit]
    assert (
        ADMIN.name,
        "POST /reviews/{review_id}/approve",
        f"lesson:{seeded.draft_id}",
        "approved",
    ) in decisions
    assert any(a.action == "PATCH /reviews/{review_id}" and a.actor == ADMIN.name for a in audit)
    assert all(a.at is not None for a in audit)


async def test_a_rejected_lesson_is_never_delivered(admin: AdminHarness) -> None:
    admin.services.lessons = LessonService(review="new")
    seeded = await regenerated_lesson(admin.sessions)
    url = f"/api/v1/reviews/{seeded.draft_id}/reject"
    no_reason = await admin.client.post(url, json={}, headers=bearer(ADMIN))
    assert no_reason.status_code == 422
    rejected = await admin.client.post(
        url, json={"reason": "Quotes the old grace period"}, headers=bearer(ADMIN)
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["review_status"] == "rejected"
    assert rejected.json()["review_reason"] == "Quotes the old grace period"

    for _ in range(2):
        got = await lesson_a_learner_gets(admin.sessions, seeded.learner_id)
        assert got is not None and got.lesson_id == seeded.approved_id
    history = await admin.client.get("/api/v1/reviews?status=rejected", headers=bearer(ANALYST))
    assert [r["id"] for r in history.json()["items"]] == [seeded.draft_id]
    edit = await admin.client.patch(
        f"/api/v1/reviews/{seeded.draft_id}", json={"title": "Try again"}, headers=bearer(ADMIN)
    )
    assert edit.status_code == 409
    missing = await admin.client.get("/api/v1/reviews/999999", headers=bearer(ADMIN))
    assert missing.status_code == 404


async def test_a_lesson_generated_on_request_waits_in_the_queue(admin: AdminHarness) -> None:
    admin.services.lessons = LessonService(review="new")
    async with admin.sessions() as session, session.begin():
        topic = await material.topic(session)
        await material.document(session, material.GRACE, topic_id=topic.id)
        slug = topic.slug
    answer = await admin.client.post(
        "/api/v1/generate-lesson", json={"topic": slug}, headers=bearer(ADMIN)
    )
    assert answer.status_code == 200, answer.text
    queue = (await admin.client.get("/api/v1/reviews", headers=bearer(ANALYST))).json()
    assert [r["id"] for r in queue["items"]] == [answer.json()["id"]]
    assert queue["items"][0]["previous"] is None and queue["items"][0]["diff"] == []


async def test_under_all_only_approved_lessons_go_out(admin: AdminHarness) -> None:
    admin.services.lessons = LessonService(review="all")
    seeded = await regenerated_lesson(admin.sessions)
    # The version stored before review was on is not approved: nothing goes out.
    queue = (await admin.client.get("/api/v1/reviews", headers=bearer(ANALYST))).json()
    assert queue["mode"] == "all" and [r["id"] for r in queue["items"]] == [seeded.draft_id]
    assert await lesson_a_learner_gets(admin.sessions, seeded.learner_id, "all") is None
    await admin.client.post(f"/api/v1/reviews/{seeded.draft_id}/approve", headers=bearer(ADMIN))
    got = await lesson_a_learner_gets(admin.sessions, seeded.learner_id, "all")
    assert got is not None and got.lesson_id == seeded.draft_id
