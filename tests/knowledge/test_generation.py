"""LLM lesson generation through the real langchain-openai client and a local server."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.cache import Cache
from knowledge.generation.llm import LlmLessonGenerator
from knowledge.lessons import LessonBlocked, LessonService
from knowledge.llm import LlmConfig, LlmGateway
from knowledge.passages import Passage
from knowledge.safety.lesson_review import LlmLessonReviewer
from storage.models import Lesson, LlmCall
from tests.knowledge import material
from tests.support.fake_openai import FakeOpenAI, json_reply


def lesson_json(
    ids: list[int],
    *,
    body: str = "Pay the full statement balance by the due date to keep the grace period.",
    scenario: str = "Sam pays part of the team card balance and sees interest next month.",
    question_cites: int | None = None,
) -> dict[str, Any]:
    return {
        "title": "Keeping the grace period",
        "body": body,
        "key_points": ["Paying in full keeps the grace period.", "Cash advances have none."],
        "scenario": scenario,
        "questions": [
            {
                "stem": "What keeps the grace period on new purchases?",
                "options": [
                    "Paying the full statement balance",
                    "Paying the minimum",
                    "Taking a cash advance",
                    "Raising the limit",
                ],
                "correct_option": 0,
                "explanation": "Interest is avoided only when the full balance is paid.",
                "citation_chunk_id": question_cites if question_cites is not None else ids[0],
            }
        ],
        "citation_chunk_ids": ids,
    }


def service(fake: FakeOpenAI) -> LessonService:
    config = LlmConfig(api_key="sk-test", base_url=fake.base_url, max_retries=0, timeout=10)
    return LessonService(generator=LlmLessonGenerator(LlmGateway(config, cache=Cache(None))))


async def _material(session: AsyncSession) -> tuple[Any, list[Passage]]:
    topic = await material.topic(session)
    passages = await material.document(session, material.GRACE, topic_id=topic.id)
    return topic, passages


async def test_an_llm_lesson_is_stored_with_citations_and_reused(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    ids = [p.chunk_id for p in passages]
    fake_openai.queue(json_reply(lesson_json(ids[:2])))
    lessons = service(fake_openai)

    lesson = await lessons.lesson_for(session, topic)
    again = await lessons.lesson_for(session, topic)
    assert again.id == lesson.id
    assert len(fake_openai.bodies("/chat/completions")) == 1
    assert lesson.generator == "gpt-4o-mini" and lesson.title == "Keeping the grace period"
    assert [c["chunk_id"] for c in lesson.citations] == ids[:2]
    assert lesson.citations[0]["heading"] == "Grace period"
    assert lesson.questions[0].citation["chunk_id"] == ids[0]
    request = fake_openai.bodies("/chat/completions")[0]
    prompt = " ".join(m["content"] for m in request["messages"])
    assert f'<passage id="{ids[0]}"' in prompt and "at least 21 days" in prompt
    assert request["response_format"]["type"] == "json_schema"
    calls = (await session.execute(select(LlmCall).where(LlmCall.purpose == "lesson"))).scalars()
    assert [c.cached for c in calls] == [False]


async def test_an_invented_citation_is_regenerated(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    ids = [p.chunk_id for p in passages]
    fake_openai.queue(
        json_reply(lesson_json([ids[0], 99_999_999])), json_reply(lesson_json([ids[1]]))
    )
    lesson = await service(fake_openai).lesson_for(session, topic)
    bodies = fake_openai.bodies("/chat/completions")
    assert len(bodies) == 2
    assert "99999999" in bodies[1]["messages"][-1]["content"]  # the model is told what was wrong
    assert [c["chunk_id"] for c in lesson.citations] == [ids[1]]


async def test_citations_invented_twice_fall_back_to_the_offline_composer(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    await material.document(session, material.FRAUD, title="Fraud guide")
    ids = [p.chunk_id for p in passages]
    fake_openai.queue(
        json_reply(lesson_json(ids, question_cites=424242)),
        json_reply(lesson_json(ids, question_cites=424242)),
    )
    lesson = await service(fake_openai).lesson_for(session, topic)
    assert lesson.generator == "offline" and lesson.status == "ready"
    assert all(q.citation["chunk_id"] in ids for q in lesson.questions)


async def test_a_lesson_breaking_financial_rules_twice_is_blocked_never_served(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    ids = [p.chunk_id for p in passages]
    advice = "Pay in full each month. Honestly, you should apply for the Platinum card today."
    promise = "This card is guaranteed to pay for itself with rewards, risk-free."
    fake_openai.queue(json_reply(lesson_json(ids, body=advice)))
    fake_openai.queue(json_reply(lesson_json(ids, body=promise)))
    lessons = service(fake_openai)
    with pytest.raises(LessonBlocked) as blocked:
        await lessons.lesson_for(session, topic)
    assert {v.rule for v in blocked.value.verdict.violations} == {"guaranteed_returns"}
    # The rewrite request tells the model which rule the first draft broke.
    assert (
        "personalised_advice"
        in fake_openai.bodies("/chat/completions")[1]["messages"][-1]["content"]
    )
    stored = (await session.execute(select(Lesson).where(Lesson.topic_id == topic.id))).scalars()
    assert [row.status for row in stored] == ["blocked"]

    # The next request generates afresh (the rejected draft is not cached) and passes.
    fake_openai.queue(json_reply(lesson_json(ids)))
    lesson = await lessons.lesson_for(session, topic)
    assert lesson.status == "ready" and "Platinum" not in lesson.body
    assert len(fake_openai.bodies("/chat/completions")) == 3


async def test_a_rule_breaking_draft_is_rewritten_once(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    ids = [p.chunk_id for p in passages]
    fake_openai.queue(
        json_reply(lesson_json(ids, body="We recommend you open a second card right away.")),
        json_reply(
            lesson_json(
                ids,
                body="A grace period lasts at least 21 days; after it, interest of about "
                "two percent a month accrues.",
            )
        ),
    )
    lesson = await service(fake_openai).lesson_for(session, topic)
    assert "recommend" not in lesson.body and "21 days" in lesson.body
    assert "examples for training only" in lesson.body  # disclaimer appended, not failed
    assert lesson.safety_verdict["passed"] is True


PII = {
    "email": "maria.lopez@northwind.example",
    "phone": "(416) 555-0188",
    "card": "4532 0151 1283 0366",
    "ssn": "219-09-9999",
    "sin": "046 454 286",
    "iban": "GB82 WEST 1234 5698 7654 32",
    "account": "00123456789",
}


async def test_no_pii_reaches_the_llm_or_a_stored_lesson(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic = await material.topic(session, "Reporting a lost card")
    sections = [
        (
            "Case notes",
            f"Maria ({PII['email']}, {PII['phone']}) reported card {PII['card']} lost within "
            f"2 days; her SSN {PII['ssn']} and SIN {PII['sin']} were on the claim form.",
        ),
        (
            "Refunds",
            f"The refund went to IBAN {PII['iban']} and account number {PII['account']} after "
            "the issuer confirmed the unauthorized charges.",
        ),
    ]
    passages = await material.document(session, sections, topic_id=topic.id)
    ids = [p.chunk_id for p in passages]
    # A model that echoes personal data back must not get it into the lesson either.
    leaky = lesson_json(
        ids,
        body=f"Report a lost card at once, as Maria did with card {PII['card']}.",
        scenario=f"Call Maria on {PII['phone']} or write to {PII['email']} about her card.",
    )
    leaky["questions"][0]["options"][0] = "Reported lost within 2 days"  # what case notes say
    fake_openai.queue(json_reply(leaky))
    lesson = await service(fake_openai).lesson_for(session, topic)

    sent = fake_openai.all_text_sent()
    stored = " ".join(
        [lesson.title, lesson.body, lesson.scenario, *map(str, lesson.key_points)]
        + [f"{q.stem} {q.options} {q.explanation}" for q in lesson.questions]
    )
    for kind, value in PII.items():
        assert value not in sent, kind
        assert value not in stored, kind
    assert "[CARD]" in sent and "[IBAN]" in sent and "[SIN]" in sent
    assert "[CARD]" in lesson.body and "[PHONE]" in lesson.scenario


async def test_a_slow_or_failing_llm_falls_back_to_the_offline_composer(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    await material.document(session, material.FRAUD, title="Fraud guide")
    fake_openai.delay_seconds = 2.0
    config = LlmConfig(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0, timeout=0.5)
    lessons = LessonService(generator=LlmLessonGenerator(LlmGateway(config, cache=Cache(None))))
    lesson = await lessons.lesson_for(session, topic)
    assert lesson.generator == "offline" and lesson.status == "ready"
    assert set(lesson.chunk_ids) == {p.chunk_id for p in passages}


async def test_with_a_model_each_new_lesson_gets_one_review_and_a_failed_one_is_rewritten(
    fake_openai: FakeOpenAI, session: AsyncSession
) -> None:
    topic, passages = await _material(session)
    ids = [p.chunk_id for p in passages]
    fake_openai.queue(
        json_reply(lesson_json(ids, body="Paying in full keeps the grace period, always.")),
        json_reply({"supported": False, "compliant": True, "problems": ["always is not stated"]}),
        json_reply(lesson_json(ids)),
        json_reply({"supported": True, "compliant": True, "problems": []}),
    )
    gateway = LlmGateway(LlmConfig(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0))
    lessons = LessonService(
        generator=LlmLessonGenerator(gateway), reviewer=LlmLessonReviewer(gateway)
    )
    lesson = await lessons.lesson_for(session, topic)
    assert lesson.status == "ready" and "always" not in lesson.body
    calls = fake_openai.bodies("/chat/completions")
    assert len(calls) == 4
    review = str(calls[1]["messages"])
    assert "<lesson>" in review and "end of a billing cycle" in review
    assert "always is not stated" in str(calls[2]["messages"])  # the rewrite hears why
    again = await lessons.lesson_for(session, topic)
    assert again.id == lesson.id and len(fake_openai.bodies("/chat/completions")) == 4
