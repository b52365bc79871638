"""Guessing admin API keys is rate limited per address: after 30 wrong keys in a minute
the address gets 429 with Retry-After, even for its next (possibly right) guess."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.security.app import ADMIN_HEADERS, Surface, whole_app
from tests.support.fake_slack import FakeSlack


@pytest.fixture
async def surface(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> AsyncIterator[Surface]:
    async with whole_app(database_url, fake_slack, tmp_path) as app:
        yield app


async def test_wrong_keys_are_held_off_after_thirty_a_minute(surface: Surface) -> None:
    statuses = []
    for n in range(35):
        response = await surface.client.get(
            "/api/v1/learners", headers={"Authorization": f"Bearer adm-guess-{n:04d}"}
        )
        statuses.append(response.status_code)
    assert statuses[:30] == [401] * 30
    assert set(statuses[30:]) == {429}
    held = await surface.client.get("/api/v1/learners", headers=ADMIN_HEADERS)
    assert held.status_code == 429 and int(held.headers["Retry-After"]) >= 1
    assert held.json()["error"]["code"] == "rate_limited"


async def test_a_right_key_is_not_slowed_by_its_own_requests(surface: Surface) -> None:
    for _ in range(40):
        response = await surface.client.get("/api/v1/learners", headers=ADMIN_HEADERS)
        assert response.status_code == 200
