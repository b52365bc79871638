"""Settings decide how lessons are made: offline composer by default, the LLM with a key."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.lesson_wiring import build_lesson_services
from bot.settings import load_settings
from tests.knowledge import material
from tests.support.fake_openai import FakeOpenAI


async def test_without_an_api_key_lessons_are_composed_offline(session: AsyncSession) -> None:
    services = build_lesson_services(load_settings(embeddings="none", _env_file=None))
    topic = await material.topic(session, "Chargebacks and disputes")
    await material.document(session, material.FRAUD, topic_id=topic.id)
    await material.document(session, material.GRACE, title="Grace guide")
    lesson = await services.lessons.lesson_for(session, topic)
    await services.aclose()
    assert services.gateway is None and lesson.generator == "offline"


async def test_with_an_api_key_the_gateway_and_moderation_use_the_configured_server(
    fake_openai: FakeOpenAI,
) -> None:
    settings = load_settings(
        embeddings="none",
        openai_api_key="sk-test",
        openai_base_url=fake_openai.base_url,
        openai_model="gpt-4.1-mini",
        _env_file=None,
    )
    services = build_lesson_services(settings)
    assert services.gateway is not None and services.gateway.model == "gpt-4.1-mini"
    assert services.lessons.generator_name == "gpt-4.1-mini"
    verdict = await services.moderator.check("A harmless sentence about statements.")
    await services.aclose()
    assert verdict.source == "openai" and fake_openai.bodies("/moderations")
