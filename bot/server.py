"""The ASGI composition root: route table and lifespan."""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import structlog
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from admin_api.routes import admin_routes
from bot.admin_wiring import build_admin_services
from bot.body_limit import BodyLimit
from bot.delivery_wiring import email_web_routes, in_process_worker, sms_webhook_routes
from bot.learning_wiring import durable_flows
from bot.metrics import MetricsMiddleware, metrics_route
from bot.playground.routes import playground_routes, playground_served
from bot.settings import Settings
from bot.slack_app import drain_slack_work, slack_routes, start_socket_mode
from bot.wiring import Services
from knowledge.safety import pii
from storage.migrate import current_revision, head_revision
from storage.repositories.monitoring import ping

log = structlog.get_logger("bmo.http")


class RequestContext:
    """Binds a request id to every log line of a request and echoes it in X-Request-Id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = ""
        for name, value in scope.get("headers") or ():
            if name == b"x-request-id":
                incoming = value.decode(errors="replace")
        # 32 random hex digits, as uuid4().hex gives, for a fraction of its cost.
        request_id = incoming[:64] if incoming.isprintable() and incoming else os.urandom(16).hex()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            structlog.contextvars.unbind_contextvars("request_id")


async def health(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def ready_endpoint(services: Services) -> Callable[[Request], Awaitable[Response]]:
    head = head_revision()

    async def ready(_request: Request) -> Response:
        started = time.perf_counter()
        try:
            async with services.engine.connect() as conn:
                current = await conn.run_sync(current_revision)
                await ping(conn)
        except Exception as exc:  # noqa: BLE001 - readiness reports, never raises
            log.warning("ready.database_unreachable", error=type(exc).__name__)
            return JSONResponse(
                {"status": "unavailable", "database": "unreachable"}, status_code=503
            )
        if current != head:
            return JSONResponse(
                {
                    "status": "unavailable",
                    "database": "ok",
                    "migrations": "pending",
                    "current": current,
                    "head": head,
                },
                status_code=503,
            )
        return JSONResponse(
            {
                "status": "ready",
                "database": "ok",
                "migrations": "current",
                "revision": current,
                "check_ms": round((time.perf_counter() - started) * 1000, 1),
            }
        )

    return ready


PLAYGROUND_PATH = "/playground"
DASHBOARD_PATH = "/admin/"
API_DOCS_PATH = "/api/v1/docs"


def front_door(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    """`/` leads to the playground when it is served (the embedded default), else to the
    dashboard."""
    target = PLAYGROUND_PATH if playground_served(settings) else DASHBOARD_PATH

    async def index(_request: Request) -> Response:
        return RedirectResponse(target, status_code=307)

    return index


def where_to_look(settings: Settings, host: str, port: int) -> list[str]:
    """The lines `bmo serve` prints at start-up: where a person finds each page."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - display only
    base = f"http://{shown}:{port}"
    lines = [f"BMO Learning is starting on {base}"]
    if playground_served(settings):
        lines.append(f"  playground  {base}{PLAYGROUND_PATH}   (chat with the bot as a learner)")
    lines.append(f"  dashboard   {base}{DASHBOARD_PATH}   (sign in with an admin API key)")
    lines.append(f"  API docs    {base}{API_DOCS_PATH}")
    return lines


def build_routes(services: Services) -> list[BaseRoute]:
    return [
        Route("/", front_door(services.settings), methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/ready", ready_endpoint(services), methods=["GET"]),
        metrics_route(services.engine),
        *slack_routes(services),
        *playground_routes(services),
        *sms_webhook_routes(services),
        *email_web_routes(services),
        *admin_routes(build_admin_services(services)),
    ]


def _warm_pii() -> None:
    """Load the PII model (about a second) while the app already answers; the first
    redaction waits for it only if it comes sooner."""
    try:
        pii.warm()
    except Exception as exc:  # noqa: BLE001 - reported here; redaction raises it again when used
        log.error("pii.warm_failed", error=str(exc))
    else:
        log.info("pii.ready")


def build_app(services: Services) -> ASGIApp:
    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await start_socket_mode(services)
        log.info("app.started")
        try:
            async with durable_flows(services), in_process_worker(services.settings, services):
                # Everything loaded so far lives as long as the process: keep it out of the
                # collector's full passes, which otherwise stall the event loop for tens of
                # milliseconds at a time under load.
                gc.collect()
                gc.freeze()
                gc.enable()  # `bmo serve` starts with it off (bot.main)
                # Started last, so it does not compete with start-up for the interpreter.
                threading.Thread(target=_warm_pii, name="pii-warm", daemon=True).start()
                try:
                    yield
                finally:  # answers already acknowledged are still graded and shown
                    await drain_slack_work(services)
        finally:
            await services.aclose()
            log.info("app.stopped")

    app = Starlette(routes=build_routes(services), lifespan=lifespan)
    # The admin API applies each endpoint's own (smaller) limit with its JSON error; this
    # bound is the backstop for its largest endpoint, the document upload.
    admin_limit = services.settings.max_document_bytes + 128 * 1024
    return BodyLimit(RequestContext(MetricsMiddleware(app)), prefixes=[("/api/", admin_limit)])
