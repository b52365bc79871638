"""SMS: lessons fit three segments; Twilio webhooks are signed, answers are graded in
TwiML, STOP stops everything, and delivery receipts reach the outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from twilio.request_validator import RequestValidator

from delivery.sms.text import lesson_text, segments
from delivery.sms.webhook import SmsWebhookConfig, parse_answer, sms_routes
from delivery.worker import deliver_lesson
from flows.messages import LessonMessage, QuizOption, QuizPrompt
from storage.models import Delivery, Learner, QuizResponse
from tests.delivery.support import TODAY, World, runtime_for, seed
from tests.support.fake_twilio import FakeTwilio, running_fake_twilio

PUBLIC = "https://learn.example.com"
TOKEN = "secret"
NINE_UTC = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def quiz() -> QuizPrompt:
    options = ["Never", "Paid in full by the due date", "Always", "On Mondays"]
    return QuizPrompt(
        question_id=1,
        stem="When is no interest charged on purchases?",
        options=[QuizOption(index=i, label="ABCD"[i], text=t) for i, t in enumerate(options)],
    )


@pytest.mark.parametrize(
    "body", ["Short body.", "Long body sentence. " * 200, "Émoji 💳 body " * 60]
)
def test_a_lesson_fits_three_segments_and_ends_with_the_reply_hint(body: str) -> None:
    lesson = LessonMessage(
        lesson_id=1,
        topic_slug="apr",
        topic_title="APR",
        title="How APR works",
        body=body,
        quiz=quiz(),
    )
    sms = lesson_text(lesson)
    assert segments(sms) <= 3
    assert sms.endswith("Reply A, B, C or D")
    assert "B) Paid in full by the due date" in sms


def test_segment_counting_knows_gsm7_and_ucs2() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2
    assert segments("a" * 459) == 3 and segments("a" * 460) == 4
    assert segments("€" * 80) == 1  # extension characters count twice
    assert segments("💳" + "a" * 69) == 2  # one emoji: UCS-2, the emoji is 2 units
    assert segments("é" * 70) == 1  # é is in GSM-7


@pytest.mark.parametrize(
    ("body", "index"),
    [("b", 1), ("B)", 1), (" 2 ", 1), ("(c)", 2), ("d.", 3), ("A", 0), ("e", None), ("bb", None)],
)
def test_answers_by_text(body: str, index: int | None) -> None:
    assert parse_answer(body) == index


def signed(path: str, form: dict[str, str], token: str = TOKEN) -> dict[str, str]:
    return {"X-Twilio-Signature": RequestValidator(token).compute_signature(PUBLIC + path, form)}


async def client_for(world: World) -> AsyncIterator[httpx.AsyncClient]:
    app = Starlette(routes=sms_routes(SmsWebhookConfig(TOKEN, PUBLIC), world.sessions))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def sms_world(database_url: str, twilio: FakeTwilio) -> tuple[World, Delivery]:
    world = await seed(database_url, 1, phones=True, preferred_channel="sms")
    runtime = runtime_for(world, None, twilio)
    try:
        assert await deliver_lesson(runtime, world.learner_ids[0], TODAY) == "sent"
    finally:
        await runtime.aclose()
    async with world.sessions() as session:
        delivery = (await session.execute(select(Delivery))).scalar_one()
    return world, delivery


async def test_a_texted_answer_is_graded_once_and_answered_in_twiml(database_url: str) -> None:
    with running_fake_twilio() as twilio:
        world, delivery = await sms_world(database_url, twilio)
    phone = twilio.sent[0].to
    try:
        async for client in client_for(world):
            form = {"From": phone, "Body": "B)", "MessageSid": "SMin1"}
            reply = await client.post(
                "/sms/inbound", data=form, headers=signed("/sms/inbound", form)
            )
            assert reply.status_code == 200 and "<Message>Correct!" in reply.text
            again = {"From": phone, "Body": "3", "MessageSid": "SMin2"}
            reply = await client.post(
                "/sms/inbound", data=again, headers=signed("/sms/inbound", again)
            )
            assert "already answered" in reply.text
        async with world.sessions() as session:
            responses = list((await session.execute(select(QuizResponse))).scalars())
        assert [(r.delivery_id, r.chosen_option, r.correct, r.channel) for r in responses] == [
            (delivery.id, 1, True, "sms")
        ]
    finally:
        await world.engine.dispose()


async def test_unsigned_or_forged_webhooks_are_refused(database_url: str) -> None:
    world = await seed(database_url, 1, phones=True)
    try:
        async for client in client_for(world):
            form = {"From": "+15550000000", "Body": "STOP"}
            assert (await client.post("/sms/inbound", data=form)).status_code == 403
            forged = signed("/sms/inbound", form, token="wrong")
            assert (await client.post("/sms/inbound", data=form, headers=forged)).status_code == 403
            other_path = signed("/sms/status", form)
            assert (
                await client.post("/sms/inbound", data=form, headers=other_path)
            ).status_code == 403
        async with world.sessions() as session:
            learner = (await session.execute(select(Learner))).scalar_one()
        assert learner.sms_opted_out is False  # nothing changed
    finally:
        await world.engine.dispose()


async def test_after_stop_nothing_is_sent_until_start(database_url: str) -> None:
    with running_fake_twilio() as twilio:
        world = await seed(database_url, 1, phones=True, preferred_channel="sms")
        phone = "+15550000000"
        try:
            async for client in client_for(world):
                stop = {"From": phone, "Body": "stop"}
                reply = await client.post(
                    "/sms/inbound", data=stop, headers=signed("/sms/inbound", stop)
                )
                assert "no more texts" in reply.text
                answer = {"From": phone, "Body": "B"}
                reply = await client.post(
                    "/sms/inbound", data=answer, headers=signed("/sms/inbound", answer)
                )
                assert "<Message>" not in reply.text  # silent after STOP
                helpme = {"From": phone, "Body": "HELP"}
                reply = await client.post(
                    "/sms/inbound", data=helpme, headers=signed("/sms/inbound", helpme)
                )
                assert "Reply STOP" in reply.text
            runtime = runtime_for(world, None, twilio)
            try:
                assert await deliver_lesson(runtime, world.learner_ids[0], TODAY) == "failed"
            finally:
                await runtime.aclose()
            assert twilio.sent == [] and twilio.attempts == 0
            async for client in client_for(world):
                start = {"From": phone, "Body": "START"}
                reply = await client.post(
                    "/sms/inbound", data=start, headers=signed("/sms/inbound", start)
                )
                assert "texts are on again" in reply.text
        finally:
            await world.engine.dispose()


async def test_a_failed_delivery_receipt_marks_the_delivery_failed(database_url: str) -> None:
    with running_fake_twilio() as twilio:
        world, delivery = await sms_world(database_url, twilio)
    try:
        async for client in client_for(world):
            path = f"/sms/status?delivery_id={delivery.id}"
            form = {
                "MessageSid": delivery.provider_message_id or "",
                "MessageStatus": "undelivered",
                "ErrorCode": "30003",
            }
            reply = await client.post(path, data=form, headers=signed(path, form))
            assert reply.status_code == 204
            bad = await client.post(
                path, data={"MessageSid": "x"}, headers=signed(path, {"MessageSid": "x"})
            )
            assert bad.status_code == 400 and "MessageStatus" in bad.text
        async with world.sessions() as session:
            row = await session.get(Delivery, delivery.id)
        assert row is not None and row.status == "failed" and row.error == "sms: twilio_30003"
    finally:
        await world.engine.dispose()
