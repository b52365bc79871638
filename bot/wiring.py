"""Builds the running services from settings. The only place that knows every adapter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.lesson_wiring import LessonServices, build_lesson_services
from bot.settings import Settings
from storage.db import create_engine, session_factory

if TYPE_CHECKING:  # built by the modules that own them, which import this one
    from redis.asyncio import Redis

    from admin_api.deps import AdminServices
    from bot.learning_wiring import LearningFlows
    from bot.playground.fake_api import FakeSlack
    from bot.slack_app import LazyWorkQueue, SlackConnections, SocketModeConnection
    from delivery.pacing import Pacer


@dataclass
class Services:
    """Everything one process runs on. The parts after `lessons` are built on first use by
    the module that owns each (learning flows, the admin API, the playground, the Slack
    surface) and closed here with the rest."""

    settings: Settings
    database_url: str
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    lessons: LessonServices
    learning: LearningFlows | None = None
    admin: AdminServices | None = None
    playground_slack: FakeSlack | None = None
    playground_slack_connections: SlackConnections | None = None
    slack_dedup_redis: Redis | None = None
    slack_connections: SlackConnections | None = None
    slack_lazy_work: LazyWorkQueue | None = None
    slack_socket: SocketModeConnection | None = None
    slack_reply_pacer: Pacer | None = None

    async def aclose(self) -> None:
        parts = (
            self.lessons,
            self.learning,
            self.admin,
            self.playground_slack,
            self.playground_slack_connections,
            self.slack_dedup_redis,
            self.slack_connections,
            self.slack_lazy_work,
            self.slack_socket,
            self.slack_reply_pacer,
        )
        for part in parts:
            close = getattr(part, "aclose", None)
            if close is not None:
                await close()
        await self.engine.dispose()


def build_services(settings: Settings, database_url: str) -> Services:
    engine = create_engine(database_url)
    return Services(
        settings=settings,
        database_url=database_url,
        engine=engine,
        sessions=session_factory(engine),
        lessons=build_lesson_services(settings),
    )
