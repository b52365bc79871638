"""Channel-neutral content used by the Slack tests."""

from __future__ import annotations

from flows.messages import LessonMessage, QuizOption, QuizPrompt
from knowledge.passages import Citation

CITATION = Citation(chunk_id=11, document_id=3, document_title="Card Basics", heading="Annual fees")


def quiz(question_id: int = 7, delivery_id: int | None = 5) -> QuizPrompt:
    return QuizPrompt(
        question_id=question_id,
        delivery_id=delivery_id,
        stem="When is the annual fee charged?",
        options=[
            QuizOption(index=0, label="A", text="On the account anniversary"),
            QuizOption(index=1, label="B", text="Every month"),
            QuizOption(index=2, label="C", text="Never"),
        ],
    )


def lesson(quiz_prompt: QuizPrompt | None = None) -> LessonMessage:
    return LessonMessage(
        delivery_id=5,
        lesson_id=2,
        topic_slug="annual-fees",
        topic_title="Annual fees",
        title="Annual fees & <waivers>",
        body="The annual fee is charged on the account anniversary.\n\nSome cards waive it.",
        key_points=["Charged yearly", "Waivers exist"],
        scenario="A client asks why they were charged in March.",
        citations=[CITATION],
        reason="You have not seen this topic yet.",
        quiz=quiz_prompt or quiz(),
    )
