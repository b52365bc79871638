"""One phone number, one learner: the admin API refuses a second learner on a number,
and STOP or START from a number reaches every learner on it (old data may share one)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

from bot.handlers.home import PHONE_TAKEN
from storage.db import transaction
from storage.models import Learner
from tests.bot.slack_harness import fixture, slack_harness
from tests.security.app import ADMIN_HEADERS, Surface, twilio_signature, whole_app
from tests.support.fake_slack import FakeSlack

PHONE = "+14165550100"


@pytest.fixture
async def surface(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> AsyncIterator[Surface]:
    async with whole_app(database_url, fake_slack, tmp_path) as app:
        yield app


def learner(name: str, phone: str) -> dict[str, object]:
    return {"name": name, "email": f"{name.lower()}@example.com", "phone": phone}


async def test_a_second_learner_on_a_number_is_a_409(surface: Surface) -> None:
    client = surface.client
    first = await client.post("/api/v1/learners", json=learner("Ada", PHONE), headers=ADMIN_HEADERS)
    assert first.status_code == 201, first.text
    second = await client.post(
        "/api/v1/learners", json=learner("Grace", PHONE), headers=ADMIN_HEADERS
    )
    assert second.status_code == 409
    assert second.json()["error"] == {
        "code": "conflict",
        "message": "Another learner already has this phone.",
    }
    other = await client.post(
        "/api/v1/learners", json=learner("Grace", "+14165550199"), headers=ADMIN_HEADERS
    )
    assert other.status_code == 201
    moved = await client.patch(
        f"/api/v1/learners/{other.json()['id']}", json={"phone": PHONE}, headers=ADMIN_HEADERS
    )
    assert moved.status_code == 409
    same = await client.patch(
        f"/api/v1/learners/{first.json()['id']}", json={"phone": PHONE}, headers=ADMIN_HEADERS
    )
    assert same.status_code == 200  # keeping one's own number is no conflict
    async with surface.services.sessions() as session:
        phones = list(await session.scalars(select(Learner.phone).order_by(Learner.id)))
    assert phones == [PHONE, "+14165550199"]


async def sms(surface: Surface, body: str) -> str:
    form = {"From": PHONE, "Body": body}
    response = await surface.client.post(
        "/sms/inbound",
        data=form,
        headers={"X-Twilio-Signature": twilio_signature("/sms/inbound", form)},
    )
    assert response.status_code == 200
    return response.text


async def test_stop_and_start_reach_every_learner_on_a_shared_number(surface: Surface) -> None:
    async with transaction(surface.services.sessions) as session:
        # Data from before numbers were unique: two learners on one number.
        await session.execute(text("DROP INDEX IF EXISTS uq_learners_live_phone"))
        await session.execute(
            insert(Learner),
            [{"name": "Ada", "phone": PHONE}, {"name": "Grace", "phone": PHONE}],
        )

    async def opted_out() -> list[bool]:
        async with surface.services.sessions() as session:
            found = await session.scalars(select(Learner.sms_opted_out).order_by(Learner.id))
            return list(found)

    assert "no more texts" in await sms(surface, "STOP")
    assert await opted_out() == [True, True]
    assert "texts are on again" in await sms(surface, "START")
    assert await opted_out() == [False, False]


async def test_the_migration_makes_live_numbers_unique(surface: Surface) -> None:
    async with surface.services.sessions() as session:
        index = await session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_learners_live_phone'")
        )
    assert index is not None and "UNIQUE" in index and "erased_at IS NULL" in index


async def test_a_learner_cannot_take_another_learners_number_in_slack_settings(
    database_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="America/Toronto")
    async with slack_harness(database_url, fake_slack) as slack:
        await slack.command("next")
        await slack.fake.await_for("chat.postMessage", count=2)
        submission = fixture("view_submission_settings")
        number = "+14165550123"  # the fixture's "+1 (416) 555-0123", as the form saves it
        async with transaction(slack.services.sessions) as session:
            await session.execute(insert(Learner).values(name="Grace", phone=number))
        assert (await slack.action(submission)).status_code == 200
        told = await slack.fake.await_for("chat.postMessage", count=3)
        assert told[-1]["text"] == PHONE_TAKEN
        async with slack.services.sessions() as session:
            ada = await session.scalar(select(Learner).where(Learner.slack_user_id == "U100"))
        assert ada is not None and ada.phone is None and ada.timezone == "America/Toronto"
