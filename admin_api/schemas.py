"""Request and response models. The OpenAPI document is generated from these."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from delivery.sms.numbers import InvalidPhone, normalise_phone

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,119}$")]
Email = Annotated[
    str, StringConstraints(max_length=320, pattern=r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$")
]


def _international_phone(value: str) -> str:
    """A number with its country code is checked here; one without is read in the
    deployment's region (PHONE_REGION) by the handler."""
    if not value.lstrip().startswith("+"):
        return value
    try:
        return normalise_phone(value, None)
    except InvalidPhone as exc:
        raise ValueError(str(exc)) from None


Phone = Annotated[
    str,
    StringConstraints(max_length=40, pattern=r"^\s*\+?[0-9(][0-9 ().\-]{6,}$"),
    AfterValidator(_international_phone),
    Field(
        description="A mobile number, stored as E.164; without +country code it is read "
        "in the deployment's region (PHONE_REGION)",
        examples=["+14165550199", "(416) 555-0199"],
    ),
]
SlackId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{2,32}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
WallClock = Annotated[
    str,
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="Local wall-clock time, HH:MM", examples=["09:00"]),
]
Channel = Literal["slack", "sms"]
# The channels to try for a learner, in order, e.g. "slack,email" (each at most once).
ChannelOrder = Annotated[
    str,
    StringConstraints(pattern=r"^(slack|sms|email)(,(slack|sms|email)){0,2}$"),
    Field(description="Channels to try in order, e.g. `slack,email`; unset: Slack, SMS, e-mail"),
]
LearnerStatus = Literal["active", "paused", "opted_out"]


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError("unknown time zone; use an IANA name such as Europe/London") from None
    return value


def _iso_text(value: object) -> object:
    """Query times must be ISO 8601 text; a bare number is not taken as a Unix time."""
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}", value):
        raise ValueError("use an ISO 8601 date-time such as 2026-01-31T00:00:00Z")
    return value


def _utc(value: datetime | None) -> datetime | None:
    """Naive times are taken as UTC; times that cannot be expressed in UTC are refused."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("time is out of range") from None


class Strict(BaseModel):
    """Responses and query strings: no unknown fields."""

    model_config = ConfigDict(extra="forbid")


class Body(BaseModel):
    """Request bodies: no unknown fields and no type coercion ("1" is not a number)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorDetail(Strict):
    field: str
    message: str
    in_: str = Field(alias="in")


class ErrorBody(Strict):
    code: str
    message: str
    details: list[ErrorDetail] = []


class Error(Strict):
    error: ErrorBody


class LearnerFields(Body):
    email: Email | None = None
    slack_user_id: SlackId | None = None
    slack_team_id: SlackId | None = None
    phone: Phone | None = None
    timezone: str = Field(default="UTC", max_length=64)
    delivery_time: WallClock = "09:00"
    preferred_channel: Channel = "slack"
    channel_order: ChannelOrder | None = None
    weekdays_only: bool = False

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return _check_timezone(value)


class LearnerCreate(LearnerFields):
    name: Name
    track: Slug | None = Field(default=None, description="Enrol in this track at once")


class LearnerUpdate(Body):
    name: Name | None = None
    email: Email | None = None
    slack_user_id: SlackId | None = None
    slack_team_id: SlackId | None = None
    phone: Phone | None = None
    timezone: str | None = Field(default=None, max_length=64)
    delivery_time: WallClock | None = None
    preferred_channel: Channel | None = None
    channel_order: ChannelOrder | None = None
    weekdays_only: bool | None = None
    status: LearnerStatus | None = None
    vacation_until: date | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        return None if value is None else _check_timezone(value)


class Learner(Strict):
    id: int
    name: str
    email: str | None
    slack_user_id: str | None
    slack_team_id: str | None
    phone: str | None
    timezone: str
    delivery_time: WallClock
    preferred_channel: str
    channel_order: str | None
    email_opted_out: bool
    weekdays_only: bool
    status: str
    vacation_until: date | None
    created_at: datetime


class LearnerPage(Strict):
    items: list[Learner]
    limit: int
    offset: int
    next_offset: int | None


class PageQuery(Strict):
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    status: LearnerStatus | None = None


class EnrollmentCreate(Body):
    track: Slug


class Enrollment(Strict):
    id: int
    track: str
    status: str
    lessons_completed: int
    questions_answered: int
    correct_answers: int
    started_at: datetime
    completed_at: datetime | None


class TopicProgress(Strict):
    topic_id: int
    slug: str
    title: str
    answered: int
    correct: int
    accuracy: float | None
    cards: int
    due: int
    mastery: float | None = Field(description="Mean recall probability of the topic's cards now")


class EnrollmentProgress(Strict):
    track: str
    status: str
    lessons_completed: int
    questions_answered: int
    correct_answers: int
    started_at: datetime
    completed_at: datetime | None


class Progress(Strict):
    learner_id: int
    status: str
    answered: int
    correct: int
    accuracy: float | None
    due_reviews: int
    last_answer_at: datetime | None
    enrollments: list[EnrollmentProgress]
    topics: list[TopicProgress]


class QuizResponseCreate(Body):
    learner_id: Id
    question_id: Id
    chosen_option: int = Field(ge=0, le=5)
    channel: Channel = "slack"
    delivery_id: Id | None = None
    response_ms: int | None = Field(default=None, ge=0, le=86_400_000)


class QuizResponseRecorded(Strict):
    id: int | None = Field(description="None when this answer was already recorded")
    recorded: bool
    correct: bool
    correct_option: int
    explanation: str


class DashboardQuery(Strict):
    days: int = Field(default=30, ge=1, le=365)


class Dashboard(Strict):
    window_days: int
    generated_at: datetime
    learners: dict[str, int]
    completion: dict[str, float | int | None]
    quiz: dict[str, float | int | None]
    topics: list[dict[str, Any]]
    mastery_distribution: list[dict[str, Any]]
    engagement: list[dict[str, Any]]
    channels: list[dict[str, Any]]
    deliveries: dict[str, int]
    llm: dict[str, float | int | None]


class GenerateLesson(Body):
    topic: Slug
    difficulty: int = Field(default=1, ge=1, le=3)


class LessonQuestion(Strict):
    id: int
    stem: str
    options: list[str]
    correct_option: int
    explanation: str
    citation: dict[str, Any]


class TopicQuery(Strict):
    limit: int = Field(default=100, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class TopicState(Strict):
    slug: str
    title: str
    track: str
    chunks: int = Field(description="active passages of material tagged with the topic")
    status: Literal["ready", "not_generated", "no_quiz", "no_material", "blocked"] = Field(
        description="ready: a lesson with a quiz is sent; not_generated: the material yields "
        "a quiz, the lesson is built on first use; no_quiz: the material yields no two good "
        "questions, so nothing is sent; no_material: no document covers the topic; "
        "blocked: the lesson failed the safety checks"
    )
    lesson_id: int | None
    questions: int
    reason: str


class TopicPage(Strict):
    items: list[TopicState]
    limit: int
    offset: int
    next_offset: int | None


class Lesson(Strict):
    id: int
    topic: str
    title: str
    body: str
    key_points: list[Any]
    scenario: str
    citations: list[Any]
    generator: str
    questions: list[LessonQuestion]


class IngestRequest(Body):
    sources: list[Annotated[str, StringConstraints(min_length=1, max_length=255)]] = Field(
        default=[],
        max_length=100,
        description="File names in the document store; empty means every stored file",
    )


JobState = Literal["queued", "running", "succeeded", "failed"]


class Job(Strict):
    id: str
    kind: str
    status: JobState
    created_at: datetime
    finished_at: datetime | None
    result: dict[str, Any]
    error: str | None


class SafetyCheck(Body):
    text: str = Field(min_length=1, max_length=50_000)


class SafetyViolation(Strict):
    rule: str
    excerpt: str
    severity: str


class SafetyResult(Strict):
    passed: bool
    violations: list[SafetyViolation]
    needs_disclaimer: bool
    pii_kinds: list[str]
    injection_markers: list[str]
    moderation_categories: list[str]


class Status(Strict):
    status: str
    database: str
    rate_limit_backend: str
    llm: str
    counts: dict[str, int]


class Health(Strict):
    status: str


class Document(Strict):
    id: int
    title: str
    name: str
    format: str
    version: int
    status: str
    byte_size: int
    chunks: int
    created_at: datetime


class DocumentPage(Strict):
    items: list[Document]
    limit: int
    offset: int
    next_offset: int | None


class DocumentQuery(Strict):
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class DocumentUpload(Body):
    file: bytes = Field(json_schema_extra={"format": "binary"})


class DocumentUploaded(Strict):
    name: str
    byte_size: int
    job: Job


class DocumentDownload(Strict):
    name: str
    url: str = Field(description="A presigned URL: fetch it without the API key")
    expires_at: datetime


class CurriculumImported(Strict):
    track: str
    topics: int
    chunks_assigned: int


class CsvQuery(Strict):
    since: datetime | None = Field(default=None, description="Only answers from this time on")

    _iso = field_validator("since", mode="before")(_iso_text)
    _in_utc = field_validator("since")(_utc)


class ExportQuery(Strict):
    since: datetime | None = Field(default=None, description="Only answers from this time on")
    after_id: int = Field(default=0, ge=0, le=MAX_ID, description="Continue after this answer")
    limit: int = Field(default=1000, ge=1, le=10_000)

    _iso = field_validator("since", mode="before")(_iso_text)
    _in_utc = field_validator("since")(_utc)


class XapiStatements(Strict):
    statements: list[dict[str, Any]]
    more: str | None


class SourceFilter(Body):
    documents: list[Annotated[str, StringConstraints(max_length=255)]] = Field(
        default=[], max_length=100
    )
    headings: list[Annotated[str, StringConstraints(max_length=255)]] = Field(
        default=[], max_length=100
    )


class CurriculumTopic(Body):
    slug: Slug
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    objectives: list[Annotated[str, StringConstraints(max_length=1000)]] = Field(
        default=[], max_length=50
    )
    prerequisites: list[Slug] = Field(default=[], max_length=50)
    source_filter: SourceFilter = SourceFilter()


class Curriculum(Body):
    track: Slug
    title: str | None = Field(default=None, max_length=300)
    topics: list[CurriculumTopic] = Field(min_length=1, max_length=500)


class QuarantinedChunk(Strict):
    id: int
    document_id: int
    document_title: str
    heading: str
    text: str
    reasons: list[str]


class QuarantinePage(Strict):
    items: list[QuarantinedChunk]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class QuarantineReleased(Strict):
    id: int
    released_by: str
    released_at: datetime
