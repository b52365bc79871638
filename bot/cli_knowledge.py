"""`bmo ingest` and `bmo curriculum import`: load training material and curricula."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.runtime import StartupError, database, settings_or_fail
from bot.settings import Settings
from knowledge.document_store import DocumentStoreError, S3DocumentStore, split_s3_url
from knowledge.embeddings import Embedder, build_embedder
from knowledge.ingest import (
    FileOutcome,
    IngestReport,
    Source,
    Status,
    collect_from_store,
    expand_sources,
    ingest_collected,
    local_source,
)

curriculum_app = typer.Typer(no_args_is_help=True, help="Tracks and topics.")


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _embedder(settings: Settings) -> Embedder:
    return build_embedder(
        settings.embeddings,
        api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else None,
        base_url=settings.openai_base_url,
        model=settings.openai_embedding_model,
    )


async def _collect(
    locations: list[str], settings: Settings
) -> tuple[list[Source], list[FileOutcome]]:
    """Local paths and s3://bucket/prefix/ locations, listed before anything is written:
    a store that cannot be listed raises `DocumentStoreError`."""
    sources: list[Source] = []
    problems: list[FileOutcome] = []
    local = [Path(item) for item in locations if not item.startswith("s3://")]
    if local:
        files, missing = expand_sources(local)
        sources += [local_source(p) for p in files]
        problems += missing
    for location in (item for item in locations if item.startswith("s3://")):
        bucket, prefix = split_s3_url(location)
        store = S3DocumentStore(
            bucket,
            "",
            endpoint_url=settings.s3_endpoint_url,
            kms_key_id=settings.document_store_kms_key,
        )
        found, unusable = await collect_from_store(store, prefix)
        sources += found
        problems += unusable
    unique = {source.uri: source for source in sources}
    return list(unique.values()), problems


async def _run_ingest(
    url: str,
    collected: tuple[list[Source], list[FileOutcome]],
    embedder: Embedder,
    max_bytes: int,
    console: Console,
) -> IngestReport:
    from storage.db import create_engine, session_factory

    engine = create_engine(url, pool_size=2)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            files = progress.add_task("files", total=None)
            chunks = progress.add_task("chunks stored", total=None)

            def on_progress(outcome: FileOutcome, done: int, total: int) -> None:
                progress.update(files, completed=done, total=total)
                progress.update(chunks, advance=outcome.chunks)
                progress.update(chunks, total=progress.tasks[chunks].completed)

            sources, problems = collected
            return await ingest_collected(
                session_factory(engine),
                sources,
                problems,
                embedder=embedder,
                max_bytes=max_bytes,
                on_progress=on_progress,
            )
    finally:
        await engine.dispose()
        close = getattr(embedder, "aclose", None)
        if close is not None:
            await close()


def _summary(report: IngestReport) -> Table:
    table = Table(title="Ingest summary")
    for column in ("file", "status", "chunks", "seconds", "notes"):
        table.add_column(column, justify="right" if column in ("chunks", "seconds") else "left")
    colours = {"added": "green", "updated": "cyan", "unchanged": "dim", "skipped": "red"}
    for outcome in report.files:
        notes = [outcome.reason] if outcome.reason else []
        if outcome.version and outcome.version > 1 and outcome.status == "updated":
            notes.append(f"version {outcome.version}, {outcome.stale_lessons} lesson(s) stale")
        if outcome.redactions:
            notes.append(f"{outcome.redactions} PII value(s) redacted")
        if outcome.injection_markers:
            notes.append("injection markers: " + ", ".join(outcome.injection_markers))
        table.add_row(
            Path(outcome.source).name,
            f"[{colours[outcome.status]}]{outcome.status}[/]",
            str(outcome.chunks),
            f"{outcome.seconds:.2f}",
            "; ".join(notes),
        )
    statuses: tuple[Status, ...] = ("added", "updated", "unchanged", "skipped")
    counts = ", ".join(f"{report.count(s)} {s}" for s in statuses)
    table.caption = f"{counts}; {report.chunks} chunks in {report.seconds:.1f}s"
    return table


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (searched recursively), or s3://bucket/prefix/ locations "
            "(S3_ENDPOINT_URL for S3-compatible servers).",
            metavar="PATH|s3://BUCKET/PREFIX/...",
        ),
    ],
) -> None:
    """Load training documents (.md .txt .html .pdf .docx): chunk, scan, embed and store."""
    console = Console()
    try:
        settings = settings_or_fail()
        logging.getLogger("botocore").setLevel(logging.WARNING)  # no "found credentials"
        # Listing comes first: a bucket that cannot be read stops here, nothing stored.
        collected = asyncio.run(_collect(paths, settings))
        embedder = _embedder(settings)
        with database(settings) as url:
            report = asyncio.run(
                _run_ingest(url, collected, embedder, settings.max_document_bytes, console)
            )
    except (StartupError, DocumentStoreError, ValueError) as exc:
        _fail(str(exc))
        return
    console.print(_summary(report))
    if report.all_failed:
        _fail("no file could be ingested", code=1)


async def _run_import(url: str, path: Path) -> str:
    from knowledge.curriculum import import_curriculum, load_curriculum
    from storage.db import create_engine, session_factory, transaction

    spec = load_curriculum(path)
    engine = create_engine(url, pool_size=1)
    try:
        async with transaction(session_factory(engine)) as session:
            summary = await import_curriculum(session, spec)
    finally:
        await engine.dispose()
    return (
        f"topics: {summary.topics_created} created, {summary.topics_updated} updated; "
        f"authored lessons: {summary.lessons_created} ({summary.questions_created} questions); "
        f"chunks matched to curriculum topics: {summary.chunks_assigned}"
    )


@curriculum_app.command("import")
def curriculum_import(
    file: Annotated[Path, typer.Argument(help="Curriculum YAML file.")],
) -> None:
    """Create or update tracks and topics (and authored lessons) from a YAML file."""
    from knowledge.curriculum import CurriculumError, load_curriculum

    try:
        load_curriculum(file)  # validate before starting a database
        settings = settings_or_fail()
        with database(settings) as url:
            message = asyncio.run(_run_import(url, file))
    except CurriculumError as exc:
        _fail(str(exc))
        return
    except StartupError as exc:
        _fail(str(exc))
        return
    typer.echo(message)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.add_typer(curriculum_app, name="curriculum")
