"""Personal data never leaves the process nor lands in stored content: a document and
learner questions full of PII go through ingest (embeddings), lesson generation (chat), the
tutor (chat, Postgres checkpoints) and moderation against the stand-in OpenAI server; not
one planted value reaches it or the content, checkpoint and audit tables."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from flows.checkpoint import postgres_checkpointer
from flows.tutor import TutorContext, ask, build_tutor_graph, retrieval_search
from knowledge.cache import Cache
from knowledge.embeddings import build_embedder
from knowledge.generation.llm import LlmLessonGenerator
from knowledge.ingest import ingest_sources
from knowledge.lessons import LessonService
from knowledge.llm import LlmConfig, LlmGateway
from knowledge.safety.moderation import OpenAIModerator
from storage.db import create_engine, session_factory
from storage.models import Chunk, Topic
from tests.knowledge.test_generation import lesson_json
from tests.support.fake_openai import FakeOpenAI, json_reply, text_reply

# Planted values, some disguised the way real text disguises them.
PLANTED = {
    "name": "Aoife McCarthy",
    "email": "aoife.mccarthy@northwind.example",
    "phone": "416\u00a0555\u20110199",
    "card": "4111 1111\n1111 1111",
    "sin": "046.454.286",
    "iban": "gb82 west 1234 5698 7654 32",
    "ssn": "123-45-6789",
    "dob": "1985-03-12",
    "address": "220 Maple Grove Dr, Unit 4B, Plano, TX 75024",
    "account": "00123-4567-89",
    "title_name": "Priyanka Venkataraman",
    "heading_phone": "(604) 555-0134",
}

DOCUMENT = f"""# Cardholder file for Mr. {PLANTED["title_name"]}

## Lost cards: call {PLANTED["heading_phone"]}

My client {PLANTED["name"]} (born {PLANTED["dob"]}) reported her business card
{PLANTED["card"]} lost. She lives at {PLANTED["address"]} and can be reached at
{PLANTED["email"]} or {PLANTED["phone"]}. Report a lost card to the issuer at once so
that the cardholder is not liable for charges made after the report. A card reported
within 2 business days caps the cardholder's liability at $50. A replacement card must be
mailed within 5 business days of the report.

## Refunds

Refunds for the disputed charges went to IBAN {PLANTED["iban"]} and account number
{PLANTED["account"]}; her SIN {PLANTED["sin"]} and SSN {PLANTED["ssn"]} were on the claim
form. Refunds post to the card account within ten business days. A refund above $500
must be approved by a branch manager. A dispute must be filed within 60 days of the
statement date.
"""

QUESTIONS = [
    f"My client {PLANTED['name']} lost card {PLANTED['card']}, what should she do?",
    f"Can I refund to IBAN {PLANTED['iban']} or account number {PLANTED['account']}?",
    f"She was born {PLANTED['dob']}, phone {PLANTED['phone']}, SIN {PLANTED['sin']}: "
    "how do refunds post?",
]


def _leaks(haystack: str) -> list[str]:
    """Planted values, or any recognisable part (a name word, a 4-digit run), found."""
    compact = re.sub(r"\D", "", haystack)
    lowered = haystack.lower()
    found = []
    for kind, value in PLANTED.items():
        digits = re.sub(r"\D", "", value)
        words = [w for w in re.findall(r"[^\W\d_]{3,}", value) if kind in ("name", "title_name")]
        if (
            value.lower() in lowered
            or (len(digits) >= 7 and digits in compact)
            or any(re.search(rf"\b{w.lower()}\b", lowered) for w in words)
        ):
            found.append(kind)
    return found


async def _table_text(session: AsyncSession, sql: str) -> str:
    rows = (await session.execute(text(sql))).all()
    parts = []
    for row in rows:
        for cell in row:
            if isinstance(cell, bytes | memoryview):
                parts.append(bytes(cell).decode("utf-8", "ignore"))
            elif cell is not None:
                parts.append(str(cell))
    return "\n".join(parts)


async def test_no_planted_value_reaches_the_model_server_or_any_table(
    database_url: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    source = tmp_path / "cardholder-file.md"
    source.write_text(DOCUMENT, encoding="utf-8")
    embedder = build_embedder(
        "openai", api_key="sk-test", base_url=fake_openai.base_url, model="text-embedding-3-small"
    )
    engine = create_engine(database_url, pool_size=2)
    config = LlmConfig(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0)
    try:
        sessions = session_factory(engine)
        report = await ingest_sources(sessions, [source], embedder=embedder, max_bytes=1_000_000)
        assert report.files[0].status == "added" and report.files[0].redactions >= 10

        async with sessions() as session, session.begin():
            topics = list((await session.execute(select(Topic).order_by(Topic.id))).scalars())
            assert len(topics) >= 2
            # The offline composer builds its lessons from the same stored passages.
            for other in topics[1:]:
                await LessonService().lesson_for(session, other)
            topic = topics[0]
            ids = list((await session.execute(select(Chunk.id))).scalars())
            # A model that echoes personal data back must not get it into the lesson.
            fake_openai.queue(
                json_reply(
                    lesson_json(
                        ids,
                        body=f"Report a lost card at once, as {PLANTED['name']} did.",
                        scenario=f"Call {PLANTED['phone']} or write to {PLANTED['email']}.",
                    )
                )
            )
            gateway = LlmGateway(config, cache=Cache(None))
            lessons = LessonService(generator=LlmLessonGenerator(gateway))
            await lessons.lesson_for(session, topic)

        async with postgres_checkpointer(database_url) as saver:
            graph = build_tutor_graph(saver)
            for question in QUESTIONS:
                fake_openai.queue(text_reply(f"Ask {PLANTED['name']} to call the issuer [1]."))
                async with sessions() as session, session.begin():
                    context = TutorContext(
                        session=session,
                        search=retrieval_search(session, embedder),
                        gateway=LlmGateway(config, cache=Cache(None)),
                    )
                    answer = await ask(graph, context, 41, question)
                    assert not _leaks(answer.answer + answer.question)

        moderator = OpenAIModerator(api_key="sk-test", base_url=fake_openai.base_url)
        await moderator.check(DOCUMENT)
        await moderator.aclose()

        paths = {path for path, _ in fake_openai.requests}
        assert any(p.endswith("/embeddings") for p in paths)
        assert any(p.endswith("/chat/completions") for p in paths)
        assert any(p.endswith("/moderations") for p in paths)
        assert _leaks(fake_openai.all_text_sent()) == []

        async with sessions() as session:
            for table, sql in {
                "chunks": "SELECT text, heading_path, heading FROM chunks",
                "documents": "SELECT title FROM documents",
                "topics": "SELECT slug, title, objectives FROM topics",
                "lessons": "SELECT title, body, key_points, scenario FROM lessons",
                "questions": "SELECT stem, options, explanation FROM questions",
                "checkpoints": "SELECT checkpoint::text, metadata::text FROM checkpoints",
                "checkpoint_blobs": "SELECT blob FROM checkpoint_blobs",
                "checkpoint_writes": "SELECT blob FROM checkpoint_writes",
                "audit_log": "SELECT action, target, detail::text FROM audit_log",
            }.items():
                stored = await _table_text(session, sql)
                assert _leaks(stored) == [], table
            blobs = await _table_text(session, "SELECT blob FROM checkpoint_blobs")
            assert "[CARD]" in blobs  # the redacted question is what the checkpoint keeps
    finally:
        await embedder.aclose()  # type: ignore[attr-defined]
        await engine.dispose()
