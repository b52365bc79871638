from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.db import create_engine
from tests.support.corpus import CORPUS_SUITE, corpus_dir
from tests.support.fake_openai import FakeOpenAI, running_fake_openai
from tests.support.fake_slack import FakeSlack, running_fake_slack
from tests.support.postgres import TestPostgres
from tests.support.s3 import running_moto, use_test_credentials


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The corpus suite is collected only when BMO_CORPUS_DIR names the corpus."""
    if collection_path == CORPUS_SUITE and corpus_dir() is None:
        return True
    return None


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Say plainly whether the corpus suite ran, so a smaller run never passes for a full one."""
    requested = [Path(arg.split("::")[0]).resolve() for arg in config.args] or [
        Path(config.rootpath)
    ]
    if not any(CORPUS_SUITE.is_relative_to(path) for path in requested):
        return
    corpus = corpus_dir()
    if corpus is None:
        terminalreporter.write_line("corpus suite: not run (BMO_CORPUS_DIR unset)", yellow=True)
        return
    prefix = CORPUS_SUITE.relative_to(config.rootpath).as_posix() + "/"
    outcomes = {
        outcome: sum(
            1
            for report in terminalreporter.stats.get(outcome, [])
            if getattr(report, "nodeid", "").startswith(prefix)
        )
        for outcome in ("passed", "failed", "error", "skipped")
    }
    counts = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items() if n)
    terminalreporter.write_line(f"corpus suite: ran against {corpus}: {counts or 'no tests'}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[TestPostgres]:
    server = TestPostgres(os.environ.get("DATABASE_URL"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def shared_database_url(postgres: TestPostgres) -> str:
    """One migrated database shared by tests that roll back their work."""
    return postgres.fresh_database()


@pytest.fixture
def database_url(postgres: TestPostgres) -> Iterator[str]:
    """A migrated database of this test's own, for tests that commit (workers, processes)."""
    url = postgres.fresh_database()
    yield url
    postgres.drop(url)


@pytest.fixture(scope="session")
async def shared_engine(shared_database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(shared_database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(shared_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test; commits inside
    the test become savepoints."""
    async with shared_engine.connect() as conn:
        outer = await conn.begin()
        db = AsyncSession(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield db
        finally:
            await db.close()
            await outer.rollback()


@pytest.fixture(scope="session")
def redis_url() -> str:
    return os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/0")


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with running_fake_openai() as fake:
        yield fake


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with running_fake_slack() as fake:
        yield fake


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A local S3 (moto's server mode) shared by the run; each test uses its own bucket."""
    with running_moto() as endpoint:
        yield endpoint


@pytest.fixture
def aws_test_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_credentials(monkeypatch)
