"""Builds the delivery side from settings: pacing, the Slack and Twilio senders, the
lesson composer and the job queue, and runs a queue worker (in `bmo worker`, or inside
`bmo serve` when no separate worker is configured)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog
from procrastinate import App
from starlette.routing import BaseRoute

from bot.document_wiring import StoreIngest, embedder_from_settings, open_store
from bot.learning_wiring import learning_flows
from bot.settings import Settings
from bot.wiring import Services
from delivery.pacing import build_pacer
from delivery.queue import build_queue, run_worker
from delivery.slack.sender import SlackSender, build_slack_client
from delivery.sms.sender import SmsSender, TwilioConfig, build_twilio_client
from delivery.sms.webhook import SmsWebhookConfig, sms_routes
from delivery.worker import DeliveryConfig, DeliveryRuntime
from flows.loop import LoopComposer
from knowledge.llm import LlmGateway
from knowledge.safety.injection_review import LlmInjectionReviewer

log = structlog.get_logger("bmo.worker")


def twilio_config(settings: Settings) -> TwilioConfig | None:
    if not settings.twilio_configured or settings.twilio_auth_token is None:
        return None
    base = (settings.public_base_url or "").rstrip("/")
    return TwilioConfig(
        account_sid=settings.twilio_account_sid or "",
        auth_token=settings.twilio_auth_token.get_secret_value(),
        from_number=settings.twilio_from_number or "",
        api_url=settings.twilio_api_url,
        status_callback_url=f"{base}/sms/status" if base else None,
    )


def build_delivery_runtime(settings: Settings, services: Services) -> DeliveryRuntime:
    redis_url = settings.redis_url.get_secret_value() if settings.redis_url else None
    slack = None
    if settings.slack_bot_token is not None:
        pacer = build_pacer(
            redis_url,
            settings.slack_max_messages_per_minute,
            "bmo:pace:slack:",
            burst=settings.slack_send_burst,
        )
        client = build_slack_client(
            settings.slack_bot_token.get_secret_value(), settings.slack_api_url
        )
        slack = SlackSender(client, pacer)
    sms = None
    config = twilio_config(settings)
    if config is not None:
        # A long code sends about one message a second.
        sms = SmsSender(
            build_twilio_client(config), config, build_pacer(redis_url, 60, "bmo:pace:")
        )
    return DeliveryRuntime(
        sessions=services.sessions,
        compose=LoopComposer(services.sessions, learning_flows(services).loop),
        slack=slack,
        sms=sms,
        config=DeliveryConfig(
            sms_fallback_after_days=settings.sms_fallback_after_days,
            nudge_after_hours=settings.nudge_after_hours,
        ),
        ingest=StoreIngest(
            services.sessions,
            open_store(settings),
            embedder_from_settings(settings),
            settings.max_document_bytes,
            reviewer=injection_reviewer(services),
        ),
    )


def injection_reviewer(services: Services) -> LlmInjectionReviewer | None:
    """With a model configured, uncertain passages get its second opinion at ingest."""
    gateway = getattr(services.extras.get("lessons"), "gateway", None)
    return LlmInjectionReviewer(gateway) if isinstance(gateway, LlmGateway) else None


async def run_delivery_worker(
    settings: Settings, services: Services, *, concurrency: int = 10, signals: bool = True
) -> None:
    """Run a queue worker until cancelled (or SIGINT/SIGTERM when `signals`)."""
    runtime = build_delivery_runtime(settings, services)
    app: App = build_queue(services.database_url)
    async with app.open_async():
        log.info("worker.started", concurrency=concurrency)
        try:
            await run_worker(app, runtime, concurrency=concurrency, install_signal_handlers=signals)
        finally:
            await runtime.aclose()
            if isinstance(runtime.ingest, StoreIngest):
                await runtime.ingest.aclose()
            log.info("worker.stopped")


@contextlib.asynccontextmanager
async def in_process_worker(settings: Settings, services: Services) -> AsyncIterator[None]:
    """The embedded default: `bmo serve` runs the worker beside the web app unless
    SEPARATE_WORKER is set."""
    if settings.separate_worker:
        yield
        return
    task = asyncio.create_task(run_delivery_worker(settings, services, signals=False))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def sms_webhook_routes(services: Services) -> list[BaseRoute]:
    """/sms/inbound and /sms/status when Twilio is configured; signatures are checked
    against PUBLIC_BASE_URL (the URL Twilio calls, in front of any load balancer)."""
    settings = services.settings
    if settings.twilio_auth_token is None:
        return []
    base = settings.public_base_url or f"http://{settings.host}:{settings.port}"
    config = SmsWebhookConfig(settings.twilio_auth_token.get_secret_value(), base)
    return list(sms_routes(config, services.sessions))
