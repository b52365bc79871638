from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from admin_api.auth import ApiKey
from admin_api.deps import AdminConfig, AdminServices
from admin_api.routes import admin_routes
from storage.db import create_engine, session_factory

ADMIN = ApiKey("ops-team", "adm-5f0c9e2b7a1d4c3e8b6f", "admin")
ANALYST = ApiKey("finance-reader", "ana-1b2c3d4e5f6a7b8c9d0e", "analyst")


def bearer(key: ApiKey) -> dict[str, str]:
    return {"Authorization": f"Bearer {key.secret}"}


@dataclass
class AdminHarness:
    client: httpx.AsyncClient
    services: AdminServices
    sessions: async_sessionmaker[AsyncSession]
    document_dir: Path


def admin_config(document_dir: Path, **overrides: object) -> AdminConfig:
    fields: dict[str, object] = {
        "keys": [ADMIN, ANALYST],
        "document_dir": document_dir,
        "rate_limit_per_minute": 10_000,
        "public_base_url": "https://learning.example.com",
        "pseudonym_key": "test-pseudonyms",
    }
    fields.update(overrides)
    return AdminConfig(**fields)  # type: ignore[arg-type]


@pytest.fixture
async def admin(database_url: str, tmp_path: Path) -> AsyncIterator[AdminHarness]:
    """The admin API on its own fresh database, reached over ASGI with a real HTTP client."""
    engine = create_engine(database_url, pool_size=4)
    sessions = session_factory(engine)
    config = admin_config(tmp_path / "documents", database_url=database_url)
    services = AdminServices(config=config, sessions=sessions)
    app = Starlette(routes=admin_routes(services))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://admin.test") as client:
        yield AdminHarness(client, services, sessions, tmp_path / "documents")
    await services.aclose()
    await engine.dispose()
