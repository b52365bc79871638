"""`bmo demo`: load the sample curriculum and training documents, so a fresh install has
something to teach straight away."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.runtime import StartupError, database, settings_or_fail
from bot.settings import Settings
from knowledge.curriculum import import_curriculum, load_curriculum
from storage.db import create_engine, session_factory, transaction
from storage.repositories.content import document_count

SAMPLES = Path(__file__).resolve().parent.parent / "knowledge" / "samples"


@dataclass
class DemoReport:
    skipped: bool = False
    topics: int = 0
    documents: int = 0
    chunks: int = 0
    problems: list[str] | None = None


async def load_demo(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, *, if_empty: bool
) -> DemoReport:
    async with transaction(sessions) as session:
        if if_empty and await document_count(session):
            return DemoReport(skipped=True)
        summary = await import_curriculum(session, load_curriculum(SAMPLES / "curriculum.yaml"))
        topics = summary.topics_created + summary.topics_updated
    # Imported here: the embedding model and loaders are heavy and only this command needs them.
    from knowledge.embeddings import build_embedder
    from knowledge.ingest import ingest_sources
    from knowledge.topics import reassign_active_chunks

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    embedder = build_embedder(
        settings.embeddings,
        api_key=key,
        base_url=settings.openai_base_url,
        model=settings.openai_embedding_model,
    )
    report = await ingest_sources(
        sessions,
        [SAMPLES / "documents"],
        embedder=embedder,
        max_bytes=settings.max_document_bytes,
    )
    async with transaction(sessions) as session:
        await reassign_active_chunks(session)
    return DemoReport(
        topics=topics,
        documents=len(report.files) - report.count("skipped"),
        chunks=report.chunks,
        problems=[f"{f.source}: {f.reason}" for f in report.files if f.status == "skipped"],
    )


async def _run(url: str, settings: Settings, if_empty: bool) -> DemoReport:
    engine = create_engine(url, pool_size=2)
    try:
        return await load_demo(session_factory(engine), settings, if_empty=if_empty)
    finally:
        await engine.dispose()


def demo(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when documents are already loaded.")
    ] = False,
) -> None:
    """Load the sample business-card curriculum and training documents."""
    try:
        settings = settings_or_fail()
        with database(settings, migrate_to_head=True) as url:
            report = asyncio.run(_run(url, settings, if_empty))
    except StartupError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
    if report.skipped:
        typer.echo("documents are already loaded; sample content left out")
        return
    typer.echo(
        f"loaded {report.topics} topics, {report.documents} documents, {report.chunks} chunks"
    )
    for problem in report.problems or []:
        typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
