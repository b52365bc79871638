"""Builds the Bolt AsyncApp: listeners, de-duplication, payload checks, error handling.

Listeners ack at once and do the slow part lazily (process_before_response=True), which
keeps the ack a few milliseconds on both HTTP and Socket Mode.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

import structlog
from pydantic import ValidationError
from redis.asyncio import Redis
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.handlers import commands, home, messages, quiz
from bot.handlers.common import BotDeps, guarded
from bot.handlers.dedup import Dedup, PostgresDedup, RedisDedup
from bot.handlers.learning import StorageLearning
from bot.learning_wiring import learning_flows
from bot.wiring import Services
from delivery.slack.blocks import ANSWER_ACTION_PATTERN
from delivery.slack.ids import ActionId, AnswerPayload, CallbackId

log = structlog.get_logger("bmo.slack")

EVENT_TTL = timedelta(hours=1)
ANSWER_TTL = timedelta(days=7)
NEXT_TTL = timedelta(minutes=10)
HOME_CLICK_WINDOW_SECONDS = 5
LAZY_CONCURRENCY = 16  # slow halves in flight at once; about the database pool size


def dedup_key(body: dict[str, Any]) -> str | None:
    """The key that makes a retry or a double click the same request; None to let it pass.

    Raises ValueError on a button payload that could not have come from our messages.
    """
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("type") != "block_actions":
        return None
    user = (body.get("user") or {}).get("id", "")
    actions = body.get("actions") or []
    if not user or not actions:
        raise ValueError("block_actions without a user or an action")
    action = actions[0]
    action_id = str(action.get("action_id", ""))
    if ANSWER_ACTION_PATTERN.match(action_id):
        answer = AnswerPayload.decode(str(action.get("value", "")))
        return f"answer:{user}:{answer.question_id}:{answer.delivery_id}"
    if action_id == ActionId.NEXT_LESSON:
        message_ts = (body.get("message") or {}).get("ts")
        if message_ts:
            return f"next:{user}:{message_ts}"
        window = int(float(action.get("action_ts") or 0)) // HOME_CLICK_WINDOW_SECONDS
        return f"next:{user}:home:{window}"
    return None


def _ttl(key: str) -> timedelta:
    if key.startswith("answer:"):
        return ANSWER_TTL
    return NEXT_TTL if key.startswith("next:") else EVENT_TTL


def build_slack_app(
    deps: BotDeps,
    *,
    bot_token: str,
    signing_secret: str,
    api_url: str,
    client: AsyncWebClient | None = None,
) -> AsyncApp:
    client = client or AsyncWebClient(token=bot_token, base_url=api_url, timeout=10)
    slots = asyncio.Semaphore(LAZY_CONCURRENCY)
    app = AsyncApp(
        token=None,
        signing_secret=signing_secret,
        client=client,
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )

    async def drop_repeats(body: dict[str, Any], next: Any) -> BoltResponse | None:
        try:
            key = dedup_key(body)
        except (ValueError, ValidationError):
            return BoltResponse(status=400, body="invalid interactive payload")
        if key is not None and not await deps.dedup.first(key, _ttl(key)):
            log.info("slack.repeat_dropped", kind=key.split(":", 1)[0])
            return BoltResponse(status=200, body="")
        await next()
        return None

    async def on_error(error: Exception) -> BoltResponse:
        log.error("slack.ack_failed", error=type(error).__name__, detail=str(error)[:200])
        return BoltResponse(status=500, body="Something went wrong; please try again.")

    app.middleware(drop_repeats)
    app.error(on_error)

    app.command("/learn")(ack=commands.ack_command, lazy=[guarded(commands.learn, deps, slots)])
    app.action(re.compile(ANSWER_ACTION_PATTERN.pattern))(
        ack=quiz.ack_action, lazy=[guarded(quiz.answer, deps, slots)]
    )
    app.action(ActionId.NEXT_LESSON.value)(
        ack=quiz.ack_action, lazy=[guarded(quiz.next_lesson, deps, slots)]
    )
    app.action(ActionId.OPEN_SETTINGS.value)(
        ack=quiz.ack_action, lazy=[guarded(home.open_settings, deps, slots)]
    )
    for action in (ActionId.HOME_PAUSE, ActionId.HOME_RESUME):
        app.action(action.value)(
            ack=quiz.ack_action, lazy=[guarded(home.pause_or_resume, deps, slots)]
        )
    app.view(CallbackId.SETTINGS.value)(
        ack=home.validate_settings, lazy=[guarded(home.save_settings, deps, slots)]
    )
    app.event("app_home_opened")(
        ack=messages.ack_event, lazy=[guarded(home.home_opened, deps, slots)]
    )
    app.event("message")(ack=messages.ack_event, lazy=[guarded(messages.tutor_reply, deps, slots)])
    return app


def bot_deps(services: Services) -> BotDeps:
    """The learning port and de-duplication store for the Slack surface."""
    settings = services.settings
    learning = StorageLearning(
        services.sessions,
        services.extras["lessons"].lessons,
        default_track=settings.default_track,
        open_enrolment=settings.enrollment_mode == "open",
        flows=learning_flows(services),
    )
    dedup: Dedup
    if settings.redis_url is not None:
        client = Redis.from_url(settings.redis_url.get_secret_value())
        services.extras["slack_dedup_redis"] = client  # closed with the services
        dedup = RedisDedup(client)
    else:
        dedup = PostgresDedup(services.sessions)
    return BotDeps(learning=learning, dedup=dedup, default_track=settings.default_track)


def utf8(body: bytes) -> bool:
    try:
        body.decode()
    except UnicodeDecodeError:
        return False
    return True


def readable_payload(body: bytes, content_type: str) -> bool:
    """Whether Bolt can parse the body: a JSON object, or a form whose payload is one."""
    try:
        text = body.decode()
        if content_type.startswith("application/json") or text.startswith("{"):
            return isinstance(json.loads(text), dict)
        payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
        return payload is None or isinstance(json.loads(payload), dict)
    except (ValueError, RecursionError):  # bad UTF-8 or JSON, or nested too deep
        return False


def slack_routes(services: Services) -> list[BaseRoute]:
    """/slack/events in HTTP mode; in Socket Mode the connection starts with the app."""
    settings = services.settings
    if not settings.slack_configured or settings.slack_bot_token is None:
        return []
    app = build_slack_app(
        bot_deps(services),
        bot_token=settings.slack_bot_token.get_secret_value(),
        signing_secret=(
            settings.slack_signing_secret.get_secret_value()
            if settings.slack_signing_secret
            else "socket-mode-does-not-sign"
        ),
        api_url=settings.slack_api_url,
    )
    if settings.slack_app_token is not None:
        services.extras["slack_socket"] = SocketModeConnection(
            app, settings.slack_app_token.get_secret_value()
        )
        return []
    handler = AsyncSlackRequestHandler(app)

    secret = settings.slack_signing_secret
    verifier = SignatureVerifier(secret.get_secret_value() if secret else "")

    async def events(request: Request) -> Response:
        # Bolt answers a 500 to a non-numeric timestamp or a signed but unparsable body.
        body = await request.body()
        if not utf8(body):
            return Response("the body is not UTF-8 text", status_code=400)
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        if not (timestamp.isascii() and timestamp.isdigit()):
            return Response("invalid request signature", status_code=401)
        signature = request.headers.get("X-Slack-Signature")
        if verifier.is_valid(body, timestamp, signature) and not readable_payload(
            body, request.headers.get("content-type", "")
        ):
            return Response("malformed Slack payload", status_code=400)
        return await handler.handle(request)

    return [Route("/slack/events", events, methods=["POST"])]


class SocketModeConnection:
    """Slack traffic over a websocket instead of /slack/events (SLACK_APP_TOKEN)."""

    def __init__(self, app: AsyncApp, app_token: str) -> None:
        self.handler = AsyncSocketModeHandler(app, app_token)

    async def start(self) -> None:
        await self.handler.connect_async()
        log.info("slack.socket_mode_connected")

    async def aclose(self) -> None:
        await self.handler.close_async()


async def start_socket_mode(services: Services) -> None:
    connection = services.extras.get("slack_socket")
    if isinstance(connection, SocketModeConnection):
        await connection.start()
