"""Property-based conformance: schemathesis drives the live API from its own OpenAPI
document and checks for server errors, undocumented statuses and schema violations."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import httpx

from storage.db import create_engine, session_factory
from tests.admin_api.conftest import ADMIN, ANALYST
from tests.admin_api.live import live_admin_api
from tests.admin_api.review_seed import regenerated_lesson

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "ignored_auth",
    ]
)


def _schemathesis(
    base: str, key: str | None, tmp_path: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    auth = ["-H", f"Authorization: Bearer {key}"] if key else []
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{base}/api/v1/openapi.json",
            "--url",
            f"{base}/api/v1",
            *auth,
            "--checks",
            CHECKS,
            "--max-examples",
            "25",
            # One worker: Python 3.11.7's ast.parse (used by Hypothesis and traceback
            # carets) is not safe across threads and fails with "AST constructor
            # recursion depth mismatch".
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--seed",
            "20261125",
            "--request-timeout",
            "20",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    cases = [m.group(0) for m in re.finditer(r"\d+ generated[^\n]*", run.stdout)][-1:]
    print(f"\nschemathesis ({'a key' if key else 'no key'}):", "; ".join(cases)[:300])
    return run


def test_api_conforms_to_its_openapi_document_under_generated_input(
    database_url: str, tmp_path: Path
) -> None:
    with live_admin_api(database_url, tmp_path / "documents") as base:
        spec = httpx.get(f"{base}/api/v1/openapi.json").json()
        assert spec["openapi"] == "3.1.0" and len(spec["paths"]) == 24
        run = _schemathesis(base, ADMIN.secret, tmp_path)
        log = next((tmp_path).glob("uvicorn-*.log")).read_text()
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Traceback" not in log, log[-4000:]


def test_analyst_key_gets_only_documented_answers(database_url: str, tmp_path: Path) -> None:
    with live_admin_api(database_url, tmp_path / "documents") as base:
        run = _schemathesis(base, ANALYST.secret, tmp_path, "--phases", "examples,coverage")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


async def test_review_routes_conform_with_lessons_waiting(
    database_url: str, tmp_path: Path
) -> None:
    """The review routes against real lessons under review, so generated edits, approvals
    and rejections reach the citation and safety checks rather than a 404."""
    engine = create_engine(database_url, pool_size=2)
    sessions = session_factory(engine)
    for _ in range(3):
        await regenerated_lesson(sessions)
    await engine.dispose()
    with live_admin_api(
        database_url, tmp_path / "documents", ADMIN_TEST_LESSON_REVIEW="new"
    ) as base:
        run = await asyncio.to_thread(
            _schemathesis, base, ADMIN.secret, tmp_path, "--include-tag", "reviews"
        )
        log = next((tmp_path).glob("uvicorn-*.log")).read_text()
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Traceback" not in log, log[-4000:]


def test_keyless_callers_get_only_documented_answers(database_url: str, tmp_path: Path) -> None:
    with live_admin_api(database_url, tmp_path / "documents") as base:
        run = _schemathesis(base, None, tmp_path, "--phases", "examples,coverage")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
