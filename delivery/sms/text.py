"""Pure SMS renderers: the same channel-neutral content as Slack, as short text.

A lesson must fit in three SMS segments. GSM-7 text costs one septet per character (two
for the extension table) with 153 per segment when concatenated (160 alone); any other
character switches the whole message to UCS-2 with 67 UTF-16 units per segment (70 alone).
"""

from __future__ import annotations

from flows.messages import Feedback, LessonMessage, Nudge, QuizPrompt, Welcome

MAX_SEGMENTS = 3
REPLY_HINT = "Reply A, B, C or D"
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = set("^{}\\[~]|€\f")
# Common typography that would force UCS-2 for one character.
_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "•": "-",
        "›": ">",
        "\u00a0": " ",
    }
)


def is_gsm7(text: str) -> bool:
    return all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text)


def units(text: str) -> int:
    """Septets for GSM-7 text, UTF-16 code units otherwise."""
    if is_gsm7(text):
        return sum(2 if ch in GSM_EXTENDED else 1 for ch in text)
    return len(text.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    size = units(text)
    single, multi = (160, 153) if is_gsm7(text) else (70, 67)
    if size <= single:
        return 1
    return -(-size // multi)


def plain(text: str) -> str:
    return " ".join(text.translate(_PLAIN).split())


def _quiz_lines(quiz: QuizPrompt) -> list[str]:
    return [plain(quiz.stem), *(f"{o.label}) {plain(o.text)}" for o in quiz.options)]


def _fit(head: str, body: str, tail: list[str]) -> str:
    """Shorten `body` (word by word) until the whole message fits in MAX_SEGMENTS."""
    words = body.split()
    while True:
        middle = " ".join(words) + ("..." if len(words) < len(body.split()) else "")
        text = "\n".join(part for part in [head, middle, *tail] if part)
        if segments(text) <= MAX_SEGMENTS or not words:
            break
        words = words[: max(0, len(words) - max(1, len(words) // 8))]
    while segments(text) > MAX_SEGMENTS:  # the quiz alone is too long: cut from the end
        text = text[:-10]
    return text


def lesson_text(lesson: LessonMessage) -> str:
    head = plain(f"BMO: {lesson.title}")
    tail = [*_quiz_lines(lesson.quiz), REPLY_HINT] if lesson.quiz else []
    return _fit(head, plain(lesson.body), tail)


def feedback_text(feedback: Feedback) -> str:
    if feedback.already_answered:
        head = f"You already answered {feedback.chosen_label}."
    elif feedback.correct:
        head = "Correct!"
    else:
        head = f"Not quite: the answer is {feedback.correct_label}) {plain(feedback.correct_text)}."
    tail = [f"Source: {plain(feedback.citation.label())}"] if feedback.citation else []
    return _fit(head, plain(feedback.explanation), tail)


def nudge_text(nudge: Nudge) -> str:
    tail = [*_quiz_lines(nudge.quiz), REPLY_HINT] if nudge.quiz else []
    head = plain(f'Hi {nudge.learner_name}, today\'s lesson "{nudge.lesson_title}" is waiting.')
    return _fit(head, "", tail)


def welcome_text(welcome: Welcome) -> str:
    head = plain(f"Welcome to BMO Learning, {welcome.learner_name}!")
    body = plain(
        f"You're enrolled in {welcome.track_title}: one short lesson a day with a quick quiz."
    )
    return _fit(head, body, ["Reply HELP for help, STOP to stop texts."])


def outbound_text(content: LessonMessage | Nudge | Welcome) -> str:
    """The text of a message the delivery pipeline sends by SMS."""
    if isinstance(content, LessonMessage):
        return lesson_text(content)
    if isinstance(content, Nudge):
        return nudge_text(content)
    return welcome_text(content)


HELP_TEXT = (
    "BMO Learning: one short lesson a day. Reply A, B, C or D to answer a quiz. "
    "Reply STOP to stop texts, START to resume."
)
STOPPED_TEXT = "You will get no more texts from BMO Learning. Reply START to resume."
STARTED_TEXT = "Welcome back: BMO Learning texts are on again. Reply HELP for help."
NO_QUIZ_TEXT = "There is no open quiz right now. Your next lesson is on its way."
UNKNOWN_TEXT = "Reply A, B, C or D to answer, or HELP for help."
