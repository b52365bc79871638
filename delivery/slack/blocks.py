"""Pure Block Kit renderers for channel-neutral content (no I/O, no session).

Scheduled pushes and interactive replies call the same functions, so a lesson looks the
same whichever way it arrives. Every text is escaped and cut to Slack's limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from delivery.slack.ids import ActionId, AnswerPayload, BlockId, NextLessonPayload
from flows.messages import Feedback, LessonMessage, Nudge, QuizPrompt, TutorAnswer
from knowledge.passages import Citation

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_CONTEXT_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK_TEXT = 3000
ANSWER_ACTION_PATTERN = re.compile(rf"^{ActionId.ANSWER}_\d+$")


def escape(text: str) -> str:
    """Slack treats &, < and > as control characters in mrkdwn and plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mrkdwn_section_parts(text: str, block_id: str | None) -> list[tuple[str, str | None]]:
    """Long text split at paragraph breaks, then cut; each part with its block id."""
    parts: list[str] = []
    current = ""
    for paragraph in escape(text).split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= MAX_SECTION_TEXT:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = paragraph
        while len(current) > MAX_SECTION_TEXT:
            parts.append(current[:MAX_SECTION_TEXT])
            current = current[MAX_SECTION_TEXT:]
    if current.strip():
        parts.append(current)
    return [
        (part, block_id if i == 0 else (f"{block_id}_{i}" if block_id else None))
        for i, part in enumerate(parts)
    ]


def _mrkdwn_section(text: str, block_id: str | None = None) -> list[Block]:
    """One or more sections: long text is split at paragraph breaks, then cut."""
    return [
        SectionBlock(text=MarkdownTextObject(text=part), block_id=bid)
        for part, bid in _mrkdwn_section_parts(text, block_id)
    ]


def _context(lines: Iterable[str], block_id: str | None = None) -> list[Block]:
    elements = [
        MarkdownTextObject(text=clip(line, MAX_CONTEXT_TEXT)) for line in lines if line.strip()
    ][:MAX_CONTEXT_ELEMENTS]
    return [ContextBlock(elements=elements, block_id=block_id)] if elements else []


def citation_line(citations: Sequence[Citation]) -> str:
    labels = list(dict.fromkeys(escape(c.label()) for c in citations))
    return ":books: Source: " + " · ".join(labels) if labels else ""


def _button(text: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=clip(text, MAX_BUTTON_TEXT), emoji=True),
        action_id=action_id,
        value=value,
        style=style,
    )


def answer_action_id(index: int) -> str:
    return f"{ActionId.ANSWER}_{index}"


def _quiz_parts(quiz: QuizPrompt) -> tuple[str, list[tuple[str, str, str]]]:
    """The quiz's section text and its buttons' (text, action id, value)."""
    counter = f" ({quiz.position + 1}/{quiz.total})" if quiz.total > 1 else ""
    stem = f"*:question: Quick check{counter}*\n{escape(quiz.stem)}"
    options = "\n".join(f"*{o.label}.* {escape(o.text)}" for o in quiz.options)
    text = clip(f"{stem}\n\n{options}" if options else stem, MAX_SECTION_TEXT)
    buttons = [
        (
            f"{option.label}. {option.text}",
            answer_action_id(option.index),
            AnswerPayload(
                question_id=quiz.question_id, option=option.index, delivery_id=quiz.delivery_id
            ).encode(),
        )
        for option in quiz.options[:25]
    ]
    return text, buttons


def quiz_blocks(quiz: QuizPrompt) -> list[Block]:
    text, buttons = _quiz_parts(quiz)
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=text), block_id=BlockId.QUIZ_STEM)
    ]
    if buttons:
        elements = [_button(*button) for button in buttons]
        blocks.append(ActionsBlock(elements=elements, block_id=BlockId.QUIZ_ANSWERS))
    return blocks


def lesson_blocks(lesson: LessonMessage) -> list[Block]:
    blocks: list[Block] = [
        HeaderBlock(
            text=PlainTextObject(text=clip(lesson.title, MAX_HEADER_TEXT), emoji=True),
            block_id=BlockId.LESSON_HEADER,
        ),
    ]
    blocks += _mrkdwn_section(lesson.body, BlockId.LESSON_BODY)
    if lesson.key_points:
        points = "\n".join(f"• {p}" for p in lesson.key_points)
        blocks += _mrkdwn_section(f"*Key points*\n{points}")
    if lesson.scenario.strip():
        blocks += _mrkdwn_section(f"*Scenario*\n{lesson.scenario}")
    reason = f":dart: {escape(lesson.reason)}" if lesson.reason.strip() else ""
    topic = f":label: {escape(lesson.topic_title)}" if lesson.topic_title else ""
    blocks += _context([citation_line(lesson.citations), topic, reason], BlockId.LESSON_CONTEXT)
    tail: list[Block] = [DividerBlock(), *quiz_blocks(lesson.quiz)] if lesson.quiz else []
    return _fit(blocks, tail)


def _fit(head: list[Block], tail: list[Block]) -> list[Block]:
    """Keep the tail (the quiz or next step) whole and cut the head to stay within 50."""
    room = MAX_BLOCKS - len(tail)
    return head[:room] + tail


def next_lesson_button(after_lesson_id: int | None = None) -> ActionsBlock:
    return ActionsBlock(
        block_id=BlockId.NEXT,
        elements=[
            _button(
                "Next lesson",
                ActionId.NEXT_LESSON,
                NextLessonPayload(after_lesson_id=after_lesson_id).encode(),
                style="primary",
            )
        ],
    )


def _feedback_parts(feedback: Feedback) -> tuple[str, str, list[str]]:
    """The verdict, the explanation and the context lines of an answer's feedback."""
    if feedback.already_answered:
        verdict = f":repeat: You already answered this one ({feedback.chosen_label})."
    elif feedback.correct:
        verdict = f":white_check_mark: *Correct!* {feedback.correct_label} is right."
    else:
        verdict = (
            f":x: *Not quite.* You chose {feedback.chosen_label}; the answer is "
            f"*{feedback.correct_label}. {feedback.correct_text}*"
        )
    lines = [citation_line([feedback.citation]) if feedback.citation else ""]
    if feedback.mastery_percent is not None:
        lines.append(f":chart_with_upwards_trend: Topic mastery: {feedback.mastery_percent}%")
    return verdict, feedback.explanation, lines


def feedback_blocks(feedback: Feedback) -> list[Block]:
    verdict, explanation, lines = _feedback_parts(feedback)
    blocks = _mrkdwn_section(clip(verdict, MAX_SECTION_TEXT), BlockId.FEEDBACK)
    if explanation.strip():
        blocks += _mrkdwn_section(explanation)
    blocks += _context(lines)
    tail: list[Block] = (
        [DividerBlock(), *quiz_blocks(feedback.next_quiz)]
        if feedback.next_quiz
        else [next_lesson_button()]
    )
    return _fit(blocks, tail)


def answered_message(
    original: Sequence[dict[str, Any]], feedback: Feedback
) -> list[dict[str, Any]]:
    """The original message with its quiz replaced by the feedback (for chat.update).

    Rendered as plain dicts, the same as `as_dicts(feedback_blocks(feedback))`: this runs
    on every quiz click, and building and validating block models costs more than the
    rest of the rendering."""
    quiz_ids = {BlockId.QUIZ_STEM.value, BlockId.QUIZ_ANSWERS.value, BlockId.NEXT.value}
    kept = [dict(b) for b in original if b.get("block_id") not in quiz_ids]
    while kept and kept[-1].get("type") == "divider":
        kept.pop()
    rendered = feedback_dicts(feedback)
    if kept:
        rendered.insert(0, {"type": "divider"})
    return (kept + rendered)[-MAX_BLOCKS:]


def _section_dicts(text: str, block_id: str | None = None) -> list[dict[str, Any]]:
    """`_mrkdwn_section` as dicts."""
    blocks = []
    for part, bid in _mrkdwn_section_parts(text, block_id):
        section: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": part}}
        if bid is not None:
            section["block_id"] = bid
        blocks.append(section)
    return blocks


def _context_dicts(lines: Iterable[str], block_id: str | None = None) -> list[dict[str, Any]]:
    elements = [
        {"type": "mrkdwn", "text": clip(line, MAX_CONTEXT_TEXT)} for line in lines if line.strip()
    ][:MAX_CONTEXT_ELEMENTS]
    if not elements:
        return []
    context: dict[str, Any] = {"type": "context", "elements": elements}
    if block_id is not None:
        context["block_id"] = block_id
    return [context]


def _button_dict(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": str(action_id),
        "value": value,
    }
    if style is not None:
        button["style"] = style
    return button


def _quiz_dicts(quiz: QuizPrompt) -> list[dict[str, Any]]:
    """`quiz_blocks` as dicts."""
    text, buttons = _quiz_parts(quiz)
    blocks: list[dict[str, Any]] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": text},
            "block_id": BlockId.QUIZ_STEM.value,
        }
    ]
    if buttons:
        blocks.append(
            {
                "type": "actions",
                "elements": [_button_dict(*b) for b in buttons],
                "block_id": BlockId.QUIZ_ANSWERS.value,
            }
        )
    return blocks


def feedback_dicts(feedback: Feedback) -> list[dict[str, Any]]:
    """`as_dicts(feedback_blocks(feedback))`, without building block models."""
    verdict, explanation, lines = _feedback_parts(feedback)
    blocks = _section_dicts(clip(verdict, MAX_SECTION_TEXT), BlockId.FEEDBACK.value)
    if explanation.strip():
        blocks += _section_dicts(explanation)
    blocks += _context_dicts(lines)
    if feedback.next_quiz:
        tail = [{"type": "divider"}, *_quiz_dicts(feedback.next_quiz)]
    else:
        next_button = _button_dict(
            "Next lesson",
            ActionId.NEXT_LESSON.value,
            NextLessonPayload(after_lesson_id=None).encode(),
            style="primary",
        )
        tail = [{"type": "actions", "block_id": BlockId.NEXT.value, "elements": [next_button]}]
    return blocks[: MAX_BLOCKS - len(tail)] + tail


def tutor_blocks(answer: TutorAnswer) -> list[Block]:
    if answer.refused:
        text = ":no_entry: I can't help with that request. Ask me about the training material."
        return _mrkdwn_section(text)
    if not answer.grounded:
        text = (
            ":thinking_face: The training material doesn't cover that, so I won't guess. "
            "Try rephrasing, or ask your manager."
        )
        return _mrkdwn_section(text)
    blocks = _mrkdwn_section(answer.answer)
    return _fit(blocks, _context([citation_line(answer.citations)]))


def nudge_blocks(nudge: Nudge) -> list[Block]:
    text = (
        f":wave: Hi {escape(nudge.learner_name)}, today's lesson "
        f"*{escape(nudge.lesson_title)}* is still waiting for you."
    )
    blocks = _mrkdwn_section(clip(text, MAX_SECTION_TEXT))
    return _fit(blocks, quiz_blocks(nudge.quiz) if nudge.quiz else [next_lesson_button()])


def notification_text(content: LessonMessage | Feedback | TutorAnswer | Nudge) -> str:
    """Plain fallback text for notifications and screen readers."""
    if isinstance(content, LessonMessage):
        text = f"Today's lesson: {content.title}"
    elif isinstance(content, Feedback):
        text = "Correct!" if content.correct else f"The answer is {content.correct_label}."
    elif isinstance(content, TutorAnswer):
        text = content.answer if content.grounded and not content.refused else "No answer found"
    else:
        text = f"Your lesson {content.lesson_title} is waiting"
    return clip(text, MAX_FALLBACK_TEXT)


def as_dicts(blocks: Sequence[Block]) -> list[dict[str, Any]]:
    return [block.to_dict() for block in blocks]


def welcome_blocks(name: str, track_title: str) -> list[Block]:
    """The first DM after enrolment (self-service or by an admin)."""
    text = (
        f":wave: Welcome, {name}! You're enrolled in *{track_title}*.\n"
        "Each day I'll send one short lesson with a quick quiz. Tap an answer to see "
        "how you did, and DM me any question about the material."
    )
    blocks = _mrkdwn_section(text)
    blocks += _context(["Type `/learn help` for commands, or `/learn settings` to pick a time."])
    return [*blocks, next_lesson_button()]
