"""Every quiz click is honoured only for the learner the quiz was delivered to.

Two learners get lessons through signed /learn commands; one of them then clicks with the
other's delivery, either by editing a button value (refused before any lookup: values
are signed) or by replaying the other's genuine button (a polite "this isn't your quiz",
nothing stored). The owner's reminder still goes out.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from bot.delivery_wiring import build_delivery_runtime
from bot.handlers.quiz import NOT_YOUR_QUIZ
from delivery.nudges import schedule_nudges
from delivery.slack.ids import AnswerPayload
from storage.db import transaction
from storage.models import Delivery, Learner, QuizResponse
from tests.bot.slack_harness import SlackHarness, fixture, slack_harness
from tests.security.app import whole_app
from tests.support.fake_slack import FakeSlack


@pytest.fixture
async def slack(database_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackHarness]:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="America/Toronto")
    fake_slack.add_user("U200", name="Grace Hopper", tz="America/Toronto")
    async with slack_harness(database_url, fake_slack) as harness:
        yield harness


async def lesson_for(slack: SlackHarness, user: str) -> dict[str, Any]:
    before = slack.fake.count("chat.postMessage")
    assert (await slack.command("next", user=user)).status_code == 200
    posts = await slack.fake.await_for("chat.postMessage", count=before + 2)
    return posts[-1]  # welcome, then the lesson


def click_as(user: str, post: dict[str, Any], value: str) -> dict[str, Any]:
    payload = fixture("block_actions_answer")
    payload["user"]["id"] = user
    payload["channel"]["id"] = "D" + user[1:]
    payload["actions"][0]["value"] = value
    payload["message"] = {"ts": "1.1", "text": post["text"], "blocks": post["blocks"]}
    return payload


async def answers_of(slack: SlackHarness) -> list[tuple[str, int | None]]:
    async with slack.services.sessions() as session:
        rows = await session.execute(
            select(Learner.slack_user_id, QuizResponse.delivery_id).join(
                Learner, Learner.id == QuizResponse.learner_id
            )
        )
        return [(str(user), delivery) for user, delivery in rows.all()]


async def test_a_tampered_delivery_id_is_refused_before_any_lookup(slack: SlackHarness) -> None:
    ada = await lesson_for(slack, "U100")
    grace = await lesson_for(slack, "U200")
    ada_value = ada["blocks"][-1]["elements"][0]["value"]
    grace_delivery = json.loads(grace["blocks"][-1]["elements"][0]["value"].rsplit("~", 1)[0])["d"]
    # Ada's own, genuine button, with Grace's delivery id put in (signature kept or not).
    inner, signature = ada_value.rsplit("~", 1)
    forged = json.loads(inner) | {"d": grace_delivery}
    forged_json = json.dumps(forged, separators=(",", ":"))
    for value in (f"{forged_json}~{signature}", forged_json):
        response = await slack.action(click_as("U100", ada, value))
        assert response.status_code == 400
    assert await answers_of(slack) == []
    assert slack.fake.count("chat.update") == 0


async def test_another_learners_genuine_button_gets_a_polite_refusal_and_nothing_stored(
    slack: SlackHarness,
) -> None:
    await lesson_for(slack, "U100")
    grace = await lesson_for(slack, "U200")
    value = grace["blocks"][-1]["elements"][1]["value"]  # one of Grace's buttons, by Ada
    assert (await slack.action(click_as("U100", grace, value))).status_code == 200
    refusals = await slack.fake.await_for("chat.postEphemeral")
    assert [(r["user"], r["text"]) for r in refusals] == [("U100", NOT_YOUR_QUIZ)]
    assert await answers_of(slack) == []
    assert slack.fake.count("chat.update") == 0
    # Grace's own click on the same button is graded as hers.
    value = grace["blocks"][-1]["elements"][0]["value"]
    assert (await slack.action(click_as("U200", grace, value))).status_code == 200
    update_ = (await slack.fake.await_for("chat.update"))[0]
    assert "Correct!" in json.dumps(update_["blocks"])
    delivery = AnswerPayload.decode(value.rsplit("~", 1)[0]).delivery_id
    assert await answers_of(slack) == [("U200", delivery)]


async def test_the_owners_reminder_goes_out_whoever_else_answered(slack: SlackHarness) -> None:
    ada = await lesson_for(slack, "U100")
    grace = await lesson_for(slack, "U200")
    value = grace["blocks"][-1]["elements"][0]["value"]
    await slack.action(click_as("U100", grace, value))
    await slack.fake.await_for("chat.postEphemeral")
    grace_delivery = AnswerPayload.decode(value.rsplit("~", 1)[0]).delivery_id
    now = datetime.now(UTC)
    async with transaction(slack.services.sessions) as session:
        ada_id = await session.scalar(select(Learner.id).where(Learner.slack_user_id == "U100"))
        # An answer by Ada on Grace's delivery, as stored before ownership was checked.
        question = AnswerPayload.decode(value.rsplit("~", 1)[0]).question_id
        session.add(
            QuizResponse(
                learner_id=ada_id,
                question_id=question,
                delivery_id=grace_delivery,
                chosen_option=0,
                correct=True,
                channel="slack",
            )
        )
        # Both lessons went out as this morning's push would send them (the lessons asked
        # for above left as replies): five hours ago, unanswered by their owners so far.
        await session.execute(
            update(Delivery)
            .where(Delivery.kind == "reply")
            .values(kind="lesson", sent_at=now - timedelta(hours=5), local_date=now.date())
        )
        ada_delivery = AnswerPayload.decode(
            ada["blocks"][-1]["elements"][0]["value"].rsplit("~", 1)[0]
        ).delivery_id
        # Ada answered her own quiz, so she needs no reminder.
        session.add(
            QuizResponse(
                learner_id=ada_id,
                question_id=question,
                delivery_id=ada_delivery,
                chosen_option=0,
                correct=True,
                channel="slack",
            )
        )
    runtime = build_delivery_runtime(slack.services.settings, slack.services)
    try:
        assert await schedule_nudges(runtime, now) == 1
    finally:
        await runtime.aclose()
    async with slack.services.sessions() as session:
        nudged = await session.scalar(
            select(Learner.slack_user_id)
            .join(Delivery, Delivery.learner_id == Learner.id)
            .where(Delivery.kind == "nudge")
        )
        nudges = await session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.kind == "nudge")
        )
    assert (nudged, nudges) == ("U200", 1)


async def test_the_playground_refuses_a_hand_made_button_value(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    async with whole_app(database_url, fake_slack, tmp_path) as surface:
        async with transaction(surface.services.sessions) as session:
            other = await session.scalar(
                insert(Learner).values(name="Someone else").returning(Learner.id)
            )
            delivery = await session.scalar(
                insert(Delivery)
                .values(
                    learner_id=other,
                    channel="slack",
                    kind="lesson",
                    idempotency_key="other:lesson",
                    status="sent",
                )
                .returning(Delivery.id)
            )
        forged = AnswerPayload(question_id=1, option=0, delivery_id=delivery).encode()
        click = {"kind": "click", "action_id": "quiz_answer_0", "value": forged, "in_home": True}
        response = await surface.client.post("/playground/send", json=click)
        assert response.status_code == 422 and response.json() == {"status": 400}
        async with surface.services.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(QuizResponse)) == 0
