"""Real documents of every format from the shared corpus load and ingest with their
headings and embeddings."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.embeddings import build_embedder
from knowledge.ingest import ingest_sources
from knowledge.loaders import load_file
from storage.db import create_engine, session_factory
from storage.models import Chunk, Document
from tests.support.corpus import require_corpus

CORPUS = require_corpus()
ONE_OF_EACH = [
    CORPUS
    / "cfpb-circulars"
    / "CFPB_Circular_2022-03_adverse_action_notices_complex_algorithms.md",
    CORPUS / "owasp-cheatsheets" / "Forgot_Password_Cheat_Sheet.html",
    CORPUS / "cfpb-fdic-pdfs" / "FDIC_Consumer_News_Your_Business_Your_Deposits_2024.pdf",
    CORPUS / "nist-sp800-63" / "SP800-63A_sec9_usability_considerations_draft_2016-08-25.docx",
]
MB = 1_048_576


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


def test_the_html_page_keeps_its_headings_and_the_pdf_its_text() -> None:
    page = load_file(
        CORPUS / "owasp-cheatsheets" / "Forgot_Password_Cheat_Sheet.html", max_bytes=10**7
    )
    assert "## Forgot Password Service" in page.text and "¶" not in page.text
    pdf = load_file(
        CORPUS / "cfpb-fdic-pdfs" / "CFPB_Consumer_Guide_Managing_Your_Checking_Account_2016.pdf",
        max_bytes=10**7,
    )
    assert pdf.format == "pdf" and "checking account" in pdf.text.lower()


async def test_every_corpus_format_is_ingested_with_headings_and_embeddings(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    report = await ingest_sources(
        sessions, ONE_OF_EACH, embedder=build_embedder("minilm"), max_bytes=20 * MB
    )
    assert [f.status for f in report.files] == ["added"] * 4, [f.reason for f in report.files]
    async with sessions() as session:
        documents = (await session.execute(select(Document).order_by(Document.id))).scalars()
        assert [d.format for d in documents] == ["md", "html", "pdf", "docx"]
        chunks = list((await session.execute(select(Chunk))).scalars())
    assert len(chunks) == report.chunks > 20
    assert all(c.embedding_model == "minilm" and len(c.embedding) == 384 for c in chunks)
    assert all(0 < c.token_count <= 256 for c in chunks)
    headings = {c.heading for c in chunks}
    assert "Forgot Password Cheat Sheet > Methods > URL Tokens" in headings
    assert "9.1.2. Enrollment and Proofing Session" in headings  # a Word "Heading 3" style
