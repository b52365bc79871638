"""Pure Block Kit renderers for channel-neutral content (no I/O, no session).

Scheduled pushes and interactive replies call the same functions, so a lesson looks the
same whichever way it arrives. Every text is escaped and cut to Slack's limits.

Blocks are built as plain dicts, ready for the Web API: building and validating
slack_sdk block models cost more than the rest of a push. The tests parse every
rendered block with slack_sdk to keep them valid Block Kit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

from delivery.slack.ids import ActionId, AnswerPayload, BlockId, NextLessonPayload
from flows.messages import Feedback, LessonMessage, Nudge, QuizPrompt, TutorAnswer, Welcome
from knowledge.passages import Citation

BlockDict: TypeAlias = dict[str, Any]

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


def _plain_text(text: str) -> dict[str, Any]:
    """Plain text with emoji codes shown; an empty text is left out, as slack_sdk did."""
    obj: dict[str, Any] = {"type": "plain_text", "emoji": True}
    if text:
        obj["text"] = text
    return obj


def _with_id(block: BlockDict, block_id: str | None) -> BlockDict:
    if block_id is not None:
        block["block_id"] = str(block_id)
    return block


def _divider() -> BlockDict:
    return {"type": "divider"}


def _mrkdwn_section(text: str, block_id: str | None = None) -> list[BlockDict]:
    """One or more sections: long text is split at paragraph breaks, then cut.

    The first section carries `block_id`, the next ones `block_id_1`, `block_id_2`..."""
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
        _with_id(
            {"type": "section", "text": {"type": "mrkdwn", "text": part}},
            block_id if i == 0 else (f"{block_id}_{i}" if block_id else None),
        )
        for i, part in enumerate(parts)
    ]


def _context(lines: Iterable[str], block_id: str | None = None) -> list[BlockDict]:
    elements = [
        {"type": "mrkdwn", "text": clip(line, MAX_CONTEXT_TEXT)} for line in lines if line.strip()
    ][:MAX_CONTEXT_ELEMENTS]
    return [_with_id({"type": "context", "elements": elements}, block_id)] if elements else []


def citation_line(citations: Sequence[Citation]) -> str:
    labels = list(dict.fromkeys(escape(c.label()) for c in citations))
    return ":books: Source: " + " · ".join(labels) if labels else ""


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": _plain_text(clip(text, MAX_BUTTON_TEXT)),
        "action_id": str(action_id),
        "value": value,
    }
    if style is not None:
        button["style"] = style
    return button


def answer_action_id(index: int) -> str:
    return f"{ActionId.ANSWER}_{index}"


def quiz_blocks(quiz: QuizPrompt) -> list[BlockDict]:
    counter = f" ({quiz.position + 1}/{quiz.total})" if quiz.total > 1 else ""
    stem = f"*:question: Quick check{counter}*\n{escape(quiz.stem)}"
    options = "\n".join(f"*{o.label}.* {escape(o.text)}" for o in quiz.options)
    text = clip(f"{stem}\n\n{options}" if options else stem, MAX_SECTION_TEXT)
    blocks = [
        _with_id({"type": "section", "text": {"type": "mrkdwn", "text": text}}, BlockId.QUIZ_STEM)
    ]
    buttons = [
        _button(
            f"{option.label}. {option.text}",
            answer_action_id(option.index),
            AnswerPayload(
                question_id=quiz.question_id, option=option.index, delivery_id=quiz.delivery_id
            ).encode(),
        )
        for option in quiz.options[:25]
    ]
    if buttons:
        blocks.append(_with_id({"type": "actions", "elements": buttons}, BlockId.QUIZ_ANSWERS))
    return blocks


def lesson_blocks(lesson: LessonMessage) -> list[BlockDict]:
    header = {"type": "header", "text": _plain_text(clip(lesson.title, MAX_HEADER_TEXT))}
    blocks = [_with_id(header, BlockId.LESSON_HEADER)]
    blocks += _mrkdwn_section(lesson.body, BlockId.LESSON_BODY)
    if lesson.key_points:
        points = "\n".join(f"• {p}" for p in lesson.key_points)
        blocks += _mrkdwn_section(f"*Key points*\n{points}")
    if lesson.scenario.strip():
        blocks += _mrkdwn_section(f"*Scenario*\n{lesson.scenario}")
    reason = f":dart: {escape(lesson.reason)}" if lesson.reason.strip() else ""
    topic = f":label: {escape(lesson.topic_title)}" if lesson.topic_title else ""
    blocks += _context([citation_line(lesson.citations), topic, reason], BlockId.LESSON_CONTEXT)
    tail = [_divider(), *quiz_blocks(lesson.quiz)] if lesson.quiz else []
    return _fit(blocks, tail)


def _fit(head: list[BlockDict], tail: list[BlockDict]) -> list[BlockDict]:
    """Keep the tail (the quiz or next step) whole and cut the head to stay within 50."""
    room = MAX_BLOCKS - len(tail)
    return head[:room] + tail


def next_lesson_button(after_lesson_id: int | None = None) -> BlockDict:
    button = _button(
        "Next lesson",
        ActionId.NEXT_LESSON,
        NextLessonPayload(after_lesson_id=after_lesson_id).encode(),
        style="primary",
    )
    return _with_id({"type": "actions", "elements": [button]}, BlockId.NEXT)


def feedback_blocks(feedback: Feedback) -> list[BlockDict]:
    if feedback.already_answered:
        verdict = f":repeat: You already answered this one ({feedback.chosen_label})."
    elif feedback.correct:
        verdict = f":white_check_mark: *Correct!* {feedback.correct_label} is right."
    else:
        verdict = (
            f":x: *Not quite.* You chose {feedback.chosen_label}; the answer is "
            f"*{feedback.correct_label}. {feedback.correct_text}*"
        )
    blocks = _mrkdwn_section(clip(verdict, MAX_SECTION_TEXT), BlockId.FEEDBACK)
    if feedback.explanation.strip():
        blocks += _mrkdwn_section(feedback.explanation)
    lines = [citation_line([feedback.citation]) if feedback.citation else ""]
    if feedback.mastery_percent is not None:
        lines.append(f":chart_with_upwards_trend: Topic mastery: {feedback.mastery_percent}%")
    blocks += _context(lines)
    tail = (
        [_divider(), *quiz_blocks(feedback.next_quiz)]
        if feedback.next_quiz
        else [next_lesson_button()]
    )
    return _fit(blocks, tail)


def answered_message(original: Sequence[BlockDict], feedback: Feedback) -> list[BlockDict]:
    """The original message with its quiz replaced by the feedback (for chat.update)."""
    quiz_ids = {BlockId.QUIZ_STEM.value, BlockId.QUIZ_ANSWERS.value, BlockId.NEXT.value}
    kept = [dict(b) for b in original if b.get("block_id") not in quiz_ids]
    while kept and kept[-1].get("type") == "divider":
        kept.pop()
    rendered = feedback_blocks(feedback)
    if kept:
        rendered.insert(0, _divider())
    return (kept + rendered)[-MAX_BLOCKS:]


def tutor_blocks(answer: TutorAnswer) -> list[BlockDict]:
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


def nudge_blocks(nudge: Nudge) -> list[BlockDict]:
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


def welcome_blocks(name: str, track_title: str) -> list[BlockDict]:
    """The first DM after enrolment (self-service or by an admin)."""
    text = (
        f":wave: Welcome, {name}! You're enrolled in *{track_title}*.\n"
        "Each day I'll send one short lesson with a quick quiz. Tap an answer to see "
        "how you did, and DM me any question about the material."
    )
    blocks = _mrkdwn_section(text)
    blocks += _context(["Type `/learn help` for commands, or `/learn settings` to pick a time."])
    return [*blocks, next_lesson_button()]


def outbound_message(content: LessonMessage | Nudge | Welcome) -> tuple[str, list[BlockDict]]:
    """The notification text and blocks of a message the delivery pipeline sends."""
    if isinstance(content, LessonMessage):
        return notification_text(content), lesson_blocks(content)
    if isinstance(content, Nudge):
        return notification_text(content), nudge_blocks(content)
    name = escape(content.learner_name)
    return f"Welcome to BMO Learning, {name}!", welcome_blocks(name, content.track_title)
