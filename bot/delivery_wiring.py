"""Builds the delivery side from settings: pacing, the Slack and Twilio senders, the
lesson composer and the job queue, and runs a queue worker (in `bmo worker`, or inside
`bmo serve` when no separate worker is configured)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import secrets
from collections.abc import AsyncIterator

import structlog
from procrastinate import App
from starlette.routing import BaseRoute

from bot.document_wiring import StoreIngest, embedder_from_settings, open_store
from bot.learning_wiring import learning_flows
from bot.settings import Settings
from bot.wiring import Services
from delivery.email.links import EmailLinks
from delivery.email.sender import EmailSender, SmtpConfig
from delivery.email.web import email_routes
from delivery.pacing import Pacer, build_pacer
from delivery.queue import build_queue, run_worker
from delivery.replies import SlackReplies
from delivery.slack.ids import ButtonSigner
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


@functools.cache
def _signer_for(secret: str | None) -> ButtonSigner:
    return ButtonSigner.derive(secret)


def button_signer(settings: Settings) -> ButtonSigner:
    """The key quiz buttons are signed with, derived from a Slack secret every task shares
    (random per process in the playground, which has none: one key for the whole process)."""
    secret = settings.slack_signing_secret or settings.slack_app_token or settings.slack_bot_token
    return _signer_for(secret.get_secret_value() if secret else None)


def _redis_url(settings: Settings) -> str | None:
    return settings.redis_url.get_secret_value() if settings.redis_url else None


def slack_pacer(settings: Settings) -> Pacer:
    """The workspace pace every Slack send shares (pushes and replies alike)."""
    return build_pacer(
        _redis_url(settings),
        settings.slack_max_messages_per_minute,
        "bmo:pace:slack:",
        burst=settings.slack_send_burst,
    )


def delivery_config(settings: Settings) -> DeliveryConfig:
    return DeliveryConfig(
        sms_fallback_after_days=settings.sms_fallback_after_days,
        nudge_after_hours=settings.nudge_after_hours,
    )


def slack_replies(services: Services) -> SlackReplies:
    """What the Slack surface sends through the delivery pipeline (lessons asked for,
    welcomes), on its own Web API client."""
    pacer = services.slack_reply_pacer
    if pacer is None:
        pacer = services.slack_reply_pacer = slack_pacer(services.settings)  # closed with them
    runtime = DeliveryRuntime(sessions=services.sessions, config=delivery_config(services.settings))
    return SlackReplies(runtime, pacer)


def public_base_url(settings: Settings) -> str:
    return settings.public_base_url or f"http://{settings.host}:{settings.port}"


def email_links(settings: Settings) -> EmailLinks:
    """Links are signed with EMAIL_LINK_SECRET, or a key made once and kept in DATA_DIR
    (so links keep working across restarts of the embedded default)."""
    if settings.email_link_secret is not None:
        secret = settings.email_link_secret.get_secret_value()
    else:
        path = settings.data_dir / "email-link.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        secret = path.read_text().strip()
    return EmailLinks(public_base_url(settings), secret)


def email_sender(settings: Settings) -> EmailSender | None:
    if settings.smtp_url is None or not settings.email_from:
        return None
    config = SmtpConfig.from_url(settings.smtp_url.get_secret_value(), settings.email_from)
    pacer = build_pacer(_redis_url(settings), settings.smtp_max_messages_per_minute, "bmo:pace:")
    return EmailSender(config, pacer)


def email_web_routes(services: Services) -> list[BaseRoute]:
    """/email/answer and /email/unsubscribe when e-mail is configured."""
    if services.settings.smtp_url is None:
        return []
    return list(email_routes(email_links(services.settings), services.sessions))


def build_delivery_runtime(settings: Settings, services: Services) -> DeliveryRuntime:
    redis_url = _redis_url(settings)
    slack = None
    if settings.slack_bot_token is not None:
        client = build_slack_client(
            settings.slack_bot_token.get_secret_value(),
            settings.slack_api_url,
            button_signer=button_signer(settings),
        )
        slack = SlackSender(client, slack_pacer(settings))
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
        email=(sender := email_sender(settings)),
        email_links=email_links(settings) if sender is not None else None,
        config=delivery_config(settings),
        ingest=StoreIngest(
            services.sessions,
            open_store(settings),
            embedder_from_settings(settings),
            settings.max_document_bytes,
            reviewer=injection_reviewer(services),
            parse_seconds=settings.document_parse_seconds,
        ),
    )


def injection_reviewer(services: Services) -> LlmInjectionReviewer | None:
    """With a model configured, uncertain passages get its second opinion at ingest."""
    gateway = getattr(services.lessons, "gateway", None)
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
            await run_worker(
                app,
                runtime,
                concurrency=concurrency,
                install_signal_handlers=signals,
                shutdown_graceful_timeout=settings.worker_shutdown_seconds,
            )
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
