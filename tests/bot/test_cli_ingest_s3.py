"""`bmo ingest s3://bucket/prefix/` as an operator runs it: a real `bmo` process, moto's S3
server and a real database."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest

from storage.db import libpq_url
from tests.support.processes import BMO, clean_env, free_port
from tests.support.s3 import (
    TEST_CREDENTIALS,
    s3_client,
    temporary_bucket,
)

BUCKET = "bmo-cli-ingest"


pytestmark = pytest.mark.usefixtures("aws_test_credentials")


def _bmo_ingest(
    location: str, database_url: str, endpoint: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = clean_env(
        DATABASE_URL=database_url,
        EMBEDDINGS="none",
        LOG_FORMAT="console",
        S3_ENDPOINT_URL=endpoint,
        COLUMNS="160",
        **TEST_CREDENTIALS,
    )
    return subprocess.run(
        [BMO, "ingest", location],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _documents(database_url: str) -> list[tuple[str, int]]:
    with psycopg.connect(libpq_url(database_url)) as conn:
        rows = conn.execute(
            "SELECT source_uri, version FROM documents ORDER BY source_uri"
        ).fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


def test_a_prefix_is_ingested_with_progress_and_summary(
    database_url: str, s3_endpoint: str, tmp_path: Path
) -> None:
    with temporary_bucket(s3_endpoint, BUCKET):
        s3 = s3_client(s3_endpoint)
        s3.put_object(Bucket=BUCKET, Key="docs/fees.md", Body=b"# Fees\n\nThe fee is yearly.")
        s3.put_object(Bucket=BUCKET, Key="docs/sub/limits.txt", Body=b"Limits are reviewed.")
        s3.put_object(Bucket=BUCKET, Key="docs/empty.md", Body=b"")
        s3.put_object(Bucket=BUCKET, Key="elsewhere/other.md", Body=b"# Other\n\nNot this.")

        first = _bmo_ingest(f"s3://{BUCKET}/docs/", database_url, s3_endpoint, tmp_path)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "files" in first.stdout and "chunks stored" in first.stdout  # the progress bar
        assert "Ingest summary" in first.stdout
        assert "fees.md" in first.stdout and "limits.txt" in first.stdout
        assert "empty.md: the file is empty" in first.stdout
        assert "2 added, 0 updated, 0 unchanged, 1 skipped" in first.stdout
        assert _documents(database_url) == [
            (f"s3://{BUCKET}/docs/fees.md", 1),
            (f"s3://{BUCKET}/docs/sub/limits.txt", 1),
        ]

        again = _bmo_ingest(f"s3://{BUCKET}/docs/", database_url, s3_endpoint, tmp_path)
        assert "0 added, 0 updated, 2 unchanged, 1 skipped" in again.stdout, again.stdout

        s3.put_object(Bucket=BUCKET, Key="docs/fees.md", Body=b"# Fees\n\nThe fee is monthly.")
        one = _bmo_ingest(f"s3://{BUCKET}/docs/fees.md", database_url, s3_endpoint, tmp_path)
        assert "0 added, 1 updated, 0 unchanged, 0 skipped" in one.stdout, one.stdout
        assert (f"s3://{BUCKET}/docs/fees.md", 2) in _documents(database_url)

        nothing = _bmo_ingest(f"s3://{BUCKET}/nothing/", database_url, s3_endpoint, tmp_path)
        assert nothing.returncode == 1
        assert "no supported documents there" in nothing.stdout


@pytest.mark.parametrize("failure", ["missing bucket", "unreachable endpoint"])
def test_an_unusable_bucket_is_one_clear_error_and_stores_nothing(
    failure: str, database_url: str, s3_endpoint: str, tmp_path: Path
) -> None:
    endpoint = s3_endpoint if failure == "missing bucket" else f"http://127.0.0.1:{free_port()}"
    result = _bmo_ingest("s3://no-such-training-bucket/docs/", database_url, endpoint, tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "'no-such-training-bucket'" in errors[0]
    cause = "does not exist" if failure == "missing bucket" else "unreachable"
    assert cause in errors[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert _documents(database_url) == []


def test_a_malformed_document_store_stops_start_up_with_one_line(tmp_path: Path) -> None:
    from bot.document_wiring import open_store
    from bot.runtime import StartupError
    from bot.settings import load_settings
    from knowledge.document_store import LocalDocumentStore, S3DocumentStore

    with pytest.raises(StartupError, match=r"DOCUMENT_STORE 'gs://docs/x': use s3://"):
        open_store(load_settings(document_store="gs://docs/x", data_dir=tmp_path))
    s3 = open_store(load_settings(document_store="s3://docs/training", data_dir=tmp_path))
    assert isinstance(s3, S3DocumentStore) and s3.location == "s3://docs/training"
    local = open_store(load_settings(data_dir=tmp_path))
    assert isinstance(local, LocalDocumentStore) and local.root == tmp_path / "documents"
