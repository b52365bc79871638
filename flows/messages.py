"""Channel-neutral content. Flows return these; delivery/ renders them for Slack or SMS."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from knowledge.passages import Citation


class QuizOption(BaseModel):
    index: int
    label: str  # "A".."D"
    text: str


class QuizPrompt(BaseModel):
    question_id: int
    stem: str
    options: list[QuizOption]
    delivery_id: int | None = None
    position: int = 0  # 0-based question number within the lesson
    total: int = 1


class LessonMessage(BaseModel):
    delivery_id: int | None = None
    lesson_id: int
    topic_slug: str
    topic_title: str
    title: str
    body: str
    key_points: list[str] = Field(default_factory=list)
    scenario: str = ""
    citations: list[Citation] = Field(default_factory=list)
    reason: str = ""  # why this topic was chosen, shown to the learner
    quiz: QuizPrompt | None = None  # the first question, asked right after the lesson


class Feedback(BaseModel):
    question_id: int
    delivery_id: int | None = None
    correct: bool
    chosen_label: str
    correct_label: str
    correct_text: str
    explanation: str
    citation: Citation | None = None
    already_answered: bool = False  # a repeated click: show the first answer again
    next_quiz: QuizPrompt | None = None
    mastery_percent: int | None = None
    lesson_complete: bool = False  # the last question: offer the next lesson


class TutorAnswer(BaseModel):
    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    grounded: bool = True  # False: the training material does not cover this
    refused: bool = False  # True: the message was unsafe (e.g. a prompt injection)


class Nudge(BaseModel):
    delivery_id: int | None = None
    learner_name: str
    lesson_title: str
    quiz: QuizPrompt | None = None


class Welcome(BaseModel):
    """The first message after enrolment (self-service or by an admin)."""

    learner_name: str
    track_title: str


class TopicMastery(BaseModel):
    slug: str
    title: str
    mastery_percent: int  # mean predicted recall of the topic's questions
    studied: bool = True
    available: bool = True  # prerequisites mastered, or already studied


class DueReview(BaseModel):
    topic_slug: str
    topic_title: str
    due: datetime


class ProgressSummary(BaseModel):
    """For "/learn progress" and App Home. Accuracy and completion are separate numbers."""

    learner_name: str
    status: str
    streak_days: int
    lessons_completed: int
    questions_answered: int
    correct_answers: int
    accuracy_percent: int | None  # None until the first answer
    completion_rate_percent: int | None  # lessons finished / lessons delivered
    topics: list[TopicMastery] = Field(default_factory=list)
    next_reviews: list[DueReview] = Field(default_factory=list)
    next_delivery: datetime | None = None  # the next scheduled lesson, None when paused
    timezone: str = "UTC"  # the learner's, to show times in
