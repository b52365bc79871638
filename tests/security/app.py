"""The whole HTTP surface (Slack events, SMS webhooks, playground, health, metrics and the
admin API) as the composition root builds it, on a database of its own, over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount
from twilio.request_validator import RequestValidator

from bot.server import build_app
from bot.settings import load_settings
from bot.wiring import Services, build_services
from delivery.sms.webhook import SmsWebhookConfig, sms_routes
from tests.support.fake_slack import FakeSlack

SIGNING_SECRET = "security-signing-secret-42"
TWILIO_TOKEN = "twilio-auth-token-security"
PUBLIC_URL = "https://learning.example.com"
ADMIN_SECRET = "adm-security-0123456789abcdef"
ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN_SECRET}"}


def twilio_signature(path: str, form: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    return str(RequestValidator(token).compute_signature(PUBLIC_URL + path, form))


@dataclass
class Surface:
    client: httpx.AsyncClient
    services: Services


@asynccontextmanager
async def whole_app(
    database_url: str,
    fake: FakeSlack,
    data_dir: Path,
    *,
    redis_url: str | None = None,
    **settings: Any,
) -> AsyncIterator[Surface]:
    config = load_settings(
        database_url=database_url,
        slack_bot_token="xoxb-security",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake.base_url,
        embeddings="none",
        redis_url=redis_url,
        playground=True,
        admin_api_keys=f"security-admin:{ADMIN_SECRET}:admin",
        data_dir=data_dir,
        public_base_url=PUBLIC_URL,
        _env_file=None,
        **settings,
    )
    services = build_services(config, database_url)
    # The SMS webhooks, mounted beside the app the way the composition root serves them.
    sms = sms_routes(SmsWebhookConfig(TWILIO_TOKEN, PUBLIC_URL), services.sessions)
    app = Starlette(routes=[*sms, Mount("/", app=build_app(services))])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://bmo.test") as client:
        try:
            yield Surface(client, services)
        finally:
            await services.aclose()
