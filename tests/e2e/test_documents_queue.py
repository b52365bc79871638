"""An admin upload to `bmo serve` is ingested by a `bmo worker` in another process: the
API stores the file in S3 (moto's server) and queues `bmo:ingest_document`; the worker,
sharing only the database and the bucket, reads it back and ingests it; the job id the
API returned shows the status and outcome throughout."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from storage.db import libpq_url
from tests.support.processes import clean_env, free_port, start_bmo, stop, wait_ready
from tests.support.s3 import (
    TEST_CREDENTIALS,
    s3_client,
    temporary_bucket,
)

BUCKET = "bmo-queue-uploads"
SECRET = "adm-3c1f5e7a9b2d4f6e8a0c"
HEADERS = {"Authorization": f"Bearer {SECRET}"}
FEES = b"# Card fees\n\nThe annual fee is $95 and is charged every March.\n"


pytestmark = pytest.mark.usefixtures("aws_test_credentials")


def _job(base: str, job_id: str) -> dict[str, Any]:
    response = httpx.get(f"{base}/api/v1/jobs/{job_id}", headers=HEADERS, timeout=10)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _wait_finished(base: str, job_id: str, worker: Any, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        job = _job(base, job_id)
        seen.add(job["status"])
        if job["status"] in ("succeeded", "failed"):
            return job
        assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish; statuses seen: {seen}")


def _documents(database_url: str) -> list[tuple[str, int]]:
    with psycopg.connect(libpq_url(database_url)) as conn:
        rows = conn.execute("SELECT source_uri, version FROM documents ORDER BY id").fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


@pytest.mark.slow
def test_an_upload_is_ingested_by_a_worker_in_another_process(
    database_url: str, s3_endpoint: str, tmp_path: Path
) -> None:
    with temporary_bucket(s3_endpoint, BUCKET):
        env = clean_env(
            DATABASE_URL=database_url,
            SEPARATE_WORKER="true",  # `bmo serve` runs no worker of its own
            ADMIN_API_KEYS=f"ops:{SECRET}:admin",
            DOCUMENT_STORE=f"s3://{BUCKET}/uploads",
            S3_ENDPOINT_URL=s3_endpoint,
            EMBEDDINGS="none",
            LOG_FORMAT="json",
            **TEST_CREDENTIALS,
        )
        port = free_port()
        (tmp_path / "api").mkdir()
        (tmp_path / "worker").mkdir()
        api = start_bmo(["serve", "--port", str(port)], tmp_path / "api", env)
        worker = None
        try:
            wait_ready(port, api, timeout=120)
            base = f"http://127.0.0.1:{port}"
            uploaded = httpx.post(
                f"{base}/api/v1/documents",
                files={"file": ("fees.md", FEES, "text/markdown")},
                headers=HEADERS,
                timeout=30,
            )
            assert uploaded.status_code == 202, uploaded.text
            job_id = uploaded.json()["job"]["id"]
            assert uploaded.json()["job"]["status"] == "queued"
            stored = s3_client(s3_endpoint).get_object(Bucket=BUCKET, Key="uploads/fees.md")
            assert stored["Body"].read() == FEES

            time.sleep(2)  # no worker yet: the API process does not ingest it itself
            waiting = _job(base, job_id)
            assert waiting["status"] == "queued" and waiting["result"] == {"source": "fees.md"}
            assert _documents(database_url) == []

            broken = httpx.post(
                f"{base}/api/v1/documents",
                files={"file": ("scan.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")},
                headers=HEADERS,
                timeout=30,
            )
            assert broken.status_code == 202, broken.text

            worker = start_bmo(["worker", "--concurrency", "2"], tmp_path / "worker", env)
            job = _wait_finished(base, job_id, worker)
            assert job["status"] == "succeeded", job
            assert job["finished_at"] is not None
            outcome = job["result"]["files"][0]
            assert (outcome["name"], outcome["status"]) == ("fees.md", "added")
            assert outcome["chunks"] > 0 and job["result"]["store"] == f"s3://{BUCKET}/uploads"
            assert _documents(database_url) == [(f"s3://{BUCKET}/uploads/fees.md", 1)]

            bad = _wait_finished(base, broken.json()["job"]["id"], worker)
            assert bad["status"] == "succeeded"  # the job ran; the document was unusable
            skipped = bad["result"]["files"][0]
            assert skipped["status"] == "skipped" and "scan.pdf" in skipped["reason"]

            listed = httpx.get(f"{base}/api/v1/documents", headers=HEADERS, timeout=10).json()
            document_id = listed["items"][0]["id"]
            original = httpx.get(
                f"{base}/api/v1/documents/{document_id}/original", headers=HEADERS, timeout=10
            ).json()
            assert httpx.get(original["url"], timeout=10).content == FEES
        finally:
            if worker is not None:
                worker_log = stop(worker, signal.SIGTERM)
            api_log = stop(api)
    assert "document.ingested" in worker_log and "document.ingested" not in api_log
    assert "Traceback" not in worker_log + api_log
