"""Ingestion from the document store: S3 through moto's server and the real boto3 client,
against a real database of the test's own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.document_store import DocumentStoreError, LocalDocumentStore, S3DocumentStore
from knowledge.embeddings import build_embedder
from knowledge.ingest import FileOutcome, ingest_from_store, ingest_sources
from storage.db import create_engine, session_factory
from storage.models import Chunk, Document, Lesson, Topic
from tests.support.processes import free_port
from tests.support.s3 import client_for_policy, policies_enforced, s3_client, temporary_bucket

MB = 1_048_576
FEES = b"# Fees\n\nThe annual fee is $95 and is charged in March."
LIMITS = b"# Limits\n\nYour credit limit is reviewed every year."
TRAVEL = b"# Travel\n\nBook economy class for flights under six hours."


pytestmark = pytest.mark.usefixtures("aws_test_credentials")


@pytest.fixture
def bucket(s3_endpoint: str) -> Iterator[str]:
    with temporary_bucket(s3_endpoint, "bmo-ingest-test") as name:
        yield name


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


async def _lesson_on(sessions: async_sessionmaker[AsyncSession], document_id: int) -> int:
    async with sessions() as session, session.begin():
        chunk_ids = list(
            await session.scalars(select(Chunk.id).where(Chunk.document_id == document_id))
        )
        topic = Topic(slug=f"topic-{document_id}", title=f"Topic {document_id}")
        session.add(topic)
        await session.flush()
        lesson = Lesson(
            topic_id=topic.id,
            cache_key=f"lesson-{document_id}",
            title="lesson",
            body="body",
            generator="offline",
            source_hash="x",
            chunk_ids=chunk_ids,
        )
        session.add(lesson)
        await session.flush()
        return lesson.id


async def _counts(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
    async with sessions() as session:
        documents = await session.scalar(select(func.count()).select_from(Document))
        chunks = await session.scalar(select(func.count()).select_from(Chunk))
    return int(documents or 0), int(chunks or 0)


async def test_a_prefix_is_ingested_once_and_a_changed_object_stales_only_its_lessons(
    s3_endpoint: str, bucket: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    uploads = S3DocumentStore(bucket, "tenant", endpoint_url=s3_endpoint)
    await uploads.put("docs/fees.md", FEES)
    await uploads.put("docs/cards/limits.md", LIMITS)
    await uploads.put("docs/logo.png", b"\x89PNG not a document")
    await uploads.put("other/travel.md", TRAVEL)  # outside the prefix: left alone
    store = S3DocumentStore(bucket, endpoint_url=s3_endpoint)  # the bucket's root
    embedder = build_embedder("none")
    progress: list[tuple[str, int, int]] = []

    def on_progress(outcome: FileOutcome, done: int, total: int) -> None:
        progress.append((outcome.status, done, total))

    first = await ingest_from_store(
        sessions, store, "tenant/docs/", embedder=embedder, max_bytes=MB, on_progress=on_progress
    )
    by_name = {Path(f.source).name: f for f in first.files}
    assert {n: f.status for n, f in by_name.items()} == {
        "logo.png": "skipped",
        "limits.md": "added",
        "fees.md": "added",
    }
    assert "unsupported file type .png" in by_name["logo.png"].reason
    assert [p[1:] for p in progress] == [(1, 3), (2, 3), (3, 3)]
    async with sessions() as session:
        uris = set(await session.scalars(select(Document.source_uri)))
    assert uris == {
        f"s3://{bucket}/tenant/docs/fees.md",
        f"s3://{bucket}/tenant/docs/cards/limits.md",
    }
    fees_doc, limits_doc = by_name["fees.md"].document_id, by_name["limits.md"].document_id
    assert fees_doc is not None and limits_doc is not None
    fees_lesson = await _lesson_on(sessions, fees_doc)
    limits_lesson = await _lesson_on(sessions, limits_doc)
    before = await _counts(sessions)

    # The same objects again, reached through a store rooted elsewhere: nothing happens.
    again = await ingest_from_store(sessions, uploads, "docs/", embedder=embedder, max_bytes=MB)
    assert sorted(f.status for f in again.files) == ["skipped", "unchanged", "unchanged"]
    assert again.chunks == 0 and await _counts(sessions) == before

    await uploads.put("docs/fees.md", b"# Fees\n\nThe annual fee is now $120, charged in May.")
    changed = await ingest_from_store(
        sessions, store, "tenant/docs/", embedder=embedder, max_bytes=MB
    )
    statuses = {Path(f.source).name: (f.status, f.version, f.stale_lessons) for f in changed.files}
    assert statuses["fees.md"] == ("updated", 2, 1)
    assert statuses["limits.md"] == ("unchanged", 1, 0)
    async with sessions() as session:
        lessons = {lesson.id: lesson.status for lesson in await session.scalars(select(Lesson))}
        old = await session.get(Document, fees_doc)
        active_fee_text = list(
            await session.scalars(
                select(Chunk.text).where(Chunk.active, Chunk.text.contains("annual fee"))
            )
        )
    assert lessons == {fees_lesson: "stale", limits_lesson: "ready"}
    assert old is not None and old.status == "retired"
    assert active_fee_text == ["The annual fee is now $120, charged in May."]


async def test_named_keys_and_a_single_object(
    s3_endpoint: str, bucket: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    store = S3DocumentStore(bucket, "docs", endpoint_url=s3_endpoint)
    await store.put("fees.md", FEES)
    await store.put("fees.md.bak", FEES)
    embedder = build_embedder("none")
    named = await ingest_from_store(
        sessions, store, ["fees.md", "gone.md"], embedder=embedder, max_bytes=MB
    )
    assert [(Path(f.source).name, f.status) for f in named.files] == [
        ("gone.md", "skipped"),
        ("fees.md", "added"),
    ]
    assert named.files[0].reason == "not in the store"
    single = await ingest_from_store(sessions, store, "fees.md", embedder=embedder, max_bytes=MB)
    assert [f.status for f in single.files] == ["unchanged"]  # not fees.md.bak as well
    big = await ingest_from_store(sessions, store, ["fees.md"], embedder=embedder, max_bytes=10)
    assert big.files[0].status == "skipped" and "over the" in big.files[0].reason


async def test_store_failures_raise_one_clear_error_and_store_nothing(
    s3_endpoint: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    embedder = build_embedder("none")
    missing = S3DocumentStore("no-such-bucket", "docs", endpoint_url=s3_endpoint)
    with pytest.raises(DocumentStoreError, match=r"'no-such-bucket'.*does not exist"):
        await ingest_from_store(sessions, missing, "", embedder=embedder, max_bytes=MB)
    nowhere = f"http://127.0.0.1:{free_port()}"
    unreachable = S3DocumentStore("bmo-docs", "docs", endpoint_url=nowhere)
    with pytest.raises(DocumentStoreError, match=r"'bmo-docs'.*unreachable"):
        await ingest_from_store(sessions, unreachable, "", embedder=embedder, max_bytes=MB)
    assert await _counts(sessions) == (0, 0)


async def test_a_read_that_fails_midway_leaves_whole_documents_only(
    s3_endpoint: str, bucket: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """The bucket disappears between listing and reading: the documents read before it
    are complete, the rest untouched, and the error names the bucket."""
    store = S3DocumentStore(bucket, "docs", endpoint_url=s3_endpoint)
    await store.put("a-fees.md", FEES)
    await store.put("b-limits.md", LIMITS)
    original_get = store.get

    async def get_then_lose_bucket(key: str) -> bytes:
        if key == "b-limits.md":
            raw = s3_client(s3_endpoint)
            for item in raw.list_objects_v2(Bucket=bucket).get("Contents", []):
                raw.delete_object(Bucket=bucket, Key=item["Key"])
            raw.delete_bucket(Bucket=bucket)
        return await original_get(key)

    store.get = get_then_lose_bucket  # type: ignore[method-assign]
    try:
        with pytest.raises(DocumentStoreError, match="does not exist"):
            await ingest_from_store(
                sessions, store, "", embedder=build_embedder("none"), max_bytes=MB
            )
    finally:
        s3_client(s3_endpoint).create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-east-2"}
        )
    async with sessions() as session:
        documents = list(await session.scalars(select(Document.source_uri)))
        chunks = await session.scalar(select(func.count()).select_from(Chunk))
    assert documents == [f"s3://{bucket}/docs/a-fees.md"] and chunks == 1


async def test_a_local_store_and_bmo_ingest_of_its_folder_are_the_same_documents(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    store = LocalDocumentStore(tmp_path / "documents")
    await store.put("fees.md", FEES)
    embedder = build_embedder("none")
    first = await ingest_from_store(sessions, store, "", embedder=embedder, max_bytes=MB)
    assert [f.status for f in first.files] == ["added"]
    folder = await ingest_sources(
        sessions, [tmp_path / "documents"], embedder=embedder, max_bytes=MB
    )
    assert [f.status for f in folder.files] == ["unchanged"]
    empty = await ingest_from_store(
        sessions, LocalDocumentStore(tmp_path / "none"), "", embedder=embedder, max_bytes=MB
    )
    assert [(f.status, f.reason) for f in empty.files] == [
        ("skipped", "no supported documents there")
    ]


async def test_credentials_scoped_like_the_deployed_task_role(
    s3_endpoint: str, bucket: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """The task role may read, write and list only under its prefix (deploy/terraform/
    iam.tf): uploads, existence checks and ingestion all work within it."""
    # The listing statement's condition, as iam.tf writes it. moto cannot evaluate
    # s3:prefix (it denies any statement whose condition keys it does not know), so moto
    # enforces the actions and resources and the test checks the condition itself against
    # every listing the store asked for.
    list_prefix_condition = {"StringLike": {"s3:prefix": ["training/*"]}}
    scoped = client_for_policy(
        s3_endpoint,
        "bmo-task-role",
        [
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": f"arn:aws:s3:::{bucket}/training/*",
            },
            {
                "Effect": "Allow",
                "Action": ["s3:ListBucket"],
                "Resource": f"arn:aws:s3:::{bucket}",
            },
        ],
    )
    listed: list[str] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        listed.append(params.get("Prefix", ""))

    scoped.meta.events.register("before-parameter-build.s3.ListObjectsV2", record)
    with policies_enforced(s3_endpoint):
        store = S3DocumentStore(bucket, "training", endpoint_url=s3_endpoint, client=scoped)
        await store.put("fees.md", FEES)
        assert await store.exists("fees.md") and not await store.exists("gone.md")
        report = await ingest_from_store(
            sessions, store, "", embedder=build_embedder("none"), max_bytes=MB
        )
        assert [f.status for f in report.files] == ["added"]
        root = S3DocumentStore(bucket, endpoint_url=s3_endpoint, client=scoped)
        again = await ingest_from_store(
            sessions, root, "training", embedder=build_embedder("none"), max_bytes=MB
        )
        assert [f.status for f in again.files] == ["unchanged"]
        # Every listing satisfies the condition (StringLike: `*` matches any characters).
        allowed = list_prefix_condition["StringLike"]["s3:prefix"]
        assert listed and all(
            any(fnmatchcase(prefix, pattern) for pattern in allowed) for prefix in listed
        ), listed
        with pytest.raises(DocumentStoreError, match="access denied"):
            await S3DocumentStore(bucket, "other", endpoint_url=s3_endpoint, client=scoped).get(
                "fees.md"
            )
