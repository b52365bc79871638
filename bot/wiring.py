"""Builds the running services from settings. The only place that knows every adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.lesson_wiring import build_lesson_services
from bot.settings import Settings
from storage.db import create_engine, session_factory


@dataclass
class Services:
    settings: Settings
    database_url: str
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    extras: dict[str, Any] = field(default_factory=dict)

    async def aclose(self) -> None:
        for extra in self.extras.values():
            if hasattr(extra, "aclose"):
                await extra.aclose()
        await self.engine.dispose()


def build_services(settings: Settings, database_url: str) -> Services:
    engine = create_engine(database_url)
    return Services(
        settings=settings,
        database_url=database_url,
        engine=engine,
        sessions=session_factory(engine),
        extras={"lessons": build_lesson_services(settings)},
    )
