"""The document store through the real boto3 client against a local S3 server (moto), and
the local-folder default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest

from knowledge.document_store import (
    DocumentNotFound,
    DocumentStoreError,
    InvalidDocumentKey,
    LocalDocumentStore,
    S3DocumentStore,
    open_document_store,
)
from tests.support.processes import free_port
from tests.support.s3 import client_for_policy, policies_enforced, temporary_bucket

BUCKET = "bmo-documents-test"
POLICY_GUIDE = b"# Card policy\n\nCorporate cards are for business expenses only.\n"


pytestmark = pytest.mark.usefixtures("aws_test_credentials")


@pytest.fixture
def bucket(s3_endpoint: str) -> Iterator[str]:
    with temporary_bucket(s3_endpoint, BUCKET) as name:
        yield name


async def test_upload_list_and_read_back_under_the_prefix(s3_endpoint: str, bucket: str) -> None:
    store = open_document_store(
        f"s3://{bucket}/tenant-a/docs", data_dir=Path("/unused"), endpoint_url=s3_endpoint
    )
    assert isinstance(store, S3DocumentStore)
    await store.put("cards/policy.md", POLICY_GUIDE)
    await store.put("cards/limits.txt", b"Limit: 5,000 USD")
    await store.put("travel/rules.md", b"Book economy.")

    assert [d.key for d in await store.list("cards/")] == ["cards/limits.txt", "cards/policy.md"]
    assert [d.size for d in await store.list("cards/")] == [16, len(POLICY_GUIDE)]
    assert await store.get("cards/policy.md") == POLICY_GUIDE
    assert await store.exists("travel/rules.md")
    assert not await store.exists("travel/missing.md")

    raw = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-2")
    head = raw.head_object(Bucket=bucket, Key="tenant-a/docs/cards/policy.md")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "text/markdown"
    all_keys = [o["Key"] for o in raw.list_objects_v2(Bucket=bucket)["Contents"]]
    assert all(k.startswith("tenant-a/docs/") for k in all_keys)


async def test_presigned_download_is_fetched_over_http(s3_endpoint: str, bucket: str) -> None:
    store = S3DocumentStore(bucket, "docs", endpoint_url=s3_endpoint)
    await store.put("policy.md", POLICY_GUIDE)
    url = await store.download_url("policy.md", expires_seconds=60)
    assert url is not None and "X-Amz-Signature" in url
    response = httpx.get(url)
    assert response.status_code == 200
    assert response.content == POLICY_GUIDE

    tampered = url.replace("policy.md", "other.md")
    assert httpx.get(tampered).status_code in (403, 404)


async def test_missing_document_and_bad_keys_are_clear(s3_endpoint: str, bucket: str) -> None:
    store = S3DocumentStore(bucket, "docs", endpoint_url=s3_endpoint)
    with pytest.raises(DocumentNotFound, match=r"no document 'gone\.md'"):
        await store.get("gone.md")
    for bad in ("../escape.md", "/etc/passwd", "", "a/../../b"):
        with pytest.raises(InvalidDocumentKey):
            await store.put(bad, b"x")


async def test_missing_bucket_names_the_bucket_and_cause(s3_endpoint: str) -> None:
    store = S3DocumentStore("no-such-bucket-here", "docs", endpoint_url=s3_endpoint)
    with pytest.raises(DocumentStoreError) as caught:
        await store.put("policy.md", POLICY_GUIDE)
    message = str(caught.value)
    assert "'no-such-bucket-here'" in message and "does not exist" in message
    assert "Traceback" not in message and "botocore" not in message
    with pytest.raises(DocumentStoreError, match=r"'no-such-bucket-here'.*does not exist"):
        await store.exists("policy.md")  # not "no such document"


async def test_unreachable_endpoint_names_the_bucket_and_cause() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    store = S3DocumentStore(BUCKET, "docs", endpoint_url=endpoint)
    with pytest.raises(DocumentStoreError) as caught:
        await store.list()
    message = str(caught.value)
    assert BUCKET in message and "unreachable" in message and endpoint in message


async def test_denied_access_outside_the_granted_prefix(s3_endpoint: str, bucket: str) -> None:
    """A user whose IAM policy covers only `allowed/` can work there and is refused elsewhere
    with a message naming the bucket."""
    scoped = client_for_policy(
        s3_endpoint,
        "bmo-task",
        [
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": f"arn:aws:s3:::{bucket}/allowed/*",
            }
        ],
    )
    with policies_enforced(s3_endpoint):
        allowed = S3DocumentStore(bucket, "allowed", endpoint_url=s3_endpoint, client=scoped)
        await allowed.put("policy.md", POLICY_GUIDE)
        assert await allowed.get("policy.md") == POLICY_GUIDE

        other = S3DocumentStore(bucket, "other-team", endpoint_url=s3_endpoint, client=scoped)
        with pytest.raises(DocumentStoreError) as caught:
            await other.put("policy.md", POLICY_GUIDE)
    message = str(caught.value)
    assert f"'{bucket}'" in message and "access denied" in message


async def test_local_folder_is_the_default(tmp_path: Path) -> None:
    store = open_document_store(None, data_dir=tmp_path / ".bmo")
    assert isinstance(store, LocalDocumentStore)
    await store.put("cards/policy.md", POLICY_GUIDE)
    await store.put("cards/limits.txt", b"5,000")
    await store.put("travel.md", b"economy")

    assert (tmp_path / ".bmo" / "documents" / "cards" / "policy.md").read_bytes() == POLICY_GUIDE
    assert [d.key for d in await store.list("cards/")] == ["cards/limits.txt", "cards/policy.md"]
    assert await store.get("travel.md") == b"economy"
    assert await store.exists("travel.md") and not await store.exists("nope.md")
    assert await store.download_url("travel.md") is None
    with pytest.raises(DocumentNotFound):
        await store.get("nope.md")
    with pytest.raises(InvalidDocumentKey):
        await store.put("../outside.md", b"x")
    assert not (tmp_path / ".bmo" / "outside.md").exists()


def test_unsupported_locations_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentStoreError, match="names no bucket"):
        open_document_store("s3:///docs", data_dir=tmp_path)
    with pytest.raises(DocumentStoreError, match="use s3://bucket/prefix"):
        open_document_store("gs://bucket/docs", data_dir=tmp_path)
    assert isinstance(
        open_document_store(str(tmp_path / "d"), data_dir=tmp_path), LocalDocumentStore
    )


async def test_source_uris_name_the_object_and_map_back_to_keys(tmp_path: Path) -> None:
    s3 = S3DocumentStore("bucket", "tenant/docs", client=object())
    assert s3.source_uri("cards/policy.md") == "s3://bucket/tenant/docs/cards/policy.md"
    assert s3.key_of("s3://bucket/tenant/docs/cards/policy.md") == "cards/policy.md"
    for outside in ("s3://bucket/other/policy.md", "s3://other/tenant/docs/a.md", "/tmp/a.md"):
        assert s3.key_of(outside) is None
    assert S3DocumentStore("bucket", client=object()).source_uri("a.md") == "s3://bucket/a.md"

    local = LocalDocumentStore(tmp_path / "documents")
    uri = local.source_uri("cards/policy.md")
    assert uri == str((tmp_path / "documents" / "cards" / "policy.md").resolve())
    assert local.key_of(uri) == "cards/policy.md"
    assert local.key_of(str(tmp_path / "elsewhere.md")) is None
