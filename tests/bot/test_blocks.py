"""Block Kit renderers: what the learner sees, always within Slack's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.views.help import help_blocks
from bot.views.home import home_view, not_enrolled_view, progress_blocks, topics_blocks
from delivery.slack.blocks import (
    answered_message,
    feedback_blocks,
    lesson_blocks,
    next_lesson_button,
    nudge_blocks,
    quiz_blocks,
    tutor_blocks,
    welcome_blocks,
)
from delivery.slack.ids import AnswerPayload, BlockId, NextLessonPayload
from flows.messages import (
    Feedback,
    LessonMessage,
    Nudge,
    ProgressSummary,
    QuizOption,
    QuizPrompt,
    TopicMastery,
    TutorAnswer,
)
from knowledge.passages import Citation
from tests.bot.slack_content import CITATION, lesson, quiz


def check_block_kit(block: dict[str, Any]) -> None:
    """slack_sdk parses the block, validates it and serialises it back unchanged."""
    parsed = Block.parse(block)
    assert isinstance(parsed, Block), block
    assert parsed.to_dict() == block  # to_dict validates; equality: no key lost or unknown


def check_limits(blocks: list[dict[str, Any]]) -> None:
    """Slack's published limits, checked on the serialised form."""
    assert 0 < len(blocks) <= 50
    for block in blocks:
        check_block_kit(block)
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= 75
                assert len(element["value"]) <= 2000
        ids = [e["action_id"] for e in block.get("elements", []) if "action_id" in e]
        assert len(ids) == len(set(ids))


def texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_lesson_has_header_text_key_points_sources_reason_and_quiz_buttons() -> None:
    blocks = lesson_blocks(lesson())
    check_limits(blocks)
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["text"] == "Annual fees & <waivers>"  # plain text stays readable
    rendered = texts(blocks)
    assert "charged on the account anniversary" in rendered
    assert "Charged yearly" in rendered and "Scenario" in rendered
    assert "Card Basics › Annual fees" in rendered
    assert "You have not seen this topic yet." in rendered
    buttons = blocks[-1]["elements"]
    assert [b["text"]["text"] for b in buttons] == [
        "A. On the account anniversary",
        "B. Every month",
        "C. Never",
    ]
    payload = AnswerPayload.decode(buttons[1]["value"])
    assert (payload.question_id, payload.option, payload.delivery_id) == (7, 1, 5)


def test_mrkdwn_control_characters_are_escaped() -> None:
    content = lesson().model_copy(update={"body": "Fees <@U123> & <!channel> stay plain"})
    body = lesson_blocks(content)[1]["text"]["text"]
    assert "<@U123>" not in body and "<!channel>" not in body
    assert "&lt;@U123&gt; &amp; &lt;!channel&gt;" in body


def test_wrong_answer_feedback_shows_right_answer_explanation_source_and_next() -> None:
    feedback = Feedback(
        question_id=7,
        correct=False,
        chosen_label="B",
        correct_label="A",
        correct_text="On the account anniversary",
        explanation="The fee posts once a year.",
        citation=CITATION,
        mastery_percent=40,
    )
    blocks = feedback_blocks(feedback)
    check_limits(blocks)
    rendered = texts(blocks)
    assert "Not quite" in rendered and "A. On the account anniversary" in rendered
    assert "The fee posts once a year." in rendered and "Card Basics" in rendered
    assert "40%" in rendered
    assert blocks[-1]["elements"][0]["text"]["text"] == "Next lesson"
    NextLessonPayload.decode(blocks[-1]["elements"][0]["value"])


def test_right_answer_with_a_follow_up_question_asks_it() -> None:
    feedback = Feedback(
        question_id=7,
        correct=True,
        chosen_label="A",
        correct_label="A",
        correct_text="x",
        explanation="",
        next_quiz=quiz(question_id=8),
    )
    blocks = feedback_blocks(feedback)
    assert "Correct!" in texts(blocks)
    assert AnswerPayload.decode(blocks[-1]["elements"][0]["value"]).question_id == 8


FEEDBACK_CASES = {
    "wrong, long explanation": Feedback(
        question_id=7,
        correct=False,
        chosen_label="B",
        correct_label="A",
        correct_text="On the <b> & anniversary",
        explanation="Para one.\n\n" + "x" * 3500,
        citation=CITATION,
        mastery_percent=40,
    ),
    "right, with a follow-up question": Feedback(
        question_id=7,
        delivery_id=3,
        correct=True,
        chosen_label="A",
        correct_label="A",
        correct_text="x",
        explanation="",
        next_quiz=quiz(question_id=8),
    ),
    "already answered": Feedback(
        question_id=7,
        correct=True,
        chosen_label="C",
        correct_label="A",
        correct_text="x",
        explanation="Again.",
        already_answered=True,
    ),
}
FOUR_OPTIONS = quiz().model_copy(
    update={
        "position": 1,
        "total": 3,
        "options": [QuizOption(index=i, label="ABCD"[i], text=f"Option {i}") for i in range(4)],
    }
)
FEES = TopicMastery(slug="fees", title="Annual fees", mastery_percent=60)
PROGRESS = ProgressSummary(
    learner_name="Ada",
    status="active",
    lessons_completed=3,
    questions_answered=4,
    correct_answers=3,
    accuracy_percent=75,
    completion_rate_percent=100,
    streak_days=2,
    topics=[FEES, FEES.model_copy(update={"title": "Not started", "studied": False})],
    next_delivery=datetime(2024, 5, 3, 8, tzinfo=UTC),
    timezone="Europe/Paris",
)
RENDERED: dict[str, list[dict[str, Any]]] = {
    "lesson": lesson_blocks(lesson(FOUR_OPTIONS)),
    "lesson, long body, no quiz": lesson_blocks(
        lesson().model_copy(update={"quiz": None, "body": "Para.\n\n" + "y" * 7000})
    ),
    "quiz": quiz_blocks(FOUR_OPTIONS),
    **{f"feedback, {name}": feedback_blocks(f) for name, f in FEEDBACK_CASES.items()},
    "answered message": answered_message(
        lesson_blocks(lesson()), FEEDBACK_CASES["already answered"]
    ),
    "tutor, grounded": tutor_blocks(
        TutorAnswer(question="q", answer="Fees are yearly.", citations=[CITATION])
    ),
    "tutor, ungrounded": tutor_blocks(TutorAnswer(question="q", answer="", grounded=False)),
    "tutor, refused": tutor_blocks(TutorAnswer(question="q", answer="", refused=True)),
    "nudge with quiz": nudge_blocks(Nudge(learner_name="Ada", lesson_title="Fees", quiz=quiz())),
    "nudge without quiz": nudge_blocks(Nudge(learner_name="Ada", lesson_title="Fees")),
    "welcome": welcome_blocks("Ada", "Card Basics"),
    "next lesson button": [next_lesson_button(after_lesson_id=2)],
    "help": help_blocks(),
    "help, unknown command": help_blocks("frob <&>"),
    "progress": progress_blocks(PROGRESS),
    "paused progress": progress_blocks(
        PROGRESS.model_copy(update={"learner_name": "Bo", "status": "paused", "topics": []})
    ),
    "topics": topics_blocks([FEES]),
    "no topics": topics_blocks([]),
    "app home": home_view(PROGRESS).to_dict()["blocks"],
    "app home, not enrolled": not_enrolled_view().to_dict()["blocks"],
}


@pytest.mark.parametrize("name", list(RENDERED))
def test_every_renderer_gives_valid_block_kit_within_limits(name: str) -> None:
    check_limits(RENDERED[name])
    json.dumps(RENDERED[name])  # ready for the Web API as it is


def test_answered_message_keeps_the_lesson_and_replaces_the_quiz() -> None:
    original = lesson_blocks(lesson())
    feedback = Feedback(
        question_id=7,
        correct=True,
        chosen_label="A",
        correct_label="A",
        correct_text="x",
        explanation="Yes.",
    )
    updated = answered_message(original, feedback)
    check_limits(updated)
    ids = [b.get("block_id") for b in updated]
    assert BlockId.LESSON_HEADER in ids and BlockId.FEEDBACK in ids
    assert BlockId.QUIZ_ANSWERS not in ids


def test_tutor_answers_refusals_and_unknowns() -> None:
    grounded = tutor_blocks(
        TutorAnswer(question="q", answer="Fees are yearly.", citations=[CITATION])
    )
    assert "Fees are yearly." in texts(grounded) and "Card Basics" in texts(grounded)
    unknown = texts(tutor_blocks(TutorAnswer(question="q", answer="", grounded=False)))
    assert "doesn't cover" in unknown
    refused = texts(tutor_blocks(TutorAnswer(question="q", answer="", refused=True)))
    assert "can't help" in refused


def test_nudge_offers_the_quiz_again() -> None:
    blocks = nudge_blocks(Nudge(learner_name="Ada", lesson_title="Fees", quiz=quiz()))
    check_limits(blocks)
    assert "Ada" in texts(blocks) and blocks[-1]["type"] == "actions"


odd_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=9000)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=400).filter(lambda s: s.strip()),
    body=odd_text.filter(lambda s: s.strip()),
    points=st.lists(st.text(max_size=800), max_size=60),
    option_text=st.text(min_size=1, max_size=300).filter(lambda s: s.strip()),
    n_options=st.integers(min_value=1, max_value=6),
    n_citations=st.integers(min_value=0, max_value=30),
    question_id=st.integers(min_value=1, max_value=2**62),
)
def test_any_lesson_renders_within_slack_limits(
    title: str,
    body: str,
    points: list[str],
    option_text: str,
    n_options: int,
    n_citations: int,
    question_id: int,
) -> None:
    prompt = QuizPrompt(
        question_id=question_id,
        delivery_id=question_id,
        stem=body[:5000] or "?",
        options=[
            QuizOption(index=i, label="ABCDEF"[i], text=option_text) for i in range(n_options)
        ],
    )
    cites = [
        Citation(chunk_id=i, document_id=i, document_title=f"Doc {i} " + title, heading=title)
        for i in range(n_citations)
    ]
    content = LessonMessage(
        lesson_id=1,
        topic_slug="t",
        topic_title=title,
        title=title,
        body=body,
        key_points=points,
        scenario=body[:4000],
        citations=cites,
        reason=title,
        quiz=prompt,
    )
    blocks = lesson_blocks(content)
    check_limits(blocks)
    assert blocks[-1]["type"] == "actions"  # the quiz survives any amount of content
    feedback = Feedback(
        question_id=question_id,
        correct=False,
        chosen_label="A",
        correct_label="B",
        correct_text=option_text,
        explanation=body,
        citation=cites[0] if cites else None,
    )
    check_limits(answered_message(blocks, feedback))
    check_limits(feedback_blocks(feedback))
    follow_up = feedback.model_copy(update={"next_quiz": prompt, "mastery_percent": 55})
    check_limits(feedback_blocks(follow_up))
    check_limits(tutor_blocks(TutorAnswer(question="q", answer=body, citations=cites)))


def test_app_home_shows_mastery_of_studied_topics_and_the_next_lesson_locally() -> None:
    text = json.dumps(home_view(PROGRESS).to_dict())
    assert "Annual fees" in text and "Not started" not in text
    assert "*Accuracy:* 75%" in text
    assert "Friday 03 May at 10:00 (Europe/Paris)" in text
