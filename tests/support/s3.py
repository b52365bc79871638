"""A local S3 (moto's server mode) reached through the real boto3 client, in this process
and in any `bmo` process the test starts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from tests.support.processes import free_port

REGION = "us-east-2"
TEST_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": REGION,
}


@contextmanager
def running_moto() -> Iterator[str]:
    """The endpoint URL of a moto server on a free loopback port."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def use_test_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in TEST_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def s3_client(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION)


@contextmanager
def temporary_bucket(endpoint: str, name: str) -> Iterator[str]:
    s3 = s3_client(endpoint)
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    try:
        yield name
    finally:
        for item in s3.list_objects_v2(Bucket=name).get("Contents", []):
            s3.delete_object(Bucket=name, Key=item["Key"])
        s3.delete_bucket(Bucket=name)


# AWS authorises some S3 operations under another action's name (ListObjectsV2 under
# s3:ListBucket, HeadObject under s3:GetObject); moto 5.2 checks each operation's own name.
# So a granted action also grants, for moto, the operations it covers in AWS.
COVERED_OPERATIONS = {
    "s3:ListBucket": ["s3:ListObjects", "s3:ListObjectsV2"],
    "s3:GetObject": ["s3:HeadObject"],
}


def _as_moto_checks(statement: dict[str, Any]) -> dict[str, Any]:
    if "Condition" in statement:
        # moto denies any statement whose condition keys it cannot evaluate (all but
        # sts:ExternalId), so a test must check a condition's intent itself.
        raise ValueError("moto cannot evaluate this condition; check it in the test")
    actions = statement["Action"]
    actions = [actions] if isinstance(actions, str) else list(actions)
    covered = [op for action in actions for op in COVERED_OPERATIONS.get(action, [])]
    return {**statement, "Action": actions + covered}


def client_for_policy(endpoint: str, user: str, statements: list[dict[str, Any]]) -> Any:
    """An S3 client signed as a new IAM user that holds only `statements`."""
    iam = boto3.client("iam", endpoint_url=endpoint, region_name=REGION)
    iam.create_user(UserName=user)
    policy = {"Version": "2012-10-17", "Statement": [_as_moto_checks(s) for s in statements]}
    iam.put_user_policy(UserName=user, PolicyName="documents", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=user)["AccessKey"]
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )


@contextmanager
def policies_enforced(endpoint: str) -> Iterator[None]:
    """moto checks IAM policies only while this is open."""
    httpx.post(f"{endpoint}/moto-api/reset-auth", content=b"0").raise_for_status()
    try:
        yield
    finally:
        httpx.post(f"{endpoint}/moto-api/reset-auth", content=b"inf").raise_for_status()
