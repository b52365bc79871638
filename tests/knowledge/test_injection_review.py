"""With a model configured, passages the offline layers are unsure about get its second
opinion at ingest (through the gateway: redacted, cached); a "yes" quarantines them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.embeddings import build_embedder
from knowledge.ingest import ingest_sources
from knowledge.llm import LlmConfig, LlmGateway
from knowledge.safety.injection_review import LlmInjectionReviewer
from storage.db import create_engine, session_factory
from storage.models import Chunk
from tests.support.fake_openai import FakeOpenAI, Reply, json_reply

HANDBOOK = """# Card handbook

## Activation

Keep your instructions for card activation in a safe place, away from the card itself.

## Statements

The system prompt on the portal asks for your employee ID, or write to ana@corp.example.

## Late fees

The late fee is $29 when the minimum payment is not received by the due date.
"""


async def test_uncertain_passages_are_reviewed_once_and_quarantined_on_a_yes(
    database_url: str, tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    def review(body: dict[str, Any]) -> Reply:
        passage = body["messages"][-1]["content"]
        return json_reply({"injection": "system prompt" in passage, "reason": "test"})

    fake_openai.handler = review
    (tmp_path / "handbook.md").write_text(HANDBOOK)
    gateway = LlmGateway(LlmConfig(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0))
    engine = create_engine(database_url, pool_size=2)
    sessions: async_sessionmaker[AsyncSession] = session_factory(engine)
    try:
        report = await ingest_sources(
            sessions,
            [tmp_path],
            embedder=build_embedder("none"),
            max_bytes=10**6,
            reviewer=LlmInjectionReviewer(gateway),
        )
        assert report.files[0].quarantined == 1
        async with sessions() as session:
            rows = (await session.execute(select(Chunk.heading, Chunk.quarantined))).all()
        held = {heading.rsplit(" > ", 1)[-1]: quarantined for heading, quarantined in rows}
        assert held == {"Activation": False, "Statements": True, "Late fees": False}
        sent = fake_openai.bodies("/chat/completions")
        assert len(sent) == 2  # only the two uncertain passages, never the plain one
        assert "ana@corp.example" not in json.dumps(sent) and "late fee" not in json.dumps(sent)
    finally:
        await engine.dispose()
