"""Bad input gets a clear JSON error with a stable code and changes nothing."""

from __future__ import annotations

from tests.admin_api.conftest import ADMIN, AdminHarness, bearer


async def _count_learners(admin: AdminHarness) -> int:
    response = await admin.client.get("/api/v1/learners", headers=bearer(ADMIN))
    return len(response.json()["items"])


async def test_malformed_json_is_400(admin: AdminHarness) -> None:
    response = await admin.client.post(
        "/api/v1/learners",
        content=b'{"name": "Ann",',
        headers={**bearer(ADMIN), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    assert await _count_learners(admin) == 0


async def test_wrong_content_type_is_415(admin: AdminHarness) -> None:
    response = await admin.client.post(
        "/api/v1/learners",
        content=b"name=Ann",
        headers={**bearer(ADMIN), "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


async def test_oversized_body_is_413(admin: AdminHarness) -> None:
    text = "a" * (1024 * 1024 + 10)
    response = await admin.client.post(
        "/api/v1/validate-safety", json={"text": text}, headers=bearer(ADMIN)
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


async def test_field_errors_are_422_with_each_field_named(admin: AdminHarness) -> None:
    response = await admin.client.post(
        "/api/v1/learners",
        json={
            "name": "",
            "email": "not-an-email",
            "phone": "call me",
            "timezone": "Mars/Olympus",
            "delivery_time": "25:00",
            "preferred_channel": "pigeon",
            "weekdays_only": "yes",
            "nickname": "extra",
        },
        headers=bearer(ADMIN),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    fields = {detail["field"] for detail in error["details"]}
    assert fields >= {
        "name",
        "email",
        "phone",
        "timezone",
        "delivery_time",
        "preferred_channel",
        "weekdays_only",
        "nickname",
    }
    assert all(detail["in"] == "body" and detail["message"] for detail in error["details"])
    assert await _count_learners(admin) == 0


async def test_bad_query_and_path_values_are_clear_errors_not_500(admin: AdminHarness) -> None:
    headers = bearer(ADMIN)
    page = await admin.client.get("/api/v1/learners?limit=0&offset=-1", headers=headers)
    assert page.status_code == 422
    assert {d["field"] for d in page.json()["error"]["details"]} == {"limit", "offset"}
    for path in (
        "/api/v1/learners/abc",
        "/api/v1/learners/0",
        "/api/v1/learners/99999999999999999999",
    ):
        response = await admin.client.get(path, headers=headers)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    since = await admin.client.get("/api/v1/exports/xapi?since=12345", headers=headers)
    assert since.status_code == 422
    nul = await admin.client.post("/api/v1/learners", json={"name": "A\u0000B"}, headers=headers)
    assert nul.status_code == 422


async def test_unknown_routes_and_methods_answer_json(admin: AdminHarness) -> None:
    missing = await admin.client.get("/api/v1/nothing-here", headers=bearer(ADMIN))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = await admin.client.put("/api/v1/learners", headers=bearer(ADMIN))
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in wrong.headers["allow"]
