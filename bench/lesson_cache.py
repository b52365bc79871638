"""Serving an already generated lesson through LessonService.

Loads the sample documents as chunks (one topic per document), generates each lesson once
with the offline composer, then serves lessons to many simulated learners: each request
opens a session, loads the topic, asks the service for the topic's lesson and reads its
questions, as a delivery job does. The goal (p95 <= 10 ms) is judged on the time spent in
LessonService; the whole request, session checkout included, is reported beside it.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.common import Metric, base_parser, percentile, write_results
from knowledge.lessons import LessonService
from storage.db import create_engine, session_factory, transaction
from storage.models import Chunk, Topic
from storage.repositories.content import add_chunks, add_document, add_topic
from tests.support.postgres import TestPostgres

SAMPLES = Path(__file__).resolve().parent.parent / "knowledge" / "samples" / "documents"
GOAL_P95_MS = 10.0


async def _load_material(sessions: async_sessionmaker[AsyncSession]) -> list[int]:
    topic_ids = []
    async with transaction(sessions) as session:
        for position, path in enumerate(sorted(SAMPLES.glob("*.md"))):
            text = path.read_text(encoding="utf-8")
            title = text.splitlines()[0].lstrip("# ").strip()
            topic = await add_topic(
                session, slug=path.stem, title=title, position=position, objectives=[]
            )
            doc = await add_document(
                session,
                source_uri=str(path),
                title=title,
                format="md",
                content_hash=str(hash(text)),
                byte_size=len(text),
            )
            sections = [s for s in re.split(r"\n(?=## )", text)[1:] if s.strip()]
            await add_chunks(
                session,
                [
                    Chunk(
                        document_id=doc.id,
                        topic_id=topic.id,
                        ordinal=i,
                        text=section.split("\n", 1)[1].strip(),
                        heading=section.splitlines()[0].lstrip("# "),
                        token_count=len(section.split()),
                    )
                    for i, section in enumerate(sections)
                ],
            )
            topic_ids.append(topic.id)
    return topic_ids


async def _serve(
    sessions: async_sessionmaker[AsyncSession], service: LessonService, topic_id: int
) -> tuple[float, float]:
    """(ms inside LessonService, ms for the whole request including the session)."""
    started = time.perf_counter()
    async with sessions() as session:
        topic = await session.get(Topic, topic_id)
        assert topic is not None
        served = time.perf_counter()
        lesson = await service.lesson_for(session, topic)
        assert lesson.questions and lesson.status == "ready"
        done = time.perf_counter()
    return (done - served) * 1000, (time.perf_counter() - started) * 1000


async def run(requests: int) -> list[Metric]:
    postgres = TestPostgres(os.environ.get("DATABASE_URL"))
    url = postgres.fresh_database()
    engine = create_engine(url, pool_size=4)
    sessions = session_factory(engine)
    try:
        topic_ids = await _load_material(sessions)
        service = LessonService()
        started = time.perf_counter()
        for topic_id in topic_ids:  # generate once; commits so every request sees them
            async with transaction(sessions) as session:
                topic = await session.get(Topic, topic_id)
                assert topic is not None
                await service.lesson_for(session, topic)
        generate_ms = (time.perf_counter() - started) * 1000 / len(topic_ids)

        rng = random.Random(1)
        for _ in range(50):  # warm the connection pool
            await _serve(sessions, service, rng.choice(topic_ids))
        timings = [await _serve(sessions, service, rng.choice(topic_ids)) for _ in range(requests)]
        served = [inside for inside, _ in timings]
        whole = [total for _, total in timings]
        # Another task that has never served the lesson: no in-process copy yet.
        cold = [
            (await _serve(sessions, LessonService(), rng.choice(topic_ids)))[0]
            for _ in range(max(50, requests // 10))
        ]
    finally:
        await engine.dispose()
        postgres.drop(url)
        postgres.close()
    return [
        Metric("serve_p50", percentile(served, 50), "ms"),
        Metric("serve_p95", percentile(served, 95), "ms", goal=GOAL_P95_MS),
        Metric("serve_p99", percentile(served, 99), "ms"),
        Metric("serve_p95_new_task", percentile(cold, 95), "ms"),
        Metric("request_p95_with_session", percentile(whole, 95), "ms"),
        Metric("generate_offline_mean", generate_ms, "ms"),
        Metric("requests", float(requests), "count", goal=500, higher_is_better=True),
    ]


def main() -> None:
    args = base_parser(__doc__ or "").parse_args()
    requests = 500 if args.quick else 5000
    load_before = os.getloadavg()[0]
    metrics = asyncio.run(run(requests))
    # The machine may be shared: record how busy it was, to read the tail latencies.
    params = {
        "requests": requests,
        "quick": args.quick,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    write_results("lesson_cache", metrics, params=params)


if __name__ == "__main__":
    main()
