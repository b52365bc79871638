"""The Slack app end to end: signed requests through the ASGI app, a real fake Slack over
HTTP, real Postgres. One recorded-shape payload fixture per scenario."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.handlers.common import SORRY
from bot.slack_app import button_signer
from delivery.slack.ids import AnswerPayload
from storage.db import create_engine, session_factory
from storage.models import Learner, QuizResponse
from tests.bot.slack_harness import (
    SlackHarness,
    fixture,
    form_body,
    signed_headers,
    slack_harness,
)
from tests.support.fake_slack import FakeSlack


@pytest.fixture
async def slack(database_url: str, fake_slack: FakeSlack) -> AsyncIterator[SlackHarness]:
    fake_slack.add_user("U100", name="Ada Lovelace", tz="America/Toronto")
    async with slack_harness(database_url, fake_slack) as harness:
        yield harness


async def count_rows(harness: SlackHarness, model: Any) -> int:
    async with harness.services.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def settle() -> None:
    """Let lazy listeners (background tasks on this loop) finish."""
    for _ in range(5):
        await asyncio.sleep(0.05)


async def lesson_in_dm(slack: SlackHarness) -> dict[str, Any]:
    response = await slack.command("next")
    assert response.status_code == 200
    posts = await slack.fake.await_for("chat.postMessage", count=2)  # welcome + lesson
    return posts[-1]


def click_on(lesson_post: dict[str, Any], ts: str, option: int = 0) -> dict[str, Any]:
    payload = fixture("block_actions_answer")
    buttons = lesson_post["blocks"][-1]["elements"]
    payload["actions"][0]["action_id"] = buttons[option]["action_id"]
    payload["actions"][0]["value"] = buttons[option]["value"]
    payload["message"] = {"ts": ts, "text": lesson_post["text"], "blocks": lesson_post["blocks"]}
    payload["container"]["message_ts"] = ts
    return payload


async def test_first_learn_enrols_welcomes_and_delivers_a_lesson_in_the_dm(
    slack: SlackHarness,
) -> None:
    lesson = await lesson_in_dm(slack)
    welcome = slack.fake.payloads("chat.postMessage")[0]
    assert "Welcome, Ada Lovelace" in json.dumps(welcome["blocks"])
    assert lesson["channel"] == "D100"
    assert lesson["blocks"][0]["type"] == "header"
    assert lesson["blocks"][-1]["elements"][0]["text"]["text"].startswith("A. ")
    async with slack.services.sessions() as session:
        learner = (await session.execute(select(Learner))).scalar_one()
    assert (learner.slack_user_id, learner.timezone) == ("U100", "America/Toronto")
    # /learn was typed in a channel: a private pointer to the DM, through response_url
    replies = await slack.fake.await_for("response_url.post")
    assert "DMs" in replies[0]["text"]


async def test_a_quiz_click_is_graded_once_and_the_lesson_continues_in_place(
    slack: SlackHarness,
) -> None:
    lesson = await lesson_in_dm(slack)
    ts = slack.fake.messages[-1].ts
    wrong = click_on(lesson, ts, option=1)
    first = await slack.action(wrong)
    again = await slack.action(wrong)  # a double click
    assert (first.status_code, again.status_code) == (200, 200)
    updates = await slack.fake.await_for("chat.update")
    await settle()
    assert slack.fake.count("chat.update") == 1
    assert await count_rows(slack, QuizResponse) == 1
    update = updates[0]
    assert (update["channel"], update["ts"]) == ("D100", ts)
    rendered = json.dumps(update["blocks"])
    assert "Not quite" in rendered and "On the account anniversary" in rendered
    assert "once a year" in rendered and "Card Basics" in rendered
    assert update["blocks"][0]["type"] == "header"  # the lesson stays above the feedback
    assert "Can the fee be waived?" in rendered  # then the lesson's second question
    # The last answer finishes the lesson and offers the next one.
    await slack.action(click_on(update, ts, option=0))
    finished = (await slack.fake.await_for("chat.update", count=2))[-1]
    assert "Correct!" in json.dumps(finished["blocks"])
    assert finished["blocks"][-1]["elements"][0]["action_id"] == "next_lesson"
    assert await count_rows(slack, QuizResponse) == 2


async def finish_lesson(slack: SlackHarness, lesson: dict[str, Any], ts: str) -> None:
    await slack.action(click_on(lesson, ts, option=0))
    first = (await slack.fake.await_for("chat.update"))[-1]
    await slack.action(click_on(first, ts, option=0))
    await slack.fake.await_for("chat.update", count=2)


async def test_next_lesson_repeats_an_unfinished_lesson_then_moves_on_once(
    slack: SlackHarness,
) -> None:
    first = await lesson_in_dm(slack)
    title = first["blocks"][0]["text"]["text"]
    click = fixture("block_actions_next_lesson")
    await slack.action(click)  # today's lesson is not finished: it comes again
    posts = await slack.fake.await_for("chat.postMessage", count=3)
    assert posts[-1]["blocks"][0]["text"]["text"] == title
    await finish_lesson(slack, first, slack.fake.messages[1].ts)
    later = copy.deepcopy(click)
    later["message"]["ts"] = later["container"]["message_ts"] = "1764100000.000900"
    await slack.action(later)
    await slack.action(later)  # a retried click on the same message
    posts = await slack.fake.await_for("chat.postMessage", count=4)
    await settle()
    assert slack.fake.count("chat.postMessage") == 4
    assert posts[-1]["blocks"][0]["text"]["text"] != title


async def test_slack_retries_of_an_event_are_answered_once(slack: SlackHarness) -> None:
    event = fixture("message_im")
    first = await slack.event(event)
    retry = await slack.event(
        event, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert (first.status_code, retry.status_code) == (200, 200)
    await slack.fake.await_for("chat.postMessage", count=2)  # welcome + tutor reply
    await settle()
    threaded = [p for p in slack.fake.payloads("chat.postMessage") if p.get("thread_ts")]
    assert len(threaded) == 1
    assert threaded[0]["thread_ts"] == event["event"]["ts"]


async def test_dm_questions_go_to_the_tutor_in_a_thread(slack: SlackHarness) -> None:
    event = fixture("message_im")
    event["event"]["text"] = "What is the capital of Mongolia?"
    await slack.event(event)
    await slack.fake.await_for("chat.postMessage", count=2)
    reply = slack.fake.payloads("chat.postMessage")[-1]
    assert reply["thread_ts"] == event["event"]["ts"]
    assert "doesn't cover" in json.dumps(reply["blocks"])


async def test_bot_echoes_and_edits_are_ignored(slack: SlackHarness) -> None:
    echo = fixture("message_im")
    echo["event"]["bot_id"] = "BBMO01"
    echo["event_id"] = "Ev0ECHO"
    edit = copy.deepcopy(fixture("message_im"))
    edit["event"]["subtype"] = "message_changed"
    edit["event_id"] = "Ev0EDIT"
    for payload in (echo, edit):
        assert (await slack.event(payload)).status_code == 200
    await settle()
    assert slack.fake.count("chat.postMessage") == 0


async def test_app_home_shows_progress_streak_mastery_and_settings(slack: SlackHarness) -> None:
    lesson = await lesson_in_dm(slack)
    await slack.action(click_on(lesson, slack.fake.messages[-1].ts, option=0))
    await slack.fake.await_for("chat.update")
    await slack.event(fixture("app_home_opened"))
    published = (await slack.fake.await_for("views.publish"))[0]
    assert published["user_id"] == "U100"
    home = json.dumps(published["view"])
    assert "Hi Ada Lovelace" in home and "Streak:* 1 day" in home
    assert "Mastery by topic" in home and "Annual fees 0" in home
    assert "Next lesson:" in home and "America/Toronto" in home
    assert "open_settings" in home


async def test_learn_subcommands_reply_privately(slack: SlackHarness) -> None:
    await slack.command("progress")
    await slack.command("topics")
    await slack.command("pause")
    await slack.command("frobnicate")
    replies = await slack.fake.await_for("response_url.post", count=4)
    by_text = json.dumps(replies)
    assert "Accuracy" in by_text and "Annual fees 1" in by_text
    assert "Lessons paused" in by_text and "frobnicate" in by_text and "/learn next" in by_text
    assert all(r.get("response_type", "ephemeral") == "ephemeral" for r in replies)
    async with slack.services.sessions() as session:
        assert (await session.execute(select(Learner.status))).scalar_one() == "paused"


async def test_settings_command_opens_the_modal_with_profile_timezone(slack: SlackHarness) -> None:
    await slack.command("settings")
    opened = (await slack.fake.await_for("views.open"))[0]
    assert opened["trigger_id"] == fixture("slash_command_learn")["trigger_id"]
    view = opened["view"]
    assert view["callback_id"] == "learner_settings"
    assert view["blocks"][0]["element"]["initial_value"] == "America/Toronto"


async def test_settings_submission_is_saved(slack: SlackHarness) -> None:
    await lesson_in_dm(slack)
    response = await slack.action(fixture("view_submission_settings"))
    assert response.status_code == 200 and response.text == ""
    await slack.fake.await_for("views.publish")
    async with slack.services.sessions() as session:
        learner = (await session.execute(select(Learner))).scalar_one()
    assert learner.timezone == "Europe/Paris"
    assert learner.phone == "+14165550123"
    assert learner.preferred_channel == "sms" and learner.weekdays_only
    assert learner.delivery_time.strftime("%H:%M") == "08:15"


async def test_the_settings_form_sets_the_channel_order(slack: SlackHarness) -> None:
    await lesson_in_dm(slack)
    payload = fixture("view_submission_settings")
    payload["view"]["state"]["values"]["channel_order"] = {
        "channel_order": {"type": "static_select", "selected_option": {"value": "slack,email"}}
    }
    assert (await slack.action(payload)).status_code == 200
    await slack.fake.await_for("views.publish")
    async with slack.services.sessions() as session:
        assert (await session.execute(select(Learner.channel_order))).scalar_one() == "slack,email"
    await slack.command("settings")
    opened = (await slack.fake.await_for("views.open"))[-1]["view"]
    order = next(b for b in opened["blocks"] if b["block_id"] == "channel_order")
    assert order["element"]["initial_option"]["value"] == "slack,email"


async def test_settings_errors_are_shown_in_the_modal(slack: SlackHarness) -> None:
    await lesson_in_dm(slack)
    payload = fixture("view_submission_settings")
    values = payload["view"]["state"]["values"]
    values["phone"]["phone"]["value"] = "416-555"
    values["timezone"]["timezone"]["value"] = "Mars/Olympus"
    response = await slack.action(payload)
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert "international format" in body["errors"]["phone"]
    assert "timezone" in body["errors"]["timezone"].lower()
    async with slack.services.sessions() as session:
        assert (await session.execute(select(Learner.phone))).scalar_one() is None


async def test_badly_signed_and_stale_requests_are_refused(slack: SlackHarness) -> None:
    body = form_body(fixture("slash_command_learn"))
    forged = signed_headers(body, secret="not-the-secret")
    stale = signed_headers(body, at=1_000_000_000)
    for headers in (forged, stale, {}):
        response = await slack.client.post(
            "/slack/events",
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        )
        assert response.status_code == 401
    await settle()
    assert slack.fake.count("chat.postMessage") == 0
    assert await count_rows(slack, Learner) == 0


async def test_tampered_button_values_get_a_400_and_change_nothing(slack: SlackHarness) -> None:
    payload = fixture("block_actions_answer")
    payload["actions"][0]["value"] = '{"q": "drop table", "o": 99}'
    response = await slack.action(payload)
    assert response.status_code == 400
    assert "invalid" in response.text
    await settle()
    assert await count_rows(slack, QuizResponse) == 0


async def test_a_failure_becomes_a_short_friendly_message(slack: SlackHarness) -> None:
    lesson = await lesson_in_dm(slack)
    payload = click_on(lesson, slack.fake.messages[-1].ts)
    payload["actions"][0]["value"] = button_signer(slack.services.settings).sign(
        AnswerPayload(question_id=999_999, option=0, delivery_id=1).encode()
    )
    assert (await slack.action(payload)).status_code == 200
    posts = await slack.fake.await_for("chat.postMessage", count=3)
    assert posts[-1]["text"] == SORRY
    assert "Traceback" not in json.dumps(posts) and "UnknownQuestion" not in json.dumps(posts)


async def test_admin_only_enrolment_replies_politely(
    database_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("U100")
    async with slack_harness(database_url, fake_slack, enrollment_mode="admin") as slack:
        await slack.command("next")
        reply = (await slack.fake.await_for("response_url.post"))[0]
        assert "administrator" in reply["text"]
        assert slack.fake.count("chat.postMessage") == 0
        assert await count_rows(slack, Learner) == 0


async def test_unknown_slack_profile_still_enrols_with_defaults(slack: SlackHarness) -> None:
    slack.fake.fail_next("users.info", error="user_not_found")
    await slack.command("next", user="U404")
    await slack.fake.await_for("chat.postMessage", count=2)
    engine = create_engine(slack.services.database_url)
    async with session_factory(engine)() as session:
        learner = (await session.execute(select(Learner))).scalar_one()
    await engine.dispose()
    assert (learner.slack_user_id, learner.timezone) == ("U404", "UTC")


async def test_listeners_share_connections_to_slack_and_sign_their_buttons(
    slack: SlackHarness,
) -> None:
    """The client a listener gets (set by a middleware) sends over the surface's shared
    connections: a new connection per Web API call would cost more than the ack."""
    post = await lesson_in_dm(slack)
    signer = button_signer(slack.services.settings)
    value = post["blocks"][-1]["elements"][0]["value"]
    assert AnswerPayload.open(value, signer).delivery_id is not None  # signed on its way out
    for n in range(3):
        assert (await slack.command("next", trigger_id=f"again-{n}")).status_code == 200
    await slack.fake.await_for("chat.postMessage", count=5)
    methods = ("users.info", "conversations.open", "chat.postMessage")
    calls = sum(slack.fake.count(m) for m in methods)
    used = set().union(*(slack.fake.connections.get(m, set()) for m in methods))
    assert calls >= 6 and len(used) <= 2, f"{calls} calls over {len(used)} connections"
