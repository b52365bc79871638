"""A topic whose curriculum title is one character long: asking for its lesson is a
clear 4xx that names the topic, never a server error."""

from __future__ import annotations

from tests.admin_api.conftest import ADMIN, AdminHarness, bearer
from tests.admin_api.test_content import SAMPLES, _finished, _upload

CURRICULUM = """
track: business-credit-cards
topics:
  - slug: "0"
    title: "0"
    source_filter: {documents: ["01-card-basics-and-liability.md"]}
"""


async def test_a_one_character_topic_title_gets_a_clear_answer(admin: AdminHarness) -> None:
    imported = await admin.client.post(
        "/api/v1/curriculum",
        content=CURRICULUM.encode(),
        headers={**bearer(ADMIN), "Content-Type": "application/yaml"},
    )
    assert imported.status_code == 200, imported.text
    source = SAMPLES / "documents" / "01-card-basics-and-liability.md"
    uploaded = await _upload(admin, source.name, source.read_bytes())
    assert (await _finished(admin, uploaded.json()["job"]["id"]))["status"] == "succeeded"
    response = await admin.client.post(
        "/api/v1/generate-lesson", json={"topic": "0"}, headers=bearer(ADMIN)
    )
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == "lesson_invalid"
    assert "'0'" in error["message"] and "curriculum" in error["message"]
