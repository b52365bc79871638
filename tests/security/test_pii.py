"""Personal data in learner messages and in documents never reaches the LLM nor storage."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flows.tutor import TutorContext, ask, build_tutor_graph, retrieval_search
from knowledge.embeddings import NoEmbedder, build_embedder
from knowledge.ingest import ingest_sources
from knowledge.llm import LlmConfig, LlmGateway
from storage.db import create_engine, session_factory
from tests.support.fake_openai import FakeOpenAI, text_reply

PII = {
    "email": "maria.gonzalez@example.com",
    "phone": "(416) 555-0199",
    "ssn": "536-22-1847",
    "sin": "046 454 286",
    "card": "4111 1111 1111 1111",
    "iban": "GB82 WEST 1234 5698 7654 32",
}

DOCUMENT = f"""# Dispute handbook

## Filing a dispute

File a dispute within 60 days of the statement date. Escalations go to {PII["email"]} or
{PII["phone"]}. An example customer file reads: SSN {PII["ssn"]}, SIN {PII["sin"]}, card
{PII["card"]}, refund to IBAN {PII["iban"]}.

## Provisional credit

A provisional credit is posted while the dispute is investigated.
"""

TABLES = ["documents", "chunks", "lessons", "questions", "llm_calls", "audit_log"]


def leaked(haystack: str) -> list[str]:
    squashed = haystack.replace(" ", "").replace("-", "")
    return [
        kind
        for kind, value in PII.items()
        if value in haystack or value.replace(" ", "").replace("-", "") in squashed
    ]


async def stored_text(sessions: async_sessionmaker[AsyncSession]) -> str:
    async with sessions() as session:
        parts = []
        for table in TABLES:
            rows = await session.execute(text(f"SELECT t::text FROM {table} AS t"))
            parts += [str(r[0]) for r in rows]
    return "\n".join(parts)


async def test_personal_data_in_documents_and_questions_reaches_neither_llm_nor_storage(
    database_url: str, tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    (tmp_path / "disputes.md").write_text(DOCUMENT)
    engine = create_engine(database_url, pool_size=2)
    sessions = session_factory(engine)
    try:
        report = await ingest_sources(
            sessions, [tmp_path], embedder=build_embedder("none"), max_bytes=1_000_000
        )
        assert report.files[0].redactions >= len(PII)
        gateway = LlmGateway(
            LlmConfig(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0)
        )
        fake_openai.queue(text_reply("File the dispute within 60 days [1]."))
        question = (
            f"I'm {PII['email']}, phone {PII['phone']}, SSN {PII['ssn']}, SIN {PII['sin']}, "
            f"card {PII['card']}, IBAN {PII['iban']}: how many days do I have to file a dispute?"
        )
        async with sessions() as session:
            ctx = TutorContext(
                session=session, search=retrieval_search(session, NoEmbedder()), gateway=gateway
            )
            answer = await ask(build_tutor_graph(), ctx, 42, question)
        assert answer.grounded and "60 days" in answer.answer
        sent = fake_openai.all_text_sent()
        assert "dispute" in sent.lower()  # the question and the passages did go out...
        assert leaked(sent) == []  # ...without any of the personal data
        assert leaked(answer.answer) == []
        assert leaked(await stored_text(sessions)) == []
    finally:
        await engine.dispose()
