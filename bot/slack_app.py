"""Builds the Bolt AsyncApp: listeners, de-duplication, payload checks, error handling.

Listeners ack at once and leave the slow half to a work queue (process_before_response=
True), which keeps the ack a few milliseconds on both HTTP and Socket Mode.

A click costs the ack and its slow half on one event loop, so the per-request work is kept
small: the body is parsed once and the slow half reads the same parsed body and context
(Bolt's lazy listeners would parse it again and deep-copy the request), and Web API calls
reuse open connections to Slack. Only Bolt's public API is used: listeners, middleware
and the per-request `context["client"]`.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import aiohttp
import structlog
from pydantic import ValidationError
from redis.asyncio import Redis
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import to_starlette_response
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.dedup import PostgresDedup, RedisDedup
from bot.delivery_wiring import button_signer, slack_replies
from bot.handlers import commands, home, messages, payloads, quiz
from bot.handlers.common import BotDeps, guarded
from bot.learning import StorageLearning
from bot.learning_wiring import learning_flows
from bot.ports import Dedup, answer_key
from bot.wiring import Services
from delivery.slack.blocks import ANSWER_ACTION_PATTERN
from delivery.slack.ids import ActionId, AnswerPayload, ButtonSigner, CallbackId
from delivery.slack.signing import SigningWebClient

log = structlog.get_logger("bmo.slack")

EVENT_TTL = timedelta(hours=1)
NEXT_TTL = timedelta(minutes=10)
HOME_CLICK_WINDOW_SECONDS = 5
# What Bolt raises when a payload that passed the signature has an unexpected shape.
PAYLOAD_ERRORS = (AttributeError, TypeError, KeyError, IndexError, ValueError, ValidationError)
LAZY_WORKERS = 8  # slow halves in flight at once; within the database pool size
LAZY_BACKLOG_WARNING = 2000  # queued slow halves beyond this are logged (and still run)
LAZY_DRAIN_SECONDS = 20.0  # on shutdown, queued and running slow halves get this long


def dedup_key(body: dict[str, Any], signer: ButtonSigner) -> str | None:
    """The key that makes a retry or a double click the same request; None to let it pass.

    Raises ValueError on a button payload that could not have come from our messages
    (a quiz button whose signature fails is refused here, before anything is looked up).
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
        answer = AnswerPayload.open(str(action.get("value", "")), signer)
        return answer_key(user, answer.question_id, answer.delivery_id)
    if action_id == ActionId.NEXT_LESSON:
        message_ts = (body.get("message") or {}).get("ts")
        if message_ts:
            return f"next:{user}:{message_ts}"
        window = int(float(action.get("action_ts") or 0)) // HOME_CLICK_WINDOW_SECONDS
        return f"next:{user}:home:{window}"
    return None


class SlackConnections:
    """One aiohttp session per event loop, shared by every Web API call of the Slack
    surface: slack_sdk opens a new session, and a new connection, for each call made by a
    client that was given none.

    bench.slack_ack --quick, two runs each: 7.0-7.2 ms CPU per click with a session per
    call, 5.8-6.0 ms with this one (ack p99 6.5-7.3 ms either way).
    """

    def __init__(self, timeout: float = 10) -> None:
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            timeout = aiohttp.ClientTimeout(total=self.timeout)
            self._session, self._loop = aiohttp.ClientSession(timeout=timeout), loop
        return self._session

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed and self._loop is asyncio.get_running_loop():
            await session.close()


def pooled_signing_client(
    template: AsyncWebClient, signer: ButtonSigner, connections: SlackConnections
) -> Callable[..., Awaitable[None]]:
    """A middleware giving listeners a per-request client, as Bolt does, that signs the
    quiz buttons it posts and sends over the shared connections."""

    async def use_pooled_signing_client(context: AsyncBoltContext, next: Any) -> None:
        plain = context.client
        context["client"] = SigningWebClient(
            token=context.bot_token or plain.token,
            base_url=template.base_url,
            timeout=template.timeout,
            session=connections.session(),
            headers=template.headers,
            team_id=context.team_id,
            logger=template.logger,
            retry_handlers=plain.retry_handlers,
            button_signer=signer,
        )
        await next()

    return use_pooled_signing_client


LazyFunc = Callable[..., Awaitable[None]]
LazyItem = tuple[LazyFunc, dict[str, Any], dict[str, Any]]
# What a slow half may ask for; it gets the request's own objects, not copies (nothing
# changes them after the ack).
SLOW_HALF_ARGS = ("body", "client", "context", "event", "respond")


class LazyWorkQueue:
    """Runs the slow halves of listeners from a queue served by a fixed number of workers.

    An ack shares the event loop with the slow halves. Started as a task each, a burst of
    slow halves puts thousands of ready tasks ahead of every ack's next step; served by a
    few workers, at most that many run between two steps of an ack, so acks stay prompt
    when grading falls behind. Nothing is dropped: a long backlog is logged and worked
    off, and `aclose` lets queued and running work finish (within a bound) on shutdown.
    """

    def __init__(
        self, workers: int = LAZY_WORKERS, backlog_warning: int = LAZY_BACKLOG_WARNING
    ) -> None:
        if workers < 1:
            raise ValueError("at least one lazy worker is needed")
        self.workers = workers
        self.backlog_warning = backlog_warning
        self._queue: asyncio.Queue[LazyItem] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._warned = False

    @property
    def backlog(self) -> int:
        return self._queue.qsize() if self._queue is not None else 0

    def listener(self, slow: LazyFunc, ack_first: LazyFunc | None = None) -> LazyFunc:
        """A Bolt listener that acks (through `ack_first`, when the ack carries an answer)
        and queues `slow` with the arguments it names.

        Bolt's lazy listeners are not used: they re-parse and deep-copy each request, and
        take a custom runner only through private attributes. bench.slack_ack --quick, two
        runs each: 7.6-7.9 ms CPU per click and ack p99 7.6-11.8 ms with the former private
        runner override, 7.0-7.2 ms and 6.5-7.3 ms with this listener (same connections).
        """
        wanted = [n for n in inspect.signature(slow).parameters if n in SLOW_HALF_ARGS]
        ack_wants_body = ack_first is not None and "body" in inspect.signature(ack_first).parameters

        async def ack_then_queue(
            ack: AsyncAck,
            body: dict[str, Any],
            client: AsyncWebClient,
            context: AsyncBoltContext,
            event: dict[str, Any] | None,
            respond: Any,
        ) -> None:
            if ack_first is None:
                await ack()
            elif ack_wants_body:
                await ack_first(ack=ack, body=body)
            else:
                await ack_first(ack=ack)
            given = {
                "body": body,
                "client": client,
                "context": context,
                "event": event,
                "respond": respond,
            }
            self.submit(slow, {name: given[name] for name in wanted})

        return ack_then_queue

    def submit(self, function: LazyFunc, kwargs: dict[str, Any]) -> None:
        loop = asyncio.get_running_loop()
        if self._queue is None or self._loop is not loop:
            self._queue, self._loop = asyncio.Queue(), loop
            self._tasks = [loop.create_task(self._work(self._queue)) for _ in range(self.workers)]
        # The request's log context (its request id) goes with it: the worker tasks were
        # started inside whichever request came first and would otherwise carry its id.
        self._queue.put_nowait((function, kwargs, structlog.contextvars.get_contextvars()))
        backlog = self._queue.qsize()
        if backlog > self.backlog_warning and not self._warned:
            self._warned = True
            log.warning("slack.lazy_backlog", queued=backlog, workers=self.workers)
        elif backlog <= self.backlog_warning // 2:
            self._warned = False

    async def _work(self, queue: asyncio.Queue[LazyItem]) -> None:
        structlog.contextvars.clear_contextvars()
        while True:
            function, kwargs, log_context = await queue.get()
            try:
                with structlog.contextvars.bound_contextvars(**log_context):
                    await function(**kwargs)
            except Exception as exc:  # noqa: BLE001 - one failure never stops a worker
                log.error("slack.lazy_failed", error=type(exc).__name__)
            finally:
                queue.task_done()

    async def drain(self, grace: float = LAZY_DRAIN_SECONDS) -> bool:
        """Wait until every queued and running slow half has finished; False on timeout."""
        if self._queue is None or self._loop is not asyncio.get_running_loop():
            return True
        try:
            await asyncio.wait_for(self._queue.join(), grace)
        except TimeoutError:
            log.warning("slack.lazy_unfinished", queued=self._queue.qsize())
            return False
        return True

    async def aclose(self, grace: float = LAZY_DRAIN_SECONDS) -> None:
        await self.drain(grace)
        tasks, self._tasks, self._queue = self._tasks, [], None
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _ttl(key: str) -> timedelta:
    return NEXT_TTL if key.startswith("next:") else EVENT_TTL


def build_slack_app(
    deps: BotDeps,
    *,
    bot_token: str,
    signing_secret: str,
    api_url: str,
    connections: SlackConnections | None = None,
    lazy_work: LazyWorkQueue | None = None,
) -> AsyncApp:
    """The app; its Web API calls share `connections` and its slow halves run on
    `lazy_work` (by default a queue of its own, served by LAZY_WORKERS workers)."""
    client = AsyncWebClient(token=bot_token, base_url=api_url, timeout=10)
    app = AsyncApp(
        signing_secret=signing_secret,
        client=client,
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )
    work = lazy_work or LazyWorkQueue()

    async def drop_repeats(body: dict[str, Any], next: Any) -> BoltResponse | None:
        if (reason := payloads.problem(body)) is not None:
            return BoltResponse(status=400, body=f"malformed Slack payload: {reason}")
        try:
            key = dedup_key(body, deps.signer)
        except (ValueError, ValidationError):
            return BoltResponse(status=400, body="invalid interactive payload")
        # An answer's key is recorded with the answer, in its transaction (see quiz.answer):
        # a key kept here would turn away the re-click after a failed grading.
        if key is None or key.startswith("answer:"):
            await next()
            return None
        if not await deps.dedup.first(key, _ttl(key)):
            log.info("slack.repeat_dropped", kind=key.split(":", 1)[0])
            return BoltResponse(status=200, body="")
        await next()
        return None

    async def on_error(error: Exception) -> BoltResponse:
        if isinstance(error, PAYLOAD_ERRORS):  # Bolt tripped over the payload's shape
            log.warning("slack.payload_refused", error=type(error).__name__)
            return BoltResponse(status=400, body="malformed Slack payload")
        log.error("slack.ack_failed", error=type(error).__name__, detail=str(error)[:200])
        return BoltResponse(status=500, body="Something went wrong; please try again.")

    app.middleware(drop_repeats)
    app.middleware(pooled_signing_client(client, deps.signer, connections or SlackConnections()))
    app.error(on_error)

    def then(slow: LazyFunc, ack: LazyFunc | None = None) -> LazyFunc:
        return work.listener(guarded(slow, deps), ack_first=ack)

    app.command("/learn")(then(commands.learn))
    app.action(re.compile(ANSWER_ACTION_PATTERN.pattern))(then(quiz.answer))
    app.action(ActionId.NEXT_LESSON.value)(then(quiz.next_lesson))
    app.action(ActionId.OPEN_SETTINGS.value)(then(home.open_settings))
    for action in (ActionId.HOME_PAUSE, ActionId.HOME_RESUME):
        app.action(action.value)(then(home.pause_or_resume))
    app.view(CallbackId.SETTINGS.value)(then(home.save_settings, ack=home.validate_settings))
    app.event("app_home_opened")(then(home.home_opened))
    app.event("message")(then(messages.tutor_reply))
    return app


def bot_deps(services: Services) -> BotDeps:
    """The learning port and de-duplication store for the Slack surface."""
    settings = services.settings
    flows = learning_flows(services)
    learning = StorageLearning(
        services.sessions,
        flows,
        default_track=settings.default_track,
        open_enrolment=settings.enrollment_mode == "open",
        embedder=flows.embedder,
    )
    dedup: Dedup
    if settings.redis_url is not None:
        client = Redis.from_url(settings.redis_url.get_secret_value())
        services.slack_dedup_redis = client  # closed with the services
        dedup = RedisDedup(client)
    else:
        dedup = PostgresDedup(services.sessions)
    return BotDeps(
        learning=learning,
        dedup=dedup,
        replies=slack_replies(services),
        signer=button_signer(settings),
        default_track=settings.default_track,
    )


def bolt_request(request: Request, text: str) -> AsyncBoltRequest | None:
    """The request as Bolt sees it, parsed once; None when the body is not a JSON object
    or a form (whose payload, if any, is one). Bolt itself would answer those with a 500."""
    try:
        parsed = AsyncBoltRequest(
            body=text,
            query=request.query_params,  # type: ignore[arg-type]
            headers=request.headers,  # type: ignore[arg-type]
        )
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError):
        return None
    return parsed if isinstance(parsed.body, dict) else None


async def drain_slack_work(services: Services, grace: float = LAZY_DRAIN_SECONDS) -> None:
    """Let queued and running slow halves finish before connections close (shutdown)."""
    if services.slack_lazy_work is not None:
        await services.slack_lazy_work.aclose(grace)


def slack_routes(services: Services) -> list[BaseRoute]:
    """/slack/events in HTTP mode; in Socket Mode the connection starts with the app."""
    settings = services.settings
    if not settings.slack_configured or settings.slack_bot_token is None:
        return []
    bot_token = settings.slack_bot_token.get_secret_value()
    deps = bot_deps(services)
    connections = SlackConnections()
    services.slack_connections = connections  # closed with the services
    lazy_work = LazyWorkQueue(workers=services.settings.slack_lazy_workers)
    services.slack_lazy_work = lazy_work  # drained by the lifespan first
    app = build_slack_app(
        deps,
        bot_token=bot_token,
        signing_secret=(
            settings.slack_signing_secret.get_secret_value()
            if settings.slack_signing_secret
            else "socket-mode-does-not-sign"
        ),
        api_url=settings.slack_api_url,
        connections=connections,
        lazy_work=lazy_work,
    )
    if settings.slack_app_token is not None:
        services.slack_socket = SocketModeConnection(
            app, settings.slack_app_token.get_secret_value()
        )
        return []

    secret = settings.slack_signing_secret
    verifier = SignatureVerifier(secret.get_secret_value() if secret else "")

    async def events(request: Request) -> Response:
        body = await request.body()
        try:
            text = body.decode()
        except UnicodeDecodeError:
            return Response("the body is not UTF-8 text", status_code=400)
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature")
        if not (timestamp.isascii() and timestamp.isdigit()) or not verifier.is_valid(
            body, timestamp, signature
        ):
            return Response("invalid request signature", status_code=401)
        parsed = bolt_request(request, text)
        if parsed is None:
            return Response("malformed Slack payload", status_code=400)
        if (reason := payloads.problem(parsed.body)) is not None:
            return Response(f"malformed Slack payload: {reason}", status_code=400)
        try:
            return to_starlette_response(await app.async_dispatch(parsed))
        except PAYLOAD_ERRORS as exc:  # raised inside Bolt before any listener ran
            log.warning("slack.payload_refused", error=type(exc).__name__)
            return Response("malformed Slack payload", status_code=400)

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
    if services.slack_socket is not None:
        await services.slack_socket.start()
