"""`bmo demo` loads the sample curriculum and documents; every topic can then be taught."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from sqlalchemy import func, select

from knowledge.lessons import LessonService
from storage.db import create_engine, session_factory, transaction
from storage.models import Chunk, Document, Topic


async def _bmo(env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run the installed `bmo` command as an operator would."""
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "bmo"),
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    return int(process.returncode or 0), out.decode()


async def test_demo_loads_sample_content_once_and_every_topic_gets_a_lesson(
    database_url: str,
) -> None:
    env = {"DATABASE_URL": database_url, "EMBEDDINGS": "none", "LOG_LEVEL": "WARNING"}
    code, output = await _bmo(env, "demo", "--if-empty")
    assert code == 0, output
    assert "loaded 9 topics, 7 documents" in output
    code, output = await _bmo(env, "demo", "--if-empty")
    assert code == 0 and "already loaded" in output, output

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
