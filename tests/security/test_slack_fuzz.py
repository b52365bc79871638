"""Signed Slack payloads with a wrong JSON type in a field never cause a server error.

Hypothesis takes a real payload of each kind (a quiz click, a settings submission, a
shortcut, a DM event, an App Home event) and puts a value of another JSON type (or
deletes it) at one of its paths; the request is signed as Slack would sign it. The app
answers 2xx or 4xx, never 5xx.
"""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delivery.slack.ids import AnswerPayload, ButtonSigner
from tests.bot.slack_harness import (
    SIGNING_SECRET,
    SlackHarness,
    fixture,
    interactive_body,
    slack_harness,
)
from tests.support.fake_slack import FakeSlack

EXAMPLES = 240  # over every kind: at least 200 malformed payloads
SIGNER = ButtonSigner.derive(SIGNING_SECRET)  # the key the app derives from its secret

SHORTCUT = {
    "type": "shortcut",
    "callback_id": "open_settings",
    "trigger_id": "1.2.shortcut",
    "user": {"id": "U100", "team_id": "T0001", "username": "ada"},
    "team": {"id": "T0001", "domain": "acme"},
    "api_app_id": "A0BMO",
    "token": "unused",
}
APP_HOME = {
    "type": "event_callback",
    "team_id": "T0001",
    "api_app_id": "A0BMO",
    "event_id": "Ev0HOME",
    "event_time": 1_780_000_000,
    "event": {"type": "app_home_opened", "user": "U100", "channel": "D100", "tab": "home"},
}
DM_EVENT = {
    "type": "event_callback",
    "team_id": "T0001",
    "api_app_id": "A0BMO",
    "event_id": "Ev0DM",
    "event_time": 1_780_000_000,
    "event": {
        "type": "message",
        "channel_type": "im",
        "channel": "D100",
        "user": "U100",
        "text": "What is the annual fee?",
        "ts": "1780000000.000100",
    },
}


def base_payloads() -> dict[str, dict[str, Any]]:
    click = fixture("block_actions_answer")
    # A genuinely signed button, so that the fuzz reaches grading rather than the signature.
    click["actions"][0]["value"] = SIGNER.sign(AnswerPayload(question_id=1, option=0).encode())
    return {
        "block_actions": click,
        "view_submission": fixture("view_submission_settings"),
        "shortcut": SHORTCUT,
        "dm_event": DM_EVENT,
        "app_home": APP_HOME,
    }


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the payload (the payload's own fields first)."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            found.append((*prefix, index))
            found += paths(item, (*prefix, index))
    return found


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
DELETE = object()


@st.composite
def malformed(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(base_payloads())))
    payload = copy.deepcopy(base_payloads()[kind])
    path = draw(st.sampled_from(paths(payload)))
    replacement = draw(st.one_of(st.just(DELETE), JSON_VALUES))
    parent: Any = payload
    for step in path[:-1]:
        parent = parent[step]
    original = parent[path[-1]]
    if replacement is DELETE:
        del parent[path[-1]]
    else:
        # another JSON type than the original's (the fuzz is about types)
        if type(replacement) is type(original):
            replacement = [replacement] if not isinstance(original, list) else {"x": 1}
        parent[path[-1]] = replacement
    return kind, payload


@pytest.fixture
async def slack(database_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackHarness]:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="America/Toronto")
    async with slack_harness(database_url, fake_slack) as harness:
        yield harness


async def test_malformed_signed_payloads_never_get_a_server_error(slack: SlackHarness) -> None:
    examples: list[tuple[str, dict[str, Any]]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(malformed())
    def collect(example: tuple[str, dict[str, Any]]) -> None:
        examples.append(example)

    collect()
    assert len(examples) >= 200
    statuses: dict[str, list[int]] = {}
    failures = []
    for n, (kind, payload) in enumerate(examples):
        if isinstance(payload.get("event_id"), str):
            payload["event_id"] = f"Ev{n:05d}"  # not a retry of an earlier example
        if kind.endswith("event") or kind == "app_home":
            response = await slack.event(payload)
        else:
            body = interactive_body(payload)
            response = await slack.post(body, "application/x-www-form-urlencoded")
        statuses.setdefault(kind, []).append(response.status_code)
        if response.status_code >= 500:
            failures.append((kind, json.dumps(payload)[:300], response.text[:100]))
    assert failures == []
    print(
        "\nfuzzed signed Slack payloads:",
        {kind: len(codes) for kind, codes in statuses.items()},
        "0 x 5xx",
    )


async def test_response_urls_of_the_wrong_shape_get_a_client_error(slack: SlackHarness) -> None:
    """A signed modal submission whose `response_urls` is an object or a string instead of
    a list is refused as bad input, not answered with a server error."""
    for shape in ({"first": {"response_url": "https://hooks.slack.test/x"}}, "x"):
        payload = base_payloads()["view_submission"]
        payload["response_urls"] = shape
        response = await slack.post(interactive_body(payload), "application/x-www-form-urlencoded")
        assert 400 <= response.status_code < 500, (shape, response.status_code)
