"""Learners through the API: create, page, change, enrol, answer, progress and erasure."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from sqlalchemy import select

from storage.models import Learner, QuizResponse
from tests.admin_api.conftest import ADMIN, ANALYST, AdminHarness, bearer
from tests.admin_api.seed import seed


async def test_create_change_and_page_learners(admin: AdminHarness) -> None:
    headers = bearer(ADMIN)
    ids = []
    for n in range(5):
        body = {"name": f"Learner {n}", "email": f"L{n}@Example.com", "timezone": "Europe/Paris"}
        created = await admin.client.post("/api/v1/learners", json=body, headers=headers)
        assert created.status_code == 201
        ids.append(created.json()["id"])
    assert created.json()["email"] == "l4@example.com"
    first = await admin.client.get("/api/v1/learners?limit=2", headers=headers)
    assert [i["id"] for i in first.json()["items"]] == ids[:2]
    assert first.json()["next_offset"] == 2
    last = await admin.client.get("/api/v1/learners?limit=2&offset=4", headers=headers)
    assert [i["id"] for i in last.json()["items"]] == ids[4:] and last.json()["next_offset"] is None

    changed = await admin.client.patch(
        f"/api/v1/learners/{ids[0]}",
        json={"delivery_time": "07:30", "status": "paused", "phone": "+447911123456"},
        headers=headers,
    )
    assert changed.status_code == 200
    assert changed.json()["delivery_time"] == "07:30" and changed.json()["status"] == "paused"
    paused = await admin.client.get("/api/v1/learners?status=paused", headers=headers)
    assert [i["id"] for i in paused.json()["items"]] == [ids[0]]
    null_name = await admin.client.patch(
        f"/api/v1/learners/{ids[0]}", json={"name": None}, headers=headers
    )
    assert null_name.status_code == 422


async def test_phone_numbers_are_read_as_people_write_them_and_stored_as_e164(
    admin: AdminHarness,
) -> None:
    headers = bearer(ADMIN)
    local = {"name": "Ada", "email": "ada@example.com", "phone": "(416) 555-0199"}
    created = await admin.client.post("/api/v1/learners", json=local, headers=headers)
    assert created.status_code == 201, created.text
    assert created.json()["phone"] == "+14165550199"  # read in the default region, CA
    # The same number written another way is the same number: a second learner is refused.
    same = {"name": "Grace", "email": "grace@example.com", "phone": "+1 416-555-0199"}
    taken = await admin.client.post("/api/v1/learners", json=same, headers=headers)
    assert taken.status_code == 409
    assert taken.json()["error"]["message"] == "Another learner already has this phone."
    own = await admin.client.patch(
        f"/api/v1/learners/{created.json()['id']}", json={"phone": "416.555.0199"}, headers=headers
    )
    assert own.status_code == 200 and own.json()["phone"] == "+14165550199"
    for bad in ("555-1234", "+1 555 555 5555", "(416) 555-0199 ext. 12"):
        refused = await admin.client.post(
            "/api/v1/learners", json={**same, "phone": bad}, headers=headers
        )
        assert refused.status_code == 422, bad
        error = refused.json()["error"]
        assert error["code"] == "validation_failed"
        assert [d["field"] for d in error["details"]] == ["phone"]
        assert error["details"][0]["message"]
    # Another deployment reads local numbers in its own region.
    admin.services.config = dataclasses.replace(admin.services.config, phone_region="GB")
    london = await admin.client.post(
        "/api/v1/learners", json={**same, "phone": "020 7946 0958"}, headers=headers
    )
    assert london.status_code == 201 and london.json()["phone"] == "+442079460958"
    async with admin.sessions() as session:
        phones = list(await session.scalars(select(Learner.phone).order_by(Learner.id)))
    assert phones == ["+14165550199", "+442079460958"]


async def test_enrolment_is_once_per_track(admin: AdminHarness) -> None:
    headers = bearer(ADMIN)
    learner = (
        await admin.client.post("/api/v1/learners", json={"name": "Kim"}, headers=headers)
    ).json()
    path = f"/api/v1/learners/{learner['id']}/enrollments"
    first = await admin.client.post(path, json={"track": "business-credit-cards"}, headers=headers)
    again = await admin.client.post(path, json={"track": "business-credit-cards"}, headers=headers)
    assert first.status_code == 201 and again.json()["id"] == first.json()["id"]
    listed = await admin.client.get(path, headers=bearer(ANALYST))
    assert [e["track"] for e in listed.json()] == ["business-credit-cards"]


async def test_a_quiz_answer_is_graded_recorded_once_and_shows_in_progress(
    admin: AdminHarness,
) -> None:
    seeded = await seed(admin.sessions, learners=2)
    learner = seeded.learners[1]
    question = seeded.questions["liability"][0]
    delivery = seeded.deliveries[learner][0]  # a delivery with no answer for this question
    answer = {
        "learner_id": learner,
        "question_id": question,
        "chosen_option": 0,
        "delivery_id": delivery,
        "channel": "sms",
        "response_ms": 3200,
    }
    before = (
        await admin.client.get(f"/api/v1/learners/{learner}/progress", headers=bearer(ADMIN))
    ).json()
    first = await admin.client.post("/api/v1/quiz_responses", json=answer, headers=bearer(ADMIN))
    again = await admin.client.post("/api/v1/quiz_responses", json=answer, headers=bearer(ADMIN))
    assert first.status_code == 201 and first.json()["recorded"] and first.json()["correct"]
    assert first.json()["explanation"] == "Because the policy says so."
    assert again.json()["recorded"] is False and again.json()["id"] is None
    after = (
        await admin.client.get(f"/api/v1/learners/{learner}/progress", headers=bearer(ADMIN))
    ).json()
    assert after["answered"] == before["answered"] + 1
    assert after["correct"] == before["correct"] + 1
    topic = next(t for t in after["topics"] if t["slug"] == "liability")
    assert topic["answered"] == 3 and 0 < topic["mastery"] <= 1
    too_many = await admin.client.post(
        "/api/v1/quiz_responses", json={**answer, "chosen_option": 5}, headers=bearer(ADMIN)
    )
    assert too_many.status_code == 422


async def test_erasing_a_learner_removes_personal_data_and_keeps_statistics(
    admin: AdminHarness,
) -> None:
    seeded = await seed(admin.sessions, learners=2)
    gone = seeded.learners[0]
    dashboard_before = (
        await admin.client.get("/api/v1/analytics/dashboard", headers=bearer(ADMIN))
    ).json()
    erased = await admin.client.delete(f"/api/v1/learners/{gone}", headers=bearer(ADMIN))
    assert erased.status_code == 204 and erased.content == b""
    assert (
        await admin.client.get(f"/api/v1/learners/{gone}", headers=bearer(ADMIN))
    ).status_code == 404
    assert (
        await admin.client.get(f"/api/v1/learners/{gone}/progress", headers=bearer(ADMIN))
    ).status_code == 404
    assert (
        await admin.client.delete(f"/api/v1/learners/{gone}", headers=bearer(ADMIN))
    ).status_code == 404
    async with admin.sessions() as session:
        row = await session.get(Learner, gone)
        answers = list(
            await session.scalars(select(QuizResponse).where(QuizResponse.learner_id == gone))
        )
    assert row is not None and row.erased_at is not None
    assert (row.name, row.email, row.phone, row.slack_user_id) == (
        "Erased learner",
        None,
        None,
        None,
    )
    assert len(answers) == 6  # anonymous statistics stay
    dashboard_after = (
        await admin.client.get("/api/v1/analytics/dashboard", headers=bearer(ADMIN))
    ).json()
    assert dashboard_after["quiz"] == dashboard_before["quiz"]
    csv = (await admin.client.get("/api/v1/exports/quiz_responses.csv", headers=bearer(ADMIN))).text
    assert "learner0@example.com" not in csv and "Learner 0" not in csv


async def test_progress_reads_made_together_each_get_their_own_learner(
    admin: AdminHarness,
) -> None:
    seeded = await seed(admin.sessions, learners=4)
    headers = bearer(ANALYST)

    def without_mastery(document: dict[str, Any]) -> dict[str, Any]:  # it moves with now()
        topics = [{k: v for k, v in t.items() if k != "mastery"} for t in document["topics"]]
        return {**document, "topics": topics}

    one_by_one = {
        learner: without_mastery(
            (await admin.client.get(f"/api/v1/learners/{learner}/progress", headers=headers)).json()
        )
        for learner in seeded.learners
    }
    unknown = max(seeded.learners) + 1000
    asked = [*seeded.learners, *seeded.learners, unknown] * 5  # more than the pool's slots
    together = await asyncio.gather(
        *(admin.client.get(f"/api/v1/learners/{i}/progress", headers=headers) for i in asked)
    )
    for learner, response in zip(asked, together, strict=True):
        if learner == unknown:
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "not_found"
        else:
            assert response.status_code == 200
            assert without_mastery(response.json()) == one_by_one[learner]
