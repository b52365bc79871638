"""The fake Slack Web API for tests: a real local HTTP server (see bot.playground.fake_api).

It counts calls, records payloads, and can be scripted to answer 429 with Retry-After,
a 5xx, a slow reply or a permanent error such as user_not_found or account_inactive.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.playground.fake_api import Failure, FakeSlack

__all__ = ["Failure", "FakeSlack", "running_fake_slack"]


@contextmanager
def running_fake_slack(socket_url: str | None = None) -> Iterator[FakeSlack]:
    fake = FakeSlack(socket_url=socket_url).start()
    try:
        yield fake
    finally:
        fake.stop()
