"""Admin uploads with DOCUMENT_STORE on S3 (moto's server, the real boto3 client): the
file goes to the bucket first, ingestion reads it back from there, and the original is
downloaded through a presigned URL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette

from admin_api.deps import AdminServices
from admin_api.jobs import InProcessJobs
from admin_api.routes import admin_routes
from knowledge.document_store import S3DocumentStore
from storage.db import create_engine, session_factory
from storage.models import Document
from tests.admin_api.conftest import ADMIN, AdminHarness, admin_config, bearer
from tests.support.s3 import s3_client, temporary_bucket

BUCKET = "bmo-admin-uploads"
FEES = b"# Card fees\n\nThe annual fee is $95, charged every March.\n"


pytestmark = pytest.mark.usefixtures("aws_test_credentials")


async def _harness(
    database_url: str, tmp_path: Path, store: S3DocumentStore
) -> AsyncIterator[AdminHarness]:
    engine = create_engine(database_url, pool_size=4)
    sessions = session_factory(engine)
    config = admin_config(tmp_path / "unused", database_url=database_url)
    services = AdminServices(config=config, sessions=sessions, store=store)
    transport = httpx.ASGITransport(app=Starlette(routes=admin_routes(services)))
    async with httpx.AsyncClient(transport=transport, base_url="http://admin.test") as client:
        yield AdminHarness(client, services, sessions, tmp_path / "unused")
    await services.aclose()
    await engine.dispose()


@pytest.fixture
async def s3_admin(
    database_url: str, tmp_path: Path, s3_endpoint: str
) -> AsyncIterator[AdminHarness]:
    with temporary_bucket(s3_endpoint, BUCKET):
        store = S3DocumentStore(BUCKET, "uploads", endpoint_url=s3_endpoint)
        async for harness in _harness(database_url, tmp_path, store):
            yield harness


async def _upload(admin: AdminHarness, name: str, data: bytes) -> httpx.Response:
    return await admin.client.post(
        "/api/v1/documents", files={"file": (name, data, "text/markdown")}, headers=bearer(ADMIN)
    )


async def _finished(admin: AdminHarness, job_id: str) -> dict[str, Any]:
    assert isinstance(admin.services.jobs, InProcessJobs)
    await admin.services.jobs.wait()
    response = await admin.client.get(f"/api/v1/jobs/{job_id}", headers=bearer(ADMIN))
    return dict(response.json())


async def test_upload_goes_to_the_bucket_is_ingested_from_it_and_downloads_presigned(
    s3_admin: AdminHarness, s3_endpoint: str
) -> None:
    uploaded = await _upload(s3_admin, "fees.md", FEES)
    assert uploaded.status_code == 202, uploaded.text
    head = s3_client(s3_endpoint).head_object(Bucket=BUCKET, Key="uploads/fees.md")
    assert head["ServerSideEncryption"] == "AES256" and head["ContentLength"] == len(FEES)
    assert not s3_admin.document_dir.exists()  # nothing written to a local folder

    job = await _finished(s3_admin, uploaded.json()["job"]["id"])
    assert job["status"] == "succeeded", job
    assert job["result"]["files"][0]["status"] == "added"
    document_id = job["result"]["files"][0]["document_id"]
    async with s3_admin.sessions() as session:
        document = await session.get(Document, document_id)
    assert document is not None and document.source_uri == f"s3://{BUCKET}/uploads/fees.md"

    original = await s3_admin.client.get(
        f"/api/v1/documents/{document_id}/original", headers=bearer(ADMIN)
    )
    assert original.status_code == 200
    body = original.json()
    assert body["name"] == "fees.md" and "X-Amz-Signature" in body["url"]
    fetched = httpx.get(body["url"])  # no API key: the signature is the permission
    assert fetched.status_code == 200 and fetched.content == FEES

    same = await _finished(s3_admin, (await _upload(s3_admin, "fees.md", FEES)).json()["job"]["id"])
    assert same["result"]["files"][0]["status"] == "unchanged"
    changed = await _upload(s3_admin, "fees.md", FEES.replace(b"$95", b"$120"))
    result = (await _finished(s3_admin, changed.json()["job"]["id"]))["result"]["files"][0]
    assert (result["status"], result["version"]) == ("updated", 2)

    again = await s3_admin.client.post(
        "/api/v1/ingest-documents", json={"sources": ["fees.md"]}, headers=bearer(ADMIN)
    )
    rerun = await _finished(s3_admin, again.json()["id"])
    assert rerun["result"]["files"][0]["status"] == "unchanged"


async def test_a_missing_bucket_refuses_the_upload_clearly_and_stores_nothing(
    database_url: str, tmp_path: Path, s3_endpoint: str
) -> None:
    store = S3DocumentStore("no-such-uploads-bucket", "uploads", endpoint_url=s3_endpoint)
    async for admin in _harness(database_url, tmp_path, store):
        response = await _upload(admin, "fees.md", FEES)
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "document_store_unavailable"
        assert "'no-such-uploads-bucket'" in error["message"]
        assert "does not exist" in error["message"]
        reingest = await admin.client.post(
            "/api/v1/ingest-documents", json={"sources": ["fees.md"]}, headers=bearer(ADMIN)
        )
        assert reingest.status_code == 503
        async with admin.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Document)) == 0
