"""GET /api/v1/topics: what an admin sees about each topic's material and lesson, and a
topic whose material yields no quiz is reported instead of taught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from admin_api.jobs import InProcessJobs
from tests.admin_api.conftest import ADMIN, ANALYST, AdminHarness, bearer

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples" / "documents"
CURRICULUM = """
track: business-credit-cards
topics:
  - slug: grace-period
    title: The grace period
    objectives: [Explain how paying in full keeps the grace period]
    source_filter: {documents: ["02-apr-interest-and-grace-period.md"], headings: ["grace period"]}
  - slug: manifest
    title: Document manifest
    source_filter: {documents: ["manifest.md"]}
  - slug: uncovered
    title: Cryptocurrency custody
    source_filter: {documents: ["travel-insurance.md"]}
"""
# A table of files: text a loader reads, but no sentence that states a fact to test.
MANIFEST = b"""# Manifest

| file | bytes | sha256 |
|---|---|---|
| 01-card-basics.md | 1834 | 6f508ea14f8f59f7 |
| 02-apr.md | 1720 | da406d294525ffc7 |
| 03-fees.md | 1513 | f445821f4bf7db65 |
"""


async def _load(admin: AdminHarness) -> None:
    headers = {**bearer(ADMIN), "Content-Type": "application/yaml"}
    response = await admin.client.post("/api/v1/curriculum", content=CURRICULUM, headers=headers)
    assert response.status_code == 200, response.text
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("0*.md"))]
    for name, data in [*files, ("manifest.md", MANIFEST)]:
        uploaded = await admin.client.post(
            "/api/v1/documents",
            files={"file": (name, data, "text/markdown")},
            headers=bearer(ADMIN),
        )
        assert uploaded.status_code == 202, uploaded.text
    assert isinstance(admin.services.jobs, InProcessJobs)
    await admin.services.jobs.wait()


async def _topics(admin: AdminHarness) -> dict[str, dict[str, Any]]:
    response = await admin.client.get("/api/v1/topics", headers=bearer(ANALYST))
    assert response.status_code == 200, response.text
    return {t["slug"]: t for t in response.json()["items"]}


async def test_topics_report_material_and_a_topic_without_a_quiz(admin: AdminHarness) -> None:
    await _load(admin)
    topics = await _topics(admin)
    assert topics["grace-period"]["status"] == "not_generated"
    assert topics["grace-period"]["chunks"] >= 1
    assert topics["manifest"]["status"] == "no_quiz" and topics["manifest"]["chunks"] >= 1
    assert "figure, defined term or rule" in topics["manifest"]["reason"]
    assert topics["uncovered"]["status"] == "no_material" and topics["uncovered"]["chunks"] == 0

    # Asked for a lesson anyway, the unquizzable topic is refused with what to do.
    refused = await admin.client.post(
        "/api/v1/generate-lesson", json={"topic": "manifest"}, headers=bearer(ADMIN)
    )
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "no_quiz"
    assert "add documents" in refused.json()["error"]["message"]

    lesson = await admin.client.post(
        "/api/v1/generate-lesson", json={"topic": "grace-period"}, headers=bearer(ADMIN)
    )
    assert lesson.status_code == 200, lesson.text
    assert len(lesson.json()["questions"]) >= 2
    after = await _topics(admin)
    assert after["grace-period"]["status"] == "ready"
    assert after["grace-period"]["lesson_id"] == lesson.json()["id"]
    assert after["grace-period"]["questions"] == len(lesson.json()["questions"])


async def test_topics_are_paged_and_bounded(admin: AdminHarness) -> None:
    await _load(admin)
    first = await admin.client.get("/api/v1/topics?limit=2", headers=bearer(ADMIN))
    assert first.status_code == 200
    page = first.json()
    assert len(page["items"]) == 2 and page["next_offset"] == 2
    rest = await admin.client.get("/api/v1/topics?limit=2&offset=2", headers=bearer(ADMIN))
    assert [t["slug"] for t in rest.json()["items"]] == ["uncovered"]
    assert rest.json()["next_offset"] is None
    too_many = await admin.client.get("/api/v1/topics?limit=100000", headers=bearer(ADMIN))
    assert too_many.status_code == 422
    anonymous = await admin.client.get("/api/v1/topics")
    assert anonymous.status_code == 401


async def test_topics_are_in_the_openapi_document(admin: AdminHarness) -> None:
    spec = (await admin.client.get("/api/v1/openapi.json")).json()
    operation = spec["paths"]["/topics"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"limit", "offset"}
    schema = spec["components"]["schemas"]["TopicState"]
    assert "no_quiz" in schema["properties"]["status"]["enum"]
