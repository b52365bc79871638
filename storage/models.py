"""SQLAlchemy 2 models. Alembic migrations in storage/migrations are the truth for the schema."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Embedding models we index. Each gets its own partial HNSW index over
# `embedding::vector(dim)` restricted to rows of that model, so two models of
# different dimensions can live in one column.
EMBEDDING_MODELS: dict[str, int] = {"minilm": 384, "openai": 1536}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSONB, list[Any]: JSONB}


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    slack_user_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    slack_team_id: Mapped[str | None] = mapped_column(String(32))
    slack_dm_channel: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(20))
    timezone: Mapped[str] = mapped_column(String(64), server_default="UTC")
    delivery_time: Mapped[time] = mapped_column(Time, server_default=sql("'09:00'"))
    quiet_hours_start: Mapped[time | None] = mapped_column(Time)
    quiet_hours_end: Mapped[time | None] = mapped_column(Time)
    weekdays_only: Mapped[bool] = mapped_column(Boolean, server_default=sql("false"))
    preferred_channel: Mapped[str] = mapped_column(String(8), server_default="slack")
    status: Mapped[str] = mapped_column(String(16), server_default="active")
    sms_opted_out: Mapped[bool] = mapped_column(Boolean, server_default=sql("false"))
    email_opted_out: Mapped[bool] = mapped_column(Boolean, server_default=sql("false"))
    channel_order: Mapped[str | None] = mapped_column(String(32))  # "slack,email"; NULL: default
    vacation_until: Mapped[date | None] = mapped_column(Date)
    last_engaged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()

    __table_args__ = (Index("ix_learners_status", "status"),)


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    track: Mapped[str] = mapped_column(String(120), server_default="business-credit-cards")
    position: Mapped[int] = mapped_column(Integer, server_default="0")
    objectives: Mapped[list[Any]] = mapped_column(JSONB, server_default=sql("'[]'::jsonb"))
    # Prerequisites by topic slug: slugs are the stable identifiers a curriculum file uses.
    prerequisites: Mapped[list[str]] = mapped_column(ARRAY(String(120)), server_default=sql("'{}'"))
    source_filter: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=sql("'{}'::jsonb"))
    origin: Mapped[str] = mapped_column(String(16), server_default="curriculum")
    created_at: Mapped[datetime] = _now()


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    source_uri: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(8))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    status: Mapped[str] = mapped_column(String(16), server_default="active")
    byte_size: Mapped[int] = mapped_column(BigInteger, server_default="0")
    flags: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=sql("'{}'::jsonb"))
    created_at: Mapped[datetime] = _now()

    chunks: Mapped[list[Chunk]] = relationship(back_populates="document", lazy="raise")

    __table_args__ = (
        UniqueConstraint("source_uri", "version", name="uq_documents_source_version"),
        Index(
            "ix_documents_active_source",
            "source_uri",
            unique=True,
            postgresql_where=sql("status = 'active'"),
        ),
    )


class Chunk(Base):
    __tablename__ = "chunks"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"))
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    heading_path: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=sql("'{}'"))
    # The heading path joined with " > ": shown in citations and weighted high in search.
    heading: Mapped[str] = mapped_column(Text, server_default="")
    token_count: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, server_default=sql("true"))
    # Flagged as prompt injection at ingest: kept out of lessons, answers and search
    # until an admin releases it (released_at / released_by record who and when).
    quarantined: Mapped[bool] = mapped_column(Boolean, server_default=sql("false"))
    quarantine_reasons: Mapped[list[str]] = mapped_column(JSONB, server_default=sql("'[]'::jsonb"))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    released_by: Mapped[str | None] = mapped_column(Text)
    tsv: Mapped[Any] = mapped_column(
        TSVECTOR,
        Computed(
            "setweight(to_tsvector('english', heading), 'A') || to_tsvector('english', text)",
            persisted=True,
        ),
    )
    embedding_model: Mapped[str | None] = mapped_column(String(32))
    embedding: Mapped[Any] = mapped_column(Vector(), nullable=True)

    document: Mapped[Document] = relationship(back_populates="chunks", lazy="raise")

    __table_args__ = (
        Index("ix_chunks_tsv", "tsv", postgresql_using="gin"),
        Index("ix_chunks_document", "document_id"),
        Index("ix_chunks_topic", "topic_id"),
        Index("ix_chunks_quarantined", "id", postgresql_where=sql("quarantined AND active")),
    )


class Lesson(Base):
    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    difficulty: Mapped[int] = mapped_column(SmallInteger, server_default="1")
    cache_key: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    key_points: Mapped[list[Any]] = mapped_column(JSONB, server_default=sql("'[]'::jsonb"))
    scenario: Mapped[str] = mapped_column(Text, server_default="")
    citations: Mapped[list[Any]] = mapped_column(JSONB, server_default=sql("'[]'::jsonb"))
    # The chunks the lesson was built from; a changed document makes these lessons stale.
    chunk_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default=sql("'{}'"))
    generator: Mapped[str] = mapped_column(String(64))
    source_hash: Mapped[str] = mapped_column(String(64))
    safety_verdict: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=sql("'{}'::jsonb"))
    status: Mapped[str] = mapped_column(String(16), server_default="ready")
    # auto (stored while review was off) | pending | approved | rejected
    review_status: Mapped[str] = mapped_column(String(16), server_default="auto")
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_reason: Mapped[str] = mapped_column(Text, server_default="")
    created_at: Mapped[datetime] = _now()

    questions: Mapped[list[Question]] = relationship(
        back_populates="lesson", lazy="raise", order_by="Question.position"
    )

    __table_args__ = (
        Index("ix_lessons_cache_key", "cache_key", unique=True),
        Index("ix_lessons_topic_status", "topic_id", "status"),
        Index("ix_lessons_chunk_ids", "chunk_ids", postgresql_using="gin"),
        Index(
            "ix_lessons_review_queue",
            "review_status",
            "id",
            postgresql_where=sql("review_status IN ('pending', 'auto')"),
        ),
    )


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list[Any]] = mapped_column(JSONB)
    correct_option: Mapped[int] = mapped_column(SmallInteger)
    explanation: Mapped[str] = mapped_column(Text)
    citation: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=sql("'{}'::jsonb"))

    lesson: Mapped[Lesson] = relationship(back_populates="questions", lazy="raise")

    __table_args__ = (Index("ix_questions_lesson", "lesson_id"),)


class Enrollment(Base):
    __tablename__ = "enrollments"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    track: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), server_default="active")
    lessons_completed: Mapped[int] = mapped_column(Integer, server_default="0")
    questions_answered: Mapped[int] = mapped_column(Integer, server_default="0")
    correct_answers: Mapped[int] = mapped_column(Integer, server_default="0")
    started_at: Mapped[datetime] = _now()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("learner_id", "track", name="uq_enrollments_learner_track"),)


class ReviewCard(Base):
    __tablename__ = "review_cards"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    state: Mapped[int] = mapped_column(SmallInteger)
    step: Mapped[int | None] = mapped_column(SmallInteger)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_review: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reps: Mapped[int] = mapped_column(Integer, server_default="0")
    lapses: Mapped[int] = mapped_column(Integer, server_default="0")

    __table_args__ = (
        Index("ix_review_cards_learner_due", "learner_id", "due"),
        Index("ix_review_cards_learner_topic", "learner_id", "topic_id"),
    )


class Delivery(Base):
    """Outbox of messages. The idempotency key makes each logical send happen once."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16), server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    local_date: Mapped[date | None] = mapped_column(Date)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"))
    lesson_id: Mapped[int | None] = mapped_column(ForeignKey("lessons.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)
    provider_message_id: Mapped[str | None] = mapped_column(String(64))
    provider_channel: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = _now()

    __table_args__ = (
        Index("ix_deliveries_learner_created", "learner_id", "created_at"),
        Index("ix_deliveries_status", "status"),
        Index("ix_deliveries_kind_status_sent", "kind", "status", "sent_at"),
    )


class QuizResponse(Base):
    __tablename__ = "quiz_responses"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="SET NULL"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"))
    delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliveries.id", ondelete="SET NULL")
    )
    chosen_option: Mapped[int] = mapped_column(SmallInteger)
    correct: Mapped[bool] = mapped_column(Boolean)
    response_ms: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = _now()

    __table_args__ = (
        # A retried or double click on the same question of the same delivery records once.
        UniqueConstraint("learner_id", "delivery_id", "question_id", name="uq_quiz_responses_once"),
        Index("ix_quiz_responses_learner", "learner_id", "created_at"),
        Index("ix_quiz_responses_created", "created_at"),
    )


class SlackEventSeen(Base):
    __tablename__ = "slack_events_seen"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(120))
    target: Mapped[str] = mapped_column(String(300))
    request_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=sql("'{}'::jsonb"))
    at: Mapped[datetime] = _now()


class LlmCall(Base):
    """One row per LLM request (or cache hit), for cost and cache reporting."""

    __tablename__ = "llm_calls"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    purpose: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(64))
    cached: Mapped[bool] = mapped_column(Boolean)
    prompt_tokens: Mapped[int] = mapped_column(Integer, server_default="0")
    completion_tokens: Mapped[int] = mapped_column(Integer, server_default="0")
    cost_usd: Mapped[float] = mapped_column(Numeric(12, 6), server_default="0")
    latency_ms: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[datetime] = _now()
