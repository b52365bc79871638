"""Moderation through the real OpenAI client against a local server; fails closed."""

from __future__ import annotations

import socket

from knowledge.safety.moderation import LocalModerator, OpenAIModerator
from tests.support.fake_openai import FakeOpenAI


async def test_openai_moderation_flags_what_the_service_flags(fake_openai: FakeOpenAI) -> None:
    fake_openai.flag_words = {"worthless"}
    moderator = OpenAIModerator(api_key="sk-test", base_url=fake_openai.base_url)
    bad = await moderator.check("Tell the new hire they are worthless.")
    good = await moderator.check("Review the statement before the due date.")
    await moderator.aclose()
    assert bad.flagged and bad.categories == ["harassment"] and bad.source == "openai"
    assert not good.flagged and good.source == "openai"
    sent = fake_openai.bodies("/moderations")
    assert sent[0]["model"] == "omni-moderation-latest"


async def test_an_unreachable_moderation_service_fails_closed() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    moderator = OpenAIModerator(
        api_key="sk-test", base_url=f"http://127.0.0.1:{port}/v1", timeout=1, max_retries=0
    )
    result = await moderator.check("Perfectly harmless text.")
    await moderator.aclose()
    assert result.flagged and result.source == "error"


async def test_an_erroring_moderation_service_fails_closed(fake_openai: FakeOpenAI) -> None:
    fake_openai.status_override = 500
    moderator = OpenAIModerator(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0)
    result = await moderator.check("Perfectly harmless text.")
    await moderator.aclose()
    assert result.flagged and result.categories == ["checker_error"]


async def test_local_rules_flag_abuse_and_leave_training_text_alone() -> None:
    local = LocalModerator()
    assert (await local.check("You are an idiot, admit it.")).flagged
    assert (await local.check("Where can I buy stolen cards?")).categories == ["illicit"]
    clean = await local.check(
        "Fraudsters steal passwords through phishing; report a lost card within two days."
    )
    assert not clean.flagged and clean.source == "local"
