"""Where uploaded training documents are kept: a local folder or an S3 bucket.

One interface, two adapters. `open_document_store(None, ...)` keeps files under
`<data_dir>/documents`; `open_document_store("s3://bucket/prefix", ...)` stores them in S3
with server-side encryption, every key under the prefix. Failures surface as
`DocumentStoreError` whose message names the location and the cause, never a raw botocore
traceback. The methods are async: blocking I/O runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Protocol, TypeVar
from urllib.parse import urlparse

T = TypeVar("T")


class DocumentStoreError(Exception):
    """The store could not do what was asked; the message says where and why."""


class DocumentNotFound(DocumentStoreError):
    """No document is stored under that key."""


class InvalidDocumentKey(DocumentStoreError, ValueError):
    """A key that is empty, absolute or climbs out of the store (`..`)."""


@dataclass(frozen=True)
class StoredDocument:
    key: str
    size: int
    modified: datetime


class DocumentStore(Protocol):
    location: str

    async def put(self, key: str, data: bytes, content_type: str | None = None) -> StoredDocument:
        """Store `data` under `key`, replacing any previous version."""

    async def get(self, key: str) -> bytes: ...

    async def exists(self, key: str) -> bool: ...

    async def list(self, prefix: str = "") -> list[StoredDocument]:
        """Documents whose key starts with `prefix`, sorted by key."""

    async def download_url(self, key: str, expires_seconds: int = 900) -> str | None:
        """A time-limited URL to fetch the document directly, or None when the store cannot
        make one (local folder): then serve `get()` yourself."""

    def source_uri(self, key: str) -> str:
        """Where the document lives, as recorded on ingested documents: the same object
        always gives the same URI, so re-ingesting it is recognised."""

    def key_of(self, source_uri: str) -> str | None:
        """The key of a document recorded with `source_uri`, or None when it is not in
        this store."""


def normalise_key(key: str) -> str:
    """Keys are relative POSIX paths; anything that could escape the store is refused."""
    path = PurePosixPath(key.strip())
    if not key.strip() or path.is_absolute() or ".." in path.parts or "\\" in key:
        raise InvalidDocumentKey(f"invalid document key {key!r}: use a relative path like a/b.md")
    return str(path)


class LocalDocumentStore:
    """Documents as plain files in one folder (the embedded default)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    def _path(self, key: str) -> Path:
        return self.root / normalise_key(key)

    async def put(self, key: str, data: bytes, content_type: str | None = None) -> StoredDocument:
        path = self._path(key)

        def write() -> StoredDocument:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.partial")
            partial.write_bytes(data)
            partial.replace(path)  # readers never see half a file
            return self._describe(path)

        return await asyncio.to_thread(write)

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise DocumentNotFound(f"no document {key!r} in {self.location}") from None
        except OSError as exc:
            raise DocumentStoreError(f"cannot read {key!r} in {self.location}: {exc}") from None

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).is_file)

    async def list(self, prefix: str = "") -> list[StoredDocument]:
        def scan() -> list[StoredDocument]:
            if not self.root.is_dir():
                return []
            found = [
                self._describe(p)
                for p in self.root.rglob("*")
                if p.is_file() and not p.name.endswith(".partial")
            ]
            return sorted((d for d in found if d.key.startswith(prefix)), key=lambda d: d.key)

        return await asyncio.to_thread(scan)

    async def download_url(self, key: str, expires_seconds: int = 900) -> str | None:
        normalise_key(key)
        return None

    def source_uri(self, key: str) -> str:
        # The absolute path: the same URI `bmo ingest <folder>` records for the file.
        return str(self._path(key).resolve())

    def key_of(self, source_uri: str) -> str | None:
        try:
            relative = Path(source_uri).resolve().relative_to(self.root.resolve())
        except ValueError:
            return None
        key = relative.as_posix()
        return key if key not in ("", ".") else None

    def _describe(self, path: Path) -> StoredDocument:
        stat = path.stat()
        return StoredDocument(
            key=path.relative_to(self.root).as_posix(),
            size=stat.st_size,
            modified=datetime.fromtimestamp(stat.st_mtime, UTC),
        )


class S3DocumentStore:
    """Documents in an S3 bucket under one prefix, encrypted at rest by S3."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        kms_key_id: str | None = None,
        client: Any = None,
    ) -> None:
        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.endpoint_url, self.kms_key_id = endpoint_url, kms_key_id
        self.location = f"s3://{bucket}/{self.prefix}".rstrip("/")
        self._client = client or _s3_client(endpoint_url)

    def _key(self, key: str) -> str:
        key = normalise_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _relative(self, full_key: str) -> str:
        return full_key[len(self.prefix) + 1 :] if self.prefix else full_key

    async def put(self, key: str, data: bytes, content_type: str | None = None) -> StoredDocument:
        full_key = self._key(key)
        encryption: dict[str, str] = (
            {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": self.kms_key_id}
            if self.kms_key_id
            else {"ServerSideEncryption": "AES256"}
        )
        content_type = content_type or mimetypes.guess_type(key)[0] or "application/octet-stream"
        await self._call(
            "store",
            key,
            lambda: self._client.put_object(
                Bucket=self.bucket, Key=full_key, Body=data, ContentType=content_type, **encryption
            ),
        )
        return StoredDocument(key=normalise_key(key), size=len(data), modified=datetime.now(UTC))

    async def get(self, key: str) -> bytes:
        full_key = self._key(key)

        def read() -> bytes:
            body = self._client.get_object(Bucket=self.bucket, Key=full_key)["Body"]
            with body:
                return bytes(body.read())

        return await self._call("read", key, read)

    async def exists(self, key: str) -> bool:
        # A listing, not a HEAD: a HEAD answers 404 for a missing bucket too, and 403 for a
        # missing key when the credentials may list only this prefix (the deployed policy).
        full_key = self._key(key)

        def look() -> bool:
            found = self._client.list_objects_v2(Bucket=self.bucket, Prefix=full_key, MaxKeys=1)
            return any(item["Key"] == full_key for item in found.get("Contents", []))

        return await self._call("check", key, look)

    async def list(self, prefix: str = "") -> list[StoredDocument]:
        full_prefix = f"{self.prefix}/{prefix}" if self.prefix else prefix

        def scan() -> list[StoredDocument]:
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=full_prefix
            )
            return [
                StoredDocument(
                    key=self._relative(item["Key"]),
                    size=int(item["Size"]),
                    modified=item["LastModified"],
                )
                for page in pages
                for item in page.get("Contents", [])
            ]

        found = await self._call("list", prefix or "(all)", scan)
        return sorted(found, key=lambda d: d.key)

    async def download_url(self, key: str, expires_seconds: int = 900) -> str | None:
        full_key = self._key(key)
        url = await self._call(
            "sign",
            key,
            lambda: self._client.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.bucket, "Key": full_key},
                ExpiresIn=expires_seconds,
            ),
        )
        return str(url)

    def source_uri(self, key: str) -> str:
        return f"s3://{self.bucket}/{self._key(key)}"

    def key_of(self, source_uri: str) -> str | None:
        root = f"s3://{self.bucket}/{self.prefix}/" if self.prefix else f"s3://{self.bucket}/"
        if not source_uri.startswith(root) or len(source_uri) == len(root):
            return None
        try:
            return normalise_key(source_uri[len(root) :])
        except InvalidDocumentKey:
            return None

    async def _call(self, action: str, key: str, operation: Callable[[], T]) -> T:
        try:
            return await asyncio.to_thread(operation)
        except Exception as exc:  # noqa: BLE001 - every botocore failure becomes one message
            raise self._explain(action, key, exc) from None

    def _explain(self, action: str, key: str, exc: Exception) -> DocumentStoreError:
        from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

        where = f"bucket {self.bucket!r} ({self.location})"
        if isinstance(exc, ClientError):
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code == "NoSuchBucket":
                return DocumentStoreError(
                    f"cannot {action} {key!r}: {where} does not exist; create it or fix "
                    "DOCUMENT_STORE"
                )
            if code in ("NoSuchKey", "404", "NotFound"):
                return DocumentNotFound(f"no document {key!r} in {where}")
            if code in ("AccessDenied", "403", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
                return DocumentStoreError(
                    f"cannot {action} {key!r}: access denied to {where} ({code}); check the "
                    "credentials and that their policy covers this prefix"
                )
            return DocumentStoreError(
                f"cannot {action} {key!r} in {where}: {code or status} {error.get('Message', '')}"
            )
        if isinstance(exc, EndpointConnectionError):
            return DocumentStoreError(
                f"cannot {action} {key!r}: S3 endpoint {self.endpoint_url or 'AWS'} for {where} "
                "is unreachable; check S3_ENDPOINT_URL and the network"
            )
        if isinstance(exc, NoCredentialsError):
            return DocumentStoreError(f"cannot {action} {key!r} in {where}: no AWS credentials")
        return DocumentStoreError(f"cannot {action} {key!r} in {where}: {exc}")


def _s3_client(endpoint_url: str | None) -> Any:
    import boto3
    from botocore.config import Config

    session = boto3.session.Session()
    return session.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=session.region_name or "us-east-2",
        # Fail in seconds, not minutes, when the endpoint is down; retries are ours to choose.
        config=Config(
            connect_timeout=3,
            read_timeout=20,
            retries={"max_attempts": 2, "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": "path" if endpoint_url else "auto"},
        ),
    )


def split_s3_url(url: str) -> tuple[str, str]:
    """`s3://bucket/some/prefix/` -> ("bucket", "some/prefix/"); the prefix keeps its
    trailing slash, which says "everything under this folder"."""
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise DocumentStoreError(f"{url!r} is not an S3 location: use s3://bucket/prefix/")
    return parsed.netloc, parsed.path.lstrip("/")


def open_document_store(
    location: str | None,
    *,
    data_dir: Path,
    endpoint_url: str | None = None,
    kms_key_id: str | None = None,
) -> LocalDocumentStore | S3DocumentStore:
    """`None` -> `<data_dir>/documents`; `s3://bucket/prefix` -> S3; any other value is a
    local folder (a path or `file://` URL)."""
    if not location:
        return LocalDocumentStore(data_dir / "documents")
    parsed = urlparse(location)
    if parsed.scheme == "s3":
        if not parsed.netloc:
            raise DocumentStoreError(f"DOCUMENT_STORE {location!r} names no bucket")
        return S3DocumentStore(
            parsed.netloc, parsed.path, endpoint_url=endpoint_url, kms_key_id=kms_key_id
        )
    if parsed.scheme == "file":
        return LocalDocumentStore(Path(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:
        raise DocumentStoreError(f"DOCUMENT_STORE {location!r}: use s3://bucket/prefix or a path")
    return LocalDocumentStore(Path(location))
