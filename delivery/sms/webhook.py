"""Twilio webhooks: /sms/inbound (answers and STOP/START/HELP, replied in TwiML) and
/sms/status (delivery receipts). Every request must carry a valid X-Twilio-Signature
computed over PUBLIC_BASE_URL + path, or it is refused with 403."""

from __future__ import annotations

import re
from dataclasses import dataclass

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from delivery.sms import text as sms_text
from flows import loop
from storage.db import transaction
from storage.models import Delivery, Learner, Question
from storage.repositories import content, deliveries, learners

log = structlog.get_logger("bmo.sms")

STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START_WORDS = frozenset({"START", "YES", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})
_ANSWER = re.compile(r"^\s*\(?([A-Da-d1-4])\s*[).:]?\s*$")
FAILED_STATUSES = frozenset({"failed", "undelivered"})


@dataclass(frozen=True)
class SmsWebhookConfig:
    auth_token: str
    public_base_url: str


def parse_answer(body: str) -> int | None:
    """'b', 'B)', '2', '(c)' -> 0-based option index; anything else -> None."""
    match = _ANSWER.match(body)
    if match is None:
        return None
    token = match.group(1).upper()
    return int(token) - 1 if token.isdigit() else "ABCD".index(token)


def twiml(message: str | None) -> Response:
    reply = MessagingResponse()
    if message:
        reply.message(message)
    return Response(str(reply), media_type="application/xml")


async def _signed_form(request: Request, config: SmsWebhookConfig) -> dict[str, str] | None:
    form = {k: str(v) for k, v in (await request.form()).items()}
    url = config.public_base_url.rstrip("/") + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not RequestValidator(config.auth_token).validate(url, form, signature):
        return None
    return form


def _unstorable(form: dict[str, str]) -> PlainTextResponse | None:
    """Postgres text cannot hold NUL: refuse it rather than fail on the write."""
    if any("\x00" in value for value in form.values()):
        return PlainTextResponse("a field contains a NUL character", status_code=400)
    return None


async def _open_quiz(session: AsyncSession, learner_id: int) -> tuple[Delivery, Question] | None:
    """The learner's latest lesson with a quiz: the one an answer by text refers to."""
    delivery = await deliveries.latest_sent_lesson(session, learner_id)
    if delivery is None or delivery.lesson_id is None:
        return None
    question = await content.first_question(session, delivery.lesson_id)
    return (delivery, question) if question is not None else None


async def _reply_to(session: AsyncSession, on_number: list[Learner], body: str) -> str | None:
    """`on_number`: every live learner with the sender's number; keywords apply to all of
    them (old data may share a number), answers to the first."""
    learner = on_number[0]
    word = body.strip().upper()
    if word in STOP_WORDS:
        for each in on_number:
            each.sms_opted_out = True
        return sms_text.STOPPED_TEXT
    if word in START_WORDS:
        for each in on_number:
            each.sms_opted_out = False
        return sms_text.STARTED_TEXT
    if word in HELP_WORDS:
        return sms_text.HELP_TEXT
    if learner.sms_opted_out:
        return None  # nothing is sent after STOP
    chosen = parse_answer(body)
    if chosen is None:
        return sms_text.UNKNOWN_TEXT
    quiz = await _open_quiz(session, learner.id)
    if quiz is None:
        return sms_text.NO_QUIZ_TEXT
    delivery, question = quiz
    if chosen >= len(question.options):
        return sms_text.UNKNOWN_TEXT
    feedback = await loop.answer(
        session, learner.id, question.id, chosen, delivery_id=delivery.id, channel="sms"
    )
    return sms_text.feedback_text(feedback)


def sms_routes(config: SmsWebhookConfig, sessions: async_sessionmaker[AsyncSession]) -> list[Route]:
    async def inbound(request: Request) -> Response:
        form = await _signed_form(request, config)
        if form is None:
            return PlainTextResponse("invalid Twilio signature", status_code=403)
        if refused := _unstorable(form):
            return refused
        sender, body = form.get("From", ""), form.get("Body", "")
        if not sender:
            return PlainTextResponse("missing From", status_code=400)
        async with transaction(sessions) as session:
            on_number = await learners.all_by_phone(session, sender)
            if not on_number:
                return twiml(sms_text.HELP_TEXT)
            learner = on_number[0]
            reply = await _reply_to(session, on_number, body)
        log.info("sms.inbound", learner_id=learner.id, replied=reply is not None)
        return twiml(reply)

    async def status(request: Request) -> Response:
        form = await _signed_form(request, config)
        if form is None:
            return PlainTextResponse("invalid Twilio signature", status_code=403)
        if refused := _unstorable(form):
            return refused
        sid, state = form.get("MessageSid", ""), form.get("MessageStatus", "")
        if not sid or not state:
            return PlainTextResponse("missing MessageSid or MessageStatus", status_code=400)
        if not (sid.isascii() and sid.isalnum() and len(sid) <= 64):
            return PlainTextResponse("MessageSid is not a Twilio message id", status_code=400)
        raw_id = request.query_params.get("delivery_id", "")
        delivery_id = (
            int(raw_id)
            if raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 10  # fits the column
            else None
        )
        error = (
            f"sms: twilio_{form.get('ErrorCode') or state}" if state in FAILED_STATUSES else None
        )
        async with transaction(sessions) as session:
            await deliveries.record_receipt(session, sid, delivery_id=delivery_id, error=error)
        return Response(status_code=204)

    return [
        Route("/sms/inbound", inbound, methods=["POST"]),
        Route("/sms/status", status, methods=["POST"]),
    ]
