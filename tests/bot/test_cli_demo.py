"""`bmo demo` loads the sample curriculum and documents; every topic can then be taught."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app
from knowledge.lessons import LessonService
from storage.db import create_engine, session_factory, transaction
from storage.models import Chunk, Document, Topic


async def test_demo_loads_sample_content_once_and_every_topic_gets_a_lesson(
    database_url: str,
) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": database_url, "EMBEDDINGS": "none", "LOG_LEVEL": "WARNING"}
    # The command runs its own event loop, so it gets a thread of its own here.
    first = await asyncio.to_thread(runner.invoke, app, ["demo", "--if-empty"], env=env)
    assert first.exit_code == 0, first.output
    assert "loaded 9 topics, 7 documents" in first.output
    again = await asyncio.to_thread(runner.invoke, app, ["demo", "--if-empty"], env=env)
    assert again.exit_code == 0 and "already loaded" in again.output

    engine = create_engine(database_url, pool_size=2)
    try:
        async with transaction(session_factory(engine)) as session:
            assert await session.scalar(select(func.count()).select_from(Document)) == 7
            topics = list((await session.execute(select(Topic).order_by(Topic.position))).scalars())
            assert [t.slug for t in topics][:2] == ["card-basics", "liability"]
            assert next(t for t in topics if t.slug == "disputes").prerequisites == [
                "fees-and-disclosures",
                "card-security",
            ]
            service = LessonService()
            for topic in topics:
                tagged = await session.scalar(
                    select(func.count()).where(Chunk.topic_id == topic.id, Chunk.active)
                )
                assert tagged, f"no material tagged for {topic.slug}"
                lesson = await service.lesson_for(session, topic)
                assert lesson.status == "ready" and lesson.questions, topic.slug
    finally:
        await engine.dispose()
